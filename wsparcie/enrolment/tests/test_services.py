from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsparcie.core.models import AuditEntry
from wsparcie.enrolment import selectors, services
from wsparcie.enrolment.models import Application, EligibilityCriterion
from wsparcie.enrolment.tests.factories import (
    CertificateFactory,
    IncomeFactory,
    PersonFactory,
    ProgrammeFactory,
    RelationFactory,
    income_criteria,
)

pytestmark = pytest.mark.django_db
ON = dt.date(2023, 6, 1)


@pytest.fixture
def kws(org):
    """Korpus Wsparcia Seniorów 2023: 65+, living in Płock, 2 places."""
    programme = ProgrammeFactory(organisation=org, planned_participants=2, name="Korpus Wsparcia Seniorów")
    services.criteria_set(
        actor="test",
        programme=programme,
        spec=[
            {"code": "wiek", "name": "Wiek 65+", "kind": "age", "params": {"min": 65}},
            {"code": "zamieszkanie", "name": "Mieszka w Płocku", "kind": "residence", "params": {"teryt": ["1462011"]}},
        ],
    )
    return programme


def senior(org, **kwargs):
    return PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1), **kwargs)


def submit(programme, person, **kwargs):
    return services.application_submit(actor="test", programme=programme, person=person, on=ON, **kwargs)


# --- criteria --------------------------------------------------------------------------------


def test_criterion_params_are_validated_per_kind(org):
    programme = ProgrammeFactory(organisation=org)
    with pytest.raises(ValidationError) as exc:
        services.criterion_create(
            actor="t", programme=programme, code="wiek", name="Wiek", kind="age", params={"min": 90, "max": 60}
        )
    assert "params" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.criterion_create(actor="t", programme=programme, code="d", name="D", kind="income", params={})
    assert "Podaj procent" in exc.value.message_dict["params"][0]


def test_children_only_under_groups_and_caregiver(org):
    programme = ProgrammeFactory(organisation=org)
    age = services.criterion_create(
        actor="t", programme=programme, code="wiek", name="Wiek", kind="age", params={"min": 60}
    )
    with pytest.raises(ValidationError) as exc:
        services.criterion_create(
            actor="t", programme=programme, code="x", name="X", kind="age", params={"max": 80}, parent=age
        )
    assert "parent" in exc.value.message_dict
    other = ProgrammeFactory(organisation=org)
    group = services.criterion_create(actor="t", programme=other, code="g", name="G", kind="any_of")
    with pytest.raises(ValidationError) as exc:
        services.criterion_create(
            actor="t", programme=programme, code="y", name="Y", kind="age", params={"max": 80}, parent=group
        )
    assert "innego programu" in exc.value.message_dict["parent"][0]


def test_duplicate_code_refused_in_polish(org):
    programme = ProgrammeFactory(organisation=org)
    services.criterion_create(actor="t", programme=programme, code="wiek", name="Wiek", kind="age", params={"min": 60})
    with pytest.raises(ValidationError) as exc:
        services.criterion_create(
            actor="t", programme=programme, code="wiek", name="Wiek 2", kind="age", params={"min": 65}
        )
    assert "Kryterium o tym kodzie już istnieje" in str(exc.value)


def test_criteria_set_is_idempotent_and_audited(kws):
    before = AuditEntry.objects.filter(object_type="enrolment.eligibilitycriterion").count()
    spec = [
        {"code": "wiek", "name": "Wiek 65+", "kind": "age", "params": {"min": 65}},
        {"code": "zamieszkanie", "name": "Mieszka w Płocku", "kind": "residence", "params": {"teryt": ["1462011"]}},
    ]
    services.criteria_set(actor="t", programme=kws, spec=spec)
    assert AuditEntry.objects.filter(object_type="enrolment.eligibilitycriterion").count() == before
    version = selectors.programme_rule_version(kws)
    spec[0]["params"] = {"min": 60}
    services.criteria_set(actor="t", programme=kws, spec=spec[:1])
    assert list(EligibilityCriterion.objects.filter(programme=kws).values_list("code", flat=True)) == ["wiek"]
    assert selectors.programme_rule_version(kws) != version
    assert AuditEntry.objects.filter(object_type="enrolment.eligibilitycriterion", action="delete").count() == 1


