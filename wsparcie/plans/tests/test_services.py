import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from wsparcie.core.models import AuditEntry
from wsparcie.plans import selectors, services
from wsparcie.plans.choices import ActionKind, PlanKind, PlanStatus
from wsparcie.plans.models import Attendance
from wsparcie.plans.tests.factories import (
    START,
    ApplicationFactory,
    AssessmentFactory,
    GoalFactory,
    GroupFactory,
    GroupSessionFactory,
    PersonFactory,
    PlanFactory,
    ProgrammeFactory,
    ReviewFactory,
    RoundFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def worker(make_user, org):
    return make_user("social_worker", org, email="pracownik@example.org", first_name="Ewa", last_name="Socjalna")


def new_plan(actor, org, **kwargs):
    person = kwargs.pop("person", None) or PersonFactory(organisation=org)
    return services.plan_create(
        actor=actor,
        organisation=org,
        person=person,
        kind=kwargs.pop("kind", PlanKind.REINTEGRATION_PATH),
        started_on=START,
        **kwargs,
    )


# --- creating plans ---------------------------------------------------------------------------


def test_create_plan_with_assessment_is_audited(worker, org):
    plan = new_plan(worker, org, social_worker=worker, assessment={"problems": "Bezrobocie", "needs": "Praca"})
    assert plan.status == PlanStatus.DRAFT
    assert plan.assessment.problems == "Bezrobocie"
    assert plan.assessment.assessed_on == START and plan.assessment.assessed_by == worker
    assert AuditEntry.objects.filter(object_type="plans.supportplan", object_id=str(plan.pk), action="create").exists()


def test_create_plan_with_goals_saves_all_or_nothing(worker, org):
    from wsparcie.plans.models import SupportPlan

    plan = new_plan(worker, org, goals=[{"description": "Kurs kasjera"}, {"description": "Spłata długu"}])
    assert [g.description for g in plan.goals.order_by("order")] == ["Kurs kasjera", "Spłata długu"]
    before = SupportPlan.objects.count()
    with pytest.raises(ValidationError):
        new_plan(
            worker,
            org,
            goals=[{"description": "Dobry cel"}, {"description": "Cel", "target_date": START - dt.timedelta(days=1)}],
        )
    assert SupportPlan.objects.count() == before  # the plan and its first goal are not kept either


def test_change_plan_and_assessment_together(worker, org):
    plan = new_plan(worker, org, assessment={"problems": "Bezrobocie"})
    plan = services.plan_change(actor=worker, plan=plan, data={"title": "Nowy tytuł"}, assessment={"problems": "Dług"})
    plan.refresh_from_db()
    assert plan.title == "Nowy tytuł" and plan.assessment.problems == "Dług"


def test_create_plan_takes_programme_from_enrolment(worker, org):
    application = ApplicationFactory(person=PersonFactory(organisation=org))
    plan = new_plan(worker, org, person=application.person, enrolment=application)
    assert plan.programme == application.programme


def test_create_plan_rejects_someone_elses_enrolment_and_foreign_person(worker, org, other_org):
    application = ApplicationFactory(person=PersonFactory(organisation=org), status="submitted", enrolled_on=None)
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, person=application.person, enrolment=application)
    assert "status „złożony”" in exc.value.message_dict["enrolment"][0]
    other = ApplicationFactory(person=PersonFactory(organisation=org))
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, enrolment=other)
    assert "dotyczy innej osoby" in exc.value.message_dict["enrolment"][0]
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, person=PersonFactory(organisation=other_org))
    assert "person" in exc.value.message_dict


def test_social_worker_must_work_in_the_organisation(worker, org, outsider):
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, social_worker=outsider)
    assert outsider.username in exc.value.message_dict["social_worker"][0]


def test_one_open_plan_of_a_kind_per_person(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, person=plan.person)
    assert "ma już otwarty plan tego rodzaju" in str(exc.value)
    new_plan(worker, org, person=plan.person, kind=PlanKind.SOCIAL_CONTRACT)  # another kind is fine


