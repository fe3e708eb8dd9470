import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wsparcie.core.errors import ApplicationError
from wsparcie.core.models import AuditEntry
from wsparcie.indicators import selectors, services
from wsparcie.indicators.models import IndicatorSnapshot, ParticipantEUData
from wsparcie.indicators.tests.factories import (
    ApplicationFactory,
    IndicatorFactory,
    MilestoneFactory,
    ProgrammeFactory,
    make_session,
)

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def programme(org):
    return ProgrammeFactory(organisation=org, period_start=dt.date(2023, 3, 1), period_end=dt.date(2023, 12, 31))


def test_measured_indicator_needs_a_known_definition_and_valid_filters(coordinator, programme):
    indicator = services.indicator_create(
        actor=coordinator,
        programme=programme,
        name="Godziny asystencji",
        target=Decimal("10000"),
        source="measured",
        definition="hours_delivered",
        filters={"service_kind": "personal_assistance", "date_from": "2023-03-01"},
    )
    assert indicator.unit == "godziny"  # from the definition
    assert indicator.filters == {"service_kind": "personal_assistance", "date_from": "2023-03-01"}
    assert AuditEntry.objects.filter(
        object_type="indicators.indicator", object_id=str(indicator.pk), action="create"
    ).exists()
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=coordinator, programme=programme, name="X", target=1, source="measured", definition="hours"
        )
    assert "Nieznana definicja" in exc.value.message_dict["definition"][0]
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=coordinator,
            programme=programme,
            name="Y",
            target=1,
            source="measured",
            definition="participants_enrolled",
            filters={"plan_kind": "social_contract"},
        )
    with pytest.raises(ValidationError):
        services.indicator_create(
            actor=coordinator, programme=programme, name="Z", target=1, source="manual", definition="hours_delivered"
        )
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            actor=coordinator, programme=programme, name="Godziny asystencji", target=1, source="manual"
        )
    assert "ma już wskaźnik o tej nazwie" in str(exc.value)


def test_manual_value_needs_evidence_and_keeps_the_file(coordinator, programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = services.indicator_create(
        actor=coordinator, programme=programme, name="Liczba raportów", target=9, source="manual", unit="szt."
    )
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_add(
            actor=coordinator, indicator=indicator, measured_on=dt.date(2023, 5, 1), value=Decimal("3")
        )
    assert "Dołącz dowód" in exc.value.message_dict["evidence"][0]
    upload = SimpleUploadedFile("raport cząstkowy.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    value = services.indicator_value_add(
        actor=coordinator, indicator=indicator, measured_on=dt.date(2023, 5, 1), value=Decimal("3"), evidence=upload
    )
    assert value.original_filename == "raport cząstkowy.pdf"
    assert value.evidence.read() == b"%PDF-1.4 test"
    assert "raport" not in value.evidence.name  # stored under a random name
    note_only = services.indicator_value_add(
        actor=coordinator,
        indicator=indicator,
        measured_on=dt.date(2023, 6, 1),
        value=Decimal("5"),
        evidence_note="Segregator 3, karta 12",
    )
    assert note_only.evidence_note == "Segregator 3, karta 12"
    assert selectors.indicator_actual(indicator) == Decimal("5")  # latest value
    with pytest.raises(ValidationError) as exc:
        services.indicator_value_add(
            actor=coordinator,
            indicator=indicator,
            measured_on=dt.date(2023, 6, 2),
            value=1,
            evidence=SimpleUploadedFile("skrypt.exe", b"MZ"),
        )
    assert "nieobsługiwany typ" in exc.value.message_dict["evidence"][0]
    with pytest.raises(ValidationError):
        services.indicator_value_add(
            actor=coordinator, indicator=indicator, measured_on=dt.date(2999, 1, 1), value=1, evidence_note="x"
        )


def test_summed_manual_values(coordinator, programme):
    indicator = services.indicator_create(
        actor=coordinator, programme=programme, name="Szkolenia", target=3, source="manual", manual_aggregation="sum"
    )
    for day in (1, 2):
        services.indicator_value_add(
            actor=coordinator, indicator=indicator, measured_on=dt.date(2023, 5, day), value=1, evidence_note="lista"
        )
    assert selectors.indicator_actual(indicator) == Decimal("2")
    row = selectors.indicator_rows(programme)[0]
    assert row.series == [(dt.date(2023, 5, 1), Decimal("1")), (dt.date(2023, 5, 2), Decimal("2"))]


def test_measured_indicator_takes_no_manual_values(coordinator, programme):
    indicator = IndicatorFactory(programme=programme)
    with pytest.raises(ApplicationError) as exc:
        services.indicator_value_add(
            actor=coordinator, indicator=indicator, measured_on=dt.date(2023, 5, 1), value=1, evidence_note="x"
        )
    assert exc.value.code == "indicator_is_measured"


def test_snapshots_keep_values_over_time_as_of_each_day(coordinator, programme):
    indicator = IndicatorFactory(
        programme=programme, definition="hours_delivered", unit="godziny", target=Decimal("100")
    )
    a = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 3, 1))
    make_session(a, start=dt.datetime(2023, 3, 10, 9, tzinfo=TZ), hours=2)
    make_session(a, start=dt.datetime(2023, 4, 10, 9, tzinfo=TZ), hours=3)
    assert services.indicators_snapshot_all(actor=coordinator, on=dt.date(2023, 3, 31)) == 1
    services.indicators_snapshot_all(actor=coordinator, on=dt.date(2023, 4, 30))
    make_session(a, start=dt.datetime(2023, 5, 10, 9, tzinfo=TZ), hours=5)
    services.indicator_snapshot_take(actor=coordinator, indicator=indicator, on=dt.date(2023, 5, 31))
    services.indicator_snapshot_take(
        actor=coordinator, indicator=indicator, on=dt.date(2023, 5, 31)
    )  # same day: replaced
    values = list(
        IndicatorSnapshot.objects.filter(indicator=indicator).order_by("taken_on").values_list("taken_on", "value")
    )
    assert values == [
        (dt.date(2023, 3, 31), Decimal("2.00")),
        (dt.date(2023, 4, 30), Decimal("5.00")),
        (dt.date(2023, 5, 31), Decimal("10.00")),
    ]
    assert selectors.indicator_rows(programme)[0].series[-1] == (dt.date(2023, 5, 31), Decimal("10.00"))
    assert (
        AuditEntry.objects.filter(
            object_type="indicators.indicatorsnapshot", note__startswith="Zapisano stan 1 wskaźników"
        ).count()
        == 2
    )


