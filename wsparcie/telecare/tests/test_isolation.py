"""Every telecare page and endpoint, as another organisation's administrator (``outsider``) and as
users of the same organisation without the permission."""

import pytest
from django.urls import reverse

from wsparcie.core.models import AuditEntry
from wsparcie.telecare import services
from wsparcie.telecare.models import Alarm, Device, Task
from wsparcie.telecare.tests.factories import (
    AlarmFactory,
    CardFactory,
    ContactFactory,
    DeviceFactory,
    event_payload,
    token_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org, coordinator):
    card = CardFactory(organisation=org)
    contact = ContactFactory(card=card, position=1)
    device = DeviceFactory(organisation=org, person=card.person)
    alarm = AlarmFactory(organisation=org, device=device)
    services.run_timers(alarm.raised_at.replace(year=alarm.raised_at.year + 1))  # escalation + offline alarm
    task = Task.objects.create(organisation=org, kind="low_battery", device=device, person=card.person, title="Bateria")
    return {
        "card": card,
        "contact": contact,
        "device": device,
        "alarm": alarm,
        "task": task,
        "notification": alarm.notifications.get(),
    }


def detail_pages(w):
    alarm, device, card, contact = w["alarm"], w["device"], w["card"], w["contact"]
    return {
        "get": [
            reverse("telecare:alarm_detail", args=[alarm.pk]),
            reverse("telecare:device_detail", args=[device.pk]),
            reverse("telecare:card_detail", args=[card.person_id]),
            reverse("telecare:card_edit", args=[card.person_id]),
            reverse("telecare:contact_create", args=[card.person_id]),
            reverse("telecare:contact_edit", args=[contact.pk]),
            f"/api/v1/telecare/devices/{device.pk}/",
            f"/api/v1/telecare/alarms/{alarm.pk}/",
            f"/api/v1/telecare/alarms/{alarm.pk}/actions/",
        ],
        "post": [
            reverse("telecare:alarm_take", args=[alarm.pk]),
            reverse("telecare:alarm_release", args=[alarm.pk]),
            reverse("telecare:alarm_action", args=[alarm.pk]),
            reverse("telecare:alarm_close", args=[alarm.pk]),
            reverse("telecare:alarm_door_code", args=[alarm.pk]),
            reverse("telecare:task_done", args=[w["task"].pk]),
            reverse("telecare:notification_ack", args=[w["notification"].pk]),
            reverse("telecare:device_assign", args=[device.pk]),
            reverse("telecare:device_unassign", args=[device.pk]),
            reverse("telecare:device_active", args=[device.pk]),
            reverse("telecare:device_token", args=[device.pk]),
            reverse("telecare:card_edit", args=[card.person_id]),
            reverse("telecare:contact_create", args=[card.person_id]),
            reverse("telecare:contact_edit", args=[contact.pk]),
            reverse("telecare:contact_delete", args=[contact.pk]),
            f"/api/v1/telecare/alarms/{alarm.pk}/take/",
            f"/api/v1/telecare/alarms/{alarm.pk}/release/",
            f"/api/v1/telecare/alarms/{alarm.pk}/actions/",
            f"/api/v1/telecare/alarms/{alarm.pk}/close/",
            f"/api/v1/telecare/devices/{device.pk}/rotate-token/",
            f"/api/v1/telecare/devices/{device.pk}/deactivate/",
            f"/api/v1/telecare/devices/{device.pk}/activate/",
            f"/api/v1/telecare/devices/{device.pk}/assign/",
        ],
    }


def list_pages():
    return [
        reverse("telecare:desk"),
        reverse("telecare:desk_queue"),
        reverse("telecare:alarm_list"),
        reverse("telecare:device_list"),
        reverse("telecare:card_list"),
        reverse("telecare:stats"),
        "/api/v1/telecare/alarms/",
        "/api/v1/telecare/alarms/?status=open",
        "/api/v1/telecare/devices/",
        "/api/v1/telecare/stats/",
    ]


