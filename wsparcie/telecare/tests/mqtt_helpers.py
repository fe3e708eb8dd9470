"""A private Mosquitto broker and a listener process for the reliability tests and the benchmark.

The broker listens on a random free port with persistence on (``persistence_location`` in a
temporary directory) and authenticates with a password file and an ACL written from the device
register (``wsparcie.telecare.broker``), exactly as ``telecare_sync_broker`` would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import connection
from paho.mqtt.enums import CallbackAPIVersion

from wsparcie.telecare import broker

MOSQUITTO = "/usr/sbin/mosquitto"
LISTENER_USER = "wsparcie-listener"
LISTENER_PASSWORD = "listener-secret-for-tests"
GATEWAY_USER = "test-gateway"
GATEWAY_PASSWORD = "gateway-secret-for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


class Broker:
    """``mosquitto -c <dir>/mosquitto.conf``: start, stop (SIGTERM saves the persistence file), kill."""

    def __init__(self, directory: Path, *, port: int | None = None, extra: str = ""):
        self.dir = Path(directory)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.dir.mkdir(parents=True, exist_ok=True)
        user = "user root\n" if os.geteuid() == 0 else ""
        (self.dir / "mosquitto.conf").write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous false\n"
            f"password_file {self.dir}/passwd\n"
            f"acl_file {self.dir}/acl\n"
            "persistence true\n"
            f"persistence_location {self.dir}/\n"
            "autosave_interval 1\n"
            "max_queued_messages 1000000\n"
            "max_inflight_messages 2000\n"
            "set_tcp_nodelay true\n"
            f"log_dest file {self.dir}/mosquitto.log\n"
            f"{user}{extra}"
        )

    def sync(self) -> None:
        """Write the password file and ACL from the device register (as ``telecare_sync_broker``)."""
        passwd, acl, _count = broker.broker_files(
            listener_username=LISTENER_USER,
            listener_password=LISTENER_PASSWORD,
            gateways=[(GATEWAY_USER, GATEWAY_PASSWORD)],
        )
        broker.write_atomically(self.dir / "passwd", passwd)
        broker.write_atomically(self.dir / "acl", acl)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [MOSQUITTO, "-c", str(self.dir / "mosquitto.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port)

    def reload(self) -> None:
        self.process.send_signal(signal.SIGHUP)
        time.sleep(0.3)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        path = self.dir / "mosquitto.log"
        return path.read_text(errors="replace") if path.exists() else ""


def database_url() -> str:
    """The current (test) database as a URL for a child process."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or ""
    if host.startswith("/"):
        return f"postgres://{user}{password}@/{db['NAME']}?host={quote(host)}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


class ListenerProcess:
    """``manage.py telecare_listen`` in a child process (so a test can SIGKILL it: a real crash)."""

    def __init__(self, port: int, client_id: str, log_path: Path):
        self.port = port
        self.client_id = client_id
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "LOG_LEVEL": "INFO",
        }
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "manage.py", "telecare_listen",
                    "--host", "127.0.0.1", "--port", str(self.port),
                    "--username", LISTENER_USER, "--password", LISTENER_PASSWORD,
                    "--client-id", self.client_id, "--reconnect-min", "0.2", "--reconnect-max", "1",
                ],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL: no chance to acknowledge, store or disconnect cleanly."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class Publisher:
    """A device (or gateway) publishing QoS 1 with a persistent session; counts broker PUBACKs."""

    def __init__(self, port: int, username: str, password: str, client_id: str):
        self.acked: set[int] = set()
        self.sent: set[int] = set()
        self._lock = threading.Lock()
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=False, protocol=mqtt.MQTTv311
        )
        self.client.username_pw_set(username, password)
        self.client.reconnect_delay_set(min_delay=0.1, max_delay=0.5)
        self.client.max_inflight_messages_set(100)
        self.client.on_publish = self._on_publish
        self.connected = threading.Event()
        self.client.on_connect = lambda c, u, f, rc, p: self.connected.set() if not rc.is_failure else None
        self.client.connect_async("127.0.0.1", port, keepalive=10)
        self.client.loop_start()

    def _on_publish(self, client, userdata, mid, reason_code, properties):
        with self._lock:
            self.acked.add(mid)

    def publish(self, serial: str, body: dict) -> int:
        info = self.client.publish(f"wsparcie/telecare/{serial}/events", json.dumps(body), qos=1)
        with self._lock:
            self.sent.add(info.mid)
        return info.mid

    def all_acked(self) -> bool:
        with self._lock:
            return self.sent <= self.acked

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()