# --- submission ------------------------------------------------------------------------------


def test_submit_stores_evaluation_and_refuses_a_second_open_application(kws, org):
    person = senior(org)
    application = submit(kws, person)
    assert application.status == "submitted"
    assert application.eligibility["eligible"] is True
    assert application.rule_version == selectors.programme_rule_version(kws)
    assert application.reference.startswith("ZG-")
    with pytest.raises(services.DuplicateApplication) as exc:
        submit(kws, person)
    assert exc.value.code == "duplicate_application"
    services.application_withdraw(actor="t", application=application)
    assert submit(kws, person).status == "submitted"  # a withdrawn one does not block


def test_online_application_needs_open_recruitment(kws, org):
    with pytest.raises(services.RecruitmentClosed):
        submit(kws, senior(org), source="online")
    kws.recruitment_open = True
    kws.save()
    assert submit(kws, senior(org), source="online").source == "online"


def test_person_of_another_organisation_refused(kws, other_org):
    with pytest.raises(ValidationError) as exc:
        submit(kws, senior(other_org))
    assert "innej organizacji" in exc.value.message_dict["person"][0]


# --- qualification, capacity, waiting list ---------------------------------------------------


def test_qualify_enrols_until_full_then_waiting_list_in_order(kws, org):
    apps = [submit(kws, senior(org)) for _ in range(4)]
    results = [services.application_qualify(actor="t", application=a, on=ON).status for a in apps]
    assert results == ["enrolled", "enrolled", "waiting_list", "waiting_list"]
    first, second = (Application.objects.get(pk=a.pk) for a in apps[:2])
    assert first.enrolled_on == ON and first.declaration_signed_on is None
    waiting = list(selectors.waiting_list(kws))
    assert [a.pk for a in waiting] == [apps[2].pk, apps[3].pk]
    assert selectors.waiting_position(waiting[1]) == 2
    assert selectors.programme_places(kws) == {"capacity": 2, "taken": 2, "free": 0, "waiting": 2}


def test_qualify_records_declaration_or_reserves_a_place(kws, org):
    signed = services.application_qualify(
        actor="t", application=submit(kws, senior(org)), on=ON, declaration_signed_on=dt.date(2023, 6, 2)
    )
    assert signed.status == "enrolled" and signed.declaration_signed_on == dt.date(2023, 6, 2)
    reserved = services.application_qualify(
        actor="t", application=submit(kws, senior(org)), on=ON, await_declaration=True
    )
    assert reserved.status == "qualified"
    # the reserved place counts: the next goes to the waiting list
    assert services.application_qualify(actor="t", application=submit(kws, senior(org)), on=ON).status == "waiting_list"
    enrolled = services.application_sign_declaration(actor="t", application=reserved, signed_on=dt.date(2023, 6, 5))
    assert enrolled.status == "enrolled" and enrolled.enrolled_on == dt.date(2023, 6, 5)


def test_unlimited_capacity(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=None)
    statuses = {
        services.application_qualify(actor="t", application=submit(programme, senior(org)), on=ON).status
        for _ in range(5)
    }
    assert statuses == {"enrolled"}


def test_ineligible_person_refused_with_failed_criteria_listed_and_result_stored(kws, org):
    young = PersonFactory(organisation=org, birth_date=dt.date(1990, 1, 1), teryt="1465011")
    application = submit(kws, young)
    with pytest.raises(services.NotEligible) as exc:
        services.application_qualify(actor="t", application=application, on=ON)
    assert exc.value.code == "not_eligible"
    assert "wiek 33 lata; program wymaga co najmniej 65 lat" in exc.value.message
    assert "gmina 1465011" in exc.value.message
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.eligibility["eligible"] is False
    assert AuditEntry.objects.filter(object_id=str(application.pk), note="Kwalifikacja odmówiona.").exists()


def test_missing_data_also_refused(kws, org):
    application = submit(kws, senior(org, teryt=""))
    with pytest.raises(services.NotEligible) as exc:
        services.application_qualify(actor="t", application=application, on=ON)
    assert exc.value.extra["eligible"] is None
    assert "brak kodu TERYT" in exc.value.message


