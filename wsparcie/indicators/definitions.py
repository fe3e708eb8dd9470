"""What a measured indicator can count: a fixed list of definitions, each one SQL aggregate.

Every definition takes a programme id and validated filters and returns a ``Decimal`` (or
``None`` when the app it reads is not installed: "niedostępne"). The filters a definition accepts
are listed with it; :func:`clean_filters` checks them and answers in Polish.

Common filters: ``date_from`` / ``date_to`` (ISO dates, inclusive). Participation counts use the
participation overlapping the window; event counts (sessions, plans, initiatives, joins) use the
event's date. Definitions that read another app's tables import that app's selectors lazily and
resolve its models with ``apps.get_model``, so a missing app makes the value "not available"
rather than an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Sum, Value
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core import statements
from wsparcie.finance import activity

ZERO = Decimal("0")


@dataclass(frozen=True)
class Definition:
    code: str
    label: str
    unit: str
    description: str
    compute: Callable[[int, dict], Decimal | None]
    filters: tuple[str, ...] = ("date_from", "date_to")
    #: Definitions of one family are aggregates over the same rows; :func:`measure_many` computes
    #: all of a programme's indicators of a family in one statement (one FILTERed aggregate each).
    family: str = ""
    expression: Callable[[dict], object] | None = None
    eu_code: str = ""
    kind: str = "output"
    requires: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def available(self) -> bool:
        return all(activity.get_model(app, model) is not None for app, model in self.requires)


# --- filters --------------------------------------------------------------------------------

FILTER_LABELS = {
    "date_from": _("od dnia"),
    "date_to": _("do dnia"),
    "service_kind": _("rodzaj usługi"),
    "service": _("usługa (id)"),
    "plan_kind": _("rodzaj planu"),
    "team_kind": _("rodzaj zespołu"),
    "min_age": _("wiek co najmniej"),
}


def _date(value, key: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(
            {
                "filters": gettext("Filtr „%(filter)s”: podaj datę w formacie RRRR-MM-DD (np. 2023-06-01).")
                % {"filter": FILTER_LABELS[key]}
            }
        ) from exc


def _choices(app: str, module: str, name: str) -> list[str] | None:
    import importlib

    try:
        return list(getattr(importlib.import_module(f"wsparcie.{app}.{module}"), name).values)
    except (ImportError, AttributeError):
        return None


def clean_filters(definition: Definition, raw: dict | None) -> dict:
    """Validated filters as plain JSON-safe values; unknown keys and bad values are refused."""
    raw = {k: v for k, v in (raw or {}).items() if v not in (None, "", [])}
    unknown = sorted(set(raw) - set(definition.filters))
    if unknown:
        allowed = ", ".join(str(FILTER_LABELS.get(k, k)) for k in definition.filters)
        raise ValidationError(
            {
                "filters": gettext(
                    "Definicja „%(definition)s” nie przyjmuje zawężeń: %(unknown)s. Dozwolone: %(allowed)s."
                )
                % {"definition": definition.label, "unknown": ", ".join(unknown), "allowed": allowed}
            }
        )
    cleaned: dict = {}
    for key, value in raw.items():
        if key in ("date_from", "date_to"):
            cleaned[key] = _date(value, key).isoformat()
        elif key == "min_age":
            try:
                age = int(value)
            except (TypeError, ValueError) as exc:
                raise ValidationError({"filters": gettext("Wiek musi być liczbą całkowitą.")}) from exc
            if not 0 <= age <= 120:
                raise ValidationError({"filters": gettext("Wiek musi mieścić się w przedziale 0–120 lat.")})
            cleaned[key] = age
        elif key == "service":
            if not str(value).isdigit():
                raise ValidationError({"filters": gettext("Usługa: podaj numer (id) usługi.")})
            cleaned[key] = int(value)
        else:
            allowed_values = {
                "service_kind": _choices("delivery", "choices", "ServiceKind"),
                "plan_kind": _choices("plans", "choices", "PlanKind"),
                "team_kind": _choices("plans", "choices", "TeamKind"),
            }[key]
            if allowed_values is not None and value not in allowed_values:
                raise ValidationError(
                    {
                        "filters": gettext("Filtr „%(filter)s”: nieznana wartość „%(value)s” (dozwolone: %(allowed)s).")
                        % {"filter": FILTER_LABELS[key], "value": value, "allowed": ", ".join(allowed_values)}
                    }
                )
            cleaned[key] = value
    if "date_from" in cleaned and "date_to" in cleaned and cleaned["date_from"] > cleaned["date_to"]:
        raise ValidationError({"filters": gettext("Data „od” nie może być późniejsza niż data „do”.")})
    return cleaned


def _window(filters: dict) -> tuple[dt.date | None, dt.date | None]:
    since = filters.get("date_from")
    until = filters.get("date_to")
    return (
        dt.date.fromisoformat(since) if isinstance(since, str) else since,
        dt.date.fromisoformat(until) if isinstance(until, str) else until,
    )


def _decimal(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


# --- participants (enrolment, people) --------------------------------------------------------
# Each definition is one aggregate over the programme's participations (enrolled or completed);
# its window and conditions are the aggregate's FILTER, so several can share one statement.


def participations(programme_id: int, filters: dict | None = None):
    """Participations (enrolled or completed), optionally overlapping the window."""
    qs = activity.participations(programme_id)
    return qs.filter(_overlap(filters)) if filters else qs


def _overlap(filters: dict) -> Q:
    since, until = _window(filters)
    q = Q()
    if until:
        q &= Q(enrolled_on__lte=until) | Q(enrolled_on__isnull=True)
    if since:
        q &= Q(ended_on__gte=since) | Q(ended_on__isnull=True)
    return q


def _persons(condition: Q):
    return Count("person_id", distinct=True, filter=condition)


def _certificate_valid_at_start():
    """A disability certificate of the person valid on the first day of support."""
    from wsparcie.people.models import DisabilityCertificate

    return Exists(
        DisabilityCertificate.objects.filter(
            person_id=OuterRef("person_id"), issued_on__lte=OuterRef("enrolled_on")
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("enrolled_on")))
    )


def participants_enrolled_expr(filters: dict):
    return _persons(_overlap(filters))


def participants_completed_expr(filters: dict):
    since, until = _window(filters)
    q = Q(status="completed")
    if since:
        q &= Q(ended_on__gte=since)
    if until:
        q &= Q(ended_on__lte=until)
    return _persons(q)


def participants_with_disability_certificate_expr(filters: dict):
    """Participants with a certificate (any degree or equivalent) valid when support started."""
    return _persons(_overlap(filters) & Q(_certificate_valid_at_start()))


def participants_with_disabilities_expr(filters: dict):
    """EECO12: the EU answer when given ("Tak" counts, "Nie" and "Odmowa" do not), otherwise a
    certificate valid when support started."""
    declared = Q(eu_data__disability="yes")
    from_registry = (Q(eu_data__isnull=True) | Q(eu_data__disability="")) & Q(_certificate_valid_at_start())
    return _persons(_overlap(filters) & (declared | from_registry))


class AgeInYears(Func):
    """Whole years between ``birth`` and ``day``: ``date_part('year', age(day, birth))``."""

    template = "date_part('year', age(%(expressions)s))"
    output_field = IntegerField()


def participants_aged_expr(filters: dict):
    """Participants aged at least ``min_age`` (default 65) on the first day of support."""
    min_age = int(filters.get("min_age", 65))
    born_by = Q(enrolled_on__isnull=False, person__birth_date__isnull=False)
    return Count(
        "person_id",
        distinct=True,
        filter=_overlap(filters)
        & born_by
        & Q(GreaterThanOrEqual(AgeInYears(F("enrolled_on"), F("person__birth_date")), Value(min_age))),
    )


# --- delivery ---------------------------------------------------------------------------------
# One aggregate over the programme's delivered sessions each (None without the delivery app).


def _session_condition(filters: dict) -> Q:
    since, until = _window(filters)
    q = Q()
    if since:
        q &= Q(start__gte=day_start(since))
    if until:
        q &= Q(start__lt=day_start(until + dt.timedelta(days=1)))
    if filters.get("service_kind"):
        q &= Q(service__kind=filters["service_kind"])
    if filters.get("service"):
        q &= Q(service_id=filters["service"])
    return q


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the installation's time zone (sessions start at aware datetimes)."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def hours_delivered_expr(filters: dict):
    """Hours of delivered sessions of hourly services (travel time is not in a session's units)."""
    return Sum("units", filter=_session_condition(filters) & Q(service__unit="hour"))


def units_delivered_expr(filters: dict):
    return Sum("units", filter=_session_condition(filters))


def sessions_delivered_expr(filters: dict):
    # COUNT(start), not COUNT(id): start is in the covering index, the session's id is not.
    return Count("start", filter=_session_condition(filters))


def participants_served_expr(filters: dict):
    """Distinct participants with at least one delivered session in the window."""
    return Count("enrolment__person_id", distinct=True, filter=_session_condition(filters))


def _sessions_family(programme_id: int):
    """Delivered sessions, also narrowed by their participation's programme (always the same
    programme): "participants served" joins the participations, and the planner then hashes only
    this programme's instead of scanning all of them."""
    sessions = activity.delivered_sessions(programme_id)
    if sessions is not None and activity.has_field(sessions.model, "enrolment"):
        sessions = sessions.filter(enrolment__programme_id=programme_id)
    return sessions


FAMILIES = {
    "participations": lambda programme_id: participations(programme_id),
    "sessions": _sessions_family,
}
#: What, besides the programme and the definitions, a family's statement is built from (its key
#: in :mod:`wsparcie.core.statements`): the sessions family lists the programme's services.
FAMILY_INPUTS = {
    "participations": lambda programme_id: (),
    "sessions": lambda programme_id: tuple(activity.programme_services(programme_id)),
}


def _family_compute(family: str, expression):
    def compute(programme_id: int, filters: dict) -> Decimal | None:
        base = FAMILIES[family](programme_id)
        if base is None:
            return None
        return _decimal(base.aggregate(value=expression(filters))["value"])

    return compute


# --- plans ----------------------------------------------------------------------------------


def _plans_selectors():
    try:
        from wsparcie.plans import selectors
    except ImportError:  # pragma: no cover - plans is installed in this project
        return None
    return selectors


def plans_completed_with_progress(programme_id: int, filters: dict) -> Decimal | None:
    """Persons who completed a plan with progress achieved (efektywność społeczna)."""
    selectors = _plans_selectors()
    if selectors is None:
        return None
    since, until = _window(filters)
    qs = selectors.plans_with_progress(programme_id, until, since=since, kind=filters.get("plan_kind"))
    return _decimal(qs.aggregate(n=Count("person_id", distinct=True))["n"])


def participants_with_support_plan(programme_id: int, filters: dict) -> Decimal | None:
    """Persons with a plan (not discontinued) started in the window, e.g. 20 persons with an
    indywidualny plan deinstytucjonalizacji."""
    SupportPlan = activity.get_model("plans", "SupportPlan")
    if SupportPlan is None:
        return None
    since, until = _window(filters)
    qs = SupportPlan.objects.filter(programme_id=programme_id).exclude(status__in=["draft", "discontinued"])
    if since:
        qs = qs.filter(started_on__gte=since)
    if until:
        qs = qs.filter(started_on__lte=until)
    if filters.get("plan_kind"):
        qs = qs.filter(kind=filters["plan_kind"])
    return _decimal(qs.aggregate(n=Count("person_id", distinct=True))["n"])


def social_initiatives_held(programme_id: int, filters: dict) -> Decimal | None:
    selectors = _plans_selectors()
    if selectors is None:
        return None
    since, until = _window(filters)
    return _decimal(selectors.initiatives_held(programme_id, until, since=since).aggregate(n=Count("id"))["n"])


def institutions_joined_cooperation_team(programme_id: int, filters: dict) -> Decimal | None:
    """Distinct institutions (by name) that joined a cooperation team of the project."""
    selectors = _plans_selectors()
    if selectors is None:
        return None
    since, until = _window(filters)
    return _decimal(selectors.institutions_joined(programme_id, until, since=since, team_kind=filters.get("team_kind")))


def cooperation_teams_formed(programme_id: int, filters: dict) -> Decimal | None:
    selectors = _plans_selectors()
    if selectors is None:
        return None
    since, until = _window(filters)
    return _decimal(selectors.teams_formed(programme_id, until, since=since, kind=filters.get("team_kind")))


DATES = ("date_from", "date_to")
SERVICE_FILTERS = (*DATES, "service_kind", "service")

DEFINITIONS: dict[str, Definition] = {
    d.code: d
    for d in [
        Definition(
            "participants_enrolled",
            _("Uczestnicy objęci wsparciem"),
            "osoby",
            _(
                "Osoby uczestniczące w programie (zgłoszenie ze statusem „uczestnik” albo „zakończony”), których udział przypada na okres."
            ),
            _family_compute("participations", participants_enrolled_expr),
            family="participations",
            expression=participants_enrolled_expr,
            eu_code="EECO01",
            requires=(("enrolment", "Application"),),
        ),
        Definition(
            "participants_completed",
            _("Uczestnicy, którzy zakończyli udział"),
            "osoby",
            _("Osoby ze statusem „zakończony”, których udział zakończył się w okresie."),
            _family_compute("participations", participants_completed_expr),
            family="participations",
            expression=participants_completed_expr,
            kind="result",
            requires=(("enrolment", "Application"),),
        ),
        Definition(
            "participants_with_disability_certificate",
            _("Uczestnicy z orzeczeniem o niepełnosprawności"),
            "osoby",
            _(
                "Uczestnicy, którzy w dniu rozpoczęcia wsparcia mieli ważne orzeczenie (dowolny stopień lub równoważne)."
            ),
            _family_compute("participations", participants_with_disability_certificate_expr),
            family="participations",
            expression=participants_with_disability_certificate_expr,
            requires=(("people", "DisabilityCertificate"),),
        ),
        Definition(
            "participants_with_disabilities",
            _("Uczestnicy z niepełnosprawnościami (EECO12)"),
            "osoby",
            _(
                "Odpowiedź z danych EFS („Tak”; „Nie” i „Odmowa podania informacji” się nie liczą), a gdy jej brak – ważne orzeczenie w dniu rozpoczęcia wsparcia."
            ),
            _family_compute("participations", participants_with_disabilities_expr),
            family="participations",
            expression=participants_with_disabilities_expr,
            eu_code="EECO12",
            requires=(("people", "DisabilityCertificate"),),
        ),
        Definition(
            "participants_aged_65_plus",
            _("Uczestnicy w wieku 65+"),
            "osoby",
            _(
                "Uczestnicy, którzy w dniu rozpoczęcia wsparcia mieli co najmniej 65 lat (albo wiek podany w zawężeniu)."
            ),
            _family_compute("participations", participants_aged_expr),
            family="participations",
            expression=participants_aged_expr,
            filters=(*DATES, "min_age"),
            requires=(("people", "Person"),),
        ),
        Definition(
            "participants_served",
            _("Uczestnicy, którym zrealizowano usługi"),
            "osoby",
            _("Uczestnicy z co najmniej jedną zrealizowaną sesją w okresie."),
            _family_compute("sessions", participants_served_expr),
            family="sessions",
            expression=participants_served_expr,
            filters=SERVICE_FILTERS,
            requires=(("delivery", "Session"),),
        ),
        Definition(
            "hours_delivered",
            _("Zrealizowane godziny usług"),
            "godziny",
            _("Suma godzin zrealizowanych sesji usług rozliczanych godzinowo (bez czasu dojazdu)."),
            _family_compute("sessions", hours_delivered_expr),
            family="sessions",
            expression=hours_delivered_expr,
            filters=SERVICE_FILTERS,
            requires=(("delivery", "Session"),),
        ),
        Definition(
            "units_delivered",
            _("Zrealizowane jednostki usług"),
            "jednostki",
            _("Suma jednostek (godzin, dób, posiłków, sztuk) zrealizowanych sesji."),
            _family_compute("sessions", units_delivered_expr),
            family="sessions",
            expression=units_delivered_expr,
            filters=SERVICE_FILTERS,
            requires=(("delivery", "Session"),),
        ),
        Definition(
            "sessions_delivered",
            _("Zrealizowane sesje"),
            "sesje",
            _("Liczba zrealizowanych sesji (odwołane i zaplanowane się nie liczą)."),
            _family_compute("sessions", sessions_delivered_expr),
            family="sessions",
            expression=sessions_delivered_expr,
            filters=SERVICE_FILTERS,
            requires=(("delivery", "Session"),),
        ),
        Definition(
            "plans_completed_with_progress",
            _("Osoby, które osiągnęły postęp (efektywność społeczna)"),
            "osoby",
            _("Osoby, których plan wsparcia zakończył się w okresie z osiągniętym postępem."),
            plans_completed_with_progress,
            filters=(*DATES, "plan_kind"),
            kind="result",
            requires=(("plans", "SupportPlan"),),
        ),
        Definition(
            "participants_with_support_plan",
            _("Osoby objęte planem wsparcia"),
            "osoby",
            _(
                "Osoby z planem (w realizacji lub zakończonym) rozpoczętym w okresie, np. indywidualnym planem deinstytucjonalizacji."
            ),
            participants_with_support_plan,
            filters=(*DATES, "plan_kind"),
            requires=(("plans", "SupportPlan"),),
        ),
        Definition(
            "social_initiatives_held",
            _("Przeprowadzone inicjatywy społeczne"),
            "inicjatywy",
            _("Inicjatywy społeczne projektu przeprowadzone w okresie."),
            social_initiatives_held,
            requires=(("plans", "SocialInitiative"),),
        ),
        Definition(
            "institutions_joined_cooperation_team",
            _("Instytucje, które przystąpiły do zespołu kooperacji"),
            "instytucje",
            _("Różne instytucje (wg nazwy), które przystąpiły w okresie do zespołu kooperacji projektu."),
            institutions_joined_cooperation_team,
            filters=(*DATES, "team_kind"),
            requires=(("plans", "CooperationTeamMember"),),
        ),
        Definition(
            "cooperation_teams_formed",
            _("Powołane zespoły kooperacji"),
            "zespoły",
            _("Zespoły kooperacji projektu powołane w okresie (np. G-PZK, PZK)."),
            cooperation_teams_formed,
            filters=(*DATES, "team_kind"),
            requires=(("plans", "CooperationTeam"),),
        ),
    ]
}


def get(code: str) -> Definition:
    try:
        return DEFINITIONS[code]
    except KeyError as exc:
        raise ValidationError(
            {"definition": gettext("Nieznana definicja wskaźnika: „%(code)s”.") % {"code": code}}
        ) from exc


def choices() -> list[tuple[str, str]]:
    return [
        (d.code, f"{d.label}{f' ({d.eu_code})' if d.eu_code and d.eu_code not in str(d.label) else ''}")
        for d in DEFINITIONS.values()
    ]


def measure_many(programme_id: int, items: list[tuple[str, dict]]) -> list[Decimal | None]:
    """Values of several definitions for one programme: one statement per family (each
    definition still one FILTERed aggregate), one call each for the others."""
    results: list[Decimal | None] = [None] * len(items)
    grouped: dict[str, list[int]] = {}
    for index, (code, filters) in enumerate(items):
        definition = get(code)
        if not definition.available():
            continue
        if definition.family:
            grouped.setdefault(definition.family, []).append(index)
        else:
            results[index] = definition.compute(programme_id, filters or {})
    for family, indexes in grouped.items():
        base = FAMILIES[family](programme_id)
        if base is None:
            continue
        terms = tuple((items[i][0], repr(sorted((items[i][1] or {}).items()))) for i in indexes)
        values = statements.aggregate(
            statements.key("indicators.family", family, programme_id, FAMILY_INPUTS[family](programme_id), terms),
            lambda base=base: base,
            lambda indexes=indexes: {f"v{i}": get(items[i][0]).expression(items[i][1] or {}) for i in indexes},
        )
        for i in indexes:
            results[i] = _decimal(values[f"v{i}"])
    return results


def measure(code: str, programme_id: int, filters: dict | None = None) -> Decimal | None:
    """The value of one definition for one programme (None: the data is not available here)."""
    definition = get(code)
    if not definition.available():
        return None
    return definition.compute(programme_id, filters or {})
