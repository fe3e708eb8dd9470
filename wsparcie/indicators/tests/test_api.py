"""The API contract: indicators under /programmes/ and /projects/, the report in every format."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wsparcie.core.models import AuditEntry
from wsparcie.indicators.tests.factories import (
    ApplicationFactory,
    EUDataFactory,
    IndicatorFactory,
    MilestoneFactory,
    ProgrammeFactory,
    make_session,
)

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def programme(org):
    programme = ProgrammeFactory(
        organisation=org,
        name="PAS-ja",
        slug="pas-ja",
        period_start=dt.date(2018, 9, 25),
        period_end=dt.date(2020, 6, 30),
    )
    for _ in range(3):
        ApplicationFactory(programme=programme, enrolled_on=dt.date(2019, 1, 10))
    IndicatorFactory(
        programme=programme,
        name="Liczba osób objętych wsparciem",
        code="EECO01",
        definition="participants_enrolled",
        target=Decimal("180"),
        order=1,
    )
    IndicatorFactory(
        programme=programme,
        name="Liczba przeprowadzonych inicjatyw społecznych",
        definition="social_initiatives_held",
        unit="inicjatywy",
        target=Decimal("15"),
        order=2,
    )
    return programme


@pytest.mark.parametrize("prefix", ["programmes", "projects"])
def test_indicators_contract(api, coordinator, programme, prefix):
    response = api(coordinator).get(f"/api/v1/{prefix}/{programme.pk}/indicators/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    first = data["results"][0]
    assert {"name", "target", "actual", "unit", "id", "kind", "baseline", "code", "definition"} <= set(first)
    assert first["name"] == "Liczba osób objętych wsparciem"
    assert first["target"] == 180 and first["actual"] == 3 and first["unit"] == "osoby" and first["code"] == "EECO01"
    assert first["definition"] == "participants_enrolled"
    assert data["results"][1]["actual"] == 0


def test_programmes_and_projects_are_the_same_resource(api, coordinator, programme):
    client = api(coordinator)
    assert (
        client.get(f"/api/v1/programmes/{programme.pk}/indicators/").json()
        == client.get(f"/api/v1/projects/{programme.pk}/indicators/").json()
    )


def test_indicator_list_query_count_does_not_grow(api, coordinator, programme, django_assert_max_num_queries):
    for n in range(4):
        IndicatorFactory(programme=programme, name=f"Ręczny {n}", source="manual", definition="")
    with django_assert_max_num_queries(10):
        assert api(coordinator).get(f"/api/v1/programmes/{programme.pk}/indicators/").json()["count"] == 6


@pytest.mark.parametrize(
    "fmt, content_type, start",
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv; charset=utf-8", b"\xef\xbb\xbf"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_report_formats(api, coordinator, programme, fmt, content_type, start):
    response = api(coordinator).get(f"/api/v1/programmes/{programme.pk}/report/?format={fmt}")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="raport-pas-ja-20180925-20200630.{fmt}"'
    assert response.content.startswith(start)


def test_report_xlsx_through_the_api_opens(api, coordinator, programme):
    content = (
        api(coordinator)
        .get(
            f"/api/v1/programmes/{programme.pk}/report/",
            {"format": "xlsx", "date_from": "2019-01-01", "date_to": "2019-12-31"},
        )
        .content
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Podsumowanie"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows() if row[0].value}
    assert values["Nowi w okresie"] == 3


def test_report_json_by_default_and_with_format_json(api, coordinator, programme):
    client = api(coordinator)
    plain = client.get(f"/api/v1/programmes/{programme.pk}/report/")
    assert plain.status_code == 200 and plain["Content-Type"].startswith("application/json")
    assert plain.json()["participants"]["active"] == 3
    assert client.get(f"/api/v1/programmes/{programme.pk}/report/?format=json").json()["participants"]["new"] == 3
    assert plain.json()["indicators"][0]["target"] == "180.00"


def test_report_bad_format_and_dates(api, coordinator, programme):
    client = api(coordinator)
    response = client.get(f"/api/v1/programmes/{programme.pk}/report/?format=docx")
    assert response.status_code == 400 and "Nieznany format „docx”" in response.json()["format"][0]
    assert (
        client.get(f"/api/v1/programmes/{programme.pk}/report/?date_from=2020-01-01&date_to=2019-01-01").status_code
        == 400
    )
    assert client.get(f"/api/v1/programmes/{programme.pk}/report/?date_from=jutro").status_code == 400


def test_social_worker_gets_the_report_without_costs(api, make_user, org, programme):
    worker = make_user("social_worker", org)
    data = api(worker).get(f"/api/v1/programmes/{programme.pk}/report/").json()
    assert data["costs"] is None
    coordinator = make_user("coordinator", org)
    assert api(coordinator).get(f"/api/v1/programmes/{programme.pk}/report/").json()["costs"] == []


def test_eu_participants_export(api, coordinator, programme):
    application = programme.applications.first()
    EUDataFactory(enrolment=application, homeless="refused")
    client = api(coordinator)
    xlsx = client.get(f"/api/v1/programmes/{programme.pk}/eu-participants/?format=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"] == 'attachment; filename="uczestnicy-efs-cst2021-pas-ja.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content))["Uczestnicy"].max_row == 4
    csv_response = client.get(f"/api/v1/programmes/{programme.pk}/eu-participants/?format=csv&variant=sl2014")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kraj" and len(rows) == 4
    data = client.get(f"/api/v1/programmes/{programme.pk}/eu-participants/").json()
    assert data["count"] == 3
    assert "Odmowa podania informacji" in [
        r["Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"] for r in data["results"]
    ]
    assert AuditEntry.objects.filter(object_type="indicators.eu_export", action="view").count() == 3


def test_eu_export_needs_health_permission(api, make_user, org, programme):
    from wsparcie.core.models import Membership

    # A telecare operator does not see indicators at all; an auditor does and may export.
    assert (
        api(make_user("telecare_operator", org)).get(f"/api/v1/programmes/{programme.pk}/eu-participants/").status_code
        == 404
    )
    assert api(make_user("auditor", org)).get(f"/api/v1/programmes/{programme.pk}/eu-participants/").status_code == 200
    assert Membership.objects.filter(role="auditor").exists()


def test_indicator_crud_values_snapshots_and_milestones(api, coordinator, programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = api(coordinator)
    created = client.post(
        "/api/v1/indicators/",
        {"programme": programme.pk, "name": "Raporty z badań", "target": "9", "source": "manual", "unit": "szt."},
        format="json",
    )
    assert created.status_code == 201, created.content
    indicator_id = created.json()["id"]
    bad = client.post(
        "/api/v1/indicators/",
        {
            "programme": programme.pk,
            "name": "Zły",
            "target": "1",
            "source": "measured",
            "definition": "hours_delivered",
            "filters": {"team_kind": "pzk"},
        },
        format="json",
    )
    assert bad.status_code == 400 and "filters" in bad.json()
    upload = SimpleUploadedFile("raport.pdf", b"%PDF-1.4", content_type="application/pdf")
    value = client.post(
        f"/api/v1/indicators/{indicator_id}/values/",
        {"measured_on": "2019-06-30", "value": "8", "evidence": upload},
        format="multipart",
    )
    assert value.status_code == 201, value.content
    assert value.json()["evidence_url"].endswith("/evidence/")
    no_evidence = client.post(
        f"/api/v1/indicators/{indicator_id}/values/", {"measured_on": "2019-07-30", "value": "9"}, format="json"
    )
    assert no_evidence.status_code == 400 and "evidence" in no_evidence.json()
    assert client.get(f"/api/v1/indicators/{indicator_id}/values/").json()["count"] == 1
    row = next(
        r
        for r in client.get(f"/api/v1/programmes/{programme.pk}/indicators/").json()["results"]
        if r["id"] == indicator_id
    )
    assert row["actual"] == 8
    measured = programme.indicators.get(definition="participants_enrolled")
    snap = client.post(f"/api/v1/indicators/{measured.pk}/snapshot/")
    assert snap.status_code == 201 and snap.json()["value"] == "3.00"
    assert client.get(f"/api/v1/indicators/{measured.pk}/snapshots/").json()["count"] == 1
    assert client.post(f"/api/v1/indicators/{indicator_id}/snapshot/").status_code == 409
    milestone = MilestoneFactory(programme=programme)
    target = client.post(
        f"/api/v1/indicators/{measured.pk}/milestone-targets/",
        {"milestone": milestone.pk, "target": "90"},
        format="json",
    )
    assert target.status_code == 201
    listed = next(
        r
        for r in client.get(f"/api/v1/programmes/{programme.pk}/indicators/").json()["results"]
        if r["id"] == measured.pk
    )
    assert listed["milestone_targets"] == [
        {"milestone": milestone.pk, "milestone_name": milestone.name, "target": 90, "reached": False}
    ]
    assert (
        client.patch(f"/api/v1/indicators/{measured.pk}/", {"target": "200"}, format="json").json()["target"]
        == "200.00"
    )
    assert client.delete(f"/api/v1/indicators/{indicator_id}/").status_code == 409


def test_definitions_and_eu_data_endpoints(api, coordinator, programme):
    client = api(coordinator)
    codes = [d["code"] for d in client.get("/api/v1/indicator-definitions/").json()]
    assert "participants_aged_65_plus" in codes and "hours_delivered" in codes
    application = programme.applications.first()
    assert client.get(f"/api/v1/eu-data/{application.pk}/").status_code == 404
    saved = client.put(
        f"/api/v1/eu-data/{application.pk}/", {"education": "isced1_2", "homeless": "refused"}, format="json"
    )
    assert saved.status_code == 200 and saved.json()["homeless"] == "refused"
    assert client.get(f"/api/v1/eu-data/{application.pk}/").json()["education"] == "isced1_2"
    assert client.patch(f"/api/v1/eu-data/{application.pk}/", {"degurba": "7"}, format="json").status_code == 400


def test_hours_indicator_through_the_api(api, coordinator, programme):
    application = programme.applications.first()
    make_session(application, start=dt.datetime(2019, 2, 1, 9, tzinfo=TZ), hours=Decimal("1.5"))
    IndicatorFactory(
        programme=programme, name="Godziny", definition="hours_delivered", unit="godziny", target=Decimal("100")
    )
    row = next(
        r
        for r in api(coordinator).get(f"/api/v1/programmes/{programme.pk}/indicators/").json()["results"]
        if r["name"] == "Godziny"
    )
    assert row["actual"] == 1.5 and row["percent"] == 1.5
