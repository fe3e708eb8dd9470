"""``manage.py telecare_sync_broker``: write Mosquitto's password file and ACL from the device
register (see docs/telecare.md). Run it after registering, deactivating a device or rotating its
token; ``--reload`` makes a running broker read them (SIGHUP)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wsparcie.telecare import broker


class Command(BaseCommand):
    help = "Write the Mosquitto password file and ACL from the telecare device register."

    def add_arguments(self, parser):
        passwd, acl = broker.default_paths()
        parser.add_argument("--passwd-file", default=str(passwd), help=f"password file (default {passwd})")
        parser.add_argument("--acl-file", default=str(acl), help=f"ACL file (default {acl})")
        parser.add_argument("--listener-user", default=None, help="the listener's broker user (default MQTT_USERNAME)")
        parser.add_argument("--listener-password", default=None, help="its password (default MQTT_PASSWORD)")
        parser.add_argument(
            "--gateway",
            action="append",
            default=[],
            metavar="USER:PASSWORD",
            help="a provider gateway allowed to publish for any device (repeatable)",
        )
        parser.add_argument("--reload", metavar="PID_OR_PIDFILE", help="send SIGHUP to the broker afterwards")

    def handle(self, *args, **options):
        listener_user = options["listener_user"] if options["listener_user"] is not None else settings.MQTT_USERNAME
        listener_password = (
            options["listener_password"] if options["listener_password"] is not None else settings.MQTT_PASSWORD
        )
        if listener_user and not listener_password:
            raise CommandError("The listener user needs a password (MQTT_PASSWORD or --listener-password).")
        gateways = []
        for item in options["gateway"]:
            name, sep, password = item.partition(":")
            if not sep or not name or not password:
                raise CommandError(f"--gateway takes USER:PASSWORD, got {item!r}")
            gateways.append((name, password))
        try:
            passwd, acl, count = broker.broker_files(
                listener_username=listener_user, listener_password=listener_password, gateways=gateways
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        broker.write_atomically(Path(options["passwd_file"]), passwd)
        broker.write_atomically(Path(options["acl_file"]), acl)
        if not listener_user:
            self.stderr.write(
                "No listener user (MQTT_USERNAME is empty): the broker must let the listener in some other way."
            )
        self.stdout.write(f"{count} active device(s) written to {options['passwd_file']} and {options['acl_file']}.")
        if options["reload"]:
            try:
                pid = broker.reload_broker(options["reload"])
            except (OSError, ValueError) as exc:
                raise CommandError(f"Could not signal the broker: {exc}") from exc
            self.stdout.write(f"Broker (pid {pid}) asked to reload.")
