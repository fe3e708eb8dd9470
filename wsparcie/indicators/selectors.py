"""Reads of indicators, always scoped through ``core.tenancy``; the dashboard of a programme.

The dashboard's query count is fixed: the indicators, their milestone targets, manual values
(two grouped queries), one aggregate per measured indicator, snapshots (one query), milestones,
durability duties, and one grouped query per chart. Nothing is loaded row by row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from wsparcie.core import statements, tenancy
from wsparcie.finance import activity
from wsparcie.indicators import definitions, rules
from wsparcie.indicators.choices import IndicatorSource, ManualAggregation
from wsparcie.indicators.models import Indicator, IndicatorSnapshot, IndicatorValue, MilestoneTarget, ParticipantEUData
from wsparcie.programmes.models import DurabilityObligation, Milestone, Programme

VIEW = "indicators.view"
EDIT = "indicators.edit"
ZERO = Decimal("0")


def programmes_for_user(user, perm: str = VIEW) -> QuerySet:
    return tenancy.scope(Programme.objects.select_related("organisation"), user, perm)


def programme_get_for_user(user, pk, perm: str = VIEW) -> Programme:
    return tenancy.get_for_user(Programme.objects.select_related("organisation"), user, perm, pk=pk)


def indicators_for_user(user, perm: str = VIEW) -> QuerySet:
    return tenancy.scope(Indicator.objects.select_related("programme"), user, perm)


def indicator_get_for_user(user, pk, perm: str = VIEW) -> Indicator:
    return tenancy.get_for_user(Indicator.objects.select_related("programme", "organisation"), user, perm, pk=pk)


def indicator_value_get_for_user(user, pk, perm: str = VIEW) -> IndicatorValue:
    return tenancy.get_for_user(IndicatorValue.objects.select_related("indicator__programme"), user, perm, pk=pk)


# --- actual values ----------------------------------------------------------------------------


def manual_actuals(indicators: list[Indicator]) -> dict[int, Decimal]:
    """Actual values of manual indicators: the latest value, or the sum of values (2 queries at most)."""
    latest_ids = [
        i.pk
        for i in indicators
        if i.source == IndicatorSource.MANUAL and i.manual_aggregation == ManualAggregation.LATEST
    ]
    sum_ids = [
        i.pk for i in indicators if i.source == IndicatorSource.MANUAL and i.manual_aggregation == ManualAggregation.SUM
    ]
    result: dict[int, Decimal] = {}
    if latest_ids:
        rows = (
            IndicatorValue.objects.filter(indicator_id__in=latest_ids)
            .order_by("indicator_id", "-measured_on", "-id")
            .distinct("indicator_id")
            .values_list("indicator_id", "value")
        )
        result.update(dict(rows))
    if sum_ids:
        rows = (
            IndicatorValue.objects.filter(indicator_id__in=sum_ids)
            .values("indicator_id")
            .annotate(total=Sum("value"))
            .order_by()
        )
        result.update({r["indicator_id"]: r["total"] for r in rows})
    return result


def indicator_actual(indicator: Indicator) -> Decimal | None:
    """The current value of one indicator (None when its data is not available)."""
    if indicator.source == IndicatorSource.MANUAL:
        return manual_actuals([indicator]).get(indicator.pk, ZERO)
    return definitions.measure(indicator.definition, indicator.programme_id, indicator.filters)


@dataclass
class IndicatorRow:
    indicator: Indicator
    actual: Decimal | None
    percent: Decimal | None
    state: rules.IndicatorState
    definition: definitions.Definition | None
    milestone_targets: list = field(default_factory=list)
    series: list[tuple[dt.date, Decimal]] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return self.actual is not None


def indicator_rows(
    programme: Programme, *, today: dt.date | None = None, with_series: bool = True, with_milestones: bool = True
) -> list[IndicatorRow]:
    """Each indicator with its actual value, progress and state; ``with_series`` adds the
    snapshots over time, ``with_milestones`` the targets per milestone (one query each)."""
    today = today or timezone.localdate()
    indicators = Indicator.objects.filter(programme=programme)
    if with_milestones:
        indicators = indicators.prefetch_related(
            Prefetch("milestone_targets", queryset=MilestoneTarget.objects.select_related("milestone"))
        )
    indicators = list(indicators)
    manual = manual_actuals(indicators)
    series: dict[int, list] = defaultdict(list)
    if with_series and indicators:
        for indicator_id, day, value in (
            IndicatorSnapshot.objects.filter(indicator__in=indicators)
            .order_by("indicator_id", "taken_on")
            .values_list("indicator_id", "taken_on", "value")
        ):
            series[indicator_id].append((day, value))
        manual_ids = [i.pk for i in indicators if i.source == IndicatorSource.MANUAL]
        if manual_ids:
            by_kind = {i.pk: i.manual_aggregation for i in indicators}
            running: dict[int, Decimal] = defaultdict(lambda: ZERO)
            for indicator_id, day, value in (
                IndicatorValue.objects.filter(indicator_id__in=manual_ids)
                .order_by("indicator_id", "measured_on", "id")
                .values_list("indicator_id", "measured_on", "value")
            ):
                if by_kind[indicator_id] == ManualAggregation.SUM:
                    running[indicator_id] += value
                    value = running[indicator_id]
                points = series[indicator_id]
                if points and points[-1][0] == day:
                    points[-1] = (day, value)
                else:
                    points.append((day, value))
    elapsed = rules.elapsed_share(programme.period_start, programme.period_end, today)
    measured = [i for i in indicators if i.source == IndicatorSource.MEASURED]
    measured_values = dict(
        zip(
            [i.pk for i in measured],
            definitions.measure_many(programme.pk, [(i.definition, i.filters) for i in measured]),
            strict=True,
        )
    )
    rows = []
    for indicator in indicators:
        definition = definitions.DEFINITIONS.get(indicator.definition) if indicator.definition else None
        if indicator.source == IndicatorSource.MANUAL:
            actual = manual.get(indicator.pk, ZERO)
        else:
            actual = measured_values.get(indicator.pk)
        percent = rules.progress(baseline=indicator.baseline, target=indicator.target, actual=actual)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                actual=actual,
                percent=percent,
                state=rules.indicator_state(percent, elapsed, available=actual is not None),
                definition=definition,
                milestone_targets=[
                    {"milestone": t.milestone, "target": t.target, "reached": actual is not None and actual >= t.target}
                    for t in (indicator.milestone_targets.all() if with_milestones else ())
                ],
                series=series.get(indicator.pk, []),
            )
        )
    return rows


# --- milestones and durability ------------------------------------------------------------


@dataclass
class MilestoneRow:
    milestone: Milestone
    overdue: bool
    deliverables: list
    indicator_targets: list


def milestone_rows(
    programme: Programme, rows: list[IndicatorRow], *, today: dt.date | None = None
) -> list[MilestoneRow]:
    today = today or timezone.localdate()
    by_milestone: dict[int, list] = defaultdict(list)
    for row in rows:
        for target in row.milestone_targets:
            by_milestone[target["milestone"].pk].append(
                {
                    "indicator": row.indicator,
                    "target": target["target"],
                    "actual": row.actual,
                    "reached": target["reached"],
                }
            )
    return [
        MilestoneRow(
            milestone=m,
            overdue=rules.milestone_overdue(status=m.status, end=m.end, today=today),
            deliverables=list(m.targets.all()),
            indicator_targets=by_milestone.get(m.pk, []),
        )
        for m in Milestone.objects.filter(programme=programme).prefetch_related("targets")
    ]


@dataclass
class DurabilityRow:
    obligation: DurabilityObligation
    status: rules.DurabilityStatus


def durability_rows(
    programme: Programme, *, today: dt.date | None = None, warning_days: int = rules.DURABILITY_WARNING_DAYS
) -> list[DurabilityRow]:
    today = today or timezone.localdate()
    result = []
    for obligation in DurabilityObligation.objects.filter(programme=programme):
        end = rules.durability_end(
            until=obligation.until, min_months=obligation.min_months, project_end=programme.period_end
        )
        result.append(
            DurabilityRow(
                obligation=obligation,
                status=rules.durability_status(
                    subject=obligation.subject,
                    project_end=programme.period_end,
                    end=end,
                    today=today,
                    warning_days=warning_days,
                ),
            )
        )
    return result


def durability_flags_for_user(user, *, today: dt.date | None = None) -> list[tuple[Programme, DurabilityRow]]:
    """Every flagged durability duty of the programmes the user may see (for the index page)."""
    today = today or timezone.localdate()
    programmes = programmes_for_user(user).filter(durability__isnull=False).distinct()
    flagged = []
    for programme in programmes:
        for row in durability_rows(programme, today=today):
            if row.status.flagged:
                flagged.append((programme, row))
    return flagged


# --- activity by month (charts and reports) --------------------------------------------------


def _month(value: dt.date | dt.datetime) -> dt.date:
    """A truncated month as a date: the ORM gives dates or aware datetimes, a statement sent again
    (:mod:`wsparcie.core.statements`) the driver's timestamps."""
    return value.date() if isinstance(value, dt.datetime) else value


