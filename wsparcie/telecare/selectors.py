"""Reads of telecare data, always narrowed through ``wsparcie.core.tenancy``.

Permissions: ``telecare.view`` (desk, alarms, cards without the door code, devices, statistics),
``telecare.operate`` (take and handle alarms), ``telecare.manage`` (devices, cards, settings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wsparcie.core import tenancy
from wsparcie.enrolment.choices import ApplicationStatus
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.telecare.choices import AlarmKind, AlarmStatus, Outcome, TaskStatus
from wsparcie.telecare.models import (
    DEFAULT_ESCALATE_AFTER_SECONDS,
    DEFAULT_LOW_BATTERY_PERCENT,
    DEFAULT_OFFLINE_AFTER_MINUTES,
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

VIEW = "telecare.view"
OPERATE = "telecare.operate"
MANAGE = "telecare.manage"


# --- Settings ------------------------------------------------------------------------------


def default_settings(organisation_id: int) -> TelecareSettings:
    """The thresholds an organisation has until it saves its own (from ``TELECARE_*`` settings)."""
    return TelecareSettings(
        organisation_id=organisation_id,
        escalate_after_seconds=getattr(
            django_settings, "TELECARE_ESCALATE_AFTER_SECONDS", DEFAULT_ESCALATE_AFTER_SECONDS
        ),
        offline_after_minutes=getattr(django_settings, "TELECARE_OFFLINE_AFTER_MINUTES", DEFAULT_OFFLINE_AFTER_MINUTES),
        low_battery_percent=getattr(django_settings, "TELECARE_LOW_BATTERY_PERCENT", DEFAULT_LOW_BATTERY_PERCENT),
    )


def settings_for(organisation_ids: list[int] | set[int]) -> dict[int, TelecareSettings]:
    """organisation id -> its settings (saved, or the defaults)."""
    found = {s.organisation_id: s for s in TelecareSettings.objects.filter(organisation_id__in=list(organisation_ids))}
    return {org_id: found.get(org_id) or default_settings(org_id) for org_id in organisation_ids}


def settings_get_for_user(user, organisation) -> TelecareSettings:
    tenancy.require_perm(user, MANAGE, organisation)
    return settings_for([organisation.pk])[organisation.pk]


# --- Devices and cards ---------------------------------------------------------------------


def devices_for_user(user, perm: str = VIEW) -> QuerySet[Device]:
    return tenancy.scope(Device.objects.select_related("person", "organisation"), user, perm)


def device_get_for_user(user, pk: int, perm: str = VIEW) -> Device:
    return tenancy.get_for_user(Device.objects.select_related("person", "organisation"), user, perm, pk=pk)


def device_assignments(device: Device) -> QuerySet[DeviceAssignment]:
    return device.assignments.select_related("person").order_by("-valid_from")


def device_recent_events(device: Device, limit: int = 20) -> list[Event]:
    return list(device.events.order_by("-received_at", "-id")[:limit])


def person_get_for_user(user, pk, perm: str = MANAGE) -> Person:
    """A person a telecare manager may equip with a device or a card (404 otherwise)."""
    return tenancy.get_for_user(Person.objects.all(), user, perm, pk=pk)


def persons_for_user(user, perm: str = MANAGE) -> QuerySet[Person]:
    return tenancy.scope(Person.objects.all(), user, perm)


def cards_for_user(user, perm: str = VIEW) -> QuerySet[Card]:
    return tenancy.scope(
        Card.objects.select_related("person").annotate(contact_count=Count("contacts")), user, perm
    ).order_by("person__last_name", "person__first_name")


def card_get_for_user(user, person_pk: int, perm: str = VIEW) -> Card:
    return tenancy.get_for_user(
        Card.objects.select_related("person", "organisation").prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.order_by("position"))
        ),
        user,
        perm,
        person_id=person_pk,
    )


def card_for_person(person: Person) -> Card | None:
    return (
        Card.objects.filter(person=person)
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("position")))
        .first()
    )


def contact_get_for_user(user, pk: int, perm: str = MANAGE) -> Contact:
    return tenancy.get_for_user(Contact.objects.select_related("card", "card__person"), user, perm, pk=pk)


def participations(person: Person) -> list[Application]:
    """The person's current enrolments (status "enrolled"): what makes them a participant."""
    return list(
        Application.objects.filter(person=person, status=ApplicationStatus.ENROLLED).select_related("programme")
    )


