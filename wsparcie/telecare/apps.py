from django.apps import AppConfig


class TelecareConfig(AppConfig):
    name = "wsparcie.telecare"
    label = "telecare"
