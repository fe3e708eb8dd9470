import datetime as dt

from wsparcie.plans import rules
from wsparcie.plans.choices import PlanStatus

D = dt.date
FULL = {"problems": "a", "resources": "b", "potential": "c", "predispositions": "d", "needs": "e"}


def test_status_transitions():
    assert rules.can_change_status(PlanStatus.DRAFT, PlanStatus.ACTIVE)
    assert rules.can_change_status(PlanStatus.ACTIVE, PlanStatus.COMPLETED)
    assert not rules.can_change_status(PlanStatus.COMPLETED, PlanStatus.ACTIVE)
    assert not rules.can_change_status(PlanStatus.DISCONTINUED, PlanStatus.COMPLETED)
    assert not rules.can_change_status(PlanStatus.ACTIVE, PlanStatus.DRAFT)


def test_activation_needs_full_assessment_and_a_goal():
    assert rules.activation_problems(assessment=FULL, goals_count=1) == []
    problems = rules.activation_problems(assessment={**FULL, "resources": " ", "potential": ""}, goals_count=0)
    assert problems == ["Diagnoza jest niepełna, uzupełnij: zasoby, potencjał.", "Plan nie ma jeszcze żadnego celu."]
    assert "nie ma diagnozy" in rules.activation_problems(assessment=None, goals_count=2)[0]


def test_completion_requires_outcome_and_sane_end_date():
    ok = rules.completion_errors(
        started_on=D(2024, 1, 1),
        progress_achieved=False,
        outcome_note="Bez postępu",
        ended_on=D(2024, 6, 1),
        today=D(2024, 7, 1),
    )
    assert ok == {}
    errors = rules.completion_errors(
        started_on=D(2024, 1, 1),
        progress_achieved=None,
        outcome_note="  ",
        ended_on=D(2023, 12, 31),
        today=D(2024, 7, 1),
    )
    assert set(errors) == {"progress_achieved", "outcome_note", "ended_on"}
    assert "31.12.2023" in errors["ended_on"] and "01.01.2024" in errors["ended_on"]
    future = rules.completion_errors(
        started_on=D(2024, 1, 1), progress_achieved=True, outcome_note="x", ended_on=D(2024, 8, 1), today=D(2024, 7, 1)
    )
    assert "w przyszłości" in future["ended_on"]


def test_review_must_be_after_start():
    assert rules.review_date_errors(started_on=D(2024, 1, 1), due_on=D(2024, 1, 2)) == {}
    error = rules.review_date_errors(started_on=D(2024, 1, 1), due_on=D(2024, 1, 1))["due_on"]
    assert error == "Termin przeglądu (01.01.2024) musi być późniejszy niż początek planu (01.01.2024)."


def test_review_due_window_counts_overdue():
    today = D(2024, 5, 10)
    assert rules.is_review_due(D(2024, 5, 1), today=today, within_days=7)
    assert rules.is_review_due(D(2024, 5, 17), today=today, within_days=7)
    assert not rules.is_review_due(D(2024, 5, 18), today=today, within_days=7)


def test_reminder_text_says_when():
    today = D(2024, 5, 10)
    assert rules.reminder_text(
        person="Anna Nowak", kind="ścieżka reintegracji", due_on=D(2024, 5, 13), today=today
    ) == ("Przegląd planu (ścieżka reintegracji) – Anna Nowak: termin 13.05.2024 (za 3 dni).")
    assert "po terminie o 2 dni" in rules.reminder_text(person="A", kind="k", due_on=D(2024, 5, 8), today=today)
    assert "(dziś)" in rules.reminder_text(person="A", kind="k", due_on=today, today=today)


def test_group_session_inside_round_and_rounds_do_not_overlap():
    assert (
        rules.group_session_date_errors(
            date=D(2024, 3, 1), round_starts_on=D(2024, 1, 1), round_ends_on=D(2024, 6, 30), round_number=1
        )
        == {}
    )
    error = rules.group_session_date_errors(
        date=D(2024, 7, 1), round_starts_on=D(2024, 1, 1), round_ends_on=D(2024, 6, 30), round_number=2
    )
    assert "tury 2 (01.01.2024–30.06.2024)" in error["date"]
    others = [(1, D(2024, 1, 1), D(2024, 6, 30))]
    assert rules.round_overlap_errors(starts_on=D(2024, 7, 1), ends_on=D(2024, 12, 31), others=others) == {}
    assert (
        "turę 1"
        in rules.round_overlap_errors(starts_on=D(2024, 6, 30), ends_on=D(2024, 12, 31), others=others)["starts_on"]
    )