# --- Alarms, the desk -----------------------------------------------------------------------


def alarms_for_user(user, perm: str = VIEW) -> QuerySet[Alarm]:
    return tenancy.scope(Alarm.objects.select_related("person", "device", "taken_by", "event"), user, perm)


def alarm_get_for_user(user, pk: int, perm: str = VIEW) -> Alarm:
    return tenancy.get_for_user(
        Alarm.objects.select_related("person", "device", "taken_by", "closed_by", "event", "organisation"),
        user,
        perm,
        pk=pk,
    )


def alarm_actions(alarm: Alarm) -> QuerySet[AlarmAction]:
    return alarm.actions.select_related("actor", "contact").order_by("at", "id")


def desk_queue(user) -> list[Alarm]:
    """Alarms still to be answered, most urgent first, then the longest waiting."""
    return list(
        alarms_for_user(user)
        .exclude(status=AlarmStatus.CLOSED)
        .annotate(has_card=Exists(Card.objects.filter(person_id=OuterRef("person_id"))))
        .order_by("priority", "raised_at", "id")
    )


def desk_tasks(user) -> QuerySet[Task]:
    return tenancy.scope(Task.objects.select_related("device", "person"), user, VIEW).filter(status=TaskStatus.OPEN)


def desk_notifications(user) -> QuerySet[Notification]:
    return tenancy.scope(Notification.objects.select_related("alarm", "alarm__person", "recipient"), user, VIEW).filter(
        acknowledged_at__isnull=True
    )


def notification_get_for_user(user, pk: int) -> Notification:
    return tenancy.get_for_user(Notification.objects.all(), user, VIEW, pk=pk)


def task_get_for_user(user, pk: int) -> Task:
    return tenancy.get_for_user(Task.objects.all(), user, VIEW, pk=pk)


def desk_version(organisation_ids: list[int]) -> str:
    """Changes whenever anything on the desk changes (one query, used by the live stream)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT (SELECT coalesce(max(id), 0) FROM {Alarm._meta.db_table} WHERE organisation_id = ANY(%(orgs)s)),
                   (SELECT max(updated_at) FROM {Alarm._meta.db_table} WHERE organisation_id = ANY(%(orgs)s)),
                   (SELECT max(updated_at) FROM {Task._meta.db_table} WHERE organisation_id = ANY(%(orgs)s)),
                   (SELECT max(updated_at) FROM {Notification._meta.db_table} WHERE organisation_id = ANY(%(orgs)s))
            """,
            {"orgs": list(organisation_ids)},
        )
        row = cursor.fetchone()
    return "|".join(
        "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value)) for value in row
    )


def alarms_after(organisation_ids: list[int], last_id: int, limit: int = 200) -> list[dict]:
    """Alarms raised after ``last_id`` (the live stream's "new alarm" signal)."""
    rows = (
        Alarm.objects.filter(organisation_id__in=organisation_ids, pk__gt=last_id)
        .order_by("pk")
        .values("pk", "kind", "priority", "status", "event__event_id", "person__first_name", "person__last_name")[
            :limit
        ]
    )
    return [
        {
            "id": row["pk"],
            "kind": row["kind"],
            "kind_label": str(AlarmKind(row["kind"]).label),
            "priority": row["priority"],
            "status": row["status"],
            "event_id": row["event__event_id"],
            "person": " ".join(filter(None, [row["person__first_name"], row["person__last_name"]])),
        }
        for row in rows
    ]


def last_alarm_id(organisation_ids: list[int]) -> int:
    return (
        Alarm.objects.filter(organisation_id__in=organisation_ids).order_by("-pk").values_list("pk", flat=True).first()
        or 0
    )


# --- Statistics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | None) -> Month:
        """``"2024-05"`` -> Month; ``None`` -> the current month (Europe/Warsaw). ValueError otherwise."""
        if not text:
            today = timezone.localdate()
            return cls(today.year, today.month)
        year, _sep, month = text.partition("-")
        if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit() and 1 <= int(month) <= 12):
            raise ValueError(text)
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime(self.year, self.month, 1))

    @property
    def end(self) -> dt.datetime:
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