def snapshot():
    return list(Alarm.objects.values_list("pk", "status", "taken_by_id", "escalated")), list(
        Device.objects.values_list("pk", "is_active", "token_hash", "person_id")
    )


def logged_in(user):
    from rest_framework.test import APIClient

    client = APIClient()  # a session: pages and API alike
    client.force_login(user)
    return client


def test_outsider_gets_404_on_every_object_and_changes_nothing(outsider, world):
    client = logged_in(outsider)
    before, audit_count = snapshot(), AuditEntry.objects.count()
    pages = detail_pages(world)
    for url in pages["get"]:
        assert client.get(url).status_code == 404, url
    for url in pages["post"]:
        assert (
            client.post(
                url, {"kind": "note", "note": "x", "outcome": "false_alarm", "person": world["card"].person_id}
            ).status_code
            == 404
        ), url
    assert snapshot() == before and AuditEntry.objects.count() == audit_count


def test_outsider_lists_show_nothing_of_the_organisation(outsider, world):
    client = logged_in(outsider)
    person = world["card"].person
    secrets = [f"{person.first_name} {person.last_name}", person.pesel, world["device"].serial, "Anna Nowak"]
    for url in list_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [s for s in secrets if s in body], url
    assert client.get("/api/v1/telecare/alarms/?status=open").json()["count"] == 0
    assert client.get("/api/v1/telecare/devices/").json()["count"] == 0
    assert client.get("/api/v1/telecare/stats/").json()["alarms"] == 0


def test_outsider_cannot_register_a_device_for_our_person(api, outsider, world):
    response = api(outsider).post(
        "/api/v1/telecare/devices/",
        {"serial": "EVIL-1", "model": "X", "person": world["card"].person_id},
        format="json",
    )
    assert response.status_code == 400 and not Device.objects.filter(serial="EVIL-1").exists()


def test_outsider_desk_stream_carries_no_foreign_alarm(client, outsider, world, settings):
    settings.TELECARE_SSE_MAX_SECONDS = 0.1
    client.force_login(outsider)
    body = b"".join(client.get(reverse("telecare:desk_stream"), {"after": 0}).streaming_content).decode()
    assert '"new": []' in body and world["device"].serial not in body


@pytest.mark.parametrize("role", ["worker"])
def test_users_without_telecare_permissions(make_user, org, world, role):
    client = logged_in(make_user(role, org))
    for url in list_pages():
        response = client.get(url)
        if url.startswith("/api/v1/telecare/alarms/") or url.startswith("/api/v1/telecare/devices/"):
            assert response.status_code == 200 and response.json()["count"] == 0, url  # scoped list: empty
        else:
            assert response.status_code == 403, url
    for url in detail_pages(world)["get"]:
        assert client.get(url).status_code == 404, url
    for url in detail_pages(world)["post"]:
        assert client.post(url).status_code in (403, 404), url
    assert not AuditEntry.objects.filter(actor__memberships__role=role).exists()


def test_viewers_without_operate_or_manage_cannot_act(make_user, org, world):
    client = logged_in(make_user("auditor", org))
    assert client.get(f"/api/v1/telecare/alarms/{world['alarm'].pk}/").status_code == 200
    for url in (
        f"/api/v1/telecare/alarms/{world['alarm'].pk}/take/",
        f"/api/v1/telecare/devices/{world['device'].pk}/deactivate/",
        f"/api/v1/telecare/devices/{world['device'].pk}/rotate-token/",
    ):
        assert client.post(url).status_code == 403, url
    response = client.post(
        "/api/v1/telecare/devices/", {"serial": "AUD-1", "model": "X", "person": world["card"].person_id}, format="json"
    )
    assert response.status_code == 403


def test_a_device_token_opens_nothing_but_the_intake(world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Device {token_for(world['device'])}")
    assert client.post("/api/v1/telecare/events/", event_payload(world["device"]), format="json").status_code == 201
    for url in ("/api/v1/telecare/alarms/", "/api/v1/telecare/devices/", "/api/v1/telecare/stats/", "/api/v1/me/"):
        assert client.get(url).status_code in (401, 403), url
