from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsparcie.core.tests.factories import MembershipFactory
from wsparcie.programmes import services
from wsparcie.programmes.models import Programme, ProgrammeDocument
from wsparcie.programmes.tests.factories import FundingSourceFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def text(response) -> str:
    return response.content.decode()


def test_list_shows_polish_money_and_filters(client, coordinator, org):
    ProgrammeFactory(
        organisation=org,
        name="Asystent osobisty",
        edition="2023",
        total_value=D("911001.37"),
        grant_amount=D("911001.37"),
        own_contribution=None,
    )
    ProgrammeFactory(organisation=org, name="SmartCare", edition="", kind="eu_project")
    client.force_login(coordinator)
    page = text(client.get(reverse("programmes:list")))
    assert "911 001,37 zł" in page and "100,00%" in page
    assert "SmartCare" in page
    filtered = text(client.get(reverse("programmes:list"), {"kind": "eu_project"}))
    assert "SmartCare" in filtered and "Asystent osobisty" not in filtered
    searched = text(client.get(reverse("programmes:list"), {"q": "asystent"}))
    assert "Asystent osobisty" in searched and "SmartCare" not in searched


def test_list_htmx_returns_only_the_results(client, coordinator, org):
    ProgrammeFactory(organisation=org, name="SmartCare")
    client.force_login(coordinator)
    response = client.get(reverse("programmes:list"), {"q": "smart"}, HTTP_HX_REQUEST="true")
    body = text(response)
    assert body.lstrip().startswith('<div id="results">')
    assert "SmartCare" in body and "<html" not in body


def test_detail_shows_everything(client, coordinator, org):
    programme = ProgrammeFactory(
        organisation=org,
        name="Pomorskie Dzieciom",
        total_value=D("176040.00"),
        grant_amount=D("176040.00"),
        eu_contribution=D("166260.00"),
        own_contribution=None,
        period_start=date(2021, 9, 1),
        period_end=date(2022, 6, 30),
    )
    services.durability_add(
        actor="t", programme=programme, subject="Miejsca świadczenia usług", places=15, min_months=10
    )
    services.link_add(actor="t", programme=programme, label="gov.pl", url="https://www.gov.pl/web/rodzina")
    client.force_login(coordinator)
    page = text(client.get(reverse("programmes:detail", args=[programme.pk])))
    for expected in [
        "Pomorskie Dzieciom",
        "176 040,00 zł",
        "166 260,00 zł",
        "94,44%",
        "Miejsca świadczenia usług",
        "Minimalny okres (miesiące): 10",
        "01.09.2021 – 30.06.2022",
        "https://www.gov.pl/web/rodzina",
    ]:
        assert expected in page, expected
    assert reverse("programmes:edit", args=[programme.pk]) in page


