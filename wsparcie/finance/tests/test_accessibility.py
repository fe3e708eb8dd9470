"""The finance pages (budgets, a budget with its utilisation, the forms, expenses) pass axe
(WCAG 2.1 AA) in a real browser."""

import pytest

from wsparcie.finance.tests.factories import kws_budget


@pytest.mark.django_db(transaction=True)
def test_finance_pages_are_accessible(page, login_page, axe, coordinator, org):
    budget, *_ = kws_budget(org)
    login_page(coordinator.username)
    for path in [
        "/staff/finance/",
        f"/staff/finance/budgets/{budget.pk}/",
        f"/staff/finance/budgets/{budget.pk}/allocations/",
        f"/staff/finance/budgets/{budget.pk}/expenses/new/",
        f"/staff/finance/budgets/{budget.pk}/lines/new/",
        "/staff/finance/expenses/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe(page)
