import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wsparcie.core.models import AuditEntry
from wsparcie.plans.models import Attendance, CooperationTeamMember, Goal, Review, SocialInitiative, SupportPlan
from wsparcie.plans.tests.factories import GoalFactory, PersonFactory, PlanFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user, org):
    return make_user("social_worker", org)


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def test_menu_links_the_plans_list(logged_in):
    page = logged_in.get(reverse("core:dashboard")).content.decode()
    assert reverse("plans:list") in page


def test_plan_list_filters_and_htmx_partial(logged_in, world, org, django_assert_max_num_queries):
    PlanFactory(person=PersonFactory(organisation=org, last_name="Kontraktowa"), kind="social_contract")
    for _ in range(5):
        PlanFactory(person=PersonFactory(organisation=org))
    with django_assert_max_num_queries(14):
        page = logged_in.get(reverse("plans:list")).content.decode()
    assert "Halina Testowa" in page and "Kontraktowa" in page
    partial = logged_in.get(reverse("plans:list") + "?kind=social_contract", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Kontraktowa" in partial and "Halina" not in partial


def test_review_due_shown_on_list_and_reviews_page(logged_in, org):
    today = timezone.localdate()
    plan = PlanFactory(
        person=PersonFactory(organisation=org, last_name="Zaległa"), started_on=today - dt.timedelta(days=100)
    )
    ReviewFactory(plan=plan, due_on=today - dt.timedelta(days=3))
    listing = logged_in.get(reverse("plans:list")).content.decode()
    assert "1 plan ma przegląd w ciągu 14 dni" in listing
    due = logged_in.get(reverse("plans:list") + "?review_due=overdue").content.decode()
    assert "Zaległa" in due
    reviews = logged_in.get(reverse("plans:reviews") + "?days=7").content.decode()
    assert "Zaległa" in reviews and "po terminie" in reviews


def test_create_plan_by_pesel(logged_in, worker, org):
    person = PersonFactory(organisation=org)
    url = reverse("plans:create")
    bad = logged_in.post(url, {"person": "12345678901", "kind": "reintegration_path", "started_on": "2024-01-15"})
    assert bad.status_code == 200 and "Nie znaleziono w rejestrze osoby o numerze „12345678901”" in bad.content.decode()
    response = logged_in.post(
        url,
        {
            "person": person.pesel,
            "kind": "deinstitutionalisation_plan",
            "started_on": "2024-01-15",
            "social_worker": worker.pk,
        },
    )
    plan = SupportPlan.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.kind == "deinstitutionalisation_plan" and plan.social_worker == worker


def test_detail_page_shows_everything_and_is_audited(logged_in, world):
    plan = world["plan"]
    page = logged_in.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for text in [
        "Halina Testowa",
        "Cel Haliny",
        "Działanie Haliny",
        "Długotrwałe bezrobocie",
        reverse("plans:pdf", args=[plan.pk]),
    ]:
        assert text in page
    assert AuditEntry.objects.filter(action="view", object_type="plans.supportplan", object_id=str(plan.pk)).exists()


def test_add_goal_action_and_review_from_the_page(logged_in, world):
    plan = world["plan"]
    response = logged_in.post(reverse("plans:goal_add", args=[plan.pk]), {"goal-description": "Drugi cel"})
    assert response.status_code == 302
    assert Goal.objects.filter(plan=plan, description="Drugi cel", order=2).exists()
    response = logged_in.post(reverse("plans:review_add", args=[plan.pk]), {"review-due_on": "2024-01-01"})
    assert response.status_code == 200
    assert "musi być późniejszy niż początek planu (15.01.2024)" in response.content.decode()
    assert (
        logged_in.post(reverse("plans:review_add", args=[plan.pk]), {"review-due_on": "2024-09-01"}).status_code == 302
    )
    assert Review.objects.filter(plan=plan, due_on=dt.date(2024, 9, 1)).exists()
    response = logged_in.post(
        reverse("plans:action_add", args=[plan.pk]),
        {"action-description": "Terapia", "action-kind": "institution", "action-institution_name": ""},
    )
    assert "Podaj nazwę instytucji" in response.content.decode()
    assert logged_in.post(reverse("plans:action_done", args=[world["action"].pk]), {"done": "1"}).status_code == 302
    world["action"].refresh_from_db()
    assert world["action"].done


def test_complete_from_the_page(logged_in, world):
    plan = world["plan"]
    url = reverse("plans:complete", args=[plan.pk])
    response = logged_in.post(url, {"progress_achieved": "", "outcome_note": ""})
    assert response.status_code == 200 and "Nie można zakończyć planu bez wyniku" in response.content.decode()
    response = logged_in.post(
        url, {"progress_achieved": "yes", "outcome_note": "Usamodzielnienie", "ended_on": "2024-06-30"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "completed" and plan.progress_achieved is True
    page = logged_in.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Usamodzielnienie" in page and reverse("plans:complete", args=[plan.pk]) not in page


def test_activate_button_reports_what_is_missing(logged_in, org):
    plan = PlanFactory(person=PersonFactory(organisation=org))
    response = logged_in.post(reverse("plans:activate", args=[plan.pk]), follow=True)
    assert "Plan nie ma diagnozy" in response.content.decode()


def test_assessment_and_goal_status_pages(logged_in, world):
    plan = world["plan"]
    response = logged_in.post(
        reverse("plans:assessment", args=[plan.pk]),
        {"problems": "Nowe problemy", "resources": "r", "potential": "p", "predispositions": "d", "needs": "n"},
    )
    assert response.status_code == 302
    plan.assessment.refresh_from_db()
    assert plan.assessment.problems == "Nowe problemy"
    goal = GoalFactory(plan=plan)
    response = logged_in.post(reverse("plans:goal_status", args=[goal.pk]), {"status": "not_achieved", "note": ""})
    assert "Napisz, dlaczego cel nie został osiągnięty." in response.content.decode()


def test_pdf_page(logged_in, world):
    response = logged_in.get(reverse("plans:pdf", args=[world["plan"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_pal_pages_and_attendance_entry(logged_in, world, org):
    assert "Grupa Haliny" in logged_in.get(reverse("plans:pal")).content.decode()
    group_page = logged_in.get(reverse("plans:group", args=[world["group"].pk])).content.decode()
    assert "Spotkanie Haliny" in group_page and "Halina Testowa" in group_page
    newcomer = PersonFactory(organisation=org, first_name="Jerzy")
    response = logged_in.post(
        reverse("plans:group_member_add", args=[world["group"].pk]), {"member-person": newcomer.pesel}
    )
    assert response.status_code == 302
    session = world["session"]
    sheet = logged_in.get(reverse("plans:session", args=[session.pk])).content.decode()
    assert f'id="present-{newcomer.pk}"' in sheet and "Jerzy" in sheet
    response = logged_in.post(reverse("plans:session", args=[session.pk]), {"present": [str(newcomer.pk)]})
    assert response.status_code == 302
    marks = dict(Attendance.objects.filter(session=session).values_list("person_id", "present"))
    assert marks == {world["person"].pk: False, newcomer.pk: True}
    response = logged_in.post(
        reverse("plans:session_create", args=[world["group"].pk]),
        {"session-date": "2020-01-01", "session-topic": "x", "session-duration_minutes": "60"},
    )
    assert "w czasie tury 1" in response.content.decode()


def test_teams_and_initiatives_pages(logged_in, world):
    assert "Zespół Haliny" in logged_in.get(reverse("plans:teams")).content.decode()
    team_page = logged_in.get(reverse("plans:team", args=[world["team"].pk])).content.decode()
    assert "Instytucja Haliny" in team_page
    response = logged_in.post(
        reverse("plans:team_member_add", args=[world["team"].pk]),
        {
            "member-institution_name": "Komisariat Policji",
            "member-institution_type": "police",
            "member-joined_on": "2019-02-01",
        },
    )
    assert (
        response.status_code == 302
        and CooperationTeamMember.objects.filter(institution_name="Komisariat Policji").exists()
    )
    response = logged_in.post(
        reverse("plans:team_member_leave", args=[world["team_member"].pk]), {"left_on": "2019-12-31"}
    )
    assert response.status_code == 302
    listing = logged_in.get(reverse("plans:initiatives")).content.decode()
    assert "Inicjatywa Haliny" in listing and "Przeprowadzono 1 inicjatywę." in listing
    response = logged_in.post(
        reverse("plans:initiative_create"),
        {"programme": world["programme"].pk, "name": "Festyn", "held_on": "2019-06-01", "participants_count": "50"},
    )
    assert response.status_code == 302 and SocialInitiative.objects.filter(name="Festyn").exists()


def test_auditor_sees_but_cannot_edit(client, make_user, org, world):
    client.force_login(make_user("auditor", org))
    page = client.get(reverse("plans:detail", args=[world["plan"].pk])).content.decode()
    assert "Cel Haliny" in page and reverse("plans:complete", args=[world["plan"].pk]) not in page
    assert client.get(reverse("plans:create")).status_code == 403
    assert client.get(reverse("plans:complete", args=[world["plan"].pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("plans:list"))
    assert response.status_code == 302 and reverse("core:login") in response["Location"]


def test_create_plan_links_the_persons_enrolment(logged_in, org):
    from wsparcie.plans.tests.factories import ApplicationFactory

    application = ApplicationFactory(person=PersonFactory(organisation=org))
    response = logged_in.post(
        reverse("plans:create"),
        {
            "person": str(application.person.pk),
            "kind": "reintegration_path",
            "started_on": "2024-02-01",
            "programme": application.programme.pk,
        },
    )
    assert response.status_code == 302
    assert SupportPlan.objects.get(person=application.person).enrolment == application