def hours_by_month(
    programme_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None, *, with_cost: bool = True
) -> list[dict]:
    """Delivered units per service and month: ``[{month, service_id, service, unit, units, sessions, cost}]``.

    Without ``with_cost``, ``cost`` is None (the column is not summed). The statement is compiled
    once per programme, period and services (:mod:`wsparcie.core.statements`)."""
    sessions = activity.delivered_sessions(programme_id)
    if sessions is None:
        return []
    services = activity.programme_services(programme_id)

    def grouped():
        period = sessions
        if date_from:
            period = period.filter(start__gte=definitions.day_start(date_from))
        if date_to:
            period = period.filter(start__lt=definitions.day_start(date_to + dt.timedelta(days=1)))
        aggregates = {"units": Sum("units"), "sessions": Count("*")}
        if with_cost:
            aggregates["cost"] = Sum("cost")
        # Grouped by service id and month only, the names looked up after: grouping by the
        # service's text columns too made PostgreSQL sort every session by them.
        return (
            period.annotate(month=TruncMonth("start"))
            .values("month", "service_id")
            .annotate(**aggregates)
            .order_by("month", "service_id")
        )

    rows = statements.rows(
        statements.key("indicators.hours_by_month", programme_id, date_from, date_to, with_cost, tuple(services)),
        grouped,
    )
    if missing := {r["service_id"] for r in rows} - services.keys():  # sessions reached another way
        services = services | sessions.model._meta.get_field("service").related_model._base_manager.in_bulk(missing)
    return [
        {
            "month": _month(r["month"]),
            "service_id": r["service_id"],
            "service": services[r["service_id"]].name or services[r["service_id"]].kind,
            "unit": services[r["service_id"]].unit,
            "units": r["units"] or ZERO,
            "sessions": r["sessions"],
            "cost": (r["cost"] or ZERO) if with_cost else None,
        }
        for r in rows
    ]


