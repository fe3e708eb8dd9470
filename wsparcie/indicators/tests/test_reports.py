"""The funder's report and the EU export as files: XLSX opened with openpyxl, CSV with BOM and
semicolons, PDF bytes; formula injection neutralised; "refused" distinct from "no"."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from wsparcie.indicators import eu_export, reports, spreadsheets
from wsparcie.indicators.tests.factories import (
    CertificateFactory,
    EUDataFactory,
)

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


def test_report_numbers(kws):
    report = reports.build(kws, date_from=dt.date(2023, 7, 1), date_to=dt.date(2023, 12, 31))
    assert report.participants == {"new": 1, "active": 2, "completed": 1, "active_women": 1, "active_men": 1}
    assert report.months[0] == dt.date(2023, 7, 1) and len(report.months) == 6
    assert report.hours_total == Decimal("4")  # the June session is outside the period
    service = report.services[0]
    assert service["by_month"][dt.date(2023, 7, 1)] == Decimal("4") and service["sessions"] == 2
    costs = {c["funding_source_code"]: c for c in report.costs}
    assert costs["budzet-panstwa"]["spent"] == Decimal("5000") and costs["srodki-wlasne-gminy"]["spent"] == Decimal(
        "1250"
    )
    assert report.indicators[0].actual == Decimal("2")


def test_a_report_built_again_reads_what_was_written_since(kws):
    """The report's statements are compiled once (core.statements); the rows are read every time."""
    from wsparcie.delivery.models import Service
    from wsparcie.indicators.tests.factories import make_session

    period = {"date_from": dt.date(2023, 7, 1), "date_to": dt.date(2023, 12, 31)}
    first = reports.build(kws, **period)
    application = kws.applications.filter(status="enrolled").first()
    make_session(
        application, start=dt.datetime(2023, 8, 3, 9, tzinfo=TZ), hours=2, service=Service.objects.get(programme=kws)
    )
    again = reports.build(kws, **period)

    assert again.hours_total == first.hours_total + 2
    assert again.services[0]["by_month"][dt.date(2023, 8, 1)] == Decimal("2")
    assert again.participants == first.participants
    assert again.indicators[0].actual == first.indicators[0].actual


def test_report_xlsx_cells(kws):
    report = reports.build(kws, date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 12, 31))
    workbook = openpyxl.load_workbook(io.BytesIO(reports.to_xlsx(report)))
    assert workbook.sheetnames == [
        "Podsumowanie",
        "Usługi wg miesięcy",
        "Koszty wg źródeł",
        "Wskaźniki",
        "Wydatki i alarmy wg miesięcy",
    ]
    summary = {row[0].value: row[1].value for row in workbook["Podsumowanie"].iter_rows() if row[0].value}
    assert summary["Program"] == "Korpus Wsparcia Seniorów 2023"
    assert summary["Aktywni w okresie"] == 2 and summary["Zakończyli udział w okresie"] == 1
    assert summary["Okres sprawozdawczy od"] == dt.datetime(2023, 6, 1)
    services = workbook["Usługi wg miesięcy"]
    assert [c.value for c in services[1]][:4] == ["Usługa", "Jednostka", "2023-06", "2023-07"]
    name_cell = services["A2"]
    assert name_cell.value == '\'=HYPERLINK("http://zlo")' and name_cell.data_type == "s"  # not a formula
    assert services["C2"].value == 2 and services["D2"].value == 4
    costs = workbook["Koszty wg źródeł"]
    assert costs["E2"].value == 5000 or costs["E3"].value == 5000
    indicators = workbook["Wskaźniki"]
    assert (
        indicators["B2"].value == "Seniorzy 65+ objęci wsparciem"
        and indicators["F2"].value == 60
        and indicators["G2"].value == 2
    )


def test_report_csv_has_bom_semicolons_and_iso_dates(kws):
    report = reports.build(kws, date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 12, 31))
    content = reports.to_csv(report)
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Okres sprawozdawczy od", "2023-06-01"] in rows
    assert any(row[:1] == ['\'=HYPERLINK("http://zlo")'] for row in rows)
    assert ["Aktywni w okresie", "2"] in rows


