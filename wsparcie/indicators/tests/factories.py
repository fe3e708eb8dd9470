"""Factories of indicators tests (programmes, people, enrolment come from the finance ones)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from wsparcie.finance.tests.factories import (  # noqa: F401 - re-exported for the indicators tests
    ApplicationFactory,
    CertificateFactory,
    PersonFactory,
    ProgrammeFactory,
    make_session,
)
from wsparcie.indicators.models import Indicator, IndicatorValue, ParticipantEUData
from wsparcie.programmes.models import DurabilityObligation, Milestone, MilestoneTarget


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.LazyAttribute(lambda o: o.programme.organisation)
    name = factory.Sequence(lambda n: f"Wskaźnik {n}")
    unit = "osoby"
    target = Decimal("10")
    source = "measured"
    definition = "participants_enrolled"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory, source="manual", definition="")
    organisation = factory.LazyAttribute(lambda o: o.indicator.organisation)
    measured_on = dt.date(2023, 7, 1)
    value = Decimal("1")
    evidence_note = "Lista obecności"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"{n + 1}. kamień milowy")
    order = factory.Sequence(lambda n: n)


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneTarget

    milestone = factory.SubFactory(MilestoneFactory)
    label = "Liczba raportów"
    value = 9


class DurabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DurabilityObligation

    programme = factory.SubFactory(ProgrammeFactory)
    subject = "15 miejsc świadczenia usług społecznych"
    places = 15
    min_months = 10


class EUDataFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantEUData

    enrolment = factory.SubFactory(ApplicationFactory)
    organisation = factory.LazyAttribute(lambda o: o.enrolment.organisation)


def make_plan(
    application,
    *,
    kind="reintegration_path",
    status="completed",
    progress=True,
    started=dt.date(2023, 6, 20),
    ended=dt.date(2023, 11, 30),
):
    from wsparcie.plans.models import SupportPlan

    return SupportPlan.objects.create(
        organisation=application.organisation,
        person=application.person,
        enrolment=application,
        programme=application.programme,
        kind=kind,
        status=status,
        started_on=started,
        ended_on=ended if status in ("completed", "discontinued") else None,
        progress_achieved=progress if status == "completed" else None,
    )


def make_initiative(programme, name: str, held_on: dt.date):
    from wsparcie.plans.models import SocialInitiative

    return SocialInitiative.objects.create(
        organisation=programme.organisation, programme=programme, name=name, held_on=held_on
    )


def make_team(programme, name: str, *, kind="g_pzk", formed_on=dt.date(2018, 9, 1), members=()):
    from wsparcie.plans.models import CooperationTeam, CooperationTeamMember

    team = CooperationTeam.objects.create(
        organisation=programme.organisation, programme=programme, name=name, kind=kind, formed_on=formed_on
    )
    for institution, joined in members:
        CooperationTeamMember.objects.create(
            organisation=programme.organisation,
            team=team,
            institution_name=institution,
            institution_type="ops",
            joined_on=joined,
        )
    return team
