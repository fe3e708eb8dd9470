import datetime as dt
from decimal import Decimal

from wsparcie.indicators import rules


def test_progress_from_baseline_to_target():
    assert rules.progress(baseline=Decimal("0"), target=Decimal("180"), actual=Decimal("90")) == Decimal("50.0")
    assert rules.progress(baseline=Decimal("10"), target=Decimal("20"), actual=Decimal("15")) == Decimal("50.0")
    assert rules.progress(baseline=Decimal("0"), target=Decimal("62"), actual=None) is None
    assert rules.progress(baseline=Decimal("0"), target=Decimal("0"), actual=Decimal("0")) == Decimal("100")


def test_state_behind_when_progress_trails_elapsed_time():
    elapsed = rules.elapsed_share(dt.date(2023, 1, 1), dt.date(2023, 12, 31), dt.date(2023, 7, 2))
    assert Decimal("49") < elapsed < Decimal("51")
    assert rules.indicator_state(Decimal("30"), elapsed).code == "behind"
    assert rules.indicator_state(Decimal("45"), elapsed).code == "on_track"
    assert rules.indicator_state(Decimal("100"), elapsed).code == "achieved"
    assert rules.indicator_state(None, elapsed, available=False).code == "not_available"


def test_durability_end_from_months_after_project():
    # Pomorskie Dzieciom: project to 30.06.2022, 15 places kept for at least 10 months.
    end = rules.durability_end(until=None, min_months=10, project_end=dt.date(2022, 6, 30))
    assert end == dt.date(2023, 4, 30)
    assert rules.durability_end(until=dt.date(2030, 1, 1), min_months=10, project_end=dt.date(2022, 6, 30)) == dt.date(
        2030, 1, 1
    )
    assert rules.add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)


def test_durability_flagged_within_60_days_of_lapsing():
    args = {"subject": "15 miejsc", "project_end": dt.date(2022, 6, 30), "end": dt.date(2023, 4, 30)}
    running = rules.durability_status(**args, today=dt.date(2023, 2, 28))
    assert running.state == "running" and not running.flagged
    soon = rules.durability_status(**args, today=dt.date(2023, 3, 1))
    assert soon.state == "ending_soon" and soon.flagged and soon.days_left == 60
    assert soon.message == (
        "Okres trwałości „15 miejsc” kończy się za 60 dni (30.04.2023): przygotuj dokumenty potwierdzające jego zachowanie."
    )
    last_day = rules.durability_status(**args, today=dt.date(2023, 4, 29))
    assert last_day.days_left == 1 and "kończy się za 1 dzień (30.04.2023)" in last_day.message
    assert rules.durability_status(**args, today=dt.date(2023, 5, 1)).state == "ended"
    assert rules.durability_status(**args, today=dt.date(2022, 6, 1)).state == "not_started"
    assert rules.durability_status(subject="x", project_end=None, end=None, today=dt.date(2023, 1, 1)).flagged


def test_milestone_overdue():
    assert rules.milestone_overdue(status="in_progress", end=dt.date(2020, 1, 1), today=dt.date(2020, 1, 2))
    assert not rules.milestone_overdue(status="completed", end=dt.date(2020, 1, 1), today=dt.date(2020, 1, 2))
    assert not rules.milestone_overdue(status="planned", end=None, today=dt.date(2020, 1, 2))
