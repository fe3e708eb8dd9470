import datetime as dt
import shutil
import subprocess

import pytest

from wsparcie.telecare import charts, credentials, rules
from wsparcie.telecare.selectors import Month

NOW = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.UTC)


def body(**change):
    data = {"event_id": "e1", "device": "KWS-1", "type": "sos", "occurred_at": "2024-05-01T09:59:58Z"}
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_a_valid_event():
    event = rules.parse_event(body(location={"lat": 52.5, "lon": 19.7, "accuracy": 12}, battery=55), now=NOW)
    assert event == rules.EventIn(
        event_id="e1",
        serial="KWS-1",
        type="sos",
        occurred_at=dt.datetime(2024, 5, 1, 9, 59, 58, tzinfo=dt.UTC),
        location={"lat": 52.5, "lon": 19.7, "accuracy": 12.0},
        battery=55,
    )


def test_offsets_are_kept_and_a_naive_time_is_utc():
    assert rules.parse_event(body(occurred_at="2024-05-01T11:59:00+02:00"), now=NOW).occurred_at == dt.datetime(
        2024, 5, 1, 9, 59, tzinfo=dt.UTC
    )
    assert rules.parse_event(body(occurred_at="2024-05-01T09:59:00"), now=NOW).occurred_at.tzinfo is not None


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ([1, 2], "non_field_errors", "not_an_object"),
        (body(event_id=None), "event_id", "missing_field"),
        (body(device=None), "device", "missing_field"),
        (body(type="boom"), "type", "bad_type"),
        (body(occurred_at="jutro"), "occurred_at", "bad_timestamp"),
        (body(occurred_at=1714557600), "occurred_at", "bad_timestamp"),
        (body(occurred_at="2024-05-01T10:06:00Z"), "occurred_at", "in_future"),
        (body(battery=-1), "battery", "bad_battery"),
        (body(battery=True), "battery", "bad_battery"),
        (body(battery=50.5), "battery", "bad_battery"),
        (body(location={"lat": 52}), "location", "bad_location"),
        (body(location={"lat": 95, "lon": 10}), "location", "bad_location"),
        (body(event_id="x" * 65), "event_id", "bad_event_id"),
        (body(device="bad/serial"), "device", "bad_device"),
    ],
)
def test_malformed_events_name_the_field(payload, field, code):
    with pytest.raises(rules.EventRejected) as exc:
        rules.parse_event(payload, now=NOW)
    assert (exc.value.field, exc.value.code) == (field, code)
    assert exc.value.reason


def test_future_limit_is_a_parameter():
    late = body(occurred_at="2024-05-01T10:04:00Z")
    assert rules.parse_event(late, now=NOW).type == "sos"
    with pytest.raises(rules.EventRejected):
        rules.parse_event(late, now=NOW, max_future_seconds=60)


def test_mqtt_topic_gives_the_device_and_a_payload_device_must_match():
    assert rules.serial_from_topic("wsparcie/telecare/KWS-1/events") == "KWS-1"
    for topic in ("wsparcie/telecare/KWS-1/other", "other/KWS-1/events", "wsparcie/telecare/a/b/events"):
        with pytest.raises(rules.EventRejected):
            rules.serial_from_topic(topic)
    assert rules.parse_event(body(device=None), now=NOW, topic_serial="KWS-1").serial == "KWS-1"
    with pytest.raises(rules.EventRejected) as exc:
        rules.parse_event(body(device="KWS-2"), now=NOW, topic_serial="KWS-1")
    assert exc.value.code == "device_mismatch"


def test_what_events_raise():
    assert [
        rules.alarm_kind_for(t) for t in ("sos", "fall", "removed", "geofence", "low_battery", "heartbeat", "test")
    ] == [
        "sos",
        "fall",
        "removed",
        "geofence",
        None,
        None,
        None,
    ]
    assert rules.priority_for("sos") == rules.priority_for("fall") == 1
    assert rules.priority_for("removed") < rules.priority_for("geofence") < rules.priority_for("offline")
    assert rules.is_low_battery("low_battery", None, 20)
    assert rules.is_low_battery("heartbeat", 20, 20) and not rules.is_low_battery("heartbeat", 21, 20)


def test_broker_files():
    assert rules.passwd_file([("a", "$7$x"), ("b", "$7$y")]) == "a:$7$x\nb:$7$y\n"
    with pytest.raises(ValueError):
        rules.passwd_file([("bad:name", "$7$x")])
    acl = rules.acl_file(listener_username="listener", gateways=["gw"])
    assert "user listener\ntopic read wsparcie/telecare/+/events" in acl
    assert "user gw\ntopic write wsparcie/telecare/+/events" in acl
    assert "pattern write wsparcie/telecare/%u/events" in acl


@pytest.mark.skipif(not shutil.which("mosquitto_passwd"), reason="mosquitto_passwd not installed")
def test_our_hash_is_the_one_mosquitto_passwd_writes(tmp_path):
    passwd = tmp_path / "passwd"
    subprocess.run(["mosquitto_passwd", "-c", "-b", str(passwd), "dev", "sekret-123"], check=True, capture_output=True)
    hashed = passwd.read_text().strip().split(":", 1)[1]
    assert credentials.mosquitto_check("sekret-123", hashed)
    assert not credentials.mosquitto_check("inne", hashed)
    ours = credentials.mosquitto_hash("sekret-123")
    assert ours.startswith("$7$101$") and credentials.mosquitto_check("sekret-123", ours)


def test_tokens_and_door_code_encryption():
    token = credentials.new_token()
    assert len(token) >= 40 and credentials.token_hash(token) != token and len(credentials.token_hash(token)) == 64
    secret = credentials.encrypt("1234#")
    assert "1234" not in secret and credentials.decrypt(secret) == "1234#"
    assert credentials.encrypt("") == "" and credentials.decrypt("") == ""
    with pytest.raises(credentials.CannotDecrypt):
        credentials.decrypt("gAAAAABbrokenbrokenbroken")


def test_door_code_survives_a_key_change(settings):
    settings.TELECARE_CARD_KEY = "old-key"
    secret = credentials.encrypt("9999")
    settings.TELECARE_CARD_KEY = "new-key"
    settings.TELECARE_CARD_KEY_FALLBACKS = ["old-key"]
    assert credentials.decrypt(secret) == "9999"
    settings.TELECARE_CARD_KEY_FALLBACKS = []
    with pytest.raises(credentials.CannotDecrypt):
        credentials.decrypt(secret)


def test_month_and_durations():
    assert str(Month.parse("2024-05")) == "2024-05"
    assert str(Month.parse("2024-12").next()) == "2025-01" and str(Month.parse("2024-01").previous()) == "2023-12"
    for bad in ("2024-5", "2024-13", "maj", "2024-00"):
        with pytest.raises(ValueError):
            Month.parse(bad)
    assert charts.duration(None) == "—"
    assert (
        charts.duration(75) == "1 min 15 s" and charts.duration(3700) == "1 h 1 min" and charts.duration(9.6) == "10 s"
    )


def test_chart_geometry():
    chart = charts.hbar([("a", 10, "10"), ("b", 5, "5"), ("c", 0, "0")])
    widths = [bar["w"] for bar in chart["bars"]]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    trend = charts.vbar([("01", 4, 1), ("02", 8, 2)])
    assert abs(trend["bars"][1]["h"] - 2 * trend["bars"][0]["h"]) <= 1
    assert trend["bars"][0]["ph"] <= trend["bars"][0]["h"]
