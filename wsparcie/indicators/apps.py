from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "wsparcie.indicators"
    label = "indicators"
