from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "wsparcie.finance"
    label = "finance"
