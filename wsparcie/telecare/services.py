"""Every write of telecare: devices and their credentials, cards, the event intake, alarm
handling, and the timers (escalation, silent devices, low batteries).

The intake (:func:`events_ingest`) is the one path for HTTP and MQTT: it stores a batch of events
with one ``INSERT ... ON CONFLICT (device, event_id) DO NOTHING`` (a repeat is recognised and never
stored twice), raises alarms and tasks for the new ones and commits, all before the caller
acknowledges anything. Machine intake writes no audit entries (the event table is itself the
append-only record of what arrived); everything people do is audited.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wsparcie.core import audit, tenancy
from wsparcie.core.errors import ApplicationError, Conflict, NotAllowed
from wsparcie.core.models import Membership, Organisation
from wsparcie.core.roles import Role
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.telecare import credentials, rules
from wsparcie.telecare.choices import (
    OPERATOR_OUTCOMES,
    ActionKind,
    AlarmKind,
    AlarmStatus,
    DeviceKind,
    NotificationKind,
    Outcome,
    TaskKind,
    TaskStatus,
)
from wsparcie.telecare.models import (
    Alarm,
    AlarmAction,
    Card,
    Contact,
    Device,
    DeviceAssignment,
    Event,
    Notification,
    Task,
    TelecareSettings,
)
from wsparcie.telecare.selectors import MANAGE, OPERATE, settings_for

logger = logging.getLogger("wsparcie.telecare")

TIMER_ACTOR = "telecare-timers"
#: ``Device.last_seen_at`` may lag this much behind the newest event (the offline timer counts minutes).
LAST_SEEN_PRECISION = dt.timedelta(seconds=15)


class AlarmAlreadyTaken(Conflict):
    code = "already_taken"


class AlarmClosed(Conflict):
    code = "alarm_closed"


class NotHandling(NotAllowed):
    code = "not_handling"


class NoDoorCode(ApplicationError):
    code = "no_door_code"
    status = 409


class DeviceInactive(ApplicationError):
    code = "device_inactive"
    status = 409


def _display(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "—"


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M:%S")


# --- Settings -------------------------------------------------------------------------------


@transaction.atomic
def settings_save(
    *,
    actor,
    organisation: Organisation,
    escalate_after_seconds: int,
    offline_after_minutes: int,
    low_battery_percent: int,
    supervisor=None,
) -> TelecareSettings:
    tenancy.require_perm(actor, MANAGE, organisation)
    if supervisor is not None and not Membership.objects.filter(user=supervisor, organisation=organisation).exists():
        raise ValidationError({"supervisor": _("Przełożony musi mieć rolę w tej organizacji.")})
    data = {
        "escalate_after_seconds": escalate_after_seconds,
        "offline_after_minutes": offline_after_minutes,
        "low_battery_percent": low_battery_percent,
        "supervisor": supervisor,
    }
    _SETTINGS_CACHE.pop(organisation.pk, None)
    transaction.on_commit(lambda: _SETTINGS_CACHE.pop(organisation.pk, None))
    current = TelecareSettings.objects.select_for_update().filter(organisation=organisation).first()
    if current is None:
        return create_object(actor=actor, instance=TelecareSettings(organisation=organisation, **data))
    return update_object(actor=actor, instance=current, data=data)


# --- Devices --------------------------------------------------------------------------------


def _check_same_organisation(device_or_org_id: int, person) -> None:
    if person is not None and person.organisation_id != device_or_org_id:
        raise ValidationError({"person": _("Ta osoba należy do innej organizacji niż urządzenie.")})


@transaction.atomic
def device_register(
    *,
    actor,
    organisation: Organisation,
    serial: str,
    model: str,
    kind: str = DeviceKind.WRISTBAND,
    capabilities: list[str] | None = None,
    person=None,
    valid_from: dt.date | None = None,
) -> tuple[Device, str]:
    """Register a device (optionally handing it to ``person`` from ``valid_from``) and return it
    with its token; the token is not stored and cannot be shown again (only replaced)."""
    tenancy.require_perm(actor, MANAGE, organisation)
    _check_same_organisation(organisation.pk, person)
    token = credentials.new_token()
    device = Device(
        organisation=organisation,
        serial=(serial or "").strip(),
        model=(model or "").strip(),
        kind=kind,
        capabilities=sorted(set(capabilities or [])),
        person=person,
        token_hash=credentials.token_hash(token),
        password=credentials.mosquitto_hash(token),
    )
    create_object(actor=actor, instance=device, note=_("Rejestracja urządzenia; token pokazano jednorazowo."))
    if person is not None:
        create_object(
            actor=actor,
            instance=DeviceAssignment(
                organisation=organisation, device=device, person=person, valid_from=valid_from or timezone.localdate()
            ),
        )
    return device, token


@transaction.atomic
def device_rotate_token(*, actor, device: Device) -> str:
    """A new token (the old one stops working at once, also on the broker after the next sync)."""
    tenancy.require_perm(actor, MANAGE, device.organisation_id)
    token = credentials.new_token()
    update_object(
        actor=actor,
        instance=device,
        data={"token_hash": credentials.token_hash(token), "password": credentials.mosquitto_hash(token)},
        note=_("Nowy token urządzenia (poprzedni unieważniony)."),
    )
    return token


@transaction.atomic
def device_set_active(*, actor, device: Device, active: bool, note: str = "") -> Device:
    tenancy.require_perm(actor, MANAGE, device.organisation_id)
    return update_object(actor=actor, instance=device, data={"is_active": active}, note=note)


@transaction.atomic
def device_assign(*, actor, device: Device, person, valid_from: dt.date | None = None) -> DeviceAssignment:
    """Hand the device to ``person`` from ``valid_from``; the previous holder's period ends the day before."""
    tenancy.require_perm(actor, MANAGE, device.organisation_id)
    _check_same_organisation(device.organisation_id, person)
    valid_from = valid_from or timezone.localdate()
    device = Device.objects.select_for_update().get(pk=device.pk)
    current = device.assignments.filter(valid_to__isnull=True).first()
    if current is not None:
        if current.person_id == person.pk:
            raise Conflict(
                _("To urządzenie jest już przydzielone tej osobie (od %(date)s).")
                % {"date": f"{current.valid_from:%d.%m.%Y}"}
            )
        if current.valid_from >= valid_from:
            raise ValidationError(
                {
                    "valid_from": _("Nowy przydział musi zaczynać się po %(date)s (początek obecnego przydziału).")
                    % {"date": f"{current.valid_from:%d.%m.%Y}"}
                }
            )
        update_object(actor=actor, instance=current, data={"valid_to": valid_from - dt.timedelta(days=1)})
    assignment = create_object(
        actor=actor,
        instance=DeviceAssignment(
            organisation_id=device.organisation_id, device=device, person=person, valid_from=valid_from
        ),
    )
    update_object(actor=actor, instance=device, data={"person": person})
    return assignment