def test_snapshot_command_fills_month_ends(coordinator, programme):
    from django.core.management import call_command

    IndicatorFactory(programme=programme)
    ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 3, 1))
    call_command("indicators_snapshot", "--date", "2023-03-15")
    assert IndicatorSnapshot.objects.get().value == Decimal("1.00")


def test_milestone_target_must_be_in_the_same_programme(coordinator, programme, org):
    indicator = IndicatorFactory(programme=programme)
    mine = MilestoneFactory(programme=programme)
    other = MilestoneFactory(programme=ProgrammeFactory(organisation=org))
    target = services.milestone_target_set(actor=coordinator, indicator=indicator, milestone=mine, target=Decimal("14"))
    assert (
        services.milestone_target_set(actor=coordinator, indicator=indicator, milestone=mine, target=Decimal("15")).pk
        == target.pk
    )
    with pytest.raises(ValidationError):
        services.milestone_target_set(actor=coordinator, indicator=indicator, milestone=other, target=Decimal("1"))


def test_indicator_update_and_delete(coordinator, programme):
    indicator = IndicatorFactory(programme=programme)
    services.indicator_update(
        actor=coordinator, indicator=indicator, target=Decimal("180"), filters={"date_from": "2023-03-01"}
    )
    indicator.refresh_from_db()
    assert indicator.target == Decimal("180") and indicator.filters == {"date_from": "2023-03-01"}
    services.indicator_update(actor=coordinator, indicator=indicator, source="manual")
    indicator.refresh_from_db()
    assert indicator.definition == "" and indicator.filters == {}
    services.indicator_value_add(
        actor=coordinator, indicator=indicator, measured_on=dt.date(2023, 5, 1), value=1, evidence_note="x"
    )
    with pytest.raises(ApplicationError):
        services.indicator_update(
            actor=coordinator, indicator=indicator, source="measured", definition="participants_enrolled"
        )
    with pytest.raises(ApplicationError):
        services.indicator_delete(actor=coordinator, indicator=indicator)


def test_eu_data_keeps_refused_distinct_from_no(coordinator, programme):
    application = ApplicationFactory(programme=programme)
    data = services.eu_data_save(
        actor=coordinator, enrolment=application, education="isced3_4", homeless="refused", foreign_origin="no"
    )
    assert data.homeless == "refused" and data.foreign_origin == "no"
    services.eu_data_save(actor=coordinator, enrolment=application, minority="refused")
    assert ParticipantEUData.objects.count() == 1
    assert ParticipantEUData.objects.get().minority == "refused"
    with pytest.raises(ValidationError):
        services.eu_data_save(actor=coordinator, enrolment=application, homeless="maybe")
    with pytest.raises(ValidationError):
        services.eu_data_save(
            actor=coordinator, enrolment=ApplicationFactory(programme=programme, status="submitted"), education="isced0"
        )
