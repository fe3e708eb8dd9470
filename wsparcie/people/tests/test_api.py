import datetime as dt

import pytest

from wsparcie.core.models import AuditEntry
from wsparcie.core.pesel import make
from wsparcie.people.models import DuplicateCandidate, Person
from wsparcie.people.tests.factories import CertificateFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

BORN = dt.date(1953, 6, 30)
PESEL = make(BORN, 7, "female")


def post_person(client, **data):
    payload = {
        "pesel": PESEL,
        "first_name": "Halina",
        "last_name": "Zając",
        "sex": "female",
        "street": "ul. Tumska 2",
        "postal_code": "09-400",
        "city": "Płock",
        "teryt": "1462011",
        **data,
    }
    return client.post("/api/v1/persons/", payload, format="json")


def test_create_person_derives_birth_date(api, coordinator, org):
    response = post_person(api(coordinator))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"] and body["birth_date"] == "1953-06-30" and body["sex"] == "female"
    assert Person.objects.get(pk=body["id"]).organisation == org


def test_create_without_birth_date_or_sex(api, coordinator):
    response = post_person(api(coordinator), sex="")
    assert response.status_code == 201 and response.json()["sex"] == "female"


def test_invalid_pesel_is_400_under_pesel(api, coordinator):
    response = post_person(api(coordinator), pesel=PESEL[:10] + str((int(PESEL[10]) + 1) % 10))
    assert response.status_code == 400
    assert "kontrolna" in response.json()["pesel"][0]
    response = post_person(api(coordinator), pesel="123")
    assert response.status_code == 400 and "11 cyfr" in response.json()["pesel"][0]


def test_mismatching_birth_date_or_sex_is_refused(api, coordinator):
    response = post_person(api(coordinator), birth_date="1953-07-01", sex="male")
    assert response.status_code == 400
    assert set(response.json()) >= {"birth_date", "sex"}
    assert not Person.objects.exists()


def test_duplicate_pesel_points_to_the_existing_record(api, coordinator):
    first = post_person(api(coordinator)).json()
    response = post_person(api(coordinator), first_name="Inna")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_pesel" and response.json()["existing_person"] == first["id"]
    assert f"nr {first['id']}" in response.json()["detail"]


def test_retrieve_is_audited_and_other_org_is_404(api, coordinator, outsider, org):
    person = PersonFactory(organisation=org)
    assert api(coordinator).get(f"/api/v1/persons/{person.pk}/").status_code == 200
    entry = AuditEntry.objects.get(action="view")
    assert entry.actor == coordinator and entry.object_id == str(person.pk)
    assert api(outsider).get(f"/api/v1/persons/{person.pk}/").status_code == 404


def test_pesel_never_in_a_query_string(api, coordinator, org):
    person = PersonFactory(organisation=org, last_name="Kowalczyk")
    client = api(coordinator)
    assert client.get(f"/api/v1/persons/?pesel={person.pesel}").status_code == 400
    assert client.get(f"/api/v1/persons/?q={person.pesel}").status_code == 400
    found = client.post("/api/v1/persons/search/", {"pesel": person.pesel}, format="json").json()
    assert [p["id"] for p in found["results"]] == [person.pk]
    assert AuditEntry.objects.filter(action="view", object_id=str(person.pk)).exists()
    by_name = client.get("/api/v1/persons/?q=kowal").json()
    assert [p["id"] for p in by_name["results"]] == [person.pk]


def test_update_person(api, coordinator, org):
    person = PersonFactory(organisation=org)
    household = HouseholdFactory(organisation=org)
    response = api(coordinator).patch(
        f"/api/v1/persons/{person.pk}/", {"phone": "600 100 200", "household": household.pk}, format="json"
    )
    assert response.status_code == 200 and response.json()["household"] == household.pk
    bad = api(coordinator).patch(f"/api/v1/persons/{person.pk}/", {"teryt": "12"}, format="json")
    assert bad.status_code == 400 and "teryt" in bad.json()


