from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "wsparcie.programmes"
    label = "programmes"
