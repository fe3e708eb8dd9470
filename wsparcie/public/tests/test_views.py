from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.programmes import services
from wsparcie.programmes.choices import DocumentKind, ProgrammeStatus
from wsparcie.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n%%EOF\n"


def text(response) -> str:
    return response.content.decode()


def test_index_lists_organisations_with_links(client, org):
    OrganisationFactory(slug="rops", name="Regionalny ośrodek", is_tenant=False)
    page = text(client.get("/"))
    assert reverse("public:organisation", args=["org-a"]) in page
    assert "Ośrodek A" in page and "Regionalny ośrodek" not in page


def test_organisation_page_splits_current_and_completed_and_searches(client, org):
    ProgrammeFactory(
        organisation=org, name="Opieka wytchnieniowa", period_start=date(2020, 7, 1), period_end=date(2020, 12, 31)
    )
    ProgrammeFactory(organisation=org, name="Korpus Wsparcia Seniorów", status=ProgrammeStatus.COMPLETED)
    ProgrammeFactory(organisation=org, name="Sopot – Aktywni mieszkańcy", goal="Aktywizacja społeczno-zawodowa")
    ProgrammeFactory(organisation=org, name="Roboczy szkic", is_public=False)
    page = text(client.get(reverse("public:organisation", args=["org-a"])))
    current, completed = page.split('id="completed-heading"')
    assert "Sopot – Aktywni mieszkańcy" in current and "Opieka wytchnieniowa" not in current
    assert "Opieka wytchnieniowa" in completed and "Korpus Wsparcia Seniorów" in completed
    assert "Roboczy szkic" not in page
    found = text(client.get(reverse("public:organisation", args=["org-a"]), {"q": "społeczno-zawodowa"}))
    assert "Sopot – Aktywni mieszkańcy" in found and "Opieka wytchnieniowa" not in found
    assert "Wyniki wyszukiwania „społeczno-zawodowa”: 1." in found
    assert "Roboczy szkic" not in text(client.get(reverse("public:organisation", args=["org-a"]), {"q": "szkic"}))


def test_programme_page_shows_what_the_organisation_publishes(client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory(
        organisation=org,
        name="Opieka wytchnieniowa – edycja 2023",
        total_value=D("109774.94"),
        grant_amount=D("109774.94"),
        own_contribution=None,
        period_start=date(2023, 3, 1),
        period_end=date(2023, 12, 31),
        period_precision="month",
        period_label="III–XII 2023",
        target_group="Opiekunowie osób niepełnosprawnych",
        contact="tel. 24 364 02 78",
    )
    services.activity_add(actor="t", programme=programme, text="opieka wytchnieniowa w miejscu zamieszkania")
    services.limit_add(actor="t", programme=programme, label="Usługi opieki wytchnieniowej", quantity=240)
    services.partner_add(actor="t", programme=programme, name="Fundacja Progresja")
    services.link_add(actor="t", programme=programme, label="gov.pl", url="https://www.gov.pl/web/rodzina")
    document = services.document_add(
        actor="t",
        programme=programme,
        title="Regulamin rekrutacji",
        kind=DocumentKind.REGULATIONS,
        file=SimpleUploadedFile("regulamin.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    services.document_add(
        actor="t", programme=programme, title="Formularz", original_filename="f.pdf", declared_size_kb=319
    )
    url = reverse("public:programme", args=["org-a", programme.slug])
    page = text(client.get(url))
    for expected in [
        "Opieka wytchnieniowa – edycja 2023",
        "109 774,94 zł",
        "100,00%",
        "III–XII 2023",
        "Opiekunowie osób niepełnosprawnych",
        "opieka wytchnieniowa w miejscu zamieszkania",
        "240 godzin na uczestnika przez cały okres programu",
        "Fundacja Progresja",
        "Regulamin rekrutacji",
        "319 KB",
        "tel. 24 364 02 78",
        "https://www.gov.pl/web/rodzina",
        "<caption>Kwoty</caption>",
        'scope="row"',
    ]:
        assert expected in page, expected
    download = reverse("public:document", args=["org-a", programme.slug, document.pk])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_unpublished_or_foreign_programmes_are_not_found(client, org, other_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    hidden = ProgrammeFactory(organisation=org, is_public=False)
    document = services.document_add(
        actor="t",
        programme=hidden,
        title="R",
        file=SimpleUploadedFile("r.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    other = ProgrammeFactory(organisation=other_org)
    assert client.get(reverse("public:programme", args=["org-a", hidden.slug])).status_code == 404
    assert client.get(reverse("public:document", args=["org-a", hidden.slug, document.pk])).status_code == 404
    assert client.get(reverse("public:programme", args=["org-a", other.slug])).status_code == 404
    assert client.get(reverse("public:programme", args=["org-b", other.slug])).status_code == 200
    assert client.get(reverse("public:organisation", args=["nie-ma"])).status_code == 404
    not_tenant = OrganisationFactory(slug="rops", is_tenant=False)
    ProgrammeFactory(organisation=not_tenant, slug="x")
    assert client.get(reverse("public:organisation", args=["rops"])).status_code == 404
    assert client.get(reverse("public:programme", args=["rops", "x"])).status_code == 404


def test_organisation_public_url(org):
    assert org.public_url == "/organisations/org-a/"


def test_accessibility_statement(client):
    assert "Deklaracja dostępności" in text(client.get(reverse("public:accessibility")))


def test_public_pages_query_count_does_not_grow_with_rows(client, org, django_assert_max_num_queries):
    for n in range(20):
        ProgrammeFactory(organisation=org, name=f"Program {n}")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("public:organisation", args=["org-a"])).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/").status_code == 200
