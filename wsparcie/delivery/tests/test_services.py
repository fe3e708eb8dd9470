import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from wsparcie.core.models import AuditEntry
from wsparcie.delivery import selectors, services
from wsparcie.delivery.choices import ServiceKind, SessionStatus, Unit, WorkerRole
from wsparcie.delivery.models import Session, SessionCorrection
from wsparcie.delivery.tests.factories import (
    CertificateFactory,
    EnrolmentFactory,
    EquipmentItemFactory,
    GrantFactory,
    HouseholdFactory,
    PersonFactory,
    ProgrammeFactory,
    RelationFactory,
    ServiceFactory,
    WorkerFactory,
    at,
)

ACTOR = "test"


def enter(worker, enrolment, service, start, end, **kwargs):
    return services.session_create(
        actor=ACTOR, worker=worker, enrolment=enrolment, service=service, start=start, end=end, **kwargs
    )


# --- entering sessions --------------------------------------------------------------------
@pytest.mark.django_db
def test_a_delivered_session_counts_units_and_cost_and_is_audited(worker, enrolment, service):
    session = enter(
        worker, enrolment, service, at("2023-05-10", 9), at("2023-05-10", 11, 30), activity="culture", travel_minutes=40
    )
    assert session.status == SessionStatus.DELIVERED
    assert session.units == Decimal("2.50")  # travel time is not counted
    assert session.cost == Decimal("100.00")
    assert AuditEntry.objects.filter(
        object_type="delivery.session", object_id=str(session.pk), action="create"
    ).exists()


@pytest.mark.django_db
def test_worker_overlap_names_the_conflicting_session_and_saves_nothing(org, worker, enrolment, service, programme):
    first = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    other = EnrolmentFactory(programme=programme)
    with pytest.raises(services.WorkerOverlap) as exc:
        enter(worker, other, service, at("2023-05-10", 11), at("2023-05-10", 13))
    assert exc.value.code == "worker_overlap"
    assert f"#{first.pk}" in exc.value.message and "10.05.2023 10:00–12:00" in exc.value.message
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_adjacent_sessions_are_allowed(worker, enrolment, service, programme):
    enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    enter(worker, EnrolmentFactory(programme=programme), service, at("2023-05-10", 12), at("2023-05-10", 14))
    enter(worker, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 10))
    assert Session.objects.count() == 3


@pytest.mark.django_db
def test_participant_overlap_same_service_only(org, worker, enrolment, service, programme):
    first = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    with pytest.raises(services.ParticipantOverlap) as exc:
        enter(WorkerFactory(organisation=org), enrolment, service, at("2023-05-10", 11), at("2023-05-10", 12))
    assert f"#{first.pk}" in exc.value.message
    counselling = ServiceFactory(programme=programme, kind=ServiceKind.COUNSELLING)
    enter(
        WorkerFactory(organisation=org, role=WorkerRole.PSYCHOLOGIST),
        enrolment,
        counselling,
        at("2023-05-10", 11),
        at("2023-05-10", 12),
    )


@pytest.mark.django_db
def test_a_cancelled_session_frees_the_time(worker, enrolment, service, programme):
    first = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    services.session_cancel(actor=ACTOR, session=first)
    enter(worker, EnrolmentFactory(programme=programme), service, at("2023-05-10", 10), at("2023-05-10", 12))


@pytest.mark.django_db
def test_twelve_hours_in_any_24_for_personal_assistance(org, worker, service, programme):
    a, b = EnrolmentFactory(programme=programme), EnrolmentFactory(programme=programme)
    morning = enter(worker, a, service, at("2023-05-10", 6), at("2023-05-10", 14))
    enter(worker, b, service, at("2023-05-10", 16), at("2023-05-10", 20))  # 12 h: allowed
    with pytest.raises(services.WorkerDailyLimit) as exc:
        enter(
            worker, b, service, at("2023-05-11", 5), at("2023-05-11", 6)
        )  # 06:00 window: 8 + 4 + 1 > 12 ... from 05:00
    assert exc.value.code == "worker_daily_limit" and f"#{morning.pk}" in exc.value.message
    # 24 h after the morning started the window has moved on.
    enter(worker, b, service, at("2023-05-11", 6), at("2023-05-11", 7))
    # Another kind of service is not bound by the assistants' rule.
    respite = ServiceFactory(programme=programme, kind=ServiceKind.RESPITE_DAY)
    enter(worker, a, respite, at("2023-05-11", 8), at("2023-05-11", 20))


