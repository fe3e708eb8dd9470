import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from wsparcie.core.models import AuditEntry
from wsparcie.telecare import credentials, rules, services
from wsparcie.telecare.choices import ActionKind, AlarmKind, AlarmStatus, Outcome, TaskStatus
from wsparcie.telecare.models import (
    Alarm,
    AlarmAction,
    Card,
    DeviceAssignment,
    Event,
    Notification,
    Task,
    TelecareSettings,
)
from wsparcie.telecare.tests.factories import (
    AlarmFactory,
    CardFactory,
    ContactFactory,
    DeviceFactory,
    PersonFactory,
    event_payload,
)

pytestmark = pytest.mark.django_db


def parsed(device, **kwargs):
    return rules.parse_event(event_payload(device, **kwargs), now=timezone.now())


# --- Devices ---------------------------------------------------------------------------------


def test_register_stores_only_hashes_of_the_token_and_records_the_assignment(coordinator, org):
    person = PersonFactory(organisation=org)
    device, token = services.device_register(
        actor=coordinator, organisation=org, serial="KWS-0001", model="X1", person=person
    )
    device.refresh_from_db()
    assert token not in (device.token_hash, device.password)
    assert device.token_hash == credentials.token_hash(token)
    assert credentials.mosquitto_check(token, device.password)
    assert DeviceAssignment.objects.get(device=device).person == person
    entry = AuditEntry.objects.get(object_type="telecare.device", action="create")
    assert entry.changes["new"]["token_hash"] == "***" and entry.changes["new"]["password"] == "***"
    assert token not in str(entry.changes)


def test_register_refuses_a_person_of_another_organisation(coordinator, org, other_org):
    stranger = PersonFactory(organisation=other_org)
    with pytest.raises(ValidationError) as exc:
        services.device_register(actor=coordinator, organisation=org, serial="KWS-0002", model="X1", person=stranger)
    assert "person" in exc.value.message_dict


def test_register_refuses_a_serial_that_cannot_be_an_mqtt_topic(coordinator, org):
    with pytest.raises(ValidationError) as exc:
        services.device_register(actor=coordinator, organisation=org, serial="bad/serial+#", model="X1")
    assert "Numer seryjny" in str(exc.value)


def test_operator_may_not_register_devices(operator, org):
    with pytest.raises(PermissionDenied):
        services.device_register(actor=operator, organisation=org, serial="KWS-0003", model="X1")


def test_reassigning_keeps_the_history_and_periods_never_overlap(coordinator, org, device):
    first = device.person
    DeviceAssignment.objects.create(organisation=org, device=device, person=first, valid_from=dt.date(2023, 6, 1))
    second = PersonFactory(organisation=org)
    services.device_assign(actor=coordinator, device=device, person=second, valid_from=dt.date(2023, 9, 1))
    history = list(device.assignments.order_by("valid_from").values_list("person_id", "valid_from", "valid_to"))
    assert history == [(first.pk, dt.date(2023, 6, 1), dt.date(2023, 8, 31)), (second.pk, dt.date(2023, 9, 1), None)]
    device.refresh_from_db()
    assert device.person == second
    with pytest.raises(ValidationError):
        services.device_assign(actor=coordinator, device=device, person=first, valid_from=dt.date(2023, 8, 1))


def test_rotating_the_token_invalidates_the_old_one(coordinator, device):
    old_hash = device.token_hash
    token = services.device_rotate_token(actor=coordinator, device=device)
    device.refresh_from_db()
    assert device.token_hash == credentials.token_hash(token) != old_hash
    assert AuditEntry.objects.filter(object_type="telecare.device", note__contains="Nowy token").exists()


# --- Intake ----------------------------------------------------------------------------------


