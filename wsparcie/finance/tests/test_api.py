import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.finance.models import Expense
from wsparcie.finance.tests.factories import BudgetFactory, ExpenseFactory, ProgrammeFactory, kws_budget

pytestmark = pytest.mark.django_db


def test_create_budget_with_sources_lines_and_allocations(api, coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    client = api(coordinator)
    response = client.post(
        "/api/v1/budgets/", {"programme": programme.pk, "grant_share_max": "80", "own_share_min": "20"}, format="json"
    )
    assert response.status_code == 201, response.content
    budget_id = response.json()["id"]
    assert response.json()["grant_share_max"] == "80.00"
    assert (
        client.post(
            f"/api/v1/budgets/{budget_id}/sources/",
            {"funding_source": "budzet-panstwa", "role": "grant", "agreed_amount": "20042.00"},
            format="json",
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"/api/v1/budgets/{budget_id}/sources/",
            {"funding_source": "srodki-wlasne-gminy", "role": "own", "agreed_amount": "5011.00"},
            format="json",
        ).status_code
        == 201
    )
    line = client.post(
        f"/api/v1/budgets/{budget_id}/lines/", {"code": "1", "name": "Opaski", "category": "services"}, format="json"
    )
    assert line.status_code == 201
    allocation = client.post(
        f"/api/v1/budgets/{budget_id}/allocations/",
        {"line": line.json()["id"], "funding_source": "budzet-panstwa", "planned_amount": "20042.00"},
        format="json",
    )
    assert allocation.status_code == 201 and allocation.json()["planned_amount"] == "20042.00"
    too_much = client.post(
        f"/api/v1/budgets/{budget_id}/allocations/",
        {"line": line.json()["id"], "funding_source": "srodki-wlasne-gminy", "planned_amount": "5011.01"},
        format="json",
    )
    assert too_much.status_code == 400
    assert "umowa przewiduje 5 011,00 zł" in too_much.json()["planned_amount"][0]
    detail = client.get(f"/api/v1/budgets/{budget_id}/").json()
    assert [s["funding_source"] for s in detail["sources"]] == ["budzet-panstwa", "srodki-wlasne-gminy"]
    assert detail["lines"][0]["allocations"][0]["planned_amount"] == "20042.00"


def test_utilisation_endpoint_shows_kws_shares(api, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    response = api(coordinator).get(f"/api/v1/budgets/{budget.pk}/utilisation/")
    assert response.status_code == 200
    data = response.json()
    assert data["planned"] == "25053.00"
    assert data["shares_planned"]["grant_share"] == "80.00"
    assert data["shares_planned"]["own_share"] == "20.00"
    assert data["shares_planned"]["ok"] is True
    assert data["planned_cost_per_participant"] == "417.55"
    by_programme = api(coordinator).get(f"/api/v1/programmes/{budget.programme_id}/budget/")
    assert by_programme.status_code == 200 and by_programme.json()["budget"] == budget.pk


def test_expense_create_returns_warning_then_409_when_overspent(api, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    client = api(coordinator)
    first = client.post(
        "/api/v1/expenses/",
        {
            "line": admin.pk,
            "funding_source": "srodki-wlasne-gminy",
            "spent_on": "2023-09-01",
            "amount": "1850.00",
            "document_number": "LP/1",
        },
        format="json",
    )
    assert first.status_code == 201, first.content
    assert first.json()["expense"]["amount"] == "1850.00"
    assert first.json()["warning"].startswith("Pozycja „2. Obsługa programu” jest wykorzystana w 92,50%")
    second = client.post(
        "/api/v1/expenses/",
        {
            "line": admin.pk,
            "funding_source": "srodki-wlasne-gminy",
            "spent_on": "2023-09-02",
            "amount": "150.01",
            "document_number": "LP/2",
        },
        format="json",
    )
    assert second.status_code == 409
    body = second.json()
    assert body["code"] == "budget_line_overspent"
    assert body["left"] == "150.00"
    assert "przekroczyłby plan pozycji" in body["detail"]


def test_expense_bad_input_is_400_per_field(api, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    response = api(coordinator).post(
        "/api/v1/expenses/",
        {
            "line": admin.pk,
            "funding_source": "budzet-panstwa",
            "spent_on": "2023-09-01",
            "amount": "10",
            "document_number": "X",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "nie ma planu ze źródła" in response.json()["funding_source"][0]


def test_expense_list_filter_patch_delete(api, coordinator, org):
    budget, bands, admin, state, own = kws_budget(org)
    client = api(coordinator)
    created = client.post(
        "/api/v1/expenses/",
        {
            "line": admin.pk,
            "funding_source": "srodki-wlasne-gminy",
            "spent_on": "2023-09-01",
            "amount": "100.00",
            "document_number": "A/1",
        },
        format="json",
    ).json()["expense"]
    listing = client.get("/api/v1/expenses/", {"budget": budget.pk, "since": "2023-09-01"}).json()
    assert listing["count"] == 1 and listing["results"][0]["document_number"] == "A/1"
    assert client.get("/api/v1/expenses/", {"until": "2023-08-31"}).json()["count"] == 0
    patched = client.patch(f"/api/v1/expenses/{created['id']}/", {"amount": "120.00"}, format="json")
    assert patched.status_code == 200 and patched.json()["amount"] == "120.00"
    assert client.delete(f"/api/v1/expenses/{created['id']}/").status_code == 204
    assert not Expense.objects.filter(pk=created["id"]).exists()


def test_list_query_counts_do_not_grow(api, coordinator, org, django_assert_max_num_queries):
    for _ in range(3):
        budget = BudgetFactory(programme=ProgrammeFactory(organisation=org))
        for _ in range(3):
            ExpenseFactory(line__budget=budget, spent_on=dt.date(2023, 7, 1), amount=Decimal("1"))
    client = api(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/budgets/").json()["count"] == 3
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/expenses/").json()["count"] == 9


def test_auditor_reads_but_cannot_write(api, make_user, org):
    budget, bands, admin, state, own = kws_budget(org)
    auditor = make_user("auditor", org)
    client = api(auditor)
    assert client.get(f"/api/v1/budgets/{budget.pk}/utilisation/").status_code == 200
    response = client.post(
        "/api/v1/expenses/",
        {
            "line": admin.pk,
            "funding_source": "srodki-wlasne-gminy",
            "spent_on": "2023-09-01",
            "amount": "1",
            "document_number": "Z",
        },
        format="json",
    )
    assert response.status_code == 403
