"""Factories for finance (and the indicators tests, which reuse the programme/people ones)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from wsparcie.core.pesel import make as make_pesel
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.enrolment.models import Application
from wsparcie.finance.models import Budget, BudgetAllocation, BudgetLine, BudgetSource, Expense
from wsparcie.people.models import DisabilityCertificate, Person
from wsparcie.programmes.models import FundingSource, Programme


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"zrodlo-{n}")
    name = factory.Sequence(lambda n: f"Źródło {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    kind = "ministry_programme"
    period_start = dt.date(2023, 6, 1)
    period_end = dt.date(2023, 12, 31)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Kowalska{n}")
    birth_date = dt.date(1950, 3, 4)
    sex = "female"
    pesel = factory.LazyAttributeSequence(
        lambda o, n: make_pesel(o.birth_date, n % 1000, o.sex) if o.birth_date else None
    )
    other_id_number = factory.LazyAttribute(lambda o: "" if o.pesel else "DOK123")
    city = "Płock"
    postal_code = "09-400"
    teryt = "1462011"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabilityCertificate

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    kind = "adult"
    degree = "significant"
    issued_on = dt.date(2020, 1, 1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    status = "enrolled"
    enrolled_on = dt.date(2023, 6, 15)


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    warning_threshold = Decimal("90")


class BudgetSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetSource

    budget = factory.SubFactory(BudgetFactory)
    organisation = factory.LazyAttribute(lambda o: o.budget.organisation)
    funding_source = factory.SubFactory(FundingSourceFactory)
    role = "grant"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    organisation = factory.LazyAttribute(lambda o: o.budget.organisation)
    code = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Pozycja {n}")


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetAllocation

    line = factory.SubFactory(BudgetLineFactory)
    organisation = factory.LazyAttribute(lambda o: o.line.organisation)
    funding_source = factory.SubFactory(FundingSourceFactory)
    planned_amount = Decimal("1000.00")


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    line = factory.SubFactory(BudgetLineFactory)
    budget = factory.LazyAttribute(lambda o: o.line.budget)
    organisation = factory.LazyAttribute(lambda o: o.line.organisation)
    funding_source = factory.SubFactory(FundingSourceFactory)
    spent_on = dt.date(2023, 7, 1)
    amount = Decimal("100.00")
    document_number = factory.Sequence(lambda n: f"FV/{n}/2023")


def kws_budget(org, *, grant_spent: Decimal | None = None):
    """Korpus Wsparcia Seniorów 2023 as the seed page gives it: grant 20 042,00 zł from the state
    budget, own contribution 5 011,00 zł, total 25 053,00 zł; grant at most 80%, own at least 20%.

    Lines: 1. opaski i monitoring (grant 20 042,00 + own 3 011,00), 2. obsługa (own 2 000,00)."""
    programme = ProgrammeFactory(
        organisation=org,
        name="Korpus Wsparcia Seniorów",
        slug="korpus-wsparcia-seniorow-2023",
        edition="2023",
        total_value=Decimal("25053.00"),
        grant_amount=Decimal("20042.00"),
        own_contribution=Decimal("5011.00"),
        planned_participants=60,
    )
    state = FundingSourceFactory(code="budzet-panstwa", name="budżet państwa – dotacja celowa")
    own = FundingSourceFactory(code="srodki-wlasne-gminy", name="środki własne gminy")
    budget = BudgetFactory(programme=programme, grant_share_max=Decimal("80"), own_share_min=Decimal("20"))
    BudgetSourceFactory(budget=budget, funding_source=state, role="grant", agreed_amount=Decimal("20042.00"))
    BudgetSourceFactory(budget=budget, funding_source=own, role="own", agreed_amount=Decimal("5011.00"))
    bands = BudgetLineFactory(budget=budget, code="1", name="Opaski bezpieczeństwa i monitoring", category="services")
    admin = BudgetLineFactory(budget=budget, code="2", name="Obsługa programu", category="management")
    AllocationFactory(line=bands, funding_source=state, planned_amount=Decimal("20042.00"))
    AllocationFactory(line=bands, funding_source=own, planned_amount=Decimal("3011.00"))
    AllocationFactory(line=admin, funding_source=own, planned_amount=Decimal("2000.00"))
    return budget, bands, admin, state, own


def make_session(
    application,
    *,
    start: dt.datetime,
    hours: Decimal | int = 2,
    rate: Decimal = Decimal("40.00"),
    service=None,
    status: str = "delivered",
    worker=None,
):
    """A delivery session written straight to the table (test data, not a domain write)."""
    from django.apps import apps

    Service = apps.get_model("delivery", "Service")
    Worker = apps.get_model("delivery", "Worker")
    Session = apps.get_model("delivery", "Session")
    org = application.organisation
    if service is None:
        service = Service.objects.filter(programme=application.programme).first() or Service.objects.create(
            organisation=org,
            programme=application.programme,
            name="Asystencja",
            kind="personal_assistance",
            unit="hour",
            rate=rate,
        )
    if worker is None:
        worker = Worker.objects.filter(organisation=org).first() or Worker.objects.create(
            organisation=org, first_name="Jan", last_name="Asystent", role="assistant"
        )
    hours = Decimal(hours)
    return Session.objects.create(
        organisation=org,
        worker=worker,
        enrolment=application,
        service=service,
        start=start,
        end=start + dt.timedelta(minutes=int(hours * 60)),
        status=status,
        units=hours,
        rate=rate,
        cost=(hours * rate).quantize(Decimal("0.01")),
    )
