"""Factories for the enrolment tests (programme editions, people and their facts, criteria)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from wsparcie.core import pesel
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.people.models import DisabilityCertificate, IncomeCriterion, IncomeRecord, Person, Relation
from wsparcie.programmes.models import Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Program testowy {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    kind = "ministry_programme"
    edition = "2023"
    planned_participants = None


_serial = iter(range(10**6))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Imię{n}")
    last_name = factory.Sequence(lambda n: f"Nazwisko{n}")
    birth_date = dt.date(1950, 6, 15)
    sex = "female"
    teryt = "1462011"
    city = "Płock"
    pesel = factory.LazyAttribute(lambda o: pesel.make(o.birth_date, next(_serial), o.sex) if o.birth_date else None)
    other_id_number = factory.LazyAttribute(lambda o: "" if o.birth_date else f"DOK{next(_serial)}")
    other_id_type = factory.LazyAttribute(lambda o: "" if o.birth_date else "paszport")


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabilityCertificate

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    kind = "adult"
    degree = "significant"
    issued_on = dt.date(2015, 1, 1)
    valid_until = None


class IncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeRecord

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    established_on = dt.date(2023, 1, 10)
    household_size = 1
    income_per_person = Decimal("1000.00")


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    person = factory.SubFactory(PersonFactory)
    relative = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    kind = "parent"
    is_caregiver = True


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityCriterion

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    code = factory.Sequence(lambda n: f"kryterium-{n}")
    name = factory.LazyAttribute(lambda o: o.code)
    kind = "age"
    params = factory.LazyFunction(lambda: {"min": 65})
    order = 0


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionDecision

    criterion = factory.SubFactory(CriterionFactory, kind="social_worker_judgement", params={"question": "?"})
    organisation = factory.LazyAttribute(lambda o: o.criterion.organisation)
    person = factory.SubFactory(PersonFactory)
    passed = True
    note = "Rozmowa w domu."
    decided_on = dt.date(2023, 2, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..programme.organisation"))
    status = "submitted"


def income_criteria() -> None:
    """The statutory criteria (tests that flush the database lose the data migration's rows)."""
    for valid_from, single, family in (
        (dt.date(2022, 1, 1), Decimal("776.00"), Decimal("600.00")),
        (dt.date(2025, 1, 1), Decimal("1010.00"), Decimal("823.00")),
    ):
        IncomeCriterion.objects.update_or_create(
            valid_from=valid_from, defaults={"single_person": single, "per_person_in_family": family}
        )
