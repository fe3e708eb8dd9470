import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsparcie.core.models import AuditEntry
from wsparcie.core.pesel import make
from wsparcie.people.models import DuplicateCandidate, ImportJob, Person, Relation
from wsparcie.people.tests.factories import CertificateFactory, PersonFactory

pytestmark = pytest.mark.django_db

BORN = dt.date(1939, 9, 1)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_list_and_htmx_search_by_name(staff, org):
    PersonFactory(organisation=org, last_name="Kamińska", first_name="Irena")
    PersonFactory(organisation=org, last_name="Nowak")
    page = staff.get(reverse("people:list"))
    assert page.status_code == 200 and "Kamińska" in page.content.decode()
    partial = staff.get(reverse("people:list"), {"q": "kaminska"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Kamińska" in partial and "Nowak" not in partial and "<html" not in partial
    refused = staff.get(reverse("people:list"), {"q": "39090100011"}).content.decode()
    assert "wyszukiwania po numerze PESEL" in refused


def test_pesel_search_is_a_post_and_redirects_by_id(staff, org):
    person = PersonFactory(organisation=org)
    response = staff.post(reverse("people:search_pesel"), {"pesel": person.pesel})
    assert response.status_code == 302 and response.url == reverse("people:detail", args=[person.pk])
    assert person.pesel not in response.url
    missing = staff.post(reverse("people:search_pesel"), {"pesel": make(BORN, 999, "male")})
    assert "Nie ma w rejestrze" in missing.content.decode()


def test_create_person_page(staff, org):
    response = staff.post(
        reverse("people:create"),
        {"pesel": make(BORN, 5, "female"), "first_name": "Maria", "last_name": "Dąbrowska", "citizenship": "PL"},
    )
    person = Person.objects.get()
    assert response.status_code == 302 and person.birth_date == BORN and person.sex == "female"
    again = staff.post(
        reverse("people:create"), {"pesel": person.pesel, "first_name": "M", "last_name": "D", "citizenship": "PL"}
    )
    html = again.content.decode()
    assert "jest już w rejestrze" in html and reverse("people:detail", args=[person.pk]) in html
    wrong = staff.post(
        reverse("people:create"), {"pesel": "39090100012", "first_name": "A", "last_name": "B", "citizenship": "PL"}
    )
    assert "kontrolna" in wrong.content.decode()


def test_detail_page_is_audited(staff, org, coordinator):
    person = PersonFactory(organisation=org)
    response = staff.get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200 and person.last_name in response.content.decode()
    assert AuditEntry.objects.filter(action="view", actor=coordinator, object_id=str(person.pk)).count() == 1


def test_edit_page(staff, org):
    person = PersonFactory(organisation=org)
    data = {
        "pesel": person.pesel,
        "first_name": "Nowe",
        "last_name": person.last_name,
        "citizenship": "PL",
        "teryt": "1462011",
    }
    assert staff.post(reverse("people:edit", args=[person.pk]), data).status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Nowe"


def test_certificates_page(staff, org):
    person = PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1))
    data = {"kind": "equivalent", "equivalent_type": "zus_total_independent", "issued_on": "2022-02-02"}
    assert staff.post(reverse("people:certificates", args=[person.pk]), data).status_code == 302
    page = staff.get(reverse("people:certificates", args=[person.pk])).content.decode()
    assert "znaczny" in page and "na stałe" in page


