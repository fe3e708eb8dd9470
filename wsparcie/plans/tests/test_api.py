import datetime as dt

import pytest
from django.utils import timezone

from wsparcie.plans.choices import PlanStatus
from wsparcie.plans.models import Attendance, SupportPlan
from wsparcie.plans.tests.factories import (
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
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user, org):
    return make_user("social_worker", org)


def test_create_plan_with_assessment_and_goals(api, worker, org):
    application = ApplicationFactory(person=PersonFactory(organisation=org))
    response = api(worker).post(
        "/api/v1/plans/",
        {
            "person": application.person.pk,
            "enrolment": application.pk,
            "kind": "reintegration_path",
            "started_on": "2024-01-15",
            "social_worker": worker.pk,
            "assessment": {
                "problems": "Bezrobocie",
                "resources": "Rodzina",
                "potential": "Kierowca",
                "predispositions": "Sumienność",
                "needs": "Kurs",
            },
            "goals": [{"description": "Podjęcie pracy", "target_date": "2024-12-31"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["kind"] == "reintegration_path"
    assert body["programme"] == application.programme_id and body["organisation"] == org.slug
    assert body["assessment"]["problems"] == "Bezrobocie"
    assert [g["description"] for g in body["goals"]] == ["Podjęcie pracy"]
    assert body["pdf_url"] == f"/api/v1/plans/{body['id']}/pdf/"
    activated = api(worker).post(f"/api/v1/plans/{body['id']}/activate/")
    assert activated.status_code == 200 and activated.json()["status"] == "active"


def test_create_plan_input_errors(api, worker, org, other_org):
    client = api(worker)
    foreign = PersonFactory(organisation=other_org)
    response = client.post(
        "/api/v1/plans/", {"person": foreign.pk, "kind": "social_contract", "started_on": "2024-01-01"}, format="json"
    )
    assert response.status_code == 400 and "person" in response.json()
    response = client.post(
        "/api/v1/plans/",
        {
            "person": PersonFactory(organisation=org).pk,
            "kind": "social_contract",
            "started_on": "2024-02-01",
            "planned_end_on": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Planowany koniec nie może być wcześniejszy" in str(response.json())


def test_read_only_roles_cannot_write(api, make_user, org):
    auditor = make_user("auditor", org)
    plan = PlanFactory(person=PersonFactory(organisation=org))
    assert api(auditor).get(f"/api/v1/plans/{plan.pk}/").status_code == 200
    assert (
        api(auditor)
        .post(
            "/api/v1/plans/",
            {"person": plan.person_id, "kind": "social_contract", "started_on": "2024-01-01"},
            format="json",
        )
        .status_code
        == 403
    )
    assert api(auditor).patch(f"/api/v1/plans/{plan.pk}/", {"title": "x"}, format="json").status_code == 403
    assert (
        api(auditor)
        .post(f"/api/v1/plans/{plan.pk}/complete/", {"progress_achieved": True, "outcome_note": "x"}, format="json")
        .status_code
        == 403
    )
    assert api(make_user("worker", org)).get("/api/v1/plans/").status_code == 403


def test_update_plan(api, worker, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    response = api(worker).patch(
        f"/api/v1/plans/{plan.pk}/", {"title": "Nowy tytuł", "planned_end_on": "2024-12-31"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Nowy tytuł" and response.json()["planned_end_on"] == "2024-12-31"
    response = api(worker).put(f"/api/v1/plans/{plan.pk}/", {"status": "completed", "notes": "n"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "draft"  # status changes only through actions


def test_complete_contract(api, worker, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    url = f"/api/v1/plans/{plan.pk}/complete/"
    response = api(worker).post(url, {}, format="json")
    assert response.status_code == 400
    assert "Nie można zakończyć planu bez wyniku" in response.json()["progress_achieved"][0]
    response = api(worker).post(
        url, {"progress_achieved": True, "outcome_note": "Podjął zatrudnienie", "ended_on": "2024-06-30"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress_achieved"], response.json()["ended_on"]) == (
        "completed",
        True,
        "2024-06-30",
    )
    again = api(worker).post(url, {"progress_achieved": False, "outcome_note": "x"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "plan_closed"
    assert SupportPlan.objects.get(pk=plan.pk).progress_achieved is True
    assert SupportPlan.objects.get(pk=plan.pk).outcome_note == "Podjął zatrudnienie"


def test_activate_incomplete_plan_is_a_conflict(api, worker, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    response = api(worker).post(f"/api/v1/plans/{plan.pk}/activate/")
    assert response.status_code == 409
    assert response.json()["code"] == "plan_incomplete" and "nie ma diagnozy" in response.json()["detail"]


def test_goals_actions_reviews_through_the_plan(api, worker, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    client = api(worker)
    goal = client.post(f"/api/v1/plans/{plan.pk}/goals/", {"description": "Stabilizacja mieszkaniowa"}, format="json")
    assert goal.status_code == 201 and goal.json()["order"] == 1
    action = client.post(
        f"/api/v1/plans/{plan.pk}/actions/",
        {
            "description": "Wniosek o mieszkanie",
            "kind": "institution",
            "institution_name": "ZBM",
            "goal": goal.json()["id"],
            "planned_start": "2024-02-01",
        },
        format="json",
    )
    assert action.status_code == 201, action.json()
    done = client.post(f"/api/v1/plan-actions/{action.json()['id']}/done/", {"done_on": "2024-02-10"}, format="json")
    assert done.status_code == 200 and done.json()["done"] is True and done.json()["done_on"] == "2024-02-10"
    bad_review = client.post(f"/api/v1/plans/{plan.pk}/reviews/", {"due_on": "2024-01-01"}, format="json")
    assert bad_review.status_code == 400
    assert bad_review.json()["due_on"] == [
        "Termin przeglądu (01.01.2024) musi być późniejszy niż początek planu (15.01.2024)."
    ]
    review = client.post(f"/api/v1/plans/{plan.pk}/reviews/", {"due_on": "2024-04-15"}, format="json")
    assert review.status_code == 201
    recorded = client.post(
        f"/api/v1/plan-reviews/{review.json()['id']}/record/",
        {"held_on": "2024-04-16", "findings": "Postęp"},
        format="json",
    )
    assert recorded.status_code == 200 and recorded.json()["held_on"] == "2024-04-16"
    assessment = client.put(
        f"/api/v1/plans/{plan.pk}/assessment/", {"problems": "Eksmisja", "needs": "Lokal"}, format="json"
    )
    assert assessment.status_code == 200 and assessment.json()["assessment"]["problems"] == "Eksmisja"
    detail = client.get(f"/api/v1/plans/{plan.pk}/").json()
    assert len(detail["goals"]) == 1 and len(detail["actions"]) == 1 and len(detail["reviews"]) == 1


def test_plan_list_filters_and_query_count(api, worker, org, django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(6):
        plan = PlanFactory(person=PersonFactory(organisation=org), started_on=today - dt.timedelta(days=90))
        AssessmentFactory(plan=plan)
        GoalFactory(plan=plan)
        ReviewFactory(plan=plan, due_on=today + dt.timedelta(days=i * 10))
    PlanFactory(person=PersonFactory(organisation=org), kind="social_contract")
    client = api(worker)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/plans/").json()
    assert body["count"] == 7 and set(body) == {"count", "next", "previous", "results"}
    assert client.get("/api/v1/plans/?kind=social_contract").json()["count"] == 1
    assert client.get("/api/v1/plans/?review_due=14").json()["count"] == 2  # due today and in 10 days
    assert client.get("/api/v1/plans/?review_due_within=14").json()["count"] == 2
    assert client.get("/api/v1/plans/?status=completed").json()["count"] == 0


def test_plan_pdf(api, worker, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    GoalFactory(plan=plan, description="Ukończenie kursu")
    response = api(worker).get(f"/api/v1/plans/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    response = api(worker).get(f"/api/v1/plans/{plan.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200


def test_pal_groups_sessions_attendance(api, worker, org):
    client = api(worker)
    programme = ProgrammeFactory(organisation=org, period_start=dt.date(2018, 9, 25), period_end=dt.date(2020, 6, 30))
    pal = client.post("/api/v1/pal-programmes/", {"programme": programme.pk, "name": "PAL Nadodrze"}, format="json")
    assert pal.status_code == 201, pal.json()
    round_ = client.post(
        "/api/v1/pal-rounds/",
        {"pal": pal.json()["id"], "number": 1, "starts_on": "2018-10-01", "ends_on": "2019-06-30"},
        format="json",
    )
    assert round_.status_code == 201, round_.json()
    group = client.post(
        "/api/v1/pal-groups/", {"round": round_.json()["id"], "name": "Grupa 1", "facilitator": "Ewa"}, format="json"
    )
    assert group.status_code == 201 and group.json()["round_number"] == 1
    group_id = group.json()["id"]
    anna, jan = PersonFactory(organisation=org), PersonFactory(organisation=org)
    assert client.post(f"/api/v1/pal-groups/{group_id}/members/", {"person": anna.pk}, format="json").status_code == 201
    outside = client.post(
        f"/api/v1/pal-groups/{group_id}/sessions/",
        {"date": "2019-07-15", "topic": "x", "duration_minutes": 60},
        format="json",
    )
    assert outside.status_code == 400 and "tury 1" in outside.json()["date"][0]
    session = client.post(
        f"/api/v1/pal-groups/{group_id}/sessions/",
        {"date": "2018-11-05", "topic": "Autoprezentacja", "duration_minutes": 120},
        format="json",
    )
    assert session.status_code == 201
    session_id = session.json()["id"]
    marked = client.post(
        f"/api/v1/pal-sessions/{session_id}/attendance/",
        {"attendance": [{"person": anna.pk, "present": True}, {"person": jan.pk, "present": False}]},
        format="json",
    )
    assert marked.status_code == 200, marked.json()
    assert marked.json()["present_count"] == 1
    assert {row["person"]: row["present"] for row in marked.json()["attendance"]} == {anna.pk: True, jan.pk: False}
    sessions = client.get(f"/api/v1/pal-groups/{group_id}/sessions/").json()
    assert [s["topic"] for s in sessions] == ["Autoprezentacja"]
    listed = client.get(f"/api/v1/pal-groups/?round={round_.json()['id']}").json()
    assert (
        listed["count"] == 1
        and listed["results"][0]["members_count"] == 1
        and listed["results"][0]["sessions_count"] == 1
    )


def test_attendance_in_the_future_is_a_conflict(api, worker, org):
    future = timezone.localdate() + dt.timedelta(days=5)
    group = GroupFactory(
        round=RoundFactory(pal__programme=ProgrammeFactory(organisation=org), starts_on=future, ends_on=future)
    )
    session = GroupSessionFactory(group=group, date=future)
    response = api(worker).post(
        f"/api/v1/pal-sessions/{session.pk}/attendance/",
        [{"person": PersonFactory(organisation=org).pk, "present": True}],
        format="json",
    )
    assert response.status_code == 409 and response.json()["code"] == "session_in_future"
    assert not Attendance.objects.exists()


def test_cooperation_teams_and_members(api, worker, org):
    client = api(worker)
    programme = ProgrammeFactory(organisation=org)
    team = client.post(
        "/api/v1/cooperation-teams/",
        {
            "programme": programme.pk,
            "name": "G-PZK Gmina Bielsk",
            "kind": "g_pzk",
            "area": "gmina Bielsk",
            "milestone": 1,
            "formed_on": "2018-06-01",
        },
        format="json",
    )
    assert team.status_code == 201, team.json()
    team_id = team.json()["id"]
    early = client.post(
        f"/api/v1/cooperation-teams/{team_id}/members/",
        {"institution_name": "GOPS Bielsk", "institution_type": "ops", "joined_on": "2018-05-01"},
        format="json",
    )
    assert early.status_code == 400 and "przed powołaniem zespołu" in early.json()["joined_on"][0]
    member = client.post(
        f"/api/v1/cooperation-teams/{team_id}/members/",
        {"institution_name": "GOPS Bielsk", "institution_type": "ops", "joined_on": "2018-06-01"},
        format="json",
    )
    assert member.status_code == 201
    left = client.patch(
        f"/api/v1/cooperation-team-members/{member.json()['id']}/", {"left_on": "2019-01-31"}, format="json"
    )
    assert left.status_code == 200 and left.json()["left_on"] == "2019-01-31"
    detail = client.get(f"/api/v1/cooperation-teams/{team_id}/").json()
    assert detail["kind"] == "g_pzk" and detail["members"][0]["institution_name"] == "GOPS Bielsk"
    assert client.get("/api/v1/cooperation-teams/?kind=pzk").json()["count"] == 0


def test_social_initiatives(api, worker, org):
    client = api(worker)
    programme = ProgrammeFactory(organisation=org)
    created = client.post(
        "/api/v1/social-initiatives/",
        {
            "programme": programme.pk,
            "name": "Piknik na Nadodrzu",
            "held_on": "2019-06-01",
            "participants_count": 120,
            "description": "Festyn",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    future = client.post(
        "/api/v1/social-initiatives/",
        {
            "programme": programme.pk,
            "name": "Jutro",
            "held_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
        },
        format="json",
    )
    assert future.status_code == 400 and "w przyszłości" in future.json()["held_on"][0]
    listed = client.get(f"/api/v1/social-initiatives/?programme={programme.pk}").json()
    assert listed["count"] == 1 and listed["results"][0]["participants_count"] == 120
    assert (
        client.patch(
            f"/api/v1/social-initiatives/{created.json()['id']}/", {"participants_count": 130}, format="json"
        ).json()["participants_count"]
        == 130
    )


def test_review_due_endpoint_lists_only_open_plans(api, worker, org):
    today = timezone.localdate()
    open_plan = PlanFactory(person=PersonFactory(organisation=org), started_on=today - dt.timedelta(days=10))
    ReviewFactory(plan=open_plan, due_on=today + dt.timedelta(days=1))
    closed = PlanFactory(
        person=PersonFactory(organisation=org),
        started_on=today - dt.timedelta(days=10),
        status=PlanStatus.DISCONTINUED,
        ended_on=today,
    )
    ReviewFactory(plan=closed, due_on=today + dt.timedelta(days=1))
    body = api(worker).get("/api/v1/plans/?review_due=overdue").json()
    assert body["count"] == 0
    body = api(worker).get("/api/v1/plans/?review_due=7").json()
    assert [p["id"] for p in body["results"]] == [open_plan.pk]
    assert body["results"][0]["next_review_on"] == (today + dt.timedelta(days=1)).isoformat()
