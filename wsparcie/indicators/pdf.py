"""The funder's report as a PDF, drawn with ReportLab: the same sections, tables and charts as
the report on screen (``indicators/_report_body.html``), A4, numbered "page x of y".

Why not WeasyPrint, as for the plans: the report is asked for often, also by other tools, and
laying out its HTML tables and SVG charts took WeasyPrint ≈ 450 ms against ≈ 50 ms for the
numbers themselves (docs/benchmarks-finance.md). Here:

- :class:`Grid` is a table of plain-text cells with fixed column widths, drawn as one text
  object; it splits between rows across pages and repeats its header row;
- :class:`Chart` draws rectangles, lines and labels straight onto the page, with the geometry
  of :mod:`wsparcie.indicators.charts` (columns per month, progress bars towards targets);
- headings are Paragraphs (a handful per document).

Fonts: DejaVu Sans (Polish letters), found once per process (:func:`fonts`). A document embeds
the subset of glyphs it uses; every document first takes the Polish alphabet, digits and the
usual punctuation in one fixed order, so reports share the same subset, which is cut from the
font and compressed once per process (:class:`SubsetCachingFace`): that was a third of the time
of drawing a report. This module is imported only when a PDF is made.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language, gettext, pgettext
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from wsparcie.core.money import format_pln
from wsparcie.indicators.charts import ACCENT, GRID, MONTHS, OK, TARGET, TEXT, _nice_max, fmt_num, month_label

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
PAGE_MARGIN = 14 * mm
COLOURS = {
    "accent": HexColor(ACCENT),
    "grid": HexColor(GRID),
    "ok": HexColor(OK),
    "target": HexColor(TARGET),
    "text": HexColor(TEXT),
    "muted": HexColor("#4d4d4d"),
    "rule": HexColor("#c8c8c8"),
    "track": HexColor("#eef1f4"),
}

rl_config.useA85 = 0  # streams stay binary (zlib); ASCII-85 made them bigger and slower


def _font_path(name: str, filename: str) -> str:
    for folder in (*settings.PDF_FONT_DIRS, *FONT_DIRS):
        candidate = Path(folder) / filename
        if candidate.is_file():
            return str(candidate)
    if shutil.which("fc-match"):
        family = "DejaVu Sans:bold" if name == BOLD else "DejaVu Sans"
        found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True).stdout
        if found.endswith(filename):
            return found
    raise ImproperlyConfigured(f"Font {filename} not found: install fonts-dejavu-core or set PDF_FONT_DIRS.")


# Taken by every document first, in this order, so that reports share their font subsets.
COMMON_CHARACTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ–—„”…·×§€°"
SUBSET_CACHE_SIZE = 32


class SubsetCachingFace(TTFontFace):
    """A TrueType face that cuts each subset of glyphs from the font and compresses it once per
    process (ReportLab does both for every document). A subset is a list of characters, so equal
    subsets give equal bytes; the cache holds a few dozen, each some 15 kB."""

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802 (ReportLab's name)
        key = tuple(subset)
        cache = self.__dict__.setdefault("_subsets", {})
        packed = cache.get(key)
        if packed is None:
            data = self.makeSubset(subset)
            packed = (zlib.compress(data), len(data))
            if len(cache) >= SUBSET_CACHE_SIZE:
                cache.clear()
            cache[key] = packed
        font_file = pdfdoc.PDFStream(content=packed[0])
        font_file.dictionary["Length1"] = packed[1]
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])  # compressed above
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": self.ascent,
                "CapHeight": self.capHeight,
                "Descent": self.descent,
                "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle,
                "StemV": self.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": self.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


@functools.cache
def fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular and bold) with ReportLab once per process."""
    for name, filename in FONT_FILES.items():
        font = TTFont(name, _font_path(name, filename))
        font.face.__class__ = SubsetCachingFace  # the same face, with the subset cache
        pdfmetrics.registerFont(font)
    # <b> in a paragraph switches to the bold face (without a family, ReportLab keeps the regular one)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11.5, textColor=COLOURS["text"])
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=15, leading=18, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4, keepWithNext=True
        ),
    }


