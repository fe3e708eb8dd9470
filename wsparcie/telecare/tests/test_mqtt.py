"""MQTT intake against a real private Mosquitto (random port, persistence on, password file + ACL).

Marked ``mqtt``; together they take about 20 s (each has its own timeout). Skipped where
``/usr/sbin/mosquitto`` is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
import time
import uuid

import paho.mqtt.client as mqtt
import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from paho.mqtt.enums import CallbackAPIVersion

from wsparcie.telecare import worker
from wsparcie.telecare.models import Alarm, Event
from wsparcie.telecare.tests.factories import AlarmFactory, DeviceFactory, token_for
from wsparcie.telecare.tests.mqtt_helpers import (
    GATEWAY_PASSWORD,
    GATEWAY_USER,
    LISTENER_PASSWORD,
    LISTENER_USER,
    MOSQUITTO,
    Broker,
    ListenerProcess,
    Publisher,
    free_port,
)

pytestmark = [
    pytest.mark.mqtt,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which(MOSQUITTO) and not shutil.which("mosquitto"), reason="mosquitto not installed"),
]


def body(serial: str, event_id: str, type: str = "sos", **extra) -> dict:
    return {"event_id": event_id, "device": serial, "type": type, "occurred_at": timezone.now().isoformat(), **extra}


def wait_until(condition, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


@pytest.fixture
def private_broker(tmp_path):
    instance = Broker(tmp_path / "broker")
    yield instance
    instance.stop()


class ThreadListener:
    """The worker loop (listener only) in a thread of the test process."""

    def __init__(self, port: int, client_id: str | None = None):
        self.stop_event = threading.Event()
        self.started = threading.Event()
        self.result = {}
        self.thread = threading.Thread(
            target=self._run, args=(port, client_id or f"t-{uuid.uuid4().hex[:8]}"), daemon=True
        )
        self.thread.start()
        # Messages published before the listener's subscription exists are not kept for it.
        assert self.started.wait(10), self.result
        assert self.listener.subscribed.wait(15), ("the listener did not subscribe", self.result)

    def _started(self, listener):
        self.listener = listener
        self.started.set()

    def _run(self, port, client_id):
        try:
            self.result["listener"] = worker.run(
                listen=True,
                timers=False,
                stop=self.stop_event,
                listener_options={
                    "host": "127.0.0.1",
                    "port": port,
                    "username": LISTENER_USER,
                    "password": LISTENER_PASSWORD,
                    "client_id": client_id,
                    "reconnect_min": 0.2,
                    "reconnect_max": 1,
                },
                on_start=self._started,
            )
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.result["error"] = exc
        finally:
            connection.close()

    def stop(self):
        self.stop_event.set()
        self.thread.join(timeout=10)
        return self.result


@pytest.mark.timeout(45)
def test_every_event_is_stored_exactly_once_while_listener_and_broker_restart(org, private_broker, tmp_path):
    devices = [DeviceFactory(organisation=org) for _ in range(3)]
    private_broker.sync()
    private_broker.start()
    listener = ListenerProcess(
        private_broker.port, f"wsparcie-reliability-{uuid.uuid4().hex[:6]}", tmp_path / "listener.log"
    )
    listener.start()
    # The persistent session must exist once (in production the worker is always running);
    # from then on the broker keeps every QoS 1 message for it, whatever happens to the listener.
    assert wait_until(lambda: "subscribed to" in listener.log(), 20), listener.log()
    publishers = [Publisher(private_broker.port, d.serial, token_for(d), f"pub-{d.serial}") for d in devices]
    for pub in publishers:
        assert pub.connected.wait(5)

    total = 240
    sent_ids: list[str] = []

    def publish_range(start: int, stop: int, pause: float = 0.01):
        for n in range(start, stop):
            device = devices[n % len(devices)]
            event_id = f"rel-{n:04d}"
            publishers[n % len(devices)].publish(
                device.serial, body(device.serial, event_id, type="sos" if n % 10 == 0 else "heartbeat")
            )
            sent_ids.append(event_id)
            time.sleep(pause)

    publish_range(0, 40)
    listener.kill()  # crash: whatever it received but had not committed is redelivered
    publish_range(40, 90)  # the broker keeps these for the persistent session
    listener.start()
    publish_range(90, 130)
    private_broker.stop()  # SIGTERM: Mosquitto saves its persistence file
    publish_range(130, 170)  # the publishers queue these until the broker is back
    private_broker.start()
    publish_range(170, 200)
    listener.kill()
    listener.start()
    publish_range(200, total)

    assert wait_until(lambda: all(p.all_acked() for p in publishers), 20), (
        "the broker did not acknowledge every publish"
    )
    assert wait_until(lambda: Event.objects.count() >= total, 25), (Event.objects.count(), listener.log()[-3000:])
    time.sleep(0.5)  # late redeliveries would show up as extra rows (they must not)
    listener.stop()
    for pub in publishers:
        pub.close()

    stored = list(Event.objects.values_list("event_id", flat=True))
    assert len(stored) == total == len(set(stored))
    assert sorted(stored) == sorted(sent_ids)
    assert Alarm.objects.count() == total // 10
    assert "MQTT listener connected" in listener.log()


@pytest.mark.timeout(40)
def test_a_burst_from_many_devices_is_stored_without_loss(org, private_broker):
    devices = [DeviceFactory(organisation=org) for _ in range(50)]
    private_broker.sync()
    private_broker.start()
    listener = ThreadListener(private_broker.port)
    per_device = 20
    gateways = [Publisher(private_broker.port, GATEWAY_USER, GATEWAY_PASSWORD, f"gw-{i}") for i in range(4)]
    for gw in gateways:
        assert gw.connected.wait(5)

    def blast(index: int):
        for n in range(per_device):
            for d in devices[index::4]:
                gateways[index].publish(d.serial, body(d.serial, f"burst-{d.serial}-{n}", type="heartbeat", battery=80))

    threads = [threading.Thread(target=blast, args=(i,)) for i in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = len(devices) * per_device
    assert wait_until(lambda: Event.objects.count() >= total, 30), Event.objects.count()
    elapsed = time.monotonic() - started
    result = listener.stop()
    for gw in gateways:
        gw.close()
    assert "error" not in result
    assert Event.objects.count() == total
    counts = set(Event.objects.values("device").annotate(n=Count("id")).values_list("n", flat=True))
    assert counts == {per_device}
    assert elapsed < 30


@pytest.mark.timeout(30)
def test_malformed_and_foreign_messages_are_refused_and_never_stop_the_intake(org, private_broker, caplog):
    device = DeviceFactory(organisation=org)
    inactive = DeviceFactory(organisation=org, is_active=False)
    private_broker.sync()
    private_broker.start()
    listener = ThreadListener(private_broker.port)
    gw = Publisher(private_broker.port, GATEWAY_USER, GATEWAY_PASSWORD, "gw-bad")
    assert gw.connected.wait(5)
    topic = f"wsparcie/telecare/{device.serial}/events"
    junk = [
        (topic, b"not json at all"),
        (topic, b"\xff\xfe\x00"),
        (topic, json.dumps(body(device.serial, "bad-type", type="explosion")).encode()),
        (topic, json.dumps(body("OTHER-DEVICE", "mismatch")).encode()),
        (
            topic,
            json.dumps(
                {**body(device.serial, "future"), "occurred_at": (timezone.now() + dt.timedelta(hours=3)).isoformat()}
            ).encode(),
        ),
        ("wsparcie/telecare/UNKNOWN-999/events", json.dumps(body("UNKNOWN-999", "ghost")).encode()),
        (f"wsparcie/telecare/{inactive.serial}/events", json.dumps(body(inactive.serial, "inactive")).encode()),
    ]
    with caplog.at_level("WARNING", logger="wsparcie.telecare.intake"):
        for t, payload in junk:
            gw.client.publish(t, payload, qos=1)
        gw.publish(device.serial, body(device.serial, "good-1"))
        assert wait_until(lambda: Event.objects.filter(event_id="good-1").exists(), 10)
    stats = listener.stop()["listener"].stats
    gw.close()
    assert Event.objects.count() == 1
    assert stats["refused"] == 5 and stats["rejected"] == 2 and stats["created"] == 1
    log = caplog.text
    for reason in (
        "JSON",
        "Nieznany rodzaj zdarzenia",
        "nie zgadza się z tematem",
        "przyszłości",
        "Nieznane urządzenie",
        "nieaktywne",
    ):
        assert reason in log, reason


@pytest.mark.timeout(30)
def test_the_broker_lets_a_device_publish_only_to_its_own_topic(org, private_broker):
    mine, other = DeviceFactory(organisation=org), DeviceFactory(organisation=org)
    private_broker.sync()
    private_broker.start()
    listener = ThreadListener(private_broker.port)
    pub = Publisher(private_broker.port, mine.serial, token_for(mine), "acl-test")
    assert pub.connected.wait(5)
    pub.publish(other.serial, body(other.serial, "spoofed"))  # the ACL drops it
    pub.publish(mine.serial, body(mine.serial, "own"))
    assert wait_until(lambda: Event.objects.filter(event_id="own").exists(), 10)
    time.sleep(0.3)
    listener.stop()
    pub.close()
    assert list(Event.objects.values_list("event_id", flat=True)) == ["own"]

    # A wrong password is refused by the broker; a device switched off is gone after the next sync.
    refused = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="wrong-pw", protocol=mqtt.MQTTv311)
    refused.username_pw_set(mine.serial, "not-the-token")
    codes = []
    refused.on_connect = lambda c, u, f, rc, p: codes.append(rc)
    refused.connect("127.0.0.1", private_broker.port)
    refused.loop_start()
    assert wait_until(lambda: codes, 5) and codes[0].is_failure
    refused.loop_stop()
    mine.is_active = False
    mine.save()
    private_broker.sync()
    private_broker.reload()
    gone = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="gone", protocol=mqtt.MQTTv311)
    gone.username_pw_set(mine.serial, token_for(mine))
    codes.clear()
    gone.on_connect = lambda c, u, f, rc, p: codes.append(rc)
    gone.connect("127.0.0.1", private_broker.port)
    gone.loop_start()
    assert wait_until(lambda: codes, 5) and codes[0].is_failure
    gone.loop_stop()


@pytest.mark.timeout(20)
def test_worker_survives_a_broker_that_is_down_and_still_runs_the_timers(org, caplog):
    alarm = AlarmFactory(organisation=org, raised_at=timezone.now() - dt.timedelta(minutes=5))
    dead_port = free_port()
    with caplog.at_level("WARNING"):
        listener = worker.run(
            listen=True,
            timers=True,
            timer_interval=0.2,
            run_for=1.5,
            listener_options={
                "host": "127.0.0.1",
                "port": dead_port,
                "client_id": "dead",
                "reconnect_min": 0.1,
                "reconnect_max": 0.3,
            },
        )
    connection.close()
    assert listener.stats["connect_failures"] >= 2
    assert "unavailable; retrying with backoff" in caplog.text
    assert Alarm.objects.get(pk=alarm.pk).escalated
