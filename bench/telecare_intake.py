"""Telecare intake benchmark: sustained MQTT intake and publish-to-desk latency.

    .venv/bin/python bench/telecare_intake.py [--rate 1200] [--seconds 30] [--devices 300]

What it does (everything on this machine, nothing shared):
1. generates a benchmark organisation ``bench-telecare`` with ``--devices`` wristbands and an
   operator in the database of ``DATABASE_URL`` (migrated; previous benchmark events are removed);
2. starts a private Mosquitto (random port, persistence on, password file + ACL written by the
   same code as ``telecare_sync_broker``), the real listener (``manage.py telecare_listen``, QoS 1,
   persistent session, manual acks after commit) and the real web server (``manage.py runserver``);
3. publishes ``--rate`` events per second for ``--seconds`` from two publisher processes (QoS 1):
   heartbeats, some low-battery readings and a few SOS "probes" per second whose ``event_id``
   carries the publish time;
4. an SSE client holds the operators' desk stream open (``/staff/telecare/desk/stream/``) and, as
   the desk's script does, fetches the queue fragment on every change; a probe's latency is the
   time from publish until its row is in that fragment. An "operator" thread takes and closes
   alarms meanwhile, as a real desk would;
5. prints a table; the command and results go to docs/benchmarks-telecare.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("WSPARCIE_ENV", "development")
os.environ.setdefault("DEBUG", "1")

ORG_SLUG = "bench-telecare"
GATEWAY = ("bench-gateway", "bench-gateway-secret")
LISTENER = ("bench-listener", "bench-listener-secret")


def publisher(port: int, rate: float, seconds: float, serials: list[str], index: int, probes_per_second: float, out):
    """One publishing process: ``rate`` events/s for ``seconds``, paced in 10 ms slices."""
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion

    acked = [0]
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{index}-{os.getpid()}", clean_session=True)
    client.username_pw_set(*GATEWAY)
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    client.on_publish = lambda c, u, mid, rc, p: acked.__setitem__(0, acked[0] + 1)
    client.connect("127.0.0.1", port)
    client.loop_start()
    time.sleep(0.3)
    sent = 0
    probes = 0
    start = time.monotonic()
    next_probe = start + 0.5
    slice_s = 0.01
    n = 0
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(elapsed * rate) - sent
        now_iso = dt.datetime.now(dt.UTC).isoformat()
        for _ in range(max(due, 0)):
            serial = serials[n % len(serials)]
            n += 1
            if time.monotonic() >= next_probe:
                next_probe += 1 / probes_per_second
                kind, event_id = "sos", f"probe-{index}-{probes}-{time.time_ns()}"
                probes += 1
            elif n % 200 == 0:
                kind, event_id = "low_battery", f"b{index}-{n}"
            else:
                kind, event_id = "heartbeat", f"h{index}-{n}"
            body = {
                "event_id": event_id,
                "type": kind,
                "occurred_at": now_iso,
                "battery": 15 if kind == "low_battery" else 80,
            }
            client.publish(f"wsparcie/telecare/{serial}/events", json.dumps(body), qos=1)
            sent += 1
        time.sleep(slice_s)
    deadline = time.monotonic() + 60
    while acked[0] < sent and time.monotonic() < deadline:
        time.sleep(0.05)
    out.put({"index": index, "sent": sent, "acked": acked[0], "probes": probes, "seconds": time.monotonic() - start})
    client.disconnect()
    client.loop_stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=1200, help="events per second in total (default 1200)")
    parser.add_argument("--seconds", type=float, default=30, help="publishing time (default 30)")
    parser.add_argument("--devices", type=int, default=300, help="wristbands in the benchmark organisation")
    parser.add_argument("--probes", type=float, default=3, help="SOS probes per second in total (latency samples)")
    parser.add_argument("--keep", action="store_true", help="keep the broker directory and logs")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    from wsparcie.core.models import Membership, Organisation
    from wsparcie.people.models import Person
    from wsparcie.telecare import broker, credentials, services
    from wsparcie.telecare.models import Alarm, AlarmAction, Device, Event, Notification, Task
    from wsparcie.telecare.tests.mqtt_helpers import Broker, free_port, wait_for_port

    # --- data ---------------------------------------------------------------------------------
    print(f"Database: {settings.DATABASES['default']['NAME']}")
    org, _ = Organisation.objects.get_or_create(slug=ORG_SLUG, defaults={"name": "Benchmark teleopieki"})
    Notification.objects.filter(organisation=org).delete()
    AlarmAction.objects.filter(organisation=org).delete()
    Alarm.objects.filter(organisation=org).delete()
    Task.objects.filter(organisation=org).delete()
    Event.objects.filter(organisation=org).delete()
    User = get_user_model()
    operator, _ = User.objects.get_or_create(username="bench-operator@bench-telecare")
    Membership.objects.get_or_create(user=operator, organisation=org, role="telecare_operator")
    existing = set(Device.objects.filter(organisation=org).values_list("serial", flat=True))
    token = "bench-device-token"
    new_devices = []
    for i in range(args.devices):
        serial = f"BENCH-{i:05d}"
        if serial in existing:
            continue
        person = Person.objects.create(
            organisation=org,
            first_name="Senior",
            last_name=f"Benchmarkowy {i}",
            other_id_type="bench",
            other_id_number=f"B{i}",
        )
        new_devices.append(
            Device(
                organisation=org,
                serial=serial,
                model="bench",
                person=person,
                token_hash=credentials.token_hash(f"{token}-{i}"),
                password=credentials.mosquitto_hash(f"{token}-{i}"),
            )
        )
    Device.objects.bulk_create(new_devices)
    Device.objects.filter(organisation=org).update(is_active=True, offline_since=None)
    serials = sorted(
        Device.objects.filter(organisation=org, serial__startswith="BENCH-").values_list("serial", flat=True)
    )[: args.devices]
    session = SessionStore()
    session[SESSION_KEY] = str(operator.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = operator.get_session_auth_hash()
    session.create()
    org_id = org.pk
    connection.close()
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as conn:  # start from a compact device table
        conn.execute("VACUUM ANALYZE telecare_device")

    # --- broker, listener, web server ---------------------------------------------------------
    workdir = Path(tempfile.mkdtemp(prefix="bench-telecare-"))
    mqtt_broker = Broker(workdir / "broker")
    passwd, acl, _n = broker.broker_files(
        listener_username=LISTENER[0], listener_password=LISTENER[1], gateways=[GATEWAY]
    )
    broker.write_atomically(mqtt_broker.dir / "passwd", passwd)
    broker.write_atomically(mqtt_broker.dir / "acl", acl)
    mqtt_broker.start()
    env = {**os.environ}
    children: list[subprocess.Popen] = []
    listener_log = open(workdir / "listener.log", "w")  # noqa: SIM115 - the child writes to it until the end
    children.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "telecare_listen", "--host", "127.0.0.1", "--port", str(mqtt_broker.port),
             "--username", LISTENER[0], "--password", LISTENER[1], "--client-id", "bench-listener"],
            cwd=ROOT, env={**env, "LOG_LEVEL": "INFO"}, stdout=listener_log, stderr=subprocess.STDOUT,
        )
    )  # fmt: skip
    web_port = free_port()
    children.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{web_port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    )  # fmt: skip
    wait_for_port(web_port, 30)
    time.sleep(2.5)  # the listener's persistent session must exist before the load starts

    # --- SSE client: when does each probe's row appear on the desk? ----------------------------
    seen: dict[str, float] = {}
    stop = threading.Event()
    cookie = f"sessionid={session.session_key}"

    def fetch_queue() -> str:
        conn = http.client.HTTPConnection("127.0.0.1", web_port, timeout=10)
        conn.request("GET", "/staff/telecare/desk/queue/", headers={"Cookie": cookie, "HX-Request": "true"})
        body = conn.getresponse().read().decode()
        conn.close()
        return body

    def sse_client():
        conn = http.client.HTTPConnection("127.0.0.1", web_port, timeout=30)
        conn.request("GET", "/staff/telecare/desk/stream/", headers={"Cookie": cookie, "Accept": "text/event-stream"})
        response = conn.getresponse()
        assert response.status == 200, response.status
        buffer = b""
        while not stop.is_set():
            chunk = response.fp.readline()
            if not chunk:
                break
            buffer += chunk
            if chunk in (b"\n", b"\r\n"):
                block, buffer = buffer.decode(), b""
                if "event: desk" not in block:
                    continue
                html = fetch_queue()
                now = time.time()
                for event_id in re.findall(r'data-event-id="(probe-[^"]+)"', html):
                    seen.setdefault(event_id, now)

    def operator_thread():
        """Takes and closes alarms that have been on the desk for a second (keeps the queue realistic)."""
        from django.utils import timezone

        user = get_user_model().objects.get(pk=operator.pk)
        while not stop.is_set():
            cutoff = timezone.now() - dt.timedelta(seconds=1)
            for alarm in Alarm.objects.filter(organisation_id=org_id, status="open", raised_at__lt=cutoff)[:20]:
                try:
                    services.alarm_take(actor=user, alarm=alarm)
                    services.alarm_close(actor=user, alarm=alarm, outcome="false_alarm")
                except Exception:  # noqa: BLE001 - a benchmark helper
                    pass
            stop.wait(0.5)
        connection.close()

    counts: list[tuple[float, int]] = []

    def monitor():
        import psycopg

        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        with psycopg.connect(**params, autocommit=True) as conn:
            while not stop.is_set():
                n = conn.execute("SELECT count(*) FROM telecare_event WHERE organisation_id = %s", [org_id]).fetchone()[
                    0
                ]
                counts.append((time.time(), n))
                stop.wait(1.0)

    threads = [threading.Thread(target=f, daemon=True) for f in (sse_client, operator_thread, monitor)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)

    # --- load ---------------------------------------------------------------------------------
    results: multiprocessing.Queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(
            target=publisher,
            args=(mqtt_broker.port, args.rate / 2, args.seconds, serials[i::2], i, args.probes / 2, results),
        )
        for i in range(2)
    ]
    started = time.time()
    for proc in procs:
        proc.start()
    reports = [results.get(timeout=args.seconds + 90) for _ in procs]
    for proc in procs:
        proc.join()
    published_until = started + max(r["seconds"] for r in reports)
    sent = sum(r["sent"] for r in reports)
    probes = sum(r["probes"] for r in reports)

    deadline = time.time() + 60
    while time.time() < deadline and (not counts or counts[-1][1] < sent):
        time.sleep(0.2)
    time.sleep(2)
    drained_at = next((t for t, n in counts if n >= sent), None)
    stop.set()
    for proc in children:
        proc.send_signal(signal.SIGTERM)
    for proc in children:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    mqtt_broker.stop()

    # --- results ------------------------------------------------------------------------------
    stored = Event.objects.filter(organisation_id=org_id).count()
    distinct = Event.objects.filter(organisation_id=org_id).values("device_id", "event_id").distinct().count()
    window = [(t, n) for t, n in counts if started + 2 <= t <= published_until]
    per_second = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in zip(window, window[1:], strict=False) if b[0] > a[0]]
    sustained = (window[-1][1] - window[0][1]) / (window[-1][0] - window[0][0]) if len(window) > 1 else float("nan")
    latencies = sorted(seen[e] - int(e.rsplit("-", 1)[1]) / 1e9 for e in seen)
    missing = probes - len(latencies)

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        k = (len(latencies) - 1) * p / 100
        f = int(k)
        c = min(f + 1, len(latencies) - 1)
        return latencies[f] + (latencies[c] - latencies[f]) * (k - f)

    rows = [
        ("events published (QoS 1, acknowledged by the broker)", f"{sent} ({sum(r['acked'] for r in reports)} acked)"),
        ("events stored / distinct (device, event_id)", f"{stored} / {distinct}"),
        ("publish rate achieved", f"{sent / max(r['seconds'] for r in reports):.0f} /s (target {args.rate:.0f} /s)"),
        ("intake rate while publishing (stored rows / s)", f"{sustained:.0f} /s"),
        ("slowest 1-second interval", f"{min(per_second):.0f} /s" if per_second else "—"),
        (
            "backlog drained after the last publish",
            f"{drained_at - published_until:.1f} s" if drained_at else "not drained",
        ),
        ("desk latency samples (SOS probes seen / sent)", f"{len(latencies)} / {probes}"),
        ("publish → row on the desk: median", f"{statistics.median(latencies) * 1000:.0f} ms" if latencies else "—"),
        ("publish → row on the desk: p95", f"{pct(95) * 1000:.0f} ms"),
        ("publish → row on the desk: p99", f"{pct(99) * 1000:.0f} ms"),
        ("publish → row on the desk: max", f"{latencies[-1] * 1000:.0f} ms" if latencies else "—"),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print(f"| {'measure'.ljust(width)} | result |")
    print(f"|{'-' * (width + 2)}|--------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print()
    print(
        f"devices: {len(serials)}, seconds: {args.seconds:.0f}, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}"
    )
    listener_line = next(
        (line for line in reversed((workdir / "listener.log").read_text().splitlines()) if "intake stopped" in line), ""
    )
    stats = re.search(r"(\{.*\})", listener_line)
    if stats:
        data = json.loads(stats.group(1).replace("'", '"'))
        batches = max(data.get("batches", 0), 1)
        print(
            f"listener: {batches} transactions, {data.get('created', 0) / batches:.0f} events per transaction on average, "
            f"largest {data.get('batch_max', 0)}, slowest commit {data.get('store_ms_max', 0)} ms, duplicates {data.get('duplicate', 0)}"
        )
    if args.keep:
        print(f"logs: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    ok = stored == distinct == sent and sustained >= 1000 and latencies and not missing and pct(99) < 1.0
    print(
        "RESULT:",
        "PASS" if ok else "FAIL",
        "(>= 1000 events/s sustained, every event stored once, every probe on the desk, p99 desk latency < 1 s)",
    )


if __name__ == "__main__":
    main()
