"""The synthetic data generator (bench/people_generator.py) makes data the registry accepts."""

import datetime as dt

import pytest
from django.db import connection

from bench.people_generator import csv_bytes, load_people, people
from wsparcie.core.pesel import parse
from wsparcie.people import selectors
from wsparcie.people.models import DisabilityCertificate, Household, IncomeRecord, Person, Relation


def test_people_are_consistent_and_deterministic():
    generated = list(people(500, seed=4))
    assert len(generated) == 500 and len({p.pesel for p in generated}) == 500
    for p in generated:
        info = parse(p.pesel)
        assert (info.birth_date, info.sex) == (p.birth_date, p.sex)
    assert [p.pesel for p in people(50, seed=4)] == [p.pesel for p in generated[:50]]
    assert csv_bytes(10, seed=1) == csv_bytes(10, seed=1) != csv_bytes(10, seed=2)


@pytest.mark.django_db
def test_load_people_with_copy(org):
    counts = load_people(connection.cursor(), org.pk, 400, seed=2)
    assert Person.objects.filter(organisation=org).count() == 400 == counts["persons"]
    assert Household.objects.filter(organisation=org).count() == counts["households"]
    assert Relation.objects.filter(organisation=org).count() == counts["relations"] > 0
    assert DisabilityCertificate.objects.filter(organisation=org).count() == counts["certificates"] > 0
    assert IncomeRecord.objects.filter(organisation=org).count() == counts["incomes"] > 0
    assert {"adult", "child", "equivalent"} <= set(DisabilityCertificate.objects.values_list("kind", flat=True))
    # the rows are usable by the selectors
    carer = Relation.objects.filter(organisation=org, is_caregiver=True).first()
    assert selectors.person_family_or_coresident(carer.person, carer.relative)
    holders = [c.person for c in DisabilityCertificate.objects.filter(organisation=org).select_related("person")[:50]]
    assert any(selectors.certificate_valid_on(p, dt.date(2025, 6, 30)) for p in holders)
    # a second seed loads into the same organisation without PESEL collisions
    load_people(connection.cursor(), org.pk, 400, seed=3)
    assert Person.objects.filter(organisation=org).count() == 800