@pytest.mark.parametrize("text", ["=1+1", "+48 600", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_injection_is_neutralised_in_xlsx_and_csv(text):
    assert spreadsheets.safe_text(text) == "'" + text
    workbook = openpyxl.load_workbook(
        io.BytesIO(spreadsheets.to_xlsx([("A", [["nagłówek"], [text, 5, dt.date(2023, 1, 2)]])]))
    )
    sheet = workbook["A"]
    # A carriage return is stored escaped as _x000D_ (Excel reads it back as one; openpyxl does
    # not decode it); the apostrophe stays in front.
    assert sheet["A2"].value.replace("_x000D_", "\r") == "'" + text and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 5 and sheet["C2"].value == dt.datetime(2023, 1, 2)
    rows = list(
        csv.reader(io.StringIO(spreadsheets.to_csv([[text, Decimal("1.50")]]).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["'" + text, "1,50"]
    assert spreadsheets.safe_text("Kowalska-Nowak") == "Kowalska-Nowak"


def test_eu_export_refused_is_distinct_from_no(org, kws):
    a, b = list(kws.applications.order_by("enrolled_on"))
    CertificateFactory(person=a.person, issued_on=dt.date(2020, 1, 1))
    EUDataFactory(
        enrolment=a,
        education="isced5_8",
        degurba="1",
        labour_status="inactive",
        homeless="refused",
        foreign_origin="no",
        minority="refused",
    )
    EUDataFactory(enrolment=b, homeless="no", foreign_origin="yes", disability="refused")
    rows = eu_export.records(kws)
    first, second = rows
    assert first["homeless"] == "Odmowa podania informacji" and second["homeless"] == "Nie"
    assert first["foreign_origin"] == "Nie" and second["foreign_origin"] == "Tak"
    assert first["disability"] == "Tak"  # from the certificate
    assert second["disability"] == "Odmowa podania informacji"
    assert first["education"] == "Wyższe (ISCED 5–8)"
    assert first["age"] == 73 and first["sex"] == "Kobieta"
    assert first["voivodeship"] == "mazowieckie" and first["gmina"] == "Płock"
    assert first["support_forms"] == '=HYPERLINK("http://zlo")'
    assert first["sl_minority_migrant_foreign"] == "Odmowa podania informacji"
    assert second["sl_minority_migrant_foreign"] == "Tak"

    workbook = openpyxl.load_workbook(io.BytesIO(eu_export.to_xlsx(rows)))
    sheet = workbook["Uczestnicy"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Numer projektu", "Obywatelstwo", "Rodzaj uczestnika"]
    homeless = header.index("Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań") + 1
    assert sheet.cell(row=2, column=homeless).value == "Odmowa podania informacji"
    assert sheet.cell(row=3, column=homeless).value == "Nie"
    start = header.index("Data rozpoczęcia udziału w projekcie") + 1
    assert sheet.cell(row=2, column=start).value == dt.datetime(2023, 6, 5)
    first_name = header.index("Imię") + 1
    assert sheet.cell(row=3, column=first_name).value == "'@SUMA(A1)"

    content = eu_export.to_csv(rows)
    assert content.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert len(parsed[0]) == len(eu_export.CST2021)
    assert parsed[1][parsed[0].index("Data rozpoczęcia udziału w projekcie")] == "2023-06-05"
    assert parsed[2][parsed[0].index("Data zakończenia udziału w projekcie")] == "2023-09-30"
    assert parsed[2][parsed[0].index("Imię")] == "'@SUMA(A1)"
    sl = eu_export.table(rows, "sl2014")
    assert (
        sl[0][0] == "Kraj"
        and "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego pochodzenia" in sl[0]
    )


def test_report_spending_and_alarms_by_month(kws, org):
    from wsparcie.indicators.tests.test_pdf import pages
    from wsparcie.telecare.tests.factories import AlarmFactory, DeviceFactory

    device = DeviceFactory(organisation=org, person=kws.applications.get(status="enrolled").person)
    for raised_at in (
        dt.datetime(2023, 8, 2, 10, tzinfo=TZ),
        dt.datetime(2023, 8, 31, 23, 30, tzinfo=TZ),  # still August in Warsaw
        dt.datetime(2024, 1, 2, 10, tzinfo=TZ),  # after the period
    ):
        AlarmFactory(organisation=org, device=device, raised_at=raised_at)
    period = {"date_from": dt.date(2023, 7, 1), "date_to": dt.date(2023, 12, 31)}

    for report in (reports.build(kws, **period), reports.build(kws, **period)):  # the second from compiled statements
        spending = dict(report.spending)
        assert len(spending) == 6 and spending[dt.date(2023, 7, 1)] == Decimal("5000")
        assert spending[dt.date(2023, 8, 1)] == Decimal("1250") and spending[dt.date(2023, 9, 1)] == 0
        assert dict(report.alarms) == {
            dt.date(2023, 7, 1): 0,
            dt.date(2023, 8, 1): 2,
            **{dt.date(2023, m, 1): 0 for m in range(9, 13)},
        }

    data = reports.to_json(report)
    assert data["spending_by_month"][:2] == [
        {"month": "2023-07", "amount": "5000.00"},
        {"month": "2023-08", "amount": "1250.00"},
    ]
    assert {"month": "2023-08", "alarms": 2} in data["alarms_by_month"]
    text = "\n".join(pages(reports.to_pdf(report)))
    assert "Wydatki według miesięcy (zł)" in text and "Alarmy teleopieki według miesięcy" in text

    sheet = openpyxl.load_workbook(io.BytesIO(reports.to_xlsx(report)))["Wydatki i alarmy wg miesięcy"]
    assert [c.value for c in sheet[1]] == ["Miesiąc", "Wydatki (zł)", "Alarmy teleopieki"]
    assert [c.value for c in sheet[3]] == ["2023-08", 1250, 2]
    lines = reports.to_csv(report).decode("utf-8-sig").splitlines()
    assert lines[lines.index("Wydatki i alarmy według miesięcy") + 3] == "2023-08;1250,00;2"

    hidden = reports.build(kws, include_costs=False, **period)
    assert hidden.spending is None and reports.to_json(hidden)["spending_by_month"] is None
    assert "Wydatki według miesięcy" not in "\n".join(pages(reports.to_pdf(hidden)))


def test_spending_in_a_period_counts_only_that_periods_sessions(kws, coordinator):
    from wsparcie.finance import services as finance
    from wsparcie.finance.models import BudgetLine
    from wsparcie.indicators import selectors

    line = BudgetLine.objects.filter(budget__programme=kws).order_by("order", "id").first()
    source = line.allocations.first().funding_source
    finance.budget_line_update(actor=coordinator, line=line, receives_session_costs=True, session_funding_source=source)

    # The fixture's sessions at 40 zł an hour: June 2 h, July 3 h + 1 h; the 5 000 zł expense is July's.
    july = dict(selectors.spending_by_month(kws.pk, date_from=dt.date(2023, 7, 1), date_to=dt.date(2023, 7, 31)))
    assert july == {dt.date(2023, 7, 1): Decimal("5160")}
