import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsparcie.core.models import AuditEntry
from wsparcie.finance import selectors, services
from wsparcie.finance.models import Expense
from wsparcie.finance.tests.factories import (
    ApplicationFactory,
    BudgetLineFactory,
    FundingSourceFactory,
    ProgrammeFactory,
    kws_budget,
    make_session,
)

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


def test_budget_create_once_per_programme_and_audited(coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    budget = services.budget_create(
        actor=coordinator, programme=programme, grant_share_max=Decimal("80"), own_share_min=Decimal("20")
    )
    assert budget.organisation == org
    assert AuditEntry.objects.filter(object_type="finance.budget", object_id=str(budget.pk), action="create").exists()
    with pytest.raises(ValidationError) as exc:
        services.budget_create(actor=coordinator, programme=programme)
    assert "ma już budżet" in str(exc.value)


def test_share_limits_that_add_past_100_are_refused(coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    with pytest.raises(ValidationError) as exc:
        services.budget_create(
            actor=coordinator, programme=programme, grant_share_max=Decimal("85"), own_share_min=Decimal("20")
        )
    assert "ponad 100%" in str(exc.value)


def test_kws_utilisation_per_line_and_source_and_own_share(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=state,
        spent_on=dt.date(2023, 7, 31),
        amount=Decimal("10021.00"),
        document_number="FV/1/2023",
    )
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=own,
        spent_on=dt.date(2023, 7, 31),
        amount=Decimal("2505.50"),
        document_number="FV/1/2023",
    )
    u = selectors.budget_utilisation(budget)
    assert u.planned == Decimal("25053.00")
    assert u.expenses == Decimal("12526.50")
    line1 = u.lines[0]
    assert line1.line == bands and line1.planned == Decimal("23053.00") and line1.spent == Decimal("12526.50")
    assert line1.percent == Decimal("54.34") and line1.status == "ok"
    by_source = {s.code: s for s in u.sources}
    assert by_source["budzet-panstwa"].percent == Decimal("50.00")
    assert by_source["srodki-wlasne-gminy"].spent == Decimal("2505.50")
    # Planned shares: 80% / 20% of 25 053,00 (the agreement holds).
    assert u.shares_planned.ok and u.shares_planned.own_share == Decimal("20.00")
    # Actual: 10 021,00 / 12 526,50 = 80,00%, own 20,00%.
    assert u.shares_actual.grant_share == Decimal("80.00") and u.shares_actual.ok
    assert u.warnings == []


def test_own_share_shortfall_appears_as_a_warning(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=state,
        spent_on=dt.date(2023, 8, 1),
        amount=Decimal("9000.00"),
        document_number="FV/2/2023",
    )
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=own,
        spent_on=dt.date(2023, 8, 1),
        amount=Decimal("1000.00"),
        document_number="FV/2/2023",
    )
    u = selectors.budget_utilisation(budget)
    assert not u.shares_actual.ok
    assert u.shares_actual.own_share == Decimal("10.00")
    assert any(w.startswith("Wydatki: Wkład własny stanowi 10,00%") for w in u.warnings)


def test_warning_from_90_percent_of_a_line(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("1799.99"),
        document_number="LP/9/2023",
    )
    assert selectors.line_warning(admin) is None
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 2),
        amount=Decimal("0.01"),
        document_number="LP/9b/2023",
    )
    warning = selectors.line_warning(admin)
    assert (
        warning
        == "Pozycja „2. Obsługa programu” jest wykorzystana w 90,00%: wydano 1 800,00 zł z 2 000,00 zł, zostało 200,00 zł."
    )
    assert warning in selectors.budget_utilisation(budget).warnings


def test_overspending_a_line_is_refused_with_a_polish_message(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("1500.00"),
        document_number="LP/1",
    )
    with pytest.raises(services.LineOverspent) as exc:
        services.expense_create(
            actor=coordinator,
            line=admin,
            funding_source=own,
            spent_on=dt.date(2023, 9, 2),
            amount=Decimal("600.00"),
            document_number="LP/2",
        )
    assert exc.value.code == "budget_line_overspent"
    assert exc.value.message.startswith(
        "Wydatek 600,00 zł przekroczyłby plan pozycji „2. Obsługa programu” ze źródła „środki własne gminy”: "
        "plan 2 000,00 zł, wydano już 1 500,00 zł, zostało 500,00 zł."
    )
    assert Expense.objects.filter(document_number="LP/2").count() == 0


def test_overspend_with_reason_is_recorded_and_flagged(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    expense = services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 2),
        amount=Decimal("2100.00"),
        document_number="LP/3",
        over_limit_reason="Aneks nr 1 zwiększa pozycję – czeka na podpis.",
    )
    assert expense.over_limit_reason
    u = selectors.budget_utilisation(budget)
    line = next(line for line in u.lines if line.line == admin)
    assert line.status == "over"
    assert "przekroczona" in line.message and "100,00 zł za dużo" in line.message
    entry = AuditEntry.objects.get(object_type="finance.expense", object_id=str(expense.pk))
    assert "Aneks nr 1" in entry.note


