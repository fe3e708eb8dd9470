"""``manage.py telecare_listen``: only the MQTT intake (the timers run in ``telecare_worker``)."""

from wsparcie.telecare.management.commands.telecare_worker import Command as WorkerCommand


class Command(WorkerCommand):
    help = "Telecare: MQTT event intake only (QoS 1, persistent session, store before acknowledging)."
    timers = False