@transaction.atomic
def device_unassign(*, actor, device: Device, valid_to: dt.date | None = None) -> None:
    """The device is returned: the current holder's period ends on ``valid_to`` (today by default)."""
    tenancy.require_perm(actor, MANAGE, device.organisation_id)
    device = Device.objects.select_for_update().get(pk=device.pk)
    current = device.assignments.filter(valid_to__isnull=True).first()
    if current is None:
        raise Conflict(_("To urządzenie nie jest teraz nikomu przydzielone."))
    update_object(actor=actor, instance=current, data={"valid_to": valid_to or timezone.localdate()})
    update_object(actor=actor, instance=device, data={"person": None})


# --- The senior's card ----------------------------------------------------------------------


@transaction.atomic
def card_save(
    *,
    actor,
    person,
    address: str,
    access_notes: str = "",
    has_key_safe: bool = False,
    health_notes: str = "",
    notes: str = "",
    door_code: str | None = None,
    clear_door_code: bool = False,
) -> Card:
    """Create or update ``person``'s card. ``door_code=None`` keeps the stored code; it is never
    read back here (see :func:`card_reveal_door_code`)."""
    tenancy.require_perm(actor, MANAGE, person.organisation_id)
    data = {
        "address": (address or "").strip(),
        "access_notes": access_notes,
        "has_key_safe": has_key_safe,
        "health_notes": health_notes,
        "notes": notes,
    }
    note = ""
    if door_code:
        data["door_code"] = credentials.encrypt(door_code.strip())
        note = _("Zapisano nowy kod do drzwi / sejfu.")
    elif clear_door_code:
        data["door_code"] = ""
        note = _("Usunięto kod do drzwi / sejfu.")
    card = Card.objects.select_for_update().filter(person=person).first()
    if card is None:
        return create_object(
            actor=actor, instance=Card(organisation_id=person.organisation_id, person=person, **data), note=note
        )
    return update_object(actor=actor, instance=card, data=data, note=note)


