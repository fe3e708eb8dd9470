"""Pure money rules: utilisation of a plan, the warning before a line is overspent, and the
grant / own-contribution shares against the agreement. No ORM; plain Decimals in, results out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from wsparcie.core.money import format_percent, format_pln
from wsparcie.finance.choices import UtilisationStatus

ZERO = Decimal("0")
HUNDRED = Decimal("100")
RULE_VERSION = "finance-2025.1"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` with two places; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def utilisation_status(planned: Decimal, spent: Decimal, warning_threshold: Decimal) -> str:
    """``over`` above the plan, ``warning`` from ``warning_threshold`` % of it, else ``ok``.

    Spending with no plan at all is ``unplanned`` (itself a problem: nothing may be spent there)."""
    planned, spent = Decimal(planned or 0), Decimal(spent or 0)
    if planned <= 0:
        return UtilisationStatus.UNPLANNED if spent > 0 else UtilisationStatus.OK
    if spent > planned:
        return UtilisationStatus.OVER
    if spent * HUNDRED >= planned * Decimal(warning_threshold):
        return UtilisationStatus.WARNING
    return UtilisationStatus.OK


def would_overspend(*, planned: Decimal, spent: Decimal, amount: Decimal) -> bool:
    """Whether booking ``amount`` on top of ``spent`` goes past ``planned``."""
    return Decimal(spent or 0) + Decimal(amount) > Decimal(planned or 0)


def line_message(*, line: str, planned: Decimal, spent: Decimal, status: str) -> str | None:
    """The Polish warning shown for a line, or None when it is fine."""
    used = percent(spent, planned)
    if status == UtilisationStatus.OVER:
        return gettext(
            "Pozycja „%(line)s” jest przekroczona: wydano %(spent)s przy planie %(planned)s "
            "(%(used)s), o %(over)s za dużo."
        ) % {
            "line": line,
            "spent": format_pln(spent),
            "planned": format_pln(planned),
            "used": format_percent(used),
            "over": format_pln(Decimal(spent) - Decimal(planned)),
        }
    if status == UtilisationStatus.WARNING:
        return gettext(
            "Pozycja „%(line)s” jest wykorzystana w %(used)s: wydano %(spent)s z %(planned)s, zostało %(left)s."
        ) % {
            "line": line,
            "used": format_percent(used),
            "spent": format_pln(spent),
            "planned": format_pln(planned),
            "left": format_pln(Decimal(planned) - Decimal(spent)),
        }
    if status == UtilisationStatus.UNPLANNED:
        return gettext("Na pozycję „%(line)s” wydano %(spent)s, choć nie ma na niej planu.") % {
            "line": line,
            "spent": format_pln(spent),
        }
    return None


@dataclass(frozen=True)
class ShareCheck:
    """The grant and own-contribution shares of a total, checked against the agreement."""

    total: Decimal
    grant: Decimal
    own: Decimal
    grant_share: Decimal | None
    own_share: Decimal | None
    grant_share_max: Decimal | None
    own_share_min: Decimal | None
    ok: bool
    reasons: list[str] = field(default_factory=list)
    rule_version: str = RULE_VERSION


def check_shares(
    *,
    grant: Decimal,
    own: Decimal,
    other: Decimal = ZERO,
    grant_share_max: Decimal | None,
    own_share_min: Decimal | None,
) -> ShareCheck:
    """Shares of ``grant`` and ``own`` in ``grant + own + other``, compared with the agreed limits.

    Korpus Wsparcia Seniorów 2023: 20 042,00 + 5 011,00 = 25 053,00 gives 80,00% / 20,00% (exactly
    79,998% and 20,002%, so both limits hold). With nothing spent yet there is nothing to breach."""
    grant, own, other = Decimal(grant or 0), Decimal(own or 0), Decimal(other or 0)
    total = grant + own + other
    grant_share, own_share = percent(grant, total), percent(own, total)
    reasons: list[str] = []
    if total > 0:
        # Compare exactly (cross-multiplied), not the rounded percentages.
        if grant_share_max is not None and grant * HUNDRED > total * Decimal(grant_share_max):
            allowed = (total * Decimal(grant_share_max) / HUNDRED).quantize(Decimal("0.01"))
            reasons.append(
                gettext(
                    "Dofinansowanie stanowi %(share)s wydatków, a umowa dopuszcza najwyżej %(limit)s "
                    "(przy wydatkach %(total)s to %(allowed)s; jest %(grant)s)."
                )
                % {
                    "share": format_percent(grant_share),
                    "limit": format_percent(grant_share_max),
                    "total": format_pln(total),
                    "allowed": format_pln(allowed),
                    "grant": format_pln(grant),
                }
            )
        if own_share_min is not None and own * HUNDRED < total * Decimal(own_share_min):
            required = (total * Decimal(own_share_min) / HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            reasons.append(
                gettext(
                    "Wkład własny stanowi %(share)s wydatków, a umowa wymaga co najmniej %(limit)s "
                    "(przy wydatkach %(total)s to %(required)s; brakuje %(missing)s)."
                )
                % {
                    "share": format_percent(own_share),
                    "limit": format_percent(own_share_min),
                    "total": format_pln(total),
                    "required": format_pln(required),
                    "missing": format_pln(required - own),
                }
            )
    return ShareCheck(
        total=total,
        grant=grant,
        own=own,
        grant_share=grant_share,
        own_share=own_share,
        grant_share_max=Decimal(grant_share_max) if grant_share_max is not None else None,
        own_share_min=Decimal(own_share_min) if own_share_min is not None else None,
        ok=not reasons,
        reasons=reasons,
    )


def cost_per_participant(total: Decimal, participants: int) -> Decimal | None:
    if not participants:
        return None
    return (Decimal(total) / participants).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
