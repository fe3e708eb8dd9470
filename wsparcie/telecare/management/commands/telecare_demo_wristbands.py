"""``manage.py telecare_demo_wristbands``: the demo's wristbands report that they are alive.

``make run`` starts it next to the web server and the worker, so the demo desk shows live
devices instead of raising "device offline" for every wristband half an hour after start.
Not for production: real devices send their own heartbeats.
"""

import time

from django.core.management.base import BaseCommand

from wsparcie.telecare import demo


class Command(BaseCommand):
    help = "Send a heartbeat from every demo wristband now and then (the demo of make run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=demo.HEARTBEAT_EVERY.total_seconds(),
            help="seconds between heartbeats (default 300)",
        )
        parser.add_argument("--once", action="store_true", help="send one round and stop")

    def handle(self, *args, every: float, once: bool, **options):
        while True:
            stored = demo.heartbeats()
            if options.get("verbosity", 1) > 1:
                self.stdout.write(f"{stored} heartbeats stored")
            if once:
                return
            time.sleep(every)
