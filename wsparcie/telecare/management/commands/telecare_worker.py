"""``manage.py telecare_worker``: the MQTT intake and the escalation timers in one process.

``make run`` starts it next to the web server. It survives a broker that is down (reconnects with
backoff and logs) and a database hiccup (retries, acknowledges nothing meanwhile).
"""

from django.core.management.base import BaseCommand

from wsparcie.telecare import worker


class Command(BaseCommand):
    help = "Telecare: MQTT event intake plus escalation, device-offline and battery timers."
    listen = True
    timers = True

    def add_arguments(self, parser):
        parser.add_argument("--host", help="MQTT broker (default: MQTT_HOST)")
        parser.add_argument("--port", type=int, help="MQTT port (default: MQTT_PORT)")
        parser.add_argument("--username", help="broker user (default: MQTT_USERNAME)")
        parser.add_argument("--password", help="broker password (default: MQTT_PASSWORD)")
        parser.add_argument("--client-id", help="fixed MQTT client id of the persistent session")
        parser.add_argument("--timer-interval", type=float, help="seconds between timer runs (default 5)")
        parser.add_argument(
            "--reconnect-min", type=float, default=1.0, help="first reconnect delay (s), doubled up to --reconnect-max"
        )
        parser.add_argument("--reconnect-max", type=float, default=60.0)
        parser.add_argument("--batch-max", type=int, default=1000, help="events stored per transaction at most")
        parser.add_argument("--run-for", type=float, help="stop after this many seconds (tests)")

    def handle(self, *args, **options):
        listener_options = {
            key: options[key]
            for key in (
                "host",
                "port",
                "username",
                "password",
                "client_id",
                "reconnect_min",
                "reconnect_max",
                "batch_max",
            )
            if options.get(key) is not None
        }
        worker.run(
            listen=self.listen,
            timers=self.timers,
            timer_interval=options.get("timer_interval"),
            run_for=options.get("run_for"),
            listener_options=listener_options,
        )
