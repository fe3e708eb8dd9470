"""Staff pages of recruitment through the Django test client."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wsparcie.core.models import AuditEntry
from wsparcie.enrolment import services
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.enrolment.tests.factories import CertificateFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(org):
    programme = ProgrammeFactory(organisation=org, planned_participants=1, name="Asystent osobisty 2023")
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {
                "code": "orzeczenie",
                "name": "Orzeczenie o stopniu znacznym lub umiarkowanym",
                "kind": "certificate",
                "params": {"degrees": ["significant", "moderate"], "equivalents": True},
            },
            {
                "code": "ocena",
                "name": "Ocena potrzeb",
                "kind": "social_worker_judgement",
                "params": {"question": "Czy potrzebuje asystenta?"},
            },
        ],
    )
    return programme


@pytest.fixture
def logged(client, coordinator):
    client.force_login(coordinator)
    return client


def person_with(org, degree="moderate", **kwargs):
    person = PersonFactory(organisation=org, birth_date=dt.date(1980, 3, 3), **kwargs)
    CertificateFactory(person=person, degree=degree, issued_on=dt.date(2015, 1, 1))
    return person


def test_list_page_filters_and_htmx_partial(logged, programme, org, django_assert_max_num_queries):
    for i in range(4):
        services.application_submit(actor="t", programme=programme, person=person_with(org, last_name=f"Kowal{i}"))
    other = ProgrammeFactory(organisation=org, name="Inny program")
    services.application_submit(actor="t", programme=other, person=person_with(org, last_name="Zieliński"))
    with django_assert_max_num_queries(12):
        response = logged.get(reverse("enrolment:list"))
    assert response.status_code == 200
    assert "Zieliński" in response.content.decode() and "Kowal0" in response.content.decode()
    filtered = logged.get(reverse("enrolment:list"), {"programme": programme.pk, "status": "submitted"})
    assert "Zieliński" not in filtered.content.decode() and "Kowal3" in filtered.content.decode()
    partial = logged.get(reverse("enrolment:list"), {"programme": other.pk}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "Zieliński" in partial.content.decode()
    assert 'href="/staff/enrolment/"' in response.content.decode()  # the staff menu links the queue


def test_detail_explains_every_criterion_in_polish(logged, programme, org):
    application = services.application_submit(actor="t", programme=programme, person=person_with(org, degree="mild"))
    page = logged.get(reverse("enrolment:detail", args=[application.pk])).content.decode()
    assert "orzeczenie o stopniu lekkim; program wymaga stopnia znacznego lub umiarkowanego" in page
    assert "czeka na ocenę pracownika socjalnego: Czy potrzebuje asystenta?" in page
    assert reverse("enrolment:qualify", args=[application.pk]) in page
    assert AuditEntry.objects.filter(
        action="view", object_type="enrolment.application", object_id=str(application.pk)
    ).exists()


def test_decision_then_qualify_through_the_pages(logged, programme, org):
    application = services.application_submit(actor="t", programme=programme, person=person_with(org))
    criterion = EligibilityCriterion.objects.get(programme=programme, code="ocena")
    url = reverse("enrolment:decision", args=[application.pk, criterion.pk])
    response = logged.post(
        url,
        {
            f"d{criterion.pk}-criterion": criterion.pk,
            f"d{criterion.pk}-passed": "1",
            f"d{criterion.pk}-note": "Wywiad 2.06.",
            f"d{criterion.pk}-decided_on": "2023-06-02",
        },
    )
    assert response.status_code == 302
    assert CriterionDecision.objects.get(criterion=criterion).passed is True
    application.refresh_from_db()
    assert application.eligible is True
    response = logged.post(reverse("enrolment:qualify", args=[application.pk]), {"on": "2023-06-05"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "enrolled" and application.enrolled_on == dt.date(2023, 6, 5)


def test_refused_qualification_shows_the_reasons(logged, programme, org):
    application = services.application_submit(actor="t", programme=programme, person=person_with(org, degree="mild"))
    response = logged.post(reverse("enrolment:qualify", args=[application.pk]), {"on": "2023-06-05"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "Osoba nie spełnia kryteriów programu" in page
    assert "orzeczenie o stopniu lekkim" in page
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_withdraw_reject_complete_declaration_review_pages(logged, programme, org):
    a = services.application_submit(actor="t", programme=programme, person=person_with(org))
    b = services.application_submit(actor="t", programme=programme, person=person_with(org))
    c = services.application_submit(actor="t", programme=programme, person=person_with(org))
    EligibilityCriterion.objects.filter(programme=programme, code="ocena").delete()
    assert logged.post(reverse("enrolment:review", args=[a.pk])).status_code == 302
    logged.post(reverse("enrolment:qualify", args=[a.pk]), {"on": "2023-06-05", "await_declaration": "on"})
    logged.post(reverse("enrolment:qualify", args=[b.pk]), {"on": "2023-06-05"})
    assert Application.objects.get(pk=a.pk).status == "qualified"
    assert Application.objects.get(pk=b.pk).status == "waiting_list"
    empty = logged.post(reverse("enrolment:reject", args=[c.pk]), {"reason": ""})
    assert empty.status_code == 200 and "To pole jest wymagane" in empty.content.decode()
    logged.post(reverse("enrolment:reject", args=[c.pk]), {"reason": "Rezygnacja telefoniczna."})
    assert Application.objects.get(pk=c.pk).rejection_reason == "Rezygnacja telefoniczna."
    response = logged.post(reverse("enrolment:withdraw", args=[a.pk]), {"on": "2023-07-01"}, follow=True)
    assert "Zwolnione miejsce zaoferowano" in response.content.decode()
    assert Application.objects.get(pk=b.pk).status == "qualified"
    logged.post(reverse("enrolment:sign_declaration", args=[b.pk]), {"signed_on": "2023-07-02"})
    assert Application.objects.get(pk=b.pk).status == "enrolled"
    logged.post(reverse("enrolment:complete", args=[b.pk]), {"ended_on": "2023-12-31"})
    assert Application.objects.get(pk=b.pk).status == "completed"
    waiting = logged.get(reverse("enrolment:waiting_list", args=[programme.pk])).content.decode()
    assert "Lista rezerwowa jest pusta" in waiting


def test_create_application_by_pesel(logged, programme, org):
    person = person_with(org)
    form = logged.get(reverse("enrolment:create"))
    assert form.status_code == 200
    bad = logged.post(reverse("enrolment:create"), {"programme": programme.pk, "pesel": "12345678901"})
    assert "cyfra kontrolna" in bad.content.decode()
    response = logged.post(reverse("enrolment:create"), {"programme": programme.pk, "pesel": person.pesel})
    assert response.status_code == 302
    assert Application.objects.filter(programme=programme, person=person).exists()
    assert person.pesel not in response["Location"]


def test_criteria_editor(logged, programme):
    url = reverse("enrolment:criteria", args=[programme.pk])
    page = logged.get(url).content.decode()
    assert "Orzeczenie o stopniu znacznym lub umiarkowanym" in page
    invalid = logged.post(url, {"code": "dochod", "name": "Dochód", "kind": "income", "params": "{percent: 150"})
    assert invalid.status_code == 400 and "Niepoprawny JSON" in invalid.content.decode()
    wrong = logged.post(url, {"code": "dochod", "name": "Dochód", "kind": "income", "params": '{"percent": 0}'})
    assert "większy od 0" in wrong.content.decode()
    ok = logged.post(url, {"code": "dochod", "name": "Dochód", "kind": "income", "params": '{"percent": 150}'})
    assert ok.status_code == 302
    criterion = EligibilityCriterion.objects.get(programme=programme, code="dochod")
    assert criterion.order == 2
    edit_url = reverse("enrolment:criterion_edit", args=[criterion.pk])
    assert logged.get(edit_url).status_code == 200
    logged.post(
        edit_url,
        {"code": "dochod", "name": "Dochód 200%", "kind": "income", "params": '{"percent": 200}', "order": "2"},
    )
    criterion.refresh_from_db()
    assert criterion.params == {"percent": 200} and criterion.name == "Dochód 200%"
    logged.post(edit_url, {"delete": "1"})
    assert not EligibilityCriterion.objects.filter(pk=criterion.pk).exists()


def test_screening_page_and_export(logged, programme, org):
    person_with(org, last_name="Adamczyk")
    PersonFactory(organisation=org, last_name="Bez Orzeczenia")
    EligibilityCriterion.objects.filter(programme=programme, code="ocena").delete()
    url = reverse("enrolment:screening", args=[programme.pk])
    page = logged.get(url).content.decode()
    assert "Adamczyk" in page and "Bez Orzeczenia" not in page
    export = logged.get(url, {"export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert "Adamczyk" in b"".join(export.streaming_content).decode()
    assert AuditEntry.objects.filter(object_type="enrolment.screening", action="action").exists()


def test_programmes_and_waiting_list_pages(logged, programme, org):
    assert "Asystent osobisty 2023" in logged.get(reverse("enrolment:programmes")).content.decode()
    response = logged.post(reverse("enrolment:waiting_list", args=[programme.pk]), follow=True)
    assert "Brak wolnych miejsc albo pusta lista rezerwowa" in response.content.decode()


def test_pages_require_login(client, programme):
    response = client.get(reverse("enrolment:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("enrolment:criteria", args=[programme.pk])).status_code == 302