@transaction.atomic
def contact_add(
    *,
    actor,
    card: Card,
    name: str,
    kind: str,
    phone: str,
    position: int | None = None,
    relation: str = "",
    phone_alt: str = "",
    notes: str = "",
) -> Contact:
    tenancy.require_perm(actor, MANAGE, card.organisation_id)
    Card.objects.select_for_update().filter(pk=card.pk).first()
    if position is None:
        position = (card.contacts.aggregate(m=Max("position"))["m"] or 0) + 1
    contact = Contact(
        organisation_id=card.organisation_id,
        card=card,
        position=position,
        name=name,
        kind=kind,
        relation=relation,
        phone=phone,
        phone_alt=phone_alt,
        notes=notes,
    )
    return create_object(actor=actor, instance=contact)


@transaction.atomic
def contact_update(*, actor, contact: Contact, **data) -> Contact:
    tenancy.require_perm(actor, MANAGE, contact.organisation_id)
    allowed = {"position", "name", "kind", "relation", "phone", "phone_alt", "notes"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({NON_FIELD_ERRORS: _("Nieznane pola: %(f)s.") % {"f": ", ".join(sorted(unknown))}})
    return update_object(actor=actor, instance=contact, data=data)


@transaction.atomic
def contact_delete(*, actor, contact: Contact) -> None:
    tenancy.require_perm(actor, MANAGE, contact.organisation_id)
    delete_object(actor=actor, instance=contact)


def _require_handling(actor, alarm: Alarm) -> None:
    tenancy.require_perm(actor, OPERATE, alarm.organisation_id)
    if alarm.status == AlarmStatus.CLOSED:
        raise AlarmClosed(_("Alarm #%(id)s jest już zamknięty.") % {"id": alarm.pk})
    if alarm.status != AlarmStatus.TAKEN or alarm.taken_by_id != actor.pk:
        if alarm.taken_by_id:
            raise NotHandling(
                _("Ten alarm obsługuje %(who)s; tylko on(a) może tu działać.") % {"who": _display(alarm.taken_by)}
            )
        raise NotHandling(_("Najpierw przyjmij alarm #%(id)s.") % {"id": alarm.pk})


def card_reveal_door_code(*, actor, alarm: Alarm) -> str:
    """The door / key-safe code, for the operator handling ``alarm`` only; every showing is
    written to the audit trail (action "view")."""
    alarm = Alarm.objects.select_related("taken_by").get(pk=alarm.pk)
    _require_handling(actor, alarm)
    card = Card.objects.filter(person_id=alarm.person_id).first() if alarm.person_id else None
    if card is None or not card.door_code:
        raise NoDoorCode(_("Na karcie tego seniora nie zapisano kodu do drzwi ani sejfu na klucze."))
    code = credentials.decrypt(card.door_code)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="view",
            instance=card,
            changes={"field": "door_code", "alarm": alarm.pk},
            note=_("Pokazano kod do drzwi / sejfu operatorowi obsługującemu alarm #%(id)s.") % {"id": alarm.pk},
        )
    return code


# --- Intake ---------------------------------------------------------------------------------


@dataclass
class IngestResult:
    """What happened to one message of a batch (the listener logs it and acknowledges)."""

    outcome: str  # "created" | "duplicate" | "rejected"
    event_pk: int | None = None
    alarm_pk: int | None = None
    reason: str = ""
    code: str = ""

    @property
    def stored(self) -> bool:
        return self.outcome in ("created", "duplicate")


@dataclass
class _DeviceRow:
    id: int
    serial: str
    organisation_id: int
    person_id: int | None
    is_active: bool
    offline_since: dt.datetime | None
    new_events: list = field(default_factory=list)


def _lock_devices(serials: set[str]) -> dict[str, _DeviceRow]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, serial, organisation_id, person_id, is_active, offline_since FROM {Device._meta.db_table} "
            "WHERE serial = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
            [sorted(serials)],
        )
        return {row[1]: _DeviceRow(*row) for row in cursor.fetchall()}