@pytest.mark.django_db
def test_limit_per_participant_and_granted_units(worker, enrolment, service):
    service.limit_per_participant = Decimal("240")
    service.save()
    GrantFactory(enrolment=enrolment, service=service, units=Decimal("3"))
    enter(worker, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 10))
    with pytest.raises(services.HourLimit) as exc:
        enter(worker, enrolment, service, at("2023-05-11", 8), at("2023-05-11", 10))
    assert exc.value.code == "hour_limit" and "przyznany" in exc.value.message and "limit 3 h" in exc.value.message
    enter(worker, enrolment, service, at("2023-05-11", 8), at("2023-05-11", 9))  # exactly the grant


@pytest.mark.django_db
def test_respite_240_hours_per_edition(org, programme, enrolment):
    respite = ServiceFactory(programme=programme, kind=ServiceKind.RESPITE_DAY, limit_per_participant=Decimal("240"))
    carer = WorkerFactory(organisation=org, role=WorkerRole.CARER)
    day = dt.date(2023, 3, 1)
    for _ in range(20):  # 20 × 12 h = 240 h
        enter(carer, enrolment, respite, at(day.isoformat(), 8), at(day.isoformat(), 20))
        day += dt.timedelta(days=2)
    with pytest.raises(services.HourLimit) as exc:
        enter(carer, enrolment, respite, at(day.isoformat(), 8), at(day.isoformat(), 9))
    assert "limit programu na uczestnika" in exc.value.message and "240" in exc.value.message


@pytest.mark.django_db
def test_monthly_limit_30_hours(org, worker, enrolment, service):
    service.limit_per_month = Decimal("30")
    service.save()
    for day in range(1, 4):  # 3 × 10 h in May
        enter(worker, enrolment, service, at(f"2023-05-0{day}", 8), at(f"2023-05-0{day}", 18))
    with pytest.raises(services.HourLimit) as exc:
        enter(worker, enrolment, service, at("2023-05-20", 8), at("2023-05-20", 9))
    assert "05.2023" in exc.value.message
    enter(worker, enrolment, service, at("2023-06-01", 8), at("2023-06-01", 9))  # a new month


@pytest.mark.django_db
def test_limits_by_certificate(org, worker, programme, service):
    services.service_limits_set(
        actor=ACTOR,
        service=service,
        rows=[
            {"degree": "significant", "several_symbols": True, "limit": Decimal("4")},
            {"degree": "significant", "limit": Decimal("3")},
            {"degree": "moderate", "limit": Decimal("2")},
            {"child": True, "limit": Decimal("1")},
        ],
    )
    several = EnrolmentFactory(programme=programme)
    CertificateFactory(person=several.person, degree="significant", symbols=["05-R", "10-N"])
    enter(worker, several, service, at("2023-05-10", 8), at("2023-05-10", 12))  # 4 h: allowed
    one_symbol = EnrolmentFactory(programme=programme)
    CertificateFactory(person=one_symbol.person, degree="significant", symbols=["05-R"])
    with pytest.raises(services.HourLimit) as exc:
        enter(worker, one_symbol, service, at("2023-05-11", 8), at("2023-05-11", 12))
    assert "według orzeczenia (znaczny, jeden symbol" not in exc.value.message  # the row has "either"
    assert "według orzeczenia (znaczny)" in exc.value.message and "limit 3 h" in exc.value.message
    child = EnrolmentFactory(programme=programme)
    CertificateFactory(person=child.person, kind="child", degree="", symbols=[])
    with pytest.raises(services.HourLimit):
        enter(worker, child, service, at("2023-05-12", 8), at("2023-05-12", 10))
    enter(worker, child, service, at("2023-05-12", 8), at("2023-05-12", 9))
    nobody = EnrolmentFactory(programme=programme)  # no certificate: no row of the table applies
    with pytest.raises(services.HourLimit) as exc:
        enter(worker, nobody, service, at("2023-05-13", 8), at("2023-05-13", 9))
    assert "orzeczenia" in exc.value.message
    # A certificate that expired before the session does not count.
    expired = EnrolmentFactory(programme=programme)
    CertificateFactory(person=expired.person, valid_until=dt.date(2023, 4, 30))
    with pytest.raises(services.HourLimit):
        enter(worker, expired, service, at("2023-05-14", 8), at("2023-05-14", 9))


