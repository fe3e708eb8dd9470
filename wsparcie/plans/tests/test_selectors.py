"""The counts the indicators app reads (docs/plans.md)."""

import datetime as dt

import pytest

from wsparcie.plans import selectors
from wsparcie.plans.choices import PlanKind, PlanStatus, TeamKind
from wsparcie.plans.models import Attendance, GroupMember
from wsparcie.plans.tests.factories import (
    GroupFactory,
    GroupSessionFactory,
    InitiativeFactory,
    PersonFactory,
    PlanFactory,
    ProgrammeFactory,
    RoundFactory,
    TeamFactory,
    TeamMemberFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


def completed(programme, progress, ended_on, **kwargs):
    return PlanFactory(
        person=kwargs.pop("person", None) or PersonFactory(organisation=programme.organisation),
        programme=programme,
        status=PlanStatus.COMPLETED,
        progress_achieved=progress,
        outcome_note="wynik",
        ended_on=ended_on,
        **kwargs,
    )


def test_plans_with_progress_and_plan_counts(org):
    programme = ProgrammeFactory(organisation=org)
    other = ProgrammeFactory(organisation=org)
    a = completed(programme, True, D(2024, 3, 1))
    completed(programme, True, D(2024, 9, 1))
    completed(programme, False, D(2024, 4, 1))
    # the same person completes a second plan with progress: counted once among persons
    completed(programme, True, D(2024, 5, 1), person=a.person, kind=PlanKind.SOCIAL_CONTRACT)
    PlanFactory(person=PersonFactory(organisation=org), programme=programme)  # draft, open
    PlanFactory(
        person=PersonFactory(organisation=org),
        programme=programme,
        status=PlanStatus.DISCONTINUED,
        ended_on=D(2024, 2, 1),
    )
    completed(other, True, D(2024, 3, 1))  # another programme: never counted

    assert selectors.plans_with_progress(programme).count() == 3
    assert selectors.plans_with_progress(programme, until=D(2024, 6, 30)).count() == 2
    assert selectors.plans_with_progress(programme, kind=PlanKind.SOCIAL_CONTRACT).count() == 1
    counts = selectors.plan_counts(programme, until=D(2024, 6, 30))
    assert counts == {
        "plans_started": 6,
        "plans_completed": 3,
        "plans_completed_with_progress": 2,
        "plans_completed_without_progress": 1,
        "persons_with_progress": 1,
        "plans_discontinued": 1,
        "plans_in_progress": 2,  # the draft and the plan that ended in September
    }
    assert selectors.plan_counts(programme)["persons_with_progress"] == 2
    assert selectors.INDICATOR_DEFINITIONS["persons_with_progress"][1](programme) == 2


def test_initiatives_held_in_window(org):
    programme = ProgrammeFactory(organisation=org)
    for held_on, people in [(D(2019, 5, 1), 40), (D(2019, 9, 1), 25), (D(2020, 2, 1), 60)]:
        InitiativeFactory(programme=programme, held_on=held_on, participants_count=people)
    InitiativeFactory(programme=ProgrammeFactory(organisation=org), held_on=D(2019, 5, 1))
    assert selectors.initiatives_held(programme).count() == 3
    assert selectors.initiative_counts(programme, until=D(2019, 12, 31)) == {
        "initiatives_held": 2,
        "initiative_participants": 65,
    }
    assert selectors.initiative_counts(programme, since=D(2020, 1, 1)) == {
        "initiatives_held": 1,
        "initiative_participants": 60,
    }
    assert selectors.initiative_counts(ProgrammeFactory(organisation=org)) == {
        "initiatives_held": 0,
        "initiative_participants": 0,
    }


def test_institutions_joined_counted_once(org):
    programme = ProgrammeFactory(organisation=org)
    gpzk = TeamFactory(programme=programme, kind=TeamKind.G_PZK, formed_on=D(2018, 6, 1))
    pzk = TeamFactory(programme=programme, kind=TeamKind.PZK, formed_on=D(2019, 6, 1))
    TeamMemberFactory(team=gpzk, institution_name="GOPS w Bielsku", joined_on=D(2018, 6, 1))
    TeamMemberFactory(
        team=gpzk, institution_name="Szkoła Podstawowa w Bielsku", joined_on=D(2018, 6, 1), left_on=D(2018, 12, 1)
    )
    TeamMemberFactory(team=pzk, institution_name="gops w bielsku ", joined_on=D(2019, 6, 1))  # same institution
    TeamMemberFactory(team=pzk, institution_name="Posterunek Policji w Bielsku", joined_on=D(2019, 7, 1))
    assert selectors.institutions_joined(programme) == 3
    assert selectors.institutions_joined(programme, until=D(2018, 12, 31)) == 2
    assert selectors.institutions_joined(programme, team_kind=TeamKind.PZK) == 2
    assert selectors.teams_formed(programme, kind=TeamKind.G_PZK) == 1
    counts = selectors.team_counts(programme, until=D(2019, 3, 27))
    assert counts["teams_formed"] == 1 and counts["teams_formed_g_pzk"] == 1 and counts["teams_formed_pzk"] == 0
    assert selectors.team_counts(programme)["team_memberships"] == 4


def test_pal_counts(org):
    programme = ProgrammeFactory(organisation=org)
    round1 = RoundFactory(pal__programme=programme)
    groups = [GroupFactory(round=round1) for _ in range(2)]
    anna, jan = PersonFactory(organisation=org), PersonFactory(organisation=org)
    for group in groups:
        GroupMember.objects.create(organisation=org, group=group, person=anna)
    first = GroupSessionFactory(group=groups[0], date=D(2024, 2, 1), duration_minutes=90)
    second = GroupSessionFactory(group=groups[1], date=D(2024, 3, 1), duration_minutes=60)
    Attendance.objects.create(organisation=org, session=first, person=anna, present=True)
    Attendance.objects.create(organisation=org, session=first, person=jan, present=False)
    Attendance.objects.create(organisation=org, session=second, person=anna, present=True)
    assert selectors.pal_counts(programme) == {
        "pal_rounds": 1,
        "pal_groups": 2,
        "pal_sessions": 2,
        "pal_minutes": 150,
        "pal_participants": 1,
    }
    assert selectors.pal_counts(programme, until=D(2024, 2, 15))["pal_sessions"] == 1
    everything = selectors.indicator_counts(programme)
    assert (
        everything["pal_groups"] == 2 and everything["initiatives_held"] == 0 and everything["institutions_joined"] == 0
    )
