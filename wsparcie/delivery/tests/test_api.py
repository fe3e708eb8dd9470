import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.delivery import services
from wsparcie.delivery.models import EquipmentItem, MealAid, Service, Session, Worker
from wsparcie.delivery.tests.factories import (
    CertificateFactory,
    EnrolmentFactory,
    EquipmentItemFactory,
    GrantFactory,
    PersonFactory,
    RelationFactory,
    WorkerContractFactory,
    WorkerFactory,
    at,
)


def post_session(client, worker, enrolment, service, start, end, **extra):
    return client.post(
        "/api/v1/sessions/",
        {
            "worker": worker.pk,
            "enrolment": enrolment.pk,
            "service": service.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "activity": "daily_activities",
            **extra,
        },
        format="json",
    )


@pytest.mark.django_db
def test_post_worker_creates_it_in_the_callers_organisation(api, coordinator, org, other_org):
    person = PersonFactory(organisation=org)
    response = api(coordinator).post(
        "/api/v1/workers/",
        {"first_name": "Ewa", "last_name": "Zając", "role": "assistant", "person": person.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    worker = Worker.objects.get(pk=response.data["id"])
    assert worker.organisation == org and worker.person == person and response.data["organisation"] == "org-a"
    foreign = PersonFactory(organisation=other_org)
    response = api(coordinator).post(
        "/api/v1/workers/", {"first_name": "X", "last_name": "Y", "role": "carer", "person": foreign.pk}, format="json"
    )
    assert response.status_code == 400 and "person" in response.data
    assert (
        api(coordinator)
        .post("/api/v1/workers/", {"first_name": "X", "last_name": "Y", "role": "pilot"}, format="json")
        .status_code
        == 400
    )
    response = api(coordinator).patch(f"/api/v1/workers/{worker.pk}/", {"phone": "600 100 200"}, format="json")
    assert response.status_code == 200 and response.data["phone"] == "600 100 200"


@pytest.mark.django_db
def test_roles_without_edit_cannot_write(api, make_user, org, enrolment, service, worker):
    for role in ("social_worker", "auditor", "worker"):
        user = make_user(role, org)
        assert (
            api(user)
            .post("/api/v1/workers/", {"first_name": "A", "last_name": "B", "role": "carer"}, format="json")
            .status_code
            == 403
        )
        assert (
            post_session(api(user), worker, enrolment, service, at("2023-05-10", 8), at("2023-05-10", 9)).status_code
            == 403
        )
    assert Session.objects.count() == 0
    # The social worker reads.
    assert api(make_user("social_worker", org)).get("/api/v1/workers/").data["count"] == 1


@pytest.mark.django_db
def test_post_service_of_an_edition(api, coordinator, programme, other_setup):
    body = {
        "programme": programme.pk,
        "kind": "respite_day",
        "unit": "hour",
        "rate": "40.00",
        "limit_per_participant": "240",
        "limit_per_month": None,
    }
    response = api(coordinator).post("/api/v1/services/", body, format="json")
    assert response.status_code == 201, response.content
    assert (
        response.data["limit_per_participant"] == "240.00"
        and response.data["limit_per_month"] is None
        and response.data["rate"] == "40.00"
    )
    assert Service.objects.get(pk=response.data["id"]).organisation_id == programme.organisation_id
    response = api(coordinator).post(
        "/api/v1/services/", {**body, "programme": other_setup["programme"].pk}, format="json"
    )
    assert response.status_code == 400 and "programme" in response.data
    # The programme's rate cap.
    assert (
        api(coordinator)
        .post("/api/v1/rate-caps/", {"programme": programme.pk, "unit": "hour", "max_rate": "40.00"}, format="json")
        .status_code
        == 201
    )
    response = api(coordinator).post("/api/v1/services/", {**body, "rate": "45.00"}, format="json")
    assert response.status_code == 400 and "rate" in response.data
    # The AOON 2023 table by certificate.
    rows = [
        {"degree": "significant", "several_symbols": True, "limit": "840"},
        {"degree": "significant", "limit": "720"},
        {"degree": "moderate", "several_symbols": True, "limit": "480"},
        {"degree": "moderate", "limit": "360"},
        {"child": True, "limit": "360"},
    ]
    response = api(coordinator).post(
        "/api/v1/services/",
        {
            **body,
            "kind": "personal_assistance",
            "limit_per_participant": None,
            "certificate_limits": rows,
            "activities": ["daily_activities", "trips", "official_matters", "culture"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert len(response.data["certificate_limits"]) == 5 and response.data["rate_cap"] == "40.00"


@pytest.mark.django_db
def test_post_session_creates_a_delivered_session(api, coordinator, worker, enrolment, service):
    response = post_session(api(coordinator), worker, enrolment, service, at("2023-05-10", 9), at("2023-05-10", 11, 30))
    assert response.status_code == 201, response.content
    assert (
        response.data["status"] == "delivered"
        and response.data["units"] == "2.50"
        and response.data["cost"] == "100.00"
    )
    assert response.data["person"] == enrolment.person_id
    response = post_session(
        api(coordinator), worker, enrolment, service, at("2023-05-11", 9), at("2023-05-11", 10), status="planned"
    )
    assert response.status_code == 201 and response.data["status"] == "planned"


@pytest.mark.django_db
def test_every_rule_answers_409_with_its_code_and_saves_nothing(
    api, coordinator, org, programme, worker, enrolment, service
):
    client = api(coordinator)
    first = post_session(client, worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12)).data
    count = Session.objects.count()

    def expect(code, response):
        assert response.status_code == 409, response.content
        assert response.data["code"] == code and response.data["detail"]
        assert Session.objects.count() == count
        return response.data["detail"]

    other = EnrolmentFactory(programme=programme)
    detail = expect(
        "worker_overlap", post_session(client, worker, other, service, at("2023-05-10", 11), at("2023-05-10", 13))
    )
    assert f"#{first['id']}" in detail
    expect(
        "participant_overlap",
        post_session(
            client, WorkerFactory(organisation=org), enrolment, service, at("2023-05-10", 11), at("2023-05-10", 13)
        ),
    )
    assert (
        post_session(client, worker, other, service, at("2023-05-10", 12), at("2023-05-10", 20)).status_code == 201
    )  # 10 h that day
    count += 1
    expect(
        "worker_daily_limit", post_session(client, worker, other, service, at("2023-05-10", 20), at("2023-05-10", 23))
    )
    expect(
        "outside_period", post_session(client, worker, enrolment, service, at("2024-02-01", 10), at("2024-02-01", 12))
    )
    GrantFactory(enrolment=enrolment, service=service, units=Decimal("3"))
    detail = expect(
        "hour_limit", post_session(client, worker, enrolment, service, at("2023-05-12", 10), at("2023-05-12", 12))
    )
    assert "limit 3 h" in detail
    relative = PersonFactory(organisation=org)
    RelationFactory(person=relative, relative=enrolment.person, kind="sibling")
    sibling = WorkerFactory(organisation=org, person=relative)
    expect(
        "not_allowed_worker",
        post_session(client, sibling, enrolment, service, at("2023-05-13", 10), at("2023-05-13", 11)),
    )
    contracted = WorkerFactory(organisation=org)
    WorkerContractFactory(worker=contracted, start_date=dt.date(2023, 6, 1), end_date=dt.date(2023, 6, 30))
    detail = expect(
        "no_contract", post_session(client, contracted, enrolment, service, at("2023-05-14", 10), at("2023-05-14", 11))
    )
    assert "01.06.2023 – 30.06.2023" in detail


@pytest.mark.django_db
def test_other_organisations_ids_in_the_body_are_refused(api, coordinator, worker, enrolment, service, other_setup):
    client = api(coordinator)
    for field, foreign in (
        ("worker", other_setup["worker"]),
        ("enrolment", other_setup["enrolment"]),
        ("service", other_setup["service"]),
    ):
        args = {"worker": worker, "enrolment": enrolment, "service": service, field: foreign}
        response = post_session(
            client, args["worker"], args["enrolment"], args["service"], at("2023-05-10", 10), at("2023-05-10", 11)
        )
        assert response.status_code == 400 and field in response.data
    assert Session.objects.count() == 0
    assert (
        client.post(
            "/api/v1/grants/",
            {"enrolment": other_setup["enrolment"].pk, "service": service.pk, "units": "5"},
            format="json",
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_usage_endpoint(api, coordinator, worker, enrolment, service, other_setup):
    service.limit_per_participant = Decimal("240")
    service.limit_per_month = Decimal("30")
    service.save()
    GrantFactory(enrolment=enrolment, service=service, units=Decimal("200"))
    post_session(api(coordinator), worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12))
    post_session(
        api(coordinator), worker, enrolment, service, at("2023-06-10", 10), at("2023-06-10", 11), status="planned"
    )
    response = api(coordinator).get(f"/api/v1/enrolments/{enrolment.pk}/usage/?month=2023-05")
    assert response.status_code == 200
    data = response.data
    assert (data["enrolment"], data["used"], data["planned"], data["granted"], data["limit"], data["remaining"]) == (
        enrolment.pk,
        "2.00",
        "1.00",
        "200.00",
        "240.00",
        "197.00",
    )
    [row] = data["by_service"]
    assert (
        row["service"] == service.pk
        and row["limit_per_month"] == "30.00"
        and row["used_in_month"] == "2.00"
        and row["cost"] == "80.00"
    )
    assert api(coordinator).get(f"/api/v1/enrolments/{other_setup['enrolment'].pk}/usage/").status_code == 404


@pytest.mark.django_db
def test_usage_limit_comes_from_the_certificate_table(api, coordinator, programme, worker):
    service = services.service_create(
        actor="t", programme=programme, kind="personal_assistance", unit="hour", rate=Decimal("40"),
        certificate_limits=[{"degree": "significant", "several_symbols": True, "limit": 840}, {"degree": "significant", "limit": 720}],
    )  # fmt: skip
    enrolment = EnrolmentFactory(programme=programme)
    CertificateFactory(person=enrolment.person, symbols=["05-R", "07-S"])
    data = api(coordinator).get(f"/api/v1/enrolments/{enrolment.pk}/usage/").data
    assert (
        data["limit"] == "840.00" and data["by_service"][0]["certificate_limit"] == "840.00" and data["granted"] is None
    )
    assert service.pk == data["by_service"][0]["service"]


@pytest.mark.django_db
def test_session_lists_filter_and_keep_query_count_flat(
    api, coordinator, programme, org, service, django_assert_max_num_queries
):
    worker = WorkerFactory(organisation=org)
    for day in range(1, 21):
        enrolment = EnrolmentFactory(programme=programme)
        services.session_create(
            actor="t",
            worker=worker,
            enrolment=enrolment,
            service=service,
            start=at(f"2023-05-{day:02d}", 8),
            end=at(f"2023-05-{day:02d}", 9),
        )
    services.session_create(
        actor="t",
        worker=WorkerFactory(organisation=org),
        enrolment=enrolment,
        service=service,
        start=at("2023-06-01", 8),
        end=at("2023-06-01", 9),
    )
    client = api(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/sessions/")
    assert response.data["count"] == 21
    assert client.get(f"/api/v1/sessions/?worker={worker.pk}").data["count"] == 20
    assert client.get("/api/v1/sessions/?month=2023-06").data["count"] == 1
    assert client.get("/api/v1/sessions/?date_from=2023-05-10&date_to=2023-05-12").data["count"] == 3
    assert client.get(f"/api/v1/sessions/?enrolment={enrolment.pk}").data["count"] == 2
    for url in (
        "/api/v1/workers/",
        "/api/v1/services/",
        "/api/v1/grants/",
        "/api/v1/monthly-cards/",
        "/api/v1/meal-aids/",
        "/api/v1/equipment-items/",
        "/api/v1/equipment-loans/",
    ):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
    costs = client.get("/api/v1/sessions/costs/?group_by=month").data
    assert costs["cost"] == "840.00" and [r["month"] for r in costs["rows"]] == ["2023-05", "2023-06"]
    by_participant = client.get("/api/v1/sessions/costs/?group_by=participant").data
    assert len(by_participant["rows"]) == 20
    assert client.get("/api/v1/sessions/costs/?group_by=edition").data["rows"][0]["participants"] == 20


@pytest.mark.django_db
def test_signed_card_closes_the_month_in_the_api(api, coordinator, worker, enrolment, service):
    client = api(coordinator)
    session = post_session(client, worker, enrolment, service, at("2023-05-10", 10), at("2023-05-10", 12)).data
    response = client.post(
        "/api/v1/monthly-cards/",
        {"enrolment": enrolment.pk, "month": "2023-05", "signed_by": "Anna Nowak", "signed_on": "2023-06-01"},
        format="json",
    )
    assert response.status_code == 201 and response.data["month"] == "2023-05"
    response = client.patch(
        f"/api/v1/sessions/{session['id']}/", {"end": at("2023-05-10", 11).isoformat()}, format="json"
    )
    assert response.status_code == 409 and response.data["code"] == "month_closed"
    response = client.patch(
        f"/api/v1/sessions/{session['id']}/",
        {"end": at("2023-05-10", 11).isoformat(), "reason": "Błędna godzina"},
        format="json",
    )
    assert response.status_code == 200 and response.data["units"] == "1.00"
    response = client.post(f"/api/v1/sessions/{session['id']}/cancel/", {}, format="json")
    assert response.status_code == 409 and response.data["code"] == "month_closed"
    response = client.post(
        f"/api/v1/sessions/{session['id']}/cancel/", {"reason": "Sesja się nie odbyła"}, format="json"
    )
    assert response.status_code == 200 and response.data["status"] == "cancelled"


@pytest.mark.django_db
def test_meals_api_with_totals(api, coordinator, org, other_org):
    person = PersonFactory(organisation=org)
    client = api(coordinator)
    response = client.post(
        "/api/v1/meal-aids/",
        {"person": person.pk, "month": "2021-03", "form": "cash_benefit", "amount": "200.00"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (
        client.post(
            "/api/v1/meal-aids/", {"person": person.pk, "month": "2021-03", "form": "home_meal"}, format="json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/api/v1/meal-aids/",
            {"person": person.pk, "month": "2021-03", "form": "home_meal", "meals": 21},
            format="json",
        ).status_code
        == 201
    )
    foreign = PersonFactory(organisation=other_org)
    assert (
        client.post(
            "/api/v1/meal-aids/",
            {"person": foreign.pk, "month": "2021-03", "form": "home_meal", "meals": 1},
            format="json",
        ).status_code
        == 400
    )
    [row] = client.get("/api/v1/meal-aids/totals/?year=2021").data
    assert (
        row["month"] == "2021-03" and row["home_meals"] == 21 and row["cash_amount"] == "200.00" and row["persons"] == 1
    )
    assert MealAid.objects.count() == 2


@pytest.mark.django_db
def test_equipment_api(api, coordinator, org):
    client = api(coordinator)
    services.delivery_settings_set(actor="t", organisation=org, guarantor_threshold=Decimal("4000"))
    response = client.post(
        "/api/v1/equipment-items/",
        {
            "name": "Łóżko rehabilitacyjne elektryczne",
            "category": "bed",
            "inventory_number": "SC/1",
            "value": "5200.00",
            "funding_source": "EFS (SmartCare)",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    item = EquipmentItem.objects.get(pk=response.data["id"])
    person = PersonFactory(organisation=org)
    response = client.post(
        "/api/v1/equipment-loans/", {"item": item.pk, "person": person.pk, "start_date": "2023-01-10"}, format="json"
    )
    assert response.status_code == 400 and "guarantor_name" in response.data
    response = client.post(
        "/api/v1/equipment-loans/",
        {"item": item.pk, "person": person.pk, "start_date": "2023-01-10", "guarantor_name": "Jan Nowak"},
        format="json",
    )
    assert response.status_code == 201 and response.data["due_date"] == "2023-05-10"
    loan_id = response.data["id"]
    assert client.get("/api/v1/equipment-loans/overdue/").data["count"] == 1
    assert client.get("/api/v1/equipment-items/?available=true").data["count"] == 0
    response = client.post(
        f"/api/v1/equipment-loans/{loan_id}/extend/", {"new_due": "2023-09-10", "reason": "wniosek"}, format="json"
    )
    assert response.status_code == 200 and response.data["due_date"] == "2023-09-10"
    response = client.post(
        f"/api/v1/equipment-loans/{loan_id}/return/", {"returned_on": "2023-09-01", "condition": "good"}, format="json"
    )
    assert response.status_code == 200 and response.data["returned_on"] == "2023-09-01"
    assert client.get("/api/v1/equipment-items/?available=true").data["count"] == 1
    assert client.get("/api/v1/equipment-loans/overdue/").data["count"] == 0
    EquipmentItemFactory(organisation=org)
    assert client.get("/api/v1/equipment-items/").data["count"] == 2


@pytest.mark.django_db
def test_assignment_of_a_family_member_is_refused(api, coordinator, org, enrolment, service):
    relative = PersonFactory(organisation=org)
    RelationFactory(person=enrolment.person, relative=relative, kind="parent")
    assistant = WorkerFactory(organisation=org, person=relative)
    response = api(coordinator).post(
        "/api/v1/assignments/",
        {"worker": assistant.pk, "enrolment": enrolment.pk, "service": service.pk},
        format="json",
    )
    assert response.status_code == 409 and response.data["code"] == "not_allowed_worker"
    stranger = WorkerFactory(organisation=org)
    response = api(coordinator).post(
        "/api/v1/assignments/", {"worker": stranger.pk, "enrolment": enrolment.pk}, format="json"
    )
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_schema_still_builds(client):
    assert client.get("/api/v1/schema/").status_code == 200


def test_month_dates(db):
    assert dt.date(2023, 5, 1).strftime("%Y-%m") == "2023-05"
