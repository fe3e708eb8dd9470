from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wsparcie.core"
    label = "core"
