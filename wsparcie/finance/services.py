"""Every write of finance: budgets, their sources, lines and planned amounts, and expenses.

Keyword-only, validated (``full_clean``), atomic and audited through ``core.services``. Rule
violations raise :class:`LineOverspent` (an ``ApplicationError``, API 409); bad input raises
``ValidationError`` with Polish messages per field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext

from wsparcie.core.errors import ApplicationError
from wsparcie.core.money import format_pln
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.finance import rules, selectors
from wsparcie.finance.models import Budget, BudgetAllocation, BudgetLine, BudgetSource, Expense


class LineOverspent(ApplicationError):
    """The expense would take a line (for one funding source) past its plan."""

    code = "budget_line_overspent"
    status = 409


# --- budgets --------------------------------------------------------------------------------


def budget_create(
    *,
    actor,
    programme,
    grant_share_max: Decimal | None = None,
    own_share_min: Decimal | None = None,
    warning_threshold: Decimal = Decimal("90"),
    notes: str = "",
) -> Budget:
    if Budget.objects.filter(programme=programme).exists():
        raise ValidationError(
            {"programme": gettext("Program „%(programme)s” ma już budżet.") % {"programme": programme}}
        )
    _check_share_pair(grant_share_max, own_share_min)
    return create_object(
        actor=actor,
        instance=Budget(
            organisation_id=programme.organisation_id,
            programme=programme,
            grant_share_max=grant_share_max,
            own_share_min=own_share_min,
            warning_threshold=warning_threshold,
            notes=notes,
        ),
    )


def budget_update(*, actor, budget: Budget, **data) -> Budget:
    allowed = {"grant_share_max", "own_share_min", "warning_threshold", "notes"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: gettext("Tego pola nie można zmienić.") for field in unknown})
    _check_share_pair(
        data.get("grant_share_max", budget.grant_share_max), data.get("own_share_min", budget.own_share_min)
    )
    return update_object(actor=actor, instance=budget, data=data)


def _check_share_pair(grant_max, own_min) -> None:
    if grant_max is not None and own_min is not None and Decimal(grant_max) + Decimal(own_min) > 100:
        raise ValidationError(
            {
                "own_share_min": gettext(
                    "Dofinansowanie najwyżej %(grant_max)s%% i wkład własny co najmniej %(own_min)s%% "
                    "dają razem ponad 100%%."
                )
                % {"grant_max": grant_max, "own_min": own_min}
            }
        )


def budget_source_add(
    *, actor, budget: Budget, funding_source, role: str, agreed_amount: Decimal | None = None
) -> BudgetSource:
    return create_object(
        actor=actor,
        instance=BudgetSource(
            organisation_id=budget.organisation_id,
            budget=budget,
            funding_source=funding_source,
            role=role,
            agreed_amount=agreed_amount,
        ),
    )


def budget_source_update(*, actor, source: BudgetSource, **data) -> BudgetSource:
    if "agreed_amount" in data and data["agreed_amount"] is not None:
        planned = BudgetAllocation.objects.filter(
            line__budget=source.budget, funding_source=source.funding_source
        ).aggregate(total=Sum("planned_amount"))["total"] or Decimal("0")
        if planned > data["agreed_amount"]:
            raise ValidationError(
                {
                    "agreed_amount": gettext(
                        "Pozycje budżetu planują już %(planned)s ze źródła „%(source)s”; "
                        "kwota w umowie nie może być mniejsza."
                    )
                    % {"planned": format_pln(planned), "source": source.funding_source}
                }
            )
    return update_object(actor=actor, instance=source, data=data)


# --- lines and planned amounts -------------------------------------------------------------


def _budget_source(budget: Budget, funding_source, field: str) -> BudgetSource:
    source = BudgetSource.objects.filter(budget=budget, funding_source=funding_source).first()
    if source is None:
        raise ValidationError(
            {
                field: gettext("Źródło „%(source)s” nie jest wpisane do budżetu: dodaj je najpierw.")
                % {"source": funding_source}
            }
        )
    return source


def budget_line_create(
    *,
    actor,
    budget: Budget,
    code: str,
    name: str,
    category: str = "other",
    receives_session_costs: bool = False,
    session_funding_source=None,
    order: int = 0,
) -> BudgetLine:
    if receives_session_costs and session_funding_source is not None:
        _budget_source(budget, session_funding_source, "session_funding_source")
    return create_object(
        actor=actor,
        instance=BudgetLine(
            organisation_id=budget.organisation_id,
            budget=budget,
            code=code,
            name=name,
            category=category,
            receives_session_costs=receives_session_costs,
            session_funding_source=session_funding_source if receives_session_costs else None,
            order=order,
        ),
    )


def budget_line_update(*, actor, line: BudgetLine, **data) -> BudgetLine:
    allowed = {"code", "name", "category", "receives_session_costs", "session_funding_source", "order"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: gettext("Tego pola nie można zmienić.") for field in unknown})
    if data.get("receives_session_costs", line.receives_session_costs):
        source = data.get("session_funding_source", line.session_funding_source)
        if source is not None:
            _budget_source(line.budget, source, "session_funding_source")
    else:
        data["session_funding_source"] = None
    return update_object(actor=actor, instance=line, data=data)


def budget_line_delete(*, actor, line: BudgetLine) -> None:
    if line.expenses.exists():
        raise ApplicationError(
            gettext("Pozycja „%(line)s” ma zaksięgowane wydatki (%(count)s); nie można jej usunąć.")
            % {"line": line, "count": line.expenses.count()},
            code="budget_line_has_expenses",
        )
    delete_object(actor=actor, instance=line)


@transaction.atomic
def allocation_set(*, actor, line: BudgetLine, funding_source, planned_amount: Decimal) -> BudgetAllocation:
    """Set (create or change) the planned amount of ``funding_source`` on ``line``.

    The plan of one source over all lines may not exceed that source's amount in the agreement."""
    source = _budget_source(line.budget, funding_source, "funding_source")
    planned_amount = Decimal(planned_amount)
    if source.agreed_amount is not None:
        others = BudgetAllocation.objects.filter(line__budget=line.budget, funding_source=funding_source).exclude(
            line=line
        ).aggregate(total=Sum("planned_amount"))["total"] or Decimal("0")
        if others + planned_amount > source.agreed_amount:
            raise ValidationError(
                {
                    "planned_amount": gettext(
                        "Plan ze źródła „%(source)s” wyniósłby %(planned)s, a umowa przewiduje %(agreed)s "
                        "(pozostało do rozdysponowania %(left)s)."
                    )
                    % {
                        "source": funding_source,
                        "planned": format_pln(others + planned_amount),
                        "agreed": format_pln(source.agreed_amount),
                        "left": format_pln(source.agreed_amount - others),
                    }
                }
            )
    existing = BudgetAllocation.objects.filter(line=line, funding_source=funding_source).first()
    if existing is None:
        return create_object(
            actor=actor,
            instance=BudgetAllocation(
                organisation_id=line.organisation_id,
                line=line,
                funding_source=funding_source,
                planned_amount=planned_amount,
            ),
        )
    return update_object(actor=actor, instance=existing, data={"planned_amount": planned_amount})


