import pytest

from wsparcie.core import demo as core_demo
from wsparcie.telecare import demo, selectors
from wsparcie.telecare.models import Alarm, AlarmAction, Card, Contact, Device, Event

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Device, Card, Contact, Event, Alarm, AlarmAction)]


def test_demo_loads_devices_cards_and_history_and_is_idempotent(settings):
    settings.WSPARCIE_DEMO_PASSWORD = "demo"
    core_demo.load()
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first
    org_id = Device.objects.get(serial="KWS-PLO-0001").organisation_id
    assert Device.objects.filter(organisation_id=org_id).count() == 6
    assert Card.objects.filter(organisation_id=org_id).exclude(door_code="").exists()
    closed = Alarm.objects.filter(status="closed")
    assert closed.count() > 30 and closed.filter(outcome="false_alarm").exists() and AlarmAction.objects.exists()
    assert Alarm.objects.filter(status="open", kind="sos").count() == 1  # a live one waits on the desk
    month = selectors.Month.parse(None)
    stats = selectors.alarm_stats([org_id], month)
    trend = selectors.alarm_trend([org_id], month)
    assert sum(row["alarms"] for row in trend) > 30
    assert stats["alarms"] >= 0