def test_health_pages_hidden_from_roles_without_health_view(client, make_user, org, without_health):
    person = PersonFactory(organisation=org)
    CertificateFactory(person=person)
    client.force_login(make_user("worker", org))
    assert client.get(reverse("people:certificates", args=[person.pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    client.force_login(make_user(without_health("auditor"), org))
    assert client.get(reverse("people:certificates", args=[person.pk])).status_code == 403
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert (
        "Orzeczenie o niepełnosprawności" not in detail
        and reverse("people:certificates", args=[person.pk]) not in detail
    )


def test_relations_page_search_and_add(staff, org):
    person = PersonFactory(organisation=org)
    other = PersonFactory(organisation=org, last_name="Opiekuńska")
    found = staff.get(reverse("people:relations", args=[person.pk]), {"find": "opiek"}, HTTP_HX_REQUEST="true")
    assert "Opiekuńska" in found.content.decode()
    response = staff.post(
        reverse("people:relations", args=[person.pk]), {"relative": other.pk, "kind": "legal_guardian"}
    )
    assert response.status_code == 302
    relation = Relation.objects.get()
    assert (relation.person, relation.relative, relation.is_caregiver) == (person, other, True)


def test_household_page(staff, org):
    a, b = PersonFactory.create_batch(2, organisation=org)
    staff.post(reverse("people:household", args=[a.pk]), {"action": "join", "other": b.pk})
    a.refresh_from_db(), b.refresh_from_db()
    assert a.household_id and a.household_id == b.household_id


def test_incomes_page(staff, org, income_criteria):
    person = PersonFactory(organisation=org)
    staff.post(
        reverse("people:incomes", args=[person.pk]),
        {"established_on": "2025-02-01", "household_size": "3", "income_per_person": "1 000,50"},
    )
    assert str(person.incomes.get().income_per_person) == "1000.50"
    assert "1 234,50" in staff.get(reverse("people:incomes", args=[person.pk])).content.decode()  # 150% of 823 zł


def test_import_pages_preview_decide_and_download(staff, org):
    content = f"pesel;first_name;last_name\n{make(BORN, 1, 'male')};Jan;Nowy\n123;Zły;Numer\n".encode()
    response = staff.post(
        reverse("people:import"), {"file": SimpleUploadedFile("a.csv", content), "kind": "persons", "mode": "preview"}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("people:import_detail", args=[job.pk])
    page = staff.get(response.url).content.decode()
    assert "11 cyfr" in page and "Importuj poprawne wiersze (1)" in page
    assert "11 cyfr" in staff.get(reverse("people:import_errors", args=[job.pk])).content.decode("utf-8-sig")
    staff.post(reverse("people:import_decide", args=[job.pk]), {"mode": "valid_rows"})
    assert Person.objects.get().last_name == "Nowy"
    assert 'hx-trigger="every 1s"' not in staff.get(reverse("people:import_detail", args=[job.pk])).content.decode()


def test_running_import_page_polls(staff, org, coordinator):
    job = ImportJob.objects.create(
        organisation=org,
        kind="persons",
        mode="valid_rows",
        status="running",
        rows=50000,
        processed=10000,
        created_by=coordinator,
    )
    page = staff.get(reverse("people:import_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "10000 z 50000" in page
    partial = staff.get(reverse("people:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="progress"')


def test_duplicate_review_and_merge_page(staff, org):
    a = PersonFactory(
        organisation=org,
        first_name="Jan",
        last_name="Kowalski",
        birth_date=BORN,
        sex="male",
        pesel=make(BORN, 1, "male"),
    )
    b = PersonFactory(
        organisation=org,
        first_name="Jan",
        last_name="Kowalsky",
        birth_date=BORN,
        sex="male",
        pesel=make(BORN, 2, "male"),
    )
    from wsparcie.people.services import duplicates_flag

    duplicates_flag(person_ids=[b.pk], organisation_id=org.pk)
    pair = DuplicateCandidate.objects.get()
    assert "Kowalsky" in staff.get(reverse("people:duplicates")).content.decode()
    assert staff.get(reverse("people:duplicate_review", args=[pair.pk])).status_code == 200
    response = staff.post(
        reverse("people:duplicate_review", args=[pair.pk]), {"action": "merge", "keep": str(a.pk), "note": "x"}
    )
    assert response.status_code == 302 and not Person.objects.filter(pk=b.pk).exists()


def test_areas_page(staff, org):
    person = PersonFactory(organisation=org, street="ul. Długa 3", teryt="2263011")
    staff.post(
        reverse("people:areas"),
        {
            "code": "obszar-rewitalizowany",
            "name": "Obszar rewitalizowany",
            "streets": "Długa\nKrzywa",
            "teryt_codes": "2263011",
        },
    )
    person.refresh_from_db()
    assert person.areas == ["obszar-rewitalizowany"]
    assert "Obszar rewitalizowany" in staff.get(reverse("people:detail", args=[person.pk])).content.decode()
