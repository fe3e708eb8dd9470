"""Pure rules of the programme register: money consistency, the co-financing rate, periods,
slugs and uploaded documents. No ORM; services call these and raise what they return.

Each ``*_errors`` function returns ``{field: [Polish message, ...]}`` (empty when all is well),
so the same rule explains itself on a form, in the API and in a test.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wsparcie.core.money import format_pln

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    """The money of one programme as the page gives it (``None`` where it gives nothing)."""

    total_value: Decimal | None = None
    grant_amount: Decimal | None = None
    eu_contribution: Decimal | None = None
    own_contribution: Decimal | None = None


def co_financing_rate(money: Money) -> Decimal | None:
    """The EU share of the total where one is given, otherwise the grant's share, in percent with
    two places (the same expression as the generated column ``Programme.co_financing_rate``).

    >>> co_financing_rate(Money(total_value=Decimal("1371668.60"), eu_contribution=Decimal("1156042.29")))
    Decimal('84.28')
    """
    total = money.total_value
    if total is None or total <= 0:
        return None
    part = money.eu_contribution if money.eu_contribution is not None else money.grant_amount
    if part is None:
        return None
    return (part * HUNDRED / total).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


MONEY_LABELS = {
    "total_value": gettext_noop("całkowita wartość"),
    "grant_amount": gettext_noop("dofinansowanie"),
    "eu_contribution": gettext_noop("wkład UE"),
    "own_contribution": gettext_noop("wkład własny"),
}


def money_errors(money: Money) -> dict[str, list[str]]:
    """Inconsistent figures, each reported on the field to correct."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field in MONEY_LABELS:
        value = getattr(money, field)
        if value is not None and value < 0:
            add(field, _("Kwota nie może być ujemna (podano %(amount)s).") % {"amount": format_pln(value)})
    if errors:
        return errors

    total, grant, eu, own = money.total_value, money.grant_amount, money.eu_contribution, money.own_contribution
    if total is not None and grant is not None and own is not None and grant + own != total:
        add(
            "total_value",
            _(
                "Dofinansowanie (%(grant)s) i wkład własny (%(own)s) dają razem %(sum)s, a całkowita wartość "
                "to %(total)s. Popraw jedną z tych kwot."
            )
            % {
                "grant": format_pln(grant),
                "own": format_pln(own),
                "sum": format_pln(grant + own),
                "total": format_pln(total),
            },
        )
    if eu is not None and grant is not None and eu > grant:
        add(
            "eu_contribution",
            _("Wkład UE (%(eu)s) nie może przekraczać dofinansowania (%(grant)s).")
            % {"eu": format_pln(eu), "grant": format_pln(grant)},
        )
    if total is not None:
        for field, value in (("grant_amount", grant), ("eu_contribution", eu), ("own_contribution", own)):
            if value is not None and value > total and field not in errors:
                add(
                    field,
                    _("%(what)s (%(amount)s) nie może przekraczać całkowitej wartości (%(total)s).")
                    % {
                        "what": _(MONEY_LABELS[field]).capitalize(),
                        "amount": format_pln(value),
                        "total": format_pln(total),
                    },
                )
    return errors


def period_errors(start: date | None, end: date | None, *, end_field: str = "period_end") -> dict[str, list[str]]:
    if start is not None and end is not None and end < start:
        return {
            end_field: [
                _("Koniec realizacji (%(end)s) jest przed początkiem (%(start)s).")
                % {"end": end.strftime("%d.%m.%Y"), "start": start.strftime("%d.%m.%Y")}
            ]
        }
    return {}


def merge_errors(*parts: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for part in parts:
        for field, messages in part.items():
            merged.setdefault(field, []).extend(messages)
    return merged


_POLISH = str.maketrans({"ł": "l", "Ł": "L"})


def slugify_pl(text: str, max_length: int = 140) -> str:
    """``"Opieka wytchnieniowa – edycja 2023"`` -> ``"opieka-wytchnieniowa-edycja-2023"``
    (Polish letters transliterated, not dropped: ``ł`` has no Unicode decomposition)."""
    text = unicodedata.normalize("NFKD", str(text).translate(_POLISH))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-") or "program"


# --- Uploaded documents ------------------------------------------------------------------

ALLOWED_DOCUMENTS: dict[str, set[str]] = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "doc": {"application/msword"},
}
# Browsers send these for any file they do not recognise; the content check below still applies.
GENERIC_CONTENT_TYPES = {"application/octet-stream", "binary/octet-stream", ""}
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _content_matches(extension: str, head: bytes) -> bool:
    if extension == "pdf":
        return head.lstrip()[:5] == b"%PDF-"
    if extension == "doc":
        return head.startswith(OLE2_MAGIC)
    if extension == "odt":
        return head.startswith(ZIP_MAGIC) and b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]
    if extension == "docx":
        return head.startswith(ZIP_MAGIC)
    return False


def document_errors(*, filename: str, size: int, content_type: str, head: bytes, max_bytes: int) -> list[str]:
    """Why an uploaded document is refused: type by extension, declared type and content, and size.

    ``head`` is the first few kilobytes of the file.
    """
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    allowed = ", ".join(ext.upper() for ext in ALLOWED_DOCUMENTS)
    if extension not in ALLOWED_DOCUMENTS:
        return [
            _("Plik „%(name)s” ma niedozwolony typ. Dozwolone są pliki: %(allowed)s.")
            % {"name": filename, "allowed": allowed}
        ]
    errors = []
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared not in GENERIC_CONTENT_TYPES and declared not in ALLOWED_DOCUMENTS[extension]:
        errors.append(
            _("Plik „%(name)s” ma rozszerzenie .%(ext)s, ale przeglądarka podała typ %(type)s.")
            % {"name": filename, "ext": extension, "type": declared}
        )
    elif not _content_matches(extension, head):
        errors.append(
            _("Zawartość pliku „%(name)s” nie jest dokumentem %(ext)s.") % {"name": filename, "ext": extension.upper()}
        )
    if size > max_bytes:
        errors.append(
            _("Plik „%(name)s” ma %(size)s, a dopuszczalny rozmiar to %(max)s.")
            % {"name": filename, "size": human_size(size), "max": human_size(max_bytes)}
        )
    if size == 0:
        errors.append(_("Plik „%(name)s” jest pusty.") % {"name": filename})
    return errors


def content_type_for(filename: str) -> str:
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    return next(iter(ALLOWED_DOCUMENTS.get(extension, {"application/octet-stream"})))


def human_size(size: int) -> str:
    """``10485760`` -> ``"10 MB"``, ``458752`` -> ``"448 KB"`` (binary units, decimal comma)."""
    if size >= 1024 * 1024:
        value = Decimal(size) / (1024 * 1024)
        unit = "MB"
    else:
        value = Decimal(size) / 1024
        unit = "KB"
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}".replace(".", ",")
    if text.endswith(",0"):
        text = text[:-2]
    return f"{text} {unit}"
