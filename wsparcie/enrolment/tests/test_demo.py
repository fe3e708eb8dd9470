"""The demo loader: criteria of the seed programmes, people who pass and fail each, idempotent."""

from __future__ import annotations

import pytest

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.enrolment import demo, selectors
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.enrolment.tests.factories import ProgrammeFactory, income_criteria
from wsparcie.people.models import DisabilityCertificate, Person, Relation

pytestmark = pytest.mark.django_db

PLANNED = {"opieka-wytchnieniowa-2022": 10, "korpus-wsparcia-seniorow-2023": 60}


@pytest.fixture
def plock():
    income_criteria()
    org = OrganisationFactory(slug="mops-plock", name="MOPS Płock")
    for slug in set(demo.CRITERIA) | {demo.WAITING_LIST_PROGRAMME}:
        ProgrammeFactory(organisation=org, slug=slug, name=slug, planned_participants=PLANNED.get(slug, 30))
    return org


def counts():
    return (
        EligibilityCriterion.objects.count(),
        Person.objects.count(),
        DisabilityCertificate.objects.count(),
        Relation.objects.count(),
        Application.objects.count(),
        CriterionDecision.objects.count(),
    )


def status(slug, last_name, first_name=None):
    qs = Application.objects.filter(programme__slug=slug, person__last_name=last_name)
    if first_name:
        qs = qs.filter(person__first_name=first_name)
    return qs.get().status


def test_demo_loads_twice_without_duplicates(plock):
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first
    assert first[0] >= 20 and first[4] >= 20


def test_demo_people_pass_and_fail_each_programme(plock):
    demo.load()
    assert status("korpus-wsparcia-seniorow-2023", "Wiśniewska") == "enrolled"
    assert status("korpus-wsparcia-seniorow-2023", "Kaczmarek") == "submitted"
    assert status("korpus-wsparcia-seniorow-2023", "Lewandowska") == "rejected"
    assert status("asystent-osobisty-2021", "Mazur", "Julia") == "enrolled"
    assert status("asystent-osobisty-2021", "Mazur", "Kacper") == "submitted"
    assert status("uslugi-opiekuncze-2020", "Nowicka") == "enrolled"
    assert status("uslugi-opiekuncze-2020", "Kamińska") == "submitted"
    assert status("opieka-wytchnieniowa-2023", "Nowicki") == "enrolled"
    assert status("opieka-wytchnieniowa-2023", "Wójcik") == "submitted"
    assert status("posilek-w-szkole-i-w-domu-2021", "Szymańska") == "enrolled"
    for slug, items in demo.APPLICATIONS.items():
        on = demo.CRITERIA[slug][1]
        for key, what in items:
            first, last = demo.PEOPLE[key][:2]
            application = Application.objects.get(
                programme__slug=slug, person__first_name=first, person__last_name=last
            )
            expected = {"enrol": True}.get(what if isinstance(what, str) else "", None)
            evaluation = selectors.programme_eligibility(application.programme, application.person, on)
            if expected:
                assert evaluation.eligible is True, (slug, key)
            elif what == "submit":
                assert evaluation.eligible is not True, (slug, key)  # the failing (or unknown) example
    # Paweł has no income record: unknown, with the reason
    pawel = Application.objects.get(programme__slug="posilek-w-szkole-i-w-domu-2021", person__first_name="Paweł")
    assert (
        pawel.eligibility["eligible"] is None
        and pawel.eligibility["criteria"][0]["reason"] == "brak danych o dochodzie"
    )


def test_demo_waiting_list(plock):
    demo.load()
    places = selectors.programme_places(
        Application.objects.filter(programme__slug="opieka-wytchnieniowa-2022").first().programme
    )
    assert places == {"capacity": 10, "taken": 10, "free": 0, "waiting": 2}
