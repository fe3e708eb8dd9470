"""The live desk in a real browser (Chromium): a new alarm appears without reloading, with the
visible signal, and the pages pass axe (WCAG 2.1 AA)."""

import pytest
from django.utils import timezone

from wsparcie.telecare import rules, services
from wsparcie.telecare.models import Alarm
from wsparcie.telecare.tests.factories import CardFactory, ContactFactory, DeviceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_alarm_appears_live_and_the_operator_handles_it(page, login_page, axe, make_user, org, settings):
    settings.TELECARE_SSE_MAX_SECONDS = 5
    settings.TELECARE_SSE_POLL_SECONDS = 0.1
    operator = make_user("telecare_operator", org, first_name="Olga", last_name="Operatorka")
    card = CardFactory(organisation=org)
    ContactFactory(card=card, position=1)
    device = DeviceFactory(organisation=org, person=card.person)

    login_page(operator.username)
    page.goto("/staff/telecare/")
    page.wait_for_selector("#live-status.live-ok", timeout=10000)
    assert "Brak alarmów do obsłużenia" in page.inner_text("#queue")
    axe(page)

    event = rules.EventIn(event_id="browser-1", serial=device.serial, type="sos", occurred_at=timezone.now())
    services.events_ingest(events=[event], channel="http")
    row = page.wait_for_selector('tr.alarm-row.alarm-new[data-event-id="browser-1"]', timeout=10000)
    assert "SOS" in row.inner_text()
    assert "Nowy alarm" in page.inner_text("#alarm-announcer")
    assert page.title().startswith("(1)")
    axe(page)

    page.get_by_role("button", name="Przyjmij SOS").click()
    page.wait_for_load_state()
    assert "jesteś jego operatorem" in page.content()
    page.get_by_role("button", name="Pokaż kod (zapis w dzienniku)").click()
    page.wait_for_selector(".door-code")
    assert page.inner_text(".door-code") == "4711"
    axe(page)


def test_management_and_statistics_pages_are_accessible(page, login_page, axe, make_user, org, settings):
    import datetime as dt

    coordinator = make_user("coordinator", org)
    operator = make_user("telecare_operator", org)
    card = CardFactory(organisation=org)
    ContactFactory(card=card, position=1)
    device = DeviceFactory(organisation=org, person=card.person)
    raised = timezone.now() - dt.timedelta(hours=1)
    [result] = services.events_ingest(
        events=[rules.EventIn(event_id="s1", serial=device.serial, type="fall", occurred_at=raised)],
        channel="http",
        received_at=raised,
    )
    alarm = services.alarm_take(
        actor=operator, alarm=Alarm.objects.get(pk=result.alarm_pk), at=raised + dt.timedelta(seconds=20)
    )
    services.alarm_close(actor=operator, alarm=alarm, outcome="false_alarm", at=raised + dt.timedelta(minutes=5))

    login_page(coordinator.username)
    for path in (
        "/staff/telecare/stats/",
        "/staff/telecare/alarms/",
        "/staff/telecare/devices/",
        f"/staff/telecare/devices/{device.pk}/",
        "/staff/telecare/devices/new/",
        "/staff/telecare/cards/",
        f"/staff/telecare/cards/{card.person_id}/",
        f"/staff/telecare/cards/{card.person_id}/edit/",
        "/staff/telecare/settings/",
        f"/staff/telecare/alarms/{alarm.pk}/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.goto("/staff/telecare/stats/")
    assert page.locator("svg[role=img]").count() == 3
