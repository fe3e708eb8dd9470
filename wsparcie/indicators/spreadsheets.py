"""Writing XLSX and CSV safely.

Any text cell that a spreadsheet program could read as a formula (it begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe, in XLSX and CSV alike
(OWASP "CSV injection"); numbers and dates stay typed. CSV is UTF-8 with a BOM (Excel reads the
Polish letters), semicolon-separated, dates ``yyyy-MM-dd`` (the SOWA EFS import format).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_text(value: str) -> str:
    """``value`` made inert for spreadsheets: a leading formula character gets an apostrophe."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cell(value):
    """A value as it goes into a sheet: text made safe, numbers and dates kept as they are."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Tak" if value else "Nie"
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime)):
        return value
    return safe_text(str(value))


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Tak" if value else "Nie"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, (int, float)):
        return str(value).replace(".", ",")
    return safe_text(str(value))


def to_csv(rows: list[list]) -> bytes:
    """Rows to CSV bytes: BOM, semicolons, CRLF line ends, every text cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_value(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: list[tuple[str, list[list]]], *, header_rows: dict[str, int] | None = None) -> bytes:
    """``[(sheet title, rows)]`` to an XLSX workbook. Text is written as explicit string cells.

    openpyxl's write-only mode: rows are streamed out once, so the widths (from the longest
    value of each column) and the frozen header are settled before the first row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header_rows = header_rows or {}
    bold = Font(bold=True)
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        values = [[cell(v) for v in row] for row in rows]
        widths: dict[int, int] = {}
        for row in values:
            for index, value in enumerate(row):
                if value is not None:
                    widths[index] = max(widths.get(index, 0), len(str(value)))
        for index in range(max((len(row) for row in values), default=0)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(10, widths.get(index, 8) + 2), 60)
        headers = header_rows.get(title, 1)
        if headers:
            sheet.freeze_panes = f"A{headers + 1}"
        for number, row in enumerate(values):
            out = []
            for value in row:
                styled = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    styled.data_type = "s"  # never a formula, whatever the text
                elif isinstance(value, dt.datetime):
                    styled.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, dt.date):
                    styled.number_format = "yyyy-mm-dd"
                elif isinstance(value, Decimal):
                    styled.number_format = "#,##0.00"
                if number < headers:
                    styled.font = bold
                out.append(styled)
            sheet.append(out)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
