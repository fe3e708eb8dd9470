"""Screening in SQL agrees with rules.evaluate person by person, on a small varied registry."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db.models.expressions import RawSQL

from wsparcie.enrolment import selectors, services
from wsparcie.enrolment.models import EligibilityCriterion
from wsparcie.enrolment.tests.factories import (
    CertificateFactory,
    DecisionFactory,
    IncomeFactory,
    PersonFactory,
    ProgrammeFactory,
    RelationFactory,
    income_criteria,
)
from wsparcie.people.models import Person

pytestmark = pytest.mark.django_db


def _sql(frag):
    return frag.sql, frag.params


ON = dt.date(2023, 6, 1)

EDITIONS = {
    "kws-2023": [
        {"code": "wiek", "name": "Wiek 65+", "kind": "age", "params": {"min": 65}},
        {"code": "zamieszkanie", "name": "Płock", "kind": "residence", "params": {"teryt": ["1462011"]}},
    ],
    "obszar": [
        {
            "code": "obszar",
            "name": "Obszar",
            "kind": "residence",
            "params": {"teryt": ["1462011"], "areas": ["rewitalizacja"]},
        },
    ],
    "asystent-2021": [
        {
            "code": "orzeczenie",
            "name": "Orzeczenie",
            "kind": "certificate",
            "params": {
                "degrees": ["significant", "moderate"],
                "equivalents": True,
                "child": "with_indications",
                "child_under": 16,
            },
        }
    ],
    "bez-rownowaznych": [
        {
            "code": "orzeczenie",
            "name": "Orzeczenie",
            "kind": "certificate",
            "params": {"degrees": ["significant"], "equivalents": False},
        }
    ],
    "uslugi-2020": [
        {
            "code": "adresaci",
            "name": "Adresaci",
            "kind": "any_of",
            "children": [
                {
                    "code": "dorosly",
                    "name": "Dorosły",
                    "kind": "all_of",
                    "children": [
                        {"code": "wiek", "name": "Do 75", "kind": "age", "params": {"max": 75}},
                        {
                            "code": "znaczny",
                            "name": "Znaczny",
                            "kind": "certificate",
                            "params": {"degrees": ["significant"]},
                        },
                    ],
                },
                {
                    "code": "dziecko",
                    "name": "Dziecko",
                    "kind": "certificate",
                    "params": {"child": "with_indications", "child_under": 16},
                },
            ],
        }
    ],
    "wytchnieniowa": [
        {
            "code": "opiekun",
            "name": "Opiekun",
            "kind": "caregiver_of",
            "children": [
                {
                    "code": "podopieczny",
                    "name": "Podopieczny",
                    "kind": "certificate",
                    "params": {"degrees": ["significant"], "equivalents": True, "child": "any", "child_under": 16},
                }
            ],
        }
    ],
    "posilek": [{"code": "dochod", "name": "Dochód", "kind": "income", "params": {"percent": 150}}],
    "ocena": [
        {"code": "wiek", "name": "60+", "kind": "age", "params": {"min": 60}},
        {"code": "samodzielnosc", "name": "Ocena", "kind": "social_worker_judgement", "params": {"question": "?"}},
    ],
    "bez-kryteriow": [],
}


def build_registry(org, seed: int = 7, size: int = 70):
    rnd = random.Random(seed)
    people = []
    for i in range(size):
        birth = None if rnd.random() < 0.08 else ON - dt.timedelta(days=rnd.randint(0, 95 * 365))
        person = PersonFactory(
            organisation=org,
            birth_date=birth,
            teryt=rnd.choice(["1462011", "1462011", "1465011", ""]),
            areas=rnd.choice([[], [], ["rewitalizacja"], ["centrum"]]),
            last_name=f"Osoba{i:03d}",
        )
        people.append(person)
        for _ in range(rnd.choice([0, 0, 1, 1, 2])):
            kind = rnd.choice(["adult", "adult", "equivalent", "child"])
            issued = ON - dt.timedelta(days=rnd.randint(-100, 3000))
            CertificateFactory(
                person=person,
                kind=kind,
                degree="" if kind == "child" else rnd.choice(["significant", "moderate", "mild"]),
                indications=kind == "child" and rnd.random() < 0.6,
                issued_on=issued,
                valid_until=rnd.choice([None, issued + dt.timedelta(days=rnd.randint(0, 2000))]),
            )
        for _ in range(rnd.choice([0, 1, 1, 2])):
            IncomeFactory(
                person=person,
                established_on=ON - dt.timedelta(days=rnd.randint(-200, 900)),
                household_size=rnd.choice([1, 1, 2, 4]),
                income_per_person=Decimal(rnd.choice([500, 899, 900, 901, 1100, 1164, 1165, 2000])),
            )
    for person in people:
        if rnd.random() < 0.25:
            relative = rnd.choice(people)
            if relative.pk != person.pk:
                RelationFactory(
                    person=person,
                    relative=relative,
                    kind=rnd.choice(["parent", "legal_guardian", "actual_caregiver", "spouse", "sibling"]),
                    is_caregiver=rnd.random() < 0.3,
                )
    return people


@pytest.fixture
def registry(org):
    income_criteria()
    return build_registry(org)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_screening_matches_rules_for_every_person(org, registry, edition):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(actor="t", programme=programme, spec=EDITIONS[edition])
    if edition == "ocena":
        criterion = EligibilityCriterion.objects.get(programme=programme, code="samodzielnosc")
        for person in registry[:20]:
            DecisionFactory(criterion=criterion, person=person, passed=person.pk % 2 == 0)

    screening = selectors.programme_screening(programme, ON)
    eligible = set(screening.eligible.values_list("pk", flat=True))
    unknown = set(screening.unknown.values_list("pk", flat=True))

    expected = {True: set(), None: set(), False: set()}
    for person in registry:
        expected[selectors.programme_eligibility(programme, person, ON).eligible].add(person.pk)

    assert eligible == expected[True]
    assert unknown == expected[None]
    assert screening.counts() == (len(eligible), len(unknown))
    assert screening.eligible_count() == len(eligible)
    # the fast set of passing people and the full three-valued evaluation agree
    full = set(
        Person.objects.filter(pk__in=RawSQL(*_sql(screening.ids_sql(screening.condition.passes)))).values_list(
            "pk", flat=True
        )
    )
    assert full == eligible
    # the registry is varied enough for the comparison to mean something
    assert expected[True], edition
    if edition != "bez-kryteriow":
        assert expected[False], edition


def test_screening_is_limited_to_the_programme_organisation(org, other_org):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(actor="t", programme=programme, spec=EDITIONS["kws-2023"])
    mine = PersonFactory(organisation=org, birth_date=dt.date(1940, 1, 1))
    PersonFactory(organisation=other_org, birth_date=dt.date(1940, 1, 1))
    assert list(selectors.programme_screening(programme, ON).eligible) == [mine]


def test_screening_is_one_query(org, registry, django_assert_num_queries):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(actor="t", programme=programme, spec=EDITIONS["wytchnieniowa"] + EDITIONS["posilek"])
    screening = selectors.programme_screening(programme, ON)
    with django_assert_num_queries(1):
        list(screening.eligible.values_list("pk", flat=True))


@pytest.mark.parametrize("dense", [True, False])
def test_listing_pages_by_either_plan(org, dense, monkeypatch):
    from django.core.paginator import Paginator

    from wsparcie.enrolment import screening as screening_module

    monkeypatch.setattr(screening_module, "DENSE_MATCHES", 1 if dense else 10**9)
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(actor="t", programme=programme, spec=EDITIONS["kws-2023"])
    for i in range(7):
        PersonFactory(organisation=org, birth_date=dt.date(1940, 1, 1), last_name=f"Senior{i}")
    PersonFactory(organisation=org, birth_date=dt.date(2000, 1, 1), last_name="Młody")
    page = Paginator(selectors.programme_screening(programme, ON).listing(), 5).get_page(2)
    assert page.paginator.count == 7
    assert [p.last_name for p in page.object_list] == ["Senior5", "Senior6"]
