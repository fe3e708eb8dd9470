"""Fixtures of the people app's tests (the shared ones are in /work/main/conftest.py)."""

import importlib

import pytest


@pytest.fixture
def income_criteria(db):
    """The statutory criteria as the data migration loads them (re-applied: a transactional test
    elsewhere may have emptied the table)."""
    from django.apps import apps

    migration = importlib.import_module("wsparcie.people.migrations.0003_income_criteria")
    migration.add_criteria(apps, None)


@pytest.fixture
def without_health(monkeypatch):
    """``without_health("auditor")``: that role keeps "people.view" but loses "health.view" (no
    such role exists today; this guards the rule for roles added later). Call it before the
    user's permissions are first read."""
    from wsparcie.core import roles

    def _apply(role: str) -> str:
        monkeypatch.setitem(roles.ROLE_PERMISSIONS, role, frozenset(roles.ROLE_PERMISSIONS[role] - {"health.view"}))
        return role

    return _apply
