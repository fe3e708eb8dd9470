"""Eligibility of a person for a programme edition: pure functions over plain data (no ORM).

An edition's criteria are data (:class:`Criterion`, built from ``EligibilityCriterion`` rows by
``selectors.programme_criteria``); a person is a :class:`PersonFacts` snapshot (built from the
registry by ``selectors.person_facts``, or from an online form by the directory app). Evaluating
returns every criterion with ``passed`` True / False / None (None = the data needed is missing)
and a reason in Polish a social worker can read out. The edition is eligible when no criterion
failed and none is unknown; any failure makes it False, otherwise any unknown makes it None.

Criterion kinds and their ``params`` (validated by :func:`params_errors`):

``age``
    ``{"min": 65}``, ``{"max": 75}`` or both (completed years), optionally
    ``"reference_date": "2023-01-01"`` (age on that date instead of the evaluation date).
``residence``
    ``{"teryt": ["1462011"]}`` (the municipality's TERYT code is one of these) and/or
    ``{"areas": ["obszar-rewitalizowany"]}`` (the person's address is in one of these named
    areas); both must hold when both are given. Optional ``"label": "Płock"`` for the reason.
``certificate``
    ``{"degrees": ["significant", "moderate"], "equivalents": true, "child": "with_indications",
    "child_under": 16}``: a certificate valid on the date with one of ``degrees`` (an equivalent
    certificate counts with the degree it is equivalent to, unless ``equivalents`` is false), or
    a child's certificate (``child``: ``"no"`` (default), ``"any"``, or ``"with_indications"`` of
    points 7 and 8) held by a person younger than ``child_under`` years.
``income``
    ``{"percent": 150}``: the household's income per person is at most this share of the
    statutory criterion valid on the date (the single-person amount when the household has one
    member, the per-person-in-family amount otherwise).
``caregiver_of``
    ``{"relation_kinds": ["parent", "legal_guardian", "actual_caregiver"]}`` (the default): the
    person cares for someone (a relation marked as caring, or of one of these kinds) who meets all
    the child criteria (e.g. respite care: a child with a certificate, or an adult with a
    significant degree).
``social_worker_judgement``
    ``{"question": "..."}``: decided by a social worker and recorded with a note
    (``CriterionDecision``); unknown until recorded.
``any_of`` / ``all_of``
    ``{}``: combinators over the child criteria (one of the variants / all of them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from wsparcie.core import polish
from wsparcie.core.money import format_pln
from wsparcie.core.teryt import validate_terc

AGE = "age"
RESIDENCE = "residence"
CERTIFICATE = "certificate"
INCOME = "income"
CAREGIVER_OF = "caregiver_of"
SOCIAL_WORKER_JUDGEMENT = "social_worker_judgement"
ANY_OF = "any_of"
ALL_OF = "all_of"
KINDS = (AGE, RESIDENCE, CERTIFICATE, INCOME, CAREGIVER_OF, SOCIAL_WORKER_JUDGEMENT, ANY_OF, ALL_OF)
KINDS_WITH_CHILDREN = (ANY_OF, ALL_OF, CAREGIVER_OF)

DEGREES = ("significant", "moderate", "mild")
CHILD_MODES = ("no", "any", "with_indications")
#: Relations that count as caring when a criterion does not list its own.
DEFAULT_CARING_RELATIONS = ("parent", "legal_guardian", "actual_caregiver")
RELATION_KINDS = ("parent", "spouse", "child", "sibling", "other_family", "legal_guardian", "actual_caregiver")

# Polish needs the degree in three cases; the contexts tell translators which (English: one word).
# The calls stay literal (no helper) so that makemessages extracts them.
_DEGREE_ADJ = {
    "significant": pgettext_lazy("degree, instrumental: o stopniu …", "znacznym"),
    "moderate": pgettext_lazy("degree, instrumental: o stopniu …", "umiarkowanym"),
    "mild": pgettext_lazy("degree, instrumental: o stopniu …", "lekkim"),
}
_DEGREE_GEN = {
    "significant": pgettext_lazy("degree, genitive: stopnia …", "znacznego"),
    "moderate": pgettext_lazy("degree, genitive: stopnia …", "umiarkowanego"),
    "mild": pgettext_lazy("degree, genitive: stopnia …", "lekkiego"),
}
_DEGREE_DAT = {
    "significant": pgettext_lazy("degree, dative: równoważne stopniowi …", "znacznemu"),
    "moderate": pgettext_lazy("degree, dative: równoważne stopniowi …", "umiarkowanemu"),
    "mild": pgettext_lazy("degree, dative: równoważne stopniowi …", "lekkiemu"),
}
#: Who the relative is to the person, by the kind of the person's relation to them (the person is
#: the relative's parent -> the relative is the person's child).
_RELATIVE_LABELS = {
    "parent": pgettext_lazy("relative of the person", "dziecko"),
    "spouse": pgettext_lazy("relative of the person", "małżonek / partner"),
    "child": pgettext_lazy("relative of the person", "rodzic"),
    "sibling": pgettext_lazy("relative of the person", "rodzeństwo"),
    "other_family": pgettext_lazy("relative of the person", "członek rodziny"),
    "legal_guardian": pgettext_lazy("relative of the person", "pod opieką prawną"),
    "actual_caregiver": pgettext_lazy("relative of the person", "pod opieką faktyczną"),
}


# --- Facts: what is known about a person ---------------------------------------------------


@dataclass(frozen=True)
class CertificateFacts:
    """One disability certificate. ``degree`` is, for an equivalent certificate, the degree it counts as."""

    kind: str  # "adult" | "child" | "equivalent"
    degree: str = ""  # "significant" | "moderate" | "mild" | "" (child)
    indications: bool = False  # child: indications of points 7 and 8
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None  # None: permanent
    equivalent_label: str = ""  # e.g. "I grupa inwalidzka", for the reason

    def valid_on(self, on: dt.date) -> bool:
        return (self.issued_on is None or self.issued_on <= on) and (self.valid_until is None or self.valid_until >= on)


@dataclass(frozen=True)
class IncomeFacts:
    """The household's income per person as established (the record applicable on the date)."""

    income_per_person: Decimal
    household_size: int = 1
    established_on: dt.date | None = None


