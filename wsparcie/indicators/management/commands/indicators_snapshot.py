"""Store today's value of every measured indicator: ``manage.py indicators_snapshot``.

Run daily (cron / systemd timer). ``--date 2023-09-30`` stores the value as of that day (counting
only what happened up to it); ``--monthly-from 2023-06-01`` fills month ends up to today, which
is how an installation gets a history for the charts on its first day.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wsparcie.indicators import rules, services


class Command(BaseCommand):
    help = "Zapisz stan wszystkich wskaźników liczonych z danych (dziś albo na wskazany dzień)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Dzień (RRRR-MM-DD); domyślnie dziś.")
        parser.add_argument("--monthly-from", help="Zapisz stany na koniec każdego miesiąca od tej daty do dziś.")

    def handle(self, *args, **options):
        try:
            days = [dt.date.fromisoformat(options["date"])] if options["date"] else [timezone.localdate()]
            if options["monthly_from"]:
                days = month_ends(dt.date.fromisoformat(options["monthly_from"]), timezone.localdate())
        except ValueError as exc:
            raise CommandError("Podaj datę w formacie RRRR-MM-DD.") from exc
        total = 0
        for day in days:
            total += services.indicators_snapshot_all(actor="indicators_snapshot", on=day)
        self.stdout.write(self.style.SUCCESS(f"Zapisano {total} stanów wskaźników ({len(days)} dni)."))


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        last = rules.add_months(day.replace(day=1), 1) - dt.timedelta(days=1)
        days.append(min(last, end))
        day = last + dt.timedelta(days=1)
    return days
