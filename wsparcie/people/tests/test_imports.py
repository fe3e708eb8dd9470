"""Bulk import: CSV (comma/semicolon, BOM), XLSX, row errors, both modes, preview, background."""

import datetime as dt
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wsparcie.core.models import AuditEntry
from wsparcie.core.pesel import make
from wsparcie.people import imports
from wsparcie.people.models import DuplicateCandidate, ImportJob, Person
from wsparcie.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["pesel", "first_name", "last_name", "birth_date", "sex", "street", "postal_code", "city", "teryt"]
A = make(dt.date(1944, 2, 29), 1, "female")
B = make(dt.date(1955, 12, 1), 2, "male")
C = make(dt.date(2003, 4, 10), 3, "female")


def csv_bytes(rows, sep=",", bom=False, header=HEADER):
    text = "\n".join(sep.join(r) for r in [header, *rows]) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def good_rows():
    return [
        [A, "Anna", "Wiśniewska", "1944-02-29", "female", "ul. Tumska 1", "09-400", "Płock", "1462011"],
        [B, "Józef", "Żółkiewski", "", "male", "ul. Grodzka 2", "09-400", "Płock", "1462011"],
        [C, "Zuzanna", "Nowak", "10.04.2003", "", "", "", "Płock", ""],
    ]


def upload(api, user, content, mode="valid_rows", name="osoby.csv"):
    response = api(user).post(
        "/api/v1/imports/",
        {"file": SimpleUploadedFile(name, content), "kind": "persons", "mode": mode},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    return api(user).get(f"/api/v1/imports/{response.json()['id']}/").json()


@pytest.mark.parametrize(("sep", "bom"), [(",", False), (";", False), (",", True), (";", True)])
def test_csv_separators_and_bom(api, coordinator, org, sep, bom):
    job = upload(api, coordinator, csv_bytes(good_rows(), sep=sep, bom=bom))
    assert (job["status"], job["rows"], job["imported"], job["errors"]) == ("done", 3, 3, [])
    anna = Person.objects.get(pesel=A)
    assert (anna.organisation, anna.last_name, anna.birth_date, anna.sex) == (
        org,
        "Wiśniewska",
        dt.date(1944, 2, 29),
        "female",
    )
    assert Person.objects.get(pesel=C).birth_date == dt.date(2003, 4, 10)


def test_xlsx_with_numeric_cells(api, coordinator):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(
        [int(C), "Zuzanna", "Nowak", dt.datetime(2003, 4, 10), "female", "ul. Tumska 3", "09-400", "Płock", 1462011]
    )
    ws.append([int(make(dt.date(2001, 1, 5), 4, "male")), "Adam", "Kos", None, "M", None, None, "Wrocław", 264011])
    buffer = io.BytesIO()
    wb.save(buffer)
    job = upload(api, coordinator, buffer.getvalue(), name="osoby.xlsx")
    assert (job["status"], job["imported"], job["errors"]) == ("done", 2, [])
    assert Person.objects.get(pesel=C).teryt == "1462011"  # leading zeros restored
    assert Person.objects.get(first_name="Adam").teryt == "0264011"


def test_row_errors_are_listed_and_valid_rows_imported(api, coordinator, org):
    PersonFactory(organisation=org, pesel=B, birth_date=dt.date(1955, 12, 1), sex="male")
    rows = [
        *good_rows(),
        [A, "Anna", "Powtórzona", "", "", "", "", "", ""],  # same PESEL as row 2
        ["44022900010", "Zła", "Suma", "", "", "", "", "", ""],  # checksum
        [make(dt.date(1960, 1, 1), 5, "female"), "Ewa", "Data", "1960-01-02", "male", "", "", "", ""],
        [make(dt.date(1961, 1, 1), 6, "female"), "Ola", "Teryt", "", "", "", "09400", "", "99"],
        ["", "Bez", "Numeru", "", "", "", "", "", ""],
    ]
    job = upload(api, coordinator, csv_bytes(rows))
    assert job["status"] == "done" and job["rows"] == 8 and job["imported"] == 2
    errors = {(e["row"], e["column"]) for e in job["errors"]}
    assert {
        (3, "pesel"),
        (5, "pesel"),
        (6, "pesel"),
        (7, "birth_date"),
        (7, "sex"),
        (8, "postal_code"),
        (8, "teryt"),
        (9, "pesel"),
        (9, "birth_date"),
    } <= errors
    messages = {(e["row"], e["column"]): e["message"] for e in job["errors"]}
    assert "jest już w rejestrze" in messages[(3, "pesel")]
    assert "wierszu 2" in messages[(5, "pesel")]
    assert "kontrolna" in messages[(6, "pesel")]
    assert set(Person.objects.values_list("pesel", flat=True)) == {A, B, C}


def test_all_or_nothing_imports_nothing_when_a_row_fails(api, coordinator):
    rows = [*good_rows(), ["123", "Zły", "Numer", "", "", "", "", "", ""]]
    job = upload(api, coordinator, csv_bytes(rows), mode="all_or_nothing")
    assert job["imported"] == 0 and job["status"] == "failed" and job["errors"][0]["row"] == 5
    assert "Nic nie zaimportowano" in job["message"]
    assert not Person.objects.exists()
    job = upload(api, coordinator, csv_bytes(good_rows()), mode="all_or_nothing")
    assert (job["status"], job["imported"]) == ("done", 3)


def test_missing_column_fails_the_file(api, coordinator):
    job = upload(api, coordinator, csv_bytes([["Anna"]], header=["first_name"]))
    assert job["status"] == "failed" and job["errors"][0]["column"] == "last_name"


def test_polish_headers_and_cp1250(api, coordinator):
    text = "imię;nazwisko;pesel;płeć\nŁucja;Źdźbło;" + C + ";K\n"
    job = upload(api, coordinator, text.encode("cp1250"))
    assert job["imported"] == 1 and Person.objects.get().first_name == "Łucja"


def test_errors_download_as_csv(api, coordinator):
    job = upload(api, coordinator, csv_bytes([["=1+2", "Ala", "Kot", "", "", "", "", "", ""]]))
    response = api(coordinator).get(f"/api/v1/imports/{job['id']}/errors/")
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and body.startswith("wiersz;kolumna;błąd")
    assert "2;pesel;" in body


def test_import_is_audited_and_flags_similar_people(api, coordinator, org):
    PersonFactory(
        organisation=org,
        first_name="Anna",
        last_name="Wiśniewska",
        birth_date=dt.date(1944, 2, 29),
        sex="female",
        pesel=make(dt.date(1944, 2, 29), 9, "female"),
    )
    job = upload(api, coordinator, csv_bytes(good_rows()))
    assert job["imported"] == 3
    assert DuplicateCandidate.objects.count() == 1
    entry = AuditEntry.objects.get(object_type="people.person", action="create", object_repr__contains="importu")
    assert entry.actor == coordinator and entry.changes["import"] == job["id"]


def test_preview_then_decide(coordinator, org):
    rows = [*good_rows(), ["1", "Zły", "Numer", "", "", "", "", "", ""]]
    job = imports.import_start(
        actor=coordinator, organisation=org, kind="persons", mode="preview", file_name="a.csv", content=csv_bytes(rows)
    )
    assert (job.status, job.valid_rows, job.error_count) == ("validated", 3, 1) and job.content
    assert not Person.objects.exists()
    job = imports.import_decide(actor=coordinator, job=job, mode="valid_rows")
    assert (job.status, job.imported) == ("done", 3) and job.content is None
    other = imports.import_start(
        actor=coordinator, organisation=org, kind="persons", mode="preview", file_name="b.csv", content=csv_bytes(rows)
    )
    other = imports.import_decide(actor=coordinator, job=other, mode="cancel")
    assert other.status == "cancelled" and Person.objects.count() == 3


def test_write_failure_leaves_nothing(coordinator, org, monkeypatch):
    from wsparcie.people import importers

    def explode(ctx, writer, had_people):
        raise RuntimeError("boom")

    monkeypatch.setattr(importers, "_after_write", explode)
    job = imports.import_start(
        actor=coordinator,
        organisation=org,
        kind="persons",
        mode="valid_rows",
        file_name="a.csv",
        content=csv_bytes(good_rows()),
    )
    assert job.status == "failed" and job.imported == 0
    assert not Person.objects.exists()


def test_register_importer_hook(coordinator, org):
    seen = []
    imports.register_importer(
        "test-kind",
        imports.Importer(
            label="test",
            columns=("a",),
            required_columns=("a",),
            validate=lambda ctx, rows: [ctx.value(r, "a") for _n, r in rows],
            write=lambda ctx, items: seen.extend(items) or len(items),
        ),
    )
    try:
        job = imports.import_start(
            actor=coordinator,
            organisation=org,
            kind="test-kind",
            mode="all_or_nothing",
            file_name="x.csv",
            content=b"a\n1\n2\n",
        )
        assert (job.status, job.imported, seen) == ("done", 2, ["1", "2"])
    finally:
        imports._REGISTRY.pop("test-kind")


@pytest.mark.django_db(transaction=True)
def test_big_file_runs_in_background_with_progress(org, make_user):
    from bench.people_generator import csv_bytes as generated

    coordinator = make_user("coordinator", org)
    job = imports.import_start(
        actor=coordinator,
        organisation=org,
        kind="persons",
        mode="valid_rows",
        file_name="big.csv",
        content=generated(300, seed=3),
        background=True,
    )
    assert job.status == "running"
    for thread in threading.enumerate():
        if thread.name == f"import-{job.pk}":
            thread.join(timeout=60)
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.rows, job.processed, job.imported) == ("done", 300, 300, 300)
    assert Person.objects.filter(organisation=org).count() == 300


