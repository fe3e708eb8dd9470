import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wsparcie.finance import services
from wsparcie.finance.models import Budget, Expense
from wsparcie.finance.tests.factories import ProgrammeFactory, kws_budget

pytestmark = pytest.mark.django_db


def test_index_lists_budgets_with_alerts(client, coordinator, org, django_assert_max_num_queries):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("1900"),
        document_number="LP/1",
    )
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("finance:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Korpus Wsparcia Seniorów" in html
    assert "1 pozycja blisko limitu" in html
    assert "25 053,00" in html


def test_budget_page_shows_utilisation_shares_and_warnings(client, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("1900"),
        document_number="LP/1",
    )
    client.force_login(coordinator)
    html = client.get(reverse("finance:budget", args=[budget.pk])).content.decode()
    assert "Pozycja „2. Obsługa programu” jest wykorzystana w 95,00%" in html
    assert 'role="alert"' in html
    assert "najwyżej 80,00%" in html and "co najmniej 20,00%" in html
    assert "Zaksięguj wydatek" in html


def test_expense_form_saves_and_warns(client, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    client.force_login(coordinator)
    response = client.post(
        reverse("finance:expense_create", args=[budget.pk]),
        {
            "line": admin.pk,
            "funding_source": own.pk,
            "spent_on": "2023-09-01",
            "amount": "1 850,00",
            "document_number": "LP/9",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Expense.objects.get(document_number="LP/9").amount == Decimal("1850.00")
    html = response.content.decode()
    assert "Zapisano wydatek LP/9." in html
    assert "jest wykorzystana w 92,50%" in html


def test_expense_form_shows_overspend_refusal(client, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    client.force_login(coordinator)
    response = client.post(
        reverse("finance:expense_create", args=[budget.pk]),
        {
            "line": admin.pk,
            "funding_source": own.pk,
            "spent_on": "2023-09-01",
            "amount": "2 000,01",
            "document_number": "LP/10",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "przekroczyłby plan pozycji" in html
    assert not Expense.objects.filter(document_number="LP/10").exists()


def test_create_budget_and_add_parts_through_pages(client, coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    client.force_login(coordinator)
    response = client.post(
        reverse("finance:budget_create"),
        {"programme": programme.pk, "grant_share_max": "80", "own_share_min": "20", "warning_threshold": "90"},
    )
    budget = Budget.objects.get(programme=programme)
    assert response.status_code == 302 and response["Location"] == reverse("finance:budget", args=[budget.pk])
    from wsparcie.programmes.models import FundingSource

    state = FundingSource.objects.get(code="budzet-panstwa")
    assert (
        client.post(
            reverse("finance:source_add", args=[budget.pk]),
            {"funding_source": state.pk, "role": "grant", "agreed_amount": "20 042,00"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("finance:line_create", args=[budget.pk]),
            {"code": "1", "name": "Opaski", "category": "services", "order": 0},
        ).status_code
        == 302
    )
    line = budget.lines.get()
    assert (
        client.post(
            reverse("finance:allocation_set", args=[budget.pk]),
            {"line": line.pk, "funding_source": state.pk, "planned_amount": "20042"},
        ).status_code
        == 302
    )
    assert line.allocations.get().planned_amount == Decimal("20042.00")
    bad = client.post(
        reverse("finance:budget_edit", args=[budget.pk]),
        {"grant_share_max": "90", "own_share_min": "20", "warning_threshold": "90"},
    )
    assert "ponad 100%" in bad.content.decode()


def test_expense_list_filters_with_htmx_partial(client, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("10"),
        document_number="FV/ABC",
    )
    client.force_login(coordinator)
    response = client.get(reverse("finance:expenses"), {"document": "ABC"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "FV/ABC" in html and "<h1>" not in html


def test_delete_expense_from_page(client, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    expense = services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("10"),
        document_number="DEL/1",
    )
    client.force_login(coordinator)
    response = client.post(reverse("finance:expense_delete", args=[expense.pk]))
    assert response.status_code == 302
    assert not Expense.objects.filter(pk=expense.pk).exists()
