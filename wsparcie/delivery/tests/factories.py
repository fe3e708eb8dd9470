"""Factories of delivery's tests (and of the few rows of other apps they need)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.delivery import models
from wsparcie.delivery.choices import ServiceKind, Unit, WorkerRole
from wsparcie.delivery.rules import WARSAW
from wsparcie.enrolment.models import Application
from wsparcie.people.models import DisabilityCertificate, Household, Person, Relation
from wsparcie.programmes.models import Programme


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    """``at("2023-05-10", 9)`` -> 10 May 2023 09:00 Warsaw time."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=WARSAW)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Asystent osobisty osoby niepełnosprawnej – edycja {n}")
    slug = factory.Sequence(lambda n: f"asystent-{n}")
    kind = "ministry_programme"
    edition = "2023"
    period_start = dt.date(2023, 3, 1)
    period_end = dt.date(2023, 12, 31)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Anna{n}")
    last_name = "Nowak"
    other_id_type = "paszport"
    other_id_number = factory.Sequence(lambda n: f"AB{n:06d}")


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabilityCertificate

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    kind = "adult"
    degree = "significant"
    symbols = factory.LazyFunction(lambda: ["05-R"])
    issued_on = dt.date(2020, 1, 1)


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    person = factory.SubFactory(PersonFactory)
    relative = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    kind = "parent"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An application with status ``enrolled``: a participant's enrolment."""

    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    status = "enrolled"
    enrolled_on = dt.date(2023, 3, 1)


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Worker

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Jan{n}")
    last_name = "Kowalski"
    role = WorkerRole.ASSISTANT


class WorkerContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.WorkerContract

    worker = factory.SubFactory(WorkerFactory)
    organisation = factory.SelfAttribute("worker.organisation")
    kind = "mandate"
    number = factory.Sequence(lambda n: f"UZ/{n}")
    start_date = dt.date(2023, 1, 1)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Service

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    kind = ServiceKind.PERSONAL_ASSISTANCE
    unit = Unit.HOUR
    rate = Decimal("40.00")


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Grant

    enrolment = factory.SubFactory(EnrolmentFactory)
    organisation = factory.SelfAttribute("enrolment.organisation")
    service = factory.SubFactory(ServiceFactory, programme=factory.SelfAttribute("..enrolment.programme"))
    units = Decimal("100")


class EquipmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EquipmentItem

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Wózek inwalidzki ręczny"
    category = "wheelchair"
    inventory_number = factory.Sequence(lambda n: f"SC/{n:04d}")
    value = Decimal("1200.00")
    funding_source = "EFS, RPO WM 2014–2020 (SmartCare)"
