import datetime as dt

import pytest

from wsparcie.plans.models import Action, Attendance, GroupMember
from wsparcie.plans.tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GroupFactory,
    GroupSessionFactory,
    InitiativeFactory,
    PersonFactory,
    PlanFactory,
    ProgrammeFactory,
    ReviewFactory,
    RoundFactory,
    TeamFactory,
    TeamMemberFactory,
)


@pytest.fixture
def world(org):
    """One of everything the plans app keeps, in ``org``."""
    programme = ProgrammeFactory(
        organisation=org, name="PAS-ja", period_start=dt.date(2018, 9, 25), period_end=dt.date(2030, 6, 30)
    )
    person = PersonFactory(organisation=org, first_name="Halina", last_name="Testowa")
    plan = PlanFactory(person=person, programme=programme, title="Plan Haliny")
    AssessmentFactory(plan=plan)
    goal = GoalFactory(plan=plan, description="Cel Haliny", order=1)
    action = Action.objects.create(
        organisation=org, plan=plan, goal=goal, description="Działanie Haliny", kind="service"
    )
    review = ReviewFactory(plan=plan)
    round_ = RoundFactory(pal__programme=programme, starts_on=dt.date(2019, 1, 1), ends_on=dt.date(2019, 12, 31))
    group = GroupFactory(round=round_, name="Grupa Haliny")
    member = GroupMember.objects.create(organisation=org, group=group, person=person)
    session = GroupSessionFactory(group=group, date=dt.date(2019, 3, 1), topic="Spotkanie Haliny")
    Attendance.objects.create(organisation=org, session=session, person=person, present=True)
    team = TeamFactory(programme=programme, name="Zespół Haliny", formed_on=dt.date(2019, 1, 1))
    team_member = TeamMemberFactory(team=team, institution_name="Instytucja Haliny", joined_on=dt.date(2019, 1, 1))
    initiative = InitiativeFactory(programme=programme, name="Inicjatywa Haliny", held_on=dt.date(2019, 5, 1))
    return {
        "programme": programme,
        "person": person,
        "plan": plan,
        "goal": goal,
        "action": action,
        "review": review,
        "pal": round_.pal,
        "round": round_,
        "group": group,
        "member": member,
        "session": session,
        "team": team,
        "team_member": team_member,
        "initiative": initiative,
    }
