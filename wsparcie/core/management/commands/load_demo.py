"""Load the demo data built from the seed pages: ``python manage.py load_demo``.

Idempotent: a second run neither fails nor duplicates. Each app may provide ``demo.py`` with a
``load(actor)`` function; they run in layer order (the order of INSTALLED_APPS). Refused in
production settings.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wsparcie.core.demo import ORGANISATIONS, username
from wsparcie.core.roles import Role


class Command(BaseCommand):
    help = "Load the demo organisations, logins and data from the seed pages (idempotent)."

    def handle(self, *args, **options):
        if settings.WSPARCIE_ENV == "production" and not settings.DEBUG:
            raise CommandError("Demo data is never loaded with production settings.")
        for app in settings.INSTALLED_APPS:
            if not app.startswith("wsparcie."):
                continue
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"{app}.demo":
                    continue
                raise
            with transaction.atomic():
                module.load()
            self.stdout.write(f"  demo: {app.split('.')[-1]}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password: {settings.WSPARCIE_DEMO_PASSWORD!r}, from WSPARCIE_DEMO_PASSWORD):")
        for org in ORGANISATIONS:
            self.stdout.write("  " + "  ".join(username(role, org["slug"]) for role in Role.values))