@dataclass(frozen=True)
class Decision:
    """A social worker's recorded judgement on a ``social_worker_judgement`` criterion."""

    passed: bool
    note: str = ""
    decided_on: dt.date | None = None
    decided_by: str = ""


@dataclass(frozen=True)
class CaredFor:
    """Someone the person is related to (``relation``: the person is the relative's parent,
    legal guardian...), with that relative's own facts."""

    facts: PersonFacts
    relation: str = ""
    is_caregiver: bool = False
    label: str = ""


@dataclass(frozen=True)
class PersonFacts:
    """A plain snapshot of what is known about one person. ``None`` means unknown (the criterion
    needing it answers None); an empty tuple means known to be none. Constructible without the
    ORM, e.g. from an online form::

        PersonFacts(birth_date=date(1950, 3, 1), teryt="1462011", certificates=())
    """

    birth_date: dt.date | None = None
    teryt: str | None = None
    areas: tuple[str, ...] | None = None
    certificates: tuple[CertificateFacts, ...] | None = None
    income: IncomeFacts | None = None
    cares_for: tuple[CaredFor, ...] | None = None
    #: criterion code -> the recorded decision (social_worker_judgement criteria)
    decisions: Mapping[str, Decision] = field(default_factory=dict)


@dataclass(frozen=True)
class IncomeThreshold:
    """The statutory income criterion valid from ``valid_from`` (people.IncomeCriterion)."""

    valid_from: dt.date
    single_person: Decimal
    per_person_in_family: Decimal


