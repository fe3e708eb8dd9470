"""The long-running telecare process: the MQTT listener and the escalation timers in one loop.

``manage.py telecare_worker`` (both) and ``manage.py telecare_listen`` (the listener only) run
:func:`run`. Nothing here may end the process except a signal: a broker that is down is retried
with backoff by paho, a database error in the timers is logged and tried again next round.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection

from wsparcie.telecare import services
from wsparcie.telecare.mqtt import Listener

logger = logging.getLogger("wsparcie.telecare.worker")


def run(
    *,
    listen: bool = True,
    timers: bool = True,
    timer_interval: float | None = None,
    stop: threading.Event | None = None,
    run_for: float | None = None,
    listener_options: dict | None = None,
    on_start=None,
) -> Listener | None:
    """Loop until ``stop`` is set, SIGTERM/SIGINT arrive, or ``run_for`` seconds pass."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_args: stop.set())
    interval = (
        timer_interval if timer_interval is not None else float(getattr(settings, "TELECARE_TIMER_INTERVAL_SECONDS", 5))
    )
    listener = Listener(**(listener_options or {})) if listen else None
    if listener is not None:
        listener.start()
        logger.info("Telecare intake listening on %s:%s", listener.host, listener.port)
    if on_start is not None:
        on_start(listener)
    deadline = time.monotonic() + run_for if run_for else None
    next_timers = time.monotonic()
    next_housekeeping = time.monotonic() + 30
    try:
        while not stop.is_set() and (deadline is None or time.monotonic() < deadline):
            if listener is not None:
                listener.poll(timeout=0.2)
            else:
                stop.wait(0.2)
            now = time.monotonic()
            if timers and now >= next_timers:
                next_timers = now + interval
                try:
                    report = services.run_timers()
                    if report.escalated or report.offline_alarms or report.battery_tasks:
                        logger.info(
                            "Timers: %d escalated, %d offline alarm(s), %d battery task(s)",
                            len(report.escalated),
                            len(report.offline_alarms),
                            report.battery_tasks,
                        )
                except Exception:  # noqa: BLE001 - the worker must outlive any one failure
                    logger.exception("Telecare timers failed; trying again in %.0f s", interval)
                    connection.close()
            if now >= next_housekeeping:
                next_housekeeping = now + 30
                close_old_connections()
    finally:
        if listener is not None:
            listener.stop()
            logger.info("Telecare intake stopped: %s", dict(listener.stats))
    return listener
