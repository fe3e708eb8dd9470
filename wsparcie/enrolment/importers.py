"""Bulk import of applications (kind ``applications`` of the people app's import framework,
``POST /api/v1/imports/`` with ``kind=applications``).

Columns: ``pesel`` (the person, already in the organisation's registry), ``programme`` (the
edition's identifier in the address, e.g. ``korpus-wsparcia-seniorow-2023``, or its number) and
optional ``notes``. Every row is checked before anything is written; each valid row becomes a
``submitted`` application (source ``import``) with its eligibility evaluated and stored, exactly
as ``services.application_submit`` does for one.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wsparcie.core import pesel as pesel_mod
from wsparcie.enrolment import services
from wsparcie.enrolment.choices import ApplicationSource, ApplicationStatus
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme

COLUMNS = ("pesel", "programme", "notes")
REQUIRED = ("pesel", "programme")
ALIASES = {"program": "programme", "uwagi": "notes", "numer pesel": "pesel"}


def validate_applications(ctx, rows: Sequence[tuple[int, list[str]]]) -> list[tuple[int, int, int, str]]:
    """Check every row; return ``(row number, programme id, person id, notes)`` of the valid ones."""
    programmes = list(Programme.objects.filter(organisation=ctx.organisation).only("pk", "slug"))
    by_slug = {p.slug: p.pk for p in programmes}
    by_id = {str(p.pk): p.pk for p in programmes}
    numbers = {ctx.value(row, "pesel") for _n, row in rows}
    people = dict(Person.objects.filter(organisation=ctx.organisation, pesel__in=numbers).values_list("pesel", "pk"))
    open_pairs = set(
        Application.objects.filter(organisation=ctx.organisation)
        .exclude(status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED])
        .values_list("programme_id", "person_id")
    )
    valid: list[tuple[int, int, int, str]] = []
    seen: dict[tuple[int, int], int] = {}
    for done, (number, row) in enumerate(rows, start=1):
        ok = True
        text = ctx.value(row, "pesel")
        person_id = None
        if not text:
            ctx.error(number, "pesel", _("Podaj PESEL osoby."))
            ok = False
        else:
            try:
                pesel_mod.parse(text)
            except pesel_mod.PeselError as exc:
                ctx.error(number, "pesel", str(exc))
                ok = False
            else:
                person_id = people.get(text)
                if person_id is None:
                    ctx.error(
                        number, "pesel", _("Nie ma w rejestrze osoby o numerze PESEL %(pesel)s.") % {"pesel": text}
                    )
                    ok = False
        slug = ctx.value(row, "programme")
        programme_id = by_slug.get(slug) or by_id.get(slug)
        if not slug:
            ctx.error(number, "programme", _("Podaj program (identyfikator z adresu strony programu lub jego numer)."))
            ok = False
        elif programme_id is None:
            ctx.error(
                number, "programme", _("Nie ma programu „%(programme)s” w tej organizacji.") % {"programme": slug}
            )
            ok = False
        if ok:
            pair = (programme_id, person_id)
            if pair in open_pairs:
                ctx.error(number, "pesel", _("Ta osoba ma już zgłoszenie do tego programu."))
                ok = False
            elif pair in seen:
                ctx.error(number, "pesel", _("Ta sama osoba i program są już w wierszu %(row)s.") % {"row": seen[pair]})
                ok = False
            else:
                seen[pair] = number
        if ok:
            valid.append((number, programme_id, person_id, ctx.value(row, "notes")))
        if done % 1000 == 0:
            ctx.progress(done)
    return valid


def write_applications(ctx, items: list[tuple[int, int, int, str]]) -> int:
    """Submit each valid row (inside the import's single transaction)."""
    programmes = Programme.objects.in_bulk({item[1] for item in items})
    people = Person.objects.in_bulk({item[2] for item in items})
    for done, (_number, programme_id, person_id, notes) in enumerate(items, start=1):
        services.application_submit(
            actor=ctx.actor,
            programme=programmes[programme_id],
            person=people[person_id],
            source=ApplicationSource.IMPORT,
            notes=notes,
        )
        if done % 500 == 0:
            ctx.progress(done)
    return len(items)


def register() -> None:
    """Called from ``EnrolmentConfig.ready``; does nothing when the people app offers no imports."""
    try:
        from wsparcie.people.imports import Importer, register_importer
    except ImportError:  # pragma: no cover - the framework is the people app's
        return
    register_importer(
        "applications",
        Importer(
            label=gettext_lazy("zgłoszenia do programów"),
            columns=COLUMNS,
            required_columns=REQUIRED,
            validate=validate_applications,
            write=write_applications,
            aliases=ALIASES,
            zero_pad={"pesel": 11},
            permission="enrolment.edit",
        ),
    )