def test_eligibility_rechecked_at_qualification_expired_certificate(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=5)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {"code": "orzeczenie", "name": "Orzeczenie", "kind": "certificate", "params": {"degrees": ["significant"]}}
        ],
    )
    person = PersonFactory(organisation=org, birth_date=dt.date(1980, 1, 1))
    CertificateFactory(
        person=person, degree="significant", issued_on=dt.date(2020, 1, 1), valid_until=dt.date(2023, 6, 30)
    )
    application = services.application_submit(actor="t", programme=programme, person=person, on=dt.date(2023, 6, 1))
    assert application.eligibility["eligible"] is True
    with pytest.raises(services.NotEligible) as exc:
        services.application_qualify(actor="t", application=application, on=dt.date(2023, 7, 1))
    assert "wygasło 30.06.2023" in exc.value.message
    application.refresh_from_db()
    assert application.eligibility["eligible"] is False and application.eligibility["on"] == "2023-07-01"
    # a renewed certificate makes it pass again
    CertificateFactory(person=person, degree="significant", issued_on=dt.date(2023, 6, 20), valid_until=None)
    assert services.application_qualify(actor="t", application=application, on=dt.date(2023, 7, 1)).status == "enrolled"


def test_qualify_only_from_submitted_or_under_review(kws, org):
    application = submit(kws, senior(org))
    services.application_review(actor="t", application=application)
    services.application_qualify(actor="t", application=application, on=ON)
    with pytest.raises(services.InvalidStatus) as exc:
        services.application_qualify(actor="t", application=application, on=ON)
    assert "uczestnik" in exc.value.message


# --- freeing places --------------------------------------------------------------------------


def test_withdraw_frees_the_place_and_offers_it_to_the_first_waiting(kws, org):
    a, b, c, d = (submit(kws, senior(org)) for _ in range(4))
    for application in (a, b, c, d):
        services.application_qualify(actor="t", application=application, on=ON)
    withdrawn, offered = services.application_withdraw(actor="t", application=a, on=dt.date(2023, 7, 1))
    assert withdrawn.status == "withdrawn" and withdrawn.ended_on == dt.date(2023, 7, 1)
    assert offered.pk == c.pk and offered.status == "qualified"
    assert AuditEntry.objects.filter(object_id=str(c.pk), note__contains="Zwolnione miejsce").exists()
    assert [x.pk for x in selectors.waiting_list(kws)] == [d.pk]
    assert selectors.programme_places(kws)["taken"] == 2
    # withdrawing from the waiting list frees nothing
    _w, none = services.application_withdraw(actor="t", application=d)
    assert none is None


def test_rejecting_a_qualified_application_offers_the_place(kws, org):
    a, b, c = (submit(kws, senior(org)) for _ in range(3))
    services.application_qualify(actor="t", application=a, on=ON, await_declaration=True)
    services.application_qualify(actor="t", application=b, on=ON)
    services.application_qualify(actor="t", application=c, on=ON)
    with pytest.raises(ValidationError):
        services.application_reject(actor="t", application=a, reason="  ")
    rejected, offered = services.application_reject(
        actor="t", application=a, reason="Nie podpisał deklaracji w terminie."
    )
    assert rejected.status == "rejected" and rejected.rejection_reason == "Nie podpisał deklaracji w terminie."
    assert offered.pk == c.pk


def test_signing_the_declaration_rechecks_eligibility(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=1)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "o", "name": "O", "kind": "certificate", "params": {"degrees": ["significant"]}}],
    )
    person = PersonFactory(organisation=org)
    CertificateFactory(person=person, issued_on=dt.date(2020, 1, 1), valid_until=dt.date(2023, 6, 30))
    application = services.application_submit(actor="t", programme=programme, person=person, on=ON)
    services.application_qualify(actor="t", application=application, on=ON, await_declaration=True)
    with pytest.raises(services.NotEligible):
        services.application_sign_declaration(actor="t", application=application, signed_on=dt.date(2023, 7, 2))
    application.refresh_from_db()
    assert application.status == "qualified"