def _insert_events(accepted: list[tuple[int, rules.EventIn, _DeviceRow]], channel: str, now: dt.datetime) -> dict:
    """One INSERT for the batch; returns {(device_id, event_id): pk} of the rows actually stored."""
    if not accepted:
        return {}
    columns = ([], [], [], [], [], [], [])
    for _i, event, device in accepted:
        for target, value in zip(
            columns,
            (
                device.organisation_id,
                device.id,
                event.event_id,
                event.type,
                event.occurred_at,
                None if event.location is None else json.dumps(event.location),
                event.battery,
            ),
            strict=True,
        ):
            target.append(value)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Event._meta.db_table}
                (organisation_id, device_id, event_id, type, occurred_at, location, battery,
                 received_at, channel, created_at, updated_at)
            SELECT t.organisation_id, t.device_id, t.event_id, t.type, t.occurred_at, t.location::jsonb, t.battery,
                   %s, %s, %s, %s
              FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::timestamptz[], %s::text[], %s::int[])
                   AS t(organisation_id, device_id, event_id, type, occurred_at, location, battery)
            ON CONFLICT (device_id, event_id) DO NOTHING
            RETURNING device_id, event_id, id
            """,
            [now, channel, now, now, *columns],
        )
        return {(row[0], row[1]): row[2] for row in cursor.fetchall()}


_SETTINGS_CACHE: dict[int, tuple[float, TelecareSettings]] = {}
_SETTINGS_TTL = 30.0


def _cached_settings(organisation_ids: set[int]) -> dict[int, TelecareSettings]:
    """The intake reads thresholds on every batch: keep them for 30 s (``settings_save`` clears)."""
    clock = time.monotonic()
    missing = {org_id for org_id in organisation_ids if _SETTINGS_CACHE.get(org_id, (0.0, None))[0] < clock}
    if missing:
        for org_id, row in settings_for(missing).items():
            _SETTINGS_CACHE[org_id] = (clock + _SETTINGS_TTL, row)
    return {org_id: _SETTINGS_CACHE[org_id][1] for org_id in organisation_ids}


def _apply_effects(new: list[tuple[int, rules.EventIn, _DeviceRow]], now: dt.datetime) -> dict[int, int]:
    """Alarms, tasks and device state for newly stored events; returns {event pk: alarm pk}."""
    thresholds = _cached_settings({device.organisation_id for _pk, _e, device in new})
    alarms, tasks = [], []
    devices: dict[int, _DeviceRow] = {}
    for pk, event, device in new:
        devices[device.id] = device
        device.new_events.append(event)
        kind = rules.alarm_kind_for(event.type)
        if kind is not None:
            alarms.append(
                Alarm(
                    organisation_id=device.organisation_id,
                    kind=kind,
                    priority=rules.priority_for(kind),
                    status=AlarmStatus.OPEN,
                    device_id=device.id,
                    person_id=device.person_id,
                    event_id=pk,
                    location=event.location,
                    raised_at=now,
                )
            )
        if rules.is_low_battery(event.type, event.battery, thresholds[device.organisation_id].low_battery_percent):
            level = f" ({event.battery}%)" if event.battery is not None else ""
            tasks.append(
                Task(
                    organisation_id=device.organisation_id,
                    kind=TaskKind.LOW_BATTERY,
                    device_id=device.id,
                    person_id=device.person_id,
                    title=_("Naładuj lub wymień baterię urządzenia %(serial)s%(level)s")
                    % {"serial": device.serial, "level": level},
                )
            )
    created = Alarm.objects.bulk_create(alarms) if alarms else []
    if tasks:
        Task.objects.bulk_create(tasks, ignore_conflicts=True)
    ids, batteries = [], []
    for device in devices.values():
        with_battery = [e for e in device.new_events if e.battery is not None]
        ids.append(device.id)
        batteries.append(max(with_battery, key=lambda e: e.occurred_at).battery if with_battery else None)
    # A device row is rewritten only when something the desk uses changed: a new battery level,
    # the end of a silence, or a last-seen time older than LAST_SEEN_PRECISION (a chatty device
    # would otherwise rewrite its row on every heartbeat).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Device._meta.db_table} d
               SET last_seen_at = greatest(d.last_seen_at, %(now)s), battery = coalesce(v.battery, d.battery),
                   offline_since = NULL, updated_at = %(now)s
              FROM unnest(%(ids)s::bigint[], %(batteries)s::int[]) AS v(id, battery)
             WHERE d.id = v.id
               AND (d.last_seen_at IS NULL OR d.last_seen_at < %(stale)s OR d.offline_since IS NOT NULL
                    OR d.battery IS DISTINCT FROM coalesce(v.battery, d.battery))
            """,
            {"now": now, "stale": now - LAST_SEEN_PRECISION, "ids": ids, "batteries": batteries},
        )
    back = [device.id for device in devices.values() if device.offline_since is not None]
    if back:
        _devices_back_online(back, now)
    return {alarm.event_id: alarm.pk for alarm in created}


