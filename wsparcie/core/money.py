"""Money as Polish users read and type it: ``911 001,37 zł``."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext

TWO_PLACES = Decimal("0.01")


def quantize(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_pln(value: Decimal | int | float | str | None, currency: bool = True) -> str:
    """``Decimal("911001.37")`` -> ``"911 001,37 zł"`` (groups of three, decimal comma)."""
    if value is None or value == "":
        return ""
    amount = quantize(Decimal(str(value)))
    sign = "-" if amount < 0 else ""
    whole, frac = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = f"{sign}{' '.join(groups)},{frac}"
    return f"{text} zł" if currency else text


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{quantize(Decimal(value))}".replace(".", ",") + "%"


_CLEAN = re.compile(r"(zł|pln|\s|\u00a0|\u202f)", re.IGNORECASE)


def parse_pln(text: str) -> Decimal:
    """Parse what a user types: ``911 001,37``, ``911001.37``, ``3.000.000``, ``1 800 000 zł``.

    With both separators the last one is the decimal mark; dots repeated (``3.000.000``) are
    thousands separators. Raises ``ValueError`` with a Polish message on anything else.
    """
    cleaned = _CLEAN.sub("", str(text))
    if not cleaned:
        raise ValueError(gettext("Podaj kwotę."))
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    elif "," in cleaned:
        if cleaned.count(",") > 1:
            raise ValueError(gettext("Nieprawidłowa kwota: za dużo przecinków."))
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", cleaned):
        raise ValueError(gettext("Nieprawidłowa kwota: wpisz np. 911 001,37."))
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(gettext("Nieprawidłowa kwota.")) from exc
