"""Another organisation's user (``outsider``) gets 404 on every page and endpoint of an
application, criterion or programme of ``org`` and never sees them in lists or exports; a user
of ``org`` without the enrolment permissions sees nothing either."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wsparcie.enrolment import services
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.enrolment.tests.factories import DecisionFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=5, name="Program ośrodka A")
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {"code": "wiek", "name": "Wiek", "kind": "age", "params": {"min": 18}},
            {"code": "ocena", "name": "Ocena", "kind": "social_worker_judgement", "params": {"question": "?"}},
        ],
    )
    person = PersonFactory(organisation=org, last_name="Tajemnicka", birth_date=dt.date(1950, 1, 1))
    application = services.application_submit(actor="t", programme=programme, person=person)
    criterion = EligibilityCriterion.objects.get(programme=programme, code="wiek")
    judgement = EligibilityCriterion.objects.get(programme=programme, code="ocena")
    decision = DecisionFactory(criterion=judgement, person=person)
    return {
        "programme": programme,
        "person": person,
        "application": application,
        "criterion": criterion,
        "judgement": judgement,
        "decision": decision,
    }


def page_urls(d):
    a, p, c = d["application"].pk, d["programme"].pk, d["criterion"].pk
    return [
        reverse("enrolment:detail", args=[a]),
        reverse("enrolment:qualify", args=[a]),
        reverse("enrolment:reject", args=[a]),
        reverse("enrolment:withdraw", args=[a]),
        reverse("enrolment:complete", args=[a]),
        reverse("enrolment:sign_declaration", args=[a]),
        reverse("enrolment:review", args=[a]),
        reverse("enrolment:evaluate", args=[a]),
        reverse("enrolment:decision", args=[a, d["judgement"].pk]),
        reverse("enrolment:waiting_list", args=[p]),
        reverse("enrolment:criteria", args=[p]),
        reverse("enrolment:screening", args=[p]),
        reverse("enrolment:screening", args=[p]) + "?export=csv",
        reverse("enrolment:criterion_edit", args=[c]),
    ]


def read_only_pages(d):
    p = d["programme"].pk
    return {
        reverse("enrolment:detail", args=[d["application"].pk]),
        reverse("enrolment:screening", args=[p]),
        reverse("enrolment:screening", args=[p]) + "?export=csv",
    }


def api_calls(d):
    a, p, c = d["application"].pk, d["programme"].pk, d["criterion"].pk
    return [
        ("get", f"/api/v1/applications/{a}/", None),
        ("post", f"/api/v1/applications/{a}/qualify/", {}),
        ("post", f"/api/v1/applications/{a}/withdraw/", {}),
        ("post", f"/api/v1/applications/{a}/reject/", {"reason": "x"}),
        ("post", f"/api/v1/applications/{a}/complete/", {}),
        ("post", f"/api/v1/applications/{a}/sign-declaration/", {}),
        ("post", f"/api/v1/applications/{a}/review/", {}),
        ("post", f"/api/v1/programmes/{p}/eligibility/", {"person": d["person"].pk}),
        ("get", f"/api/v1/programmes/{p}/screening/", None),
        ("get", f"/api/v1/programmes/{p}/screening/?format=csv", None),
        ("get", f"/api/v1/eligibility-criteria/{c}/", None),
        ("patch", f"/api/v1/eligibility-criteria/{c}/", {"name": "x"}),
        ("delete", f"/api/v1/eligibility-criteria/{c}/", None),
        ("get", f"/api/v1/criterion-decisions/{d['decision'].pk}/", None),
    ]


def assert_untouched(d):
    application = Application.objects.get(pk=d["application"].pk)
    assert application.status == "submitted"
    assert EligibilityCriterion.objects.filter(pk=d["criterion"].pk, name="Wiek").exists()
    assert CriterionDecision.objects.filter(pk=d["decision"].pk).exists()


def test_outsider_gets_404_on_every_page(client, outsider, data):
    client.force_login(outsider)
    for url in page_urls(data):
        assert client.get(url).status_code == 404, url
        if url in read_only_pages(data):
            continue  # GET-only pages answer POST with 405
        assert client.post(url, {"reason": "x", "on": "2023-01-01", "delete": "1"}).status_code == 404, url
    assert_untouched(data)


def test_outsider_lists_do_not_show_the_data(client, outsider, data, other_org):
    ProgrammeFactory(organisation=other_org, name="Program ośrodka B")
    client.force_login(outsider)
    for url in (reverse("enrolment:list"), reverse("enrolment:programmes"), reverse("enrolment:create")):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Tajemnicka" not in page and "Program ośrodka A" not in page, url
    assert "Program ośrodka B" in client.get(reverse("enrolment:programmes")).content.decode()
    filtered = client.get(reverse("enrolment:list"), {"programme": data["programme"].pk})
    assert "Tajemnicka" not in filtered.content.decode()
    created = client.post(
        reverse("enrolment:create"), {"programme": data["programme"].pk, "pesel": data["person"].pesel}
    )
    assert created.status_code == 200
    assert Application.objects.count() == 1


def test_outsider_gets_404_on_every_endpoint(api, outsider, data):
    client = api(outsider)
    for method, url, body in api_calls(data):
        response = (
            getattr(client, method)(url, body, format="json") if body is not None else getattr(client, method)(url)
        )
        assert response.status_code == 404, (method, url, response.status_code)
    assert_untouched(data)


def test_outsider_api_lists_and_writes(api, outsider, data, other_org):
    client = api(outsider)
    assert client.get("/api/v1/applications/").json()["count"] == 0
    assert client.get("/api/v1/applications/", {"person": data["person"].pk}).json()["count"] == 0
    assert client.get("/api/v1/eligibility-criteria/", {"programme": data["programme"].pk}).json()["count"] == 0
    assert client.get("/api/v1/criterion-decisions/").json()["count"] == 0
    create = client.post(
        "/api/v1/applications/", {"programme": data["programme"].pk, "person": data["person"].pk}, format="json"
    )
    assert create.status_code == 400
    own = ProgrammeFactory(organisation=other_org)
    foreign_person = client.post(
        f"/api/v1/programmes/{own.pk}/eligibility/", {"person": data["person"].pk}, format="json"
    )
    assert foreign_person.status_code == 400 and "Tajemnicka" not in foreign_person.content.decode()
    crit = client.post(
        "/api/v1/eligibility-criteria/",
        {"programme": data["programme"].pk, "code": "x", "name": "x", "kind": "age", "params": {"min": 1}},
        format="json",
    )
    assert crit.status_code == 400
    decision = client.post(
        "/api/v1/criterion-decisions/",
        {"criterion": data["judgement"].pk, "person": data["person"].pk, "passed": False, "note": "x"},
        format="json",
    )
    assert decision.status_code == 400
    assert Application.objects.count() == 1 and EligibilityCriterion.objects.count() == 2
    assert CriterionDecision.objects.get().passed is True


@pytest.mark.parametrize("role", ["worker", "telecare_operator"])
def test_user_without_enrolment_permission_sees_nothing(client, api, make_user, org, data, role):
    user = make_user(role, org)
    client.force_login(user)
    assert "Tajemnicka" not in client.get(reverse("enrolment:list")).content.decode()
    for url in page_urls(data):
        assert client.get(url).status_code in (403, 404), url
    rest = api(user)
    assert rest.get("/api/v1/applications/").json()["count"] == 0
    for method, url, body in api_calls(data):
        response = getattr(rest, method)(url, body, format="json") if body is not None else getattr(rest, method)(url)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    assert_untouched(data)


def test_read_only_roles_cannot_act(client, api, make_user, org, data):
    auditor = make_user("auditor", org)
    client.force_login(auditor)
    assert client.get(reverse("enrolment:detail", args=[data["application"].pk])).status_code == 200
    for url in page_urls(data)[1:9] + [page_urls(data)[13]]:
        assert client.post(url, {"reason": "x", "on": "2023-01-01", "delete": "1"}).status_code == 403, url
    rest = api(auditor)
    for method, url, body in api_calls(data):
        if method == "get":
            continue
        if "eligibility/" in url:
            continue  # evaluating is a read
        assert getattr(rest, method)(url, body, format="json").status_code == 403, (method, url)
    assert_untouched(data)
