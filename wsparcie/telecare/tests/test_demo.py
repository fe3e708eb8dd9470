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


def test_demo_wristbands_heartbeats_keep_the_desk_free_of_offline_alarms(settings):
    """make run's demo wristbands report every 5 minutes; without them every wristband would
    raise "device offline" half an hour after loading."""
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from wsparcie.telecare import services

    settings.WSPARCIE_DEMO_PASSWORD = "demo"
    assert demo.heartbeats() == 0  # no demo loaded: nothing to send, nothing fails
    core_demo.load()
    assert demo.heartbeats() == 0  # the organisation without its wristbands yet
    demo.load()
    later = (timezone.now() + dt.timedelta(minutes=45)).replace(second=0, microsecond=0)
    assert demo.heartbeats(later) == 6
    assert demo.heartbeats(later) == 0  # the same minute again: stored once
    services.run_timers(later + dt.timedelta(minutes=1))
    assert not Alarm.objects.filter(kind="offline").exists()
    assert Device.objects.get(serial="KWS-PLO-0001").last_seen_at >= later
    # Silent for longer than the organisation's 30 minutes: the timer does raise them.
    services.run_timers(later + dt.timedelta(minutes=31))
    assert Alarm.objects.filter(kind="offline").count() == 6
    call_command("telecare_demo_wristbands", "--once")
    assert Event.objects.filter(type="heartbeat", event_id__startswith="demo-KWS-PLO-0001-hb-").count() == 2