def test_planned_end_before_start_is_refused(worker, org):
    with pytest.raises(ValidationError) as exc:
        new_plan(worker, org, planned_end_on=START - dt.timedelta(days=1))
    assert "Planowany koniec nie może być wcześniejszy" in str(exc.value)


# --- status -------------------------------------------------------------------------------------


def test_activation_needs_complete_assessment_and_goal(worker, org):
    plan = new_plan(worker, org, assessment={"problems": "x"})
    with pytest.raises(services.PlanIncomplete) as exc:
        services.plan_activate(actor=worker, plan=plan)
    assert exc.value.code == "plan_incomplete"
    assert "zasoby, potencjał, predyspozycje, potrzeby" in exc.value.message
    assert "żadnego celu" in exc.value.message
    services.assessment_save(
        actor=worker, plan=plan, problems="a", resources="b", potential="c", predispositions="d", needs="e"
    )
    services.goal_create(actor=worker, plan=plan, description="Podjęcie zatrudnienia")
    assert services.plan_activate(actor=worker, plan=plan).status == PlanStatus.ACTIVE
    with pytest.raises(services.InvalidStatusChange):
        services.plan_activate(actor=worker, plan=plan)


def test_cannot_complete_without_an_outcome(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError) as exc:
        services.plan_complete(actor=worker, plan=plan, progress_achieved=None, outcome_note="")
    errors = exc.value.message_dict
    assert "Nie można zakończyć planu bez wyniku" in errors["progress_achieved"][0]
    assert "outcome_note" in errors
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_complete_with_progress_and_plan_is_then_closed(worker, org):
    plan = new_plan(worker, org)
    done = services.plan_complete(
        actor=worker, plan=plan, progress_achieved=True, outcome_note="Podjęła pracę", ended_on=D(2024, 6, 30)
    )
    assert (done.status, done.progress_achieved, done.ended_on) == (PlanStatus.COMPLETED, True, D(2024, 6, 30))
    with pytest.raises(services.PlanClosed) as exc:
        services.plan_complete(actor=worker, plan=done, progress_achieved=False, outcome_note="x")
    assert exc.value.code == "plan_closed" and "30.06.2024" in exc.value.message
    with pytest.raises(services.PlanClosed):
        services.goal_create(actor=worker, plan=done, description="Nowy cel")
    with pytest.raises(services.PlanClosed):
        services.plan_update(actor=worker, plan=done, data={"title": "x"})


def test_completion_date_before_start_is_refused(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError) as exc:
        services.plan_complete(
            actor=worker, plan=plan, progress_achieved=True, outcome_note="x", ended_on=D(2023, 1, 1)
        )
    assert "nie może być wcześniejsza niż początek planu (15.01.2024)" in exc.value.message_dict["ended_on"][0]


def test_discontinue_needs_a_reason(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError) as exc:
        services.plan_discontinue(actor=worker, plan=plan, reason=" ")
    assert "discontinued_reason" in exc.value.message_dict
    plan = services.plan_discontinue(actor=worker, plan=plan, reason="Przeprowadzka", ended_on=D(2024, 3, 1))
    assert plan.status == PlanStatus.DISCONTINUED and plan.progress_achieved is None


def test_kind_changes_only_in_draft(worker, org):
    plan = new_plan(worker, org)
    plan = services.plan_update(actor=worker, plan=plan, data={"kind": PlanKind.SOCIAL_CONTRACT, "title": "Kontrakt"})
    assert plan.kind == PlanKind.SOCIAL_CONTRACT
    AssessmentFactory(plan=plan)
    GoalFactory(plan=plan)
    plan = services.plan_activate(actor=worker, plan=plan)
    with pytest.raises(ValidationError) as exc:
        services.plan_update(actor=worker, plan=plan, data={"kind": PlanKind.REINTEGRATION_PATH})
    assert "tylko w projekcie planu" in exc.value.message_dict["kind"][0]


# --- assessment, goals, actions --------------------------------------------------------------


def test_assessment_cannot_be_empty_and_is_replaced(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError):
        services.assessment_save(actor=worker, plan=plan)
    services.assessment_save(actor=worker, plan=plan, problems="a")
    services.assessment_save(actor=worker, plan=plan, problems="b", needs="c")
    plan.refresh_from_db()
    assert (plan.assessment.problems, plan.assessment.needs) == ("b", "c")


