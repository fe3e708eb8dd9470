"""Pure rules of support plans: status changes, completion, review dates and reminders.

Plain data in, plain results out (no ORM): each function returns the problems it finds as
``{field: message}`` (empty when all is well), so a service can raise them as a
``ValidationError`` and a social worker can read them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

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
    "problems": _("problemy"),
    "resources": _("zasoby"),
    "potential": _("potencjał"),
    "predispositions": _("predyspozycje"),
    "needs": _("potrzeby"),
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
        problems.append(
            gettext("Plan nie ma diagnozy: uzupełnij problemy, zasoby, potencjał, predyspozycje i potrzeby.")
        )
    elif missing:
        problems.append(
            gettext("Diagnoza jest niepełna, uzupełnij: %(parts)s.")
            % {"parts": ", ".join(str(ASSESSMENT_PART_LABELS[m]) for m in missing)}
        )
    if goals_count < 1:
        problems.append(gettext("Plan nie ma jeszcze żadnego celu."))
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
        errors["progress_achieved"] = gettext(
            "Nie można zakończyć planu bez wyniku: "
            "wskaż, czy uczestnik osiągnął postęp w rozumieniu efektywności społecznej."
        )
    if not (outcome_note or "").strip():
        errors["outcome_note"] = gettext("Opisz wynik planu: na czym polega postęp albo dlaczego go nie osiągnięto.")
    errors.update(end_date_errors(started_on=started_on, ended_on=ended_on, today=today))
    return errors


def discontinuation_errors(*, started_on: dt.date, reason: str, ended_on: dt.date, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["discontinued_reason"] = gettext("Podaj powód przerwania planu.")
    errors.update(end_date_errors(started_on=started_on, ended_on=ended_on, today=today))
    return errors


def end_date_errors(*, started_on: dt.date, ended_on: dt.date, today: dt.date) -> dict[str, str]:
    if ended_on < started_on:
        return {
            "ended_on": gettext(
                "Data zakończenia (%(ended_on)s) nie może być wcześniejsza niż początek planu (%(started_on)s)."
            )
            % {"ended_on": pl_date(ended_on), "started_on": pl_date(started_on)}
        }
    if ended_on > today:
        return {
            "ended_on": gettext("Data zakończenia (%(ended_on)s) nie może być w przyszłości.")
            % {"ended_on": pl_date(ended_on)}
        }
    return {}


def review_date_errors(*, started_on: dt.date, due_on: dt.date) -> dict[str, str]:
    """A review is due after the plan has started."""
    if due_on <= started_on:
        return {
            "due_on": gettext("Termin przeglądu (%(due_on)s) musi być późniejszy niż początek planu (%(started_on)s).")
            % {"due_on": pl_date(due_on), "started_on": pl_date(started_on)}
        }
    return {}


def review_held_errors(*, started_on: dt.date, held_on: dt.date, findings: str, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if held_on < started_on:
        errors["held_on"] = gettext(
            "Przegląd (%(held_on)s) nie mógł się odbyć przed początkiem planu (%(started_on)s)."
        ) % {"held_on": pl_date(held_on), "started_on": pl_date(started_on)}
    elif held_on > today:
        errors["held_on"] = gettext("Data przeglądu (%(held_on)s) nie może być w przyszłości.") % {
            "held_on": pl_date(held_on)
        }
    if not (findings or "").strip():
        errors["findings"] = gettext("Zapisz ustalenia przeglądu.")
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
        when = days_overdue(-days)
    elif days == 0:
        when = gettext("dziś")
    elif days == 1:
        when = gettext("jutro")
    else:
        when = ngettext("za %(n)s dzień", "za %(n)s dni", days) % {"n": days}
    return gettext("Przegląd planu (%(kind)s) – %(person)s: termin %(due_on)s (%(when)s).") % {
        "kind": kind,
        "person": person,
        "due_on": pl_date(due_on),
        "when": when,
    }


def days_overdue(n: int) -> str:
    """The "overdue by ``n`` days" part of a reminder: "po terminie o 1 dzień", "… o 3 dni"."""
    return ngettext("po terminie o %(n)s dzień", "po terminie o %(n)s dni", n) % {"n": n}


def group_session_date_errors(
    *, date: dt.date, round_starts_on: dt.date, round_ends_on: dt.date, round_number: int
) -> dict[str, str]:
    if not round_starts_on <= date <= round_ends_on:
        return {
            "date": gettext("Spotkanie (%(date)s) musi się odbyć w czasie tury %(round)s (%(start)s–%(end)s).")
            % {
                "date": pl_date(date),
                "round": round_number,
                "start": pl_date(round_starts_on),
                "end": pl_date(round_ends_on),
            }
        }
    return {}


def round_overlap_errors(
    *, starts_on: dt.date, ends_on: dt.date, others: Iterable[tuple[int, dt.date, dt.date]]
) -> dict[str, str]:
    """Rounds of one PAL follow each other: a round may not overlap another (number, start, end)."""
    for number, other_start, other_end in others:
        if starts_on <= other_end and other_start <= ends_on:
            return {
                "starts_on": gettext("Tura nakłada się na turę %(round)s (%(start)s–%(end)s).")
                % {"round": number, "start": pl_date(other_start), "end": pl_date(other_end)}
            }
    return {}