def test_sos_event_is_stored_and_raises_a_top_priority_alarm(device):
    [result] = services.events_ingest(events=[parsed(device, type="sos")], channel="http")
    assert result.outcome == "created"
    alarm = Alarm.objects.get()
    assert (alarm.kind, alarm.priority, alarm.status, alarm.person_id) == ("sos", 1, "open", device.person_id)
    assert alarm.event.pk == result.event_pk == Event.objects.get().pk
    assert result.alarm_pk == alarm.pk


@pytest.mark.parametrize(("kind", "priority"), [("fall", 1), ("removed", 2), ("geofence", 3)])
def test_alarm_events_and_their_priorities(device, kind, priority):
    services.events_ingest(events=[parsed(device, type=kind)], channel="mqtt")
    assert Alarm.objects.get().priority == priority


def test_a_repeated_event_id_is_stored_once_and_raises_one_alarm(device):
    event = parsed(device, event_id="same")
    first = services.events_ingest(events=[event, event], channel="mqtt")
    again = services.events_ingest(events=[event], channel="http")
    assert [r.outcome for r in first] == ["created", "duplicate"]
    assert again[0].outcome == "duplicate"
    assert Event.objects.count() == 1 and Alarm.objects.count() == 1


def test_the_same_event_id_from_two_devices_is_two_events(org, device):
    other = DeviceFactory(organisation=org)
    services.events_ingest(events=[parsed(device, event_id="x"), parsed(other, event_id="x")], channel="mqtt")
    assert Event.objects.count() == 2


def test_heartbeat_updates_last_seen_and_battery_only(device):
    device.last_seen_at = timezone.now() - dt.timedelta(hours=1)
    device.save()
    services.events_ingest(events=[parsed(device, type="heartbeat", battery=80)], channel="mqtt")
    device.refresh_from_db()
    assert timezone.now() - device.last_seen_at < dt.timedelta(seconds=5)
    assert device.battery == 80
    assert not Alarm.objects.exists() and not Task.objects.exists()


def test_test_event_is_stored_only(device):
    services.events_ingest(events=[parsed(device, type="test")], channel="mqtt")
    assert Event.objects.filter(type="test").count() == 1
    assert not Alarm.objects.exists() and not Task.objects.exists()


def test_low_battery_opens_one_task_until_it_is_done(device, operator):
    services.events_ingest(events=[parsed(device, event_id="b1", type="low_battery", battery=9)], channel="mqtt")
    services.events_ingest(events=[parsed(device, event_id="b2", type="low_battery", battery=7)], channel="mqtt")
    task = Task.objects.get()
    assert task.kind == "low_battery" and task.status == "open" and device.serial in task.title
    services.task_done(actor=operator, task=task)
    services.events_ingest(events=[parsed(device, event_id="b3", type="heartbeat", battery=5)], channel="mqtt")
    assert Task.objects.filter(status=TaskStatus.OPEN).count() == 1
    assert not Alarm.objects.exists()


def test_unknown_and_inactive_devices_are_refused(org, device):
    inactive = DeviceFactory(organisation=org, is_active=False)
    ghost = rules.EventIn(event_id="g", serial="NOPE-1", type="sos", occurred_at=timezone.now())
    results = services.events_ingest(events=[ghost, parsed(inactive), parsed(device)], channel="mqtt")
    assert [(r.outcome, r.code) for r in results] == [
        ("rejected", "unknown_device"),
        ("rejected", "device_inactive"),
        ("created", ""),
    ]
    assert Event.objects.count() == 1


# --- Handling --------------------------------------------------------------------------------


def test_take_then_second_operator_gets_already_taken(operator, operator2, org):
    alarm = AlarmFactory(organisation=org)
    taken = services.alarm_take(actor=operator, alarm=alarm)
    assert taken.status == AlarmStatus.TAKEN and taken.taken_by == operator
    with pytest.raises(services.AlarmAlreadyTaken) as exc:
        services.alarm_take(actor=operator2, alarm=alarm)
    assert exc.value.code == "already_taken"
    assert "Olga Operatorka" in exc.value.message
    assert services.alarm_take(actor=operator, alarm=alarm).taken_by == operator  # idempotent for the holder


