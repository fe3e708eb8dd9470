"""PESEL: the Polish national identification number (``RRMMDDPPPPK``).

The century is encoded in the month (+80: 1800s, +0: 1900s, +20: 2000s, +40: 2100s,
+60: 2200s), the 10th digit gives the sex (even: female), the 11th is a check digit with weights
1,3,7,9,1,3,7,9,1,3. Source: python-stdnum ``stdnum/pl/pesel.py`` (see shared/DOMAIN.md §2.1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
CENTURIES = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800}


class PeselError(ValueError):
    """Raised with a Polish message naming the part of the number that is wrong."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class PeselInfo:
    birth_date: dt.date
    sex: str  # "female" | "male"


def check_digit(digits: str) -> int:
    return (10 - sum(int(d) * w for d, w in zip(digits[:10], WEIGHTS, strict=False)) % 10) % 10


def parse(value: str) -> PeselInfo:
    """Validate ``value`` and return the birth date and sex it encodes."""
    number = (value or "").strip()
    if not number.isdigit():
        raise PeselError(gettext("PESEL może zawierać tylko cyfry."), "pesel_not_digits")
    if len(number) != 11:
        raise PeselError(gettext("PESEL ma 11 cyfr, a podano %(count)s.") % {"count": len(number)}, "pesel_length")
    if check_digit(number) != int(number[10]):
        raise PeselError(
            gettext("Nieprawidłowa cyfra kontrolna PESEL (ostatnia cyfra): sprawdź, czy numer nie zawiera literówki."),
            "pesel_checksum",
        )
    year, month, day = int(number[0:2]), int(number[2:4]), int(number[4:6])
    if month == 0 or month % 20 > 12 or month // 20 not in CENTURIES:
        raise PeselError(
            gettext("Nieprawidłowy miesiąc w PESEL (cyfry 3–4: %(digits)s).") % {"digits": number[2:4]}, "pesel_month"
        )
    century = CENTURIES[month // 20]
    try:
        birth = dt.date(century + year, month % 20, day)
    except ValueError as exc:
        raise PeselError(
            gettext("PESEL zawiera nieistniejącą datę urodzenia (%(date)s).")
            % {"date": f"{day:02d}.{month % 20:02d}.{century + year}"},
            "pesel_date",
        ) from exc
    return PeselInfo(birth_date=birth, sex="male" if int(number[9]) % 2 else "female")


def is_valid(value: str) -> bool:
    try:
        parse(value)
    except PeselError:
        return False
    return True


def make(birth: dt.date, serial: int, sex: str) -> str:
    """Build a valid PESEL (for demo data and tests): ``serial`` 0-999, sex fixes the 10th digit."""
    offset = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[birth.year // 100 * 100]
    sex_digit = (serial % 5) * 2 + (1 if sex == "male" else 0)
    head = f"{birth.year % 100:02d}{birth.month + offset:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    return head + str(check_digit(head))
