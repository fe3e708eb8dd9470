"""Pure rules of delivery: units and cost of a session, the 12-hours-in-24 window, limits by
certificate, who may not assist whom, months and loan dates. No ORM here: services pass small
snapshots in and turn the results into errors a social worker can read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from wsparcie.delivery.choices import CertificateDegree, Unit
from wsparcie.people.choices import EQUIVALENT_DEGREE, FAMILY_RELATIONS, RelationKind

WARSAW = ZoneInfo("Europe/Warsaw")
TWO = Decimal("0.01")
ZERO = Decimal("0")

#: AOON (2024 edition, cz. IV pkt 16): the same assistant works at most 12 h in 24 consecutive hours.
DAILY_MAX_HOURS = Decimal("12")
DAILY_WINDOW = dt.timedelta(hours=24)


# --- time ---------------------------------------------------------------------------------
def utc(value: dt.datetime) -> dt.datetime:
    """Arithmetic on aware datetimes sharing a tzinfo is wall-clock arithmetic in Python; in UTC it is real time."""
    return value.astimezone(dt.UTC)


def duration(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    return utc(end) - utc(start)


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(WARSAW)


def local_date(value: dt.datetime) -> dt.date:
    return local(value).date()


def month_start(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = local_date(value)
    return value.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Midnight (Warsaw) of the month's first day and of the next month's first day."""
    first = month.replace(day=1)
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=WARSAW),
        dt.datetime.combine(next_month(first), dt.time(), tzinfo=WARSAW),
    )


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime(year, 1, 1, tzinfo=WARSAW),
        dt.datetime(year + 1, 1, 1, tzinfo=WARSAW),
    )


def parse_month(text: str | None, default: dt.date | None = None) -> dt.date | None:
    """``"2023-05"`` or ``"2023-05-17"`` -> 2023-05-01; anything else -> ``default``."""
    if not text:
        return default
    try:
        parts = [int(p) for p in str(text).split("-")[:2]]
        return dt.date(parts[0], parts[1], 1)
    except (ValueError, IndexError):
        return default


