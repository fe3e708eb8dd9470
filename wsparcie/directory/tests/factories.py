"""Factories of the register (and the few rows of other apps its tests need)."""

from __future__ import annotations

import datetime as dt

import factory

from wsparcie.core import pesel as pesel_lib
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.directory.models import (
    DirectoryOrganisation,
    Location,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryOrganisation

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Stowarzyszenie nr {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    provider = factory.SubFactory(ProviderFactory, organisation=factory.SelfAttribute("..organisation"))
    name = factory.Sequence(lambda n: f"Siedziba {n}")
    street = "ul. Słoneczna 15D"
    postal_code = "76-200"
    city = "Słupsk"
    teryt = "2263011"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    provider = factory.SubFactory(ProviderFactory, organisation=factory.SelfAttribute("..organisation"))
    slug = factory.Sequence(lambda n: f"usluga-{n}")
    name = factory.Sequence(lambda n: f"Usługa {n}")
    description = "Wsparcie dla mieszkańców."
    needs = factory.LazyFunction(lambda: ["counselling"])
    audiences = factory.LazyFunction(lambda: ["adults"])
    last_checked = dt.date(2026, 11, 1)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SelfAttribute("service.organisation")
    municipality = "Słupsk"
    teryt = "2263011"


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SelfAttribute("service.organisation")
    byday = factory.LazyFunction(lambda: ["MO", "WE"])
    opens_at = dt.time(8, 0)
    closes_at = dt.time(15, 0)


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SelfAttribute("service.organisation")
    location = factory.SubFactory(LocationFactory, organisation=factory.SelfAttribute("..organisation"))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    service = factory.SubFactory(ServiceFactory)
    organisation = factory.SelfAttribute("service.organisation")
    document = factory.Sequence(lambda n: f"Dokument {n}")
    upload_online = True
    required = False


def programme(
    organisation, *, slug="program-testowy", name="Program testowy", planned=None, recruitment_open=True, **extra
):
    """A programme edition (the programmes app's model, created directly for tests)."""
    from wsparcie.programmes.models import Programme

    return Programme.objects.create(
        organisation=organisation,
        slug=slug,
        name=name,
        kind="eu_project",
        planned_participants=planned,
        recruitment_open=recruitment_open,
        **extra,
    )


def person(organisation, *, serial=1, birth=dt.date(1950, 3, 1), sex="female", **extra):
    from wsparcie.people.models import Person

    return Person.objects.create(
        organisation=organisation,
        pesel=pesel_lib.make(birth, serial, sex),
        first_name=extra.pop("first_name", "Anna"),
        last_name=extra.pop("last_name", f"Kowalska{serial}"),
        birth_date=birth,
        **extra,
    )


def application(programme_row, person_row, status="submitted"):
    from django.utils import timezone

    from wsparcie.enrolment.models import Application

    extra = {"waiting_since": timezone.now()} if status == "waiting_list" else {}
    if status == "rejected":
        extra["rejection_reason"] = "test"
    return Application.objects.create(
        organisation=programme_row.organisation, programme=programme_row, person=person_row, status=status, **extra
    )
