"""Reads of budgets and spending, always scoped through ``core.tenancy``.

:func:`budget_utilisation` is the one place that adds up plan and spending: planned amounts per
line and source, expenses per line and source (one grouped query), and the cost of delivered
sessions summed from the delivery tables (one grouped query, never copied into finance), with
the status and Polish warning of every line, the shares against the agreement and the cost per
participant. Its query count does not grow with the number of lines, sources or expenses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from wsparcie.core import statements, tenancy
from wsparcie.finance import activity, rules
from wsparcie.finance.choices import ContributionRole, UtilisationStatus
from wsparcie.finance.models import Budget, BudgetAllocation, BudgetLine, BudgetSource, Expense

ZERO = Decimal("0.00")
VIEW = "finance.view"
EDIT = "finance.edit"


def budgets_for_user(user, perm: str = VIEW) -> QuerySet:
    return tenancy.scope(Budget.objects.select_related("programme", "organisation"), user, perm)


def budget_get_for_user(user, pk, perm: str = VIEW) -> Budget:
    return tenancy.get_for_user(Budget.objects.select_related("programme", "organisation"), user, perm, pk=pk)


def budget_line_get_for_user(user, pk, perm: str = VIEW) -> BudgetLine:
    return tenancy.get_for_user(BudgetLine.objects.select_related("budget__programme"), user, perm, pk=pk)


def expenses_for_user(user, perm: str = VIEW) -> QuerySet:
    return tenancy.scope(Expense.objects.select_related("budget__programme", "line", "funding_source"), user, perm)


def expense_get_for_user(user, pk, perm: str = VIEW) -> Expense:
    return tenancy.get_for_user(
        Expense.objects.select_related("budget__programme", "line", "funding_source"), user, perm, pk=pk
    )


def budget_for_programme(programme_id: int) -> Budget | None:
    return Budget.objects.filter(programme_id=programme_id).first()


# --- session costs (from delivery, never copied) ------------------------------------------


def session_costs_total(programme_id: int) -> Decimal | None:
    """The cost of the programme's delivered sessions, or None when delivery is not available."""
    sessions = activity.delivered_sessions(programme_id)
    if sessions is None or not activity.has_field(sessions.model, "cost"):
        return None
    return sessions.aggregate(
        total=Coalesce(Sum("cost"), ZERO, output_field=DecimalField(max_digits=16, decimal_places=2))
    )["total"]


def session_costs_by_month(programme_id: int) -> list[tuple]:
    """``[(month_start_date, cost)]`` of delivered sessions, for charts and reports."""
    from django.db.models.functions import TruncMonth

    sessions = activity.delivered_sessions(programme_id)
    if sessions is None or not activity.has_field(sessions.model, "cost"):
        return []
    date_field = "start" if activity.has_field(sessions.model, "start") else "date"
    rows = sessions.annotate(month=TruncMonth(date_field)).values("month").annotate(cost=Sum("cost")).order_by("month")
    return [
        (row["month"].date() if hasattr(row["month"], "date") else row["month"], row["cost"] or ZERO) for row in rows
    ]


# --- utilisation ----------------------------------------------------------------------------


@dataclass
class SourceUse:
    funding_source_id: int
    code: str
    name: str
    role: str
    role_label: str
    agreed: Decimal | None
    planned: Decimal = ZERO
    spent: Decimal = ZERO
    percent: Decimal | None = None
    status: str = UtilisationStatus.OK