# --- expenses -------------------------------------------------------------------------------


def _check_expense(
    *, line: BudgetLine, funding_source, amount: Decimal, over_limit_reason: str, exclude_expense_id: int | None = None
) -> None:
    """Refuse an expense with no plan for its source on the line, or one that overspends the plan
    without a written reason. Called with the line row locked, so two clerks cannot both take the
    last złoty."""
    allocation = BudgetAllocation.objects.filter(line=line, funding_source=funding_source).first()
    if allocation is None:
        raise ValidationError(
            {
                "funding_source": gettext(
                    "Pozycja „%(line)s” nie ma planu ze źródła „%(source)s”: wybierz inne źródło lub pozycję."
                )
                % {"line": line, "source": funding_source}
            }
        )
    spent = selectors.spent_on_line_source(line, funding_source.pk, exclude_expense_id=exclude_expense_id)
    if (
        rules.would_overspend(planned=allocation.planned_amount, spent=spent, amount=amount)
        and not over_limit_reason.strip()
    ):
        left = allocation.planned_amount - spent
        raise LineOverspent(
            gettext(
                "Wydatek %(amount)s przekroczyłby plan pozycji „%(line)s” ze źródła „%(source)s”: "
                "plan %(planned)s, wydano już %(spent)s, zostało %(left)s. Zmniejsz kwotę, wybierz inną pozycję "
                "albo podaj uzasadnienie przekroczenia."
            )
            % {
                "amount": format_pln(amount),
                "line": line,
                "source": funding_source,
                "planned": format_pln(allocation.planned_amount),
                "spent": format_pln(spent),
                "left": format_pln(max(left, Decimal("0"))),
            },
            extra={
                "line": line.pk,
                "planned": str(allocation.planned_amount),
                "spent": str(spent),
                "left": str(left),
            },
        )


@transaction.atomic
def expense_create(
    *,
    actor,
    line: BudgetLine,
    funding_source,
    spent_on: dt.date,
    amount: Decimal,
    document_number: str,
    description: str = "",
    over_limit_reason: str = "",
) -> Expense:
    line = BudgetLine.objects.select_for_update().select_related("budget").get(pk=line.pk)
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError({"amount": gettext("Kwota wydatku musi być większa od zera.")})
    _check_expense(line=line, funding_source=funding_source, amount=amount, over_limit_reason=over_limit_reason)
    note = f"Przekroczenie planu: {over_limit_reason.strip()}" if over_limit_reason.strip() else ""
    return create_object(
        actor=actor,
        instance=Expense(
            organisation_id=line.organisation_id,
            budget=line.budget,
            line=line,
            funding_source=funding_source,
            spent_on=spent_on,
            amount=amount,
            document_number=(document_number or "").strip(),
            description=description,
            over_limit_reason=over_limit_reason.strip(),
        ),
        note=note,
    )


@transaction.atomic
def expense_update(*, actor, expense: Expense, **data) -> Expense:
    allowed = {"line", "funding_source", "spent_on", "amount", "document_number", "description", "over_limit_reason"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: gettext("Tego pola nie można zmienić.") for field in unknown})
    line = data.get("line", expense.line)
    if line.budget_id != expense.budget_id:
        raise ValidationError({"line": gettext("Pozycja należy do innego budżetu.")})
    line = BudgetLine.objects.select_for_update().select_related("budget").get(pk=line.pk)
    _check_expense(
        line=line,
        funding_source=data.get("funding_source", expense.funding_source),
        amount=Decimal(data.get("amount", expense.amount)),
        over_limit_reason=data.get("over_limit_reason", expense.over_limit_reason),
        exclude_expense_id=expense.pk,
    )
    return update_object(actor=actor, instance=expense, data=data)


def expense_delete(*, actor, expense: Expense, reason: str = "") -> None:
    delete_object(actor=actor, instance=expense, note=reason)