@pytest.mark.django_db(transaction=True)
def test_two_operators_taking_at_the_same_moment_one_wins(make_user, org):
    ops = [make_user("telecare_operator", org) for _ in range(2)]
    alarm = AlarmFactory(organisation=org)
    barrier = threading.Barrier(2)
    outcomes = []

    def take(user):
        try:
            barrier.wait()
            services.alarm_take(actor=user, alarm=alarm)
            outcomes.append("won")
        except services.AlarmAlreadyTaken:
            outcomes.append("already_taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(user,)) for user in ops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_taken", "won"]
    assert Alarm.objects.get(pk=alarm.pk).taken_by in ops


def test_actions_and_close_need_the_handling_operator(operator, operator2, org):
    card = CardFactory(organisation=org)
    contact = ContactFactory(card=card, position=1)
    alarm = AlarmFactory(organisation=org, device=DeviceFactory(organisation=org, person=card.person))
    with pytest.raises(services.NotHandling):
        services.alarm_add_action(actor=operator, alarm=alarm, kind=ActionKind.CALLED_SENIOR)
    services.alarm_take(actor=operator, alarm=alarm)
    with pytest.raises(services.NotHandling):
        services.alarm_close(actor=operator2, alarm=alarm, outcome=Outcome.FALSE_ALARM)
    services.alarm_add_action(actor=operator, alarm=alarm, kind=ActionKind.CALLED_SENIOR, note="Nie odbiera")
    called = services.alarm_add_action(actor=operator, alarm=alarm, kind=ActionKind.CALLED_CONTACT, contact=contact)
    assert called.contact_label.startswith("1. Anna Nowak")
    services.alarm_add_action(actor=operator, alarm=alarm, kind=ActionKind.CALLED_112)
    with pytest.raises(ValidationError):
        services.alarm_close(actor=operator, alarm=alarm, outcome=Outcome.OTHER)
    closed = services.alarm_close(actor=operator, alarm=alarm, outcome=Outcome.AMBULANCE, note="Zabrana do szpitala")
    assert closed.status == AlarmStatus.CLOSED and closed.closed_by == operator and closed.outcome == "ambulance"
    assert AlarmAction.objects.filter(alarm=alarm).count() == 3
    with pytest.raises(services.AlarmClosed):
        services.alarm_take(actor=operator2, alarm=alarm)


def test_a_contact_from_another_card_is_refused(operator, org):
    alarm = AlarmFactory(organisation=org)
    foreign = ContactFactory(card=CardFactory(organisation=org), position=1)
    services.alarm_take(actor=operator, alarm=alarm)
    with pytest.raises(ValidationError) as exc:
        services.alarm_add_action(actor=operator, alarm=alarm, kind=ActionKind.CALLED_CONTACT, contact=foreign)
    assert "contact" in exc.value.message_dict


def test_release_returns_the_alarm_to_the_queue(operator, operator2, coordinator, org):
    alarm = AlarmFactory(organisation=org)
    services.alarm_take(actor=operator, alarm=alarm)
    with pytest.raises(PermissionDenied):
        services.alarm_release(actor=operator2, alarm=alarm)
    assert services.alarm_release(actor=operator, alarm=alarm).status == AlarmStatus.OPEN
    assert services.alarm_take(actor=operator2, alarm=alarm).taken_by == operator2


# --- The card and the door code --------------------------------------------------------------


