"""Another organisation's user (``outsider``) and a user without the permission (``worker``) get
404 on every page and endpoint of a person, and never see the rows in lists or search."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsparcie.core.pesel import make
from wsparcie.people import imports, services
from wsparcie.people.models import DuplicateCandidate, Person
from wsparcie.people.tests.factories import (
    CertificateFactory,
    HouseholdFactory,
    NamedAreaFactory,
    PersonFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(org, coordinator):
    born = dt.date(1950, 5, 5)
    person = PersonFactory(
        organisation=org,
        first_name="Jan",
        last_name="Kowalski",
        birth_date=born,
        sex="male",
        pesel=make(born, 1, "male"),
        household=HouseholdFactory(organisation=org),
    )
    twin = PersonFactory(
        organisation=org,
        first_name="Jan",
        last_name="Kowalsky",
        birth_date=born,
        sex="male",
        pesel=make(born, 2, "male"),
    )
    services.duplicates_flag(person_ids=[twin.pk], organisation_id=org.pk)
    relation = RelationFactory(person=twin, relative=person, kind="spouse")
    cert = CertificateFactory(person=person)
    area = NamedAreaFactory(organisation=org)
    job = imports.import_start(
        actor=coordinator,
        organisation=org,
        kind="persons",
        mode="preview",
        file_name="a.csv",
        content=b"first_name,last_name\nA,B\n",
    )
    return {
        "person": person,
        "twin": twin,
        "relation": relation,
        "cert": cert,
        "area": area,
        "job": job,
        "pair": DuplicateCandidate.objects.get(),
        "household": person.household,
    }


def pages(d):
    p, pair, job = d["person"].pk, d["pair"].pk, d["job"].pk
    return [
        reverse("people:detail", args=[p]),
        reverse("people:edit", args=[p]),
        reverse("people:certificates", args=[p]),
        reverse("people:relations", args=[p]),
        reverse("people:household", args=[p]),
        reverse("people:incomes", args=[p]),
        reverse("people:area_edit", args=[d["area"].pk]),
        reverse("people:import_detail", args=[job]),
        reverse("people:import_errors", args=[job]),
        reverse("people:duplicate_review", args=[pair]),
    ]


def posts(d):
    p, pair, job = d["person"].pk, d["pair"].pk, d["job"].pk
    return [
        (reverse("people:edit", args=[p]), {"first_name": "X", "last_name": "Y", "citizenship": "PL"}),
        (reverse("people:certificates", args=[p]), {"kind": "adult", "degree": "mild", "issued_on": "2020-01-01"}),
        (reverse("people:relations", args=[p]), {"relative": d["twin"].pk, "kind": "parent"}),
        (reverse("people:relation_delete", args=[d["twin"].pk, d["relation"].pk]), {}),
        (reverse("people:household", args=[p]), {"action": "leave"}),
        (reverse("people:incomes", args=[p]), {"established_on": "2025-01-01", "income_per_person": "1"}),
        (reverse("people:area_edit", args=[d["area"].pk]), {"name": "X", "streets": "Y"}),
        (reverse("people:import_decide", args=[job]), {"mode": "valid_rows"}),
        (reverse("people:duplicate_review", args=[pair]), {"action": "dismiss"}),
    ]


def endpoints(d):
    p = d["person"].pk
    return [
        f"/api/v1/persons/{p}/",
        f"/api/v1/persons/{p}/certificates/",
        f"/api/v1/persons/{p}/relations/",
        f"/api/v1/persons/{p}/incomes/",
        f"/api/v1/persons/{p}/income-check/",
        f"/api/v1/households/{d['household'].pk}/",
        f"/api/v1/relations/{d['relation'].pk}/",
        f"/api/v1/certificates/{d['cert'].pk}/",
        f"/api/v1/areas/{d['area'].pk}/",
        f"/api/v1/duplicates/{d['pair'].pk}/",
        f"/api/v1/imports/{d['job'].pk}/",
        f"/api/v1/imports/{d['job'].pk}/errors/",
    ]


def api_writes(d):
    p = d["person"].pk
    return [
        ("patch", f"/api/v1/persons/{p}/", {"first_name": "X"}),
        ("post", f"/api/v1/persons/{p}/certificates/", {"kind": "adult", "degree": "mild", "issued_on": "2020-01-01"}),
        ("post", f"/api/v1/persons/{p}/relations/", {"relative": d["twin"].pk, "kind": "parent"}),
        ("post", f"/api/v1/persons/{p}/incomes/", {"established_on": "2025-01-01", "income_per_person": "1.00"}),
        ("post", f"/api/v1/persons/{p}/merge/", {"other": d["twin"].pk}),
        ("delete", f"/api/v1/relations/{d['relation'].pk}/", None),
        ("patch", f"/api/v1/certificates/{d['cert'].pk}/", {"degree": "mild"}),
        ("patch", f"/api/v1/areas/{d['area'].pk}/", {"name": "X"}),
        ("post", f"/api/v1/duplicates/{d['pair'].pk}/dismiss/", {}),
        ("post", f"/api/v1/duplicates/{d['pair'].pk}/merge/", {"keep": p}),
        ("post", f"/api/v1/imports/{d['job'].pk}/decide/", {"mode": "cancel"}),
    ]


@pytest.mark.parametrize("who", ["outsider", "worker"])
def test_pages_answer_404(client, data, outsider, make_user, org, who):
    user = outsider if who == "outsider" else make_user("worker", org)
    client.force_login(user)
    for url in pages(data):
        assert client.get(url).status_code == 404, url
    for url, payload in posts(data):
        assert client.post(url, payload).status_code == 404, url
    assert Person.objects.filter(pk=data["person"].pk, first_name="Jan").exists()
    assert DuplicateCandidate.objects.get().status == "open"


@pytest.mark.parametrize("who", ["outsider", "worker"])
def test_endpoints_answer_404(api, data, outsider, make_user, org, who):
    client = api(outsider if who == "outsider" else make_user("worker", org))
    for url in endpoints(data):
        assert client.get(url).status_code == 404, url
    for method, url, payload in api_writes(data):
        assert getattr(client, method)(url, payload, format="json").status_code == 404, url
    assert data["relation"].__class__.objects.filter(pk=data["relation"].pk).exists()


def test_lists_and_search_leave_other_organisations_out(api, client, data, outsider):
    person = data["person"]
    other = api(outsider)
    for url in ["/api/v1/persons/", "/api/v1/households/", "/api/v1/areas/", "/api/v1/duplicates/", "/api/v1/imports/"]:
        body = other.get(url).json()
        assert body["count"] == 0, url
    assert other.get("/api/v1/persons/?q=Kowalski").json()["count"] == 0
    assert other.post("/api/v1/persons/search/", {"pesel": person.pesel}, format="json").json()["count"] == 0
    assert other.post("/api/v1/persons/search/", {"q": "Kowalski"}, format="json").json()["count"] == 0
    client.force_login(outsider)
    for name in ["people:list", "people:duplicates", "people:areas", "people:import"]:
        html = client.get(reverse(name)).content.decode()
        assert "Kowalski" not in html and data["area"].name not in html and "a.csv" not in html, name
    response = client.post(reverse("people:search_pesel"), {"pesel": person.pesel})
    assert response.status_code == 200 and "Nie ma w rejestrze" in response.content.decode()
    assert client.get(reverse("people:relations", args=[person.pk]), {"find": "Kowalski"}).status_code == 404


def test_outsider_cannot_link_or_import_into_another_organisation(api, data, outsider, other_org):
    mine = PersonFactory(organisation=other_org)
    response = api(outsider).post(
        f"/api/v1/persons/{mine.pk}/relations/", {"relative": data["person"].pk, "kind": "parent"}, format="json"
    )
    assert response.status_code == 400
    response = api(outsider).post("/api/v1/households/", {"members": [mine.pk, data["person"].pk]}, format="json")
    assert response.status_code == 400
    response = api(outsider).patch(f"/api/v1/persons/{mine.pk}/", {"household": data["household"].pk}, format="json")
    assert response.status_code == 400
    job = api(outsider).post(
        "/api/v1/imports/",
        {
            "file": SimpleUploadedFile("a.csv", f"pesel,first_name,last_name\n{data['person'].pesel},A,B\n".encode()),
            "kind": "persons",
            "mode": "valid_rows",
            "organisation": data["person"].organisation.slug,
        },
        format="multipart",
    )
    assert job.status_code == 400 and "organisation" in job.json()


def test_worker_and_operator_do_not_see_the_registry(client, make_user, org, data):
    for role in ("worker", "telecare_operator"):
        client.force_login(make_user(role, org))
        for name in [
            "people:list",
            "people:create",
            "people:duplicates",
            "people:import",
            "people:areas",
            "people:search_pesel",
        ]:
            assert client.get(reverse(name)).status_code == 404, (role, name)
