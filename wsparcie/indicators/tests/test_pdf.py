"""The funder's report as a PDF (ReportLab): what a funder reads in it, read back with pypdf."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from wsparcie.indicators import pdf, reports
from wsparcie.indicators.tests.factories import make_session

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=2))


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_report_pdf_carries_the_reports_numbers(kws):
    report = reports.build(kws, date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 12, 31))
    data = reports.to_pdf(report)
    assert data.startswith(b"%PDF")
    text = "\n".join(pages(data))
    assert "Raport z realizacji programu" in text and "Korpus Wsparcia Seniorów 2023" in text
    assert "Okres sprawozdawczy: 01.06.2023 – 31.12.2023" in text
    assert "Aktywni (uczestniczyli w okresie) 2" in text and "Zakończyli udział w okresie 1" in text
    # Units per month: June 2, July 4 hours of the one service, its name printed as text.
    assert '=HYPERLINK("http://zlo") (godz.)' in text
    assert "2023 · · · · · 2 4 0 0 0 0 0 6" in text  # before the period: "·"
    assert "Razem godzin usług: 6" in text
    # Costs by funding source: the state grant's 5 000 zł expense and the own 1 250 zł.
    assert "5 000,00 zł" in text and "1 250,00 zł" in text
    assert "Seniorzy 65+ objęci wsparciem" in text and "2 / 60 osoby (3,3%)" in text
    assert "strona 1 z" in text


def test_report_pdf_without_finance_has_no_costs(kws):
    report = reports.build(kws, include_costs=False)
    text = "\n".join(pages(reports.to_pdf(report)))
    assert "Koszty według źródeł finansowania" not in text and "Koszt sesji" not in text
    assert "Wskaźniki" in text


def test_a_long_table_continues_on_the_next_page_under_its_header(kws, org):
    from wsparcie.delivery.models import Service

    application = kws.applications.first()
    for n in range(45):
        service = Service.objects.create(
            organisation=org,
            programme=kws,
            name=f"Usługa wsparcia nr {n:02}",
            kind="other",
            unit="hour",
            rate=Decimal(10),
        )
        make_session(application, start=dt.datetime(2023, 8, 1, 8, tzinfo=TZ) + dt.timedelta(days=n), service=service)
    report = reports.build(kws, date_from=dt.date(2022, 1, 1), date_to=dt.date(2023, 12, 31))
    texts = pages(reports.to_pdf(report))
    total = len(texts)
    assert total >= 3
    for number, text in enumerate(texts, start=1):
        assert f"strona {number} z {total}" in text
    # No row is lost in a page break, and a continued table starts with its header again.
    everything = "\n".join(texts)
    assert all(f"Usługa wsparcia nr {n:02} (godz.)" in everything for n in range(45))
    continued = [t for t in texts[1:] if "Usługa wsparcia nr" in t]
    assert continued and all("Usługa Rok I II III" in t.replace("\n", " ") for t in continued)


def test_report_pdf_in_english(kws):
    report = reports.build(kws)
    with translation.override("en"):
        data = reports.to_pdf(report)
    text = "\n".join(pages(data))
    assert "Programme implementation report" in text and "Raport z realizacji programu" not in text
    assert PdfReader(io.BytesIO(data)).metadata.title.startswith("Programme implementation report")


def test_grid_wraps_long_text_and_aligns_numbers_right():
    pdf.fonts()
    grid = pdf.Grid([["Nazwa", "Kwota"], ["słowo " * 30, "1 250,00 zł"]], [100, 60], numbers=(1, 1))
    width, height = grid.wrap(500, 500)
    assert width == 160
    name, amount = grid.lines[1]
    assert len(name) > 3 and all(pdf.pdfmetrics.stringWidth(line, pdf.REGULAR, 8) <= 94 for line, _ in name)
    assert amount == [("1 250,00 zł", False)]
    assert height == pytest.approx(grid.heights[0] + len(name) * grid.leading + 2 * grid.PAD_Y)


def test_grid_split_keeps_every_row_and_repeats_the_header():
    pdf.fonts()
    rows = [["Nagłówek", "Liczba"]] + [[f"wiersz {n}", n] for n in range(30)]
    grid = pdf.Grid(rows, [100, 50], numbers=(1, 1))
    grid.wrap(150, 1000)
    head, tail = grid.split(150, grid.heights[0] * 11 + 0.1)
    assert [row[0][0][0] for row in head.lines] == ["Nagłówek"] + [f"wiersz {n}" for n in range(10)]
    assert [row[0][0][0] for row in tail.lines] == ["Nagłówek"] + [f"wiersz {n}" for n in range(10, 30)]
    assert grid.split(150, grid.heights[0] * 1.5) == []  # not even one row fits under the header


def test_progress_chart_bar_is_the_share_of_the_target():
    chart = pdf.progress_chart(
        [
            {
                "label": "Uczestnicy",
                "actual": Decimal(75),
                "target": Decimal(100),
                "unit": "osoby",
                "percent": Decimal(75),
            }
        ],
        width=300,
    )
    track, bar = [shape for shape in chart.shapes if shape[0] == "rect"]
    assert bar[3] == pytest.approx(track[3] * 75 / 150)  # the scale runs to 150%
    assert any(shape[0] == "text" and shape[3] == "75 / 100 osoby (75%)" for shape in chart.shapes)


def test_reports_share_their_font_subsets_and_uncommon_letters_still_print(kws, monkeypatch):
    report = reports.build(kws)
    pdf.render(report)  # the subsets of this report are cut and compressed now
    cut = []
    for name in (pdf.REGULAR, pdf.BOLD):
        face = pdf.pdfmetrics.getFont(name).face
        monkeypatch.setattr(
            face, "makeSubset", lambda subset, cut_from=face.makeSubset: cut.append(subset) or cut_from(subset)
        )

    again = pdf.render(report)
    assert cut == []  # the same subset, from the cache
    assert "Korpus Wsparcia Seniorów 2023" in "\n".join(pages(again))

    kws.name = "Program „Łódź–Ústí” ř ő"  # letters outside the common set: a subset of their own
    kws.save()
    text = "\n".join(pages(pdf.render(reports.build(kws))))
    assert cut  # a new subset was cut
    assert "Program „Łódź–Ústí” ř ő" in text
