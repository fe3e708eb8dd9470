"""Every staff page of the register as another organisation's administrator (404 or absent) and as
users without the permission; public pages and the public API are public by design."""

import datetime as dt
import uuid

import pytest
from django.core.files.base import ContentFile

from wsparcie.core import pesel as pesel_lib
from wsparcie.directory import services
from wsparcie.directory.models import DirectoryOrganisation, Location, Service, SubmittedDocument
from wsparcie.directory.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(org):
    service = f.ServiceFactory(organisation=org, name="Usługa ośrodka A")
    location = f.LocationFactory(organisation=org, name="Siedziba ośrodka A")
    programme = f.programme(org)
    online = services.online_application_submit(
        programme=programme,
        form_token=uuid.uuid4(),
        person_data={
            "first_name": "Anna",
            "last_name": "Nowak",
            "pesel": pesel_lib.make(dt.date(1950, 3, 1), 7, "female"),
        },
        birth_date=dt.date(1950, 3, 1),
        answers={},
        evaluation={"eligible": None, "criteria": []},
    )
    document = SubmittedDocument(
        organisation=org,
        online_application=online,
        title="Orzeczenie",
        original_name="o.pdf",
        content_type="application/pdf",
        size=5,
        sha256="0" * 64,
    )
    document.file.save("o.pdf", ContentFile(b"%PDF-"), save=False)
    document.save()
    return {
        "service": service,
        "location": location,
        "provider": service.provider,
        "online": online,
        "document": document,
    }


def detail_urls(rows):
    s, loc, p, d = rows["service"], rows["location"], rows["provider"], rows["document"]
    return [
        ("get", f"/services/staff/{s.pk}/"),
        ("post", f"/services/staff/{s.pk}/"),
        ("post", f"/services/staff/{s.pk}/checked/"),
        ("get", f"/services/staff/locations/{loc.pk}/"),
        ("post", f"/services/staff/locations/{loc.pk}/"),
        ("get", f"/services/staff/providers/{p.pk}/"),
        ("post", f"/services/staff/providers/{p.pk}/"),
        ("get", f"/services/staff/documents/{d.pk}/"),
    ]


def test_outsider_gets_404_on_every_detail_and_action(client, outsider, rows):
    client.force_login(outsider)
    before = rows["service"].updated_at
    for method, url in detail_urls(rows):
        response = getattr(client, method)(url, {"name": "Przejęta", "description": "x", "status": "active"})
        assert response.status_code == 404, (method, url, response.status_code)
    rows["service"].refresh_from_db()
    assert rows["service"].updated_at == before and rows["service"].last_checked is not None


def test_outsider_lists_exclude_other_organisations_rows(client, outsider, rows, other_org):
    f.ServiceFactory(organisation=other_org, name="Usługa ośrodka B")
    client.force_login(outsider)
    services_page = client.get("/services/staff/").content.decode()
    assert "Usługa ośrodka B" in services_page and "Usługa ośrodka A" not in services_page
    assert "Siedziba ośrodka A" not in client.get("/services/staff/locations/").content.decode()
    assert rows["provider"].name not in client.get("/services/staff/providers/").content.decode()
    assert "Usługa ośrodka A" not in client.get("/services/staff/", {"q": "Usługa"}).content.decode()
    applications = client.get("/services/staff/applications/").content.decode()
    assert rows["online"].reference not in applications


def test_outsider_cannot_create_in_another_organisation(client, outsider, rows, org):
    client.force_login(outsider)
    provider = rows["provider"]
    for url, data in [
        (
            "/services/staff/new/",
            {"organisation": org.slug, "name": "Obca", "provider": provider.pk, "description": "x", "status": "active"},
        ),
        ("/services/staff/locations/new/", {"organisation": org.slug, "name": "Obce miejsce", "city": "Słupsk"}),
        ("/services/staff/providers/new/", {"organisation": org.slug, "name": "Obca organizacja"}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (400, 404), (url, response.status_code)
    assert not Service.objects.filter(name="Obca").exists()
    assert not Location.objects.filter(name="Obce miejsce").exists()
    assert not DirectoryOrganisation.objects.filter(name="Obca organizacja").exists()


def test_outsider_cannot_attach_another_organisations_provider(client, outsider, rows, other_org):
    """A form in the outsider's own organisation cannot point at org A's provider."""
    client.force_login(outsider)
    response = client.post(
        f"/services/staff/new/?organisation={other_org.slug}",
        {
            "organisation": other_org.slug,
            "name": "Moja",
            "provider": rows["provider"].pk,
            "description": "x",
            "status": "active",
        },
    )
    assert response.status_code == 400
    assert not Service.objects.filter(name="Moja").exists()


@pytest.mark.parametrize("role", ["social_worker", "worker", "telecare_operator", "auditor"])
def test_roles_without_directory_edit_are_refused(client, make_user, org, rows, role):
    client.force_login(make_user(role, org))
    assert client.get("/services/staff/").status_code == 403
    assert client.get("/services/staff/locations/").status_code == 403
    assert client.get("/services/staff/new/").status_code == 403
    for method, url in detail_urls(rows)[:-1]:
        assert getattr(client, method)(url).status_code == 403, url


def test_document_download_needs_enrolment_view(client, make_user, org, rows):
    client.force_login(make_user("worker", org))
    assert client.get(f"/services/staff/documents/{rows['document'].pk}/").status_code == 404
    assert client.get("/services/staff/applications/").status_code == 403
    client.force_login(make_user("social_worker", org))
    assert client.get(f"/services/staff/documents/{rows['document'].pk}/").status_code == 200


def test_anonymous_is_sent_to_login(client, rows):
    for _method, url in detail_urls(rows):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert client.get("/services/staff/").status_code == 302


def test_public_register_is_public_but_never_shows_applications(client, api, rows, other_org):
    f.ServiceFactory(organisation=other_org, name="Usługa ośrodka B")
    html = client.get("/services/").content.decode()
    assert "Usługa ośrodka A" in html and "Usługa ośrodka B" in html
    data = api().get("/api/v1/public/services/").json()
    assert data["count"] == 2
    assert rows["online"].reference not in client.get("/services/open-data/hsds.json").content.decode()


def test_staff_menu_links_the_register_for_editors_only(client, coordinator, make_user, org):
    client.force_login(coordinator)
    assert 'href="/services/staff/"' in client.get("/staff/").content.decode()
    client.force_login(make_user("social_worker", org))
    assert 'href="/services/staff/"' not in client.get("/staff/").content.decode()