def test_door_code_is_encrypted_and_shown_only_to_the_handling_operator_with_an_audit_entry(
    coordinator, operator, operator2, org
):
    person = PersonFactory(organisation=org)
    card = services.card_save(actor=coordinator, person=person, address="ul. Tumska 5", door_code="1234#")
    card.refresh_from_db()
    assert card.door_code and "1234" not in card.door_code
    assert credentials.decrypt(card.door_code) == "1234#"
    assert "1234" not in str(AuditEntry.objects.filter(object_type="telecare.card").values_list("changes", flat=True))

    alarm = AlarmFactory(organisation=org, device=DeviceFactory(organisation=org, person=person))
    with pytest.raises(services.NotHandling):
        services.card_reveal_door_code(actor=operator, alarm=alarm)
    services.alarm_take(actor=operator, alarm=alarm)
    with pytest.raises(services.NotHandling):
        services.card_reveal_door_code(actor=operator2, alarm=alarm)
    with pytest.raises(PermissionDenied):
        services.card_reveal_door_code(actor=coordinator, alarm=alarm)  # coordinators do not operate
    assert not AuditEntry.objects.filter(action="view").exists()

    assert services.card_reveal_door_code(actor=operator, alarm=alarm) == "1234#"
    entry = AuditEntry.objects.get(action="view")
    assert entry.actor == operator and entry.object_type == "telecare.card" and entry.object_id == str(card.pk)
    assert f"#{alarm.pk}" in entry.note


def test_card_update_keeps_the_code_unless_a_new_one_is_given(coordinator, org):
    person = PersonFactory(organisation=org)
    services.card_save(actor=coordinator, person=person, address="A", door_code="1111")
    before = Card.objects.get().door_code
    services.card_save(actor=coordinator, person=person, address="B")
    assert Card.objects.get().door_code == before
    services.card_save(actor=coordinator, person=person, address="B", clear_door_code=True)
    assert Card.objects.get().door_code == ""


def test_contacts_get_the_next_position(coordinator, org):
    card = CardFactory(organisation=org)
    first = services.contact_add(actor=coordinator, card=card, name="Jan", kind="relative", phone="1")
    second = services.contact_add(actor=coordinator, card=card, name="Ewa", kind="neighbour", phone="2")
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError):
        services.contact_add(actor=coordinator, card=card, name="Zdublowany", kind="other", phone="3", position=1)


# --- Timers ----------------------------------------------------------------------------------


def test_escalation_after_the_organisation_limit_with_a_notification(org, now):
    alarm = AlarmFactory(organisation=org, raised_at=now)
    assert services.run_timers(now + dt.timedelta(seconds=59)).escalated == []
    report = services.run_timers(now + dt.timedelta(seconds=60))
    assert report.escalated == [alarm.pk]
    alarm.refresh_from_db()
    assert alarm.escalated and alarm.escalated_at == now + dt.timedelta(seconds=60)
    note = Notification.objects.get()
    assert note.alarm == alarm and note.kind == "escalation" and note.recipient_role == "coordinator"
    assert services.run_timers(now + dt.timedelta(seconds=120)).escalated == []  # once
    assert Notification.objects.count() == 1


def test_escalation_limit_is_per_organisation_and_goes_to_the_supervisor(org, coordinator, now):
    services.settings_save(
        actor=coordinator,
        organisation=org,
        escalate_after_seconds=300,
        offline_after_minutes=30,
        low_battery_percent=20,
        supervisor=coordinator,
    )
    AlarmFactory(organisation=org, raised_at=now)
    assert services.run_timers(now + dt.timedelta(seconds=200)).escalated == []
    assert len(services.run_timers(now + dt.timedelta(seconds=301)).escalated) == 1
    assert Notification.objects.get().recipient == coordinator


def test_taken_alarms_are_not_escalated(org, operator, now):
    alarm = AlarmFactory(organisation=org, raised_at=now)
    services.alarm_take(actor=operator, alarm=alarm, at=now + dt.timedelta(seconds=10))
    assert services.run_timers(now + dt.timedelta(minutes=10)).escalated == []


