"""The EU participant export (shared/DOMAIN.md §3): one row per participation, in the columns of
the CST2021 "Uczestnicy projektu EFS" import (default) or of the SL2014 "Eksport listy do SL",
as XLSX or CSV (semicolon, UTF-8 with BOM, dates yyyy-MM-dd).

Registry data (identity, sex, birth date, address, citizenship, disability certificates) comes
from ``people``; dates of participation from ``enrolment``; forms of support from the services
actually delivered (``delivery``) unless typed in; what the registry lacks from
:class:`~wsparcie.indicators.models.ParticipantEUData`. Sensitive answers are "Tak", "Nie" or
"Odmowa podania informacji" – a refusal is never written as "Nie". Three queries in all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation

from wsparcie.core.teryt import VOIVODESHIPS
from wsparcie.finance import activity
from wsparcie.indicators import spreadsheets
from wsparcie.indicators.choices import Answer, Citizenship, ParticipantKind

#: Names of municipalities the demo and seed organisations serve (TERC -> powiat, gmina).
#: Other codes export the voivodeship from the code and the town as the gmina.
TERC_NAMES = {
    "1462011": ("Płock", "Płock"),
    "2264011": ("Sopot", "Sopot"),
    "0264011": ("Wrocław", "Wrocław"),
    "2263011": ("Słupsk", "Słupsk"),
}
EU_COUNTRIES = {
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
}
SEX = {"female": "Kobieta", "male": "Mężczyzna"}
ANSWER = dict(Answer.choices)


def age_on(birth: dt.date | None, day: dt.date | None) -> int | None:
    if not birth or not day:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _answer(value: str) -> str:
    return str(ANSWER.get(value, "")) if value else ""


def _citizenship(person, eu) -> str:
    if eu is not None and eu.citizenship:
        return str(Citizenship(eu.citizenship).label)
    code = (person.citizenship or "PL").upper()
    if code == "PL":
        return str(Citizenship.POLISH.label)
    return str((Citizenship.EU if code in EU_COUNTRIES else Citizenship.NON_EU).label)


def _third_country(person, eu) -> str:
    if eu is not None and eu.third_country_citizen:
        return _answer(eu.third_country_citizen)
    code = (person.citizenship or "PL").upper()
    return "Nie" if code == "PL" or code in EU_COUNTRIES else "Tak"


def _combined(*answers: str) -> str:
    """SL2014 had one question for minority, migrant and foreign origin."""
    given = [a for a in answers if a]
    if "yes" in given:
        return "Tak"
    if "refused" in given:
        return str(Answer.REFUSED.label)
    if given and all(a == "no" for a in given):
        return "Nie"
    return ""


def _disability(application, eu, certificates) -> str:
    if eu is not None and eu.disability:
        return _answer(eu.disability)
    start = application.enrolled_on
    for issued, valid_until in certificates.get(application.person_id, []):
        if start and issued <= start and (valid_until is None or valid_until >= start):
            return "Tak"
    return "Nie"


def _address(person) -> dict:
    code = person.teryt or ""
    powiat, gmina = TERC_NAMES.get(code, ("", person.city))
    return {
        "country": "Polska",
        "voivodeship": VOIVODESHIPS.get(code[:2], "") if code else "",
        "powiat": powiat,
        "gmina": gmina,
        "town": person.city,
        "street": person.street,
        "postal_code": person.postal_code,
    }


def records(programme, *, date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[dict]:
    """The export's rows as dicts (three queries: participations, certificates, services).

    The coded values are the choices' Polish labels whatever the user's language: the funder's
    systems read them as they are."""
    with translation.override("pl"):
        return _records(programme, date_from=date_from, date_to=date_to)


def _records(programme, *, date_from: dt.date | None, date_to: dt.date | None) -> list[dict]:
    from wsparcie.people.models import DisabilityCertificate

    qs = activity.participations(programme.pk).select_related("person", "eu_data")
    if date_to:
        qs = qs.filter(enrolled_on__lte=date_to)
    if date_from:
        from django.db.models import Q

        qs = qs.filter(Q(ended_on__gte=date_from) | Q(ended_on__isnull=True))
    applications = list(qs.order_by("enrolled_on", "person__last_name", "person__first_name", "id"))
    person_ids = [a.person_id for a in applications]
    certificates: dict[int, list] = defaultdict(list)
    for person_id, issued, valid_until in DisabilityCertificate.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "issued_on", "valid_until"
    ):
        certificates[person_id].append((issued, valid_until))
    forms: dict[int, list[str]] = defaultdict(list)
    sessions = activity.delivered_sessions(programme.pk)
    if sessions is not None:
        for enrolment_id, name, kind in (
            sessions.values_list("enrolment_id", "service__name", "service__kind")
            .distinct()
            .order_by("enrolment_id", "service__name")
        ):
            label = name or kind
            if label not in forms[enrolment_id]:
                forms[enrolment_id].append(label)
    result = []
    for application in applications:
        person = application.person
        try:
            eu = application.eu_data
        except ObjectDoesNotExist:  # no EU data typed in yet
            eu = None
        address = _address(person)
        result.append(
            {
                "project_number": programme.agreement_number or programme.slug,
                "citizenship": _citizenship(person, eu),
                "participant_kind": str(ParticipantKind(eu.participant_kind).label)
                if eu
                else str(ParticipantKind.INDIVIDUAL.label),
                "institution_name": eu.institution_name if eu else "",
                "first_name": person.first_name,
                "last_name": person.last_name,
                "identity": person.pesel or person.other_id_number,
                "no_pesel": "Nie" if person.pesel else "Tak",
                "technical_id": f"WSP-{application.pk}",
                "sex": SEX.get(person.sex, ""),
                "age": age_on(person.birth_date, application.enrolled_on),
                "education": eu.get_education_display() if eu and eu.education else "",
                **address,
                "degurba": eu.degurba if eu else "",
                "phone": person.phone,
                "email": person.email,
                "start": application.enrolled_on,
                "end": application.ended_on,
                "labour_status": eu.get_labour_status_display() if eu and eu.labour_status else "",
                "labour_status_detail": eu.labour_status_detail if eu else "",
                "situation_at_end": eu.situation_at_end if eu else "",
                "completed_as_planned": eu.get_completed_as_planned_display() if eu and eu.completed_as_planned else "",
                "support_scope": eu.support_scope if eu else "",
                "support_forms": (
                    eu.support_forms if eu and eu.support_forms else ", ".join(forms.get(application.pk, []))
                ),
                "support_start": (eu.support_started_on if eu and eu.support_started_on else application.enrolled_on),
                "disability": _disability(application, eu, certificates),
                "foreign_origin": _answer(eu.foreign_origin) if eu else "",
                "third_country": _third_country(person, eu),
                "minority": _answer(eu.minority) if eu else "",
                "homeless": _answer(eu.homeless) if eu else "",
                "sl_minority_migrant_foreign": _combined(eu.minority, eu.foreign_origin) if eu else "",
            }
        )
    return result


CST2021 = [
    ("Numer projektu", "project_number"),
    ("Obywatelstwo", "citizenship"),
    ("Rodzaj uczestnika", "participant_kind"),
    ("Nazwa instytucji", "institution_name"),
    ("Imię", "first_name"),
    ("Nazwisko", "last_name"),
    ("PESEL/Inny identyfikator", "identity"),
    ("Brak PESEL", "no_pesel"),
    ("Techniczny identyfikator uczestnika", "technical_id"),
    ("Płeć", "sex"),
    ("Wiek w chwili przystąpienia do projektu", "age"),
    ("Wykształcenie", "education"),
    ("Kraj", "country"),
    ("Województwo", "voivodeship"),
    ("Powiat", "powiat"),
    ("Gmina", "gmina"),
    ("Miejscowość", "town"),
    ("Kod pocztowy", "postal_code"),
    ("Obszar według stopnia urbanizacji (DEGURBA)", "degurba"),
    ("Telefon kontaktowy", "phone"),
    ("Adres e-mail", "email"),
    ("Data rozpoczęcia udziału w projekcie", "start"),
    ("Data zakończenia udziału w projekcie", "end"),
    ("Status osoby na rynku pracy w chwili przystąpienia do projektu", "labour_status"),
    ("Status osoby na rynku pracy – w tym", "labour_status_detail"),
    ("Sytuacja osoby w momencie zakończenia udziału w projekcie", "situation_at_end"),
    ("Zakończenie udziału zgodnie z zaplanowaną ścieżką", "completed_as_planned"),
    ("Zakres wsparcia", "support_scope"),
    ("Rodzaj przyznanego wsparcia", "support_forms"),
    ("Data rozpoczęcia udziału we wsparciu", "support_start"),
    ("Osoba z niepełnosprawnościami", "disability"),
    ("Osoba obcego pochodzenia", "foreign_origin"),
    ("Obywatel państwa trzeciego", "third_country"),
    ("Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)", "minority"),
    ("Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań", "homeless"),
]

SL2014 = [
    ("Kraj", "country"),
    ("Rodzaj uczestnika", "participant_kind"),
    ("Nazwa instytucji", "institution_name"),
    ("Imię", "first_name"),
    ("Nazwisko", "last_name"),
    ("PESEL", "identity"),
    ("Brak PESEL", "no_pesel"),
    ("Płeć", "sex"),
    ("Wiek w chwili przystąpienia do projektu", "age"),
    ("Wykształcenie", "education"),
    ("Województwo", "voivodeship"),
    ("Powiat", "powiat"),
    ("Gmina", "gmina"),
    ("Miejscowość", "town"),
    ("Ulica", "street"),
    ("Kod pocztowy", "postal_code"),
    ("Obszar wg stopnia urbanizacji (DEGURBA)", "degurba"),
    ("Telefon kontaktowy", "phone"),
    ("Adres e-mail", "email"),
    ("Data rozpoczęcia udziału w projekcie", "start"),
    ("Data zakończenia udziału w projekcie", "end"),
    ("Status osoby na rynku pracy w chwili przystąpienia do projektu", "labour_status"),
    ("W tym", "labour_status_detail"),
    ("Zakończenie udziału zgodnie z zaplanowaną ścieżką uczestnictwa", "completed_as_planned"),
    ("Rodzaj przyznanego wsparcia", "support_forms"),
    ("Data rozpoczęcia udziału we wsparciu", "support_start"),
    (
        "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego pochodzenia",
        "sl_minority_migrant_foreign",
    ),
    ("Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań", "homeless"),
    ("Osoba z niepełnosprawnościami", "disability"),
]

VARIANTS = {"cst2021": CST2021, "sl2014": SL2014}


def table(rows: list[dict], variant: str = "cst2021") -> list[list]:
    columns = VARIANTS[variant]
    return [[header for header, _ in columns]] + [[row[key] for _, key in columns] for row in rows]


def to_csv(rows: list[dict], variant: str = "cst2021") -> bytes:
    return spreadsheets.to_csv(table(rows, variant))


def to_xlsx(rows: list[dict], variant: str = "cst2021") -> bytes:
    return spreadsheets.to_xlsx([("Uczestnicy", table(rows, variant))])


def filename(programme, extension: str, variant: str = "cst2021") -> str:
    return f"uczestnicy-efs-{variant}-{programme.slug}.{extension}"