def _devices_back_online(device_ids: list[int], now: dt.datetime) -> None:
    """A silent device spoke again: its waiting "offline" alarm closes itself; one an operator
    already handles gets a note instead."""
    Alarm.objects.filter(device_id__in=device_ids, kind=AlarmKind.OFFLINE, status=AlarmStatus.OPEN).update(
        status=AlarmStatus.CLOSED,
        closed_at=now,
        outcome=Outcome.BACK_ONLINE,
        outcome_note=_("Urządzenie znów nadaje (zamknięto automatycznie)."),
        updated_at=now,
    )
    for alarm in Alarm.objects.filter(device_id__in=device_ids, kind=AlarmKind.OFFLINE, status=AlarmStatus.TAKEN):
        AlarmAction.objects.create(
            organisation_id=alarm.organisation_id,
            alarm=alarm,
            kind=ActionKind.NOTE,
            note=_("Urządzenie znów nadaje (%(at)s).") % {"at": _local(now)},
            at=now,
        )
        Alarm.objects.filter(pk=alarm.pk).update(updated_at=now)


def events_ingest(
    *, events: list[rules.EventIn], channel: str, received_at: dt.datetime | None = None
) -> list[IngestResult]:
    """Store a batch of validated events in one transaction and return one result per event
    (same order). Unknown and inactive devices are refused; a known ``(device, event_id)`` is a
    duplicate, stored once. When this returns, everything is committed."""
    now = received_at or timezone.now()
    results: list[IngestResult | None] = [None] * len(events)
    with transaction.atomic():
        devices = _lock_devices({event.serial for event in events})
        accepted = []
        for index, event in enumerate(events):
            device = devices.get(event.serial)
            if device is None:
                results[index] = IngestResult(
                    "rejected",
                    reason=_("Nieznane urządzenie %(serial)s.") % {"serial": event.serial},
                    code="unknown_device",
                )
            elif not device.is_active:
                results[index] = IngestResult(
                    "rejected",
                    reason=_("Urządzenie %(serial)s jest nieaktywne.") % {"serial": event.serial},
                    code="device_inactive",
                )
            else:
                accepted.append((index, event, device))
        inserted = _insert_events(accepted, channel, now)
        new, seen = [], set()
        for index, event, device in accepted:
            key = (device.id, event.event_id)
            if key in inserted and key not in seen:
                seen.add(key)
                new.append((inserted[key], event, device))
                results[index] = IngestResult("created", event_pk=inserted[key])
            else:
                results[index] = IngestResult("duplicate", event_pk=inserted.get(key))
        if new:
            alarm_for_event = _apply_effects(new, now)
            for result in results:
                if result is not None and result.outcome == "created":
                    result.alarm_pk = alarm_for_event.get(result.event_pk)
    return results  # type: ignore[return-value]


def event_receive(
    *, device: Device, payload, channel: str = "http", now: dt.datetime | None = None
) -> tuple[Event, bool]:
    """One event from ``device`` (already authenticated): ``(event, created)``; a repeat of a
    known ``event_id`` returns the stored event with ``created=False``. Bad payload ->
    ``ValidationError`` naming the field; an inactive device -> :class:`DeviceInactive`."""
    now = now or timezone.now()
    try:
        parsed = rules.parse_event(payload, now=now, max_future_seconds=max_future_seconds())
    except rules.EventRejected as exc:
        raise ValidationError({exc.field: [exc.reason]}, code=exc.code) from None
    if parsed.serial != device.serial:
        raise ValidationError({"device": [_("To zdarzenie dotyczy innego urządzenia niż token.")]})
    [result] = events_ingest(events=[parsed], channel=channel, received_at=now)
    if result.outcome == "rejected":
        raise DeviceInactive(result.reason)
    event = Event.objects.get(device_id=device.pk, event_id=parsed.event_id)
    return event, result.outcome == "created"


