"""Factories of the plans tests (with the few rows of other apps they need)."""

from __future__ import annotations

import datetime as dt

import factory

from wsparcie.core.pesel import make as make_pesel
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.plans import models
from wsparcie.plans.choices import PlanKind, TeamKind
from wsparcie.programmes.models import Programme

START = dt.date(2024, 1, 15)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Anna{n}")
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    pesel = factory.Sequence(lambda n: make_pesel(dt.date(1970, 1, 1) + dt.timedelta(days=n), n % 1000, "female"))
    sex = "female"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    kind = "eu_project"
    period_start = dt.date(2018, 1, 1)
    period_end = dt.date(2030, 12, 31)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organisation = factory.SelfAttribute("person.organisation")
    person = factory.SubFactory(PersonFactory)
    programme = factory.SubFactory(ProgrammeFactory, organisation=factory.SelfAttribute("..person.organisation"))
    status = "enrolled"
    enrolled_on = START


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SupportPlan

    organisation = factory.SelfAttribute("person.organisation")
    person = factory.SubFactory(PersonFactory)
    kind = PlanKind.REINTEGRATION_PATH
    started_on = START


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Assessment

    organisation = factory.SelfAttribute("plan.organisation")
    plan = factory.SubFactory(PlanFactory)
    assessed_on = START
    problems = "Długotrwałe bezrobocie, izolacja społeczna."
    resources = "Wsparcie siostry, mieszkanie komunalne."
    potential = "Doświadczenie w pracy w handlu."
    predispositions = "Dobry kontakt z ludźmi."
    needs = "Trening kompetencji społecznych, doradztwo zawodowe."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Goal

    organisation = factory.SelfAttribute("plan.organisation")
    plan = factory.SubFactory(PlanFactory)
    description = factory.Sequence(lambda n: f"Cel numer {n}")
    order = factory.Sequence(lambda n: n + 1)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Review

    organisation = factory.SelfAttribute("plan.organisation")
    plan = factory.SubFactory(PlanFactory)
    due_on = START + dt.timedelta(days=90)


class PalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LocalActivityProgramme

    organisation = factory.SelfAttribute("programme.organisation")
    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"PAL {n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Round

    organisation = factory.SelfAttribute("pal.organisation")
    pal = factory.SubFactory(PalFactory)
    number = 1
    starts_on = dt.date(2024, 1, 1)
    ends_on = dt.date(2024, 6, 30)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Group

    organisation = factory.SelfAttribute("round.organisation")
    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Grupa {n}")
    facilitator = "Ewa Trenerska"


class GroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GroupSession

    organisation = factory.SelfAttribute("group.organisation")
    group = factory.SubFactory(GroupFactory)
    date = dt.date(2024, 2, 1)
    topic = "Trening umiejętności społecznych"
    duration_minutes = 120


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SocialInitiative

    organisation = factory.SelfAttribute("programme.organisation")
    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Piknik sąsiedzki {n}")
    held_on = dt.date(2024, 5, 1)
    participants_count = 30


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CooperationTeam

    organisation = factory.SelfAttribute("programme.organisation")
    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"G-PZK Gmina {n}")
    kind = TeamKind.G_PZK
    formed_on = dt.date(2024, 3, 1)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CooperationTeamMember

    organisation = factory.SelfAttribute("team.organisation")
    team = factory.SubFactory(TeamFactory)
    institution_name = factory.Sequence(lambda n: f"Szkoła Podstawowa nr {n}")
    institution_type = "education"
    joined_on = dt.date(2024, 3, 1)
