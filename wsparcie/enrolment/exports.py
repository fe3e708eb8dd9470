"""CSV export of screening results (shared by the staff page and the API)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _


def csv_safe(value) -> str:
    """Text as a spreadsheet must not run it: a leading =, +, -, @ is neutralised with '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


def screening_csv_rows(queryset, result_label: str) -> Iterator[str]:
    """Semicolon-separated, UTF-8 with a BOM (opens correctly in a Polish Excel), streamed."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(
        [
            _("numer osoby"),
            _("nazwisko"),
            _("imię"),
            _("data urodzenia"),
            _("ulica"),
            _("kod pocztowy"),
            _("miejscowość"),
            _("telefon"),
            _("wynik"),
        ]
    )
    fields = ("pk", "last_name", "first_name", "birth_date", "street", "postal_code", "city", "phone")
    for row in queryset.values_list(*fields).iterator(chunk_size=5000):
        values = list(row)
        values[3] = values[3].strftime("%d.%m.%Y") if values[3] else ""
        yield writer.writerow([csv_safe(v) for v in values] + [result_label])


def screening_csv_response(queryset, *, programme, on, result: str, result_label: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(screening_csv_rows(queryset, result_label), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kryteria-{programme.pk}-{on.isoformat()}-{result}.csv"'
    return response
