import uuid

import pytest

from wsparcie.directory.tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/public/services/"


@pytest.fixture
def register(org, other_org):
    """Two organisations' services with every related object the HSDS shape nests."""
    programme = f.programme(org, planned=10)
    service = f.ServiceFactory(
        organisation=org,
        programme=programme,
        name="Teleopieka – opaska bezpieczeństwa",
        needs=["telecare"],
        audiences=["seniors"],
        age_min=65,
        income_criterion_percent=150,
        provider__name="Słupskie Stowarzyszenie Pomocy Psychologicznej Dziecku i Rodzinie „Krąg”",
    )
    f.ServiceAtLocationFactory(
        service=service, location__accessibility=["lift"], location__accessibility_description="Winda."
    )
    f.ScheduleFactory(service=service)
    f.AreaFactory(service=service, name="obszar rewitalizowany")
    f.DocumentFactory(service=service, document="Deklaracja uczestnictwa")
    from wsparcie.directory import services

    services.phones_replace(actor="t", owner=service, phones=[{"number": "59 81 42 801", "description": "sekretariat"}])
    from wsparcie.directory.models import Contact

    contact = services.service_part_save(
        actor="t", service=service, instance=Contact(), data={"name": "Biuro Projektu"}
    )
    services.phones_replace(actor="t", owner=contact, phones=["59 81 42 802"])
    paid = f.ServiceFactory(
        organisation=other_org,
        name="Usługi opiekuńcze",
        is_free=False,
        fee_amount="12.50",
        fee_description="Wg dochodu.",
    )
    return {"service": service, "paid": paid, "programme": programme}


def results(response):
    body = response.json()
    assert set(body) >= {"count", "next", "previous", "results"}
    return body["results"]


def test_anonymous_gets_the_register_in_hsds_shape(api, register):
    response = api().get(URL)
    assert response.status_code == 200
    items = {item["name"]: item for item in results(response)}
    assert set(items) == {"Teleopieka – opaska bezpieczeństwa", "Usługi opiekuńcze"}
    s = items["Teleopieka – opaska bezpieczeństwa"]
    service = register["service"]
    assert s["id"] == str(service.pk) and s["status"] == "active"
    assert s["organization"]["id"] == str(service.provider_id)
    assert s["organization"]["name"].startswith("Słupskie Stowarzyszenie")
    assert s["organization_id"] == s["organization"]["id"]
    location = s["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "ul. Słoneczna 15D"
    assert location["addresses"][0]["postal_code"] == "76-200" and location["addresses"][0]["country"] == "PL"
    assert location["external_identifier"] == "2263011" and location["external_identifier_type"] == "TERYT TERC"
    assert {a["description"] for a in location["accessibility"]} == {"winda", "Winda."}
    assert s["schedules"][0]["byday"] == "MO,WE" and s["schedules"][0]["opens_at"] == "08:00"
    assert s["schedules"][0]["closes_at"] == "15:00" and s["schedules"][0]["freq"] == "WEEKLY"
    area = s["service_areas"][0]
    assert area["teryt"] == "2263011" and area["name"] == "Słupsk – obszar rewitalizowany"
    assert s["eligibility"]["minimum_age"] == 65 and s["minimum_age"] == 65
    assert s["eligibility"]["income_criterion_percent"] == 150
    assert s["eligibility"]["audiences"] == [{"code": "seniors", "name": "seniorzy"}]
    assert s["cost_options"][0]["option"] == "bezpłatna" and s["free_of_charge"] is True
    assert s["required_documents"][0]["document"] == "Deklaracja uczestnictwa"
    assert s["phones"][0]["number"] == "59 81 42 801"
    assert s["contacts"][0]["name"] == "Biuro Projektu" and s["contacts"][0]["phones"][0]["number"] == "59 81 42 802"
    assert s["program"]["name"] == "Program testowy" and s["program"]["recruitment_open"] is True
    assert s["program_id"] == s["program"]["id"]
    assert s["apply_url"].endswith(f"/services/apply/{register['programme'].pk}/")
    assert s["capacities"][0]["maximum"] == 10 and s["capacities"][0]["available"] == 10
    assert {a["taxonomy_term"]["code"] for a in s["attributes"]} == {"telecare", "seniors"}
    paid = items["Usługi opiekuńcze"]
    assert paid["free_of_charge"] is False
    assert paid["cost_options"][0]["amount"] == "12.50" and paid["fees_description"] == "Wg dochodu."


def test_detail(api, register):
    response = api().get(f"{URL}{register['service'].pk}/")
    assert response.status_code == 200 and response.json()["name"] == "Teleopieka – opaska bezpieczeństwa"
    assert api().get(f"{URL}{uuid.uuid4()}/").status_code == 404


def test_free_places_follow_recruitment(api, register):
    programme = register["programme"]
    for serial, status in enumerate(["qualified", "enrolled", "submitted", "waiting_list", "rejected", "withdrawn"], 1):
        f.application(programme, f.person(programme.organisation, serial=serial), status)
    s = api().get(f"{URL}{register['service'].pk}/").json()
    assert s["capacities"][0]["maximum"] == 10
    assert s["capacities"][0]["available"] == 8  # qualified + enrolled hold places


def test_filters(api, register):
    assert [s["name"] for s in results(api().get(URL, {"free": "true"}))] == ["Teleopieka – opaska bezpieczeństwa"]
    assert [s["name"] for s in results(api().get(URL, {"q": "opaska bezpieczenstwa"}))] == [
        "Teleopieka – opaska bezpieczeństwa"
    ]
    assert [s["name"] for s in results(api().get(URL, {"municipality": "2263011"}))] == [
        "Teleopieka – opaska bezpieczeństwa"
    ]
    assert results(api().get(URL, {"age": "40", "need": "telecare"})) == []


def test_defunct_and_inactive(api, register):
    register["paid"].status = "defunct"
    register["paid"].save()
    f.ServiceFactory(name="Zakończona", status="inactive")
    names = [s["name"] for s in results(api().get(URL))]
    assert names == ["Teleopieka – opaska bezpieczeństwa"]
    assert [s["name"] for s in results(api().get(URL, {"status": "inactive"}))] == ["Zakończona"]
    assert api().get(f"{URL}{register['paid'].pk}/").status_code == 404


def test_query_count_does_not_grow_with_rows(api, register, django_assert_max_num_queries, org):
    with django_assert_max_num_queries(20) as small:
        api().get(URL)
    for _ in range(6):
        service = f.ServiceFactory(organisation=org, programme=register["programme"])
        f.ServiceAtLocationFactory(service=service)
        f.ScheduleFactory(service=service)
        f.AreaFactory(service=service)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = api().get(URL)
    assert response.json()["count"] == 8


def test_rate_limited(api, register, throttle_rates):
    throttle_rates(public="3/min")
    client = api()
    assert [client.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_schema_documents_the_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/public/services/" in response.content
