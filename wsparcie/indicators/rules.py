"""Pure rules of indicators: progress towards a target, whether a project is behind, durability
deadlines and when to flag them, overdue milestones. No ORM."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, ngettext

from wsparcie.indicators.choices import DurabilityState

HUNDRED = Decimal("100")
#: Durability duties are flagged this many days before they lapse.
DURABILITY_WARNING_DAYS = 60
#: An indicator is "behind" when its progress trails the elapsed share of the period by more.
BEHIND_TOLERANCE = Decimal("10")


def progress(*, baseline: Decimal, target: Decimal, actual: Decimal | None) -> Decimal | None:
    """Share of the way from ``baseline`` to ``target`` covered by ``actual``, in percent."""
    if actual is None or target is None:
        return None
    baseline = Decimal(baseline or 0)
    distance = Decimal(target) - baseline
    if distance == 0:
        return HUNDRED if Decimal(actual) >= Decimal(target) else Decimal("0")
    return ((Decimal(actual) - baseline) * HUNDRED / distance).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def elapsed_share(start: dt.date | None, end: dt.date | None, today: dt.date) -> Decimal | None:
    """How much of the period ``start``–``end`` has passed on ``today`` (0–100%)."""
    if not start or not end or end < start:
        return None
    if today <= start:
        return Decimal("0")
    if today >= end:
        return HUNDRED
    return (Decimal((today - start).days) * HUNDRED / Decimal((end - start).days)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class IndicatorState:
    code: str  # achieved | on_track | behind | not_available | no_target
    label: str


def indicator_state(percent: Decimal | None, elapsed: Decimal | None, *, available: bool = True) -> IndicatorState:
    if not available:
        return IndicatorState("not_available", gettext("dane niedostępne"))
    if percent is None:
        return IndicatorState("no_target", gettext("brak celu"))
    if percent >= HUNDRED:
        return IndicatorState("achieved", gettext("osiągnięty"))
    if elapsed is not None and percent < elapsed - BEHIND_TOLERANCE:
        return IndicatorState("behind", gettext("opóźniony"))
    return IndicatorState("on_track", gettext("w realizacji"))


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def durability_end(*, until: dt.date | None, min_months: int | None, project_end: dt.date | None) -> dt.date | None:
    """The last day of the duty: ``until`` when given, else ``min_months`` after the project end."""
    if until:
        return until
    if min_months and project_end:
        return add_months(project_end, min_months)
    return None


@dataclass(frozen=True)
class DurabilityStatus:
    state: str
    end: dt.date | None
    days_left: int | None
    flagged: bool
    message: str


def durability_status(
    *,
    subject: str,
    project_end: dt.date | None,
    end: dt.date | None,
    today: dt.date,
    warning_days: int = DURABILITY_WARNING_DAYS,
) -> DurabilityStatus:
    """Where a durability duty stands on ``today``; ``flagged`` within ``warning_days`` of its end."""
    if end is None:
        return DurabilityStatus(
            DurabilityState.UNKNOWN,
            None,
            None,
            True,
            gettext("Obowiązek trwałości „%(subject)s” nie ma daty końca: uzupełnij ją.") % {"subject": subject},
        )
    days_left = (end - today).days
    end_text = f"{end:%d.%m.%Y}"
    if days_left < 0:
        return DurabilityStatus(
            DurabilityState.ENDED,
            end,
            days_left,
            False,
            gettext("Okres trwałości „%(subject)s” zakończył się %(end)s.") % {"subject": subject, "end": end_text},
        )
    if project_end and today <= project_end:
        return DurabilityStatus(
            DurabilityState.NOT_STARTED,
            end,
            days_left,
            False,
            gettext("Trwałość „%(subject)s” zacznie się po zakończeniu projektu (%(project_end)s) i potrwa do %(end)s.")
            % {"subject": subject, "project_end": f"{project_end:%d.%m.%Y}", "end": end_text},
        )
    if days_left <= warning_days:
        return DurabilityStatus(
            DurabilityState.ENDING_SOON,
            end,
            days_left,
            True,
            # "dzień" for 1, "dni" for any other count: Polish days have the two forms of gettext's default.
            ngettext(
                "Okres trwałości „%(subject)s” kończy się za %(days)s dzień (%(end)s): "
                "przygotuj dokumenty potwierdzające jego zachowanie.",
                "Okres trwałości „%(subject)s” kończy się za %(days)s dni (%(end)s): "
                "przygotuj dokumenty potwierdzające jego zachowanie.",
                days_left,
            )
            % {"subject": subject, "days": days_left, "end": end_text},
        )
    return DurabilityStatus(
        DurabilityState.RUNNING,
        end,
        days_left,
        False,
        ngettext(
            "Trwałość „%(subject)s” trwa do %(end)s (%(days)s dzień).",
            "Trwałość „%(subject)s” trwa do %(end)s (%(days)s dni).",
            days_left,
        )
        % {"subject": subject, "end": end_text, "days": days_left},
    )


def milestone_overdue(*, status: str, end: dt.date | None, today: dt.date) -> bool:
    return end is not None and end < today and status != "completed"
