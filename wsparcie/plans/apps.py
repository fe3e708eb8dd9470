from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "wsparcie.plans"
    label = "plans"
