from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "wsparcie.public"
    label = "public"