def _stats_sql(group_by_person: bool) -> str:
    table = Alarm._meta.db_table
    person_cols = "a.person_id, p.first_name, p.last_name," if group_by_person else ""
    person_join = f"LEFT JOIN {Person._meta.db_table} p ON p.id = a.person_id" if group_by_person else ""
    group = (
        "GROUP BY a.person_id, p.first_name, p.last_name ORDER BY count(*) DESC, p.last_name, p.first_name"
        if group_by_person
        else ""
    )
    return f"""
        SELECT {person_cols}
               count(*) AS alarms,
               count(*) FILTER (WHERE a.kind = 'sos') AS sos,
               count(*) FILTER (WHERE a.kind = 'fall') AS fall,
               count(*) FILTER (WHERE a.kind = 'removed') AS removed,
               count(*) FILTER (WHERE a.kind = 'geofence') AS geofence,
               count(*) FILTER (WHERE a.kind = 'offline') AS offline,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.taken_at - a.raised_at))
                   FILTER (WHERE a.taken_at IS NOT NULL) AS take_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.taken_at - a.raised_at))
                   FILTER (WHERE a.taken_at IS NOT NULL) AS take_p90,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.closed_at - a.raised_at))
                   FILTER (WHERE a.closed_at IS NOT NULL) AS close_median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM a.closed_at - a.raised_at))
                   FILTER (WHERE a.closed_at IS NOT NULL) AS close_p90,
               count(*) FILTER (WHERE a.status = 'closed' AND a.kind <> 'offline') AS closed_care,
               count(*) FILTER (WHERE a.outcome = '{Outcome.FALSE_ALARM}' AND a.kind <> 'offline') AS false_alarms
          FROM {table} a {person_join}
         WHERE a.organisation_id = ANY(%(orgs)s) AND a.raised_at >= %(start)s AND a.raised_at < %(end)s
         {group}
    """


def _stats_row(row: dict) -> dict:
    def seconds(value):
        return None if value is None else round(float(value), 1)

    return {
        "alarms": row["alarms"],
        "by_type": {kind: row[kind] for kind in AlarmKind.values},
        "time_to_take": {"median": seconds(row["take_median"]), "p90": seconds(row["take_p90"])},
        "time_to_close": {"median": seconds(row["close_median"]), "p90": seconds(row["close_p90"])},
        "false_alarms": row["false_alarms"],
        "false_alarm_share": None if not row["closed_care"] else round(row["false_alarms"] / row["closed_care"], 4),
    }


def alarm_stats(organisation_ids: list[int], month: Month) -> dict:
    """One month's alarms: counts by type, time to take and to close (median and 90th percentile,
    ``percentile_cont`` in PostgreSQL, seconds from ``raised_at``), and the share of false alarms
    among closed care alarms (technical "offline" alarms are left out of that share); the same per
    senior."""
    params = {"orgs": list(organisation_ids), "start": month.start, "end": month.end}
    with connection.cursor() as cursor:
        cursor.execute(_stats_sql(False), params)
        columns = [c.name for c in cursor.description]
        total = dict(zip(columns, cursor.fetchone(), strict=True))
        cursor.execute(_stats_sql(True), params)
        columns = [c.name for c in cursor.description]
        per_person = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    seniors = []
    for row in per_person:
        name = " ".join(filter(None, [row["first_name"], row["last_name"]])) or "—"
        seniors.append({"person": row["person_id"], "name": name, **_stats_row(row)})
    return {"month": str(month), **_stats_row(total), "seniors": seniors}


def alarm_trend(organisation_ids: list[int], last: Month, months: int = 12) -> list[dict]:
    """Alarms per month for the ``months`` months ending with ``last`` (for the trend chart)."""
    first = last
    for _ in range(months - 1):
        first = first.previous()
    rows = (
        Alarm.objects.filter(organisation_id__in=organisation_ids, raised_at__gte=first.start, raised_at__lt=last.end)
        .exclude(kind=AlarmKind.OFFLINE)
        .annotate(month=TruncMonth("raised_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(alarms=Count("id"), false_alarms=Count("id", filter=Q(outcome=Outcome.FALSE_ALARM)))
    )
    counts = {row["month"].strftime("%Y-%m"): row for row in rows}
    result, month = [], first
    for _ in range(months):
        row = counts.get(str(month), {"alarms": 0, "false_alarms": 0})
        result.append({"month": str(month), "alarms": row["alarms"], "false_alarms": row["false_alarms"]})
        month = month.next()
    return result
