"""Reads of the registry. Personal data always through a scoped accessor (``person_get_for_user``).

The relation selectors (``person_family_or_coresident`` and friends) take two persons the caller
has already fetched through a scoped accessor; they answer questions other apps ask (the delivery
app refuses an assistant who is the participant's family member, guardian or co-resident; respite
care is for caregivers).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from wsparcie.core import tenancy
from wsparcie.people import rules
from wsparcie.people.choices import EXCLUDING_RELATIONS, DuplicateStatus, RelationKind
from wsparcie.people.models import (
    DisabilityCertificate,
    DuplicateCandidate,
    Household,
    ImportJob,
    IncomeCriterion,
    IncomeRecord,
    NamedArea,
    Person,
    Relation,
)

# --- persons ----------------------------------------------------------------------------------


def persons_for_user(user, perm: str = "people.view") -> QuerySet[Person]:
    return tenancy.scope(Person.objects.all(), user, perm)


def person_get_for_user(user, pk, perm: str = "people.view") -> Person:
    """One person the user may see, or 404 (another organisation's person does not exist for them)."""
    return tenancy.get_for_user(Person.objects.select_related("household"), user, perm, pk=pk)


def person_find_by_pesel(user, pesel: str, perm: str = "people.view") -> Person | None:
    """The person with this PESEL in one of the user's organisations (search by PESEL is a POST)."""
    pesel = (pesel or "").strip()
    if not pesel:
        return None
    return persons_for_user(user, perm).filter(pesel=pesel).first()


def looks_like_id_number(text: str) -> bool:
    """True when a search text holds a long number (a PESEL, say), which must not travel in a URL."""
    return sum(ch.isdigit() for ch in text or "") >= 6


def persons_search(queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Every word of ``text`` must start a first or last name (case and Polish letters ignored)."""
    for word in (text or "").split():
        queryset = queryset.filter(Q(last_name__unaccent__icontains=word) | Q(first_name__unaccent__icontains=word))
    return queryset


# --- households and relations -----------------------------------------------------------------


def households_for_user(user, perm: str = "people.view") -> QuerySet[Household]:
    return tenancy.scope(Household.objects.all(), user, perm)


def household_members(person: Person) -> QuerySet[Person]:
    if person.household_id is None:
        return Person.objects.none()
    return Person.objects.filter(household_id=person.household_id).exclude(pk=person.pk)


def relations_of(person: Person) -> QuerySet[Relation]:
    """Relations in both directions (``person`` is X of someone, someone is X of ``person``)."""
    return (
        Relation.objects.filter(Q(person=person) | Q(relative=person))
        .select_related("person", "relative")
        .order_by("kind", "id")
    )


def family_or_coresident_reason(person_a: Person, person_b: Person) -> str | None:
    """Why ``person_a`` and ``person_b`` are family, guardian and ward, or live together (Polish),
    or None. AOON: such a person may not be the participant's assistant."""
    if person_a.pk == person_b.pk:
        return gettext("To ta sama osoba.")
    if person_a.household_id is not None and person_a.household_id == person_b.household_id:
        return gettext("%(a)s i %(b)s mieszkają razem (to samo gospodarstwo domowe).") % {"a": person_a, "b": person_b}
    relation = (
        Relation.objects.filter(
            Q(person=person_a, relative=person_b) | Q(person=person_b, relative=person_a), kind__in=EXCLUDING_RELATIONS
        )
        .select_related("person", "relative")
        .first()
    )
    if relation is None:
        return None
    if relation.kind == RelationKind.LEGAL_GUARDIAN:
        return gettext("%(guardian)s jest opiekunem prawnym osoby %(ward)s.") % {
            "guardian": relation.person,
            "ward": relation.relative,
        }
    return gettext("%(a)s i %(b)s to rodzina (%(relation)s).") % {
        "a": relation.person,
        "b": relation.relative,
        "relation": relation.get_kind_display(),
    }


def person_family_or_coresident(person_a: Person, person_b: Person) -> bool:
    """True when the two are family members, guardian and ward, or live in one household."""
    return family_or_coresident_reason(person_a, person_b) is not None


def caregivers_of(person: Person) -> QuerySet[Person]:
    """People who care for ``person`` (relations marked ``is_caregiver``)."""
    return Person.objects.filter(relations_out__relative=person, relations_out__is_caregiver=True).distinct()


def cared_for_by(person: Person) -> QuerySet[Person]:
    """People ``person`` cares for (respite care is for these caregivers)."""
    return Person.objects.filter(relations_in__person=person, relations_in__is_caregiver=True).distinct()


# --- certificates -----------------------------------------------------------------------------


def certificates_of(person: Person) -> QuerySet[DisabilityCertificate]:
    """The whole history, newest first. Health data: callers check "health.view"."""
    return DisabilityCertificate.objects.filter(person=person).order_by("-issued_on", "-id")


def certificate_facts(cert: DisabilityCertificate) -> rules.CertificateFacts:
    return rules.CertificateFacts(
        id=cert.pk,
        kind=cert.kind,
        degree=cert.degree,
        issued_on=cert.issued_on,
        valid_until=cert.valid_until,
        indications=cert.indications,
        symbols=tuple(cert.symbols),
    )


def certificate_valid_on(person: Person, on: dt.date) -> DisabilityCertificate | None:
    """The best certificate valid on ``on`` (highest degree; see ``rules.best_certificate``)."""
    candidates = list(
        DisabilityCertificate.objects.filter(person=person, issued_on__lte=on).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )
    )
    best = rules.best_certificate([certificate_facts(c) for c in candidates], on)
    return next((c for c in candidates if best is not None and c.pk == best.id), None)


def certificates_for_user(user) -> QuerySet[DisabilityCertificate]:
    return tenancy.scope(DisabilityCertificate.objects.select_related("person"), user, "health.view")


# --- income -----------------------------------------------------------------------------------


def income_criterion_on(on: dt.date) -> IncomeCriterion | None:
    """The statutory criterion in force on ``on`` (the latest one that started by then)."""
    return IncomeCriterion.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def income_on(person: Person, on: dt.date) -> IncomeRecord | None:
    """The income established most recently by ``on``."""
    return IncomeRecord.objects.filter(person=person, established_on__lte=on).order_by("-established_on", "-id").first()


def income_within_percent(person: Person, on: dt.date, percent) -> bool | None:
    """Whether the person's income is at most ``percent``% of the criterion on ``on``; None when
    the income or the criterion is not known."""
    income, criterion = income_on(person, on), income_criterion_on(on)
    if income is None or criterion is None:
        return None
    return rules.income_within_limit(
        income_per_person=income.income_per_person,
        household_size=income.household_size,
        single_person=criterion.single_person,
        per_person_in_family=criterion.per_person_in_family,
        percent=percent,
    )


# --- areas, duplicates, imports ---------------------------------------------------------------


def named_areas_for_user(user, perm: str = "people.view") -> QuerySet[NamedArea]:
    return tenancy.scope(NamedArea.objects.all(), user, perm)


def area_rules_for(organisation_id: int) -> list[rules.AreaRule]:
    return [
        rules.area_rule(a.code, teryt_codes=a.teryt_codes, streets=a.streets)
        for a in NamedArea.objects.filter(organisation_id=organisation_id)
    ]


def duplicates_for_user(user, status: str | None = DuplicateStatus.OPEN) -> QuerySet[DuplicateCandidate]:
    qs = tenancy.scope(DuplicateCandidate.objects.select_related("person_a", "person_b"), user, "people.merge")
    return qs.filter(status=status) if status else qs


def duplicates_of(person: Person) -> QuerySet[DuplicateCandidate]:
    return DuplicateCandidate.objects.filter(
        Q(person_a=person) | Q(person_b=person), status=DuplicateStatus.OPEN
    ).select_related("person_a", "person_b")


def imports_for_user(user) -> QuerySet[ImportJob]:
    return tenancy.scope(ImportJob.objects.defer("content"), user, "imports.run")