def test_add_certificate_contract(api, coordinator, org):
    person = PersonFactory(organisation=org, birth_date=dt.date(1960, 1, 1))
    payload = {
        "kind": "adult",
        "degree": "significant",
        "symbols": ["05-R"],
        "indications": False,
        "issued_on": "2023-01-10",
        "valid_until": None,
    }
    response = api(coordinator).post(f"/api/v1/persons/{person.pk}/certificates/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["valid_until"] is None and response.json()["symbols"] == ["05-R"]
    equivalent = {
        "kind": "equivalent",
        "degree": "moderate",
        "symbols": [],
        "issued_on": "2010-05-05",
        "valid_until": "2012-05-05",
    }
    assert (
        api(coordinator).post(f"/api/v1/persons/{person.pk}/certificates/", equivalent, format="json").status_code
        == 201
    )
    listed = api(coordinator).get(f"/api/v1/persons/{person.pk}/certificates/?valid_on=2024-01-01").json()
    assert [c["degree"] for c in listed] == ["significant"]
    assert len(api(coordinator).get(f"/api/v1/persons/{person.pk}/certificates/").json()) == 2
    bad = api(coordinator).post(
        f"/api/v1/persons/{person.pk}/certificates/", {**payload, "symbols": ["99-Z"]}, format="json"
    )
    assert bad.status_code == 400 and "symbols" in bad.json()


def test_child_certificate_with_indications(api, coordinator, org):
    child = PersonFactory(organisation=org, birth_date=dt.date(2016, 3, 3))
    payload = {
        "kind": "child",
        "symbols": [],
        "indications": True,
        "issued_on": "2021-01-01",
        "valid_until": "2032-03-02",
    }
    response = api(coordinator).post(f"/api/v1/persons/{child.pk}/certificates/", payload, format="json")
    assert response.status_code == 201 and response.json()["indications"] is True


def test_health_data_needs_health_view(api, make_user, org, without_health):
    person = PersonFactory(organisation=org)
    CertificateFactory(person=person)
    for role in ("worker", "telecare_operator"):
        user = make_user(role, org)
        assert api(user).get(f"/api/v1/persons/{person.pk}/").status_code == 404
        assert api(user).get(f"/api/v1/persons/{person.pk}/certificates/").status_code == 404
    reader = make_user(without_health("auditor"), org)
    assert api(reader).get(f"/api/v1/persons/{person.pk}/").status_code == 200
    assert "certificates" not in api(reader).get(f"/api/v1/persons/{person.pk}/").json()
    assert api(reader).get(f"/api/v1/persons/{person.pk}/certificates/").status_code == 403
    cert = person.certificates.get()
    assert api(reader).get(f"/api/v1/certificates/{cert.pk}/").status_code == 404


def test_relations_and_incomes(api, coordinator, org, income_criteria):
    mother, son = PersonFactory.create_batch(2, organisation=org)
    client = api(coordinator)
    response = client.post(
        f"/api/v1/persons/{son.pk}/relations/", {"relative": mother.pk, "kind": "actual_caregiver"}, format="json"
    )
    assert response.status_code == 201 and response.json()["is_caregiver"] is True
    assert len(client.get(f"/api/v1/persons/{mother.pk}/relations/").json()) == 1
    response = client.post(
        f"/api/v1/persons/{mother.pk}/incomes/",
        {"established_on": "2025-03-01", "household_size": 1, "income_per_person": "1400.00"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["income_per_person"] == "1400.00"
    check = client.get(f"/api/v1/persons/{mother.pk}/income-check/?on=2025-06-01&percent=150").json()
    assert check["limit"] == "1515.00" and check["within"] is True
    check = client.get(f"/api/v1/persons/{mother.pk}/income-check/?on=2025-06-01&percent=100").json()
    assert check["within"] is False


def test_income_criteria_endpoint(api, coordinator, income_criteria):
    body = api(coordinator).get("/api/v1/income-criteria/on/?date=2024-06-01").json()
    assert (body["single_person"], body["per_person_in_family"]) == ("776.00", "600.00")


def test_households(api, coordinator, org):
    a, b = PersonFactory.create_batch(2, organisation=org)
    response = api(coordinator).post("/api/v1/households/", {"name": "Dom", "members": [a.pk, b.pk]}, format="json")
    assert response.status_code == 201 and sorted(response.json()["members"]) == sorted([a.pk, b.pk])


def test_duplicates_review_and_merge_via_api(api, make_user, org):
    born = dt.date(1947, 8, 8)
    a = PersonFactory(
        organisation=org,
        first_name="Jan",
        last_name="Kowalski",
        birth_date=born,
        sex="male",
        pesel=make(born, 1, "male"),
    )
    client = api(make_user("coordinator", org))
    created = client.post(
        "/api/v1/persons/",
        {"pesel": make(born, 2, "male"), "first_name": "Jan", "last_name": "Kowalsky"},
        format="json",
    ).json()
    pairs = client.get("/api/v1/duplicates/").json()["results"]
    assert len(pairs) == 1 and {pairs[0]["person_a"]["id"], pairs[0]["person_b"]["id"]} == {a.pk, created["id"]}
    assert api(make_user("social_worker", org)).get("/api/v1/duplicates/").json()["count"] == 0
    response = client.post(f"/api/v1/duplicates/{pairs[0]['id']}/merge/", {"keep": a.pk}, format="json")
    assert response.status_code == 200 and response.json()["id"] == a.pk
    assert not Person.objects.filter(pk=created["id"]).exists() and not DuplicateCandidate.objects.exists()
    assert AuditEntry.objects.filter(action="action", object_id=str(a.pk), note__contains="Scalenie").exists()


def test_merge_endpoint_needs_people_merge(api, make_user, org):
    a, b = PersonFactory.create_batch(2, organisation=org)
    assert (
        api(make_user("social_worker", org))
        .post(f"/api/v1/persons/{a.pk}/merge/", {"other": b.pk}, format="json")
        .status_code
        == 403
    )
    assert (
        api(make_user("administrator", org))
        .post(f"/api/v1/persons/{a.pk}/merge/", {"other": b.pk}, format="json")
        .status_code
        == 200
    )


def test_list_query_count_does_not_grow(api, coordinator, org, django_assert_max_num_queries):
    PersonFactory.create_batch(3, organisation=org, household=HouseholdFactory(organisation=org))
    client = api(coordinator)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/persons/").status_code == 200
    PersonFactory.create_batch(20, organisation=org)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/persons/").json()["count"] == 23
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/households/").status_code == 200


def test_import_permission(api, make_user, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    social_worker = make_user("social_worker", org)
    response = api(social_worker).post(
        "/api/v1/imports/",
        {"file": SimpleUploadedFile("a.csv", b"first_name,last_name\n"), "kind": "persons", "mode": "valid_rows"},
        format="multipart",
    )
    assert response.status_code == 403
    bad_kind = api(make_user("coordinator", org)).post(
        "/api/v1/imports/",
        {"file": SimpleUploadedFile("a.csv", b"x\n"), "kind": "nope", "mode": "valid_rows"},
        format="multipart",
    )
    assert bad_kind.status_code == 400 and "kind" in bad_kind.json()


def test_schema_generates(api, coordinator):
    assert api(coordinator).get("/api/v1/schema/").status_code == 200
