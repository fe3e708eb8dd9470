import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wsparcie.core import pesel as pesel_lib
from wsparcie.directory.models import OnlineApplication, Service, SubmittedDocument
from wsparcie.directory.tests import factories as f

pytestmark = pytest.mark.django_db

PESEL = pesel_lib.make(dt.date(1950, 3, 1), 7, "female")  # 76 years old in 2026


def names(response) -> list[str]:
    return re.findall(r'<h3><a href="/services/[0-9a-f-]+/">([^<]+)</a>', response.content.decode())


# --- public search ----------------------------------------------------------------------------


@pytest.fixture
def catalogue(org, other_org):
    tele = f.ServiceFactory(
        organisation=org,
        name="Teleopieka – opaska bezpieczeństwa",
        needs=["telecare"],
        audiences=["seniors"],
        age_min=65,
    )
    f.AreaFactory(service=tele, municipality="Płock", teryt="1462011")
    respite = f.ServiceFactory(
        organisation=other_org,
        name="Opieka wytchnieniowa",
        description="Czas na odpoczynek dla opiekunów.",
        needs=["respite"],
        audiences=["caregivers"],
        is_free=False,
        fee_description="Odpłatność według dochodu.",
    )
    f.AreaFactory(service=respite, municipality="Sopot", teryt="2264011")
    handyman = f.ServiceFactory(
        organisation=org, name="Usługa „złotej rączki”", needs=["housing"], audiences=["seniors"]
    )
    f.AreaFactory(service=handyman, name="obszar rewitalizowany")
    f.ServiceFactory(organisation=org, name="Dawny projekt", status="inactive")
    f.ServiceFactory(organisation=org, name="Zlikwidowana", status="defunct")
    return {"tele": tele, "respite": respite, "handyman": handyman}


def test_search_lists_available_services_of_every_organisation(client, catalogue):
    response = client.get("/services/")
    assert response.status_code == 200
    assert sorted(names(response)) == [
        "Opieka wytchnieniowa",
        "Teleopieka – opaska bezpieczeństwa",
        "Usługa „złotej rączki”",
    ]


def test_search_text_ignores_accents_and_case(client, catalogue):
    assert names(client.get("/services/", {"q": "ZLOTEJ raczki"})) == ["Usługa „złotej rączki”"]
    assert names(client.get("/services/", {"q": "odpoczynek opiekunów"})) == ["Opieka wytchnieniowa"]


def test_filter_by_need_and_audience(client, catalogue):
    assert names(client.get("/services/", {"need": "telecare"})) == ["Teleopieka – opaska bezpieczeństwa"]
    assert names(client.get("/services/", {"audience": "caregivers"})) == ["Opieka wytchnieniowa"]


def test_filter_by_municipality(client, catalogue):
    page = client.get("/services/")
    select = re.search(r'<select name="municipality".*?</select>', page.content.decode(), re.S).group(0)
    assert '<option value="2263011">Słupsk</option>' in select, select
    assert names(client.get("/services/", {"municipality": "2264011"})) == ["Opieka wytchnieniowa"]
    assert names(client.get("/services/", {"municipality": "2263011"})) == ["Usługa „złotej rączki”"]


def test_filter_free_of_charge(client, catalogue):
    result = names(client.get("/services/", {"free": "on"}))
    assert "Opieka wytchnieniowa" not in result and len(result) == 2
    assert len(names(client.get("/services/", {"free": ""}))) == 3


def test_filter_by_age(client, catalogue):
    assert "Teleopieka – opaska bezpieczeństwa" not in names(client.get("/services/", {"age": "50"}))
    assert "Teleopieka – opaska bezpieczeństwa" in names(client.get("/services/", {"age": "70"}))


def test_inactive_only_on_request_and_defunct_never(client, catalogue):
    assert names(client.get("/services/", {"status": "inactive"})) == ["Dawny projekt"]
    assert "Zlikwidowana" not in client.get("/services/", {"status": "defunct"}).content.decode()