def _esc(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- tables -------------------------------------------------------------------------------------


class Grid(Flowable):
    """A table of text cells: a bold header row (repeated after a page break), light rules
    between rows, columns ``numbers[0]``–``numbers[1]`` (inclusive; negative counts from the
    end) aligned right. A cell is text (wrapped to its column) or ``(text, note)``, the note in
    grey below. ``total_row`` sets the last row in bold."""

    PAD_X, PAD_Y = 3.0, 2.0

    def __init__(self, rows, widths, *, numbers, size: float = 8, total_row: bool = False, _lines=None):
        super().__init__()
        self.widths, self.size, self.total_row = list(widths), size, total_row
        self.leading = size * 1.22
        first, last = (n % len(self.widths) for n in numbers)
        self.numbers = (first, last)
        self.lines = (
            _lines if _lines is not None else [self._cell_lines(row, index == 0) for index, row in enumerate(rows)]
        )
        self.heights = [max(len(cell) for cell in row) * self.leading + 2 * self.PAD_Y for row in self.lines]

    def _cell_lines(self, row, header: bool) -> list[list[tuple[str, bool]]]:
        """Each cell as its lines: ``(text, is_note)``."""
        cells = []
        for value, width in zip(row, self.widths, strict=True):
            text, note = value if isinstance(value, tuple) else (value, "")
            room = width - 2 * self.PAD_X
            font = BOLD if header else REGULAR
            text = "" if text is None else str(text)
            lines = [(line, False) for line in self._split(text, font, self.size, room)]
            if note:
                lines += [(line, True) for line in self._split(note, REGULAR, self.size * 0.85, room)]
            cells.append(lines or [("", False)])
        return cells

    @staticmethod
    def _split(text: str, font: str, size: float, room: float) -> list[str]:
        if pdfmetrics.stringWidth(text, font, size) <= room or " " not in text:
            return [text] if text else []
        return simpleSplit(text, font, size, room)

    def wrap(self, available_width, available_height):
        self.width, self.height = sum(self.widths), sum(self.heights)
        return self.width, self.height

    def split(self, available_width, available_height):
        if len(self.lines) < 3 or self.heights[0] + self.heights[1] > available_height:
            return []
        used, end = self.heights[0], 1
        while end < len(self.lines) and used + self.heights[end] <= available_height:
            used += self.heights[end]
            end += 1
        if end >= len(self.lines):
            return [self]
        options = {"numbers": self.numbers, "size": self.size}
        head = Grid(None, self.widths, _lines=self.lines[:end], **options)
        tail = Grid(None, self.widths, _lines=[self.lines[0], *self.lines[end:]], total_row=self.total_row, **options)
        return [head, tail]

    def draw(self):
        canvas, size = self.canv, self.size
        text = canvas.beginText()
        text.setFillColor(COLOURS["text"])
        rules = []
        current = None
        y = self.height
        last_row = len(self.lines) - 1
        for index, (row, height) in enumerate(zip(self.lines, self.heights, strict=True)):
            bold = index == 0 or (self.total_row and index == last_row)
            x = 0.0
            for column, (cell, width) in enumerate(zip(row, self.widths, strict=True)):
                right = self.numbers[0] <= column <= self.numbers[1]
                baseline = y - self.PAD_Y - size
                for line, note in cell:
                    font = REGULAR if note or not bold else BOLD
                    line_size = size * 0.85 if note else size
                    if (font, line_size) != current:
                        text.setFont(font, line_size)
                        current = (font, line_size)
                    if note:
                        text.setFillColor(COLOURS["muted"])
                    if right:
                        left = x + width - self.PAD_X - pdfmetrics.stringWidth(line, font, line_size)
                    else:
                        left = x + self.PAD_X
                    text.setTextOrigin(left, baseline)
                    text.textOut(line)
                    if note:
                        text.setFillColor(COLOURS["text"])
                    baseline -= self.leading
                x += width
            y -= height
            rules.append((index == 0, y))
        canvas.drawText(text)
        for strong, y in rules:
            canvas.setStrokeColor(COLOURS["muted"] if strong else COLOURS["rule"])
            canvas.setLineWidth(0.8 if strong else 0.5)
            canvas.line(0, y, self.width, y)


# --- charts (the geometry of charts.columns and charts.progress_bars, in points) --------------


class Chart(Flowable):
    """Shapes drawn straight onto the page: ``("rect", x, y, w, h, colour)``,
    ``("line", x1, y1, x2, y2, colour, width, dashed)``, ``("text", x, y, text, size, anchor)``."""

    def __init__(self, width: float, height: float, shapes: list[tuple]):
        super().__init__()
        self.width, self.height, self.shapes = width, height, shapes

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        text = canvas.beginText()  # every label in one text object
        text.setFillColor(COLOURS["text"])
        current_size = None
        for shape in self.shapes:
            kind = shape[0]
            if kind == "rect":
                _, x, y, w, h, colour = shape
                canvas.setFillColor(COLOURS[colour])
                canvas.rect(x, y, w, h, stroke=0, fill=1)
            elif kind == "line":
                _, x1, y1, x2, y2, colour, width, dashed = shape
                canvas.setStrokeColor(COLOURS[colour])
                canvas.setLineWidth(width)
                canvas.setDash(3, 2) if dashed else canvas.setDash()
                canvas.line(x1, y1, x2, y2)
            else:
                _, x, y, label, size, anchor = shape
                if size != current_size:
                    text.setFont(REGULAR, size)
                    current_size = size
                if anchor != "start":
                    shift = pdfmetrics.stringWidth(label, REGULAR, size)
                    x -= shift if anchor == "end" else shift / 2
                text.setTextOrigin(x, y)
                text.textOut(label)
        canvas.drawText(text)


def columns_chart(points, *, width: float, unit: str = "") -> Chart:
    """Vertical columns of values per month over a value grid."""
    n = max(len(points), 1)
    height, left, bottom, top = 150.0, 46.0, 22.0, 8.0
    col = (width - left - 8) / n
    plot_h = height - bottom - top
    peak = _nice_max(max((float(v or 0) for _, v in points), default=0))
    shapes = []
    for step in range(5):
        y = bottom + plot_h * step / 4
        shapes.append(("line", left, y, width - 4, y, "grid", 0.5, False))
        shapes.append(("text", left - 4, y - 2.5, fmt_num(peak * step / 4), 7, "end"))
    label_every = 1 if n <= 14 else (2 if n <= 30 else 6)
    for index, (day, value) in enumerate(points):
        x = left + index * col
        shapes.append(("rect", x + col * 0.12, bottom, col * 0.76, plot_h * float(value or 0) / peak, "accent"))
        if index % label_every == 0:
            label = month_label(day) if n <= 14 else f"{MONTHS[day.month - 1]} {day:%y}"
            shapes.append(("text", x + col / 2, bottom - 10, label, 6, "middle"))
    shapes.append(("line", left, bottom, width - 4, bottom, "text", 0.8, False))
    shapes.append(("text", left, height - 6, unit, 7, "start"))
    return Chart(width, height, shapes)


def progress_chart(items, *, width: float) -> Chart:
    """One bar per indicator: the actual value as a share of the target (dashed line at 100%)."""
    label_w, value_w, row_h, top, bottom = width * 0.32, width * 0.33, 16.0, 4.0, 14.0
    bar_w, scale_max = width - label_w - value_w - 12, 150.0
    height = top + row_h * max(len(items), 1) + bottom
    shapes = []
    for index, item in enumerate(items):
        y = height - top - (index + 1) * row_h
        percent = item["percent"]
        shown = max(min(float(percent or 0), scale_max), 0)
        label = item["label"] if len(item["label"]) <= 46 else item["label"][:45] + "…"
        shapes.append(("text", label_w - 5, y + 5, label, 7, "end"))
        shapes.append(("rect", label_w, y + 2, bar_w, 10, "track"))
        colour = "ok" if percent is not None and percent >= 100 else "accent"
        shapes.append(("rect", label_w, y + 2, bar_w * shown / scale_max, 10, colour))
        actual = gettext("brak danych") if item["actual"] is None else fmt_num(item["actual"])
        value = f"{actual} / {fmt_num(item['target'])} {item['unit']}".strip()
        if percent is not None:
            value += f" ({fmt_num(percent, 1)}%)"
        shapes.append(("text", label_w + bar_w + 6, y + 5, value, 7, "start"))
    target_x = label_w + bar_w * 100 / scale_max
    shapes.append(("line", target_x, bottom - 2, target_x, height - top + 2, "target", 0.8, True))
    shapes.append(("text", target_x, 3, gettext("cel 100%"), 7, "middle"))
    return Chart(width, height, shapes)


# --- the document ------------------------------------------------------------------------------


class NumberedCanvas(Canvas):
    """Writes "page x of y" on every page once y is known: pages are kept until the save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []
        for name in (REGULAR, BOLD):  # the common characters first, in a fixed order
            pdfmetrics.getFont(name).splitString(COMMON_CHARACTERS, self._doc)

    def showPage(self):  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(COLOURS["muted"])
            footer = gettext("strona %(page)s z %(pages)s") % {"page": self._pageNumber, "pages": total}
            self.drawRightString(self._pagesize[0] - PAGE_MARGIN, 9 * mm, footer)
            super().showPage()
        super().save()


def _service_name(service: dict) -> str:
    return f"{service['name']} ({service['unit_label']})"


def story(report) -> list:
    """The report's flowables: heading, participants, services (chart, months, totals), costs by
    funding source, indicators (chart and table)."""
    s = styles()
    width = A4[0] - 2 * PAGE_MARGIN
    p = report.programme
    heading = [f"<b>{_esc(p)}</b>", _esc(p.organisation)]
    if p.agreement_number:
        heading[-1] += " · " + gettext("umowa") + f" {_esc(p.agreement_number)}"
    period = gettext("Okres sprawozdawczy: %(a)s – %(b)s") % {
        "a": f"{report.date_from:%d.%m.%Y}",
        "b": f"{report.date_to:%d.%m.%Y}",
    }
    generated = gettext("wygenerowano")
    heading.append(f"{period} · {generated} {report.generated_at:%d.%m.%Y %H:%M}")
    counts = report.participants
    parts = [
        Paragraph(gettext("Raport z realizacji programu"), s["title"]),
        Paragraph("<br/>".join(heading), s["body"]),
        Paragraph(gettext("Uczestnicy"), s["h2"]),
        Grid(
            [
                [gettext("Uczestnicy"), gettext("Osoby")],
                [gettext("Nowi (rozpoczęli udział w okresie)"), counts["new"]],
                [gettext("Aktywni (uczestniczyli w okresie)"), counts["active"]],
                [gettext("w tym kobiety"), counts["active_women"]],
                [gettext("w tym mężczyźni"), counts["active_men"]],
                [gettext("Zakończyli udział w okresie"), counts["completed"]],
            ],
            [width * 0.8, width * 0.2],
            numbers=(1, 1),
        ),
        Paragraph(gettext("Usługi według miesięcy"), s["h2"]),
    ]
    if report.services:
        parts += [columns_chart(report.month_totals("hour"), width=width, unit=gettext("godz.")), Spacer(1, 4)]
        name_w, year_w, total_w = width * 0.19, width * 0.055, width * 0.085
        month_w = (width - name_w - year_w - total_w) / 12
        rows = [[gettext("Usługa"), gettext("Rok"), *MONTHS, gettext("Razem")]]
        for row in report.service_years:
            values = ["·" if v is None else fmt_num(v) for v in row["values"]]
            rows.append([_service_name(row["service"]), row["year"], *values, fmt_num(row["total"])])
        parts += [Grid(rows, [name_w, year_w, *[month_w] * 12, total_w], numbers=(2, -1), size=6.5), Spacer(1, 6)]
        header = [gettext("Usługa"), gettext("Jednostki"), gettext("Sesje")]
        if report.costs is not None:
            header.append(gettext("Koszt sesji"))
        rows = [header]
        for service in report.services:
            row = [_service_name(service), fmt_num(service["units"]), fmt_num(service["sessions"], 0)]
            if report.costs is not None:
                row.append(format_pln(service["cost"]))
            rows.append(row)
        rest = width * 0.45 / (len(header) - 1)
        parts.append(Grid(rows, [width * 0.55, *[rest] * (len(header) - 1)], numbers=(1, -1)))
        total = gettext("Razem godzin usług:")
        parts.append(Paragraph(f"{total} <b>{fmt_num(report.hours_total)}</b>", s["body"]))
    else:
        parts.append(Paragraph(gettext("W okresie nie zrealizowano usług."), s["body"]))

    if report.costs is not None:
        parts.append(Paragraph(gettext("Koszty według źródeł finansowania"), s["h2"]))
        rows = [
            [gettext("Źródło"), gettext("Rola"), gettext("W umowie"), gettext("Plan"), gettext("Wydatki w okresie")]
        ]
        for c in report.costs:
            agreed = format_pln(c["agreed"]) or "—"
            rows.append(
                [c["funding_source"], c["role_label"], agreed, format_pln(c["planned"]), format_pln(c["spent"])]
            )
        if report.costs:
            rows.append([gettext("Razem"), "", "", "", format_pln(report.costs_total)])
        else:
            rows.append([gettext("Program nie ma budżetu."), "", "", "", ""])
        widths = [width * 0.28, width * 0.15, width * 0.19, width * 0.19, width * 0.19]
        parts.append(Grid(rows, widths, numbers=(2, -1), total_row=bool(report.costs)))
        if report.spending:
            title = Paragraph("<b>" + _esc(gettext("Wydatki według miesięcy (zł)")) + "</b>", s["body"])
            chart = columns_chart(report.spending, width=width, unit="zł")
            parts += [Spacer(1, 6), KeepTogether([title, chart])]  # the title never ends a page alone

    if report.alarms:
        parts.append(Paragraph(gettext("Alarmy teleopieki według miesięcy"), s["h2"]))
        parts.append(columns_chart(report.alarms, width=width, unit=gettext("alarmów")))

    parts.append(Paragraph(gettext("Wskaźniki"), s["h2"]))
    if report.indicators:
        parts += [progress_chart(report.progress_items, width=width), Spacer(1, 4)]
    rows = [
        [
            gettext("Wskaźnik"),
            gettext("Rodzaj"),
            gettext("Bazowa"),
            gettext("Cel"),
            gettext("Wykonanie"),
            gettext("%% celu") % {},  # the template's msgid: "%%" is a literal "%" in a format
            gettext("Stan"),
        ]
    ]
    for r in report.indicators:
        i = r.indicator
        name = i.name + (f" [{i.code}]" if i.code else "")
        source = i.get_source_display() + (f": {r.definition.label}" if r.definition else "")
        rows.append(
            [
                (name, source),
                i.get_kind_display(),
                fmt_num(i.baseline),
                f"{fmt_num(i.target)} {i.unit}".strip(),
                gettext("niedostępne") if r.actual is None else fmt_num(r.actual),
                "—" if r.percent is None else f"{fmt_num(r.percent, 1)}%",
                r.state.label,
            ]
        )
    if not report.indicators:
        rows.append([gettext("Ten program nie ma jeszcze wskaźników."), "", "", "", "", "", ""])
    widths = [0.30, 0.09, 0.07, 0.17, 0.10, 0.08, 0.19]
    parts.append(Grid(rows, [width * w for w in widths], numbers=(2, 5)))
    return parts


def render(report) -> bytes:
    """The report as PDF bytes, in the active language (Polish first)."""
    fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=16 * mm,
        title=gettext("Raport z realizacji programu") + f" – {report.programme}",
        author=str(report.programme.organisation),
        subject=pgettext("pdf subject", "Raport dla grantodawcy"),
        creator="wsparcie",
        lang=get_language() or "pl",
    )
    document.build(story(report), canvasmaker=NumberedCanvas)
    return buffer.getvalue()
