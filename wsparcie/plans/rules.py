"""Pure rules of support plans: status changes, completion, review dates and reminders.

Plain data in, plain results out (no ORM): each function returns the problems it finds as
``{field: message}`` (empty when all is well), so a service can raise them as a
``ValidationError`` and a social worker can read them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from wsparcie.plans.choices import PlanStatus

#: Which status may follow which. Completing a draft is allowed: a plan carried out on paper
#: is often entered only when it ends.
TRANSITIONS: dict[str, frozenset[str]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.ACTIVE, PlanStatus.COMPLETED, PlanStatus.DISCONTINUED}),
    PlanStatus.ACTIVE: frozenset({PlanStatus.COMPLETED, PlanStatus.DISCONTINUED}),
    PlanStatus.COMPLETED: frozenset(),
    PlanStatus.DISCONTINUED: frozenset(),
}

ASSESSMENT_PART_LABELS = {
    "problems": "problemy",
    "resources": "zasoby",
    "potential": "potencjał",
    "predispositions": "predyspozycje",
    "needs": "potrzeby",
}


def pl_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def can_change_status(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def missing_assessment_parts(parts: dict[str, str] | None) -> list[str]:
    """The parts of the diagnosis still empty (all of them when there is no diagnosis)."""
    parts = parts or {}
    return [name for name in ASSESSMENT_PART_LABELS if not (parts.get(name) or "").strip()]


def activation_problems(*, assessment: dict[str, str] | None, goals_count: int) -> list[str]:
    """Why a plan cannot start yet: the diagnosis must be complete and there must be a goal."""
    problems = []
    missing = missing_assessment_parts(assessment)
    if assessment is None:
        problems.append("Plan nie ma diagnozy: uzupełnij problemy, zasoby, potencjał, predyspozycje i potrzeby.")
    elif missing:
        problems.append(
            "Diagnoza jest niepełna, uzupełnij: " + ", ".join(ASSESSMENT_PART_LABELS[m] for m in missing) + "."
        )
    if goals_count < 1:
        problems.append("Plan nie ma jeszcze żadnego celu.")
    return problems


def completion_errors(
    *,
    started_on: dt.date,
    progress_achieved: bool | None,
    outcome_note: str,
    ended_on: dt.date,
    today: dt.date,
) -> dict[str, str]:
    """What stops a plan from being completed: an outcome (progress yes/no and its description)
    is required and the end date must lie between the start of the plan and today."""
    errors: dict[str, str] = {}
    if progress_achieved is None:
        errors["progress_achieved"] = (
            "Nie można zakończyć planu bez wyniku: wskaż, czy uczestnik osiągnął postęp w rozumieniu efektywności społecznej."
        )
    if not (outcome_note or "").strip():
        errors["outcome_note"] = "Opisz wynik planu: na czym polega postęp albo dlaczego go nie osiągnięto."
    errors.update(end_date_errors(started_on=started_on, ended_on=ended_on, today=today))
    return errors


def discontinuation_errors(*, started_on: dt.date, reason: str, ended_on: dt.date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["discontinued_reason"] = "Podaj powód przerwania planu."
    errors.update(end_date_errors(started_on=started_on, ended_on=ended_on, today=today))
    return errors


def end_date_errors(*, started_on: dt.date, ended_on: dt.date, today: dt.date) -> dict[str, str]:
    if ended_on < started_on:
        return {
            "ended_on": f"Data zakończenia ({pl_date(ended_on)}) nie może być wcześniejsza niż początek planu ({pl_date(started_on)})."
        }
    if ended_on > today:
        return {"ended_on": f"Data zakończenia ({pl_date(ended_on)}) nie może być w przyszłości."}
    return {}


def review_date_errors(*, started_on: dt.date, due_on: dt.date) -> dict[str, str]:
    """A review is due after the plan has started."""
    if due_on <= started_on:
        return {
            "due_on": f"Termin przeglądu ({pl_date(due_on)}) musi być późniejszy niż początek planu ({pl_date(started_on)})."
        }
    return {}


def review_held_errors(*, started_on: dt.date, held_on: dt.date, findings: str, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if held_on < started_on:
        errors["held_on"] = (
            f"Przegląd ({pl_date(held_on)}) nie mógł się odbyć przed początkiem planu ({pl_date(started_on)})."
        )
    elif held_on > today:
        errors["held_on"] = f"Data przeglądu ({pl_date(held_on)}) nie może być w przyszłości."
    if not (findings or "").strip():
        errors["findings"] = "Zapisz ustalenia przeglądu."
    return errors


def review_due_limit(today: dt.date, within_days: int) -> dt.date:
    """The last due date that counts as "due within ``within_days``" (overdue ones count too)."""
    return today + dt.timedelta(days=max(within_days, 0))


def is_review_due(due_on: dt.date, *, today: dt.date, within_days: int) -> bool:
    return due_on <= review_due_limit(today, within_days)


def days_until(due_on: dt.date, today: dt.date) -> int:
    return (due_on - today).days


def reminder_text(*, person: str, kind: str, due_on: dt.date, today: dt.date) -> str:
    """One line of a reminder, e.g. "Przegląd planu (ścieżka reintegracji) – Anna Nowak: termin 12.05.2025 (za 3 dni)."."""
    days = days_until(due_on, today)
    if days < 0:
        when = f"po terminie o {-days} dni"
    elif days == 0:
        when = "dziś"
    elif days == 1:
        when = "jutro"
    else:
        when = f"za {days} dni"
    return f"Przegląd planu ({kind}) – {person}: termin {pl_date(due_on)} ({when})."


def group_session_date_errors(
    *, date: dt.date, round_starts_on: dt.date, round_ends_on: dt.date, round_number: int
) -> dict[str, str]:
    if not round_starts_on <= date <= round_ends_on:
        return {
            "date": (
                f"Spotkanie ({pl_date(date)}) musi się odbyć w czasie tury {round_number} "
                f"({pl_date(round_starts_on)}–{pl_date(round_ends_on)})."
            )
        }
    return {}


def round_overlap_errors(
    *, starts_on: dt.date, ends_on: dt.date, others: Iterable[tuple[int, dt.date, dt.date]]
) -> dict[str, str]:
    """Rounds of one PAL follow each other: a round may not overlap another (number, start, end)."""
    for number, other_start, other_end in others:
        if starts_on <= other_end and other_start <= ends_on:
            return {"starts_on": (f"Tura nakłada się na turę {number} ({pl_date(other_start)}–{pl_date(other_end)}).")}
    return {}