def test_goals_are_numbered_and_not_before_start(worker, org):
    plan = new_plan(worker, org)
    first = services.goal_create(actor=worker, plan=plan, description="Pierwszy")
    second = services.goal_create(actor=worker, plan=plan, description="Drugi", target_date=D(2024, 12, 31))
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ValidationError) as exc:
        services.goal_create(actor=worker, plan=plan, description="Za wcześnie", target_date=D(2024, 1, 1))
    assert "Termin celu (01.01.2024)" in exc.value.message_dict["target_date"][0]
    with pytest.raises(ValidationError) as exc:
        services.goal_update(actor=worker, goal=first, data={"status": "not_achieved"})
    assert "note" in exc.value.message_dict


def test_actions_link_institutions_goals_and_get_done(worker, org):
    plan = new_plan(worker, org)
    goal = services.goal_create(actor=worker, plan=plan, description="Zatrudnienie")
    with pytest.raises(ValidationError) as exc:
        services.action_create(actor=worker, plan=plan, description="Doradztwo", kind=ActionKind.INSTITUTION)
    assert "Podaj nazwę instytucji" in str(exc.value)
    other_goal = GoalFactory(plan=PlanFactory(person=PersonFactory(organisation=org)))
    with pytest.raises(ValidationError) as exc:
        services.action_create(actor=worker, plan=plan, description="x", goal=other_goal)
    assert exc.value.message_dict["goal"] == ["Ten cel należy do innego planu."]
    action = services.action_create(
        actor=worker,
        plan=plan,
        description="Doradztwo zawodowe",
        kind=ActionKind.INSTITUTION,
        institution_name="Powiatowy Urząd Pracy",
        goal=goal,
        planned_start=D(2024, 2, 1),
        planned_end=D(2024, 3, 1),
    )
    action = services.action_set_done(actor=worker, action=action, done_on=D(2024, 3, 1))
    assert action.done and action.done_on == D(2024, 3, 1)
    action = services.action_set_done(actor=worker, action=action, done=False)
    assert not action.done and action.done_on is None


# --- reviews and reminders ---------------------------------------------------------------------


def test_review_date_after_start(worker, org):
    plan = new_plan(worker, org)
    with pytest.raises(ValidationError) as exc:
        services.review_schedule(actor=worker, plan=plan, due_on=START)
    assert exc.value.message_dict["due_on"] == [
        "Termin przeglądu (15.01.2024) musi być późniejszy niż początek planu (15.01.2024)."
    ]
    services.review_schedule(actor=worker, plan=plan, due_on=D(2024, 4, 15))
    with pytest.raises(ValidationError):
        services.review_schedule(actor=worker, plan=plan, due_on=D(2024, 4, 15))  # same day twice


def test_review_record_needs_findings_and_plans_next(worker, org):
    plan = new_plan(worker, org)
    review = services.review_schedule(actor=worker, plan=plan, due_on=D(2024, 4, 15))
    with pytest.raises(ValidationError) as exc:
        services.review_record(actor=worker, review=review, held_on=D(2024, 4, 16), findings="")
    assert "findings" in exc.value.message_dict
    services.review_record(
        actor=worker, review=review, held_on=D(2024, 4, 16), findings="Postępy", next_due_on=D(2024, 7, 15)
    )
    review.refresh_from_db()
    assert review.held_on == D(2024, 4, 16) and review.reviewed_by == worker
    assert list(plan.reviews.filter(held_on__isnull=True).values_list("due_on", flat=True)) == [D(2024, 7, 15)]


