"""Pure rules of the registry: no ORM, plain data in, plain data out.

- identity: what a PESEL says versus what was typed (birth date, sex);
- addresses: street names and the named areas an address falls in;
- certificates: the degree a certificate counts as, validity on a date, the best one;
- income: "income at most N% of the statutory criterion".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core import pesel as pesel_lib
from wsparcie.people.choices import CAUSE_SYMBOLS, DEGREE_RANK, EQUIVALENT_DEGREE, CertificateKind, Degree

SEX_LABELS = {"female": _("kobieta"), "male": _("mężczyzna")}
MAX_SYMBOLS = 3


# --- identity ---------------------------------------------------------------------------------


def identity_errors(
    pesel: str | None, birth_date: dt.date | None, sex: str | None
) -> tuple[pesel_lib.PeselInfo | None, dict[str, str]]:
    """Check a PESEL and the birth date and sex given with it.

    Returns what the PESEL encodes (None without a valid PESEL) and Polish messages per field:
    ``pesel`` names the wrong part of the number, ``birth_date``/``sex`` say how they disagree.
    """
    if not pesel:
        return None, {}
    try:
        info = pesel_lib.parse(pesel)
    except pesel_lib.PeselError as exc:
        return None, {"pesel": str(exc)}
    errors = {}
    if birth_date is not None and birth_date != info.birth_date:
        errors["birth_date"] = gettext(
            "Data urodzenia %(given)s nie zgadza się z numerem PESEL (wynika z niego %(encoded)s)."
        ) % {"given": f"{birth_date:%d.%m.%Y}", "encoded": f"{info.birth_date:%d.%m.%Y}"}
    if sex and sex != info.sex:
        errors["sex"] = gettext("Płeć „%(given)s” nie zgadza się z numerem PESEL (10. cyfra oznacza: %(encoded)s).") % {
            "given": SEX_LABELS.get(sex, sex),
            "encoded": SEX_LABELS[info.sex],
        }
    return info, errors


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on ``on`` (someone born on 29 February turns a year older on 1 March)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


# --- names and addresses ----------------------------------------------------------------------

_STREET_PREFIX = re.compile(r"^(ul\.?|ulica|al\.?|aleja|aleje|pl\.?|plac|os\.?|osiedle|rondo)\s+", re.IGNORECASE)
_HOUSE_NUMBER = re.compile(r"\s+\d[\w/ .-]*$")
_SPACES = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """Lower case, no Polish diacritics (ł -> l), single spaces: for comparing names typed by people."""
    value = (value or "").replace("ł", "l").replace("Ł", "L")
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return _SPACES.sub(" ", value).strip().lower()


def street_name(street: str) -> str:
    """``"ul. Wojska Polskiego 12/3"`` -> ``"wojska polskiego"`` (prefix and house number dropped)."""
    text = _SPACES.sub(" ", (street or "").strip())
    text = _STREET_PREFIX.sub("", text)
    text = _HOUSE_NUMBER.sub("", text)
    return normalise_text(text)


@dataclass(frozen=True)
class AreaRule:
    """A named area's rule; ``streets`` are normalised (build it with :func:`area_rule`)."""

    code: str
    teryt_codes: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()


def area_rule(code: str, *, teryt_codes: Iterable[str] = (), streets: Iterable[str] = ()) -> AreaRule:
    return AreaRule(
        code=code,
        teryt_codes=frozenset(c.strip() for c in teryt_codes if c.strip()),
        streets=frozenset(filter(None, (street_name(s) for s in streets))),
    )


def address_in_area(rule: AreaRule, *, street: str, teryt: str) -> bool:
    """An address is in the area when it matches every part of the rule that is given; a rule
    with no parts matches nothing (an empty rule is a mistake, not "everywhere")."""
    if not rule.teryt_codes and not rule.streets:
        return False
    if rule.teryt_codes and teryt not in rule.teryt_codes:
        return False
    if rule.streets and street_name(street) not in rule.streets:
        return False
    return True


def areas_for_address(rules: Iterable[AreaRule], *, street: str, teryt: str) -> list[str]:
    return sorted(rule.code for rule in rules if address_in_area(rule, street=street, teryt=teryt))


# --- certificates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateFacts:
    """What the rules need to know about one certificate."""

    kind: str
    degree: str
    issued_on: dt.date
    valid_until: dt.date | None
    indications: bool = False
    symbols: tuple[str, ...] = ()
    id: int | None = None


def effective_degree(kind: str, degree: str, equivalent_type: str = "") -> str:
    """The degree a certificate counts as: the adult certificate's own degree, the mapped degree of
    an equivalent one (when its type is known), none ("") for a child's certificate."""
    if kind == CertificateKind.CHILD:
        return ""
    if kind == CertificateKind.EQUIVALENT and equivalent_type:
        return str(EQUIVALENT_DEGREE[equivalent_type])
    return degree


