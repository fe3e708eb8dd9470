import datetime as dt

import pytest

from wsparcie.core import demo as core_demo
from wsparcie.core.models import Organisation
from wsparcie.plans import demo, selectors
from wsparcie.plans.choices import PlanKind, PlanStatus, TeamKind
from wsparcie.plans.models import CooperationTeam, Group, GroupSession, Round, SocialInitiative, SupportPlan
from wsparcie.plans.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_demo_without_programmes_does_nothing(org):
    demo.load()
    assert not SupportPlan.objects.exists() and not CooperationTeam.objects.exists()


def test_demo_builds_the_seed_projects_and_is_idempotent(monkeypatch):
    # the Wrocław PAL smaller than in `load_demo` (2 x 8 groups of 2, 2 meetings each): the machine is shared
    monkeypatch.setattr(demo, "PAL_GROUP_SIZE", 2)
    monkeypatch.setattr(demo, "SESSIONS_PER_GROUP", 2)
    for data in core_demo.ORGANISATIONS:
        fields = {k: v for k, v in data.items() if k != "slug"}
        Organisation.objects.create(slug=data["slug"], **fields)
    org = {o.slug: o for o in Organisation.objects.all()}
    sopot = ProgrammeFactory(
        organisation=org["mops-sopot"], slug="deinstytucjonalizacja", period_start=None, period_end=dt.date(2023, 8, 31)
    )
    pasja = ProgrammeFactory(
        organisation=org["mops-wroclaw"],
        slug="pas-ja",
        period_start=dt.date(2018, 9, 25),
        period_end=dt.date(2020, 6, 30),
    )
    liderzy = ProgrammeFactory(
        organisation=org["powiat-plocki"],
        slug="liderzy-kooperacji",
        period_start=dt.date(2018, 4, 1),
        period_end=dt.date(2021, 3, 31),
    )

    demo.load()
    counts = _counts(sopot, pasja, liderzy)
    demo.load()
    assert _counts(sopot, pasja, liderzy) == counts

    di = SupportPlan.objects.filter(programme=sopot, kind=PlanKind.DEINSTITUTIONALISATION_PLAN)
    assert di.count() == 20
    assert selectors.plan_counts(sopot)["plans_completed_with_progress"] == 9
    assert di.filter(status=PlanStatus.ACTIVE).count() == 7
    assert di.filter(enrolment__status="enrolled").count() == 7  # enrolled through the enrolment services
    assert di.filter(enrolment__status="completed").count() == 13
    assert all(plan.reviews.filter(held_on__isnull=True).exists() for plan in di.filter(status=PlanStatus.ACTIVE))

    assert Round.objects.filter(pal__programme=pasja).count() == 2
    assert Group.objects.filter(round__pal__programme=pasja).count() == 16
    assert GroupSession.objects.filter(group__round__pal__programme=pasja).count() == 32
    paths = selectors.plan_counts(pasja)
    assert paths["plans_started"] == 16 and paths["persons_with_progress"] == 11 and paths["plans_discontinued"] == 2
    assert 20 < selectors.pal_counts(pasja)["pal_participants"] <= 32
    assert SupportPlan.objects.filter(programme=pasja, enrolment__isnull=False).count() == 16
    assert SocialInitiative.objects.filter(programme=pasja).count() == 11

    assert selectors.teams_formed(liderzy, kind=TeamKind.G_PZK, until=dt.date(2019, 3, 27)) == 8
    assert (
        selectors.teams_formed(liderzy, kind=TeamKind.PZK, since=dt.date(2019, 3, 28), until=dt.date(2020, 9, 27)) == 6
    )
    assert selectors.institutions_joined(liderzy) > 50


def _counts(*programmes):
    return [selectors.indicator_counts(p) for p in programmes] + [SupportPlan.objects.count()]