def test_create_with_polish_money(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Korpus Wsparcia Seniorów na rok 2023",
            "kind": "ministry_programme",
            "edition": "2023",
            "status": "current",
            "period_precision": "month",
            "total_value": "25 053,00",
            "grant_amount": "20 042,00 zł",
            "own_contribution": "5011",
            "period_start": "2023-06-01",
            "period_end": "2023-12-31",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, text(response)
    programme = Programme.objects.get()
    assert programme.organisation == org and programme.co_financing_rate == D("80.00")
    assert response["Location"] == reverse("programmes:detail", args=[programme.pk])


def test_create_new_series(client, coordinator, org):
    client.force_login(coordinator)
    client.post(
        reverse("programmes:create"),
        {
            "name": "AOON",
            "kind": "ministry_programme",
            "status": "current",
            "period_precision": "day",
            "new_series": "Asystent osobisty",
        },
    )
    assert Programme.objects.get().series.slug == "asystent-osobisty"


def test_create_errors_are_polish_and_keep_the_input(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "X",
            "kind": "grant",
            "status": "current",
            "period_precision": "day",
            "total_value": "25 000,00",
            "grant_amount": "20 042,00",
            "own_contribution": "5 011,00",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "dają razem 25 053,00 zł, a całkowita wartość to 25 000,00 zł" in page
    assert 'value="25 000,00"' in page
    response = client.post(
        reverse("programmes:create"),
        {"name": "X", "kind": "grant", "status": "current", "period_precision": "day", "total_value": "dużo"},
    )
    assert "Nieprawidłowa kwota" in text(response)
    assert not Programme.objects.exists()


def test_edit_shows_polish_amounts_and_saves(client, coordinator, org):
    programme = ProgrammeFactory(
        organisation=org, total_value=D("911001.37"), grant_amount=D("911001.37"), own_contribution=None
    )
    client.force_login(coordinator)
    url = reverse("programmes:edit", args=[programme.pk])
    assert 'value="911 001,37"' in text(client.get(url))
    response = client.post(
        url,
        {
            "name": programme.name,
            "slug": programme.slug,
            "kind": programme.kind,
            "status": "current",
            "period_precision": "day",
            "total_value": "911 001,37",
            "grant_amount": "900 000",
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.grant_amount == D("900000.00")


def test_child_rows_add_and_remove(client, coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    efs = FundingSourceFactory()
    client.force_login(coordinator)
    add = lambda kind, data: client.post(reverse("programmes:child_add", args=[programme.pk, kind]), data)  # noqa: E731
    assert (
        add("targets", {"targets-kind": "participants", "targets-label": "dzieci", "targets-count": "5"}).status_code
        == 302
    )
    assert add("activities", {"activities-text": "poradnictwo"}).status_code == 302
    assert (
        add(
            "limits",
            {
                "limits-label": "Opieka",
                "limits-quantity": "240",
                "limits-unit": "hour",
                "limits-period": "programme",
                "limits-applies_to": "participant",
            },
        ).status_code
        == 302
    )
    assert (
        add(
            "milestones",
            {
                "milestones-name": "I KM",
                "milestones-start": "2018-03-28",
                "milestones-end": "2019-03-27",
                "milestones-status": "planned",
            },
        ).status_code
        == 302
    )
    milestone = programme.milestones.get()
    assert (
        add(
            "milestone-targets",
            {
                "milestone-targets-milestone": milestone.pk,
                "milestone-targets-label": "Raporty",
                "milestone-targets-value": "9",
            },
        ).status_code
        == 302
    )
    assert (
        add(
            "durability", {"durability-subject": "Miejsca", "durability-places": "15", "durability-min_months": "10"}
        ).status_code
        == 302
    )
    assert add("partners", {"partners-name": "Fundacja", "partners-role": "partner"}).status_code == 302
    assert add("fundings", {"fundings-source": efs.pk, "fundings-amount": "1 000,50"}).status_code == 302
    assert add("links", {"links-label": "gov.pl", "links-url": "https://www.gov.pl/"}).status_code == 302
    programme.refresh_from_db()
    assert programme.fundings.get().amount == D("1000.50")
    assert milestone.targets.get().value == 9
    assert programme.durability.get().places == 15

    # errors come back on the detail page, in Polish
    response = add("fundings", {"fundings-source": efs.pk, "fundings-amount": "5"})
    assert response.status_code == 400
    assert "jest już na liście finansowania" in text(response)
    response = add(
        "milestones",
        {
            "milestones-name": "Zły",
            "milestones-start": "2019-01-01",
            "milestones-end": "2018-01-01",
            "milestones-status": "planned",
        },
    )
    assert response.status_code == 400 and "przed" in text(response)

    activity = programme.activities.get()
    response = client.post(reverse("programmes:child_remove", args=[programme.pk, "activities", activity.pk]))
    assert response.status_code == 302
    assert not programme.activities.exists()
    assert client.post(reverse("programmes:child_add", args=[programme.pk, "nonsense"]), {}).status_code == 404


def test_document_upload_and_download(client, coordinator, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory(organisation=org)
    client.force_login(coordinator)
    url = reverse("programmes:child_add", args=[programme.pk, "documents"])
    upload = SimpleUploadedFile("Regulamin rekrutacji.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        url, {"documents-title": "Regulamin", "documents-kind": "regulations", "documents-file": upload}
    )
    assert response.status_code == 302
    document = ProgrammeDocument.objects.get()
    response = client.get(reverse("programmes:document", args=[programme.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"

    bad = SimpleUploadedFile("program.exe", b"MZ\x90", content_type="application/octet-stream")
    response = client.post(url, {"documents-title": "Zły", "documents-kind": "other", "documents-file": bad})
    assert response.status_code == 400
    assert "niedozwolony typ" in text(response)
    assert ProgrammeDocument.objects.count() == 1


def test_delete_page(client, coordinator, org):
    programme = ProgrammeFactory(organisation=org)
    client.force_login(coordinator)
    assert client.get(reverse("programmes:delete", args=[programme.pk])).status_code == 200
    assert client.post(reverse("programmes:delete", args=[programme.pk])).status_code == 302
    assert not Programme.objects.exists()


def test_organisation_is_asked_when_the_user_writes_in_several(client, make_user, org, other_org):
    user = make_user("coordinator", org)
    MembershipFactory(user=user, organisation=other_org, role="administrator")
    client.force_login(user)
    page = text(client.get(reverse("programmes:create")))
    assert 'name="organisation"' in page
    response = client.post(
        reverse("programmes:create"),
        {"organisation": "org-b", "name": "X", "kind": "grant", "status": "current", "period_precision": "day"},
    )
    assert response.status_code == 302
    assert Programme.objects.get().organisation == other_org


def test_staff_pages_need_login(client, org):
    programme = ProgrammeFactory(organisation=org)
    for url in [
        reverse("programmes:list"),
        reverse("programmes:detail", args=[programme.pk]),
        reverse("programmes:create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_list_page_query_count_does_not_grow_with_rows(client, coordinator, org, django_assert_max_num_queries):
    for n in range(20):
        ProgrammeFactory(organisation=org, name=f"Program {n}")
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:list"))
    assert response.content.decode().count("/staff/programmes/") >= 20
