"""Telecare (teleopieka, Korpus Wsparcia Seniorów moduł II): safety devices, the senior's card,
the events the devices send, the alarms an operator answers, and what the timers raise.

Flow: a device sends an :class:`Event` (HTTP or MQTT); SOS, fall, removal and geofence events
raise an :class:`Alarm`; low battery opens a :class:`Task`; heartbeats keep ``Device.last_seen_at``
fresh. The timers (``services.run_timers``) escalate alarms nobody took (:class:`Notification`)
and raise "device offline" alarms. Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.telecare.choices import (
    ActionKind,
    AlarmKind,
    AlarmStatus,
    Capability,
    Channel,
    ContactKind,
    DeviceKind,
    EventType,
    NotificationKind,
    Outcome,
    TaskKind,
    TaskStatus,
)

DEFAULT_ESCALATE_AFTER_SECONDS = 60
DEFAULT_OFFLINE_AFTER_MINUTES = 30
DEFAULT_LOW_BATTERY_PERCENT = 20


class DateRange(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class TelecareSettings(TenantModel):
    """The desk's thresholds for one organisation (defaults from the ``TELECARE_*`` settings)."""

    escalate_after_seconds = models.PositiveIntegerField(
        _("eskalacja po (sekundach)"),
        default=DEFAULT_ESCALATE_AFTER_SECONDS,
        help_text=_("Alarm, którego nikt nie przyjął w tym czasie, trafia do przełożonego."),
    )
    offline_after_minutes = models.PositiveIntegerField(
        _("brak sygnału życia po (minutach)"),
        default=DEFAULT_OFFLINE_AFTER_MINUTES,
        help_text=_("Urządzenie bez żadnego sygnału przez ten czas wywołuje alarm techniczny."),
    )
    low_battery_percent = models.PositiveSmallIntegerField(
        _("próg słabej baterii (%)"),
        default=DEFAULT_LOW_BATTERY_PERCENT,
        help_text=_("Odczyt baterii na tym poziomie lub niżej tworzy zadanie."),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("przełożony dyżuru"),
        help_text=_("Dostaje powiadomienia o eskalacji; puste: koordynatorzy organizacji."),
    )

    class Meta:
        verbose_name = _("ustawienia teleopieki")
        verbose_name_plural = _("ustawienia teleopieki")
        ordering = ["organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="telecare_settings_one_per_org"),
            models.CheckConstraint(
                condition=Q(escalate_after_seconds__gte=10),
                name="telecare_settings_escalate_min",
                violation_error_message=_("Eskalacja nie wcześniej niż po 10 sekundach."),
            ),
            models.CheckConstraint(
                condition=Q(offline_after_minutes__gte=1),
                name="telecare_settings_offline_min",
                violation_error_message=_("Brak sygnału: co najmniej 1 minuta."),
            ),
            models.CheckConstraint(
                condition=Q(low_battery_percent__lte=100),
                name="telecare_settings_battery_range",
                violation_error_message=_("Próg baterii to 0–100%."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Ustawienia teleopieki (%(id)s)") % {"id": self.organisation_id}


class Device(TenantModel):
    """A safety wristband, pendant or home unit with its own credential.

    ``token_hash`` is the SHA-256 of the device's token (the token is shown once, at
    registration); ``password`` is the same token hashed in Mosquitto's password-file format
    (PBKDF2-SHA512, ``$7$``), so ``telecare_sync_broker`` can write the broker's file without
    ever knowing the token. Both names are redacted in the audit trail.
    """

    serial = models.CharField(
        _("numer seryjny / IMEI"),
        max_length=64,
        unique=True,
        help_text=_("Litery, cyfry, kropka, myślnik, podkreślenie (jest częścią tematu MQTT)."),
    )
    kind = models.CharField(_("rodzaj"), max_length=16, choices=DeviceKind.choices, default=DeviceKind.WRISTBAND)
    model = models.CharField(_("model"), max_length=100)
    capabilities = ArrayField(
        models.CharField(max_length=16, choices=Capability.choices),
        default=list,
        blank=True,
        verbose_name=_("funkcje"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="telecare_devices",
        verbose_name=_("obecnie u osoby"),
    )
    is_active = models.BooleanField(_("aktywne"), default=True)
    token_hash = models.CharField(_("skrót tokenu"), max_length=64, unique=True, editable=False)
    password = models.CharField(_("hasło brokera MQTT (skrót)"), max_length=200, editable=False)
    last_seen_at = models.DateTimeField(_("ostatni sygnał"), null=True, blank=True)
    battery = models.PositiveSmallIntegerField(_("bateria (%)"), null=True, blank=True)
    offline_since = models.DateTimeField(_("bez sygnału od"), null=True, blank=True)

    class Meta:
        verbose_name = _("urządzenie teleopieki")
        verbose_name_plural = _("urządzenia teleopieki")
        ordering = ["serial"]
        constraints = [
            models.CheckConstraint(
                condition=Q(serial__regex=r"^[A-Za-z0-9._-]{3,64}$"),
                name="device_serial_format",
                violation_error_message=_(
                    "Numer seryjny: 3–64 znaki, tylko litery, cyfry, kropka, myślnik i podkreślenie."
                ),
            ),
            models.CheckConstraint(
                condition=Q(battery__isnull=True) | Q(battery__lte=100),
                name="device_battery_range",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "is_active"], name="device_org_active")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial}"

    @property
    def capability_labels(self) -> list[str]:
        return [str(Capability(c).label) for c in self.capabilities if c in Capability.values]


class DeviceAssignment(TenantModel):
    """Who had a device and when (the device's history); periods of one device never overlap."""

    device = models.ForeignKey(
        Device, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("urządzenie")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="telecare_assignments", verbose_name=_("osoba")
    )
    valid_from = models.DateField(_("od"))
    valid_to = models.DateField(_("do"), null=True, blank=True, help_text=_("Puste: nadal u tej osoby."))

    class Meta:
        verbose_name = _("przydział urządzenia")
        verbose_name_plural = _("przydziały urządzeń")
        ordering = ["device", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="assignment_dates_order",
                violation_error_message=_("Data końca przydziału nie może być wcześniejsza niż data początku."),
            ),
            ExclusionConstraint(
                name="assignment_no_overlap",
                expressions=[
                    (
                        DateRange("valid_from", "valid_to", RangeBoundary(inclusive_lower=True, inclusive_upper=True)),
                        RangeOperators.OVERLAPS,
                    ),
                    ("device", RangeOperators.EQUAL),
                ],
                violation_error_message=_("To urządzenie jest w tym okresie przydzielone innej osobie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device.serial} → {self.person} ({self.valid_from}–{self.valid_to or ''})"


class Card(TenantModel):
    """The senior's telecare card: where they live, how to get in, what a rescuer must know.

    ``door_code`` (door or key-safe code) is stored encrypted (``credentials.encrypt``) and shown
    only to the operator handling an alarm, each time with an audit entry.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="telecare_card", verbose_name=_("senior")
    )
    address = models.CharField(
        _("adres"), max_length=300, help_text=_("Ulica, numer domu i mieszkania, piętro, miejscowość.")
    )
    access_notes = models.TextField(
        _("jak wejść"), blank=True, help_text=_("Np. sejf na klucze przy drzwiach, klucz u sąsiadki spod 5, domofon.")
    )
    has_key_safe = models.BooleanField(_("sejf na klucze"), default=False)
    door_code = models.TextField(_("kod do drzwi / sejfu (zaszyfrowany)"), blank=True, editable=False)
    health_notes = models.TextField(
        _("informacje dla ratowników"), blank=True, help_text=_("Choroby, leki, alergie, ograniczenia ruchowe.")
    )
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("karta teleopieki")
        verbose_name_plural = _("karty teleopieki")
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self) -> str:
        return gettext("Karta teleopieki: %(person)s") % {"person": self.person}

    @property
    def has_door_code(self) -> bool:
        return bool(self.door_code)


class Contact(TenantModel):
    """A person to call, in escalation order (1 first)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("karta"))
    position = models.PositiveSmallIntegerField(_("kolejność"))
    name = models.CharField(_("imię i nazwisko"), max_length=200)
    kind = models.CharField(_("kto to"), max_length=16, choices=ContactKind.choices)
    relation = models.CharField(_("pokrewieństwo / opis"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=50)
    phone_alt = models.CharField(_("drugi telefon"), max_length=50, blank=True)
    notes = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("osoba kontaktowa")
        verbose_name_plural = _("osoby kontaktowe")
        ordering = ["card", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["card", "position"],
                name="contact_unique_position",
                violation_error_message=_("Na tej karcie jest już osoba kontaktowa z tym numerem kolejności."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="contact_position_positive",
                violation_error_message=_("Kolejność od 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name} ({self.get_kind_display()}) {self.phone}"


class Event(TenantModel):
    """One message from a device, stored once per ``(device, event_id)`` before it is acknowledged."""

    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="events", verbose_name=_("urządzenie"))
    event_id = models.CharField(_("identyfikator zdarzenia"), max_length=64)
    type = models.CharField(_("rodzaj"), max_length=16, choices=EventType.choices)
    occurred_at = models.DateTimeField(_("wystąpiło"))
    received_at = models.DateTimeField(_("odebrano"))
    location = models.JSONField(_("lokalizacja"), null=True, blank=True)
    battery = models.PositiveSmallIntegerField(_("bateria (%)"), null=True, blank=True)
    channel = models.CharField(_("kanał"), max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("zdarzenie z urządzenia")
        verbose_name_plural = _("zdarzenia z urządzeń")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["device", "event_id"],
                name="event_unique_per_device",
                violation_error_message=_("To zdarzenie zostało już zapisane."),
            )
        ]
        indexes = [models.Index(fields=["device", "-received_at"], name="event_device_time")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.event_id}"


class Alarm(TenantModel):
    """Something an operator must answer: SOS, fall, removal, geofence, or a silent device.

    Priority 1 is the most urgent (SOS, fall). ``raised_at`` is when the desk learned of it; the
    waiting time and the statistics count from there.
    """

    kind = models.CharField(_("rodzaj"), max_length=16, choices=AlarmKind.choices)
    priority = models.PositiveSmallIntegerField(_("priorytet"), help_text=_("1 – najpilniejszy."))
    status = models.CharField(_("status"), max_length=8, choices=AlarmStatus.choices, default=AlarmStatus.OPEN)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="alarms", verbose_name=_("urządzenie"))
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="telecare_alarms",
        verbose_name=_("senior"),
    )
    event = models.OneToOneField(
        Event, on_delete=models.PROTECT, null=True, blank=True, related_name="alarm", verbose_name=_("zdarzenie")
    )
    location = models.JSONField(_("lokalizacja"), null=True, blank=True)
    raised_at = models.DateTimeField(_("zgłoszono"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("przyjął"),
    )
    taken_at = models.DateTimeField(_("przyjęto"), null=True, blank=True)
    escalated = models.BooleanField(_("eskalowany"), default=False)
    escalated_at = models.DateTimeField(_("eskalowano"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zamknął"),
    )
    closed_at = models.DateTimeField(_("zamknięto"), null=True, blank=True)
    outcome = models.CharField(_("wynik"), max_length=24, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("opis zakończenia"), blank=True)

    class Meta:
        verbose_name = _("alarm")
        verbose_name_plural = _("alarmy")
        ordering = ["priority", "raised_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", taken_by__isnull=True, closed_at__isnull=True)
                | Q(status="taken", taken_by__isnull=False, taken_at__isnull=False, closed_at__isnull=True)
                | Q(status="closed", closed_at__isnull=False) & ~Q(outcome=""),
                name="alarm_status_consistent",
                violation_error_message=_("Stan alarmu jest niespójny (przyjęcie, zamknięcie i wynik)."),
            ),
            models.CheckConstraint(
                condition=Q(escalated=False) | Q(escalated_at__isnull=False),
                name="alarm_escalation_dated",
            ),
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(kind="offline") & ~Q(status="closed"),
                name="alarm_one_offline_per_device",
                violation_error_message=_("To urządzenie ma już otwarty alarm braku sygnału."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "priority", "raised_at"], name="alarm_desk_queue"),
            models.Index(fields=["organisation", "raised_at"], name="alarm_org_raised"),
            models.Index(fields=["organisation", "-updated_at"], name="alarm_org_updated"),
        ]

    def __str__(self) -> str:
        return gettext("Alarm %(kind)s #%(id)s") % {"kind": self.get_kind_display(), "id": self.pk}

    @property
    def is_closed(self) -> bool:
        return self.status == AlarmStatus.CLOSED


class AlarmAction(TenantModel):
    """One thing the operator did while handling an alarm."""

    alarm = models.ForeignKey(Alarm, on_delete=models.CASCADE, related_name="actions", verbose_name=_("alarm"))
    kind = models.CharField(_("czynność"), max_length=24, choices=ActionKind.choices)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("osoba kontaktowa")
    )
    contact_label = models.CharField(_("do kogo"), max_length=250, blank=True)
    note = models.TextField(_("notatka"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("operator"),
    )
    at = models.DateTimeField(_("kiedy"))

    class Meta:
        verbose_name = _("czynność przy alarmie")
        verbose_name_plural = _("czynności przy alarmie")
        ordering = ["alarm", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.contact_label}".strip()


class Task(TenantModel):
    """Work for the telecare team outside an alarm, e.g. a battery to charge or replace."""

    kind = models.CharField(_("rodzaj"), max_length=16, choices=TaskKind.choices)
    status = models.CharField(_("status"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", verbose_name=_("urządzenie")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="telecare_tasks",
        verbose_name=_("senior"),
    )
    title = models.CharField(_("zadanie"), max_length=250)
    done_at = models.DateTimeField(_("zrobiono"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zrobił"),
    )

    class Meta:
        verbose_name = _("zadanie teleopieki")
        verbose_name_plural = _("zadania teleopieki")
        ordering = ["status", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["device", "kind"],
                condition=Q(status="open", kind="low_battery"),
                name="task_one_open_low_battery",
                violation_error_message=_("To urządzenie ma już otwarte zadanie wymiany baterii."),
            ),
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True) | Q(status="done", done_at__isnull=False),
                name="task_done_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Notification(TenantModel):
    """A record that someone was told: an alarm escalated to the desk's supervisor."""

    kind = models.CharField(_("rodzaj"), max_length=16, choices=NotificationKind.choices)
    alarm = models.ForeignKey(Alarm, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("alarm"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adresat"),
    )
    recipient_role = models.CharField(_("rola adresata"), max_length=32, blank=True)
    message = models.CharField(_("treść"), max_length=300)
    acknowledged_at = models.DateTimeField(_("odebrano"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("odebrał"),
    )

    class Meta:
        verbose_name = _("powiadomienie")
        verbose_name_plural = _("powiadomienia")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alarm", "kind"],
                name="notification_once_per_alarm",
                violation_error_message=_("Już powiadomiono."),
            )
        ]

    def __str__(self) -> str:
        return self.message
