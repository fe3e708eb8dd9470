"""Reads of the enrolment app, always scoped through ``core.tenancy``.

For other apps (the directory's online form in particular):

- :func:`programmes_in_recruitment` – the editions that accept applications now;
- :func:`programme_form_facts` – which facts an edition's criteria read, i.e. what a form must ask;
- :func:`eligibility_for_facts` – evaluate facts typed into a form (no stored person) against an
  edition; build them with :class:`wsparcie.enrolment.rules.PersonFacts`;
- :func:`person_facts` – the same snapshot built from the registry for a stored person.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from wsparcie.core import tenancy
from wsparcie.enrolment import rules
from wsparcie.enrolment.choices import CAPACITY_COUNTED, ApplicationStatus
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.enrolment.screening import Screening, screen
from wsparcie.people.models import IncomeCriterion, IncomeRecord, Person, Relation
from wsparcie.programmes.models import Programme

# --- Programmes, people, applications for a user -------------------------------------------


def programmes_for_user(user, perm: str = "enrolment.view") -> QuerySet[Programme]:
    return tenancy.scope(Programme.objects.all(), user, perm)


def programme_get_for_user(user, pk, perm: str = "enrolment.view") -> Programme:
    return tenancy.get_for_user(Programme.objects.all(), user, perm, pk=pk)


def person_get_for_user(user, pk, perm: str = "people.view") -> Person:
    return tenancy.get_for_user(Person.objects.all(), user, perm, pk=pk)


def persons_for_user(user, perm: str = "people.view") -> QuerySet[Person]:
    return tenancy.scope(Person.objects.all(), user, perm)


def applications_for_user(user, perm: str = "enrolment.view") -> QuerySet[Application]:
    return tenancy.scope(Application.objects.select_related("programme", "person"), user, perm)


def application_get_for_user(user, pk, perm: str = "enrolment.view") -> Application:
    return tenancy.get_for_user(Application.objects.select_related("programme", "person"), user, perm, pk=pk)


def criterion_get_for_user(user, pk, perm: str = "enrolment.view") -> EligibilityCriterion:
    return tenancy.get_for_user(EligibilityCriterion.objects.select_related("programme", "parent"), user, perm, pk=pk)


def criteria_for_user(user, perm: str = "enrolment.view") -> QuerySet[EligibilityCriterion]:
    return tenancy.scope(EligibilityCriterion.objects.select_related("programme", "parent"), user, perm)


# --- Criteria ------------------------------------------------------------------------------


def criterion_rows(programme: Programme) -> list[EligibilityCriterion]:
    """All criteria rows of an edition (top level and nested), in order."""
    return list(EligibilityCriterion.objects.filter(programme=programme).order_by("order", "id"))


def criteria_tree(rows: list[EligibilityCriterion]) -> list[tuple[EligibilityCriterion, int]]:
    """Rows in display order with their depth (children under their parent)."""
    by_parent: dict[int | None, list[EligibilityCriterion]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    out: list[tuple[EligibilityCriterion, int]] = []

    def walk(parent_id, depth):
        for row in by_parent.get(parent_id, []):
            out.append((row, depth))
            walk(row.pk, depth + 1)

    walk(None, 0)
    return out


def programme_criteria(
    programme: Programme, rows: list[EligibilityCriterion] | None = None
) -> tuple[rules.Criterion, ...]:
    """The edition's criteria as plain :class:`rules.Criterion` trees (one query)."""
    rows = criterion_rows(programme) if rows is None else rows
    by_parent: dict[int | None, list[EligibilityCriterion]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)

    def build(parent_id) -> tuple[rules.Criterion, ...]:
        return tuple(
            rules.Criterion(
                id=row.pk, code=row.code, kind=row.kind, name=row.name, params=dict(row.params), children=build(row.pk)
            )
            for row in by_parent.get(parent_id, [])
        )

    return build(None)


def programme_rule_version(programme: Programme) -> str:
    return rules.rule_version(programme_criteria(programme))


def income_thresholds() -> tuple[rules.IncomeThreshold, ...]:
    return tuple(
        rules.IncomeThreshold(
            valid_from=c.valid_from, single_person=c.single_person, per_person_in_family=c.per_person_in_family
        )
        for c in IncomeCriterion.objects.order_by("valid_from")
    )


# --- Facts and evaluation ------------------------------------------------------------------


def _certificate_facts(person: Person) -> tuple[rules.CertificateFacts, ...]:
    return tuple(
        rules.CertificateFacts(
            kind=c.kind,
            degree=c.degree,
            indications=c.indications,
            issued_on=c.issued_on,
            valid_until=c.valid_until,
            equivalent_label=c.get_equivalent_type_display() if c.equivalent_type else "",
        )
        for c in person.certificates.all()
    )


def _income_facts(person: Person, on: dt.date) -> rules.IncomeFacts | None:
    record = (
        IncomeRecord.objects.filter(person=person, established_on__lte=on).order_by("-established_on", "-id").first()
    )
    if record is None:
        return None
    return rules.IncomeFacts(
        income_per_person=record.income_per_person,
        household_size=record.household_size,
        established_on=record.established_on,
    )