@pytest.mark.django_db
def test_residential_respite_days_per_year(org, programme, enrolment):
    residential = ServiceFactory(
        programme=programme, kind=ServiceKind.RESPITE_RESIDENTIAL, unit=Unit.DAY, rate=Decimal("300"), days_per_year=14
    )
    carer = WorkerFactory(organisation=org, role=WorkerRole.CARER)
    session = enter(carer, enrolment, residential, at("2023-06-01", 10), at("2023-06-11", 10))
    assert session.units == Decimal(10) and session.cost == Decimal("3000.00")
    with pytest.raises(services.HourLimit) as exc:
        enter(carer, enrolment, residential, at("2023-07-01", 10), at("2023-07-06", 10))
    assert "dób w roku 2023" in exc.value.message


@pytest.mark.django_db
def test_outside_programme_period_or_enrolment(worker, programme, service):
    enrolment = EnrolmentFactory(programme=programme, enrolled_on=dt.date(2023, 4, 1), ended_on=dt.date(2023, 10, 31))
    with pytest.raises(services.OutsidePeriod) as exc:
        enter(worker, enrolment, service, at("2023-03-20", 8), at("2023-03-20", 9))
    assert "udziału" in exc.value.message and "01.04.2023" in exc.value.message
    with pytest.raises(services.OutsidePeriod):
        enter(worker, enrolment, service, at("2023-11-02", 8), at("2023-11-02", 9))
    open_ended = EnrolmentFactory(programme=programme, enrolled_on=dt.date(2023, 1, 1))
    with pytest.raises(services.OutsidePeriod) as exc:
        enter(worker, open_ended, service, at("2024-01-02", 8), at("2024-01-02", 9))
    assert "okres realizacji programu" in exc.value.message and "31.12.2023" in exc.value.message
    # Ending at midnight is still the last day.
    enter(worker, open_ended, service, at("2023-12-31", 22), at("2024-01-01", 0))


@pytest.mark.django_db
@pytest.mark.parametrize("relation", ["parent", "spouse", "sibling", "other_family", "legal_guardian", "household"])
def test_family_guardian_or_co_resident_assistant_is_refused(org, programme, service, relation):
    enrolment = EnrolmentFactory(programme=programme)
    assistant_person = PersonFactory(organisation=org)
    if relation == "household":
        home = HouseholdFactory(organisation=org)
        for p in (assistant_person, enrolment.person):
            p.household = home
            p.save()
    else:
        RelationFactory(person=assistant_person, relative=enrolment.person, kind=relation)
    assistant = services.worker_create(
        actor=ACTOR, organisation=org, first_name="Ewa", last_name="Nowak", role="assistant", person=assistant_person
    )
    with pytest.raises(services.NotAllowedWorker) as exc:
        enter(assistant, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 9))
    assert exc.value.code == "not_allowed_worker" and "Ewa Nowak" in exc.value.message
    with pytest.raises(services.NotAllowedWorker):
        services.assignment_create(actor=ACTOR, worker=assistant, enrolment=enrolment, service=service)
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_an_actual_caregiver_relation_or_unrelated_person_may_assist(org, programme, service, enrolment):
    person = PersonFactory(organisation=org)
    RelationFactory(person=person, relative=enrolment.person, kind="actual_caregiver")
    assistant = WorkerFactory(organisation=org, person=person)
    services.assignment_create(actor=ACTOR, worker=assistant, enrolment=enrolment, service=service)
    enter(assistant, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 9))