def max_future_seconds() -> int:
    return int(getattr(django_settings, "TELECARE_MAX_FUTURE_SECONDS", rules.DEFAULT_MAX_FUTURE_SECONDS))


# --- Handling an alarm ----------------------------------------------------------------------


def alarm_take(*, actor, alarm: Alarm, at: dt.datetime | None = None) -> Alarm:
    """The operator takes the alarm. One conditional UPDATE (``WHERE taken_by IS NULL``): of two
    operators taking at once exactly one wins; the other gets :class:`AlarmAlreadyTaken`."""
    tenancy.require_perm(actor, OPERATE, alarm.organisation_id)
    at = at or timezone.now()
    with transaction.atomic():
        won = Alarm.objects.filter(pk=alarm.pk, status=AlarmStatus.OPEN, taken_by__isnull=True).update(
            status=AlarmStatus.TAKEN, taken_by=actor, taken_at=at, updated_at=timezone.now()
        )
        current = Alarm.objects.select_related("taken_by").get(pk=alarm.pk)
        if not won:
            if current.status == AlarmStatus.CLOSED:
                raise AlarmClosed(_("Alarm #%(id)s jest już zamknięty.") % {"id": alarm.pk})
            if current.taken_by_id == actor.pk:
                return current
            raise AlarmAlreadyTaken(
                _("Ten alarm przyjął(-ęła) już %(who)s o %(at)s. Wybierz inny alarm z kolejki.")
                % {"who": _display(current.taken_by), "at": _local(current.taken_at)},
                extra={"taken_by": current.taken_by.get_username()},
            )
        audit.record(
            actor=actor,
            action="update",
            instance=current,
            changes={"status": [AlarmStatus.OPEN, AlarmStatus.TAKEN], "taken_by_id": [None, actor.pk]},
            note=_("Przyjęcie alarmu."),
        )
    return current


def alarm_release(*, actor, alarm: Alarm) -> Alarm:
    """Give the alarm back to the queue (its operator, or a telecare manager)."""
    with transaction.atomic():
        alarm = Alarm.objects.select_for_update(of=("self",)).select_related("taken_by").get(pk=alarm.pk)
        if alarm.status != AlarmStatus.TAKEN:
            raise Conflict(_("Alarm #%(id)s nie jest w obsłudze.") % {"id": alarm.pk})
        if alarm.taken_by_id != actor.pk:
            tenancy.require_perm(actor, MANAGE, alarm.organisation_id)
        else:
            tenancy.require_perm(actor, OPERATE, alarm.organisation_id)
        previous = alarm.taken_by_id
        Alarm.objects.filter(pk=alarm.pk).update(
            status=AlarmStatus.OPEN, taken_by=None, taken_at=None, updated_at=timezone.now()
        )
        alarm.refresh_from_db()
        audit.record(
            actor=actor,
            action="update",
            instance=alarm,
            changes={"status": [AlarmStatus.TAKEN, AlarmStatus.OPEN], "taken_by_id": [previous, None]},
            note=_("Alarm wrócił do kolejki."),
        )
    return alarm


def alarm_add_action(
    *, actor, alarm: Alarm, kind: str, contact: Contact | None = None, note: str = "", at: dt.datetime | None = None
) -> AlarmAction:
    """Record what the handling operator did (called the senior, contact N, 112, sent the social worker, a note)."""
    alarm = Alarm.objects.select_related("taken_by").get(pk=alarm.pk)
    _require_handling(actor, alarm)
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Nieznana czynność %(kind)r.") % {"kind": kind}})
    label = ""
    if kind == ActionKind.CALLED_CONTACT:
        if contact is None:
            raise ValidationError({"contact": _("Wskaż, do której osoby kontaktowej dzwoniono.")})
        if alarm.person_id is None or contact.card.person_id != alarm.person_id:
            raise ValidationError({"contact": _("Ta osoba kontaktowa nie jest na karcie tego seniora.")})
        label = f"{contact.position}. {contact.name} ({contact.get_kind_display()}), {contact.phone}"
    elif contact is not None:
        raise ValidationError({"contact": _("Osobę kontaktową podaje się tylko przy telefonie do osoby kontaktowej.")})
    if kind == ActionKind.NOTE and not note.strip():
        raise ValidationError({"note": _("Wpisz treść notatki.")})
    action = AlarmAction(
        organisation_id=alarm.organisation_id,
        alarm=alarm,
        kind=kind,
        contact=contact,
        contact_label=label,
        note=note.strip(),
        actor=actor,
        at=at or timezone.now(),
    )
    with transaction.atomic():
        create_object(actor=actor, instance=action)
        Alarm.objects.filter(pk=alarm.pk).update(updated_at=timezone.now())
    return action


