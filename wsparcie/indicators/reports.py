"""The programme report for its funder: participants (new, active, completed) in a period,
units delivered by service and month, costs by funding source, indicators against targets;
on screen (HTML with SVG charts), as PDF (ReportLab, :mod:`wsparcie.indicators.pdf`), XLSX and CSV.

:func:`build` reads everything with a fixed number of grouped statements (participants: one
aggregate; delivery: one GROUP BY service, month; costs by source: one; spending and alarms by
month: one each; indicators: one per family of measured definitions), most of them compiled once
per process (:mod:`wsparcie.core.statements`), and returns a plain :class:`ProgrammeReport`; the
renderers only format it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wsparcie.core import statements
from wsparcie.finance import activity
from wsparcie.indicators import charts, selectors, spreadsheets

ZERO = Decimal("0")
UNIT_LABELS = {
    "hour": _("godz."),
    "day": pgettext_lazy("jednostka usługi", "doby"),
    "meal": _("posiłki"),
    "item": _("szt."),
}


@dataclass
class ProgrammeReport:
    programme: object
    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    participants: dict
    months: list[dt.date]
    services: list[dict]  # {"name", "unit", "by_month": {month: units}, "units", "sessions", "cost"}
    costs: list[dict] | None  # None: the reader may not see finance
    indicators: list[selectors.IndicatorRow] = field(default_factory=list)
    spending: list[tuple[dt.date, Decimal]] | None = None  # per month of the period; None: no finance or no budget
    alarms: list[tuple[dt.date, int]] | None = None  # per month of the period; None: no alarms (or no telecare)

    @property
    def hours_total(self) -> Decimal:
        return sum((s["units"] for s in self.services if s["unit"] == "hour"), ZERO)

    @property
    def costs_total(self) -> Decimal:
        return sum((c["spent"] for c in self.costs or []), ZERO)

    @property
    def service_years(self) -> list[dict]:
        """One row per service and year with the twelve months (None outside the period)."""
        in_period = set(self.months)
        rows = []
        for service in self.services:
            for year in sorted({m.year for m in self.months}):
                months = [dt.date(year, n, 1) for n in range(1, 13)]
                values = [service["by_month"].get(m, ZERO) if m in in_period else None for m in months]
                rows.append(
                    {"service": service, "year": year, "values": values, "total": sum((v for v in values if v), ZERO)}
                )
        return rows

    @property
    def progress_items(self) -> list[dict]:
        """The indicators as the progress chart draws them (on screen and in the PDF)."""
        return [
            {
                "label": r.indicator.name,
                "actual": r.actual,
                "target": r.indicator.target,
                "unit": r.indicator.unit,
                "percent": r.percent,
            }
            for r in self.indicators
        ]

    def month_totals(self, unit: str = "hour") -> list[tuple[dt.date, Decimal]]:
        return [
            (m, sum((s["by_month"].get(m, ZERO) for s in self.services if s["unit"] == unit), ZERO))
            for m in self.months
        ]


def default_period(programme) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = programme.period_start or dt.date(today.year, 1, 1)
    end = programme.period_end or today
    return start, end


def participant_counts(programme_id: int, date_from: dt.date, date_to: dt.date) -> dict:
    """New (started in the period), active (taking part at any time in it), completed (ended in it
    with status "completed"), with women and men among the active: one aggregate statement,
    compiled once per programme and period (:mod:`wsparcie.core.statements`)."""

    def counts() -> dict:
        started = Q(enrolled_on__gte=date_from, enrolled_on__lte=date_to)
        active = (Q(enrolled_on__lte=date_to) | Q(enrolled_on__isnull=True)) & (
            Q(ended_on__gte=date_from) | Q(ended_on__isnull=True)
        )
        completed = Q(status="completed", ended_on__gte=date_from, ended_on__lte=date_to)
        return {
            "new": Count("person_id", distinct=True, filter=started),
            "active": Count("person_id", distinct=True, filter=active),
            "completed": Count("person_id", distinct=True, filter=completed),
            "active_women": Count("person_id", distinct=True, filter=active & Q(person__sex="female")),
            "active_men": Count("person_id", distinct=True, filter=active & Q(person__sex="male")),
        }

    result = statements.aggregate(
        statements.key("report.participants", programme_id, date_from, date_to),
        lambda: activity.participations(programme_id),
        counts,
    )
    return {key: int(value or 0) for key, value in result.items()}


def _month_range(start: dt.date, end: dt.date) -> list[dt.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _every_month(values: dict, months: list[dt.date], zero) -> list[tuple]:
    """``(month, value)`` for every month of the period, ``zero`` where nothing was recorded."""
    return [(m, values.get(m, zero)) for m in months]


def build(
    programme, *, date_from: dt.date | None = None, date_to: dt.date | None = None, include_costs: bool = True
) -> ProgrammeReport:
    with activity.remembering_services():
        return _build(programme, date_from=date_from, date_to=date_to, include_costs=include_costs)


def _build(programme, *, date_from: dt.date | None, date_to: dt.date | None, include_costs: bool) -> ProgrammeReport:
    start, end = default_period(programme)
    date_from, date_to = date_from or start, date_to or end
    rows = selectors.hours_by_month(programme.pk, date_from, date_to)
    services: dict[int, dict] = {}
    for row in rows:
        service = services.setdefault(
            row["service_id"],
            {
                "name": row["service"],
                "unit": row["unit"],
                "unit_label": str(UNIT_LABELS.get(row["unit"], row["unit"])),
                "by_month": defaultdict(lambda: ZERO),
                "units": ZERO,
                "sessions": 0,
                "cost": ZERO,
            },
        )
        service["by_month"][row["month"]] += row["units"]
        service["units"] += row["units"]
        service["sessions"] += row["sessions"]
        service["cost"] += row["cost"]
    costs = None
    if include_costs:
        from wsparcie.finance import selectors as finance

        session_cost = sum((r["cost"] for r in rows), ZERO) if activity.session_model() is not None else None
        costs = finance.costs_by_funding_source(programme.pk, date_from, date_to, session_cost=session_cost)
    months = _month_range(date_from, date_to) if date_from <= date_to else []
    spending = None
    if costs:
        by_month = dict(
            selectors.spending_by_month(
                programme.pk,
                rows,
                session_line=any(c["takes_sessions"] for c in costs),
                date_from=date_from,
                date_to=date_to,
            )
        )
        spending = _every_month(by_month, months, ZERO)
    alarms = selectors.alarms_by_month(programme.pk, date_from, date_to)
    if alarms:
        alarms = _every_month(dict(alarms), months, 0)
    return ProgrammeReport(
        programme=programme,
        date_from=date_from,
        date_to=date_to,
        generated_at=timezone.localtime(),
        participants=participant_counts(programme.pk, date_from, date_to),
        months=months,
        services=list(services.values()),
        costs=costs,
        indicators=selectors.indicator_rows(programme, with_series=False, with_milestones=False),
        spending=spending,
        alarms=alarms or None,
    )


# --- renderers ------------------------------------------------------------------------------


def filename(report: ProgrammeReport, extension: str) -> str:
    return f"raport-{report.programme.slug}-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}.{extension}"


def chart_context(report: ProgrammeReport) -> dict:
    return {
        "month_labels": charts.MONTHS,
        "hours_chart": charts.columns(
            chart_id="report-hours",
            title=gettext("Godziny usług według miesięcy"),
            points=report.month_totals("hour"),
            unit=gettext("godz."),
        ),
        "spending_chart": charts.columns(
            chart_id="report-spending",
            title=gettext("Wydatki według miesięcy (zł)"),
            points=report.spending,
            unit="zł",
        )
        if report.spending
        else None,
        "alarms_chart": charts.columns(
            chart_id="report-alarms",
            title=gettext("Alarmy teleopieki według miesięcy"),
            points=report.alarms,
            unit=gettext("alarmów"),
        )
        if report.alarms
        else None,
        "indicators_chart": charts.progress_bars(
            chart_id="report-indicators",
            title=gettext("Wskaźniki: wykonanie wobec celu"),
            items=report.progress_items,
        ),
    }


def to_pdf(report: ProgrammeReport) -> bytes:
    from wsparcie.indicators import pdf

    return pdf.render(report)


def _summary_rows(report: ProgrammeReport) -> list[list]:
    p = report.programme
    rows = [
        [gettext("Raport z realizacji programu")],
        [gettext("Program"), str(p)],
        [gettext("Organizacja"), str(p.organisation)],
        [gettext("Numer umowy"), p.agreement_number or ""],
        [gettext("Okres sprawozdawczy od"), report.date_from],
        [gettext("Okres sprawozdawczy do"), report.date_to],
        [gettext("Wygenerowano"), report.generated_at.replace(tzinfo=None)],
        [],
        [gettext("Uczestnicy"), gettext("Liczba osób")],
        [gettext("Nowi w okresie"), report.participants["new"]],
        [gettext("Aktywni w okresie"), report.participants["active"]],
        [gettext("w tym kobiety"), report.participants["active_women"]],
        [gettext("w tym mężczyźni"), report.participants["active_men"]],
        [gettext("Zakończyli udział w okresie"), report.participants["completed"]],
    ]
    return rows


def _service_rows(report: ProgrammeReport) -> list[list]:
    header = [
        gettext("Usługa"),
        gettext("Jednostka"),
        *[m.strftime("%Y-%m") for m in report.months],
        gettext("Razem"),
        gettext("Sesje"),
        gettext("Koszt (zł)"),
    ]
    rows = [header]
    for s in report.services:
        rows.append(
            [
                s["name"],
                s["unit_label"],
                *[s["by_month"].get(m, ZERO) for m in report.months],
                s["units"],
                s["sessions"],
                s["cost"],
            ]
        )
    return rows


def _cost_rows(report: ProgrammeReport) -> list[list]:
    rows = [
        [
            gettext("Źródło finansowania"),
            gettext("Rola"),
            gettext("Kwota w umowie (zł)"),
            gettext("Plan (zł)"),
            gettext("Wydatki w okresie (zł)"),
        ]
    ]
    for c in report.costs or []:
        rows.append([c["funding_source"], c["role_label"], c["agreed"], c["planned"], c["spent"]])
    if report.costs:
        rows.append([gettext("Razem"), "", None, sum((c["planned"] for c in report.costs), ZERO), report.costs_total])
    return rows


def _indicator_rows(report: ProgrammeReport) -> list[list]:
    rows = [
        [
            gettext("Kod"),
            gettext("Wskaźnik"),
            gettext("Rodzaj"),
            gettext("Jednostka"),
            gettext("Wartość bazowa"),
            gettext("Wartość docelowa"),
            gettext("Wykonanie"),
            gettext("%% celu") % {},
            gettext("Sposób pomiaru"),
        ]
    ]
    for r in report.indicators:
        i = r.indicator
        rows.append(
            [
                i.code,
                i.name,
                i.get_kind_display(),
                i.unit,
                i.baseline,
                i.target,
                r.actual,
                r.percent,
                i.get_source_display(),
            ]
        )
    return rows


def _month_rows(report: ProgrammeReport) -> list[list]:
    """Spending and telecare alarms per month of the period: the columns the report has."""
    columns = []
    if report.spending is not None:
        columns.append((gettext("Wydatki (zł)"), dict(report.spending)))
    if report.alarms is not None:
        columns.append((gettext("Alarmy teleopieki"), dict(report.alarms)))
    if not columns:
        return []
    rows = [[gettext("Miesiąc"), *[title for title, _values in columns]]]
    for month in report.months:
        rows.append([month.strftime("%Y-%m"), *[values.get(month) for _title, values in columns]])
    return rows


def to_xlsx(report: ProgrammeReport) -> bytes:
    summary = gettext("Podsumowanie")
    sheets = [
        (summary, _summary_rows(report)),
        (gettext("Usługi wg miesięcy"), _service_rows(report)),
        (gettext("Wskaźniki"), _indicator_rows(report)),
    ]
    if report.costs is not None:
        sheets.insert(2, (gettext("Koszty wg źródeł"), _cost_rows(report)))
    if by_month := _month_rows(report):
        sheets.append((gettext("Wydatki i alarmy wg miesięcy"), by_month))
    return spreadsheets.to_xlsx(sheets, header_rows={summary: 0})


def to_csv(report: ProgrammeReport) -> bytes:
    rows = _summary_rows(report) + [[], [gettext("Usługi według miesięcy")]] + _service_rows(report)
    if report.costs is not None:
        rows += [[], [gettext("Koszty według źródeł finansowania")]] + _cost_rows(report)
    rows += [[], [gettext("Wskaźniki")]] + _indicator_rows(report)
    if by_month := _month_rows(report):
        rows += [[], [gettext("Wydatki i alarmy według miesięcy")]] + by_month
    return spreadsheets.to_csv(rows)


def to_json(report: ProgrammeReport) -> dict:
    def num(value):
        return None if value is None else f"{value:.2f}"

    return {
        "programme": {"id": report.programme.pk, "name": str(report.programme), "slug": report.programme.slug},
        "date_from": report.date_from.isoformat(),
        "date_to": report.date_to.isoformat(),
        "generated_at": report.generated_at.isoformat(),
        "participants": report.participants,
        "months": [m.strftime("%Y-%m") for m in report.months],
        "services": [
            {
                "name": s["name"],
                "unit": s["unit"],
                "by_month": {m.strftime("%Y-%m"): num(s["by_month"].get(m, ZERO)) for m in report.months},
                "units": num(s["units"]),
                "sessions": s["sessions"],
                "cost": num(s["cost"]),
            }
            for s in report.services
        ],
        "hours_total": num(report.hours_total),
        "costs": None
        if report.costs is None
        else [
            {
                "funding_source": c["funding_source_code"],
                "name": c["funding_source"],
                "role": c["role"],
                "agreed": num(c["agreed"]),
                "planned": num(c["planned"]),
                "spent": num(c["spent"]),
            }
            for c in report.costs
        ],
        "spending_by_month": None
        if report.spending is None
        else [{"month": m.strftime("%Y-%m"), "amount": num(v)} for m, v in report.spending],
        "alarms_by_month": None
        if report.alarms is None
        else [{"month": m.strftime("%Y-%m"), "alarms": n} for m, n in report.alarms],
        "indicators": [
            {
                "id": r.indicator.pk,
                "name": r.indicator.name,
                "code": r.indicator.code,
                "unit": r.indicator.unit,
                "target": num(r.indicator.target),
                "actual": num(r.actual),
                "percent": None if r.percent is None else f"{r.percent:.1f}",
            }
            for r in report.indicators
        ],
    }
