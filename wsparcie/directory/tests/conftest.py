"""Fixtures of the register's tests: a clean rate-limit cache, private uploads in a temp dir,
and no minimum fill time unless a test asks for it."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.WSPARCIE_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _no_fill_delay(monkeypatch):
    from wsparcie.directory import forms_apply

    monkeypatch.setattr(forms_apply, "MIN_FILL_SECONDS", 0)


@pytest.fixture
def throttle_rates(monkeypatch):
    """``throttle_rates(public="3/min", public_apply="1/hour")``: tighter limits for one test."""
    from rest_framework.settings import api_settings

    from wsparcie.directory.throttling import PublicThrottle

    def _set(**rates):
        monkeypatch.setattr(PublicThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, **rates})

    return _set


@pytest.fixture
def edition(org):
    """An edition in recruitment whose criteria need residence, age and a certificate, with a
    document to upload online."""
    from wsparcie.directory.tests import factories as f
    from wsparcie.enrolment.services import criteria_set

    org.teryt = "2263011"
    org.city = "Słupsk"
    org.phones = ["59 81 42 801"]
    org.save()
    programme = f.programme(org, slug="uslugi-spoleczne", name="Usługi społeczne – obszar rewitalizowany", planned=5)
    criteria_set(
        actor="test",
        programme=programme,
        spec=[
            {
                "code": "miejsce",
                "name": "Zamieszkanie w Słupsku",
                "kind": "residence",
                "params": {"teryt": ["2263011"], "label": "Słupsk"},
            },
            {
                "code": "senior-lub-orzeczenie",
                "name": "Senior lub osoba z niepełnosprawnością",
                "kind": "any_of",
                "children": [
                    {"code": "senior", "name": "Wiek 60+", "kind": "age", "params": {"min": 60}},
                    {
                        "code": "orzeczenie",
                        "name": "Orzeczenie",
                        "kind": "certificate",
                        "params": {"degrees": ["significant", "moderate"]},
                    },
                ],
            },
        ],
    )
    service = f.ServiceFactory(organisation=org, programme=programme, name="Usługi opiekuńcze")
    f.AreaFactory(service=service)
    f.DocumentFactory(service=service, document="Orzeczenie o niepełnosprawności (jeśli dotyczy)", required=False)
    return programme