@dataclass
class LineSourceUse:
    funding_source_id: int
    name: str
    planned: Decimal = ZERO
    expenses: Decimal = ZERO
    sessions: Decimal = ZERO
    percent: Decimal | None = None
    status: str = UtilisationStatus.OK

    @property
    def spent(self) -> Decimal:
        return self.expenses + self.sessions

    @property
    def left(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class LineUse:
    line: BudgetLine
    planned: Decimal = ZERO
    expenses: Decimal = ZERO
    sessions: Decimal = ZERO
    percent: Decimal | None = None
    status: str = UtilisationStatus.OK
    message: str | None = None
    by_source: list[LineSourceUse] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        return self.expenses + self.sessions

    @property
    def left(self) -> Decimal:
        return self.planned - self.spent


@dataclass
class BudgetUtilisation:
    budget: Budget
    lines: list[LineUse]
    sources: list[SourceUse]
    planned: Decimal
    expenses: Decimal
    sessions: Decimal | None
    participants: int
    planned_participants: int | None
    cost_per_participant: Decimal | None
    planned_cost_per_participant: Decimal | None
    shares_planned: rules.ShareCheck
    shares_actual: rules.ShareCheck
    warnings: list[str]

    @property
    def spent(self) -> Decimal:
        return self.expenses + (self.sessions or ZERO)

    @property
    def percent(self) -> Decimal | None:
        return rules.percent(self.spent, self.planned)

    @property
    def status(self) -> str:
        return rules.utilisation_status(self.planned, self.spent, self.budget.warning_threshold)


_UNSET = object()


def budget_utilisation(budget: Budget, *, session_total=_UNSET) -> BudgetUtilisation:
    """Plan against spending for every line and source of ``budget`` (a fixed number of queries).

    ``session_total`` may pass the cost of delivered sessions when the caller has just summed it
    (the indicators dashboard does, from its by-month rows), saving a pass over the sessions."""
    threshold = budget.warning_threshold
    lines = list(budget.lines.prefetch_related("allocations__funding_source").select_related("session_funding_source"))
    sources = list(budget.sources.select_related("funding_source"))
    spent_rows = (
        Expense.objects.filter(budget=budget)
        .values("line_id", "funding_source_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    spent: dict[tuple[int, int], Decimal] = {(r["line_id"], r["funding_source_id"]): r["total"] for r in spent_rows}
    if session_total is _UNSET:
        session_total = session_costs_total(budget.programme_id)
    session_line = next((line for line in lines if line.receives_session_costs), None)

    source_names = {s.funding_source_id: s.funding_source.name for s in sources}
    by_source_spent: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_source_planned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    line_uses: list[LineUse] = []
    warnings: list[str] = []
    for line in lines:
        use = LineUse(line=line)
        per_source: dict[int, LineSourceUse] = {}
        for allocation in line.allocations.all():
            per_source[allocation.funding_source_id] = LineSourceUse(
                funding_source_id=allocation.funding_source_id,
                name=allocation.funding_source.name,
                planned=allocation.planned_amount,
            )
        for (line_id, source_id), total in spent.items():
            if line_id != line.pk:
                continue
            entry = per_source.setdefault(
                source_id, LineSourceUse(funding_source_id=source_id, name=source_names.get(source_id, "?"))
            )
            entry.expenses += total
        if line is session_line and session_total:
            source_id = line.session_funding_source_id
            entry = per_source.setdefault(
                source_id, LineSourceUse(funding_source_id=source_id, name=source_names.get(source_id, "?"))
            )
            entry.sessions += session_total
        for entry in per_source.values():
            entry.percent = rules.percent(entry.spent, entry.planned)
            entry.status = rules.utilisation_status(entry.planned, entry.spent, threshold)
            use.planned += entry.planned
            use.expenses += entry.expenses
            use.sessions += entry.sessions
            by_source_spent[entry.funding_source_id] += entry.spent
            by_source_planned[entry.funding_source_id] += entry.planned
        use.by_source = sorted(per_source.values(), key=lambda e: e.name)
        use.percent = rules.percent(use.spent, use.planned)
        use.status = rules.utilisation_status(use.planned, use.spent, threshold)
        use.message = rules.line_message(line=str(line), planned=use.planned, spent=use.spent, status=use.status)
        if use.message:
            warnings.append(use.message)
        else:
            # A line can be fine overall while one source on it is overspent.
            for entry in use.by_source:
                if entry.status in (UtilisationStatus.OVER, UtilisationStatus.UNPLANNED):
                    warnings.append(
                        rules.line_message(
                            line=f"{line} – {entry.name}", planned=entry.planned, spent=entry.spent, status=entry.status
                        )
                    )
        line_uses.append(use)

    source_uses = []
    for source in sources:
        sid = source.funding_source_id
        planned, spent_total = by_source_planned.get(sid, ZERO), by_source_spent.get(sid, ZERO)
        basis = source.agreed_amount if source.agreed_amount is not None else planned
        source_uses.append(
            SourceUse(
                funding_source_id=sid,
                code=source.funding_source.code,
                name=source.funding_source.name,
                role=source.role,
                role_label=source.get_role_display(),
                agreed=source.agreed_amount,
                planned=planned,
                spent=spent_total,
                percent=rules.percent(spent_total, basis),
                status=rules.utilisation_status(basis, spent_total, threshold),
            )
        )

    def by_role(values: dict[int, Decimal], role: str) -> Decimal:
        ids = {s.funding_source_id for s in sources if s.role == role}
        return sum((v for k, v in values.items() if k in ids), ZERO)

    def other(values: dict[int, Decimal]) -> Decimal:
        ids = {s.funding_source_id for s in sources if s.role in (ContributionRole.GRANT, ContributionRole.OWN)}
        return sum((v for k, v in values.items() if k not in ids), ZERO)

    shares_planned = rules.check_shares(
        grant=by_role(by_source_planned, ContributionRole.GRANT),
        own=by_role(by_source_planned, ContributionRole.OWN),
        other=other(by_source_planned),
        grant_share_max=budget.grant_share_max,
        own_share_min=budget.own_share_min,
    )
    shares_actual = rules.check_shares(
        grant=by_role(by_source_spent, ContributionRole.GRANT),
        own=by_role(by_source_spent, ContributionRole.OWN),
        other=other(by_source_spent),
        grant_share_max=budget.grant_share_max,
        own_share_min=budget.own_share_min,
    )
    warnings.extend(gettext("Plan: %(reason)s") % {"reason": reason} for reason in shares_planned.reasons)
    warnings.extend(gettext("Wydatki: %(reason)s") % {"reason": reason} for reason in shares_actual.reasons)

    planned_total = sum((u.planned for u in line_uses), ZERO)
    expenses_total = sum((u.expenses for u in line_uses), ZERO)
    participants = activity.participants_count(budget.programme_id)
    planned_participants = budget.programme.planned_participants
    spent_total = expenses_total + (session_total or ZERO)
    return BudgetUtilisation(
        budget=budget,
        lines=line_uses,
        sources=source_uses,
        planned=planned_total,
        expenses=expenses_total,
        sessions=session_total,
        participants=participants,
        planned_participants=planned_participants,
        cost_per_participant=rules.cost_per_participant(spent_total, participants),
        planned_cost_per_participant=rules.cost_per_participant(planned_total, planned_participants or 0),
        shares_planned=shares_planned,
        shares_actual=shares_actual,
        warnings=warnings,
    )


def spent_on_line_source(line: BudgetLine, funding_source_id: int, exclude_expense_id: int | None = None) -> Decimal:
    """What is already spent on ``line`` from one source: expenses, plus session costs when the
    line receives them from that source."""
    qs = Expense.objects.filter(line=line, funding_source_id=funding_source_id)
    if exclude_expense_id:
        qs = qs.exclude(pk=exclude_expense_id)
    total = qs.aggregate(
        total=Coalesce(Sum("amount"), ZERO, output_field=DecimalField(max_digits=16, decimal_places=2))
    )["total"]
    if line.receives_session_costs and line.session_funding_source_id == funding_source_id:
        total += session_costs_total(line.budget.programme_id) or ZERO
    return total


def costs_by_funding_source(programme_id: int, date_from=None, date_to=None, *, session_cost=_UNSET) -> list[dict]:
    """Spending of the programme per funding source in a period (expenses plus session costs),
    for the funder's report: ``[{"funding_source", "role", "planned", "spent"}]``, one query
    (the budget's sources, each with its planned and spent sums as subqueries), compiled once
    per programme and period (:mod:`wsparcie.core.statements`).
    ``session_cost`` may pass the cost of the period's delivered sessions already summed."""

    def sources_with_sums():
        period = Q()
        if date_from:
            period &= Q(spent_on__gte=date_from)
        if date_to:
            period &= Q(spent_on__lte=date_to)
        same_source = {"funding_source_id": OuterRef("funding_source_id")}
        planned = (
            BudgetAllocation.objects.filter(line__budget_id=OuterRef("budget_id"), **same_source)
            .order_by()
            .values("funding_source_id")
            .annotate(total=Sum("planned_amount"))
            .values("total")
        )
        spent = (
            Expense.objects.filter(period, budget_id=OuterRef("budget_id"), **same_source)
            .order_by()
            .values("funding_source_id")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        # A budget has at most one line receiving session costs (a constraint), charged to one source.
        takes_sessions = BudgetLine.objects.filter(
            budget_id=OuterRef("budget_id"),
            receives_session_costs=True,
            session_funding_source_id=OuterRef("funding_source_id"),
        )
        return (
            BudgetSource.objects.filter(budget__programme_id=programme_id)
            .annotate(planned=Subquery(planned), spent=Subquery(spent), takes_sessions=Exists(takes_sessions))
            .values(
                "funding_source__name",
                "funding_source__code",
                "role",
                "agreed_amount",
                "planned",
                "spent",
                "takes_sessions",
            )
        )

    sources = statements.rows(
        statements.key("finance.costs_by_funding_source", programme_id, date_from, date_to), sources_with_sums
    )
    if any(source["takes_sessions"] for source in sources) and session_cost is _UNSET:
        session_cost = ZERO
        sessions = activity.delivered_sessions(programme_id)
        if sessions is not None and activity.has_field(sessions.model, "cost"):
            date_field = "start__date" if activity.has_field(sessions.model, "start") else "date"
            if date_from:
                sessions = sessions.filter(**{f"{date_field}__gte": date_from})
            if date_to:
                sessions = sessions.filter(**{f"{date_field}__lte": date_to})
            session_cost = sessions.aggregate(total=Sum("cost"))["total"]
    return [
        {
            "funding_source": source["funding_source__name"],
            "funding_source_code": source["funding_source__code"],
            "role": source["role"],
            "role_label": str(ContributionRole(source["role"]).label),
            "agreed": source["agreed_amount"],
            "planned": source["planned"] or ZERO,
            "spent": (source["spent"] or ZERO) + ((session_cost or ZERO) if source["takes_sessions"] else ZERO),
            "takes_sessions": source["takes_sessions"],
        }
        for source in sources
    ]


def line_warning(line: BudgetLine) -> str | None:
    """The warning to show after booking on ``line`` (at or past the threshold), or None."""
    for use in budget_utilisation(line.budget).lines:
        if use.line.pk == line.pk:
            return use.message
    return None


@dataclass
class BudgetSummary:
    planned: Decimal = ZERO
    spent: Decimal = ZERO
    percent: Decimal | None = None
    status: str = UtilisationStatus.OK
    lines_warning: int = 0
    lines_over: int = 0


def budget_summaries(budgets: list[Budget]) -> dict[int, BudgetSummary]:
    """Totals and line alerts of many budgets in four queries (for the list page)."""
    from wsparcie.finance.models import BudgetAllocation

    ids = [b.pk for b in budgets]
    planned_by_line: dict[int, Decimal] = defaultdict(lambda: ZERO)
    line_budget: dict[int, int] = {}
    for row in (
        BudgetAllocation.objects.filter(line__budget_id__in=ids)
        .values("line_id", "line__budget_id")
        .annotate(total=Sum("planned_amount"))
        .order_by()
    ):
        planned_by_line[row["line_id"]] = row["total"]
        line_budget[row["line_id"]] = row["line__budget_id"]
    spent_by_line: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in (
        Expense.objects.filter(budget_id__in=ids)
        .values("line_id", "budget_id")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        spent_by_line[row["line_id"]] += row["total"]
        line_budget[row["line_id"]] = row["budget_id"]
    session_costs = activity.session_costs_by_programme([b.programme_id for b in budgets])
    if session_costs:
        for line_id, budget_id, programme_id in BudgetLine.objects.filter(
            budget_id__in=ids, receives_session_costs=True
        ).values_list("id", "budget_id", "budget__programme_id"):
            cost = session_costs.get(programme_id)
            if cost:
                spent_by_line[line_id] += cost
                line_budget[line_id] = budget_id
    summaries = {b.pk: BudgetSummary() for b in budgets}
    thresholds = {b.pk: b.warning_threshold for b in budgets}
    for line_id, budget_id in line_budget.items():
        summary = summaries[budget_id]
        planned, spent = planned_by_line.get(line_id, ZERO), spent_by_line.get(line_id, ZERO)
        summary.planned += planned
        summary.spent += spent
        status = rules.utilisation_status(planned, spent, thresholds[budget_id])
        if status == UtilisationStatus.WARNING:
            summary.lines_warning += 1
        elif status in (UtilisationStatus.OVER, UtilisationStatus.UNPLANNED):
            summary.lines_over += 1
    for budget_id, summary in summaries.items():
        summary.percent = rules.percent(summary.spent, summary.planned)
        summary.status = rules.utilisation_status(summary.planned, summary.spent, thresholds[budget_id])
    return summaries