def test_htmx_returns_only_the_results(client, catalogue):
    response = client.get("/services/", {"need": "telecare"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<h1>" not in html


def test_search_page_links_open_data_and_status(client, catalogue):
    html = client.get("/services/").content.decode()
    for link in [
        "/services/open-data/hsds.json",
        "/services/open-data/services.csv",
        "/api/v1/public/services/",
        "/services/status/",
    ]:
        assert f'href="{link}"' in html


def test_search_query_count_is_constant(client, catalogue, django_assert_max_num_queries, org):
    with django_assert_max_num_queries(25) as first:
        client.get("/services/")
    for _ in range(5):
        f.AreaFactory(service=f.ServiceFactory(organisation=org))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/services/")


def test_service_page(client, catalogue, org):
    programme = f.programme(org, planned=3)
    service = catalogue["tele"]
    service.programme = programme
    service.save()
    f.application(programme, f.person(org), "enrolled")
    html = client.get(f"/services/{service.pk}/").content.decode()
    assert "<h1>Teleopieka – opaska bezpieczeństwa</h1>" in html
    assert "od 65 lat" in html and "Płock" in html
    assert "Liczba miejsc: 3." in html and "Wolne miejsca: 2" in html
    assert f'href="/services/apply/{programme.pk}/"' in html
    assert "Dane sprawdzono: 01.11.2026." in html


def test_defunct_service_page_is_gone(client, catalogue):
    assert client.get(f"/services/{Service.objects.get(name='Zlikwidowana').pk}/").status_code == 404


# --- open data -------------------------------------------------------------------------------


def test_open_data_json_is_the_whole_register(client, catalogue):
    response = client.get("/services/open-data/hsds.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["hsds_version"] == "3.0"
    assert {s["name"] for s in document["services"]} == {
        "Teleopieka – opaska bezpieczeństwa",
        "Opieka wytchnieniowa",
        "Usługa „złotej rączki”",
        "Dawny projekt",
    }
    assert document["count"] == 4
    assert {o["id"] for o in document["organizations"]} == {s["organization"]["id"] for s in document["services"]}


def test_open_data_csv(client, catalogue):
    catalogue["respite"].description = '=HYPERLINK("http://evil")'
    catalogue["respite"].save()
    response = client.get("/services/open-data/services.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    by_name = {row["name"]: row for row in rows}
    assert len(rows) == 4
    assert by_name["Opieka wytchnieniowa"]["free_of_charge"] == "nie"
    assert by_name["Opieka wytchnieniowa"]["fees_description"] == "Odpłatność według dochodu."
    assert by_name["Opieka wytchnieniowa"]["description"].startswith("'=")  # not a formula in a spreadsheet
    assert by_name["Teleopieka – opaska bezpieczeństwa"]["service_area_teryt"] == "1462011"
    assert by_name["Teleopieka – opaska bezpieczeństwa"]["minimum_age"] == "65"
    assert by_name["Usługa „złotej rączki”"]["service_areas"] == "Słupsk – obszar rewitalizowany"


# --- applying online -------------------------------------------------------------------------


def token_of(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def digest_of(response) -> str:
    return re.search(r'name="checked" value="([^"]+)"', response.content.decode()).group(1)


def person_fields(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Nowak",
        "pesel": PESEL,
        "street": "ul. Długa 1",
        "postal_code": "76-200",
        "city": "Słupsk",
        "phone": "",
        "email": "",
        "municipality": "2263011",
        "certificate": "none",
    }
    data.update(overrides)
    return data


def check(client, edition, **overrides):
    url = f"/services/apply/{edition.pk}/"
    token = token_of(client.get(url))
    response = client.post(url, {**person_fields(**overrides), "form_token": token, "action": "check"})
    return url, token, response


def send(client, edition, files=None, final=None, **overrides):
    url, token, checked = check(client, edition, **overrides)
    assert checked.status_code == 200, checked.content.decode()[:3000]
    data = {
        **person_fields(**overrides),
        "form_token": token,
        "checked": digest_of(checked),
        "action": "submit",
        "declaration": "on",
        "information_clause": "on",
        **(final or {}),
        **(files or {}),
    }
    return client.post(url, data), token


def pdf(name="orzeczenie.pdf", body=b"%PDF-1.4 orzeczenie"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_form_asks_only_what_the_rules_need(client, edition, org):
    html = client.get(f"/services/apply/{edition.pk}/").content.decode()
    assert 'name="municipality"' in html and 'name="certificate"' in html
    assert 'name="income_per_person"' not in html and 'name="cared_relation"' not in html
    plain = f.programme(org, slug="bez-kryteriow", name="Bez kryteriów")
    html = client.get(f"/services/apply/{plain.pk}/").content.decode()
    assert 'name="certificate"' not in html and 'name="municipality"' not in html and 'name="pesel"' in html


def test_income_question_when_an_income_criterion_exists(client, org):
    from wsparcie.enrolment.services import criteria_set

    programme = f.programme(org, slug="posilek")
    criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "dochod", "name": "Dochód", "kind": "income", "params": {"percent": 150}}],
    )
    html = client.get(f"/services/apply/{programme.pk}/").content.decode()
    assert 'name="income_per_person"' in html and 'name="household_size"' in html and 'name="certificate"' not in html


def test_closed_or_unknown_edition_is_404(client, org):
    closed = f.programme(org, recruitment_open=False)
    assert client.get(f"/services/apply/{closed.pk}/").status_code == 404
    assert client.get("/services/apply/999999/").status_code == 404


def test_check_shows_the_likely_answer_with_reasons_before_sending(client, edition):
    _url, _token, response = check(client, edition)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wstępna ocena: prawdopodobnie spełniasz kryteria" in html
    assert "Zamieszkanie w Słupsku" in html and "zamieszkuje w gminie 2263011 (Słupsk)" in html
    assert "wiek 76 lat" in html
    assert "Decyzję podejmuje ośrodek." in html
    assert (
        'value="submit"' in html
        and 'name="document_0"' in html
        and "Administratorem Twoich danych osobowych jest" in html
    )
    assert not OnlineApplication.objects.exists()


def test_check_explains_why_someone_likely_does_not_qualify(client, edition):
    young = pesel_lib.make(dt.date(1990, 5, 5), 3, "male")
    _url, _token, response = check(client, edition, pesel=young, municipality="inna")
    html = response.content.decode()
    assert "prawdopodobnie nie spełniasz wszystkich kryteriów" in html
    assert "program wymaga zamieszkania w gminie 2263011 (Słupsk)" in html
    assert "Decyzję podejmuje ośrodek." in html


def test_submit_stores_the_application_in_the_queue_and_confirms_with_a_reference(client, edition):
    response, _token = send(client, edition, files={"document_0": pdf()})
    assert response.status_code == 302 and response["Location"] == "/services/apply/confirmation/"
    online = OnlineApplication.objects.get()
    application = online.application
    assert application.source == "online" and application.status == "submitted"
    assert application.programme == edition and application.organisation == edition.organisation
    assert application.person.pesel == PESEL and application.person.teryt == "2263011"
    assert online.eligibility_preview["eligible"] is True
    assert online.reference in application.notes and "spełnia" in application.notes
    assert SubmittedDocument.objects.get().online_application == online
    page = client.get(response["Location"])
    assert online.reference in page.content.decode() and "Zgłoszenie zostało wysłane" in page.content.decode()


def test_stored_before_the_confirmation_is_shown(client, edition, monkeypatch):
    """Even if showing the confirmation fails, the application is already stored."""
    from wsparcie.directory import views_apply

    def broken(self, request):
        raise RuntimeError("confirmation page down")

    monkeypatch.setattr(views_apply.ConfirmationView, "get", broken)
    response, _ = send(client, edition)
    assert response.status_code == 302
    assert OnlineApplication.objects.count() == 1


def test_double_click_sends_once(client, edition):
    response, token = send(client, edition)
    reference = OnlineApplication.objects.get().reference
    again = client.post(
        f"/services/apply/{edition.pk}/",
        {**person_fields(), "form_token": token, "action": "submit", "declaration": "on", "information_clause": "on"},
    )
    assert again.status_code == 302
    assert OnlineApplication.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert reference in page and "To zgłoszenie już zostało przyjęte" in page


def test_repeated_identity_shows_the_existing_reference(client, edition):
    send(client, edition)
    reference = OnlineApplication.objects.get().reference
    other_browser = client.__class__()
    response, _ = send(other_browser, edition)
    assert OnlineApplication.objects.count() == 1
    assert reference in other_browser.get(response["Location"]).content.decode()


def test_repeated_identity_with_other_names_is_refused_without_the_reference(client, edition):
    send(client, edition)
    reference = OnlineApplication.objects.get().reference
    response, _ = send(client.__class__(), edition, first_name="Jan", last_name="Obcy")
    assert response.status_code == 409
    assert reference not in response.content.decode() and "ma już zgłoszenie" in response.content.decode()


def test_honeypot_stores_nothing(client, edition):
    response, _ = send(client, edition, final={"website": "http://spam.example"})
    assert response.status_code == 400
    assert not OnlineApplication.objects.exists()


def test_too_fast_stores_nothing(client, edition, monkeypatch):
    from wsparcie.directory import forms_apply

    monkeypatch.setattr(forms_apply, "MIN_FILL_SECONDS", 60)
    response, _ = send(client, edition)
    assert response.status_code == 400 and "zbyt szybko" in response.content.decode()
    assert not OnlineApplication.objects.exists()


def test_forged_token_stores_nothing(client, edition):
    url = f"/services/apply/{edition.pk}/"
    response = client.post(url, {**person_fields(), "form_token": "forged", "action": "submit", "declaration": "on"})
    assert response.status_code == 400 and "Formularz wygasł" in response.content.decode()
    assert not OnlineApplication.objects.exists()


def test_rate_limit_per_address(client, edition, throttle_rates):
    throttle_rates(public_apply="1/hour")
    first, _ = send(client, edition)
    assert first.status_code == 302
    second, _ = send(client.__class__(), edition, pesel=pesel_lib.make(dt.date(1951, 1, 1), 4, "male"))
    assert second.status_code == 429
    assert OnlineApplication.objects.count() == 1


def test_changed_answers_after_the_check_show_the_new_result_first(client, edition):
    url, token, checked = check(client, edition)
    data = {
        **person_fields(municipality="inna"),
        "form_token": token,
        "checked": digest_of(checked),
        "action": "submit",
        "declaration": "on",
        "information_clause": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "odpowiedzi zmieniły się" in response.content.decode()
    assert "prawdopodobnie nie spełniasz" in response.content.decode()
    assert not OnlineApplication.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("wirus.exe", b"MZ\x90\x00", content_type="application/octet-stream"), "niedozwolony typ"),
        (
            SimpleUploadedFile("udawany.pdf", b"MZ\x90\x00", content_type="application/pdf"),
            "nie jest prawidłowym plikiem PDF",
        ),
    ],
)
def test_upload_type_checked(client, edition, upload, message):
    response, _ = send(client, edition, files={"document_0": upload})
    assert response.status_code == 400 and message in response.content.decode()
    assert not OnlineApplication.objects.exists()


def test_upload_size_checked(client, edition, settings):
    settings.WSPARCIE_MAX_DOCUMENT_BYTES = 1024
    response, _ = send(client, edition, files={"document_0": pdf(body=b"%PDF-" + b"0" * 2048)})
    assert response.status_code == 400 and "najwyżej 0,0009765625 MB" not in response.content.decode()
    assert "a można załączyć najwyżej" in response.content.decode()
    assert not OnlineApplication.objects.exists()


def test_declaration_and_clause_required_and_errors_announced(client, edition):
    url, token, checked = check(client, edition)
    response = client.post(
        url,
        {**person_fields(phone="600 100 200"), "form_token": token, "checked": digest_of(checked), "action": "submit"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert" id="form-errors"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_declaration_error"' in html
    assert "Zaznacz zgodę na kontakt albo usuń numer telefonu" in html
    assert not OnlineApplication.objects.exists()


def test_invalid_pesel_is_explained(client, edition):
    _url, _token, response = check(client, edition, pesel="12345678901")
    assert response.status_code == 400
    assert "Nieprawidłowa cyfra kontrolna PESEL" in response.content.decode()


def test_confirmation_without_an_application_goes_to_status(client):
    response = client.get("/services/apply/confirmation/")
    assert response.status_code == 302 and response["Location"] == "/services/status/"


# --- status without an account ---------------------------------------------------------------


def test_status_by_reference_and_birth_date(client, edition):
    send(client, edition)
    online = OnlineApplication.objects.get()
    other = client.__class__()
    response = other.post("/services/status/", {"reference": online.reference.lower(), "birth_date": "1950-03-01"})
    html = response.content.decode()
    assert response.status_code == 200 and "złożony" in html and online.reference in html
    assert PESEL not in html and "Nowak" not in html
    wrong = other.post("/services/status/", {"reference": online.reference, "birth_date": "1950-03-02"})
    assert wrong.status_code == 400 and "Nie znaleziono zgłoszenia" in wrong.content.decode()


def test_status_lookup_is_rate_limited(client, monkeypatch):
    from wsparcie.directory import throttling

    monkeypatch.setattr(throttling, "STATUS_LOOKUP_RATE", "2/hour")
    codes = [
        client.post("/services/status/", {"reference": "WSP-2222-2222", "birth_date": "1950-03-01"}).status_code
        for _ in range(3)
    ]
    assert codes == [400, 400, 429]


def test_status_form_is_post_only_for_personal_data(client):
    html = client.get("/services/status/").content.decode()
    assert 'method="post"' in html and 'name="birth_date"' in html


# --- staff pages -----------------------------------------------------------------------------


def test_staff_list_shows_only_own_organisation(client, coordinator, catalogue):
    client.force_login(coordinator)
    html = client.get("/services/staff/").content.decode()
    assert "Teleopieka – opaska bezpieczeństwa" in html and "Opieka wytchnieniowa" not in html


def test_staff_create_and_edit_service(client, coordinator, org):
    client.force_login(coordinator)
    provider = f.ProviderFactory(organisation=org, name="MOPR")
    location = f.LocationFactory(organisation=org)
    response = client.post(
        "/services/staff/new/",
        {
            "name": "Telefon zaufania",
            "status": "active",
            "provider": provider.pk,
            "description": "Rozmowa w kryzysie.",
            "needs": ["crisis"],
            "audiences": ["at_risk"],
            "is_free": "on",
            "phones": "59 81 42 801 – dyżur",
            "locations": [location.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name="Telefon zaufania")
    assert service.slug == "telefon-zaufania" and service.organisation == org
    assert [p.number for p in service.phones.all()] == ["59 81 42 801"]
    assert service.at_locations.get().location == location
    edit = client.get(f"/services/staff/{service.pk}/")
    assert edit.status_code == 200
    form = {
        "name": "Telefon zaufania",
        "slug": "telefon-zaufania",
        "status": "active",
        "provider": provider.pk,
        "description": "Rozmowa w kryzysie.",
        "is_free": "on",
        "phones": "",
        "schedules-TOTAL_FORMS": "1",
        "schedules-INITIAL_FORMS": "0",
        "schedules-0-byday": ["MO", "TU"],
        "schedules-0-opens_at": "16:00",
        "schedules-0-closes_at": "20:00",
        "areas-TOTAL_FORMS": "1",
        "areas-INITIAL_FORMS": "0",
        "areas-0-municipality": "Słupsk",
        "areas-0-teryt": "2263011",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
    }
    for prefix in ("schedules", "areas", "documents", "contacts"):
        form[f"{prefix}-MIN_NUM_FORMS"] = "0"
        form[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    response = client.post(f"/services/staff/{service.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert service.schedules.get().display == "poniedziałek, wtorek 16:00–20:00"
    assert service.areas.get().teryt == "2263011"
    assert not service.phones.exists()


def test_staff_edit_reports_bad_teryt(client, coordinator, org):
    client.force_login(coordinator)
    service = f.ServiceFactory(organisation=org)
    form = {
        "name": service.name,
        "slug": service.slug,
        "status": "active",
        "provider": service.provider_id,
        "description": "x",
        "is_free": "on",
        "areas-TOTAL_FORMS": "1",
        "areas-INITIAL_FORMS": "0",
        "areas-0-municipality": "Słupsk",
        "areas-0-teryt": "99",
    }
    for prefix in ("schedules", "documents", "contacts"):
        form[f"{prefix}-TOTAL_FORMS"] = "0"
        form[f"{prefix}-INITIAL_FORMS"] = "0"
    response = client.post(f"/services/staff/{service.pk}/", form)
    assert response.status_code == 400
    assert "Kod TERYT gminy ma 7 cyfr" in response.content.decode()
    assert not service.areas.exists()


def test_staff_mark_checked(client, coordinator, org):
    client.force_login(coordinator)
    service = f.ServiceFactory(organisation=org, last_checked=None)
    response = client.post(f"/services/staff/{service.pk}/checked/")
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_checked is not None


def test_staff_locations_and_providers(client, coordinator, org):
    client.force_login(coordinator)
    response = client.post(
        "/services/staff/locations/new/",
        {
            "name": "Klub",
            "street": "ul. Kolejowa 1",
            "postal_code": "81-704",
            "city": "Sopot",
            "teryt": "2264011",
            "accessibility": ["lift"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/services/staff/providers/new/", {"name": "Fundacja Progresja", "phones": "59 000 00 00"})
    assert response.status_code == 302
    assert "Klub" in client.get("/services/staff/locations/").content.decode()
    assert "Fundacja Progresja" in client.get("/services/staff/providers/").content.decode()


def test_staff_sees_online_applications_and_downloads_documents(client, coordinator, edition):
    send(client.__class__(), edition, files={"document_0": pdf()})
    client.force_login(coordinator)
    html = client.get("/services/staff/applications/").content.decode()
    online = OnlineApplication.objects.get()
    assert online.reference in html
    document = SubmittedDocument.objects.get()
    response = client.get(f"/services/staff/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_document_several_services_ask_for_is_asked_once(client, edition, org):
    other = f.ServiceFactory(organisation=org, programme=edition, name="Asystenci")
    f.DocumentFactory(service=other, document="Orzeczenie o niepełnosprawności (jeśli dotyczy)", required=False)
    f.DocumentFactory(service=other, document="Zaświadczenie o dochodach", required=True)
    _url, _token, response = check(client, edition)
    html = response.content.decode()
    assert html.count("Orzeczenie o niepełnosprawności (jeśli dotyczy)") == 1
    assert 'name="document_1"' in html and 'name="document_2"' not in html


def test_required_document_must_be_attached(client, edition, org):
    f.DocumentFactory(
        service=f.ServiceFactory(organisation=org, programme=edition), document="Deklaracja", required=True
    )
    response, _ = send(client, edition)
    assert response.status_code == 400 and "To pole jest wymagane." in response.content.decode()
    assert not OnlineApplication.objects.exists()


def test_oversized_request_refused_before_reading(client, edition, settings):
    settings.WSPARCIE_MAX_DOCUMENT_BYTES = 1024
    url = f"/services/apply/{edition.pk}/"
    response = client.post(url, {"action": "submit", "document_0": pdf(body=b"%PDF-" + b"0" * (2 * 1024 * 1024))})
    assert response.status_code == 413 and "Pliki są za duże" in response.content.decode()


def test_status_shows_the_waiting_list_position(client, edition, org):
    send(client, edition)
    online = OnlineApplication.objects.get()
    from django.utils import timezone

    ahead = f.application(edition, f.person(org, serial=40), "waiting_list")
    ahead.waiting_since = timezone.now() - dt.timedelta(days=1)
    ahead.save()
    application = online.application
    application.status = "waiting_list"
    application.waiting_since = timezone.now()
    application.save()
    html = client.post(
        "/services/status/", {"reference": online.reference, "birth_date": "1950-03-01"}
    ).content.decode()
    assert "lista rezerwowa" in html and "Miejsce na liście rezerwowej" in html
    assert re.search(r"Miejsce na liście rezerwowej</dt><dd>2</dd>", html)
