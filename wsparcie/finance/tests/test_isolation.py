"""Another organisation's user gets 404 on every finance page and endpoint and sees nothing in
lists; a user without the permission is refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wsparcie.finance import services
from wsparcie.finance.models import Expense
from wsparcie.finance.tests.factories import kws_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    expense = services.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 9, 1),
        amount=Decimal("10"),
        document_number="SECRET/1",
    )
    return {"budget": budget, "line": admin, "own": own, "expense": expense}


def detail_pages(d):
    b = d["budget"].pk
    return [
        reverse("finance:budget", args=[b]),
        reverse("finance:budget_edit", args=[b]),
        reverse("finance:source_add", args=[b]),
        reverse("finance:line_create", args=[b]),
        reverse("finance:allocation_set", args=[b]),
        reverse("finance:expense_create", args=[b]),
    ]


def test_outsider_gets_404_on_pages_and_sees_nothing_in_lists(client, outsider, data):
    client.force_login(outsider)
    for url in detail_pages(data):
        assert client.get(url).status_code == 404, url
    for url in detail_pages(data)[1:]:
        assert client.post(url, {}).status_code == 404, url
    assert client.post(reverse("finance:expense_delete", args=[data["expense"].pk])).status_code == 404
    index = client.get(reverse("finance:index")).content.decode()
    assert "Korpus Wsparcia Seniorów" not in index
    expenses = client.get(reverse("finance:expenses")).content.decode()
    assert "SECRET/1" not in expenses
    budget_form = client.get(reverse("finance:budget_create")).content.decode()
    assert "Korpus Wsparcia Seniorów" not in budget_form


def test_outsider_gets_404_on_api_and_sees_nothing_in_lists(api, outsider, data):
    client = api(outsider)
    b = data["budget"].pk
    for url in [
        f"/api/v1/budgets/{b}/",
        f"/api/v1/budgets/{b}/utilisation/",
        f"/api/v1/expenses/{data['expense'].pk}/",
        f"/api/v1/programmes/{data['budget'].programme_id}/budget/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [f"/api/v1/budgets/{b}/sources/", f"/api/v1/budgets/{b}/lines/", f"/api/v1/budgets/{b}/allocations/"]:
        assert client.post(url, {}, format="json").status_code == 404, url
    assert client.patch(f"/api/v1/budgets/{b}/", {"notes": "x"}, format="json").status_code == 404
    assert client.patch(f"/api/v1/expenses/{data['expense'].pk}/", {"amount": "1"}, format="json").status_code == 404
    assert client.delete(f"/api/v1/expenses/{data['expense'].pk}/").status_code == 404
    assert client.get("/api/v1/budgets/").json()["count"] == 0
    assert client.get("/api/v1/expenses/").json()["count"] == 0
    # Writing into another organisation's line or programme is 404 too.
    response = client.post(
        "/api/v1/expenses/",
        {
            "line": data["line"].pk,
            "funding_source": "srodki-wlasne-gminy",
            "spent_on": "2023-09-01",
            "amount": "1",
            "document_number": "X",
        },
        format="json",
    )
    assert response.status_code == 404
    assert client.post("/api/v1/budgets/", {"programme": data["budget"].programme_id}, format="json").status_code == 404
    assert Expense.objects.filter(document_number="X").count() == 0


@pytest.mark.parametrize("role", ["worker", "telecare_operator", "social_worker"])
def test_users_without_finance_permission(client, api, make_user, org, data, role):
    user = make_user(role, org)
    client.force_login(user)
    assert client.get(reverse("finance:index")).status_code == 403
    assert client.get(reverse("finance:expenses")).status_code == 403
    assert client.get(reverse("finance:budget_create")).status_code == 403
    for url in detail_pages(data):
        assert client.get(url).status_code == 404, url
    api_client = api(user)
    assert api_client.get("/api/v1/budgets/").json()["count"] == 0
    assert api_client.get(f"/api/v1/budgets/{data['budget'].pk}/").status_code == 404


def test_auditor_reads_pages_but_writes_are_forbidden(client, make_user, org, data):
    auditor = make_user("auditor", org)
    client.force_login(auditor)
    assert client.get(reverse("finance:budget", args=[data["budget"].pk])).status_code == 200
    assert client.get(reverse("finance:expense_create", args=[data["budget"].pk])).status_code == 403
    assert client.post(reverse("finance:expense_delete", args=[data["expense"].pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, data):
    response = client.get(reverse("finance:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("finance:budget", args=[data["budget"].pk])).status_code == 302
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/budgets/").status_code in (401, 403)