def alarm_close(*, actor, alarm: Alarm, outcome: str, note: str = "", at: dt.datetime | None = None) -> Alarm:
    """Close the alarm with an outcome (the operator handling it)."""
    alarm = Alarm.objects.select_related("taken_by").get(pk=alarm.pk)
    _require_handling(actor, alarm)
    if outcome not in dict(OPERATOR_OUTCOMES):
        raise ValidationError({"outcome": _("Wybierz wynik z listy.")})
    if outcome == Outcome.OTHER and not note.strip():
        raise ValidationError({"note": _("Przy wyniku „inne” opisz, jak zakończono alarm.")})
    at = at or timezone.now()
    if at < alarm.raised_at:
        raise ValidationError({"closed_at": _("Alarm nie może być zamknięty przed zgłoszeniem.")})
    with transaction.atomic():
        done = Alarm.objects.filter(pk=alarm.pk, status=AlarmStatus.TAKEN, taken_by=actor).update(
            status=AlarmStatus.CLOSED,
            closed_by=actor,
            closed_at=at,
            outcome=outcome,
            outcome_note=note.strip(),
            updated_at=timezone.now(),
        )
        if not done:
            raise Conflict(
                _("Alarmu #%(id)s nie można zamknąć: zmienił się jego stan, odśwież stronę.") % {"id": alarm.pk}
            )
        alarm.refresh_from_db()
        audit.record(
            actor=actor,
            action="update",
            instance=alarm,
            changes={"status": [AlarmStatus.TAKEN, AlarmStatus.CLOSED], "outcome": ["", outcome]},
            note=_("Zamknięcie alarmu."),
        )
    return alarm


@transaction.atomic
def task_done(*, actor, task: Task) -> Task:
    if not (
        tenancy.has_perm(actor, OPERATE, task.organisation_id) or tenancy.has_perm(actor, MANAGE, task.organisation_id)
    ):
        raise NotAllowed(_("Zadania teleopieki zamykają operatorzy i koordynatorzy."))
    if task.status == TaskStatus.DONE:
        raise Conflict(_("To zadanie jest już zrobione."))
    return update_object(
        actor=actor, instance=task, data={"status": TaskStatus.DONE, "done_at": timezone.now(), "done_by": actor}
    )


@transaction.atomic
def notification_acknowledge(*, actor, notification: Notification) -> Notification:
    if not (
        tenancy.has_perm(actor, OPERATE, notification.organisation_id)
        or tenancy.has_perm(actor, MANAGE, notification.organisation_id)
    ):
        raise NotAllowed(_("Powiadomienie odbiera przełożony lub operator."))
    if notification.acknowledged_at:
        return notification
    return update_object(
        actor=actor, instance=notification, data={"acknowledged_at": timezone.now(), "acknowledged_by": actor}
    )


# --- Timers ---------------------------------------------------------------------------------


@dataclass
class TimerReport:
    escalated: list[int] = field(default_factory=list)
    offline_alarms: list[int] = field(default_factory=list)
    battery_tasks: int = 0


def _escalate(org_id: int, settings_row: TelecareSettings, now: dt.datetime) -> list[int]:
    cutoff = now - dt.timedelta(seconds=settings_row.escalate_after_seconds)
    with transaction.atomic():
        alarms = list(
            Alarm.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(organisation_id=org_id, status=AlarmStatus.OPEN, escalated=False, raised_at__lte=cutoff)
            .select_related("person")
        )
        if not alarms:
            return []
        ids = [alarm.pk for alarm in alarms]
        Alarm.objects.filter(pk__in=ids).update(escalated=True, escalated_at=now, updated_at=now)
        supervisor = settings_row.supervisor if settings_row.pk else None
        notes = []
        for alarm in alarms:
            waited = int((now - alarm.raised_at).total_seconds())
            message = _("Alarm %(kind)s #%(id)s (%(who)s) czeka %(s)s s bez operatora (limit %(limit)s s).") % {
                "kind": alarm.get_kind_display(),
                "id": alarm.pk,
                "who": alarm.person or alarm.device_id,
                "s": waited,
                "limit": settings_row.escalate_after_seconds,
            }
            notes.append(
                Notification(
                    organisation_id=org_id,
                    kind=NotificationKind.ESCALATION,
                    alarm=alarm,
                    recipient=supervisor,
                    recipient_role="" if supervisor else Role.COORDINATOR,
                    message=message[:300],
                )
            )
            audit.record(
                actor=TIMER_ACTOR,
                action="update",
                instance=alarm,
                changes={"escalated": [False, True]},
                note=message,
            )
        Notification.objects.bulk_create(notes, ignore_conflicts=True)
    logger.warning("Escalated %d alarm(s) of organisation %s to the supervisor", len(ids), org_id)
    return ids