@pytest.mark.django_db
def test_bad_input_is_a_validation_error(org, other_setup, worker, programme, service, enrolment):
    with pytest.raises(ValidationError) as exc:
        enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 9))
    assert "end" in exc.value.message_dict
    submitted = EnrolmentFactory(programme=programme, status="submitted")
    with pytest.raises(ValidationError) as exc:
        enter(worker, submitted, service, at("2023-05-10", 8), at("2023-05-10", 9))
    assert "enrolment" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        enter(other_setup["worker"], enrolment, service, at("2023-05-10", 8), at("2023-05-10", 9))
    assert "worker" in exc.value.message_dict
    foreign_service = ServiceFactory(programme=ServiceFactory(programme__organisation=org).programme)
    with pytest.raises(ValidationError) as exc:
        enter(worker, enrolment, foreign_service, at("2023-05-10", 8), at("2023-05-10", 9))
    assert "service" in exc.value.message_dict
    service.activities = ["daily_activities", "culture"]
    service.save()
    with pytest.raises(ValidationError) as exc:
        enter(worker, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 9), activity="therapy")
    assert "activity" in exc.value.message_dict
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_correcting_a_session_rechecks_rules_but_not_against_itself(worker, enrolment, service, programme):
    session = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    other = enter(worker, EnrolmentFactory(programme=programme), service, at("2023-05-10", 13), at("2023-05-10", 14))
    services.session_update(actor=ACTOR, session=session, data={"end": at("2023-05-10", 13)})
    session.refresh_from_db()
    assert session.units == Decimal("3.00") and session.cost == Decimal("120.00")
    with pytest.raises(services.WorkerOverlap) as exc:
        services.session_update(actor=ACTOR, session=session, data={"end": at("2023-05-10", 13, 30)})
    assert f"#{other.pk}" in exc.value.message
    session.refresh_from_db()
    assert session.end == at("2023-05-10", 13)
    entry = AuditEntry.objects.filter(
        object_type="delivery.session", object_id=str(session.pk), action="update"
    ).first()
    assert "end" in entry.changes and "units" in entry.changes


# --- races: the exclusion constraints hold whatever the application does ----------------------
def _run_race(first_kwargs, second_kwargs):
    inserted, release = threading.Event(), threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                enter(**first_kwargs)
                inserted.set()
                release.wait(20)
            results["first"] = "ok"
        finally:
            connection.close()

    def second():
        inserted.wait(20)
        try:
            enter(**second_kwargs)
            results["second"] = "ok"
        except services.DeliveryRuleError as exc:
            results["second"] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    inserted.wait(20)
    with connection.cursor() as cursor:  # wait (no sleep) until the second transaction blocks on a lock
        for _ in range(20000):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
    release.set()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_race_two_workers_one_participant_is_stopped_by_the_exclusion_constraint(org, programme, service, enrolment):
    w1, w2 = WorkerFactory(organisation=org), WorkerFactory(organisation=org)
    common = {"enrolment": enrolment, "service": service}
    results = _run_race(
        {"worker": w1, "start": at("2023-05-10", 10), "end": at("2023-05-10", 12), **common},
        {"worker": w2, "start": at("2023-05-10", 11), "end": at("2023-05-10", 13), **common},
    )
    # The second transaction's own check could not see the first (uncommitted) session; the
    # constraint made it wait and then refused it, and the service turned that into the 409 error.
    assert results == {"first": "ok", "second": "participant_overlap"}
    assert Session.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_race_one_worker_two_participants(org, programme, service, worker):
    a, b = EnrolmentFactory(programme=programme), EnrolmentFactory(programme=programme)
    results = _run_race(
        {
            "worker": worker,
            "enrolment": a,
            "service": service,
            "start": at("2023-05-10", 10),
            "end": at("2023-05-10", 12),
        },
        {
            "worker": worker,
            "enrolment": b,
            "service": service,
            "start": at("2023-05-10", 11),
            "end": at("2023-05-10", 13),
        },
    )
    assert results == {"first": "ok", "second": "worker_overlap"}
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_the_constraint_itself_refuses_overlaps_written_past_the_service(worker, enrolment, service, programme):
    from django.db import IntegrityError

    first = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    clash = Session(
        organisation_id=first.organisation_id,
        worker=worker,
        enrolment=EnrolmentFactory(programme=programme),
        service=service,
        start=at("2023-05-10", 11),
        end=at("2023-05-10", 12),
        units=1,
        rate=1,
        cost=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()
    # And the service translates the database's refusal into the rule error.
    error = services._translate_integrity(_integrity_error_for(clash), clash)
    assert isinstance(error, services.WorkerOverlap) and f"#{first.pk}" in error.message


def _integrity_error_for(session):
    from django.db import IntegrityError

    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as exc:
        return exc
    raise AssertionError("no IntegrityError")


# --- the worker's start and stop ----------------------------------------------------------
@pytest.mark.django_db
def test_start_and_stop_record_the_times(worker, enrolment, service):
    planned = enter(
        worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12), status=SessionStatus.PLANNED
    )
    services.session_start(actor=ACTOR, session=planned, now=at("2023-05-10", 10, 7))
    planned.refresh_from_db()
    assert planned.status == SessionStatus.IN_PROGRESS and planned.start == at("2023-05-10", 10, 7)
    with pytest.raises(services.SessionStateError):
        services.session_start(actor=ACTOR, session=planned)
    services.session_stop(actor=ACTOR, session=planned, activity="official_matters", now=at("2023-05-10", 11, 37))
    planned.refresh_from_db()
    assert (
        planned.status == SessionStatus.DELIVERED
        and planned.units == Decimal("1.50")
        and planned.activity == "official_matters"
    )