def add_months(value: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def week_start(value: dt.date) -> dt.date:
    return value - dt.timedelta(days=value.weekday())


# --- units and money ----------------------------------------------------------------------
def session_units(unit: str, start: dt.datetime, end: dt.datetime) -> Decimal:
    """Hours to two places; started 24-hour periods (doby); one meal or item per session."""
    seconds = Decimal(duration(start, end).total_seconds())
    if unit == Unit.HOUR:
        return (seconds / Decimal(3600)).quantize(TWO, rounding=ROUND_HALF_UP)
    if unit == Unit.DAY:
        return Decimal(max(1, math.ceil(seconds / Decimal(86400))))
    return Decimal(1)


def session_cost(units: Decimal, rate: Decimal) -> Decimal:
    return (units * rate).quantize(TWO, rounding=ROUND_HALF_UP)


def fmt_units(value: Decimal | int | None) -> str:
    """``Decimal("12.50")`` -> ``"12,5"``; ``Decimal("720.00")`` -> ``"720"``."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(TWO):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_dt(value: dt.datetime) -> str:
    return local(value).strftime("%d.%m.%Y %H:%M")


def fmt_span(start: dt.datetime, end: dt.datetime) -> str:
    s, e = local(start), local(end)
    if s.date() == e.date():
        return f"{s:%d.%m.%Y} {s:%H:%M}–{e:%H:%M}"
    return f"{s:%d.%m.%Y %H:%M} – {e:%d.%m.%Y %H:%M}"


# --- 12 hours in any 24 -------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime
    ref: int | None = None  # session id, None for the new one


@dataclass(frozen=True)
class DailyLimitViolation:
    window_start: dt.datetime
    window_end: dt.datetime
    hours: Decimal
    refs: tuple[int, ...]


def _overlap(a: Interval, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    return max(dt.timedelta(0), min(a.end, end) - max(a.start, start))


def daily_limit_violation(
    existing: Iterable[Interval],
    new: Interval,
    max_hours: Decimal = DAILY_MAX_HOURS,
    window: dt.timedelta = DAILY_WINDOW,
) -> DailyLimitViolation | None:
    """The first 24-hour window touching ``new`` in which the work adds up to more than
    ``max_hours``, or None. The sum over a sliding window peaks where the window starts at an
    interval's start or ends at an interval's end, so only those windows are tried."""
    new = Interval(utc(new.start), utc(new.end), new.ref)
    intervals = [Interval(utc(i.start), utc(i.end), i.ref) for i in existing]
    intervals = [i for i in intervals if i.end > new.start - window and i.start < new.end + window]
    intervals.append(new)
    limit = dt.timedelta(hours=float(max_hours))
    candidates = sorted({i.start for i in intervals} | {i.end - window for i in intervals})
    for w_start in candidates:
        w_end = w_start + window
        if not (w_start < new.end and w_end > new.start):
            continue
        total = sum((_overlap(i, w_start, w_end) for i in intervals), dt.timedelta(0))
        if total > limit:
            hours = (Decimal(total.total_seconds()) / Decimal(3600)).quantize(TWO)
            refs = tuple(sorted(i.ref for i in intervals if i.ref is not None and _overlap(i, w_start, w_end)))
            return DailyLimitViolation(w_start, w_end, hours, refs)
    return None


# --- limits -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateSnapshot:
    """What the limit table needs from a certificate: the (equivalent) degree, whether it
    carries several cause symbols (niepełnosprawność sprzężona) and whether it is a child's."""

    degree: str
    several_symbols: bool
    child: bool

    @classmethod
    def from_values(
        cls, *, kind: str, degree: str, symbols: Sequence[str], equivalent_type: str = ""
    ) -> CertificateSnapshot:
        """An equivalent certificate (art. 5 and 62) counts as the degree it is equivalent to."""
        if not degree and equivalent_type:
            degree = EQUIVALENT_DEGREE.get(equivalent_type, "")
        return cls(degree=degree or "", several_symbols=len(symbols or []) >= 2, child=kind == "child")


@dataclass(frozen=True)
class LimitRow:
    degree: str
    several_symbols: bool | None
    child: bool
    limit: Decimal


def certificate_limit(rows: Iterable[LimitRow], certificate: CertificateSnapshot | None) -> LimitRow | None:
    """The most specific row of the table matching the certificate, or None."""
    if certificate is None:
        return None
    matches = []
    for row in rows:
        if row.child != certificate.child:
            continue
        if not row.child and row.degree not in (CertificateDegree.ANY, certificate.degree):
            continue
        if row.several_symbols is not None and row.several_symbols != certificate.several_symbols:
            continue
        matches.append(row)
    if not matches:
        return None
    return max(matches, key=lambda r: (r.degree != CertificateDegree.ANY, r.several_symbols is not None, r.limit))


@dataclass(frozen=True)
class LimitCheck:
    """``used`` units already counted against ``limit`` (both in the service's unit)."""

    kind: str  # granted | edition | certificate | month | days_per_year
    limit: Decimal
    used: Decimal
    label: str = ""


def limit_violation(requested: Decimal, checks: Iterable[LimitCheck]) -> LimitCheck | None:
    for check in checks:
        if check.limit is not None and check.used + requested > check.limit:
            return check
    return None


def effective_limit(*values: Decimal | None) -> Decimal | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


# --- who may assist whom ------------------------------------------------------------------
@dataclass(frozen=True)
class WorkerRelation:
    reason: str  # same_person | household | family | legal_guardian
    kinds: tuple[str, ...] = field(default_factory=tuple)


def worker_not_allowed(
    *,
    worker_person_id: int | None,
    participant_person_id: int,
    worker_household_id: int | None,
    participant_household_id: int | None,
    relations: Iterable[tuple[int, int, str]],
) -> WorkerRelation | None:
    """An assistant may not be the participant's family member, legal guardian or someone
    living with them (AOON; the registry's relations decide). ``relations`` are
    ``(person_id, relative_id, kind)`` rows between the two people, in either direction."""
    if worker_person_id is None:
        return None
    if worker_person_id == participant_person_id:
        return WorkerRelation("same_person")
    kinds = []
    guardian = False
    for person_id, relative_id, kind in relations:
        pair = {person_id, relative_id}
        if pair != {worker_person_id, participant_person_id}:
            continue
        if kind in FAMILY_RELATIONS:
            kinds.append(kind)
        elif kind == RelationKind.LEGAL_GUARDIAN and person_id == worker_person_id:
            guardian = True
    if guardian:
        return WorkerRelation("legal_guardian", (RelationKind.LEGAL_GUARDIAN,))
    if kinds:
        return WorkerRelation("family", tuple(sorted(kinds)))
    if worker_household_id is not None and worker_household_id == participant_household_id:
        return WorkerRelation("household")
    return None


# --- equipment loans ----------------------------------------------------------------------
def loan_due_date(start: dt.date, months: int = 4) -> dt.date:
    return add_months(start, months)


def guarantor_required(value: Decimal, threshold: Decimal | None) -> bool:
    return threshold is not None and value > threshold


def loan_number(year: int, sequence: int) -> str:
    return f"WYP/{year}/{sequence:04d}"