def test_plans_review_due_selector(worker, org):
    today = timezone.localdate()
    soon = ReviewFactory(
        plan=PlanFactory(person=PersonFactory(organisation=org), started_on=today - dt.timedelta(days=60)),
        due_on=today + dt.timedelta(days=3),
    )
    overdue = ReviewFactory(
        plan=PlanFactory(person=PersonFactory(organisation=org), started_on=today - dt.timedelta(days=60)),
        due_on=today - dt.timedelta(days=2),
    )
    ReviewFactory(
        plan=PlanFactory(person=PersonFactory(organisation=org), started_on=today - dt.timedelta(days=60)),
        due_on=today + dt.timedelta(days=40),
    )
    closed = PlanFactory(
        person=PersonFactory(organisation=org),
        started_on=today - dt.timedelta(days=60),
        status=PlanStatus.DISCONTINUED,
        ended_on=today,
    )
    ReviewFactory(plan=closed, due_on=today + dt.timedelta(days=1))
    due = list(selectors.plans_review_due(worker, within_days=7))
    assert due == [overdue.plan, soon.plan]
    assert due[0].next_review_on == overdue.due_on


def test_reminders_are_sent_once_to_the_social_worker(worker, org):
    today = timezone.localdate()
    plan = PlanFactory(
        person=PersonFactory(organisation=org, first_name="Jan", last_name="Kowalski"),
        started_on=today - dt.timedelta(days=30),
        social_worker=worker,
    )
    review = ReviewFactory(plan=plan, due_on=today + dt.timedelta(days=2))
    ReviewFactory(plan=plan, due_on=today + dt.timedelta(days=30))  # not yet due
    held = ReviewFactory(
        plan=plan, due_on=today - dt.timedelta(days=5), held_on=today - dt.timedelta(days=5), findings="ok"
    )
    to_remind = list(selectors.reviews_to_remind(within_days=7))
    assert to_remind == [review] and held not in to_remind
    reminders = services.review_reminders_send(actor="plans_remind", reviews=to_remind)
    assert reminders[0].sent and reminders[0].recipient == "pracownik@example.org"
    assert len(mail.outbox) == 1 and "Jan Kowalski" in mail.outbox[0].body and "(za 2 dni)" in mail.outbox[0].body
    review.refresh_from_db()
    assert review.reminded_at is not None
    assert list(selectors.reviews_to_remind(within_days=7)) == []


def test_plans_remind_command_prints_and_can_dry_run(worker, org, capsys):
    today = timezone.localdate()
    plan = PlanFactory(
        person=PersonFactory(organisation=org, first_name="Jan", last_name="Kowalski"),
        started_on=today - dt.timedelta(days=30),
        social_worker=worker,
    )
    review = ReviewFactory(plan=plan, due_on=today - dt.timedelta(days=1))
    call_command("plans_remind", "--days", "7", "--dry-run")
    out = capsys.readouterr().out
    assert "Jan Kowalski" in out and "po terminie o 1 dzień" in out
    review.refresh_from_db()
    assert review.reminded_at is None and mail.outbox == []
    call_command("plans_remind", "--days", "7")
    review.refresh_from_db()
    assert review.reminded_at is not None and len(mail.outbox) == 1
    call_command("plans_remind")
    assert "Brak przeglądów" in capsys.readouterr().out


# --- PAL --------------------------------------------------------------------------------------


def test_group_session_inside_its_round(worker, org):
    group = GroupFactory(round=RoundFactory(pal__programme=ProgrammeFactory(organisation=org)))
    with pytest.raises(ValidationError) as exc:
        services.group_session_create(actor=worker, group=group, date=D(2024, 7, 1), topic="x", duration_minutes=60)
    assert "w czasie tury 1 (01.01.2024–30.06.2024)" in exc.value.message_dict["date"][0]
    session = services.group_session_create(
        actor=worker, group=group, date=D(2024, 3, 1), topic="Autoprezentacja", duration_minutes=90
    )
    assert session.organisation == org


def test_attendance_is_recorded_and_corrected(worker, org, other_org):
    session = GroupSessionFactory(
        group=GroupFactory(round=RoundFactory(pal__programme=ProgrammeFactory(organisation=org)))
    )
    anna, jan = PersonFactory(organisation=org), PersonFactory(organisation=org)
    services.attendance_record(actor=worker, session=session, entries=[(anna, True), (jan, False)])
    services.attendance_record(actor=worker, session=session, entries=[(jan, True)])
    marks = dict(Attendance.objects.filter(session=session).values_list("person_id", "present"))
    assert marks == {anna.pk: True, jan.pk: True}
    assert AuditEntry.objects.filter(object_type="plans.groupsession", note="Lista obecności").count() == 2
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=worker, session=session, entries=[(PersonFactory(organisation=other_org), True)]
        )


