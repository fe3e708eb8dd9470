"""Serve the app for ``make run``: the development server, plus the background worker
(telecare intake and escalation timers) when the telecare app provides one."""

import signal
import subprocess
import sys

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and the background worker together (make run)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        worker = None
        if "telecare_worker" in get_commands():
            worker = subprocess.Popen([sys.executable, "manage.py", "telecare_worker"])
            self.stdout.write("Telecare worker started (MQTT intake and escalation timers).")
        self.stdout.write(f"wsparcie: http://127.0.0.1:{port}/")
        # On SIGTERM too, leave through ``finally`` so the worker does not outlive the server.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
