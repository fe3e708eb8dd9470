import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wsparcie.core.models import AuditEntry
from wsparcie.delivery import rules, services
from wsparcie.delivery.choices import SessionStatus
from wsparcie.delivery.models import MonthlyCard, ServiceLimit, Session, Worker
from wsparcie.delivery.tests.factories import (
    EnrolmentFactory,
    EquipmentItemFactory,
    GrantFactory,
    PersonFactory,
    ProgrammeFactory,
    ServiceFactory,
    WorkerFactory,
    at,
)

ACTOR = "test"


def pdf_text(content: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def data(org, programme, service, enrolment, worker):
    service.limit_per_participant = Decimal("240")
    service.limit_per_month = Decimal("30")
    service.activities = ["daily_activities", "trips", "official_matters", "culture"]
    service.save()
    GrantFactory(enrolment=enrolment, service=service, units=Decimal("120"))
    session = services.session_create(
        actor=ACTOR,
        worker=worker,
        enrolment=enrolment,
        service=service,
        start=at("2023-05-10", 9),
        end=at("2023-05-10", 11, 30),
        activity="culture",
        note="Teatr Dramatyczny",
    )
    services.session_create(
        actor=ACTOR,
        worker=worker,
        enrolment=enrolment,
        service=service,
        start=at("2023-05-12", 9),
        end=at("2023-05-12", 10),
    )
    person = PersonFactory(organisation=org)
    item = EquipmentItemFactory(organisation=org)
    loan = services.loan_create(actor=ACTOR, item=item, person=person, start_date=dt.date(2023, 3, 1))
    aid = services.meal_aid_create(
        actor=ACTOR, organisation=org, person=person, month=dt.date(2023, 5, 1), form="home_meal", meals=20
    )
    return {"session": session, "item": item, "loan": loan, "aid": aid, "person": person}


def test_delivery_index_and_my_day_url_names_exist():
    assert reverse("delivery:index") == "/staff/delivery/"
    assert reverse("delivery:my_day") == "/staff/delivery/my-day/"


@pytest.mark.django_db
def test_every_staff_page_renders(staff, data, programme, service, enrolment, worker):
    s, loan, item = data["session"], data["loan"], data["item"]
    pages = [
        ("delivery:index", []),
        ("delivery:worker_list", []),
        ("delivery:worker_create", []),
        ("delivery:worker_detail", [worker.pk]),
        ("delivery:worker_edit", [worker.pk]),
        ("delivery:contract_create", [worker.pk]),
        ("delivery:worker_week", [worker.pk]),
        ("delivery:service_list", []),
        ("delivery:service_create", []),
        ("delivery:rate_cap", []),
        ("delivery:service_detail", [service.pk]),
        ("delivery:service_edit", [service.pk]),
        ("delivery:service_limits", [service.pk]),
        ("delivery:participant_list", []),
        ("delivery:participant_detail", [enrolment.pk]),
        ("delivery:participant_week", [enrolment.pk]),
        ("delivery:grant", [enrolment.pk]),
        ("delivery:assignment_create", [enrolment.pk]),
        ("delivery:participant_card", [enrolment.pk, 2023, 5]),
        ("delivery:session_list", []),
        ("delivery:session_create", []),
        ("delivery:session_detail", [s.pk]),
        ("delivery:session_edit", [s.pk]),
        ("delivery:costs", []),
        ("delivery:meal_list", []),
        ("delivery:meal_create", []),
        ("delivery:item_list", []),
        ("delivery:item_create", []),
        ("delivery:settings", []),
        ("delivery:item_detail", [item.pk]),
        ("delivery:item_edit", [item.pk]),
        ("delivery:loan_list", []),
        ("delivery:loan_overdue", []),
        ("delivery:loan_create", []),
        ("delivery:loan_detail", [loan.pk]),
    ]
    for name, args in pages:
        response = staff.get(reverse(name, args=args))
        assert response.status_code == 200, (name, response.status_code)
        assert "<h1" in response.content.decode()
    week = staff.get(reverse("delivery:worker_week", args=[worker.pk]) + "?week=2023-05-08").content.decode()
    assert "09:00–11:30" in week and str(enrolment.person) in week
    assert "Teatr Dramatyczny" not in week  # the note is not on the calendar, only on the session
    costs = staff.get(reverse("delivery:costs") + f"?programme={programme.pk}").content.decode()
    assert "140,00 zł" in costs  # 3.5 h × 40 zł
    listing = staff.get(reverse("delivery:session_list") + "?month=2023-05", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in listing and "10.05.2023 09:00" in listing


@pytest.mark.django_db
def test_session_form_shows_the_rule_error_in_polish_and_saves_nothing(
    staff, data, programme, service, enrolment, worker
):
    other = EnrolmentFactory(programme=programme)
    response = staff.post(
        reverse("delivery:session_create"),
        {
            "enrolment": other.pk,
            "worker": worker.pk,
            "service": service.pk,
            "start": "2023-05-10T10:00",
            "end": "2023-05-10T12:00",
            "status": "delivered",
            "activity": "trips",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and "ma już w tym czasie sesję" in body and f"#{data['session'].pk}" in body
    assert Session.objects.filter(enrolment=other).count() == 0
    response = staff.post(
        reverse("delivery:session_create"),
        {
            "enrolment": other.pk,
            "worker": worker.pk,
            "service": service.pk,
            "start": "2023-05-10T12:00",
            "end": "2023-05-10T13:15",
            "status": "delivered",
            "activity": "trips",
            "travel_minutes": "30",
        },
    )
    assert response.status_code == 302
    created = Session.objects.get(enrolment=other)
    assert created.units == Decimal("1.25") and created.start == at("2023-05-10", 12)
    response = staff.post(
        reverse("delivery:session_create"),
        {
            "enrolment": other.pk,
            "worker": worker.pk,
            "service": service.pk,
            "start": "2023-05-20T12:00",
            "end": "2023-05-20T13:00",
            "status": "delivered",
            "activity": "therapy",
        },
    )
    assert "Ta usługa dopuszcza czynności" in response.content.decode()


@pytest.mark.django_db
def test_correction_in_a_closed_month_needs_a_reason_on_the_page(staff, data, enrolment):
    session = data["session"]
    response = staff.post(
        reverse("delivery:participant_card", args=[enrolment.pk, 2023, 5]),
        {"signed_by": "Anna Nowak", "signed_on": "2023-06-01"},
    )
    assert (
        response.status_code == 302
        and MonthlyCard.objects.filter(enrolment=enrolment, month=dt.date(2023, 5, 1)).exists()
    )
    form = {
        "worker": session.worker_id,
        "service": session.service_id,
        "start": "2023-05-10T09:00",
        "end": "2023-05-10T10:30",
        "status": "delivered",
        "activity": "culture",
        "note": session.note,
        "travel_minutes": "0",
    }
    response = staff.post(reverse("delivery:session_edit", args=[session.pk]), form)
    assert response.status_code == 200 and "wymaga podania powodu" in response.content.decode()
    response = staff.post(
        reverse("delivery:session_edit", args=[session.pk]), {**form, "reason": "Uczestnik wrócił wcześniej"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.units == Decimal("1.50")
    entry = AuditEntry.objects.filter(
        object_type="delivery.session", object_id=str(session.pk), action="update"
    ).latest("id")
    assert "Uczestnik wrócił wcześniej" in entry.note
    card = staff.get(reverse("delivery:participant_card", args=[enrolment.pk, 2023, 5])).content.decode()
    assert "Miesiąc zamknięty" in card and "Uczestnik wrócił wcześniej" in card


@pytest.mark.django_db
def test_participant_card_pdf_lists_sessions_totals_and_signature_fields(staff, data, enrolment):
    response = staff.get(reverse("delivery:participant_card_pdf", args=[enrolment.pk, 2023, 5]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    assert pages >= 1
    assert "KARTA REALIZACJI USŁUG" in text and str(enrolment.person) in text
    assert "10.05.2023" in text and "12.05.2023" in text and "korzystanie z dóbr kultury" in text
    assert "3,5" in text and "140,00" in text  # month total units and cost
    assert "120" in text and "240" in text and "30" in text  # granted, edition and monthly limits
    assert "podpis uczestnika" in text.lower()
    assert AuditEntry.objects.filter(
        action="view", object_type="enrolment.application", object_id=str(enrolment.pk)
    ).exists()
    # The HTML card carries the same totals.
    html = staff.get(reverse("delivery:participant_card", args=[enrolment.pk, 2023, 5])).content.decode()
    assert "3,5" in html and "140,00 zł" in html


@pytest.mark.django_db
def test_worker_card_and_loan_agreement_pdfs(staff, data, worker):
    pages, text = pdf_text(staff.get(reverse("delivery:worker_card_pdf", args=[worker.pk, 2023, 5])).content)
    assert pages >= 1 and str(worker) in text and "Podpis realizatora" in text
    pages, text = pdf_text(staff.get(reverse("delivery:loan_pdf", args=[data["loan"].pk])).content)
    assert "UMOWA UŻYCZENIA" in text and data["loan"].number in text and "01.07.2023" in text  # due in four months


@pytest.mark.django_db
def test_limit_table_page_saves_rows(staff, service):
    form = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-degree": "significant",
        "form-0-several_symbols": "yes",
        "form-0-limit": "840",
        "form-1-degree": "significant",
        "form-1-several_symbols": "",
        "form-1-limit": "720",
        "form-2-degree": "any",
        "form-2-child": "on",
        "form-2-limit": "360",
    }
    response = staff.post(reverse("delivery:service_limits", args=[service.pk]), form)
    assert response.status_code == 302
    rows = {(r.degree, r.several_symbols, r.child): r.limit for r in ServiceLimit.objects.filter(service=service)}
    assert rows == {("significant", True, False): 840, ("significant", None, False): 720, ("any", None, True): 360}


@pytest.mark.django_db
def test_worker_sees_only_own_participants_and_todays_sessions(client, make_user, org, programme, service):
    today = timezone.localdate()
    programme.period_start, programme.period_end = today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    programme.save()
    user = make_user("worker", org)
    mine = WorkerFactory(organisation=org, user=user, first_name="Maria", last_name="Asystentka")
    colleague = WorkerFactory(organisation=org)
    my_participant = EnrolmentFactory(
        programme=programme, enrolled_on=today - dt.timedelta(days=10), person__first_name="Zofia"
    )
    other_participant = EnrolmentFactory(
        programme=programme, enrolled_on=today - dt.timedelta(days=10), person__first_name="Tadeusz"
    )
    ten = dt.datetime.combine(today, dt.time(10), tzinfo=rules.WARSAW)
    planned = services.session_create(
        actor=ACTOR,
        worker=mine,
        enrolment=my_participant,
        service=service,
        start=ten,
        end=ten + dt.timedelta(hours=2),
        status=SessionStatus.PLANNED,
    )
    theirs = services.session_create(
        actor=ACTOR,
        worker=colleague,
        enrolment=other_participant,
        service=service,
        start=ten,
        end=ten + dt.timedelta(hours=2),
        status=SessionStatus.PLANNED,
    )
    client.force_login(user)
    page = client.get(reverse("delivery:my_day")).content.decode()
    assert "Zofia" in page and "Tadeusz" not in page and "Rozpocznij" in page
    assert 'name="viewport"' in page  # usable on a phone
    # Staff pages are not theirs.
    assert client.get(reverse("delivery:index")).status_code == 403
    assert client.get(reverse("delivery:session_detail", args=[planned.pk])).status_code in (403, 404)
    # Someone else's session cannot be started.
    assert client.post(reverse("delivery:my_session_start", args=[theirs.pk])).status_code == 404
    client.post(reverse("delivery:my_session_start", args=[planned.pk]))
    planned.refresh_from_db()
    assert planned.status == SessionStatus.IN_PROGRESS
    client.post(
        reverse("delivery:my_session_stop", args=[planned.pk]), {"activity": "official_matters", "note": "Urząd"}
    )
    planned.refresh_from_db()
    assert (
        planned.status == SessionStatus.DELIVERED and planned.activity == "official_matters" and planned.note == "Urząd"
    )
    # A login with no worker record sees a clear message.
    lonely = make_user("worker", org)
    client.force_login(lonely)
    assert "nie jest powiązane" in client.get(reverse("delivery:my_day")).content.decode()
    # A coordinator has no "delivery.own": the worker's view is not theirs.
    client.force_login(make_user("coordinator", org))
    assert client.get(reverse("delivery:my_day")).status_code == 403
    assert Worker.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_worker_create_page_and_loan_page_errors(staff, org, coordinator):
    response = staff.post(
        reverse("delivery:worker_create"),
        {"first_name": "Ewa", "last_name": "Nowak", "role": "assistant", "qualifications": ["pedagogue", "experience"]},
    )
    assert response.status_code == 302
    worker = Worker.objects.get(last_name="Nowak", first_name="Ewa")
    assert worker.organisation == org and worker.qualifications == ["pedagogue", "experience"]
    services.delivery_settings_set(actor=ACTOR, organisation=org, guarantor_threshold=Decimal("1000"))
    item = EquipmentItemFactory(organisation=org, value=Decimal("4500.00"))
    person = PersonFactory(organisation=org)
    response = staff.post(
        reverse("delivery:loan_create"), {"item": item.pk, "person": person.pk, "start_date": "2023-04-01"}
    )
    assert response.status_code == 200 and "wymagany jest poręczyciel" in response.content.decode()
    response = staff.post(
        reverse("delivery:loan_create"),
        {"item": item.pk, "person": person.pk, "start_date": "2023-04-01", "guarantor_name": "Jan Kowalski"},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_meal_page_shows_monthly_totals(staff, data, org):
    response = staff.post(
        reverse("delivery:meal_create"),
        {"person": data["person"].pk, "month": "2023-05", "form": "cash_benefit", "amount": "150,50"},
    )
    assert response.status_code == 302
    page = staff.get(reverse("delivery:meal_list") + "?year=2023").content.decode()
    assert "05.2023" in page and "150,50" in page and ">20 (1)<" in page


@pytest.mark.django_db
def test_social_worker_reads_but_cannot_write(client, make_user, org, data, enrolment):
    client.force_login(make_user("social_worker", org))
    assert client.get(reverse("delivery:participant_detail", args=[enrolment.pk])).status_code == 200
    assert client.get(reverse("delivery:session_create")).status_code == 403
    assert client.get(reverse("delivery:session_edit", args=[data["session"].pk])).status_code == 404
    response = client.post(
        reverse("delivery:participant_card", args=[enrolment.pk, 2023, 5]),
        {"signed_by": "X", "signed_on": "2023-06-01"},
    )
    assert response.status_code == 404 and not MonthlyCard.objects.exists()


@pytest.mark.django_db
def test_programme_of_another_edition_is_offered_only_in_own_org(staff, other_org):
    ProgrammeFactory(organisation=other_org, name="Cudzy program")
    ServiceFactory(programme__organisation=other_org)
    assert "Cudzy program" not in staff.get(reverse("delivery:service_create")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_my_day_and_session_form_pass_axe_on_a_phone(page, login_page, axe, make_user, org, programme, service):
    today = timezone.localdate()
    programme.period_start, programme.period_end = today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    programme.save()
    user = make_user("worker", org)
    worker = WorkerFactory(organisation=org, user=user)
    enrolment = EnrolmentFactory(programme=programme, enrolled_on=today - dt.timedelta(days=1))
    ten = dt.datetime.combine(today, dt.time(10), tzinfo=rules.WARSAW)
    services.session_create(
        actor=ACTOR,
        worker=worker,
        enrolment=enrolment,
        service=service,
        start=ten,
        end=ten + dt.timedelta(hours=1),
        status=SessionStatus.PLANNED,
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(user.username)
    page.goto("/staff/delivery/my-day/")
    assert page.get_by_role("button", name="Rozpocznij").is_visible()
    axe(page)
    page.get_by_role("button", name="Rozpocznij").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Zakończ").is_visible()
    axe(page)
    coordinator = make_user("coordinator", org)
    page.context.clear_cookies()
    login_page(coordinator.username)
    page.goto("/staff/delivery/sessions/new/")
    # The started session now runs from the moment "Rozpocznij" was pressed: the new one begins
    # then too, so it overlaps whatever the time of day the test runs at.
    started = Session.objects.get(worker=worker).start.astimezone(rules.WARSAW)
    page.locator("#id_start").fill(f"{started:%Y-%m-%dT%H:%M}")
    page.locator("#id_end").fill(f"{started + dt.timedelta(minutes=30):%Y-%m-%dT%H:%M}")
    page.locator("#id_enrolment").select_option(str(enrolment.pk))
    page.locator("#id_worker").select_option(str(worker.pk))
    page.locator("#id_service").select_option(str(service.pk))
    page.get_by_role("button", name="Zapisz", exact=True).click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "ma już w tym czasie sesję" in alert.inner_text()
    axe(page)
