import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.core import pesel
from wsparcie.core.money import format_pln, parse_pln
from wsparcie.core.teryt import validate_terc


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("911001.37"), "911 001,37 zł"),
        (Decimal("3000000"), "3 000 000,00 zł"),
        (Decimal("5.5"), "5,50 zł"),
        (0, "0,00 zł"),
    ],
)
def test_format_pln(value, text):
    assert format_pln(value) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("911 001,37", "911001.37"),
        ("911001.37", "911001.37"),
        ("3.000.000", "3000000"),
        ("1 800 000 zł", "1800000"),
        ("20 042,00 zł", "20042.00"),
        ("1.371.668,60", "1371668.60"),
    ],
)
def test_parse_pln(text, value):
    assert parse_pln(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12,345"])
def test_parse_pln_refuses_garbage(text):
    with pytest.raises(ValueError):
        parse_pln(text)


def test_pesel_decodes_birth_date_sex_and_century():
    info = pesel.parse("44051401359")
    assert info.birth_date == dt.date(1944, 5, 14) and info.sex == "male"
    assert pesel.parse(pesel.make(dt.date(2005, 12, 31), 123, "female")).birth_date == dt.date(2005, 12, 31)
    assert pesel.parse(pesel.make(dt.date(1899, 1, 1), 1, "male")).sex == "male"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("4405140135", "pesel_length"),
        ("4405140135X", "pesel_not_digits"),
        ("44051401358", "pesel_checksum"),
        ("44133101356", "pesel_month"),
        ("44023101355", "pesel_date"),
    ],
)
def test_pesel_errors_name_the_wrong_part(value, code):
    if code in {"pesel_month", "pesel_date"}:  # give these a valid check digit so the date is what fails
        value = value[:10] + str(pesel.check_digit(value))
    with pytest.raises(pesel.PeselError) as exc:
        pesel.parse(value)
    assert exc.value.code == code


def test_teryt():
    assert validate_terc("1462011") is None
    assert "7 cyfr" in validate_terc("146201")
    assert validate_terc("9962011") is not None
