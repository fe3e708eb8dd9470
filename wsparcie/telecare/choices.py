from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceKind(models.TextChoices):
    WRISTBAND = "wristband", _("opaska na rękę")
    PENDANT = "pendant", _("wisiorek")
    HOME_UNIT = "home_unit", _("urządzenie domowe")


class Capability(models.TextChoices):
    SOS = "sos", _("przycisk SOS")
    FALL = "fall", _("wykrywanie upadku")
    REMOVAL = "removal", _("czujnik zdjęcia opaski")
    LOCATION = "location", _("lokalizacja")
    TWO_WAY_VOICE = "two_way_voice", _("rozmowa głosowa")
    PULSE = "pulse", _("pomiar tętna")


class EventType(models.TextChoices):
    SOS = "sos", _("SOS")
    FALL = "fall", _("upadek")
    REMOVED = "removed", _("zdjęcie opaski")
    LOW_BATTERY = "low_battery", _("słaba bateria")
    GEOFENCE = "geofence", _("wyjście poza bezpieczną strefę")
    HEARTBEAT = "heartbeat", _("sygnał życia urządzenia")
    TEST = "test", _("test")


class Channel(models.TextChoices):
    HTTP = "http", _("HTTP")
    MQTT = "mqtt", _("MQTT")
    DEMO = "demo", _("dane demonstracyjne")


class AlarmKind(models.TextChoices):
    SOS = "sos", _("SOS")
    FALL = "fall", _("upadek")
    REMOVED = "removed", _("zdjęcie opaski")
    GEOFENCE = "geofence", _("wyjście poza bezpieczną strefę")
    OFFLINE = "offline", _("urządzenie nie odpowiada")


class AlarmStatus(models.TextChoices):
    OPEN = "open", _("czeka na operatora")
    TAKEN = "taken", _("w obsłudze")
    CLOSED = "closed", _("zamknięty")


class ActionKind(models.TextChoices):
    CALLED_SENIOR = "called_senior", _("telefon do seniora")
    CALLED_CONTACT = "called_contact", _("telefon do osoby kontaktowej")
    CALLED_112 = "called_112", _("wezwanie 112")
    SENT_SOCIAL_WORKER = "sent_social_worker", _("wysłanie pracownika socjalnego")
    NOTE = "note", _("notatka")


class Outcome(models.TextChoices):
    FALSE_ALARM = "false_alarm", _("fałszywy alarm")
    HELP_BY_PHONE = "help_by_phone", _("pomoc udzielona telefonicznie")
    FAMILY_CAME = "family_came", _("przyjechała rodzina / sąsiad")
    AMBULANCE = "ambulance", _("pogotowie ratunkowe")
    SOCIAL_WORKER_VISIT = "social_worker_visit", _("wizyta pracownika socjalnego")
    BACK_ONLINE = "back_online", _("urządzenie znów nadaje")
    OTHER = "other", _("inne")


#: Outcomes an operator may choose when closing (``back_online`` is set by the system).
OPERATOR_OUTCOMES = [choice for choice in Outcome.choices if choice[0] != Outcome.BACK_ONLINE]


class ContactKind(models.TextChoices):
    RELATIVE = "relative", _("członek rodziny")
    NEIGHBOUR = "neighbour", _("sąsiad")
    SOCIAL_WORKER = "social_worker", _("pracownik socjalny")
    OTHER = "other", _("inna osoba")


class TaskKind(models.TextChoices):
    LOW_BATTERY = "low_battery", _("naładowanie / wymiana baterii")
    OTHER = "other", _("inne")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("do zrobienia")
    DONE = "done", _("zrobione")


class NotificationKind(models.TextChoices):
    ESCALATION = "escalation", _("alarm nieprzyjęty na czas")
