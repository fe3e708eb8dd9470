from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "wsparcie.enrolment"
    label = "enrolment"
    verbose_name = "Rekrutacja"

    def ready(self):
        from wsparcie.enrolment import importers

        importers.register()
