"""Plan actions linked to the delivery app's services and sessions (nullable foreign keys)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsparcie.plans import services
from wsparcie.plans.tests.factories import ApplicationFactory, PersonFactory, PlanFactory

pytestmark = pytest.mark.django_db


def delivery_rows(org, application):
    Service = apps.get_model("delivery", "Service")
    Worker = apps.get_model("delivery", "Worker")
    Session = apps.get_model("delivery", "Session")
    service = Service.objects.create(
        organisation=org,
        programme=application.programme,
        name="Asystencja",
        kind="personal_assistance",
        unit="hour",
        rate=Decimal("45.00"),
    )
    worker = Worker.objects.create(organisation=org, first_name="Ewa", last_name="Asystentka", role="assistant")
    start = timezone.make_aware(dt.datetime(2024, 3, 4, 10, 0))
    session = Session.objects.create(
        organisation=org,
        worker=worker,
        enrolment=application,
        service=service,
        start=start,
        end=start + dt.timedelta(hours=2),
        units=Decimal("2.00"),
        rate=Decimal("45.00"),
        cost=Decimal("90.00"),
    )
    return service, session


def test_action_links_a_service_and_the_participants_session(make_user, org, api):
    worker = make_user("social_worker", org)
    application = ApplicationFactory(person=PersonFactory(organisation=org))
    service, session = delivery_rows(org, application)
    plan = PlanFactory(person=application.person, enrolment=application, programme=application.programme)
    action = services.action_create(
        actor=worker, plan=plan, description="Asystencja w zakupach", service=service, session=session
    )
    assert (action.service, action.session) == (service, session)

    other_plan = PlanFactory(person=PersonFactory(organisation=org))
    with pytest.raises(ValidationError) as exc:
        services.action_create(actor=worker, plan=other_plan, description="x", session=session)
    assert "dotyczy innego uczestnika" in exc.value.message_dict["session"][0]

    response = api(worker).post(
        f"/api/v1/plans/{plan.pk}/actions/", {"description": "Kolejna asystencja", "service": service.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["service"] == service.pk
    detail = api(worker).get(f"/api/v1/plans/{plan.pk}/").json()
    assert {a["service"] for a in detail["actions"]} == {service.pk}


def test_another_organisations_service_cannot_be_linked(make_user, org, other_org, api):
    worker = make_user("social_worker", org)
    foreign_application = ApplicationFactory(person=PersonFactory(organisation=other_org))
    service, _session = delivery_rows(other_org, foreign_application)
    plan = PlanFactory(person=PersonFactory(organisation=org))
    response = api(worker).post(
        f"/api/v1/plans/{plan.pk}/actions/", {"description": "x", "service": service.pk}, format="json"
    )
    assert response.status_code == 400 and "service" in response.json()
    with pytest.raises(ValidationError):
        services.action_create(actor=worker, plan=plan, description="x", service=service)
