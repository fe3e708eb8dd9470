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
    """``[(sheet title, rows)]`` to an XLSX workbook (XlsxWriter). Text is always written as a
    string cell, never read as a formula, number or link; numbers and dates stay typed; the
    header rows are bold and frozen; a column is as wide as its longest value (10–60)."""
    import xlsxwriter

    header_rows = header_rows or {}
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "remove_timezone": True,
    }
    with xlsxwriter.Workbook(buffer, options) as workbook:
        formats = {
            "bold": workbook.add_format({"bold": True}),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
        }
        for title, rows in sheets:
            sheet = workbook.add_worksheet(title[:31])
            headers = header_rows.get(title, 1)
            widths: dict[int, int] = {}
            for number, row in enumerate(rows):
                header = number < headers
                for column, raw in enumerate(row):
                    value = cell(raw)
                    if value is None:
                        continue
                    if isinstance(value, str):
                        sheet.write_string(number, column, value, formats["bold"] if header else None)
                    elif isinstance(value, dt.datetime):
                        sheet.write_datetime(number, column, value, formats["datetime"])
                    elif isinstance(value, dt.date):
                        sheet.write_datetime(number, column, value, formats["date"])
                    elif isinstance(value, Decimal):
                        sheet.write_number(number, column, value, formats["money"])
                    else:
                        sheet.write_number(number, column, value)
                    widths[column] = max(widths.get(column, 0), len(str(value)))
            for column, width in widths.items():
                sheet.set_column(column, column, min(max(10, width + 2), 60))
            if headers:
                sheet.freeze_panes(headers, 0)
    return buffer.getvalue()