# --- the monthly card closes the month ----------------------------------------------------
@pytest.mark.django_db
def test_signed_card_closes_the_month_and_a_correction_needs_a_reason(worker, enrolment, service):
    session = enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    services.card_sign(
        actor=ACTOR,
        enrolment=enrolment,
        month=dt.date(2023, 5, 1),
        signed_by="Anna Nowak",
        signed_on=dt.date(2023, 6, 2),
    )
    with pytest.raises(services.MonthClosed) as exc:
        services.session_update(actor=ACTOR, session=session, data={"end": at("2023-05-10", 11)})
    assert exc.value.code == "month_closed" and "05.2023" in exc.value.message and "powodu" in exc.value.message
    with pytest.raises(services.MonthClosed):
        enter(worker, enrolment, service, at("2023-05-20", 10), at("2023-05-20", 12))
    with pytest.raises(services.MonthClosed):
        services.session_cancel(actor=ACTOR, session=session)
    services.session_update(
        actor=ACTOR, session=session, data={"end": at("2023-05-10", 11)}, reason="Pomyłka w godzinie zakończenia"
    )
    correction = SessionCorrection.objects.get(session=session)
    assert correction.reason == "Pomyłka w godzinie zakończenia" and "end" in correction.changes
    entry = AuditEntry.objects.filter(
        object_type="delivery.session", object_id=str(session.pk), action="update"
    ).latest("id")
    assert "Pomyłka w godzinie zakończenia" in entry.note
    # Moving a session from an open month into the closed one is a correction too.
    june = enter(worker, enrolment, service, at("2023-06-10", 10), at("2023-06-10", 12))
    with pytest.raises(services.MonthClosed):
        services.session_update(
            actor=ACTOR, session=june, data={"start": at("2023-05-30", 10), "end": at("2023-05-30", 11)}
        )
    with pytest.raises(ValidationError):
        services.card_sign(actor=ACTOR, enrolment=enrolment, month=dt.date(2023, 5, 1), signed_by="Anna Nowak")


