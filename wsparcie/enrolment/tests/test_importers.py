"""Bulk import of applications through the people app's import framework (kind ``applications``)."""

from __future__ import annotations

import datetime as dt

import pytest

from wsparcie.enrolment import services
from wsparcie.enrolment.models import Application
from wsparcie.enrolment.tests.factories import PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org):
    programme = ProgrammeFactory(organisation=org, slug="korpus-2023")
    services.criteria_set(
        actor="t", programme=programme, spec=[{"code": "w", "name": "65+", "kind": "age", "params": {"min": 65}}]
    )
    old = PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1))
    young = PersonFactory(organisation=org, birth_date=dt.date(1990, 1, 1))
    taken = PersonFactory(organisation=org, birth_date=dt.date(1951, 1, 1))
    services.application_submit(actor="t", programme=programme, person=taken)
    return programme, old, young, taken


def run(org, user, content: str, mode: str):
    from wsparcie.people.imports import import_start

    return import_start(
        actor=user,
        organisation=org,
        kind="applications",
        mode=mode,
        file_name="zgloszenia.csv",
        content=content.encode("utf-8-sig"),
        background=False,
    )


def test_valid_rows_are_imported_and_errors_listed_per_row(org, coordinator, setup):
    programme, old, young, taken = setup
    csv = (
        "pesel;programme;notes\n"
        f"{old.pesel};korpus-2023;z listy papierowej\n"
        f"{young.pesel};{programme.pk};\n"
        f"{taken.pesel};korpus-2023;\n"
        "12345678901;korpus-2023;\n"
        f"{old.pesel};nie-ma-takiego;\n"
    )
    job = run(org, coordinator, csv, "valid_rows")
    assert job.status == "done" and job.imported == 2
    by_row = {(e["row"], e["column"]) for e in job.errors}
    assert (4, "pesel") in by_row and (5, "pesel") in by_row and (6, "programme") in by_row
    assert any("cyfra kontrolna" in e["message"] for e in job.errors)
    imported = Application.objects.filter(source="import")
    assert imported.count() == 2
    assert imported.get(person=old).notes == "z listy papierowej"
    assert imported.get(person=young).eligibility["eligible"] is False  # stored, checked again at qualification


def test_all_or_nothing_imports_nothing_when_a_row_is_wrong(org, coordinator, setup):
    programme, old, young, taken = setup
    job = run(
        org, coordinator, f"pesel,programme\n{old.pesel},korpus-2023\n{taken.pesel},korpus-2023\n", "all_or_nothing"
    )
    assert job.imported == 0
    assert not Application.objects.filter(source="import").exists()
