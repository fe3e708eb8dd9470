import datetime as dt
from decimal import Decimal

from wsparcie.delivery import rules
from wsparcie.delivery.choices import Unit
from wsparcie.delivery.rules import CertificateSnapshot, Interval, LimitCheck, LimitRow
from wsparcie.delivery.tests.factories import at

AOON_2023 = [
    LimitRow("significant", True, False, Decimal(840)),
    LimitRow("significant", None, False, Decimal(720)),
    LimitRow("moderate", True, False, Decimal(480)),
    LimitRow("moderate", None, False, Decimal(360)),
    LimitRow("any", None, True, Decimal(360)),
]


def cert(degree="significant", symbols=("05-R",), kind="adult"):
    return CertificateSnapshot.from_values(kind=kind, degree=degree, symbols=list(symbols))


def test_units_hours_days_and_meals():
    assert rules.session_units(Unit.HOUR, at("2023-05-10", 9), at("2023-05-10", 11, 30)) == Decimal("2.50")
    assert rules.session_units(Unit.HOUR, at("2023-05-10", 9), at("2023-05-10", 9, 20)) == Decimal("0.33")
    assert rules.session_units(Unit.DAY, at("2023-05-10", 9), at("2023-05-12", 10)) == Decimal(3)
    assert rules.session_units(Unit.DAY, at("2023-05-10", 9), at("2023-05-11", 9)) == Decimal(1)
    assert rules.session_units(Unit.MEAL, at("2023-05-10", 12), at("2023-05-10", 13)) == Decimal(1)
    assert rules.session_cost(Decimal("2.50"), Decimal("40.00")) == Decimal("100.00")


def test_units_across_the_dst_change_are_real_hours():
    # 26 March 2023: clocks go forward at 02:00 in Warsaw; 01:00–04:00 is two real hours.
    assert rules.session_units(Unit.HOUR, at("2023-03-26", 1), at("2023-03-26", 4)) == Decimal("2.00")


def test_certificate_limit_table_aoon_2023():
    assert rules.certificate_limit(AOON_2023, cert("significant", ("05-R", "10-N"))).limit == 840
    assert rules.certificate_limit(AOON_2023, cert("significant", ("05-R",))).limit == 720
    assert rules.certificate_limit(AOON_2023, cert("moderate", ("05-R", "10-N", "02-P"))).limit == 480
    assert rules.certificate_limit(AOON_2023, cert("moderate", ())).limit == 360
    assert rules.certificate_limit(AOON_2023, cert("", (), kind="child")).limit == 360
    assert rules.certificate_limit(AOON_2023, cert("mild")) is None
    group_ii = CertificateSnapshot.from_values(kind="equivalent", degree="", symbols=[], equivalent_type="group_ii")
    assert rules.certificate_limit(AOON_2023, group_ii).limit == 360
    assert rules.certificate_limit(AOON_2023, None) is None


def test_daily_limit_sliding_window():
    morning = Interval(at("2023-05-10", 6), at("2023-05-10", 14), 1)  # 8 h
    # 4 more hours in the same 24 h: exactly 12, allowed.
    assert rules.daily_limit_violation([morning], Interval(at("2023-05-10", 16), at("2023-05-10", 20))) is None
    # 5 more hours: 13 h between 06:00 and 06:00 next day.
    found = rules.daily_limit_violation([morning], Interval(at("2023-05-10", 16), at("2023-05-10", 21)))
    assert found is not None and found.hours == Decimal("13.00") and found.refs == (1,)
    # The window slides: 8 h ending at 14:00, and a 5 h session starting 30 h later is fine ...
    assert rules.daily_limit_violation([morning], Interval(at("2023-05-11", 20), at("2023-05-12", 1))) is None
    # ... but 5 h from 05:00 the next day overlaps a window with the end of the morning (06:00–14:00 -> 9 h of it).
    late = Interval(at("2023-05-10", 20), at("2023-05-11", 2), 2)  # 6 h
    found = rules.daily_limit_violation([morning, late], Interval(at("2023-05-11", 3), at("2023-05-11", 5)))
    assert found is not None and found.refs == (1, 2)


def test_limit_violation_reports_the_first_broken_limit():
    checks = [LimitCheck("granted", Decimal(100), Decimal(99)), LimitCheck("month", Decimal(30), Decimal(29))]
    assert rules.limit_violation(Decimal(1), checks) is None
    assert rules.limit_violation(Decimal(2), checks).kind == "granted"


def test_worker_not_allowed_relations_and_household():
    base = {
        "worker_person_id": 1,
        "participant_person_id": 2,
        "worker_household_id": None,
        "participant_household_id": None,
    }
    assert rules.worker_not_allowed(**base, relations=[]) is None
    assert rules.worker_not_allowed(**base, relations=[(2, 1, "parent")]).reason == "family"
    assert rules.worker_not_allowed(**base, relations=[(1, 2, "legal_guardian")]).reason == "legal_guardian"
    assert rules.worker_not_allowed(**base, relations=[(1, 2, "actual_caregiver")]) is None
    assert (
        rules.worker_not_allowed(
            **{**base, "worker_household_id": 5, "participant_household_id": 5}, relations=[]
        ).reason
        == "household"
    )
    assert rules.worker_not_allowed(**{**base, "worker_person_id": None}, relations=[(2, 1, "parent")]) is None


def test_months_and_loans():
    assert rules.month_bounds(dt.date(2023, 12, 1))[1] == at("2024-01-01", 0)
    assert rules.loan_due_date(dt.date(2023, 10, 31)) == dt.date(2024, 2, 29)
    assert rules.loan_due_date(dt.date(2023, 3, 15)) == dt.date(2023, 7, 15)
    assert rules.guarantor_required(Decimal("5000"), Decimal("4242")) is True
    assert rules.guarantor_required(Decimal("5000"), None) is False
    assert rules.fmt_units(Decimal("12.50")) == "12,5" and rules.fmt_units(Decimal("720.00")) == "720"
    assert rules.parse_month("2023-05") == dt.date(2023, 5, 1) and rules.parse_month("x") is None
