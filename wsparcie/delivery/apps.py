from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "wsparcie.delivery"
    label = "delivery"
