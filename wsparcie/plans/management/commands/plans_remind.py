"""Reminders of plan reviews due soon: ``python manage.py plans_remind [--days 7]``.

Prints one line per pending review of an open plan due within ``--days`` (overdue ones too),
grouped by organisation, e-mails the responsible social worker (when they have an address) and
stamps the review so the next run does not repeat it. Meant for cron, e.g. every weekday at 7:00.

--dry-run       print only: send nothing, stamp nothing
--resend        include reviews already reminded
--organisation  one organisation (slug)
--today         pretend today is this date (YYYY-MM-DD), for checks
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from wsparcie.core.models import Organisation
from wsparcie.plans import selectors, services


class Command(BaseCommand):
    help = "Przypomina pracownikom socjalnym o zbliżających się przeglądach planów wsparcia."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="Przeglądy w ciągu tylu dni (domyślnie 7), także zaległe."
        )
        parser.add_argument("--organisation", help="Identyfikator (slug) jednej organizacji.")
        parser.add_argument("--dry-run", action="store_true", help="Tylko wypisz: bez e-maili i bez oznaczania.")
        parser.add_argument("--resend", action="store_true", help="Także przeglądy, o których już przypomniano.")
        parser.add_argument("--today", help="Data odniesienia RRRR-MM-DD (domyślnie dziś).")

    def handle(self, *args, days, organisation, dry_run, resend, today, **options):
        organisation_obj = None
        if organisation:
            organisation_obj = Organisation.objects.filter(slug=organisation).first()
            if organisation_obj is None:
                raise CommandError(f"Nie ma organizacji „{organisation}”.")
        try:
            today_date = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"Nieprawidłowa data --today: {today} (oczekiwano RRRR-MM-DD).") from exc
        reviews = list(
            selectors.reviews_to_remind(
                within_days=days, today=today_date, organisation=organisation_obj, include_reminded=resend
            )
        )
        if not reviews:
            self.stdout.write(f"Brak przeglądów do przypomnienia (w ciągu {days} dni).")
            return
        reminders = services.review_reminders_send(
            actor="plans_remind", reviews=reviews, today=today_date, send_email=not dry_run, mark=not dry_run
        )
        current = None
        for reminder in reminders:
            org = reminder.review.organisation
            if org != current:
                self.stdout.write(f"\n{org.name}")
                current = org
            worker = reminder.review.plan.social_worker
            who = (worker.get_full_name() or worker.get_username()) if worker else "bez przypisanego pracownika"
            status = ""
            if reminder.sent:
                status = f" [e-mail: {reminder.recipient}]"
            elif reminder.error:
                status = f" [nie wysłano e-maila: {reminder.error}]"
            self.stdout.write(f"  {reminder.text} Pracownik: {who}.{status}")
        sent = sum(r.sent for r in reminders)
        failed = sum(bool(r.error) for r in reminders)
        summary = f"\nPrzypomnienia: {len(reminders)}, e-maile wysłane: {sent}"
        if failed:
            summary += f", nieudane: {failed} (spróbujemy przy następnym uruchomieniu)"
        if dry_run:
            summary += " (próba: nic nie wysłano ani nie oznaczono)"
        self.stdout.write(summary + ".")
