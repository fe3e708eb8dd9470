import json
import re

import pytest
from django.urls import reverse

from wsparcie.core.models import AuditEntry
from wsparcie.telecare import services
from wsparcie.telecare.models import Alarm, Card, Device, TelecareSettings
from wsparcie.telecare.tests.factories import AlarmFactory, CardFactory, ContactFactory, DeviceFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_alarm(org):
    card = CardFactory(organisation=org)
    ContactFactory(card=card, position=1)
    device = DeviceFactory(organisation=org, person=card.person)
    return card, AlarmFactory(organisation=org, device=device)


def sse_events(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    events = []
    for block in text.split("\n\n"):
        if "event: desk" in block:
            data = re.search(r"^data: (.*)$", block, re.M).group(1)
            events.append(json.loads(data))
    return events


def test_desk_lists_the_queue_most_urgent_first(client, operator, org):
    AlarmFactory(organisation=org, kind="geofence", priority=3)
    sos = AlarmFactory(organisation=org)
    client.force_login(operator)
    response = client.get(reverse("telecare:desk"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f'data-alarm-id="{sos.pk}"') < html.index("wyjście poza bezpieczną strefę")
    assert "telecare/desk.js" in html and "<script>" not in html and 'style="' not in html
    assert "Przyjmij" in html
    fragment = client.get(reverse("telecare:desk_queue"))
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert f'data-alarm-id="{sos.pk}"' in fragment.content.decode()


def test_desk_stream_announces_new_alarms(client, operator, org, settings):
    settings.TELECARE_SSE_MAX_SECONDS = 0.2
    settings.TELECARE_SSE_POLL_SECONDS = 0.05
    alarm = AlarmFactory(organisation=org)
    client.force_login(operator)
    response = client.get(reverse("telecare:desk_stream"), {"after": alarm.pk - 1})
    assert response["Content-Type"] == "text/event-stream"
    events = sse_events(response)
    assert events and [a["id"] for a in events[0]["new"]] == [alarm.pk]
    assert events[0]["new"][0]["kind"] == "sos" and events[0]["version"]
    # Resuming after the last seen alarm: nothing new.
    again = sse_events(client.get(reverse("telecare:desk_stream"), HTTP_LAST_EVENT_ID=str(alarm.pk)))
    assert again[0]["new"] == []


def test_take_on_the_page_and_a_clear_polish_error_for_the_second_operator(client, operator, operator2, card_alarm):
    _card, alarm = card_alarm
    client.force_login(operator)
    response = client.post(reverse("telecare:alarm_take", args=[alarm.pk]), follow=True)
    assert "jesteś jego operatorem" in response.content.decode()
    client.force_login(operator2)
    response = client.post(reverse("telecare:alarm_take", args=[alarm.pk]), follow=True)
    assert "przyjął(-ęła) już" in response.content.decode()
    assert Alarm.objects.get(pk=alarm.pk).taken_by == operator


def test_door_code_is_revealed_to_the_handling_operator_only_and_audited(
    client, operator, operator2, coordinator, card_alarm
):
    card, alarm = card_alarm
    reveal = reverse("telecare:alarm_door_code", args=[alarm.pk])
    client.force_login(operator)
    services.alarm_take(actor=operator, alarm=alarm)
    detail = client.get(reverse("telecare:alarm_detail", args=[alarm.pk])).content.decode()
    assert "4711" not in detail and "Pokaż kod" in detail
    shown = client.post(reverse("telecare:alarm_door_code", args=[alarm.pk]), HTTP_HX_REQUEST="true")
    assert shown.status_code == 200 and "4711" in shown.content.decode() and shown["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="view", object_type="telecare.card")
    assert entry.actor == operator and entry.note

    for other in (operator2, coordinator):
        client.force_login(other)
        page = client.get(reverse("telecare:alarm_detail", args=[alarm.pk])).content.decode()
        assert "4711" not in page and "Pokaż kod" not in page
        refused = client.post(reveal)
        assert refused.status_code == 403 and "4711" not in refused.content.decode()
        card_page = client.get(reverse("telecare:card_detail", args=[card.person_id])).content.decode()
        assert "4711" not in card_page
    assert AuditEntry.objects.filter(action="view").count() == 1


def test_actions_and_close_on_the_page(client, operator, card_alarm):
    card, alarm = card_alarm
    contact = card.contacts.get()
    client.force_login(operator)
    services.alarm_take(actor=operator, alarm=alarm)
    url = reverse("telecare:alarm_action", args=[alarm.pk])
    assert client.post(url, {"kind": "called_contact", "contact": contact.pk}).status_code == 302
    bad = client.post(url, {"kind": "called_contact"})
    assert bad.status_code == 400 and "Wskaż, do której osoby kontaktowej" in bad.content.decode()
    closed = client.post(reverse("telecare:alarm_close", args=[alarm.pk]), {"outcome": "ambulance", "note": "Szpital"})
    assert closed.status_code == 302
    alarm.refresh_from_db()
    assert alarm.status == "closed" and alarm.outcome == "ambulance" and alarm.actions.count() == 1


def test_registering_a_device_shows_the_token_once(client, coordinator, org):
    client.force_login(coordinator)
    form = client.get(reverse("telecare:device_create"))
    assert form.status_code == 200
    response = client.post(
        reverse("telecare:device_create"),
        {"serial": "KWS-WEB-1", "model": "GT", "kind": "wristband", "capabilities": ["sos", "fall"]},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = re.search(r'id="device-token" type="text" readonly value="([^"]+)"', response.content.decode()).group(1)
    device = Device.objects.get(serial="KWS-WEB-1")
    assert device.capabilities == ["fall", "sos"]
    detail = client.get(reverse("telecare:device_detail", args=[device.pk])).content.decode()
    assert token not in detail


def test_operator_cannot_open_management_pages(client, operator, device):
    client.force_login(operator)
    assert client.get(reverse("telecare:device_create")).status_code == 403
    assert client.get(reverse("telecare:settings")).status_code == 403
    assert client.post(reverse("telecare:device_token", args=[device.pk])).status_code == 404
    assert client.get(reverse("telecare:card_edit", args=[device.person_id])).status_code == 404


def test_card_edit_keeps_the_code_secret(client, coordinator, org):
    person = PersonFactory(organisation=org)
    client.force_login(coordinator)
    url = reverse("telecare:card_edit", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"address": "ul. Tumska 1", "door_code": "8520", "health_notes": "Astma"})
    assert response.status_code == 302
    card = Card.objects.get(person=person)
    assert card.door_code and "8520" not in card.door_code
    form = client.get(url).content.decode()
    assert "8520" not in form and card.door_code not in form
    client.post(
        reverse("telecare:contact_create", args=[person.pk]),
        {"name": "Jan Sąsiad", "kind": "neighbour", "phone": "600"},
    )
    assert card.contacts.get().position == 1


def test_stats_page_draws_svg_charts(client, operator, org):
    client.force_login(operator)
    response = client.get(reverse("telecare:stats"), {"month": "2024-05"})
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<svg") == 3 and 'role="img"' in html
    bad = client.get(reverse("telecare:stats"), {"month": "2024-99"})
    assert "RRRR-MM" in bad.content.decode()


def test_settings_page_saves_per_organisation(client, coordinator, org):
    client.force_login(coordinator)
    url = reverse("telecare:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"escalate_after_seconds": 90, "offline_after_minutes": 20, "low_battery_percent": 15})
    assert response.status_code == 302
    assert TelecareSettings.objects.get(organisation=org).escalate_after_seconds == 90


def test_list_pages_render(client, coordinator, org, device, django_assert_max_num_queries):
    AlarmFactory(organisation=org, device=device)
    CardFactory(organisation=org, person=device.person)
    client.force_login(coordinator)
    for name in ("telecare:alarm_list", "telecare:device_list", "telecare:card_list"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("telecare:device_detail", args=[device.pk])).status_code == 200
    assert client.get(reverse("telecare:card_detail", args=[device.person_id])).status_code == 200


def test_anonymous_users_go_to_login(client):
    for name in ("telecare:desk", "telecare:stats", "telecare:desk_stream"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]
