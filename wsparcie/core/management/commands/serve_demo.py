"""Serve the app for ``make run``: the development server, plus the background worker
(telecare intake and escalation timers) and the demo wristbands' heartbeats when the telecare
app provides them."""

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
        helpers = []
        commands = get_commands()
        if "telecare_worker" in commands:
            helpers.append(subprocess.Popen([sys.executable, "manage.py", "telecare_worker"]))
            self.stdout.write("Telecare worker started (MQTT intake and escalation timers).")
        if "telecare_demo_wristbands" in commands:
            helpers.append(subprocess.Popen([sys.executable, "manage.py", "telecare_demo_wristbands"]))
            self.stdout.write("Demo wristbands send heartbeats every 5 minutes.")
        self.stdout.write(f"wsparcie: http://127.0.0.1:{port}/")
        # On SIGTERM too, leave through ``finally`` so the helpers do not outlive the server.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            for helper in helpers:
                helper.terminate()