# --- Criteria and results -------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """One criterion of an edition. ``id`` is the database id when it comes from a row (used by
    screening to find recorded decisions); ``children`` for any_of / all_of / caregiver_of."""

    code: str
    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)
    name: str = ""
    children: tuple[Criterion, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class CriterionResult:
    code: str
    kind: str
    name: str
    passed: bool | None
    reason: str
    children: tuple[CriterionResult, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "name": self.name,
            "passed": self.passed,
            "reason": self.reason,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass(frozen=True)
class Evaluation:
    eligible: bool | None
    criteria: tuple[CriterionResult, ...]
    on: dt.date
    rule_version: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "on": self.on.isoformat(),
            "rule_version": self.rule_version,
            "criteria": [result.as_dict() for result in self.criteria],
        }

    @property
    def failed(self) -> list[CriterionResult]:
        return [r for r in self.criteria if r.passed is False]

    @property
    def unknown(self) -> list[CriterionResult]:
        return [r for r in self.criteria if r.passed is None]

    def explanation(self) -> str:
        """A Polish sentence naming the failed (or, when none failed, the unknown) criteria."""
        return explain(self.eligible, self.criteria)


def explain(eligible: bool | None, results: Iterable[CriterionResult]) -> str:
    results = list(results)
    if eligible is True:
        return _("Osoba spełnia wszystkie kryteria programu.")
    if eligible is False:
        items = "; ".join(f"{r.name or r.code}: {r.reason}" for r in results if r.passed is False)
        return _("Osoba nie spełnia kryteriów programu – %(items)s.") % {"items": items}
    items = "; ".join(f"{r.name or r.code}: {r.reason}" for r in results if r.passed is None)
    return _("Brak danych do oceny kryteriów programu – %(items)s.") % {"items": items}


# --- Small helpers ---------------------------------------------------------------------------


def combine_all(values: Iterable[bool | None]) -> bool | None:
    """Three-valued AND: any False -> False, else any None -> None, else True."""
    values = list(values)
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def combine_any(values: Iterable[bool | None]) -> bool | None:
    """Three-valued OR: any True -> True, else any None -> None, else False (also when empty)."""
    values = list(values)
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def years_word(n: int) -> str:
    """Polish plural of "rok": 1 rok, 2–4 lata (not 12–14), 5+ lat; 22 lata, 25 lat."""
    return polish.plural(n, "rok", "lata", "lat")


def years(n: int) -> str:
    """``n`` years in the active language (Polish, the source language, by its own three forms)."""
    if polish.active():
        return f"{n} {years_word(n)}"
    return ngettext("%(n)s rok", "%(n)s lat", n) % {"n": n}


def date_pl(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on ``on``."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def years_before(on: dt.date, n: int) -> dt.date:
    """The latest birth date of a person who is at least ``n`` years old on ``on``
    (``age_on(b, on) >= n`` exactly when ``b <= years_before(on, n)``)."""
    year = on.year - n
    try:
        return on.replace(year=year)
    except ValueError:  # 29 February in a non-leap year
        return dt.date(year, 2, 28)


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def threshold_on(thresholds: Sequence[IncomeThreshold], on: dt.date) -> IncomeThreshold | None:
    valid = [t for t in thresholds if t.valid_from <= on]
    return max(valid, key=lambda t: t.valid_from) if valid else None


def income_limit(threshold: IncomeThreshold, percent: Decimal, household_size: int) -> Decimal:
    base = threshold.single_person if household_size <= 1 else threshold.per_person_in_family
    return (base * percent / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def describe_certificate(cert: CertificateFacts) -> str:
    if cert.kind == "child":
        if cert.indications:
            return _("orzeczenie o niepełnosprawności dziecka ze wskazaniami pkt 7 i 8")
        return _("orzeczenie o niepełnosprawności dziecka bez wskazań pkt 7 i 8")
    if cert.kind == "equivalent":
        text = _("orzeczenie równoważne stopniowi %(degree)s") % {"degree": _DEGREE_DAT.get(cert.degree, cert.degree)}
        return f"{text} ({cert.equivalent_label})" if cert.equivalent_label else text
    return _("orzeczenie o stopniu %(degree)s") % {"degree": _DEGREE_ADJ.get(cert.degree, cert.degree)}


def describe_certificate_requirement(params: Mapping[str, Any]) -> str:
    parts = []
    degrees = [d for d in DEGREES if d in (params.get("degrees") or [])]
    if degrees:
        either = " " + _("lub") + " "
        text = _("stopnia %(degrees)s") % {"degrees": either.join(str(_DEGREE_GEN[d]) for d in degrees)}
        if params.get("equivalents", True):
            text += " " + _("(lub orzeczenia równoważnego)")
        parts.append(text)
    child = params.get("child", "no")
    if child != "no":
        text = _("orzeczenia o niepełnosprawności dziecka")
        if child == "with_indications":
            text += " " + _("ze wskazaniami pkt 7 i 8")
        if params.get("child_under"):
            text += " " + _("(dziecko poniżej %(n)s)") % {"n": years(int(params["child_under"]))}
        parts.append(text)
    return (" " + _("albo") + " ").join(parts)


# --- Parameter validation --------------------------------------------------------------------


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError
    return value


def params_errors(kind: str, params: Any) -> list[str]:
    """Polish messages for what is wrong with ``params`` for ``kind`` (empty when valid)."""
    if kind not in KINDS:
        return [_("Nieznany rodzaj kryterium: %(kind)s.") % {"kind": kind}]
    if not isinstance(params, Mapping):
        return [_('Parametry kryterium muszą być obiektem JSON, np. {"min": 65}.')]
    allowed = {
        AGE: {"min", "max", "reference_date"},
        RESIDENCE: {"teryt", "areas", "label"},
        CERTIFICATE: {"degrees", "equivalents", "child", "child_under"},
        INCOME: {"percent"},
        CAREGIVER_OF: {"relation_kinds"},
        SOCIAL_WORKER_JUDGEMENT: {"question"},
        ANY_OF: set(),
        ALL_OF: set(),
    }[kind]
    errors = []
    unknown = sorted(set(params) - allowed)
    if unknown:
        errors.append(
            _("Nieznane parametry: %(keys)s. Dozwolone: %(allowed)s.")
            % {"keys": ", ".join(unknown), "allowed": ", ".join(sorted(allowed)) or _("brak")}
        )
    if kind == AGE:
        try:
            low, high = _int_or_none(params.get("min")), _int_or_none(params.get("max"))
        except ValueError:
            return errors + [_("Wiek „min” i „max” to liczby całkowite lat, np. 65.")]
        if low is None and high is None:
            errors.append(_("Podaj wiek minimalny („min”) lub maksymalny („max”)."))
        for value in (low, high):
            if value is not None and not 0 <= value <= 130:
                errors.append(_("Wiek musi mieścić się w przedziale 0–130 lat (podano %(v)s).") % {"v": value})
        if low is not None and high is not None and low > high:
            errors.append(
                _("Wiek minimalny (%(low)s) jest większy niż maksymalny (%(high)s).") % {"low": low, "high": high}
            )
        try:
            parse_date(params.get("reference_date"))
        except (TypeError, ValueError):
            errors.append(_("Data odniesienia („reference_date”) w formacie RRRR-MM-DD, np. 2023-01-01."))
    elif kind == RESIDENCE:
        teryt, areas = params.get("teryt") or [], params.get("areas") or []
        if not isinstance(teryt, list) or not isinstance(areas, list):
            return errors + [_('„teryt” i „areas” to listy kodów, np. ["1462011"].')]
        if not teryt and not areas:
            errors.append(_("Podaj kody TERYT gmin („teryt”) lub kody obszarów („areas”)."))
        for code in teryt:
            problem = validate_terc(str(code))
            if problem:
                errors.append(f"{code}: {problem}")
        if any(not isinstance(a, str) or not a for a in areas):
            errors.append(_("Kody obszarów muszą być niepustymi napisami."))
    elif kind == CERTIFICATE:
        degrees = params.get("degrees") or []
        if not isinstance(degrees, list) or any(d not in DEGREES for d in degrees):
            errors.append(_("Stopnie („degrees”) to lista z: significant, moderate, mild."))
            degrees = []
        child = params.get("child", "no")
        if child not in CHILD_MODES:
            errors.append(_("„child” przyjmuje wartości: no, any, with_indications."))
        if not degrees and child in (None, "no"):
            errors.append(_("Podaj akceptowane stopnie („degrees”) lub orzeczenie dziecka („child”)."))
        if not isinstance(params.get("equivalents", True), bool):
            errors.append(_("„equivalents” to true albo false."))
        try:
            under = _int_or_none(params.get("child_under"))
        except ValueError:
            errors.append(_("„child_under” to liczba lat, np. 16."))
        else:
            if under is not None and not 1 <= under <= 18:
                errors.append(_("Granica wieku dziecka („child_under”) musi mieścić się w przedziale 1–18 lat."))
    elif kind == INCOME:
        try:
            percent = Decimal(str(params.get("percent")))
        except (InvalidOperation, ValueError):
            errors.append(_("Podaj procent kryterium dochodowego („percent”), np. 150."))
        else:
            if not percent.is_finite() or percent <= 0 or percent > 1000:
                errors.append(_("Procent kryterium dochodowego musi być większy od 0 i nie większy niż 1000."))
    elif kind == CAREGIVER_OF:
        kinds = params.get("relation_kinds", list(DEFAULT_CARING_RELATIONS))
        if not isinstance(kinds, list) or not kinds or any(k not in RELATION_KINDS for k in kinds):
            errors.append(_("„relation_kinds” to lista z: %(kinds)s.") % {"kinds": ", ".join(RELATION_KINDS)})
    elif kind == SOCIAL_WORKER_JUDGEMENT:
        question = params.get("question")
        if not isinstance(question, str) or not question.strip():
            errors.append(_("Podaj pytanie, na które odpowiada pracownik socjalny („question”)."))
    return errors


# --- Rule version ----------------------------------------------------------------------------


def _canonical(criteria: Sequence[Criterion]) -> list[dict[str, Any]]:
    return [
        {"code": c.code, "kind": c.kind, "params": dict(c.params), "children": _canonical(c.children)} for c in criteria
    ]


def rule_version(criteria: Sequence[Criterion]) -> str:
    """SHA-256 of the criteria (codes, kinds, parameters, structure, order): stored with each
    evaluation so a later change of the rules is visible."""
    payload = json.dumps(_canonical(criteria), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


# --- Evaluation ------------------------------------------------------------------------------


def evaluate(
    criteria: Sequence[Criterion],
    facts: PersonFacts,
    on: dt.date,
    *,
    income_thresholds: Sequence[IncomeThreshold] = (),
) -> Evaluation:
    """Evaluate ``facts`` against ``criteria`` (all must hold) on the date ``on``."""
    results = tuple(_evaluate_one(c, facts, on, income_thresholds) for c in criteria)
    return Evaluation(
        eligible=combine_all(r.passed for r in results),
        criteria=results,
        on=on,
        rule_version=rule_version(criteria),
    )


def _result(criterion: Criterion, passed: bool | None, reason: str, children=()) -> CriterionResult:
    return CriterionResult(
        code=criterion.code,
        kind=criterion.kind,
        name=criterion.name,
        passed=passed,
        reason=reason,
        children=tuple(children),
    )


def _evaluate_one(
    c: Criterion, facts: PersonFacts, on: dt.date, thresholds: Sequence[IncomeThreshold]
) -> CriterionResult:
    handler = {
        AGE: _age,
        RESIDENCE: _residence,
        CERTIFICATE: _certificate,
        INCOME: _income,
        CAREGIVER_OF: _caregiver_of,
        SOCIAL_WORKER_JUDGEMENT: _judgement,
        ANY_OF: _any_of,
        ALL_OF: _all_of,
    }.get(c.kind)
    if handler is None:
        return _result(c, None, _("nieznany rodzaj kryterium: %(kind)s") % {"kind": c.kind})
    return handler(c, facts, on, thresholds)


def _age(c, facts, on, thresholds):
    low, high = c.params.get("min"), c.params.get("max")
    reference = parse_date(c.params.get("reference_date")) or on
    if low is not None and high is not None:
        requirement = _("wieku od %(low)s do %(high)s") % {"low": low, "high": years(high)}
    elif low is not None:
        requirement = _("co najmniej %(low)s") % {"low": years(low)}
    else:
        requirement = _("wieku do %(high)s") % {"high": years(high)}
    if facts.birth_date is None:
        return _result(c, None, _("brak daty urodzenia; program wymaga %(req)s") % {"req": requirement})
    age = age_on(facts.birth_date, reference)
    when = "" if reference == on else " " + _("w dniu %(date)s") % {"date": date_pl(reference)}
    passed = (low is None or age >= low) and (high is None or age <= high)
    if passed:
        return _result(
            c,
            True,
            _("wiek %(age)s%(when)s (program: %(req)s)") % {"age": years(age), "when": when, "req": requirement},
        )
    return _result(
        c,
        False,
        _("wiek %(age)s%(when)s; program wymaga %(req)s") % {"age": years(age), "when": when, "req": requirement},
    )


def _residence(c, facts, on, thresholds):
    codes = list(c.params.get("teryt") or [])
    areas = list(c.params.get("areas") or [])
    label = c.params.get("label") or ""
    parts: list[bool | None] = []
    reasons = []
    if codes:
        where = ", ".join(codes) + (f" ({label})" if label else "")
        if not facts.teryt:
            parts.append(None)
            reasons.append(
                _("brak kodu TERYT miejsca zamieszkania; program wymaga zamieszkania w gminie %(where)s")
                % {"where": where}
            )
        elif facts.teryt in codes:
            parts.append(True)
            reasons.append(_("zamieszkuje w gminie %(where)s") % {"where": where})
        else:
            parts.append(False)
            reasons.append(
                _("miejsce zamieszkania: gmina %(teryt)s; program wymaga zamieszkania w gminie %(where)s")
                % {"teryt": facts.teryt, "where": where}
            )
    if areas:
        where = ", ".join(areas)
        if facts.areas is None:
            parts.append(None)
            reasons.append(
                _("brak danych o obszarze zamieszkania; program wymaga obszaru: %(where)s") % {"where": where}
            )
        elif set(facts.areas) & set(areas):
            parts.append(True)
            reasons.append(
                _("zamieszkuje na obszarze: %(where)s") % {"where": ", ".join(sorted(set(facts.areas) & set(areas)))}
            )
        else:
            parts.append(False)
            reasons.append(_("adres poza obszarem objętym programem (%(where)s)") % {"where": where})
    passed = combine_all(parts)
    relevant = [r for p, r in zip(parts, reasons, strict=True) if p is passed] or reasons
    return _result(c, passed, "; ".join(relevant))


def _certificate_match(cert: CertificateFacts, params, birth_date, on) -> tuple[bool | None, str]:
    """Whether one certificate (valid on the date) meets the requirement, and why not."""
    degrees = params.get("degrees") or []
    if cert.kind == "child":
        mode = params.get("child", "no")
        if mode == "no":
            return False, _("program nie uwzględnia orzeczeń o niepełnosprawności dziecka")
        if mode == "with_indications" and not cert.indications:
            return False, ""
        under = params.get("child_under")
        if under:
            if birth_date is None:
                return None, _("brak daty urodzenia dziecka")
            age = age_on(birth_date, on)
            if age >= under:
                return False, _("osoba ma %(age)s") % {"age": years(age)}
        return True, ""
    if cert.kind == "equivalent" and not params.get("equivalents", True):
        return False, _("program nie uznaje orzeczeń równoważnych")
    return cert.degree in degrees, ""


def _certificate(c, facts, on, thresholds):
    requirement = describe_certificate_requirement(c.params)
    if facts.certificates is None:
        return _result(
            c, None, _("brak danych o orzeczeniu o niepełnosprawności; program wymaga %(req)s") % {"req": requirement}
        )
    valid = [cert for cert in facts.certificates if cert.valid_on(on)]
    outcomes = [(cert, *_certificate_match(cert, c.params, facts.birth_date, on)) for cert in valid]
    for cert, ok, _note in outcomes:
        if ok is True:
            until = (
                _("na stałe")
                if cert.valid_until is None
                else _("ważne do %(date)s") % {"date": date_pl(cert.valid_until)}
            )
            return _result(c, True, f"{describe_certificate(cert)}, {until}")
    unknown = [(cert, note) for cert, ok, note in outcomes if ok is None]
    if unknown:
        cert, note = unknown[0]
        return _result(
            c, None, f"{describe_certificate(cert)}, {note}; " + _("program wymaga %(req)s") % {"req": requirement}
        )
    if outcomes:
        described = ", ".join(
            describe_certificate(cert) + (f" ({note})" if note else "") for cert, _ok, note in outcomes
        )
        return _result(c, False, _("%(certs)s; program wymaga %(req)s") % {"certs": described, "req": requirement})
    expired = [cert for cert in facts.certificates if cert.valid_until is not None and cert.valid_until < on]
    future = [cert for cert in facts.certificates if cert.issued_on is not None and cert.issued_on > on]
    if expired:
        last = max(expired, key=lambda cert: cert.valid_until)
        return _result(
            c,
            False,
            _("%(cert)s wygasło %(date)s; program wymaga ważnego orzeczenia %(req)s")
            % {"cert": describe_certificate(last), "date": date_pl(last.valid_until), "req": requirement},
        )
    if future:
        first = min(future, key=lambda cert: cert.issued_on)
        return _result(
            c,
            False,
            _("%(cert)s wydane dopiero %(date)s; program wymaga %(req)s")
            % {"cert": describe_certificate(first), "date": date_pl(first.issued_on), "req": requirement},
        )
    return _result(c, False, _("brak orzeczenia o niepełnosprawności; program wymaga %(req)s") % {"req": requirement})


def _income(c, facts, on, thresholds):
    percent = Decimal(str(c.params.get("percent")))
    percent_text = f"{percent.normalize():f}".replace(".", ",")
    if facts.income is None:
        return _result(c, None, _("brak danych o dochodzie"))
    threshold = threshold_on(thresholds, on)
    if threshold is None:
        return _result(c, None, _("brak kryterium dochodowego obowiązującego w dniu %(date)s") % {"date": date_pl(on)})
    size = facts.income.household_size
    limit = income_limit(threshold, percent, size)
    who = _("dla osoby samotnie gospodarującej") if size <= 1 else _("na osobę w rodzinie")
    values = {
        "income": format_pln(facts.income.income_per_person),
        "percent": percent_text,
        "limit": format_pln(limit),
        "who": who,
    }
    if facts.income.income_per_person <= limit:
        return _result(
            c, True, _("dochód %(income)s na osobę; próg %(percent)s%% kryterium %(who)s: %(limit)s") % values
        )
    return _result(
        c,
        False,
        _(
            "dochód %(income)s na osobę; program wymaga najwyżej %(percent)s%% kryterium dochodowego, tj. %(limit)s %(who)s"
        )
        % values,
    )


def _caregiver_of(c, facts, on, thresholds):
    kinds = set(c.params.get("relation_kinds") or DEFAULT_CARING_RELATIONS)
    conditions = "; ".join(child.name or child.code for child in c.children) or _("brak warunków")
    if facts.cares_for is None:
        return _result(c, None, _("brak danych o osobach, nad którymi sprawuje opiekę"))
    cared = [p for p in facts.cares_for if p.is_caregiver or p.relation in kinds]
    if not cared:
        return _result(
            c,
            False,
            _(
                "w rejestrze nie ma osoby, nad którą sprawuje opiekę; program wymaga opieki nad osobą spełniającą warunki: %(cond)s"
            )
            % {"cond": conditions},
        )
    outcomes = []
    for person in cared:
        nested = tuple(_evaluate_one(child, person.facts, on, thresholds) for child in c.children)
        outcomes.append((person, combine_all(r.passed for r in nested), nested))
    passed = combine_any(ok for _p, ok, _n in outcomes)

    def label(person: CaredFor) -> str:
        relation = _RELATIVE_LABELS.get(person.relation, person.relation)
        name = person.label or _("osoba bez nazwiska")
        return f"{name} ({relation})" if relation else name

    if passed is True:
        person, _ok, nested = next(o for o in outcomes if o[1] is True)
        reason = _("sprawuje opiekę nad: %(who)s – %(why)s") % {
            "who": label(person),
            "why": "; ".join(r.reason for r in nested),
        }
        return _result(c, True, reason, nested)
    chosen = [o for o in outcomes if o[1] is passed]
    details = " | ".join(
        f"{label(person)}: " + "; ".join(r.reason for r in nested if r.passed is not True)
        for person, _ok, nested in chosen
    )
    if passed is None:
        return _result(c, None, _("brak danych o podopiecznym – %(details)s") % {"details": details}, chosen[0][2])
    return _result(
        c,
        False,
        _("podopieczni nie spełniają warunków – %(details)s") % {"details": details},
        chosen[0][2] if chosen else (),
    )


def _judgement(c, facts, on, thresholds):
    question = c.params.get("question") or c.name
    decision = facts.decisions.get(c.code) if facts.decisions else None
    if decision is None:
        return _result(c, None, _("czeka na ocenę pracownika socjalnego: %(q)s") % {"q": question})
    when = date_pl(decision.decided_on) if decision.decided_on else ""
    who = ", ".join(part for part in (when, decision.decided_by) if part)
    prefix = _("ocena pracownika socjalnego") + (f" ({who})" if who else "")
    verdict = _("spełnia") if decision.passed else _("nie spełnia")
    return _result(c, decision.passed, f"{prefix}: {verdict} – {decision.note}".rstrip(" –"))


def _any_of(c, facts, on, thresholds):
    nested = tuple(_evaluate_one(child, facts, on, thresholds) for child in c.children)
    passed = combine_any(r.passed for r in nested)
    if passed is True:
        first = next(r for r in nested if r.passed is True)
        reason = _("spełniony wariant: %(name)s – %(why)s") % {"name": first.name or first.code, "why": first.reason}
    elif passed is None:
        reason = _("brak danych do oceny wariantów: %(items)s") % {
            "items": "; ".join(f"{r.name or r.code}: {r.reason}" for r in nested if r.passed is None)
        }
    else:
        reason = _("żaden wariant nie jest spełniony: %(items)s") % {
            "items": "; ".join(f"{r.name or r.code}: {r.reason}" for r in nested)
        }
    return _result(c, passed, reason, nested)


def _all_of(c, facts, on, thresholds):
    nested = tuple(_evaluate_one(child, facts, on, thresholds) for child in c.children)
    passed = combine_all(r.passed for r in nested)
    if passed is True:
        reason = "; ".join(r.reason for r in nested)
    else:
        reason = "; ".join(r.reason for r in nested if r.passed is passed)
    return _result(c, passed, reason, nested)


# --- What a form must ask --------------------------------------------------------------------

_FACTS_BY_KIND = {
    AGE: ("birth_date",),
    RESIDENCE: (),
    CERTIFICATE: ("certificates",),
    INCOME: ("income",),
    SOCIAL_WORKER_JUDGEMENT: (),
    ANY_OF: (),
    ALL_OF: (),
    CAREGIVER_OF: ("cares_for",),
}


def required_facts(criteria: Sequence[Criterion], prefix: str = "") -> list[str]:
    """The :class:`PersonFacts` fields the criteria read, in a stable order, e.g.
    ``["birth_date", "teryt", "certificates", "cares_for", "cares_for.certificates"]``.

    ``cares_for.<fact>`` is a fact about the cared-for person; ``decision:<code>`` names a
    criterion only a social worker can decide (a public form cannot ask it: an online
    application stays "unknown" on it until the decision is recorded).
    """
    found: list[str] = []

    def add(name: str) -> None:
        if name not in found:
            found.append(name)

    for c in criteria:
        for name in _FACTS_BY_KIND.get(c.kind, ()):
            add(prefix + name)
        if c.kind == RESIDENCE:
            if c.params.get("teryt"):
                add(prefix + "teryt")
            if c.params.get("areas"):
                add(prefix + "areas")
        if c.kind == CERTIFICATE and c.params.get("child", "no") != "no" and c.params.get("child_under"):
            add(prefix + "birth_date")
        if c.kind == SOCIAL_WORKER_JUDGEMENT:
            add(f"decision:{prefix}{c.code}")
        if c.kind == CAREGIVER_OF:
            for name in required_facts(c.children, prefix=f"{prefix}cares_for."):
                add(name)
        elif c.children:
            for name in required_facts(c.children, prefix=prefix):
                add(name)
    return found
