import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.core.pesel import make
from wsparcie.people import rules
from wsparcie.people.rules import CertificateFacts

BORN = dt.date(1950, 3, 15)
PESEL_F = make(BORN, 12, "female")


def test_identity_from_pesel_and_agreement():
    info, errors = rules.identity_errors(PESEL_F, None, None)
    assert errors == {} and info.birth_date == BORN and info.sex == "female"
    _, errors = rules.identity_errors(PESEL_F, dt.date(1950, 3, 16), "male")
    assert "15.03.1950" in errors["birth_date"] and "16.03.1950" in errors["birth_date"]
    assert "10. cyfra" in errors["sex"]


@pytest.mark.parametrize(
    ("pesel", "fragment"),
    [
        ("5003151234", "11 cyfr"),
        ("5003151234a", "tylko cyfry"),
        (PESEL_F[:10] + str((int(PESEL_F[10]) + 1) % 10), "cyfra kontrolna"),
    ],
)
def test_pesel_errors_name_the_wrong_part(pesel, fragment):
    _, errors = rules.identity_errors(pesel, None, None)
    assert fragment in errors["pesel"]


def test_pesel_month_and_impossible_date():
    from wsparcie.core.pesel import check_digit

    bad_month = "5013150012"  # month 13: no century has it
    _, errors = rules.identity_errors(bad_month + str(check_digit(bad_month)), None, None)
    assert "miesiąc" in errors["pesel"]
    feb30 = "5002300012"
    _, errors = rules.identity_errors(feb30 + str(check_digit(feb30)), None, None)
    assert "nieistniejącą datę" in errors["pesel"]


def test_century_in_month_2000s():
    info, _ = rules.identity_errors(make(dt.date(2012, 7, 1), 5, "male"), None, None)
    assert info.birth_date == dt.date(2012, 7, 1) and info.sex == "male"


def test_age_on_birthday_boundaries():
    assert rules.age_on(dt.date(1960, 5, 10), dt.date(2025, 5, 9)) == 64
    assert rules.age_on(dt.date(1960, 5, 10), dt.date(2025, 5, 10)) == 65


def test_street_names_and_areas():
    assert rules.street_name("ul. Wojska Polskiego 12/3") == "wojska polskiego"
    assert rules.street_name("al. 3 Maja 5 m. 4") == "3 maja"
    area = rules.area_rule("rewit", streets=["Wojska Polskiego", "Długa"], teryt_codes=["2263011"])
    assert rules.areas_for_address([area], street="Długa 5", teryt="2263011") == ["rewit"]
    assert rules.areas_for_address([area], street="Dluga 5", teryt="2263011") == ["rewit"]  # no Polish letters typed
    assert rules.areas_for_address([area], street="Długa 5", teryt="1462011") == []
    assert rules.areas_for_address([area], street="Słoneczna 15", teryt="2263011") == []
    assert rules.areas_for_address([rules.area_rule("empty")], street="Długa 5", teryt="2263011") == []


def test_certificate_errors():
    common = dict(issued_on=dt.date(2020, 1, 1), valid_until=None, symbols=[], indications=False, equivalent_type="")
    assert "stopnia" in rules.certificate_errors(kind="adult", degree="", **common)["degree"]
    assert rules.certificate_errors(kind="adult", degree="moderate", **common) == {}
    assert rules.certificate_errors(kind="child", degree="mild", **common) == {}  # the degree is ignored
    assert (
        "7 i 8"
        in rules.certificate_errors(kind="adult", degree="mild", **{**common, "indications": True})["indications"]
    )
    eq = rules.certificate_errors(kind="equivalent", degree="significant", **{**common, "equivalent_type": "group_ii"})
    assert "umiarkowany" in eq["degree"]
    assert (
        "najwyżej 3"
        in rules.certificate_errors(
            kind="adult", degree="mild", **{**common, "symbols": ["01-U", "02-P", "03-L", "04-O"]}
        )["symbols"]
    )
    assert "99-X" in rules.certificate_errors(kind="adult", degree="mild", **{**common, "symbols": ["99-X"]})["symbols"]
    order = rules.certificate_errors(kind="adult", degree="mild", **{**common, "valid_until": dt.date(2019, 1, 1)})
    assert "wcześniejsza" in order["valid_until"]


def test_effective_degree_of_equivalents():
    assert rules.effective_degree("equivalent", "", "group_i") == "significant"
    assert rules.effective_degree("equivalent", "", "zus_total") == "moderate"
    assert rules.effective_degree("equivalent", "mild", "") == "mild"
    assert rules.effective_degree("child", "", "") == ""


def _cert(degree, issued, until, cid, kind="adult", indications=False):
    return CertificateFacts(
        kind=kind, degree=degree, issued_on=issued, valid_until=until, indications=indications, id=cid
    )


def test_best_certificate_on_a_date():
    old = _cert("significant", dt.date(2015, 1, 1), dt.date(2019, 12, 31), 1)
    moderate = _cert("moderate", dt.date(2020, 1, 1), None, 2)
    future = _cert("significant", dt.date(2026, 1, 1), None, 3)
    certs = [old, moderate, future]
    assert rules.best_certificate(certs, dt.date(2018, 6, 1)).id == 1
    assert rules.best_certificate(certs, dt.date(2020, 1, 1)).id == 2  # the day it is issued
    assert rules.best_certificate(certs, dt.date(2019, 12, 31)).id == 1  # the last day it is valid
    assert rules.best_certificate(certs, dt.date(2026, 1, 1)).id == 3
    assert rules.best_certificate(certs, dt.date(2014, 1, 1)) is None


def test_income_limits_single_versus_family():
    single, family = Decimal("1010.00"), Decimal("823.00")
    assert rules.income_limit(
        single_person=single, per_person_in_family=family, household_size=1, percent=150
    ) == Decimal("1515.00")
    assert rules.income_limit(
        single_person=single, per_person_in_family=family, household_size=3, percent=150
    ) == Decimal("1234.50")
    kwargs = dict(single_person=single, per_person_in_family=family, percent=150)
    assert rules.income_within_limit(income_per_person=Decimal("1234.50"), household_size=3, **kwargs)
    assert not rules.income_within_limit(income_per_person=Decimal("1234.51"), household_size=3, **kwargs)
    assert rules.income_within_limit(income_per_person=Decimal("1300"), household_size=1, **kwargs)


def test_coupled_disability_from_symbols():
    assert not rules.is_coupled(["05-R"])
    assert rules.is_coupled(["05-R", "10-N"])


def test_name_similarity_matches_pg_trgm():
    # values computed by PostgreSQL: similarity(unaccent(lower(a)), unaccent(lower(b)))
    assert round(rules.name_similarity("Jan Kowalski", "Jan Kowalsky"), 4) == 0.7333
    assert round(rules.name_similarity("Anna Nowak", "Anna Nowakowska"), 4) == 0.5882
    assert rules.name_similarity("Łukasz Wiśniewski", "Lukasz Wisniewski") == 1.0
    assert rules.name_similarity("Jan Kowalski", "Kowalski Jan") == 1.0
    assert rules.name_similarity("", "Jan") == 0.0
