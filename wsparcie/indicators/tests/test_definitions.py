"""Each indicator definition against small data whose answer is known."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsparcie.indicators import definitions
from wsparcie.indicators.tests.factories import (
    ApplicationFactory,
    CertificateFactory,
    EUDataFactory,
    PersonFactory,
    ProgrammeFactory,
    make_initiative,
    make_plan,
    make_session,
    make_team,
)

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


def measure(code, programme, **filters):
    return definitions.measure(code, programme.pk, definitions.clean_filters(definitions.get(code), filters))


@pytest.fixture
def programme(org):
    return ProgrammeFactory(organisation=org, period_start=dt.date(2023, 3, 1), period_end=dt.date(2023, 12, 31))


def test_participants_enrolled_counts_distinct_people_overlapping_the_window(programme, org):
    a = ApplicationFactory(
        programme=programme, enrolled_on=dt.date(2023, 3, 10), ended_on=dt.date(2023, 5, 31), status="completed"
    )
    ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 7, 1))
    ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 7, 1), status="withdrawn")
    ApplicationFactory(programme=programme, status="submitted", enrolled_on=None)
    ApplicationFactory(programme=ProgrammeFactory(organisation=org), person=a.person)  # another programme
    assert measure("participants_enrolled", programme) == Decimal("2")
    assert measure("participants_enrolled", programme, date_from="2023-06-01") == Decimal("1")
    assert measure("participants_enrolled", programme, date_to="2023-04-30") == Decimal("1")
    assert measure("participants_completed", programme) == Decimal("1")
    assert measure("participants_completed", programme, date_from="2023-06-01") == Decimal("0")


def test_disability_certificate_must_be_valid_when_support_starts(programme):
    valid = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 4, 1))
    CertificateFactory(person=valid.person, issued_on=dt.date(2021, 1, 1), valid_until=None)
    expired = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 4, 1))
    CertificateFactory(person=expired.person, issued_on=dt.date(2019, 1, 1), valid_until=dt.date(2022, 12, 31))
    later = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 4, 1))
    CertificateFactory(person=later.person, issued_on=dt.date(2023, 5, 1))
    two = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 4, 1))
    CertificateFactory(person=two.person, issued_on=dt.date(2020, 1, 1))
    CertificateFactory(
        person=two.person,
        issued_on=dt.date(2022, 1, 1),
        kind="equivalent",
        degree="moderate",
        equivalent_type="zus_total",
    )
    assert measure("participants_with_disability_certificate", programme) == Decimal("2")


def test_eu_answer_overrides_the_registry_and_refused_is_not_counted(programme):
    with_cert = ApplicationFactory(programme=programme)
    CertificateFactory(person=with_cert.person, issued_on=dt.date(2020, 1, 1))
    refused = ApplicationFactory(programme=programme)
    CertificateFactory(person=refused.person, issued_on=dt.date(2020, 1, 1))
    EUDataFactory(enrolment=refused, disability="refused")
    declared = ApplicationFactory(programme=programme)
    EUDataFactory(enrolment=declared, disability="yes")
    said_no = ApplicationFactory(programme=programme)
    EUDataFactory(enrolment=said_no, disability="no")
    assert measure("participants_with_disabilities", programme) == Decimal("2")  # with_cert + declared
    assert measure("participants_with_disability_certificate", programme) == Decimal("2")  # with_cert + refused


def test_aged_65_plus_on_the_first_day_of_support(programme, org):
    start = dt.date(2023, 6, 15)
    ApplicationFactory(
        programme=programme, enrolled_on=start, person=PersonFactory(organisation=org, birth_date=dt.date(1958, 6, 15))
    )  # 65 that day
    ApplicationFactory(
        programme=programme, enrolled_on=start, person=PersonFactory(organisation=org, birth_date=dt.date(1958, 6, 16))
    )  # 64
    ApplicationFactory(
        programme=programme, enrolled_on=start, person=PersonFactory(organisation=org, birth_date=dt.date(1940, 1, 1))
    )
    ApplicationFactory(
        programme=programme, enrolled_on=start, person=PersonFactory(organisation=org, birth_date=None, pesel=None)
    )
    assert measure("participants_aged_65_plus", programme) == Decimal("2")
    assert measure("participants_aged_65_plus", programme, min_age=80) == Decimal("1")


def test_hours_units_sessions_and_people_served(programme, org):
    from wsparcie.delivery.models import Service

    a = ApplicationFactory(programme=programme)
    b = ApplicationFactory(programme=programme)
    assistance = Service.objects.create(
        organisation=org,
        programme=programme,
        name="Asystencja",
        kind="personal_assistance",
        unit="hour",
        rate=Decimal("40"),
    )
    respite = Service.objects.create(
        organisation=org,
        programme=programme,
        name="Pobyt całodobowy",
        kind="respite_residential",
        unit="day",
        rate=Decimal("300"),
    )
    make_session(a, start=dt.datetime(2023, 6, 1, 9, tzinfo=TZ), hours=Decimal("2.5"), service=assistance)
    make_session(a, start=dt.datetime(2023, 7, 1, 9, tzinfo=TZ), hours=3, service=assistance)
    make_session(b, start=dt.datetime(2023, 7, 2, 9, tzinfo=TZ), hours=4, service=assistance, status="cancelled")
    make_session(b, start=dt.datetime(2023, 7, 3, 9, tzinfo=TZ), hours=4, service=assistance, status="planned")
    make_session(b, start=dt.datetime(2023, 8, 1, 9, tzinfo=TZ), hours=1, service=respite)  # 1 day, not hours
    assert measure("hours_delivered", programme) == Decimal("5.50")
    assert measure("hours_delivered", programme, date_from="2023-07-01") == Decimal("3.00")
    assert measure("hours_delivered", programme, service_kind="respite_residential") == Decimal("0.00")
    assert measure("units_delivered", programme) == Decimal("6.50")
    assert measure("units_delivered", programme, service=respite.pk) == Decimal("1.00")
    assert measure("sessions_delivered", programme) == Decimal("3")
    assert measure("participants_served", programme) == Decimal("2")
    assert measure("participants_served", programme, service_kind="personal_assistance") == Decimal("1")


def test_plans_with_progress_and_people_with_a_plan(programme):
    a, b, c = (ApplicationFactory(programme=programme) for _ in range(3))
    make_plan(a, progress=True)
    make_plan(b, progress=False)
    make_plan(c, status="active")
    make_plan(c, kind="deinstitutionalisation_plan", progress=True, ended=dt.date(2024, 1, 10))
    assert measure("plans_completed_with_progress", programme) == Decimal("2")
    assert measure("plans_completed_with_progress", programme, date_to="2023-12-31") == Decimal("1")
    assert measure("plans_completed_with_progress", programme, plan_kind="deinstitutionalisation_plan") == Decimal("1")
    assert measure("participants_with_support_plan", programme) == Decimal("3")
    assert measure("participants_with_support_plan", programme, plan_kind="deinstitutionalisation_plan") == Decimal("1")


def test_initiatives_teams_and_institutions(programme):
    make_initiative(programme, "Piknik sąsiedzki", dt.date(2023, 6, 1))
    make_initiative(programme, "Sprzątanie podwórka", dt.date(2023, 9, 1))
    make_team(
        programme,
        "G-PZK Bielsk",
        members=[("GOPS Bielsk", dt.date(2018, 9, 1)), ("Szkoła Podstawowa w Bielsku", dt.date(2018, 9, 1))],
    )
    make_team(
        programme,
        "PZK Bielsk",
        kind="pzk",
        formed_on=dt.date(2019, 10, 1),
        members=[("gops bielsk ", dt.date(2019, 10, 1)), ("Policja", dt.date(2019, 10, 2))],
    )
    assert measure("social_initiatives_held", programme) == Decimal("2")
    assert measure("social_initiatives_held", programme, date_to="2023-06-30") == Decimal("1")
    assert measure("institutions_joined_cooperation_team", programme) == Decimal("3")  # GOPS Bielsk once
    assert measure("institutions_joined_cooperation_team", programme, team_kind="pzk") == Decimal("2")
    assert measure("cooperation_teams_formed", programme) == Decimal("2")
    assert measure("cooperation_teams_formed", programme, team_kind="g_pzk", date_to="2019-03-27") == Decimal("1")


def test_filters_are_validated_in_polish():
    with pytest.raises(ValidationError) as exc:
        definitions.clean_filters(definitions.get("participants_enrolled"), {"service_kind": "telecare"})
    assert "nie przyjmuje zawężeń: service_kind" in exc.value.message_dict["filters"][0]
    with pytest.raises(ValidationError) as exc:
        definitions.clean_filters(definitions.get("hours_delivered"), {"date_from": "1.06.2023"})
    assert "RRRR-MM-DD" in exc.value.message_dict["filters"][0]
    with pytest.raises(ValidationError) as exc:
        definitions.clean_filters(definitions.get("hours_delivered"), {"service_kind": "juggling"})
    assert "nieznana wartość „juggling”" in exc.value.message_dict["filters"][0]
    with pytest.raises(ValidationError):
        definitions.clean_filters(
            definitions.get("hours_delivered"), {"date_from": "2023-06-02", "date_to": "2023-06-01"}
        )
    with pytest.raises(ValidationError):
        definitions.get("nonexistent")
    assert definitions.clean_filters(
        definitions.get("participants_aged_65_plus"), {"min_age": "70", "date_to": ""}
    ) == {"min_age": 70}


def test_every_definition_runs_on_an_empty_programme(programme):
    for code in definitions.DEFINITIONS:
        assert measure(code, programme) == Decimal("0"), code
