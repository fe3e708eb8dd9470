from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wsparcie.people"
    label = "people"
    verbose_name = _("Rejestr osób")

    def ready(self):
        from wsparcie.people.importers import PERSONS_IMPORTER
        from wsparcie.people.imports import register_importer

        register_importer("persons", PERSONS_IMPORTER)
