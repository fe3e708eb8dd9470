"""Eligibility rules as pure functions: no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.enrolment import rules
from wsparcie.enrolment.rules import CaredFor, CertificateFacts, Criterion, Decision, IncomeFacts, PersonFacts

ON = dt.date(2023, 6, 1)
THRESHOLDS = [
    rules.IncomeThreshold(dt.date(2022, 1, 1), Decimal("776.00"), Decimal("600.00")),
    rules.IncomeThreshold(dt.date(2025, 1, 1), Decimal("1010.00"), Decimal("823.00")),
]


def one(criterion: Criterion, facts: PersonFacts, on: dt.date = ON) -> rules.CriterionResult:
    evaluation = rules.evaluate([criterion], facts, on, income_thresholds=THRESHOLDS)
    return evaluation.criteria[0]


def born(years_ago: int, on: dt.date = ON, days: int = 0) -> dt.date:
    return rules.years_before(on, years_ago) + dt.timedelta(days=days)


# --- age ------------------------------------------------------------------------------------


def test_age_minimum_with_polish_reason():
    kws = Criterion("wiek", "age", {"min": 65}, "Wiek 65+")
    result = one(kws, PersonFacts(birth_date=born(63)))
    assert result.passed is False
    assert result.reason == "wiek 63 lata; program wymaga co najmniej 65 lat"
    assert one(kws, PersonFacts(birth_date=born(65))).passed is True
    # the day before the 65th birthday is still 64
    assert one(kws, PersonFacts(birth_date=born(65, days=1))).passed is False


def test_age_maximum_and_range():
    up_to_75 = Criterion("wiek", "age", {"max": 75})
    assert one(up_to_75, PersonFacts(birth_date=born(75))).passed is True
    result = one(up_to_75, PersonFacts(birth_date=born(76)))
    assert result.passed is False and result.reason == "wiek 76 lat; program wymaga wieku do 75 lat"
    working_age = Criterion("wiek", "age", {"min": 18, "max": 64})
    assert "wieku od 18 do 64 lat" in one(working_age, PersonFacts(birth_date=born(17))).reason


def test_age_at_a_reference_date():
    criterion = Criterion("wiek", "age", {"min": 65, "reference_date": "2023-12-31"})
    facts = PersonFacts(birth_date=dt.date(1958, 10, 1))  # 64 on 1 June, 65 on 31 December
    result = one(criterion, facts)
    assert result.passed is True
    assert "w dniu 31.12.2023" in result.reason


def test_age_unknown_without_birth_date():
    result = one(Criterion("wiek", "age", {"min": 60}), PersonFacts())
    assert result.passed is None
    assert result.reason.startswith("brak daty urodzenia")


def test_years_before_handles_29_february():
    assert rules.years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert rules.age_on(dt.date(2023, 2, 28), dt.date(2024, 2, 29)) == 1
    assert rules.age_on(dt.date(2023, 3, 1), dt.date(2024, 2, 29)) == 0


@pytest.mark.parametrize(
    "n, word",
    [
        (1, "rok"),
        (2, "lata"),
        (4, "lata"),
        (5, "lat"),
        (12, "lat"),
        (14, "lat"),
        (22, "lata"),
        (63, "lata"),
        (65, "lat"),
    ],
)
def test_polish_plural_of_years(n, word):
    assert rules.years_word(n) == word


# --- residence ------------------------------------------------------------------------------


def test_residence_municipality():
    plock = Criterion("zamieszkanie", "residence", {"teryt": ["1462011"], "label": "Płock"})
    assert one(plock, PersonFacts(teryt="1462011")).passed is True
    result = one(plock, PersonFacts(teryt="1465011"))
    assert result.passed is False
    assert result.reason == "miejsce zamieszkania: gmina 1465011; program wymaga zamieszkania w gminie 1462011 (Płock)"
    unknown = one(plock, PersonFacts(teryt=None))
    assert unknown.passed is None and "brak kodu TERYT" in unknown.reason


def test_residence_named_area_and_municipality_both_required():
    slupsk = Criterion("obszar", "residence", {"teryt": ["2263011"], "areas": ["obszar-rewitalizowany"]})
    assert one(slupsk, PersonFacts(teryt="2263011", areas=("obszar-rewitalizowany",))).passed is True
    outside = one(slupsk, PersonFacts(teryt="2263011", areas=()))
    assert outside.passed is False and "poza obszarem" in outside.reason
    assert one(slupsk, PersonFacts(teryt="2263011", areas=None)).passed is None
    # a failure on one part beats an unknown on the other
    assert one(slupsk, PersonFacts(teryt=None, areas=())).passed is False


# --- certificates ---------------------------------------------------------------------------

SIGNIFICANT = Criterion("orzeczenie", "certificate", {"degrees": ["significant"], "equivalents": True})


def test_certificate_degree_reason_in_polish():
    facts = PersonFacts(certificates=(CertificateFacts("adult", "moderate", issued_on=dt.date(2020, 1, 1)),))
    result = one(SIGNIFICANT, facts)
    assert result.passed is False
    assert result.reason.startswith("orzeczenie o stopniu umiarkowanym; program wymaga stopnia znacznego")


def test_certificate_equivalent_counts_unless_refused():
    group_one = CertificateFacts(
        "equivalent", "significant", issued_on=dt.date(2000, 1, 1), equivalent_label="I grupa inwalidzka"
    )
    assert one(SIGNIFICANT, PersonFacts(certificates=(group_one,))).passed is True
    strict = Criterion("orzeczenie", "certificate", {"degrees": ["significant"], "equivalents": False})
    result = one(strict, PersonFacts(certificates=(group_one,)))
    assert result.passed is False and "nie uznaje orzeczeń równoważnych" in result.reason


def test_certificate_must_be_valid_on_the_date():
    expired = CertificateFacts("adult", "significant", issued_on=dt.date(2018, 1, 1), valid_until=dt.date(2022, 12, 31))
    result = one(SIGNIFICANT, PersonFacts(certificates=(expired,)))
    assert result.passed is False
    assert result.reason.startswith("orzeczenie o stopniu znacznym wygasło 31.12.2022")
    assert one(SIGNIFICANT, PersonFacts(certificates=(expired,)), on=dt.date(2022, 12, 31)).passed is True
    future = CertificateFacts("adult", "significant", issued_on=dt.date(2024, 1, 1))
    assert "wydane dopiero 01.01.2024" in one(SIGNIFICANT, PersonFacts(certificates=(future,))).reason


def test_certificate_none_recorded_fails_unknown_list_is_unknown():
    assert one(SIGNIFICANT, PersonFacts(certificates=())).reason.startswith("brak orzeczenia o niepełnosprawności")
    assert one(SIGNIFICANT, PersonFacts(certificates=())).passed is False
    assert one(SIGNIFICANT, PersonFacts(certificates=None)).passed is None


def test_child_certificate_with_indications_and_age_limit():
    criterion = Criterion("dziecko", "certificate", {"child": "with_indications", "child_under": 16})
    with_ind = CertificateFacts("child", indications=True, issued_on=dt.date(2020, 1, 1))
    without = CertificateFacts("child", indications=False, issued_on=dt.date(2020, 1, 1))
    assert one(criterion, PersonFacts(birth_date=born(10), certificates=(with_ind,))).passed is True
    no_ind = one(criterion, PersonFacts(birth_date=born(10), certificates=(without,)))
    assert no_ind.passed is False and "bez wskazań pkt 7 i 8" in no_ind.reason
    too_old = one(criterion, PersonFacts(birth_date=born(16), certificates=(with_ind,)))
    assert too_old.passed is False and "osoba ma 16 lat" in too_old.reason
    assert one(criterion, PersonFacts(birth_date=None, certificates=(with_ind,))).passed is None


def test_assistant_2021_adults_or_children_in_one_criterion():
    criterion = Criterion(
        "orzeczenie",
        "certificate",
        {"degrees": ["significant", "moderate"], "equivalents": True, "child": "with_indications", "child_under": 16},
    )
    mild = CertificateFacts("adult", "mild", issued_on=dt.date(2020, 1, 1))
    moderate = CertificateFacts("adult", "moderate", issued_on=dt.date(2020, 1, 1))
    assert one(criterion, PersonFacts(birth_date=born(40), certificates=(mild, moderate))).passed is True
    result = one(criterion, PersonFacts(birth_date=born(40), certificates=(mild,)))
    assert result.passed is False
    assert "stopnia znacznego lub umiarkowanego" in result.reason and "ze wskazaniami pkt 7 i 8" in result.reason


# --- income ---------------------------------------------------------------------------------

MEALS = Criterion("dochod", "income", {"percent": 150}, "Dochód do 150% kryterium")


def test_income_single_person_and_family_thresholds():
    single_ok = PersonFacts(income=IncomeFacts(Decimal("1164.00"), 1))
    assert one(MEALS, single_ok).passed is True  # 150% of 776
    single_over = one(MEALS, PersonFacts(income=IncomeFacts(Decimal("1164.01"), 1)))
    assert single_over.passed is False
    assert single_over.reason == (
        "dochód 1 164,01 zł na osobę; program wymaga najwyżej 150% kryterium dochodowego, "
        "tj. 1 164,00 zł dla osoby samotnie gospodarującej"
    )
    family = one(MEALS, PersonFacts(income=IncomeFacts(Decimal("950.00"), 4)))
    assert family.passed is False and "900,00 zł na osobę w rodzinie" in family.reason  # 150% of 600


def test_income_uses_the_criterion_valid_on_the_date():
    facts = PersonFacts(income=IncomeFacts(Decimal("1400.00"), 1))
    assert one(MEALS, facts, on=dt.date(2024, 12, 31)).passed is False
    assert one(MEALS, facts, on=dt.date(2025, 1, 1)).passed is True  # 150% of 1010 = 1515


def test_income_unknown_without_data_or_criterion():
    missing = one(MEALS, PersonFacts())
    assert missing.passed is None and missing.reason == "brak danych o dochodzie"
    before_any = one(MEALS, PersonFacts(income=IncomeFacts(Decimal("100"), 1)), on=dt.date(2010, 1, 1))
    assert before_any.passed is None and "brak kryterium dochodowego" in before_any.reason


# --- caregiver_of ---------------------------------------------------------------------------

RESPITE = Criterion(
    "opiekun",
    "caregiver_of",
    {},
    "Opiekun osoby z niepełnosprawnością",
    children=(
        Criterion(
            "podopieczny",
            "certificate",
            {"degrees": ["significant"], "equivalents": True, "child": "any", "child_under": 16},
            "Podopieczny: dziecko z orzeczeniem albo znaczny stopień",
        ),
    ),
)


def test_caregiver_of_a_child_with_a_certificate():
    child = PersonFacts(birth_date=born(8), certificates=(CertificateFacts("child", issued_on=dt.date(2020, 1, 1)),))
    facts = PersonFacts(birth_date=born(40), cares_for=(CaredFor(child, relation="parent", label="Ala Nowak"),))
    result = one(RESPITE, facts)
    assert result.passed is True
    assert "Ala Nowak (dziecko)" in result.reason


def test_caregiver_relation_must_be_caring_and_the_cared_for_must_qualify():
    adult_moderate = PersonFacts(
        birth_date=born(50), certificates=(CertificateFacts("adult", "moderate", issued_on=dt.date(2020, 1, 1)),)
    )
    sibling = CaredFor(adult_moderate, relation="sibling", is_caregiver=False, label="Jan Nowak")
    assert one(RESPITE, PersonFacts(cares_for=(sibling,))).passed is False  # not a caring relation
    guardian = CaredFor(adult_moderate, relation="legal_guardian", label="Jan Nowak")
    result = one(RESPITE, PersonFacts(cares_for=(guardian,)))
    assert result.passed is False
    assert "Jan Nowak (pod opieką prawną): orzeczenie o stopniu umiarkowanym" in result.reason
    spouse_cared = CaredFor(
        PersonFacts(certificates=(CertificateFacts("adult", "significant", issued_on=dt.date(2020, 1, 1)),)),
        relation="spouse",
        is_caregiver=True,
    )
    assert one(RESPITE, PersonFacts(cares_for=(guardian, spouse_cared))).passed is True


def test_caregiver_unknowns():
    assert one(RESPITE, PersonFacts(cares_for=None)).passed is None
    nobody = one(RESPITE, PersonFacts(cares_for=()))
    assert nobody.passed is False and "nie ma osoby, nad którą sprawuje opiekę" in nobody.reason
    unknown_child = CaredFor(PersonFacts(certificates=None), relation="parent")
    assert one(RESPITE, PersonFacts(cares_for=(unknown_child,))).passed is None


# --- social worker judgement ----------------------------------------------------------------

JUDGEMENT = Criterion(
    "samodzielnosc", "social_worker_judgement", {"question": "Czy ma trudności w samodzielnym funkcjonowaniu?"}
)


def test_judgement_unknown_until_decided_then_as_decided_with_note():
    pending = one(JUDGEMENT, PersonFacts())
    assert pending.passed is None and "czeka na ocenę pracownika socjalnego" in pending.reason
    yes = Decision(True, "Po wywiadzie środowiskowym: porusza się o kulach.", dt.date(2023, 5, 2), "anowak")
    result = one(JUDGEMENT, PersonFacts(decisions={"samodzielnosc": yes}))
    assert result.passed is True and "02.05.2023, anowak" in result.reason and "o kulach" in result.reason
    assert one(JUDGEMENT, PersonFacts(decisions={"samodzielnosc": Decision(False, "Samodzielna.")})).passed is False


# --- groups and overall result --------------------------------------------------------------

CARE_SERVICES_2020 = [
    Criterion(
        "adresaci",
        "any_of",
        {},
        "Adresaci",
        children=(
            Criterion(
                "dorosly",
                "all_of",
                {},
                "Osoba do 75 lat ze znacznym stopniem",
                children=(
                    Criterion("wiek", "age", {"max": 75}, "Wiek do 75 lat"),
                    Criterion(
                        "znaczny", "certificate", {"degrees": ["significant"], "equivalents": True}, "Stopień znaczny"
                    ),
                ),
            ),
            Criterion(
                "dziecko", "certificate", {"child": "with_indications", "child_under": 16}, "Dziecko ze wskazaniami"
            ),
        ),
    )
]


def test_any_of_group_adult_or_child():
    significant = CertificateFacts("adult", "significant", issued_on=dt.date(2015, 1, 1))
    child = CertificateFacts("child", indications=True, issued_on=dt.date(2019, 1, 1))
    adult = rules.evaluate(CARE_SERVICES_2020, PersonFacts(birth_date=born(70), certificates=(significant,)), ON)
    assert adult.eligible is True
    assert "spełniony wariant: Osoba do 75 lat ze znacznym stopniem" in adult.criteria[0].reason
    kid = rules.evaluate(CARE_SERVICES_2020, PersonFacts(birth_date=born(9), certificates=(child,)), ON)
    assert kid.eligible is True
    too_old = rules.evaluate(CARE_SERVICES_2020, PersonFacts(birth_date=born(80), certificates=(significant,)), ON)
    assert too_old.eligible is False
    assert "żaden wariant nie jest spełniony" in too_old.criteria[0].reason
    assert "wiek 80 lat" in too_old.criteria[0].reason
    # every nested criterion is reported
    nested = too_old.criteria[0].children
    assert [c.code for c in nested] == ["dorosly", "dziecko"]
    assert [c.code for c in nested[0].children] == ["wiek", "znaczny"]


def test_overall_false_beats_unknown_and_unknown_beats_true():
    criteria = [Criterion("wiek", "age", {"min": 65}), Criterion("dochod", "income", {"percent": 150})]
    young = rules.evaluate(criteria, PersonFacts(birth_date=born(30)), ON, income_thresholds=THRESHOLDS)
    assert young.eligible is False
    assert young.explanation().startswith("Osoba nie spełnia kryteriów programu – wiek: wiek 30 lat")
    old = rules.evaluate(criteria, PersonFacts(birth_date=born(70)), ON, income_thresholds=THRESHOLDS)
    assert old.eligible is None
    assert "Brak danych do oceny" in old.explanation() and "brak danych o dochodzie" in old.explanation()
    known = PersonFacts(birth_date=born(70), income=IncomeFacts(Decimal("500"), 1))
    assert rules.evaluate(criteria, known, ON, income_thresholds=THRESHOLDS).eligible is True
    assert rules.evaluate([], PersonFacts(), ON).eligible is True


def test_result_as_dict_has_the_api_shape():
    data = rules.evaluate(CARE_SERVICES_2020, PersonFacts(), ON).as_dict()
    assert set(data) == {"eligible", "on", "rule_version", "criteria"}
    assert {"code", "passed", "reason"} <= set(data["criteria"][0])
    assert data["eligible"] is None and data["on"] == "2023-06-01"


# --- rule version, parameters, form facts ---------------------------------------------------


def test_rule_version_changes_with_the_rules_only():
    a = [Criterion("wiek", "age", {"min": 65}, "Wiek")]
    assert rules.rule_version(a) == rules.rule_version([Criterion("wiek", "age", {"min": 65}, "Inna nazwa")])
    assert rules.rule_version(a) != rules.rule_version([Criterion("wiek", "age", {"min": 60}, "Wiek")])
    assert len(rules.rule_version(a)) == 64


@pytest.mark.parametrize(
    "kind, params, fragment",
    [
        ("age", {}, "Podaj wiek minimalny"),
        ("age", {"min": 70, "max": 60}, "jest większy niż maksymalny"),
        ("age", {"min": "65"}, "liczby całkowite"),
        ("age", {"min": 65, "reference_date": "31.12.2023"}, "RRRR-MM-DD"),
        ("residence", {"teryt": ["146201"]}, "7 cyfr"),
        ("residence", {}, "Podaj kody TERYT"),
        ("certificate", {"degrees": ["heavy"]}, "significant, moderate, mild"),
        ("certificate", {"child": "maybe", "degrees": ["mild"]}, "no, any, with_indications"),
        ("income", {"percent": -5}, "większy od 0"),
        ("income", {}, "Podaj procent"),
        ("caregiver_of", {"relation_kinds": ["neighbour"]}, "relation_kinds"),
        ("social_worker_judgement", {}, "Podaj pytanie"),
        ("age", {"min": 65, "colour": "red"}, "Nieznane parametry: colour"),
        ("telepathy", {}, "Nieznany rodzaj kryterium"),
    ],
)
def test_params_errors(kind, params, fragment):
    errors = rules.params_errors(kind, params)
    assert any(fragment in e for e in errors), errors


def test_valid_params_have_no_errors():
    assert rules.params_errors("certificate", {"degrees": ["significant"], "child": "any", "child_under": 16}) == []
    assert rules.params_errors("residence", {"teryt": ["1462011"], "label": "Płock"}) == []
    assert rules.params_errors("income", {"percent": 150}) == []
    assert rules.params_errors("any_of", {}) == []


def test_required_facts_name_what_a_form_must_ask():
    assert rules.required_facts(
        [Criterion("w", "age", {"min": 65}), Criterion("z", "residence", {"teryt": ["1462011"]})]
    ) == [
        "birth_date",
        "teryt",
    ]
    assert rules.required_facts([RESPITE, JUDGEMENT, MEALS]) == [
        "cares_for",
        "cares_for.certificates",
        "cares_for.birth_date",
        "decision:samodzielnosc",
        "income",
    ]
    assert rules.required_facts(CARE_SERVICES_2020) == ["birth_date", "certificates"]


def test_reasons_in_english_have_no_polish_grammar_left():
    """The reasons are built from pieces; in English every piece is translated (degrees in
    their Polish cases, "lub"/"albo", the plural of years)."""
    from django.utils import translation

    criterion = Criterion(
        "orzeczenie",
        "certificate",
        {"degrees": ["significant", "moderate"], "equivalents": True, "child": "with_indications", "child_under": 16},
    )
    mild = CertificateFacts("adult", "mild", issued_on=dt.date(2020, 1, 1))
    with translation.override("en"):
        reason = one(criterion, PersonFacts(birth_date=born(40), certificates=(mild,))).reason
        age = one(Criterion("wiek", "age", {"min": 65}), PersonFacts(birth_date=born(22))).reason
        assert rules.years(1) == "1 year" and rules.years(22) == "22 years"
    assert "significant or moderate" in reason and "mild" in reason, reason
    for polish in ("znacz", "umiarkowan", "lekki", " lub ", " albo ", " lat"):
        assert polish not in reason and polish not in age, (polish, reason, age)
    assert "22 years" in age and "65 years" in age, age
    assert rules.years(22) == "22 lata"  # Polish again outside the override
