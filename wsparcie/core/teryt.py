"""TERYT TERC codes of municipalities (``WWPPGGR``; shared/DOMAIN.md §2.2)."""

from __future__ import annotations

import re

from django.utils.translation import gettext

VOIVODESHIPS = {
    "02": "dolnośląskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "łódzkie",
    "12": "małopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "śląskie",
    "26": "świętokrzyskie",
    "28": "warmińsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
UNIT_TYPES = {
    "1": "gmina miejska",
    "2": "gmina wiejska",
    "3": "gmina miejsko-wiejska",
    "4": "miasto w gminie miejsko-wiejskiej",
    "5": "obszar wiejski w gminie miejsko-wiejskiej",
    "8": "dzielnica m.st. Warszawy",
    "9": "delegatura",
}
_TERC = re.compile(r"^\d{7}$")


def validate_terc(code: str) -> str | None:
    """Polish message describing what is wrong with ``code``, or None when it is well formed."""
    if not _TERC.match(code or ""):
        return gettext("Kod TERYT gminy ma 7 cyfr (WWPPGGR), np. 1462011.")
    if code[:2] not in VOIVODESHIPS:
        return gettext("Nieznane województwo w kodzie TERYT: %(code)s.") % {"code": code[:2]}
    if code[2:4] == "00" or code[4:6] == "00":
        return gettext("Kod TERYT: powiat i gmina nie mogą być 00.")
    if code[6] not in UNIT_TYPES:
        return gettext("Nieznany rodzaj gminy w kodzie TERYT (ostatnia cyfra: %(digit)s).") % {"digit": code[6]}
    return None


def is_rural(code: str) -> bool:
    """Rural for statistics (MPiPS-03): wiejska gmina or the rural part of a miejsko-wiejska one."""
    return bool(code) and code[-1] in {"2", "5"}
