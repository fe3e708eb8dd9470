from datetime import date
from decimal import Decimal as D

import pytest

from wsparcie.programmes import rules
from wsparcie.programmes.rules import Money


@pytest.mark.parametrize(
    ("money", "rate"),
    [
        # Sopot deinstitutionalisation grant: the EU share of the total, as the page says (84,28%).
        (Money(total_value=D("1371668.60"), grant_amount=D("1371668.60"), eu_contribution=D("1156042.29")), D("84.28")),
        # Korpus Wsparcia Seniorów 2023: no EU share, so the grant's share of the total.
        (Money(total_value=D("25053.00"), grant_amount=D("20042.00"), own_contribution=D("5011.00")), D("80.00")),
        (Money(total_value=D("866140.81"), eu_contribution=D("736219.69")), D("85.00")),
        (Money(total_value=D("911001.37"), grant_amount=D("911001.37")), D("100.00")),
        (Money(grant_amount=D("422612.55")), None),
        (Money(total_value=D("0"), grant_amount=D("0")), None),
        (Money(total_value=D("100"), own_contribution=D("100")), None),
    ],
)
def test_co_financing_rate(money, rate):
    assert rules.co_financing_rate(money) == rate


def test_consistent_money_has_no_errors():
    assert rules.money_errors(Money(D("25053.00"), D("20042.00"), None, D("5011.00"))) == {}
    assert rules.money_errors(Money(D("1371668.60"), D("1371668.60"), D("1156042.29"), None)) == {}
    assert rules.money_errors(Money()) == {}


def test_grant_and_own_contribution_must_add_up_to_the_total():
    errors = rules.money_errors(
        Money(total_value=D("25000.00"), grant_amount=D("20042.00"), own_contribution=D("5011.00"))
    )
    assert list(errors) == ["total_value"]
    message = errors["total_value"][0]
    assert (
        "20 042,00 zł" in message
        and "5 011,00 zł" in message
        and "25 053,00 zł" in message
        and "25 000,00 zł" in message
    )


def test_sum_rule_applies_only_when_all_three_are_given():
    assert rules.money_errors(Money(total_value=D("3000000"), grant_amount=D("1800000"))) == {}


def test_eu_share_cannot_exceed_the_grant():
    errors = rules.money_errors(Money(grant_amount=D("100.00"), eu_contribution=D("100.01")))
    assert errors == {"eu_contribution": ["Wkład UE (100,01 zł) nie może przekraczać dofinansowania (100,00 zł)."]}


def test_parts_cannot_exceed_the_total():
    errors = rules.money_errors(Money(total_value=D("100"), grant_amount=D("150")))
    assert "grant_amount" in errors
    assert "150,00 zł" in errors["grant_amount"][0]


@pytest.mark.parametrize("field", ["total_value", "grant_amount", "eu_contribution", "own_contribution"])
def test_negative_amounts_are_refused(field):
    errors = rules.money_errors(Money(**{field: D("-0.01")}))
    assert errors == {field: ["Kwota nie może być ujemna (podano -0,01 zł)."]}


def test_period_end_before_start():
    assert rules.period_errors(date(2023, 6, 1), date(2023, 5, 31)) == {
        "period_end": ["Koniec realizacji (31.05.2023) jest przed początkiem (01.06.2023)."]
    }
    assert rules.period_errors(date(2023, 6, 1), date(2023, 6, 1)) == {}
    assert rules.period_errors(None, date(2023, 6, 1)) == {}


def test_slugify_keeps_polish_letters_readable():
    assert rules.slugify_pl("Opieka wytchnieniowa – edycja 2023") == "opieka-wytchnieniowa-edycja-2023"
    assert rules.slugify_pl("Mój dom – moje miejsce, Płock, Łódź") == "moj-dom-moje-miejsce-plock-lodz"
    assert rules.slugify_pl("!!!") == "program"


PDF = b"%PDF-1.4\n..."
DOCX = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml"
ODT = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 10


@pytest.mark.parametrize(
    ("name", "content_type", "head"),
    [
        ("regulamin.pdf", "application/pdf", PDF),
        ("Formularz.PDF", "application/octet-stream", PDF),
        ("deklaracja.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX),
        ("deklaracja.odt", "application/vnd.oasis.opendocument.text", ODT),
        ("stary.doc", "application/msword", DOC),
    ],
)
def test_allowed_documents(name, content_type, head):
    assert rules.document_errors(filename=name, size=1000, content_type=content_type, head=head, max_bytes=10_000) == []


def test_document_with_a_wrong_extension_is_refused():
    errors = rules.document_errors(
        filename="wirus.exe", size=10, content_type="application/pdf", head=PDF, max_bytes=100
    )
    assert errors == ["Plik „wirus.exe” ma niedozwolony typ. Dozwolone są pliki: PDF, DOCX, ODT, DOC."]


def test_document_whose_content_is_not_what_the_extension_says_is_refused():
    errors = rules.document_errors(
        filename="x.pdf", size=10, content_type="application/pdf", head=b"MZ\x90\x00", max_bytes=100
    )
    assert errors == ["Zawartość pliku „x.pdf” nie jest dokumentem PDF."]
    errors = rules.document_errors(filename="x.pdf", size=10, content_type="text/html", head=PDF, max_bytes=100)
    assert "text/html" in errors[0]


def test_document_too_big_names_the_limit():
    errors = rules.document_errors(
        filename="x.pdf", size=11 * 1024 * 1024, content_type="application/pdf", head=PDF, max_bytes=10 * 1024 * 1024
    )
    assert errors == ["Plik „x.pdf” ma 11 MB, a dopuszczalny rozmiar to 10 MB."]


def test_human_size():
    assert rules.human_size(448 * 1024) == "448 KB"
    assert rules.human_size(int(1.5 * 1024 * 1024)) == "1,5 MB"
