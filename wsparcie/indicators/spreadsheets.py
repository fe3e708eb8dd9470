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
    """``[(sheet title, rows)]`` to an XLSX workbook. Text is written as explicit string cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header_rows = header_rows or {}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([cell(v) for v in row])
        for row_cells in sheet.iter_rows():
            for c in row_cells:
                if isinstance(c.value, str):
                    c.data_type = "s"  # never a formula, whatever the text
                elif isinstance(c.value, dt.datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(c.value, dt.date):
                    c.number_format = "yyyy-mm-dd"
                elif isinstance(c.value, Decimal):
                    c.number_format = "#,##0.00"
        for index in range(header_rows.get(title, 1)):
            for c in sheet[index + 1] if sheet.max_row >= index + 1 else []:
                c.font = Font(bold=True)
        for column_cells in sheet.columns:
            length = max((len(str(c.value)) for c in column_cells if c.value is not None), default=8)
            sheet.column_dimensions[get_column_letter(column_cells[0].column)].width = min(max(10, length + 2), 60)
        if header_rows.get(title, 1):
            sheet.freeze_panes = sheet.cell(row=header_rows.get(title, 1) + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