# --- usage and costs ----------------------------------------------------------------------
@pytest.mark.django_db
def test_usage_and_costs(org, worker, enrolment, service, programme):
    service.limit_per_participant = Decimal("240")
    service.save()
    GrantFactory(enrolment=enrolment, service=service, units=Decimal("100"))
    enter(worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    enter(worker, enrolment, service, at("2023-06-10", 10), at("2023-06-10", 13))
    enter(worker, enrolment, service, at("2023-06-11", 10), at("2023-06-11", 11), status=SessionStatus.PLANNED)
    usage = selectors.usage_for_enrolment(enrolment, dt.date(2023, 6, 1))
    assert usage["used"] == "5.00" and usage["planned"] == "1.00"
    assert usage["granted"] == "100.00" and usage["limit"] == "240.00" and usage["remaining"] == "94.00"
    assert usage["by_service"][0]["used_in_month"] == "4.00"
    qs = Session.objects.filter(enrolment=enrolment)
    assert selectors.cost_totals(qs)["cost"] == Decimal("200.00")
    months = selectors.costs_by_month(qs)
    assert [(m["month"].month, m["cost"]) for m in months] == [(5, Decimal("80.00")), (6, Decimal("120.00"))]
    assert selectors.costs_by_participant(qs)[0]["units"] == Decimal("5.00")
    assert selectors.costs_by_edition(qs)[0]["participants"] == 1


# --- services of an edition ---------------------------------------------------------------
@pytest.mark.django_db
def test_rate_above_the_programme_cap_is_refused(programme):
    services.rate_cap_set(actor=ACTOR, programme=programme, unit=Unit.HOUR, max_rate=Decimal("40"))
    with pytest.raises(ValidationError) as exc:
        services.service_create(
            actor=ACTOR, programme=programme, kind=ServiceKind.PERSONAL_ASSISTANCE, unit=Unit.HOUR, rate=Decimal("45")
        )
    assert "40,00 zł" in exc.value.message_dict["rate"][0]
    service = services.service_create(
        actor=ACTOR, programme=programme, kind=ServiceKind.PERSONAL_ASSISTANCE, unit=Unit.HOUR, rate=Decimal("40")
    )
    with pytest.raises(ValidationError):
        services.service_update(actor=ACTOR, service=service, data={"rate": Decimal("41")})
    with pytest.raises(ValidationError):
        services.rate_cap_set(actor=ACTOR, programme=programme, unit=Unit.HOUR, max_rate=Decimal("30"))


# --- meals --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_meals_each_form_per_person_and_month_with_totals(org):
    anna, jan = PersonFactory(organisation=org), PersonFactory(organisation=org)
    may = dt.date(2023, 5, 1)
    services.meal_aid_create(
        actor=ACTOR, organisation=org, person=anna, month=dt.date(2023, 5, 17), form="school_meal", meals=20
    )
    services.meal_aid_create(
        actor=ACTOR, organisation=org, person=anna, month=may, form="cash_benefit", amount=Decimal("150.00")
    )
    services.meal_aid_create(actor=ACTOR, organisation=org, person=jan, month=may, form="home_meal", meals=22)
    services.meal_aid_create(
        actor=ACTOR, organisation=org, person=jan, month=may, form="food_in_kind", amount=Decimal("80.50")
    )
    with pytest.raises(ValidationError) as exc:
        services.meal_aid_create(actor=ACTOR, organisation=org, person=jan, month=may, form="cash_benefit")
    assert "amount" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.meal_aid_create(actor=ACTOR, organisation=org, person=anna, month=may, form="school_meal", meals=3)
    [row] = selectors.meal_monthly_totals(selectors.MealAid.objects.filter(organisation=org))
    assert row["month"] == may and row["persons"] == 2 and row["school_meals"] == 20 and row["home_meals"] == 22
    assert row["cash_amount"] == Decimal("150.00") and row["in_kind_amount"] == Decimal("80.50")


# --- equipment loans ----------------------------------------------------------------------
@pytest.mark.django_db
def test_loans_due_date_guarantor_extension_return_and_overdue(org, coordinator):
    services.delivery_settings_set(actor=ACTOR, organisation=org, guarantor_threshold=Decimal("4242.00"))
    bed = EquipmentItemFactory(organisation=org, name="Łóżko rehabilitacyjne", category="bed", value=Decimal("5200.00"))
    walker = EquipmentItemFactory(organisation=org, name="Balkonik", category="walker", value=Decimal("300.00"))
    person = PersonFactory(organisation=org)
    with pytest.raises(ValidationError) as exc:
        services.loan_create(actor=ACTOR, item=bed, person=person, start_date=dt.date(2023, 3, 15))
    assert (
        "poręczyciel" in exc.value.message_dict["guarantor_name"][0]
        and "4 242,00 zł" in exc.value.message_dict["guarantor_name"][0]
    )
    loan = services.loan_create(
        actor=ACTOR, item=bed, person=person, start_date=dt.date(2023, 3, 15), guarantor_name="Jan Nowak"
    )
    assert loan.due_date == dt.date(2023, 7, 15) and loan.number == "WYP/2023/0001"
    with pytest.raises(ValidationError):
        services.loan_create(
            actor=ACTOR,
            item=bed,
            person=PersonFactory(organisation=org),
            start_date=dt.date(2023, 4, 1),
            guarantor_name="X",
        )
    small = services.loan_create(actor=ACTOR, item=walker, person=person, start_date=dt.date(2023, 3, 20))
    assert small.number == "WYP/2023/0002"
    assert list(selectors.overdue_loans(coordinator, today=dt.date(2023, 7, 16))) == [loan]
    services.loan_extend(actor=ACTOR, loan=loan, new_due=dt.date(2023, 11, 15), reason="Dalsza rehabilitacja")
    assert loan.extensions.count() == 1
    assert list(selectors.overdue_loans(coordinator, today=dt.date(2023, 7, 21))) == [small]
    services.loan_return(actor=ACTOR, loan=small, returned_on=dt.date(2023, 7, 22), condition="worn", note="porysowany")
    walker.refresh_from_db()
    assert walker.condition == "worn"
    assert list(selectors.overdue_loans(coordinator, today=dt.date(2023, 7, 23))) == []
    with pytest.raises(ValidationError):
        services.loan_return(actor=ACTOR, loan=small, returned_on=dt.date(2023, 7, 23), condition="good")
    services.loan_create(actor=ACTOR, item=walker, person=person, start_date=dt.date(2023, 8, 1))  # back on the shelf


@pytest.mark.django_db
def test_a_worker_with_contracts_works_only_within_them(org, worker, enrolment, service, programme):
    # No contract on record: not checked (staff employed outside the programme).
    enter(worker, enrolment, service, at("2023-05-02", 9), at("2023-05-02", 10))
    services.contract_create(
        actor=ACTOR,
        worker=worker,
        kind="mandate",
        number="AO/2023/1",
        programme=programme,
        start_date=dt.date(2023, 6, 1),
        end_date=dt.date(2023, 6, 30),
    )
    enter(worker, enrolment, service, at("2023-06-10", 9), at("2023-06-10", 10))
    with pytest.raises(services.NoContract) as exc:
        enter(worker, enrolment, service, at("2023-07-03", 9), at("2023-07-03", 10))
    assert exc.value.code == "no_contract"
    assert "AO/2023/1 (01.06.2023 – 30.06.2023)" in exc.value.message and "03.07.2023" in exc.value.message
    # A session running past the contract's last day is refused too; nothing is saved.
    with pytest.raises(services.NoContract):
        enter(worker, enrolment, service, at("2023-06-30", 22), at("2023-07-01", 1))
    assert Session.objects.filter(worker=worker).count() == 2
    # A contract of another programme does not cover this one; one without a programme does.
    other = ProgrammeFactory(organisation=org)
    services.contract_create(
        actor=ACTOR, worker=worker, kind="employment", programme=other, start_date=dt.date(2023, 7, 1)
    )
    with pytest.raises(services.NoContract):
        enter(worker, enrolment, service, at("2023-07-03", 9), at("2023-07-03", 10))
    services.contract_create(actor=ACTOR, worker=worker, kind="employment", start_date=dt.date(2023, 7, 1))
    assert enter(worker, enrolment, service, at("2023-07-03", 9), at("2023-07-03", 10)).units == Decimal(1)