def test_expense_needs_a_plan_for_its_source_on_the_line(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    with pytest.raises(ValidationError) as exc:
        services.expense_create(
            actor=coordinator,
            line=admin,
            funding_source=state,
            spent_on=dt.date(2023, 9, 1),
            amount=Decimal("10"),
            document_number="X/1",
        )
    assert "nie ma planu ze źródła" in exc.value.message_dict["funding_source"][0]
    with pytest.raises(ValidationError):
        services.expense_create(
            actor=coordinator,
            line=admin,
            funding_source=own,
            spent_on=dt.date(2023, 9, 1),
            amount=Decimal("0"),
            document_number="X/2",
        )


def test_same_document_twice_on_a_line_and_source_is_refused(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("10"),
        document_number="FV/7",
    )
    with pytest.raises(ValidationError) as exc:
        services.expense_create(
            actor=coordinator,
            line=admin,
            funding_source=own,
            spent_on=dt.date(2023, 9, 1),
            amount=Decimal("10"),
            document_number="FV/7",
        )
    assert "już zaksięgowany" in str(exc.value)


def test_allocations_may_not_exceed_the_agreed_amount_of_a_source(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    extra = BudgetLineFactory(budget=budget, code="3", name="Szkolenia")
    with pytest.raises(ValidationError) as exc:
        services.allocation_set(actor=coordinator, line=extra, funding_source=own, planned_amount=Decimal("0.01"))
    assert "umowa przewiduje 5 011,00 zł" in exc.value.message_dict["planned_amount"][0]
    # Moving money between lines works: lower line 2, then plan line 3.
    services.allocation_set(actor=coordinator, line=admin, funding_source=own, planned_amount=Decimal("1500.00"))
    allocation = services.allocation_set(
        actor=coordinator, line=extra, funding_source=own, planned_amount=Decimal("500.00")
    )
    assert allocation.planned_amount == Decimal("500.00")


def test_session_costs_flow_into_the_line_without_copies(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.budget_line_update(
        actor=coordinator, line=bands, receives_session_costs=True, session_funding_source=state
    )
    application = ApplicationFactory(programme=budget.programme)
    make_session(application, start=dt.datetime(2023, 7, 3, 9, tzinfo=TZ), hours=2, rate=Decimal("40"))
    make_session(application, start=dt.datetime(2023, 7, 4, 9, tzinfo=TZ), hours=3, rate=Decimal("40"))
    make_session(
        application, start=dt.datetime(2023, 7, 5, 9, tzinfo=TZ), hours=3, rate=Decimal("40"), status="cancelled"
    )
    expenses_before = Expense.objects.count()
    u = selectors.budget_utilisation(budget)
    assert u.sessions == Decimal("200.00")  # 5 h x 40 zł; the cancelled session does not count
    line = next(line for line in u.lines if line.line == bands)
    assert line.sessions == Decimal("200.00")
    state_use = next(s for s in line.by_source if s.funding_source_id == state.pk)
    assert state_use.spent == Decimal("200.00")
    assert Expense.objects.count() == expenses_before  # nothing copied
    assert u.participants == 1 and u.cost_per_participant == Decimal("200.00")
    # Session costs count when checking a new expense against the plan.
    assert selectors.spent_on_line_source(bands, state.pk) == Decimal("200.00")
    with pytest.raises(services.LineOverspent):
        services.expense_create(
            actor=coordinator,
            line=bands,
            funding_source=state,
            spent_on=dt.date(2023, 7, 31),
            amount=Decimal("19842.01"),
            document_number="FV/9",
        )


def test_only_one_line_receives_session_costs(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.budget_line_update(
        actor=coordinator, line=bands, receives_session_costs=True, session_funding_source=state
    )
    with pytest.raises(ValidationError) as exc:
        services.budget_line_update(
            actor=coordinator, line=admin, receives_session_costs=True, session_funding_source=own
        )
    assert "tylko na jedną pozycję" in str(exc.value)


def test_session_source_must_be_in_the_budget(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    stranger = FundingSourceFactory(code="pfron", name="PFRON")
    with pytest.raises(ValidationError) as exc:
        services.budget_line_create(
            actor=coordinator,
            budget=budget,
            code="9",
            name="Sesje",
            receives_session_costs=True,
            session_funding_source=stranger,
        )
    assert "nie jest wpisane do budżetu" in exc.value.message_dict["session_funding_source"][0]


def test_expense_update_rechecks_the_plan_and_delete_is_audited(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    expense = services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("1000"),
        document_number="A/1",
    )
    services.expense_update(actor=coordinator, expense=expense, amount=Decimal("2000"))
    with pytest.raises(services.LineOverspent):
        services.expense_update(actor=coordinator, expense=expense, amount=Decimal("2000.01"))
    services.expense_delete(actor=coordinator, expense=expense, reason="Błędny dokument")
    assert AuditEntry.objects.filter(object_type="finance.expense", action="delete", note="Błędny dokument").exists()


def test_costs_by_funding_source_in_a_period(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=state,
        spent_on=dt.date(2023, 7, 1),
        amount=Decimal("100"),
        document_number="A",
    )
    services.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=state,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("50"),
        document_number="B",
    )
    rows = selectors.costs_by_funding_source(budget.programme_id, dt.date(2023, 8, 1), dt.date(2023, 12, 31))
    by_code = {r["funding_source_code"]: r for r in rows}
    assert by_code["budzet-panstwa"]["spent"] == Decimal("50")
    assert by_code["budzet-panstwa"]["planned"] == Decimal("20042.00")
    assert by_code["srodki-wlasne-gminy"]["spent"] == Decimal("0")
