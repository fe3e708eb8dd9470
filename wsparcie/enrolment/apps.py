from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "wsparcie.enrolment"
    label = "enrolment"
    verbose_name = _("Rekrutacja")

    def ready(self):
        from wsparcie.enrolment import importers

        importers.register()