def certificate_errors(
    *,
    kind: str,
    degree: str,
    equivalent_type: str,
    symbols: Sequence[str],
    indications: bool,
    issued_on: dt.date | None,
    valid_until: dt.date | None,
) -> dict[str, str]:
    """Polish messages per field for a certificate that cannot be recorded as given."""
    errors: dict[str, str] = {}
    if kind not in CertificateKind.values:
        errors["kind"] = gettext(
            "Rodzaj orzeczenia: adult (o stopniu), child (dziecko do 16 lat) albo equivalent (równoważne)."
        )
        return errors
    if kind == CertificateKind.ADULT:
        if degree not in Degree.values:
            errors["degree"] = gettext(
                "Orzeczenie o stopniu niepełnosprawności wymaga stopnia: znaczny, umiarkowany albo lekki."
            )
        if equivalent_type:
            errors["equivalent_type"] = gettext(
                "Rodzaj orzeczenia równoważnego podaje się tylko dla orzeczeń równoważnych."
            )
    elif kind == CertificateKind.CHILD:
        # A child's certificate states no degree: a degree sent with it is ignored (effective_degree).
        if equivalent_type:
            errors["equivalent_type"] = gettext(
                "Rodzaj orzeczenia równoważnego podaje się tylko dla orzeczeń równoważnych."
            )
    else:  # equivalent
        if equivalent_type and equivalent_type not in EQUIVALENT_DEGREE:
            errors["equivalent_type"] = gettext("Nieznany rodzaj orzeczenia równoważnego.")
        elif equivalent_type:
            mapped = EQUIVALENT_DEGREE[equivalent_type]
            if degree and degree != mapped:
                errors["degree"] = gettext(
                    "To orzeczenie równoważne odpowiada stopniowi „%(mapped)s”, a podano „%(given)s”."
                ) % {
                    "mapped": Degree(mapped).label,
                    "given": Degree(degree).label if degree in Degree.values else degree,
                }
        elif degree not in Degree.values:
            errors["degree"] = gettext(
                "Podaj stopień, któremu odpowiada orzeczenie równoważne (znaczny, umiarkowany, lekki)."
            )
    if indications and kind != CertificateKind.CHILD:
        errors["indications"] = gettext(
            "Wskazania w punktach 7 i 8 dotyczą orzeczenia o niepełnosprawności dziecka do 16 lat."
        )
    unknown = [s for s in symbols if s not in CAUSE_SYMBOLS]
    if unknown:
        errors["symbols"] = gettext("Nieznany symbol przyczyny: %(symbols)s. Dozwolone: 01-U … 12-C.") % {
            "symbols": ", ".join(unknown)
        }
    elif len(symbols) > MAX_SYMBOLS:
        errors["symbols"] = gettext("Orzeczenie ma najwyżej %(max)s symbole przyczyny, a podano %(count)s.") % {
            "max": MAX_SYMBOLS,
            "count": len(symbols),
        }
    elif len(set(symbols)) != len(symbols):
        errors["symbols"] = gettext("Symbole przyczyny powtarzają się.")
    if issued_on and valid_until and valid_until < issued_on:
        errors["valid_until"] = gettext(
            "Data ważności (%(valid_until)s) nie może być wcześniejsza niż data wydania (%(issued_on)s)."
        ) % {"valid_until": f"{valid_until:%d.%m.%Y}", "issued_on": f"{issued_on:%d.%m.%Y}"}
    return errors


def is_valid_on(cert: CertificateFacts, on: dt.date) -> bool:
    return cert.issued_on <= on and (cert.valid_until is None or cert.valid_until >= on)


def is_coupled(symbols: Sequence[str]) -> bool:
    """Niepełnosprawność sprzężona: two or more cause symbols (shared/DOMAIN.md §2.3, [G])."""
    return len(set(symbols)) >= 2


def best_certificate(certs: Iterable[CertificateFacts], on: dt.date) -> CertificateFacts | None:
    """The strongest certificate valid on ``on``: highest degree, then a child's certificate with
    indications, then permanent or longest valid, then the most recent."""
    valid = [c for c in certs if is_valid_on(c, on)]
    if not valid:
        return None
    return max(
        valid,
        key=lambda c: (
            DEGREE_RANK.get(c.degree, 0),
            c.indications,
            c.valid_until is None,
            c.valid_until or dt.date.max,
            c.issued_on,
            c.id or 0,
        ),
    )


# --- income -----------------------------------------------------------------------------------


def income_limit(
    *, single_person: Decimal, per_person_in_family: Decimal, household_size: int, percent: Decimal | int
) -> Decimal:
    """N% of the criterion that applies: a person living alone (household of one) or per person in
    a family, rounded to grosze."""
    base = single_person if household_size <= 1 else per_person_in_family
    return (Decimal(base) * Decimal(percent) / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def income_within_limit(
    *,
    income_per_person: Decimal,
    household_size: int,
    single_person: Decimal,
    per_person_in_family: Decimal,
    percent: Decimal | int = 100,
) -> bool:
    """Income at most ``percent``% of the criterion (e.g. 150% in "Posiłek w szkole i w domu")."""
    limit = income_limit(
        single_person=single_person,
        per_person_in_family=per_person_in_family,
        household_size=household_size,
        percent=percent,
    )
    return Decimal(income_per_person) <= limit


# --- names --------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of ``text``: each word padded with two spaces before and one after."""
    out: set[str] = set()
    for word in _WORD.findall(normalise_text(text)):
        padded = f"  {word} "
        out.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return out


def name_similarity(a: str, b: str) -> float:
    """pg_trgm ``similarity(unaccent(lower(a)), unaccent(lower(b)))``, computed in Python."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