def test_attendance_not_before_the_session(worker, org):
    future = timezone.localdate() + dt.timedelta(days=3)
    group = GroupFactory(
        round=RoundFactory(pal__programme=ProgrammeFactory(organisation=org), starts_on=future, ends_on=future)
    )
    session = GroupSessionFactory(group=group, date=future)
    with pytest.raises(services.SessionInFuture) as exc:
        services.attendance_record(actor=worker, session=session, entries=[(PersonFactory(organisation=org), True)])
    assert exc.value.code == "session_in_future"


def test_rounds_do_not_overlap_and_stay_in_the_project(worker, org):
    round1 = RoundFactory(
        pal__programme=ProgrammeFactory(organisation=org, period_start=D(2018, 9, 25), period_end=D(2020, 6, 30)),
        starts_on=D(2018, 10, 1),
        ends_on=D(2019, 6, 30),
    )
    with pytest.raises(ValidationError) as exc:
        services.round_create(actor=worker, pal=round1.pal, number=2, starts_on=D(2019, 6, 1), ends_on=D(2020, 1, 1))
    assert "nakłada się na turę 1" in exc.value.message_dict["starts_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.round_create(actor=worker, pal=round1.pal, number=2, starts_on=D(2019, 9, 1), ends_on=D(2020, 9, 1))
    assert "25.09.2018–30.06.2020" in exc.value.message_dict["starts_on"][0]
    assert (
        services.round_create(
            actor=worker, pal=round1.pal, number=2, starts_on=D(2019, 9, 1), ends_on=D(2020, 6, 15)
        ).number
        == 2
    )


# --- teams and initiatives ---------------------------------------------------------------------


def test_team_members_join_after_forming_once_at_a_time(worker, org):
    team = TeamFactory(programme=ProgrammeFactory(organisation=org), formed_on=D(2018, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.team_member_add(
            actor=worker, team=team, institution_name="GOPS Bielsk", institution_type="ops", joined_on=D(2018, 5, 1)
        )
    assert "przed powołaniem zespołu (01.06.2018)" in exc.value.message_dict["joined_on"][0]
    member = services.team_member_add(
        actor=worker, team=team, institution_name="GOPS Bielsk", institution_type="ops", joined_on=D(2018, 6, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.team_member_add(
            actor=worker, team=team, institution_name="gops bielsk", institution_type="ops", joined_on=D(2018, 7, 1)
        )
    assert "jest już członkiem tego zespołu" in str(exc.value)
    services.team_member_leave(actor=worker, member=member, left_on=D(2019, 1, 1))
    services.team_member_add(
        actor=worker, team=team, institution_name="GOPS Bielsk", institution_type="ops", joined_on=D(2019, 3, 1)
    )


def test_initiative_within_the_project_period(worker, org):
    programme = ProgrammeFactory(organisation=org, period_start=D(2018, 9, 25), period_end=D(2020, 6, 30))
    with pytest.raises(ValidationError) as exc:
        services.initiative_create(actor=worker, programme=programme, name="Festyn", held_on=D(2021, 5, 1))
    assert "25.09.2018–30.06.2020" in exc.value.message_dict["held_on"][0]
    assert (
        services.initiative_create(
            actor=worker, programme=programme, name="Festyn", held_on=D(2019, 5, 1), participants_count=80
        ).organisation
        == org
    )


def test_reviews_to_remind_skips_closed_plans(org):
    today = timezone.localdate()
    plan = PlanFactory(
        person=PersonFactory(organisation=org),
        started_on=today - dt.timedelta(days=30),
        status=PlanStatus.COMPLETED,
        progress_achieved=True,
        ended_on=today,
    )
    ReviewFactory(plan=plan, due_on=today + dt.timedelta(days=1))
    assert list(selectors.reviews_to_remind(within_days=7)) == []