def _decisions(person: Person, programme: Programme | None) -> dict[str, rules.Decision]:
    if programme is None:
        return {}
    return {
        d.criterion.code: rules.Decision(
            passed=d.passed, note=d.note, decided_on=d.decided_on, decided_by=d.decided_by_name
        )
        for d in CriterionDecision.objects.filter(person=person, criterion__programme=programme).select_related(
            "criterion"
        )
    }


def person_facts(
    person: Person, on: dt.date, *, programme: Programme | None = None, depth: int = 1
) -> rules.PersonFacts:
    """What the registry knows about ``person`` on ``on``: birth date, municipality, areas, all
    certificates (the rules pick those valid on the date), the income record applicable on the
    date (the latest established on or before it), the people they are related to (with those
    people's own facts, ``depth`` levels deep) and the decisions recorded for ``programme``'s
    criteria. Unrecorded certificates or relations are "none"; a missing income is unknown."""
    cares_for: tuple[rules.CaredFor, ...] | None = None
    if depth > 0:
        relations = Relation.objects.filter(person=person).select_related("relative").order_by("id")
        cares_for = tuple(
            rules.CaredFor(
                facts=person_facts(r.relative, on, programme=programme, depth=depth - 1),
                relation=r.kind,
                is_caregiver=r.is_caregiver,
                label=f"{r.relative.first_name} {r.relative.last_name}",
            )
            for r in relations
        )
    return rules.PersonFacts(
        birth_date=person.birth_date,
        teryt=person.teryt or None,
        areas=tuple(person.areas or ()),
        certificates=_certificate_facts(person),
        income=_income_facts(person, on),
        cares_for=cares_for,
        decisions=_decisions(person, programme),
    )


def programme_eligibility(programme: Programme, person: Person, on: dt.date | None = None) -> rules.Evaluation:
    """Evaluate a registered person against an edition on ``on`` (default: today)."""
    on = on or timezone.localdate()
    return rules.evaluate(
        programme_criteria(programme),
        person_facts(person, on, programme=programme),
        on,
        income_thresholds=income_thresholds(),
    )


def eligibility_for_facts(
    programme: Programme, facts: rules.PersonFacts, on: dt.date | None = None
) -> rules.Evaluation:
    """Evaluate facts that are not in the registry (e.g. typed into the directory's online form)::

    facts = rules.PersonFacts(birth_date=date(1950, 1, 1), teryt="1462011", certificates=())
    evaluation = eligibility_for_facts(programme, facts)
    evaluation.eligible, [r.as_dict() for r in evaluation.criteria]
    """
    on = on or timezone.localdate()
    return rules.evaluate(programme_criteria(programme), facts, on, income_thresholds=income_thresholds())


def programme_form_facts(programme: Programme) -> list[str]:
    """Which :class:`rules.PersonFacts` fields an edition's criteria read, e.g.
    ``["birth_date", "teryt", "certificates"]``, so a form asks exactly those (see
    :func:`rules.required_facts` for the vocabulary, including ``cares_for.*`` and
    ``decision:<code>``, which only a social worker can supply)."""
    return rules.required_facts(programme_criteria(programme))


def programmes_in_recruitment(organisation=None) -> QuerySet[Programme]:
    """Published editions with recruitment open (optionally of one organisation): what the public
    directory offers to apply for. Public data, hence no user scoping."""
    qs = Programme.objects.filter(recruitment_open=True, is_public=True)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.order_by("name", "id")


# --- Places and waiting list ---------------------------------------------------------------


def places_taken(programme: Programme) -> int:
    return Application.objects.filter(programme=programme, status__in=CAPACITY_COUNTED).count()


def programme_places(programme: Programme) -> dict:
    """``{"capacity", "taken", "free", "waiting"}``; capacity and free are None when unlimited."""
    counts = Application.objects.filter(programme=programme).aggregate(
        taken=Count("pk", filter=Q(status__in=CAPACITY_COUNTED)),
        waiting=Count("pk", filter=Q(status=ApplicationStatus.WAITING_LIST)),
    )
    capacity = programme.planned_participants
    free = None if capacity is None else max(capacity - counts["taken"], 0)
    return {"capacity": capacity, "taken": counts["taken"], "free": free, "waiting": counts["waiting"]}


def waiting_list(programme: Programme) -> QuerySet[Application]:
    """The edition's waiting list in order (first in line first)."""
    return (
        Application.objects.filter(programme=programme, status=ApplicationStatus.WAITING_LIST)
        .select_related("person")
        .order_by("waiting_since", "id")
    )


def waiting_position(application: Application) -> int | None:
    if application.status != ApplicationStatus.WAITING_LIST:
        return None
    ahead = Application.objects.filter(
        programme_id=application.programme_id, status=ApplicationStatus.WAITING_LIST
    ).filter(
        Q(waiting_since__lt=application.waiting_since)
        | Q(waiting_since=application.waiting_since, id__lt=application.pk)
    )
    return ahead.count() + 1


# --- Screening -----------------------------------------------------------------------------


def programme_screening(programme: Programme, on: dt.date | None = None) -> Screening:
    """Who in the edition's organisation meets its criteria on ``on`` (and whose data is
    missing), as querysets computed in the database (see :mod:`wsparcie.enrolment.screening`)."""
    on = on or timezone.localdate()
    return screen(
        organisation_id=programme.organisation_id,
        criteria=programme_criteria(programme),
        on=on,
        thresholds=income_thresholds(),
    )
