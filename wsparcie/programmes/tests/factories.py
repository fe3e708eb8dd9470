from decimal import Decimal

import factory

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.programmes.choices import ProgrammeKind
from wsparcie.programmes.models import FundingSource, Programme, ProgrammeSeries


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        django_get_or_create = ("code",)

    code = "efs"
    name = "Europejski Fundusz Społeczny"
    is_eu = True


class ProgrammeSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeSeries

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Seria {n}")
    slug = factory.Sequence(lambda n: f"seria-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A consistent programme (grant + own contribution = total). Tests of services create
    through the services; this factory is for setting up reads."""

    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Program testowy {n}")
    slug = factory.Sequence(lambda n: f"program-testowy-{n}")
    kind = ProgrammeKind.MINISTRY
    edition = "2023"
    total_value = Decimal("25053.00")
    grant_amount = Decimal("20042.00")
    own_contribution = Decimal("5011.00")
    goal = "Cel programu testowego."
    planned_participants = 60
