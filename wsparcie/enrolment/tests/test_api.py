"""The API contract of recruitment (paths, fields, status codes as the issue writes them)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wsparcie.enrolment import services
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.enrolment.tests.factories import CertificateFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
ON = "2023-06-01"


@pytest.fixture
def kws(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=1, name="Korpus Wsparcia Seniorów 2023")
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {"code": "wiek", "name": "Wiek 65+", "kind": "age", "params": {"min": 65}},
            {"code": "zamieszkanie", "name": "Płock", "kind": "residence", "params": {"teryt": ["1462011"]}},
        ],
    )
    return programme


@pytest.fixture
def client_(api, coordinator):
    return api(coordinator)


def senior(org, **kwargs):
    return PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1), **kwargs)


# --- eligibility -----------------------------------------------------------------------------


def test_eligibility_contract(client_, kws, org):
    person = senior(org)
    response = client_.post(f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": person.pk, "on": ON}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is True
    assert [c["code"] for c in body["criteria"]] == ["wiek", "zamieszkanie"]
    assert all({"code", "passed", "reason"} <= set(c) for c in body["criteria"])
    assert body["criteria"][0]["passed"] is True


def test_eligibility_failed_and_unknown(client_, kws, org):
    young = PersonFactory(organisation=org, birth_date=dt.date(1960, 1, 1))
    body = client_.post(
        f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": young.pk, "on": ON}, format="json"
    ).json()
    assert body["eligible"] is False
    assert body["criteria"][0] == {
        "code": "wiek",
        "kind": "age",
        "name": "Wiek 65+",
        "passed": False,
        "reason": "wiek 63 lata; program wymaga co najmniej 65 lat",
        "children": [],
    }
    no_address = senior(org, teryt="")
    body = client_.post(
        f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": no_address.pk, "on": ON}, format="json"
    ).json()
    assert body["eligible"] is None and body["criteria"][1]["passed"] is None


def test_eligibility_defaults_to_today_and_validates_input(client_, kws, org):
    person = senior(org)
    body = client_.post(f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": person.pk}, format="json").json()
    assert body["on"] == timezone.localdate().isoformat()
    bad = client_.post(
        f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": person.pk, "on": "01.06.2023"}, format="json"
    )
    assert bad.status_code == 400 and "on" in bad.json()
    missing = client_.post(f"/api/v1/programmes/{kws.pk}/eligibility/", {"person": 999999}, format="json")
    assert missing.status_code == 400 and "person" in missing.json()


# --- applications ----------------------------------------------------------------------------


def test_create_application_returns_201_submitted(client_, kws, org):
    person = senior(org)
    response = client_.post("/api/v1/applications/", {"programme": kws.pk, "person": person.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted" and isinstance(body["id"], int)
    assert body["programme"] == kws.pk and body["person"] == person.pk
    duplicate = client_.post("/api/v1/applications/", {"programme": kws.pk, "person": person.pk}, format="json")
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_application"


def test_qualify_enrolled_then_waiting_list_then_withdraw_offers_the_place(client_, kws, org):
    ids = [
        client_.post("/api/v1/applications/", {"programme": kws.pk, "person": senior(org).pk}, format="json").json()[
            "id"
        ]
        for _ in range(3)
    ]
    first = client_.post(f"/api/v1/applications/{ids[0]}/qualify/", {"on": ON}, format="json")
    assert first.status_code == 200 and first.json()["status"] == "enrolled"
    assert (
        client_.post(f"/api/v1/applications/{ids[1]}/qualify/", {"on": ON}, format="json").json()["status"]
        == "waiting_list"
    )
    assert client_.post(f"/api/v1/applications/{ids[2]}/qualify/", format="json").json()["status"] == "waiting_list"
    assert client_.get(f"/api/v1/applications/{ids[2]}/").json()["waiting_position"] == 2

    withdrawn = client_.post(f"/api/v1/applications/{ids[0]}/withdraw/", {}, format="json")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["place_offered_to"] == ids[1]
    offered = client_.get(f"/api/v1/applications/{ids[1]}/").json()
    assert offered["status"] == "qualified"
    signed = client_.post(
        f"/api/v1/applications/{ids[1]}/sign-declaration/", {"signed_on": "2023-06-10"}, format="json"
    )
    assert signed.json()["status"] == "enrolled" and signed.json()["declaration_signed_on"] == "2023-06-10"


def test_qualify_refuses_an_ineligible_person_with_409(client_, kws, org):
    young = PersonFactory(organisation=org, birth_date=dt.date(1990, 5, 5))
    application_id = client_.post(
        "/api/v1/applications/", {"programme": kws.pk, "person": young.pk}, format="json"
    ).json()["id"]
    response = client_.post(f"/api/v1/applications/{application_id}/qualify/", {"on": ON}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "not_eligible"
    assert "Osoba nie spełnia kryteriów programu" in body["detail"] and "co najmniej 65 lat" in body["detail"]
    assert body["eligible"] is False
    stored = client_.get(f"/api/v1/applications/{application_id}/").json()
    assert stored["status"] == "submitted" and stored["eligibility"]["eligible"] is False and stored["rule_version"]


def test_reject_complete_review(client_, kws, org):
    a = client_.post("/api/v1/applications/", {"programme": kws.pk, "person": senior(org).pk}, format="json").json()[
        "id"
    ]
    b = client_.post("/api/v1/applications/", {"programme": kws.pk, "person": senior(org).pk}, format="json").json()[
        "id"
    ]
    assert client_.post(f"/api/v1/applications/{a}/review/").json()["status"] == "under_review"
    no_reason = client_.post(f"/api/v1/applications/{a}/reject/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    rejected = client_.post(
        f"/api/v1/applications/{a}/reject/", {"reason": "Nie mieszka w Płocku."}, format="json"
    ).json()
    assert rejected["status"] == "rejected" and rejected["rejection_reason"] == "Nie mieszka w Płocku."
    client_.post(f"/api/v1/applications/{b}/qualify/", {"on": ON}, format="json")
    done = client_.post(f"/api/v1/applications/{b}/complete/", {"ended_on": "2023-12-31"}, format="json").json()
    assert done["status"] == "completed" and done["ended_on"] == "2023-12-31"
    again = client_.post(f"/api/v1/applications/{b}/complete/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "invalid_status"


def test_list_filters_and_query_count(client_, kws, org, django_assert_max_num_queries):
    other = ProgrammeFactory(organisation=org)
    for _ in range(3):
        services.application_submit(actor="t", programme=kws, person=senior(org))
    services.application_submit(actor="t", programme=other, person=senior(org))
    enrolled = Application.objects.filter(programme=kws).first()
    services.application_qualify(actor="t", application=enrolled)
    with django_assert_max_num_queries(6):
        body = client_.get("/api/v1/applications/", {"programme": kws.pk}).json()
    assert body["count"] == 3 and set(body) == {"count", "next", "previous", "results"}
    assert [r["id"] for r in client_.get("/api/v1/applications/", {"status": "enrolled"}).json()["results"]] == [
        enrolled.pk
    ]
    assert client_.get("/api/v1/applications/", {"programme": kws.pk, "status": "submitted"}).json()["count"] == 2


def test_roles_without_the_permission_get_403(api, make_user, kws, org):
    application = services.application_submit(actor="t", programme=kws, person=senior(org))
    social_worker = api(make_user("social_worker", org))
    assert social_worker.get(f"/api/v1/applications/{application.pk}/").status_code == 200
    assert social_worker.post(f"/api/v1/applications/{application.pk}/qualify/").status_code == 403
    auditor = api(make_user("auditor", org))
    assert auditor.post(f"/api/v1/applications/{application.pk}/withdraw/").status_code == 403
    created = auditor.post("/api/v1/applications/", {"programme": kws.pk, "person": senior(org).pk}, format="json")
    assert created.status_code == 400 and "programme" in created.json()
    assert api().get("/api/v1/applications/").status_code in (401, 403)


# --- screening -------------------------------------------------------------------------------


def test_screening_paginated_and_csv(client_, kws, org):
    match = senior(org, last_name="Adamska", first_name="Ewa")
    senior(org, last_name="Borowa", teryt="")  # unknown
    PersonFactory(organisation=org, birth_date=dt.date(2000, 1, 1))  # fails
    response = client_.get(f"/api/v1/programmes/{kws.pk}/screening/", {"on": ON})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["id"] == match.pk
    assert {"count", "next", "previous", "results"} <= set(body)
    unknown = client_.get(f"/api/v1/programmes/{kws.pk}/screening/", {"on": ON, "result": "unknown"}).json()
    assert [r["last_name"] for r in unknown["results"]] == ["Borowa"] and unknown["count"] == 1
    csv_response = client_.get(f"/api/v1/programmes/{kws.pk}/screening/", {"on": ON, "format": "csv"})
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    text = b"".join(csv_response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffnumer osoby;nazwisko;imię")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and "Adamska;Ewa;01.01.1950" in lines[1]
    assert client_.get(f"/api/v1/programmes/{kws.pk}/screening/", {"result": "everyone"}).status_code == 400


def test_screening_csv_neutralises_formulas(client_, kws, org):
    senior(org, last_name="=HYPERLINK(1)")
    text = b"".join(
        client_.get(f"/api/v1/programmes/{kws.pk}/screening/", {"on": ON, "format": "csv"}).streaming_content
    ).decode()
    assert ";'=HYPERLINK(1);" in text


# --- criteria and decisions ------------------------------------------------------------------


def test_criteria_api_crud_with_validation(client_, kws):
    created = client_.post(
        "/api/v1/eligibility-criteria/",
        {"programme": kws.pk, "code": "dochod", "name": "Dochód", "kind": "income", "params": {"percent": 150}},
        format="json",
    )
    assert created.status_code == 201, created.json()
    bad = client_.post(
        "/api/v1/eligibility-criteria/",
        {"programme": kws.pk, "code": "zly", "name": "Zły", "kind": "income", "params": {"percent": "dużo"}},
        format="json",
    )
    assert bad.status_code == 400 and "Podaj procent" in bad.json()["params"][0]
    dup = client_.post(
        "/api/v1/eligibility-criteria/",
        {"programme": kws.pk, "code": "dochod", "name": "Dochód", "kind": "income", "params": {"percent": 100}},
        format="json",
    )
    assert dup.status_code == 400 and "już istnieje" in str(dup.json())
    criterion_id = created.json()["id"]
    patched = client_.patch(
        f"/api/v1/eligibility-criteria/{criterion_id}/", {"params": {"percent": 200}}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["params"] == {"percent": 200}
    listed = client_.get("/api/v1/eligibility-criteria/", {"programme": kws.pk}).json()
    assert [c["code"] for c in listed["results"]] == ["wiek", "zamieszkanie", "dochod"]
    assert client_.delete(f"/api/v1/eligibility-criteria/{criterion_id}/").status_code == 204
    assert not EligibilityCriterion.objects.filter(pk=criterion_id).exists()


def test_decisions_api(client_, org):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "ocena", "name": "Ocena", "kind": "social_worker_judgement", "params": {"question": "Czy?"}}],
    )
    criterion = EligibilityCriterion.objects.get(programme=programme)
    person = PersonFactory(organisation=org)
    response = client_.post(
        "/api/v1/criterion-decisions/",
        {"criterion": criterion.pk, "person": person.pk, "passed": True, "note": "Wywiad środowiskowy."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert CriterionDecision.objects.get(person=person).decided_by_name
    body = client_.post(f"/api/v1/programmes/{programme.pk}/eligibility/", {"person": person.pk}, format="json").json()
    assert body["eligible"] is True and "Wywiad środowiskowy." in body["criteria"][0]["reason"]


def test_eligibility_hides_nothing_for_health_roles_but_lists_stay_scoped(client_, org):
    programme = ProgrammeFactory(organisation=org)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "o", "name": "O", "kind": "certificate", "params": {"degrees": ["significant"]}}],
    )
    person = PersonFactory(organisation=org)
    CertificateFactory(person=person, degree="moderate")
    body = client_.post(f"/api/v1/programmes/{programme.pk}/eligibility/", {"person": person.pk}, format="json").json()
    assert body["criteria"][0]["reason"].startswith(
        "orzeczenie o stopniu umiarkowanym; program wymaga stopnia znacznego"
    )