def test_completed_participants_keep_their_place(kws, org):
    a, b, c = (submit(kws, senior(org)) for _ in range(3))
    for application in (a, b):
        services.application_qualify(actor="t", application=application, on=ON)
    done = services.application_complete(actor="t", application=a, ended_on=dt.date(2023, 12, 31))
    assert done.status == "completed"
    assert services.application_qualify(actor="t", application=c, on=ON).status == "waiting_list"
    with pytest.raises(ValidationError):
        services.application_complete(actor="t", application=b, ended_on=dt.date(2020, 1, 1))


def test_offer_free_places_after_capacity_raised(kws, org):
    apps = [submit(kws, senior(org)) for _ in range(3)]
    for application in apps:
        services.application_qualify(actor="t", application=application, on=ON)
    kws.planned_participants = 3
    kws.save()
    offered = services.programme_offer_free_places(actor="t", programme=kws)
    assert [a.pk for a in offered] == [apps[2].pk]


# --- decisions and facts ---------------------------------------------------------------------


def test_decision_record_feeds_the_evaluation(org):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {
                "code": "samodzielnosc",
                "name": "Trudności w samodzielnym funkcjonowaniu",
                "kind": "social_worker_judgement",
                "params": {"question": "Czy ma trudności?"},
            }
        ],
    )
    person = PersonFactory(organisation=org)
    assert selectors.programme_eligibility(programme, person, ON).eligible is None
    criterion = EligibilityCriterion.objects.get(programme=programme)
    with pytest.raises(ValidationError):
        services.decision_record(actor="t", criterion=criterion, person=person, passed=True, note=" ")
    services.decision_record(actor="t", criterion=criterion, person=person, passed=True, note="Wywiad z 2.05.")
    assert selectors.programme_eligibility(programme, person, ON).eligible is True
    services.decision_record(actor="t", criterion=criterion, person=person, passed=False, note="Zmiana po wizycie.")
    evaluation = selectors.programme_eligibility(programme, person, ON)
    assert evaluation.eligible is False and "Zmiana po wizycie" in evaluation.criteria[0].reason


def test_person_facts_from_the_registry(org):
    person = PersonFactory(organisation=org, areas=["centrum"])
    CertificateFactory(person=person, kind="equivalent", degree="significant", equivalent_type="group_i")
    IncomeFactory(person=person, established_on=dt.date(2022, 1, 1), income_per_person=Decimal("500"))
    IncomeFactory(person=person, established_on=dt.date(2023, 3, 1), income_per_person=Decimal("700"), household_size=3)
    IncomeFactory(person=person, established_on=dt.date(2024, 3, 1), income_per_person=Decimal("900"))
    child = PersonFactory(organisation=org, birth_date=dt.date(2015, 1, 1), first_name="Ala", last_name="Nowak")
    RelationFactory(person=person, relative=child, kind="parent")
    facts = selectors.person_facts(person, ON)
    assert facts.teryt == "1462011" and facts.areas == ("centrum",)
    assert facts.certificates[0].equivalent_label == "I grupa inwalidzka"
    assert facts.income.income_per_person == Decimal("700") and facts.income.household_size == 3
    assert facts.cares_for[0].label == "Ala Nowak" and facts.cares_for[0].facts.birth_date == dt.date(2015, 1, 1)


def test_income_criterion_from_reference_data(org):
    income_criteria()
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "d", "name": "Dochód", "kind": "income", "params": {"percent": 150}}],
    )
    person = PersonFactory(organisation=org)
    IncomeFactory(person=person, established_on=dt.date(2023, 1, 1), income_per_person=Decimal("1100"))
    assert selectors.programme_eligibility(programme, person, ON).eligible is True
    no_income = PersonFactory(organisation=org)
    evaluation = selectors.programme_eligibility(programme, no_income, ON)
    assert evaluation.eligible is None and evaluation.criteria[0].reason == "brak danych o dochodzie"


def test_programmes_in_recruitment_and_form_facts(kws, org):
    assert list(selectors.programmes_in_recruitment()) == []
    kws.recruitment_open = True
    kws.save()
    assert list(selectors.programmes_in_recruitment(organisation=org)) == [kws]
    assert selectors.programme_form_facts(kws) == ["birth_date", "teryt"]
