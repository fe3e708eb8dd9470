"""Pure telecare rules: what a valid event is, what it raises, how urgent, and the broker files.

No ORM here: each function takes plain data and returns plain data or raises
:class:`EventRejected` with the field at fault and a Polish reason (logged by the MQTT listener,
returned as 400 by the HTTP intake).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from wsparcie.telecare.choices import AlarmKind, EventType

SERIAL_RE = re.compile(r"^[A-Za-z0-9._-]{3,64}$")
EVENT_ID_RE = re.compile(r"^[\x21-\x7e]{1,64}$")  # printable ASCII, no spaces
TOPIC_PREFIX = "wsparcie/telecare/"
TOPIC_SUFFIX = "/events"
#: Subscription of the listener: every device's events.
TOPIC_FILTER = f"{TOPIC_PREFIX}+{TOPIC_SUFFIX}"
#: A device's clock may run ahead this much; anything later is refused as "in the future".
DEFAULT_MAX_FUTURE_SECONDS = 300

#: Event types that raise an alarm, and the alarm's priority (1 = most urgent).
ALARM_FOR_EVENT: dict[str, str] = {
    EventType.SOS: AlarmKind.SOS,
    EventType.FALL: AlarmKind.FALL,
    EventType.REMOVED: AlarmKind.REMOVED,
    EventType.GEOFENCE: AlarmKind.GEOFENCE,
}
PRIORITY: dict[str, int] = {
    AlarmKind.SOS: 1,
    AlarmKind.FALL: 1,
    AlarmKind.REMOVED: 2,
    AlarmKind.GEOFENCE: 3,
    AlarmKind.OFFLINE: 4,
}


class EventRejected(ValueError):
    """A message that cannot be stored: ``field`` is at fault, ``reason`` says why (Polish)."""

    def __init__(self, field: str, reason: str, code: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class EventIn:
    """A validated event, ready to store."""

    event_id: str
    serial: str
    type: str
    occurred_at: dt.datetime
    location: dict | None = None
    battery: int | None = None


def serial_from_topic(topic: str) -> str:
    """``wsparcie/telecare/<serial>/events`` -> ``<serial>``, or :class:`EventRejected`."""
    if not (topic.startswith(TOPIC_PREFIX) and topic.endswith(TOPIC_SUFFIX)):
        raise EventRejected("topic", gettext("Nieobsługiwany temat %(topic)s.") % {"topic": repr(topic)}, "bad_topic")
    serial = topic[len(TOPIC_PREFIX) : -len(TOPIC_SUFFIX)]
    if not SERIAL_RE.match(serial):
        raise EventRejected(
            "topic",
            gettext("Nieprawidłowy numer urządzenia w temacie %(topic)s.") % {"topic": repr(topic)},
            "bad_topic",
        )
    return serial


def _parse_time(value: Any) -> dt.datetime:
    if not isinstance(value, str) or not value.strip():
        raise EventRejected(
            "occurred_at",
            gettext("Podaj czas zdarzenia w formacie ISO 8601, np. 2024-05-01T10:15:00Z."),
            "bad_timestamp",
        )
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise EventRejected(
            "occurred_at",
            gettext("Nieprawidłowy czas zdarzenia %(value)s: oczekiwano ISO 8601, np. 2024-05-01T10:15:00Z.")
            % {"value": repr(value)},
            "bad_timestamp",
        ) from None
    if parsed.tzinfo is None:
        # Devices report UTC; a time without an offset is read as UTC.
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _parse_location(value: Any) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise EventRejected("location", gettext('Lokalizacja to obiekt {"lat": ..., "lon": ...}.'), "bad_location")
    result: dict[str, float] = {}
    for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        number = value.get(key)
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            raise EventRejected(
                "location", gettext("Lokalizacja: brak liczby %(key)s.") % {"key": repr(key)}, "bad_location"
            )
        if not low <= number <= high:
            raise EventRejected(
                "location",
                gettext("Lokalizacja: %(key)s=%(number)s poza zakresem %(low)s…%(high)s.")
                % {"key": key, "number": number, "low": low, "high": high},
                "bad_location",
            )
        result[key] = float(number)
    accuracy = value.get("accuracy")
    if accuracy is not None:
        if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)) or accuracy < 0:
            raise EventRejected(
                "location", gettext("Lokalizacja: dokładność (accuracy) to liczba metrów ≥ 0."), "bad_location"
            )
        result["accuracy"] = float(accuracy)
    return result


def _parse_battery(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        raise EventRejected(
            "battery",
            gettext("Poziom baterii to liczba całkowita 0–100, a podano %(value)s.") % {"value": repr(value)},
            "bad_battery",
        )
    if not 0 <= value <= 100:
        raise EventRejected(
            "battery", gettext("Poziom baterii to 0–100%%, a podano %(value)s.") % {"value": value}, "bad_battery"
        )
    return int(value)


def parse_event(
    payload: Any,
    *,
    now: dt.datetime,
    topic_serial: str | None = None,
    max_future_seconds: int = DEFAULT_MAX_FUTURE_SECONDS,
) -> EventIn:
    """Validate one event payload (HTTP body or MQTT JSON).

    ``topic_serial`` is the device named by the MQTT topic: a ``device`` in the payload must
    then match it; over HTTP ``device`` is required.
    """
    if not isinstance(payload, dict):
        raise EventRejected("non_field_errors", gettext("Zdarzenie musi być obiektem JSON."), "not_an_object")
    missing = [name for name in ("event_id", "type", "occurred_at") if payload.get(name) in (None, "")]
    if topic_serial is None and payload.get("device") in (None, ""):
        missing.insert(1, "device")
    if missing:
        raise EventRejected(
            missing[0], gettext("Brak wymaganego pola: %(fields)s.") % {"fields": ", ".join(missing)}, "missing_field"
        )

    event_id = payload["event_id"]
    if isinstance(event_id, int) and not isinstance(event_id, bool):
        event_id = str(event_id)
    if not isinstance(event_id, str) or not EVENT_ID_RE.match(event_id):
        raise EventRejected(
            "event_id", gettext("Identyfikator zdarzenia: 1–64 znaki ASCII bez spacji."), "bad_event_id"
        )

    device = payload.get("device")
    if device not in (None, ""):
        if not isinstance(device, str) or not SERIAL_RE.match(device):
            raise EventRejected(
                "device", gettext("Nieprawidłowy numer urządzenia %(device)s.") % {"device": repr(device)}, "bad_device"
            )
        if topic_serial is not None and device != topic_serial:
            raise EventRejected(
                "device",
                gettext("Urządzenie w treści (%(device)s) nie zgadza się z tematem (%(topic)s).")
                % {"device": device, "topic": topic_serial},
                "device_mismatch",
            )
    serial = topic_serial or device

    kind = payload["type"]
    if kind not in EventType.values:
        raise EventRejected(
            "type",
            gettext("Nieznany rodzaj zdarzenia %(kind)s; dozwolone: %(allowed)s.")
            % {"kind": repr(kind), "allowed": ", ".join(EventType.values)},
            "bad_type",
        )

    occurred_at = _parse_time(payload["occurred_at"])
    ahead = (occurred_at - now).total_seconds()
    if ahead > max_future_seconds:
        raise EventRejected(
            "occurred_at",
            gettext("Czas zdarzenia jest %(ahead)s s w przyszłości (dopuszczalne %(allowed)s s): odrzucono.")
            % {"ahead": int(ahead), "allowed": max_future_seconds},
            "in_future",
        )
    return EventIn(
        event_id=event_id,
        serial=serial,
        type=kind,
        occurred_at=occurred_at,
        location=_parse_location(payload.get("location")),
        battery=_parse_battery(payload.get("battery")),
    )


def alarm_kind_for(event_type: str) -> str | None:
    return ALARM_FOR_EVENT.get(event_type)


def priority_for(alarm_kind: str) -> int:
    return PRIORITY[alarm_kind]


def is_low_battery(event_type: str, battery: int | None, threshold: int) -> bool:
    return event_type == EventType.LOW_BATTERY or (battery is not None and battery <= threshold)


def share(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


# --- Mosquitto: the password file and the ACL kept in step with the device register --------


def passwd_file(entries: list[tuple[str, str]]) -> str:
    """``username:$7$...`` lines (the format ``mosquitto_passwd`` writes)."""
    lines = []
    for username, hashed in entries:
        if ":" in username or "\n" in username:
            raise ValueError(f"Nazwa użytkownika brokera nie może zawierać ':' ani nowej linii: {username!r}")
        lines.append(f"{username}:{hashed}")
    return "\n".join(lines) + ("\n" if lines else "")


def acl_file(*, listener_username: str | None, gateways: list[str] = ()) -> str:
    """The listener reads every device's events; a device (user = serial) writes only its own
    topic; an optional provider gateway may write for any device."""
    parts = ["# Written by manage.py telecare_sync_broker - do not edit by hand.", ""]
    if listener_username:
        parts += [f"user {listener_username}", f"topic read {TOPIC_FILTER}", ""]
    for gateway in gateways:
        parts += [f"user {gateway}", f"topic write {TOPIC_FILTER}", ""]
    parts += [
        "# Every other user is a device whose user name is its serial number.",
        f"pattern write {TOPIC_PREFIX}%u{TOPIC_SUFFIX}",
        "",
    ]
    return "\n".join(parts)