def spending_by_month(
    programme_id: int,
    session_rows: list[dict] | None = None,
    *,
    session_line: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[tuple[dt.date, Decimal]]:
    """Expenses plus the cost of delivered sessions, per month, optionally in a period.
    ``session_rows`` from :func:`hours_by_month` of the same period save a second pass over the
    sessions."""
    from wsparcie.finance.models import BudgetLine, Expense
    from wsparcie.finance.selectors import session_costs_by_month

    def expenses():
        qs = Expense.objects.filter(budget__programme_id=programme_id)
        if date_from:
            qs = qs.filter(spent_on__gte=date_from)
        if date_to:
            qs = qs.filter(spent_on__lte=date_to)
        return qs.annotate(month=TruncMonth("spent_on")).values("month").annotate(total=Sum("amount")).order_by()

    totals: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for row in statements.rows(
        statements.key("indicators.expenses_by_month", programme_id, date_from, date_to), expenses
    ):
        totals[_month(row["month"])] += row["total"]
    if session_line is None:
        session_line = BudgetLine.objects.filter(
            budget__programme_id=programme_id, receives_session_costs=True
        ).exists()
    if session_line:
        if session_rows is None and (date_from or date_to):
            session_rows = hours_by_month(programme_id, date_from, date_to)
        if session_rows is None:
            for month, cost in session_costs_by_month(programme_id):
                totals[month] += cost
        else:
            for row in session_rows:
                totals[row["month"]] += row["cost"]
    return sorted(totals.items())


def alarms_by_month(
    programme_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[tuple[dt.date, int]] | None:
    """Telecare alarms of the programme's participants per month, optionally in a period (None
    without telecare)."""
    Alarm = activity.get_model("telecare", "Alarm")
    if Alarm is None or not activity.has_field(Alarm, "person"):
        return None

    def grouped():
        alarms = Alarm.objects.filter(person_id__in=activity.participations(programme_id).values("person_id"))
        if date_from:
            alarms = alarms.filter(raised_at__gte=definitions.day_start(date_from))
        if date_to:
            alarms = alarms.filter(raised_at__lt=definitions.day_start(date_to + dt.timedelta(days=1)))
        return alarms.annotate(month=TruncMonth("raised_at")).values("month").annotate(n=Count("id")).order_by("month")

    rows = statements.rows(statements.key("indicators.alarms_by_month", programme_id, date_from, date_to), grouped)
    return [(_month(r["month"]), r["n"]) for r in rows]


def hours_series(rows: list[dict]) -> list[tuple[dt.date, Decimal]]:
    totals: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        if row["unit"] == "hour":
            totals[row["month"]] += row["units"]
    return sorted(totals.items())


# --- the dashboard ----------------------------------------------------------------------------


@dataclass
class Dashboard:
    programme: Programme
    today: dt.date
    rows: list[IndicatorRow]
    milestones: list[MilestoneRow]
    durability: list[DurabilityRow]
    hours: list[tuple[dt.date, Decimal]]
    spending: list[tuple[dt.date, Decimal]]
    alarms: list[tuple[dt.date, int]] | None
    budget: object | None = None

    @property
    def flags(self) -> list[str]:
        messages = [row.status.message for row in self.durability if row.status.flagged]
        messages += [
            gettext("Kamień milowy „%(milestone)s” miał się zakończyć %(end)s, a nie jest oznaczony jako zakończony.")
            % {"milestone": m.milestone, "end": f"{m.milestone.end:%d.%m.%Y}"}
            for m in self.milestones
            if m.overdue
        ]
        return messages


def dashboard(programme: Programme, *, today: dt.date | None = None, user=None) -> Dashboard:
    """Everything the programme's dashboard shows. The budget summary is included when ``user``
    may see finance in the programme's organisation."""
    with activity.remembering_services():
        return _dashboard(programme, today=today, user=user)


def _dashboard(programme: Programme, *, today: dt.date | None, user) -> Dashboard:
    today = today or timezone.localdate()
    rows = indicator_rows(programme, today=today)
    session_rows = hours_by_month(programme.pk, with_cost=False)
    budget = None
    spending: list = []
    if user is not None and tenancy.has_perm(user, "finance.view", programme.organisation_id):
        from wsparcie.finance import selectors as finance

        found = finance.budget_for_programme(programme.pk)
        if found is not None:
            session_costs = None
            session_line = found.lines.filter(receives_session_costs=True).exists()
            if session_line:
                session_costs = finance.session_costs_by_month(programme.pk)  # the one pass over session rows
            session_total = sum((cost for _m, cost in session_costs or []), ZERO) if session_costs is not None else ZERO
            budget = finance.budget_utilisation(
                found, session_total=session_total if activity.session_model() else None
            )
            spending = spending_by_month(
                programme.pk, [{"month": m, "cost": c} for m, c in session_costs or []], session_line=session_line
            )
    return Dashboard(
        programme=programme,
        today=today,
        rows=rows,
        milestones=milestone_rows(programme, rows, today=today),
        durability=durability_rows(programme, today=today),
        hours=hours_series(session_rows),
        spending=spending,
        alarms=alarms_by_month(programme.pk),
        budget=budget,
    )


# --- EU participants -------------------------------------------------------------------------


def eu_participations(programme: Programme) -> QuerySet:
    """Participations of the programme with their person and EU data (one query)."""
    return (
        activity.participations(programme.pk)
        .select_related("person", "eu_data", "programme")
        .order_by("enrolled_on", "person__last_name", "person__first_name", "id")
    )


def eu_data_get(application) -> ParticipantEUData | None:
    return ParticipantEUData.objects.filter(enrolment=application).first()
