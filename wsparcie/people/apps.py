from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "wsparcie.people"
    label = "people"
    verbose_name = "Rejestr osób"

    def ready(self):
        from wsparcie.people.importers import PERSONS_IMPORTER
        from wsparcie.people.imports import register_importer

        register_importer("persons", PERSONS_IMPORTER)