def test_similar_rows_within_one_file_are_flagged(api, coordinator):
    born = dt.date(1950, 5, 5)
    rows = [
        [make(born, 1, "male"), "Jan", "Kowalski", "", "", "", "", "", ""],
        [make(born, 2, "male"), "Jan", "Kowalsky", "", "", "", "", "", ""],
        [make(born, 3, "male"), "Piotr", "Zieliński", "", "", "", "", "", ""],
    ]
    job = upload(api, coordinator, csv_bytes(rows))
    assert job["imported"] == 3
    pair = DuplicateCandidate.objects.get()
    assert {pair.person_a.last_name, pair.person_b.last_name} == {"Kowalski", "Kowalsky"}


def test_quoted_fields_with_separators_and_line_breaks(api, coordinator):
    content = (
        "pesel,first_name,last_name,street,city\n"
        f'{A},Anna,"Wiśniewska, z d. Kowal","ul. Tumska 1, m. 2",Płock\n'
        f'{B},"Józef",Nowak,"ul. Długa 3\nklatka B",Płock\n'
    ).encode()
    job = upload(api, coordinator, content)
    assert (job["imported"], job["errors"]) == (2, [])
    assert Person.objects.get(pesel=A).street == "ul. Tumska 1, m. 2"
    assert Person.objects.get(pesel=B).street == "ul. Długa 3\nklatka B"  # kept intact through COPY