def _raise_offline(org_id: int, settings_row: TelecareSettings, now: dt.datetime) -> list[int]:
    cutoff = now - dt.timedelta(minutes=settings_row.offline_after_minutes)
    with transaction.atomic():
        devices = list(
            Device.objects.select_for_update(skip_locked=True)
            .filter(organisation_id=org_id, is_active=True, offline_since__isnull=True)
            .annotate(seen=Coalesce("last_seen_at", "created_at"))
            .filter(seen__lte=cutoff)
        )
        if not devices:
            return []
        Device.objects.filter(pk__in=[d.pk for d in devices]).update(offline_since=now, updated_at=now)
        # A device whose earlier "offline" alarm an operator still handles gets no second one.
        pending = set(
            Alarm.objects.filter(device__in=devices, kind=AlarmKind.OFFLINE)
            .exclude(status=AlarmStatus.CLOSED)
            .values_list("device_id", flat=True)
        )
        alarms = Alarm.objects.bulk_create(
            [
                Alarm(
                    organisation_id=org_id,
                    kind=AlarmKind.OFFLINE,
                    priority=rules.priority_for(AlarmKind.OFFLINE),
                    status=AlarmStatus.OPEN,
                    device=device,
                    person_id=device.person_id,
                    raised_at=now,
                )
                for device in devices
                if device.pk not in pending
            ]
        )
    logger.warning(
        "%d device(s) of organisation %s silent for %s min", len(devices), org_id, settings_row.offline_after_minutes
    )
    return [alarm.pk for alarm in alarms]


def _battery_tasks(org_id: int, settings_row: TelecareSettings) -> int:
    open_task = Task.objects.filter(device=OuterRef("pk"), kind=TaskKind.LOW_BATTERY, status=TaskStatus.OPEN)
    devices = Device.objects.filter(
        organisation_id=org_id, is_active=True, battery__lte=settings_row.low_battery_percent
    ).filter(~Exists(open_task))
    tasks = [
        Task(
            organisation_id=org_id,
            kind=TaskKind.LOW_BATTERY,
            device=device,
            person_id=device.person_id,
            title=_("Naładuj lub wymień baterię urządzenia %(serial)s%(level)s")
            % {"serial": device.serial, "level": f" ({device.battery}%)"},
        )
        for device in devices
    ]
    if tasks:
        Task.objects.bulk_create(tasks, ignore_conflicts=True)
    return len(tasks)


def run_timers(now: dt.datetime | None = None) -> TimerReport:
    """Escalate alarms nobody took in time, raise "device offline" for silent devices (once per
    silence), open battery tasks. Run by ``telecare_worker`` every few seconds; safe to run from
    several processes (rows are claimed with ``SKIP LOCKED``)."""
    now = now or timezone.now()
    report = TimerReport()
    org_ids = set(Device.objects.filter(is_active=True).values_list("organisation_id", flat=True).distinct())
    org_ids |= set(
        Alarm.objects.filter(status=AlarmStatus.OPEN, escalated=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    thresholds = settings_for(org_ids)
    if thresholds:
        # Supervisors of saved settings, in one query.
        saved = {
            s.organisation_id: s
            for s in TelecareSettings.objects.filter(organisation_id__in=org_ids).select_related("supervisor")
        }
        thresholds.update(saved)
    for org_id in sorted(org_ids):
        report.escalated += _escalate(org_id, thresholds[org_id], now)
        report.offline_alarms += _raise_offline(org_id, thresholds[org_id], now)
        report.battery_tasks += _battery_tasks(org_id, thresholds[org_id])
    return report
