"""The MQTT intake: a paho-mqtt 2.x subscriber that stores before it acknowledges.

- One fixed client id, ``clean_session=False`` and QoS 1: the broker keeps the session and the
  messages that arrive while the listener is away, and redelivers what was not acknowledged.
- ``manual_ack=True``: paho does not answer PUBACK by itself. Messages are collected in batches,
  stored with one ``INSERT ... ON CONFLICT DO NOTHING`` in one transaction
  (``services.events_ingest``), and only after the commit are their PUBACKs sent, in the order the
  messages came. A crash before the commit means the broker delivers them again; the
  ``(device, event_id)`` unique constraint makes the second delivery a no-op.
- A malformed message (bad topic, not JSON, missing field, unknown type, time in the future,
  unknown or inactive device) is logged with the reason and acknowledged, so it never blocks
  the queue. A database outage is retried with backoff; nothing is acknowledged meanwhile.
- The network runs in paho's thread (``loop_start``), which reconnects with exponential backoff
  when the broker is down; :meth:`Listener.poll` runs in the caller's thread.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connection
from django.utils import timezone
from paho.mqtt.enums import CallbackAPIVersion

from wsparcie.telecare import rules, services

logger = logging.getLogger("wsparcie.telecare.intake")

DEFAULT_CLIENT_ID = "wsparcie-telecare-listener"


@dataclass
class _Incoming:
    generation: int
    mid: int
    qos: int
    topic: str
    payload: bytes
    dup: bool


class Listener:
    """Subscribe to ``wsparcie/telecare/+/events`` and store every event exactly once."""

    def __init__(
        self,
        *,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        client_id: str | None = None,
        batch_max: int = 1000,
        batch_linger: float = 0.002,
        reconnect_min: float = 1,
        reconnect_max: float = 60,
        keepalive: int = 30,
    ):
        self.host = host or settings.MQTT_HOST
        self.port = int(port or settings.MQTT_PORT)
        self.client_id = client_id or getattr(settings, "TELECARE_MQTT_CLIENT_ID", DEFAULT_CLIENT_ID)
        self.batch_max = batch_max
        self.batch_linger = batch_linger
        self.keepalive = keepalive
        self.stats: Counter[str] = Counter()
        self._queue: queue.Queue[_Incoming] = queue.Queue()
        self._generation = 0
        self._lock = threading.Lock()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self._fail_logged_at = 0.0
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            clean_session=False,
            protocol=mqtt.MQTTv311,
            manual_ack=True,
        )
        username = settings.MQTT_USERNAME if username is None else username
        password = settings.MQTT_PASSWORD if password is None else password
        if username:
            self.client.username_pw_set(username, password or None)
        self.client.reconnect_delay_set(min_delay=reconnect_min, max_delay=reconnect_max)
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_connect_fail = self._on_connect_fail
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe

    # -- paho callbacks (network thread) ----------------------------------------------------

    def _on_connect(self, client, userdata, flags, reason_code, properties):
        if reason_code.is_failure:
            logger.error("MQTT broker %s:%s refused the listener: %s", self.host, self.port, reason_code)
            return
        with self._lock:
            self._generation += 1
        client.subscribe(rules.TOPIC_FILTER, qos=1)
        self.connected.set()
        self.stats["connects"] += 1
        logger.info(
            "MQTT listener connected to %s:%s as %s (session present: %s), subscribed to %s",
            self.host,
            self.port,
            self.client_id,
            flags.session_present,
            rules.TOPIC_FILTER,
        )

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties):
        if all(not code.is_failure for code in reason_codes):
            self.subscribed.set()
        else:
            logger.error("MQTT broker refused the subscription to %s: %s", rules.TOPIC_FILTER, reason_codes)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties):
        self.connected.clear()
        self.subscribed.clear()
        with self._lock:
            self._generation += 1  # acknowledgements owed on the old connection are void
        if reason_code != 0:
            logger.warning(
                "MQTT listener lost the broker %s:%s (%s); reconnecting with backoff", self.host, self.port, reason_code
            )

    def _on_connect_fail(self, client, userdata):
        now = time.monotonic()
        if now - self._fail_logged_at > 30:
            logger.warning(
                "MQTT broker %s:%s unavailable; retrying with backoff (the intake keeps running)", self.host, self.port
            )
            self._fail_logged_at = now
        self.stats["connect_failures"] += 1

    def _on_message(self, client, userdata, message):
        self._queue.put(
            _Incoming(
                self._generation, message.mid, message.qos, message.topic, bytes(message.payload), bool(message.dup)
            )
        )

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        self.client.connect_async(self.host, self.port, keepalive=self.keepalive)
        self.client.loop_start()

    def stop(self, *, drain: bool = True) -> None:
        """Store and acknowledge what already arrived (``drain``), then disconnect."""
        if drain:
            while self.poll(timeout=0) > 0:
                pass
        self.client.disconnect()
        self.client.loop_stop()

    def kill(self) -> None:
        """Drop the connection without storing or acknowledging anything (tests: a crash)."""
        self.client.loop_stop()
        sock = self.client.socket()
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass
        self.connected.clear()

    # -- the intake (caller's thread) --------------------------------------------------------

    def _collect(self, timeout: float) -> list[_Incoming]:
        try:
            first = self._queue.get(timeout=timeout) if timeout > 0 else self._queue.get_nowait()
        except queue.Empty:
            return []
        batch = [first]
        deadline = time.monotonic() + self.batch_linger
        while len(batch) < self.batch_max:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    batch.append(self._queue.get(timeout=remaining))
                except queue.Empty:
                    break
        return batch

    def poll(self, timeout: float = 0.2) -> int:
        """Take what arrived (waiting up to ``timeout`` for the first message), store it, ack it."""
        batch = self._collect(timeout)
        if batch:
            self.process(batch)
        return len(batch)

    def process(self, batch: list[_Incoming]) -> None:
        now = timezone.now()
        limit = services.max_future_seconds()
        parsed: list[tuple[_Incoming, rules.EventIn]] = []
        for message in batch:
            try:
                serial = rules.serial_from_topic(message.topic)
                payload = json.loads(message.payload.decode("utf-8"))
                parsed.append(
                    (message, rules.parse_event(payload, now=now, topic_serial=serial, max_future_seconds=limit))
                )
            except rules.EventRejected as exc:
                self._refuse(message, exc.reason)
            except (UnicodeDecodeError, ValueError) as exc:
                self._refuse(message, f"Treść nie jest poprawnym JSON-em UTF-8 ({exc.__class__.__name__}).")
        if parsed:
            started = time.monotonic()
            results = self._store([event for _m, event in parsed])
            took_ms = int((time.monotonic() - started) * 1000)
            self.stats["batches"] += 1
            self.stats["batch_max"] = max(self.stats["batch_max"], len(parsed))
            self.stats["store_ms_max"] = max(self.stats["store_ms_max"], took_ms)
            for (message, event), result in zip(parsed, results, strict=True):
                self.stats[result.outcome] += 1
                if result.outcome == "rejected":
                    self._refuse(message, result.reason, counted=True)
                elif result.outcome == "duplicate":
                    logger.info(
                        "Repeated event %s of %s stored once (redelivery: %s)",
                        event.event_id,
                        event.serial,
                        message.dup,
                    )
        self._ack(batch)

    def _refuse(self, message: _Incoming, reason: str, counted: bool = False) -> None:
        if not counted:
            self.stats["refused"] += 1
        logger.warning("MQTT message on %r refused: %s Payload: %r", message.topic, reason, message.payload[:200])

    def _store(self, events: list[rules.EventIn]) -> list[services.IngestResult]:
        """Commit the batch; on a database outage wait and retry (nothing is acknowledged);
        a batch the database refuses for another reason is stored one by one, so one bad
        message cannot stop the rest."""
        delay = 0.5
        while True:
            try:
                return services.events_ingest(events=events, channel="mqtt")
            except (OperationalError, InterfaceError) as exc:
                logger.error(
                    "Database unavailable while storing %d event(s): %s; retrying in %.1f s", len(events), exc, delay
                )
                connection.close()
                time.sleep(delay)
                delay = min(delay * 2, 30)
                close_old_connections()
            except DatabaseError as exc:
                if len(events) == 1:
                    logger.error(
                        "Event %s of %s cannot be stored, dropped: %s", events[0].event_id, events[0].serial, exc
                    )
                    return [services.IngestResult("rejected", reason=str(exc), code="database_refused")]
                logger.error("Batch of %d refused by the database (%s); storing one by one", len(events), exc)
                return [result for event in events for result in self._store([event])]

    def _ack(self, batch: list[_Incoming]) -> None:
        generation = self._generation
        for message in batch:
            if message.qos == 0:
                continue
            if message.generation != generation:
                # Arrived on a connection that is gone: the broker redelivers it (and it is deduplicated).
                self.stats["ack_skipped"] += 1
                continue
            self.client.ack(message.mid, message.qos)
            self.stats["acked"] += 1