@pytest.mark.django_db
def test_an_import_cut_off_by_a_restart_does_not_stay_running(api, coordinator, org, client):
    """A background import whose process stopped (no progress for a quarter of an hour) is shown
    as failed with the reason, in the API and on the page; a live one is left alone."""
    old = ImportJob.objects.create(
        organisation=org, kind="persons", mode="valid_rows", status="running", file_name="duzy.csv", rows=100000
    )
    live = ImportJob.objects.create(
        organisation=org, kind="persons", mode="valid_rows", status="running", file_name="biezacy.csv", rows=100000
    )
    ImportJob.objects.filter(pk=old.pk).update(updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    body = api(coordinator).get(f"/api/v1/imports/{old.pk}/").json()
    assert body["status"] == "failed" and "przerwano" in body["message"] and body["finished_at"]
    assert ImportJob.objects.get(pk=live.pk).status == "running"
    assert AuditEntry.objects.filter(object_type="people.importjob", object_id=str(old.pk), action="update").exists()
    ImportJob.objects.filter(pk=live.pk).update(updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))
    client.force_login(coordinator)
    page = client.get(f"/staff/people/import/{live.pk}/").content.decode()
    assert "Import przerwano" in page


@pytest.mark.parametrize(
    ("imported", "skipped", "polish", "english"),
    [
        (1, 0, "Zaimportowano 1 wiersz.", "Imported 1 row."),
        (3, 1, "Zaimportowano 3 wiersze. Pominięto 1 wiersz z błędami.", "Imported 3 rows. Skipped 1 row with errors."),
        (12, 22, "Zaimportowano 12 wierszy. Pominięto 22 wiersze z błędami.", None),
        (25, 5, "Zaimportowano 25 wierszy. Pominięto 5 wierszy z błędami.", None),
    ],
)
def test_job_messages_count_rows_in_polish_forms(imported, skipped, polish, english):
    from django.utils import translation

    from wsparcie.people import imports

    assert imports._done_message(imported, skipped) == polish
    if english:
        with translation.override("en"):
            assert imports._done_message(imported, skipped) == english
    assert imports._rows_with_errors_message(2).startswith("Nic nie zaimportowano: 2 wiersze mają błędy")
    assert imports._rows_with_errors_message(5).startswith("Nic nie zaimportowano: 5 wierszy ma błędy")
