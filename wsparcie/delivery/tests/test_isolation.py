"""Every page and endpoint of delivery as another organisation's administrator (``outsider``):
404 for ``org``'s objects, absence from lists, choices and exports; and as users without the
permission: 403 (or 404 for an object)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wsparcie.delivery import services
from wsparcie.delivery.models import Assignment, Grant, Loan, MealAid, MonthlyCard, Session, Worker
from wsparcie.delivery.tests.factories import EquipmentItemFactory, WorkerFactory, at

MARKER = "Przemysława"  # the participant's first name: must never show to the outsider
WORKER_MARKER = "Bonifacy"


@pytest.fixture
def own(org, programme, service, enrolment, coordinator):
    enrolment.person.first_name = MARKER
    enrolment.person.save()
    worker = WorkerFactory(organisation=org, first_name=WORKER_MARKER)
    session = services.session_create(
        actor="t",
        worker=worker,
        enrolment=enrolment,
        service=service,
        start=at("2023-05-10", 9),
        end=at("2023-05-10", 11),
    )
    grant = services.grant_set(actor="t", enrolment=enrolment, service=service, units=Decimal("50"))
    services.assignment_create(actor="t", worker=worker, enrolment=enrolment, service=service)
    card = services.card_sign(actor="t", enrolment=enrolment, month=dt.date(2023, 6, 1), signed_by=MARKER)
    item = EquipmentItemFactory(organisation=org, name=f"Wózek {MARKER}")
    loan = services.loan_create(actor="t", item=item, person=enrolment.person, start_date=dt.date(2023, 1, 2))
    aid = services.meal_aid_create(
        actor="t", organisation=org, person=enrolment.person, month=dt.date(2023, 5, 1), form="home_meal", meals=10
    )
    return {
        "worker": worker, "session": session, "grant": grant, "card": card, "item": item, "loan": loan, "aid": aid,
        "service": service, "enrolment": enrolment, "programme": programme,
    }  # fmt: skip


def object_pages(o):
    e = o["enrolment"].pk
    return [
        ("delivery:worker_detail", [o["worker"].pk]),
        ("delivery:worker_edit", [o["worker"].pk]),
        ("delivery:contract_create", [o["worker"].pk]),
        ("delivery:worker_week", [o["worker"].pk]),
        ("delivery:worker_card_pdf", [o["worker"].pk, 2023, 5]),
        ("delivery:service_detail", [o["service"].pk]),
        ("delivery:service_edit", [o["service"].pk]),
        ("delivery:service_limits", [o["service"].pk]),
        ("delivery:participant_detail", [e]),
        ("delivery:participant_week", [e]),
        ("delivery:grant", [e]),
        ("delivery:assignment_create", [e]),
        ("delivery:participant_card", [e, 2023, 5]),
        ("delivery:participant_card_pdf", [e, 2023, 5]),
        ("delivery:session_detail", [o["session"].pk]),
        ("delivery:session_edit", [o["session"].pk]),
        ("delivery:item_detail", [o["item"].pk]),
        ("delivery:item_edit", [o["item"].pk]),
        ("delivery:loan_detail", [o["loan"].pk]),
        ("delivery:loan_pdf", [o["loan"].pk]),
    ]


OBJECT_POSTS = [
    ("delivery:session_cancel", "session", {"reason": "x"}),
    ("delivery:loan_extend", "loan", {"new_due": "2024-01-01"}),
    ("delivery:loan_return", "loan", {"returned_on": "2023-02-01", "condition": "good"}),
    ("delivery:my_session_start", "session", {}),
    ("delivery:my_session_stop", "session", {}),
]

LIST_PAGES = [
    "delivery:index",
    "delivery:worker_list",
    "delivery:service_list",
    "delivery:participant_list",
    "delivery:session_list",
    "delivery:costs",
    "delivery:meal_list",
    "delivery:item_list",
    "delivery:loan_list",
    "delivery:loan_overdue",
    "delivery:worker_create",
    "delivery:service_create",
    "delivery:rate_cap",
    "delivery:session_create",
    "delivery:meal_create",
    "delivery:item_create",
    "delivery:loan_create",
    "delivery:settings",
]


@pytest.mark.django_db
def test_outsider_gets_404_on_every_object_page_and_action(client, outsider, own):
    client.force_login(outsider)
    for name, args in object_pages(own):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    e = own["enrolment"].pk
    assert (
        client.post(
            reverse("delivery:participant_card", args=[e, 2023, 5]), {"signed_by": "X", "signed_on": "2023-06-01"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("delivery:session_edit", args=[own["session"].pk]), {"start": "2023-05-10T09:00"}
        ).status_code
        == 404
    )
    for name, key, body in OBJECT_POSTS:
        response = client.post(reverse(name, args=[own[key].pk]), body)
        assert response.status_code in (403, 404), name
    assert MonthlyCard.objects.count() == 1
    own["session"].refresh_from_db()
    own["loan"].refresh_from_db()
    assert (
        own["session"].status == "delivered" and own["loan"].returned_on is None and own["loan"].extensions.count() == 0
    )


@pytest.mark.django_db
def test_outsider_lists_filters_and_choices_never_show_org_data(client, outsider, own):
    client.force_login(outsider)
    for name in LIST_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        body = response.content.decode()
        assert MARKER not in body and WORKER_MARKER not in body, name
    # Filtering by org's ids gives nothing either.
    body = client.get(
        reverse("delivery:session_list") + f"?worker={own['worker'].pk}&enrolment={own['enrolment'].pk}"
    ).content.decode()
    assert MARKER not in body and WORKER_MARKER not in body
    # Posting org's ids through the outsider's forms is refused and creates nothing.
    count = Session.objects.count()
    response = client.post(
        reverse("delivery:session_create"),
        {
            "enrolment": own["enrolment"].pk,
            "worker": own["worker"].pk,
            "service": own["service"].pk,
            "start": "2023-05-20T10:00",
            "end": "2023-05-20T11:00",
            "status": "delivered",
        },
    )
    assert response.status_code == 200 and Session.objects.count() == count
    response = client.post(
        reverse("delivery:loan_create"),
        {"item": own["item"].pk, "person": own["enrolment"].person_id, "start_date": "2023-09-01"},
    )
    assert response.status_code == 200 and Loan.objects.count() == 1


API_OBJECTS = [
    ("/api/v1/workers/{}/", "worker"),
    ("/api/v1/services/{}/", "service"),
    ("/api/v1/sessions/{}/", "session"),
    ("/api/v1/grants/{}/", "grant"),
    ("/api/v1/monthly-cards/{}/", "card"),
    ("/api/v1/meal-aids/{}/", "aid"),
    ("/api/v1/equipment-items/{}/", "item"),
    ("/api/v1/equipment-loans/{}/", "loan"),
    ("/api/v1/enrolments/{}/usage/", "enrolment"),
]
API_LISTS = [
    "/api/v1/workers/",
    "/api/v1/worker-contracts/",
    "/api/v1/assignments/",
    "/api/v1/services/",
    "/api/v1/rate-caps/",
    "/api/v1/grants/",
    "/api/v1/sessions/",
    "/api/v1/monthly-cards/",
    "/api/v1/meal-aids/",
    "/api/v1/equipment-items/",
    "/api/v1/equipment-loans/",
    "/api/v1/equipment-loans/overdue/",
]


@pytest.mark.django_db
def test_outsider_api_404_and_empty_lists(api, outsider, own):
    client = api(outsider)
    for template, key in API_OBJECTS:
        assert client.get(template.format(own[key].pk)).status_code == 404, template
    for url in API_LISTS:
        response = client.get(url)
        assert response.status_code == 200 and response.data["count"] == 0, url
        assert MARKER not in response.content.decode()
    for url in ("/api/v1/sessions/costs/", "/api/v1/meal-aids/totals/"):
        body = client.get(url).content.decode()
        assert MARKER not in body and "50.00" not in body
    assert client.get("/api/v1/sessions/costs/").data["sessions"] == 0
    assert client.get("/api/v1/meal-aids/totals/").data == []
    # Writes on org's objects.
    s, loan = own["session"].pk, own["loan"].pk
    assert client.patch(f"/api/v1/sessions/{s}/", {"note": "x"}, format="json").status_code == 404
    assert client.post(f"/api/v1/sessions/{s}/cancel/", {}, format="json").status_code == 404
    assert client.patch(f"/api/v1/workers/{own['worker'].pk}/", {"phone": "1"}, format="json").status_code == 404
    assert client.patch(f"/api/v1/services/{own['service'].pk}/", {"rate": "1"}, format="json").status_code == 404
    assert client.patch(f"/api/v1/meal-aids/{own['aid'].pk}/", {"meals": 1}, format="json").status_code == 404
    assert client.patch(f"/api/v1/equipment-items/{own['item'].pk}/", {"name": "x"}, format="json").status_code == 404
    assert (
        client.post(f"/api/v1/equipment-loans/{loan}/extend/", {"new_due": "2024-01-01"}, format="json").status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/equipment-loans/{loan}/return/", {"returned_on": "2023-02-01", "condition": "good"}, format="json"
        ).status_code
        == 404
    )
    # Org's ids in the outsider's POST bodies are refused (400), never used.
    bodies = [
        (
            "/api/v1/sessions/",
            {
                "worker": own["worker"].pk,
                "enrolment": own["enrolment"].pk,
                "service": own["service"].pk,
                "start": "2023-05-20T10:00:00+02:00",
                "end": "2023-05-20T11:00:00+02:00",
            },
        ),
        (
            "/api/v1/workers/",
            {"first_name": "A", "last_name": "B", "role": "assistant", "person": own["enrolment"].person_id},
        ),
        (
            "/api/v1/services/",
            {
                "programme": own["programme"].pk,
                "kind": "respite_day",
                "unit": "hour",
                "rate": "40",
                "limit_per_participant": None,
                "limit_per_month": None,
            },
        ),
        ("/api/v1/grants/", {"enrolment": own["enrolment"].pk, "service": own["service"].pk, "units": "999"}),
        ("/api/v1/assignments/", {"worker": own["worker"].pk, "enrolment": own["enrolment"].pk}),
        ("/api/v1/monthly-cards/", {"enrolment": own["enrolment"].pk, "month": "2023-07", "signed_by": "X"}),
        (
            "/api/v1/meal-aids/",
            {"person": own["enrolment"].person_id, "month": "2023-07", "form": "home_meal", "meals": 1},
        ),
        (
            "/api/v1/equipment-loans/",
            {"item": own["item"].pk, "person": own["enrolment"].person_id, "start_date": "2023-09-01"},
        ),
        ("/api/v1/rate-caps/", {"programme": own["programme"].pk, "unit": "hour", "max_rate": "1"}),
    ]
    for url, body in bodies:
        assert client.post(url, body, format="json").status_code in (400, 404), url
    assert (
        Session.objects.count() == 1 and Grant.objects.get().units == Decimal("50") and MonthlyCard.objects.count() == 1
    )
    assert Assignment.objects.count() == 1 and MealAid.objects.count() == 1 and Loan.objects.count() == 1
    assert Worker.objects.filter(organisation=own["worker"].organisation).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["telecare_operator", "worker"])
def test_roles_without_delivery_view_get_403_or_nothing(client, api, make_user, org, role, own):
    user = make_user(role, org)
    client.force_login(user)
    for name in LIST_PAGES:
        assert client.get(reverse(name)).status_code == 403, name
    for name, args in object_pages(own):
        assert client.get(reverse(name, args=args)).status_code in (403, 404), name
    for url in API_LISTS:
        response = api(user).get(url)
        assert response.status_code in (200, 403) and (response.status_code == 403 or response.data["count"] == 0), url
    for template, key in API_OBJECTS:
        assert api(user).get(template.format(own[key].pk)).status_code in (403, 404), template
    assert (
        api(user)
        .post("/api/v1/workers/", {"first_name": "A", "last_name": "B", "role": "carer"}, format="json")
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_auditor_reads_but_never_writes(client, api, make_user, org, own):
    user = make_user("auditor", org)
    client.force_login(user)
    assert client.get(reverse("delivery:session_detail", args=[own["session"].pk])).status_code == 200
    assert client.get(reverse("delivery:session_create")).status_code == 403
    assert client.post(reverse("delivery:session_cancel", args=[own["session"].pk]), {"reason": "x"}).status_code == 404
    assert api(user).get("/api/v1/sessions/").data["count"] == 1
    assert api(user).patch(f"/api/v1/sessions/{own['session'].pk}/", {"note": "x"}, format="json").status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, own):
    response = client.get(reverse("delivery:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("delivery:my_day")).status_code == 302
    assert client.get(reverse("delivery:participant_card_pdf", args=[own["enrolment"].pk, 2023, 5])).status_code == 302


@pytest.mark.django_db
def test_worker_role_sees_only_its_own_sessions(client, make_user, org, own, programme, service):
    user = make_user("worker", org)
    WorkerFactory(organisation=org, user=user)
    client.force_login(user)
    body = client.get(reverse("delivery:my_day")).content.decode()
    assert MARKER not in body and WORKER_MARKER not in body
    assert client.post(reverse("delivery:my_session_stop", args=[own["session"].pk])).status_code == 404