def test_silent_device_raises_one_offline_alarm_until_it_comes_back(org, now):
    device = DeviceFactory(organisation=org, last_seen_at=now)
    assert services.run_timers(now + dt.timedelta(minutes=29)).offline_alarms == []
    first = services.run_timers(now + dt.timedelta(minutes=30)).offline_alarms
    assert len(first) == 1
    alarm = Alarm.objects.get(pk=first[0])
    assert (alarm.kind, alarm.priority, alarm.device_id) == (AlarmKind.OFFLINE, 4, device.pk)
    assert services.run_timers(now + dt.timedelta(minutes=90)).offline_alarms == []  # once
    # It speaks again: the waiting offline alarm closes itself, the device is online.
    services.events_ingest(events=[parsed(device, event_id="hb", type="heartbeat")], channel="mqtt")
    alarm.refresh_from_db()
    device.refresh_from_db()
    assert alarm.status == AlarmStatus.CLOSED and alarm.outcome == Outcome.BACK_ONLINE
    assert device.offline_since is None
    # Silent again later: a new offline alarm.
    later = device.last_seen_at + dt.timedelta(minutes=31)
    assert len(services.run_timers(later).offline_alarms) == 1


def test_offline_threshold_is_configurable(org, coordinator, now):
    services.settings_save(
        actor=coordinator, organisation=org, escalate_after_seconds=60, offline_after_minutes=5, low_battery_percent=20
    )
    DeviceFactory(organisation=org, last_seen_at=now)
    assert len(services.run_timers(now + dt.timedelta(minutes=5, seconds=1)).offline_alarms) == 1


def test_inactive_devices_never_go_offline(org, now):
    DeviceFactory(organisation=org, last_seen_at=now - dt.timedelta(days=3), is_active=False)
    assert services.run_timers(now).offline_alarms == []


def test_timers_open_a_battery_task_for_a_low_reading(org, now):
    device = DeviceFactory(organisation=org, battery=12)
    report = services.run_timers(now)
    assert report.battery_tasks == 1
    assert Task.objects.get().device == device
    assert services.run_timers(now).battery_tasks == 0


def test_settings_are_per_organisation_with_defaults(org, other_org, coordinator):
    services.settings_save(
        actor=coordinator, organisation=org, escalate_after_seconds=90, offline_after_minutes=15, low_battery_percent=25
    )
    from wsparcie.telecare.selectors import settings_for

    found = settings_for({org.pk, other_org.pk})
    assert found[org.pk].escalate_after_seconds == 90
    assert found[other_org.pk].escalate_after_seconds == 60 and found[other_org.pk].offline_after_minutes == 30
    assert TelecareSettings.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.settings_save(
            actor=coordinator,
            organisation=other_org,
            escalate_after_seconds=90,
            offline_after_minutes=15,
            low_battery_percent=25,
        )


def test_low_battery_threshold_follows_the_organisation_settings(org, coordinator, device):
    services.events_ingest(events=[parsed(device, event_id="h1", type="heartbeat", battery=25)], channel="mqtt")
    assert not Task.objects.exists()
    services.settings_save(
        actor=coordinator, organisation=org, escalate_after_seconds=60, offline_after_minutes=30, low_battery_percent=30
    )
    services.events_ingest(events=[parsed(device, event_id="h2", type="heartbeat", battery=25)], channel="mqtt")
    assert Task.objects.filter(device=device, kind="low_battery").count() == 1


def test_a_chatty_device_does_not_rewrite_its_row_on_every_heartbeat(device):
    services.events_ingest(events=[parsed(device, event_id="a", type="heartbeat", battery=80)], channel="mqtt")
    device.refresh_from_db()
    first = device.updated_at
    services.events_ingest(events=[parsed(device, event_id="b", type="heartbeat", battery=80)], channel="mqtt")
    device.refresh_from_db()
    assert device.updated_at == first
    services.events_ingest(events=[parsed(device, event_id="c", type="heartbeat", battery=79)], channel="mqtt")
    device.refresh_from_db()
    assert device.battery == 79 and device.updated_at > first
