from decimal import Decimal

from wsparcie.finance import rules


def test_kws_2023_shares_hold_the_80_20_agreement():
    check = rules.check_shares(
        grant=Decimal("20042.00"), own=Decimal("5011.00"), grant_share_max=Decimal("80"), own_share_min=Decimal("20")
    )
    assert check.total == Decimal("25053.00")
    assert check.grant_share == Decimal("80.00")  # 79,998% rounded
    assert check.own_share == Decimal("20.00")  # 20,002% rounded
    assert check.ok and check.reasons == []


def test_own_share_below_agreement_is_reported_with_missing_amount():
    check = rules.check_shares(
        grant=Decimal("20042.00"), own=Decimal("4000.00"), grant_share_max=Decimal("80"), own_share_min=Decimal("20")
    )
    assert not check.ok
    # Grant 83,36% > 80% and own 16,64% < 20%: both reasons, each naming the limit.
    assert len(check.reasons) == 2
    assert "najwyżej 80,00%" in check.reasons[0]
    assert "co najmniej 20,00%" in check.reasons[1]
    assert "brakuje 808,40 zł" in check.reasons[1]  # 20% of 24 042,00 = 4 808,40


def test_exact_comparison_not_rounded_percentages():
    # 80,004% rounds to 80,00% but is still above the 80% cap.
    check = rules.check_shares(
        grant=Decimal("80004"), own=Decimal("19996"), grant_share_max=Decimal("80"), own_share_min=None
    )
    assert check.grant_share == Decimal("80.00")
    assert not check.ok


def test_nothing_spent_breaches_nothing():
    check = rules.check_shares(grant=0, own=0, grant_share_max=Decimal("80"), own_share_min=Decimal("20"))
    assert check.ok and check.grant_share is None


def test_utilisation_status_thresholds():
    planned = Decimal("1000")
    assert rules.utilisation_status(planned, Decimal("899.99"), Decimal("90")) == "ok"
    assert rules.utilisation_status(planned, Decimal("900.00"), Decimal("90")) == "warning"
    assert rules.utilisation_status(planned, Decimal("1000.00"), Decimal("90")) == "warning"
    assert rules.utilisation_status(planned, Decimal("1000.01"), Decimal("90")) == "over"
    assert rules.utilisation_status(Decimal("0"), Decimal("5"), Decimal("90")) == "unplanned"
    assert rules.utilisation_status(Decimal("0"), Decimal("0"), Decimal("90")) == "ok"


def test_would_overspend_and_messages():
    assert not rules.would_overspend(planned=Decimal("100"), spent=Decimal("60"), amount=Decimal("40"))
    assert rules.would_overspend(planned=Decimal("100"), spent=Decimal("60"), amount=Decimal("40.01"))
    message = rules.line_message(line="1. Opaski", planned=Decimal("1000"), spent=Decimal("950"), status="warning")
    assert (
        message == "Pozycja „1. Opaski” jest wykorzystana w 95,00%: wydano 950,00 zł z 1 000,00 zł, zostało 50,00 zł."
    )
    over = rules.line_message(line="1. Opaski", planned=Decimal("1000"), spent=Decimal("1100"), status="over")
    assert "przekroczona" in over and "100,00 zł za dużo" in over
    assert rules.line_message(line="x", planned=Decimal("1"), spent=Decimal("0"), status="ok") is None


def test_cost_per_participant():
    assert rules.cost_per_participant(Decimal("25053.00"), 60) == Decimal("417.55")
    assert rules.cost_per_participant(Decimal("100"), 0) is None
