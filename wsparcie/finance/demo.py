"""Demo budgets: Korpus Wsparcia Seniorów 2023 and Asystent osobisty osoby niepełnosprawnej 2023
(MOPS Płock), with the seed's amounts and some made-up expenses.

From the seed page (shared/seeds/000): KWS 2023 "Dofinansowanie 20 042,00 zł, Wkład własny
5 011,00 zł, Całkowita wartość zadania 25 053,00 zł" (the agreement: grant at most 80%, own share
at least 20%); AOON 2023 "Dofinansowanie: 911 001,37 zł" (100% Fundusz Solidarnościowy). The split
into budget lines, the invoices and their numbers are made up. The AOON line for the assistants'
hours receives the cost of delivered sessions from the delivery app by itself.

Idempotent: budgets by programme, sources by funding source, lines by number, expenses by
(line, source, document number). A programme missing from the database is skipped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from wsparcie.finance import services
from wsparcie.finance.models import Budget, BudgetLine, BudgetSource, Expense

ACTOR = "demo-loader"

BUDGETS = [
    {
        "organisation": "mops-plock",
        "programme": "korpus-wsparcia-seniorow-2023",
        "grant_share_max": D("80"),
        "own_share_min": D("20"),
        "notes": "Moduł II: opaski bezpieczeństwa z usługą monitorowania dla 60 seniorów 65+ (VI–XII 2023).",
        "sources": [("budzet-panstwa", "grant", D("20042.00")), ("srodki-wlasne-gminy", "own", D("5011.00"))],
        "lines": [
            {
                "code": "1",
                "name": "Opaski bezpieczeństwa i całodobowe centrum monitorowania",
                "category": "services",
                "plan": [("budzet-panstwa", D("20042.00")), ("srodki-wlasne-gminy", D("3011.00"))],
            },
            {
                "code": "2",
                "name": "Obsługa programu (koordynacja, wysyłka, łączność)",
                "category": "management",
                "plan": [("srodki-wlasne-gminy", D("2000.00"))],
            },
        ],
        "expenses": [
            # (line, source, date, amount, document, description)
            (
                "1",
                "budzet-panstwa",
                dt.date(2023, 6, 30),
                D("5640.00"),
                "FV/2023/06/118",
                "60 opasek – aktywacja i monitoring VI",
            ),
            (
                "1",
                "srodki-wlasne-gminy",
                dt.date(2023, 6, 30),
                D("1410.00"),
                "FV/2023/06/118",
                "60 opasek – aktywacja i monitoring VI",
            ),
            ("1", "budzet-panstwa", dt.date(2023, 9, 30), D("6930.00"), "FV/2023/09/204", "Monitoring VII–IX"),
            ("1", "srodki-wlasne-gminy", dt.date(2023, 9, 30), D("1155.00"), "FV/2023/09/204", "Monitoring VII–IX"),
            ("1", "budzet-panstwa", dt.date(2023, 12, 15), D("6930.00"), "FV/2023/12/311", "Monitoring X–XII"),
            (
                "2",
                "srodki-wlasne-gminy",
                dt.date(2023, 7, 31),
                D("920.00"),
                "LP/2023/07/KWS",
                "Koordynacja programu VI–VII",
            ),
            (
                "2",
                "srodki-wlasne-gminy",
                dt.date(2023, 12, 20),
                D("960.00"),
                "LP/2023/12/KWS",
                "Koordynacja programu VIII–XII",
            ),
        ],
    },
    {
        "organisation": "mops-plock",
        "programme": "asystent-osobisty-2023",
        "grant_share_max": None,
        "own_share_min": None,
        "notes": "Fundusz Solidarnościowy – 100% dotacji celowej, bez wkładu własnego; usługa bezpłatna dla 70 uczestników.",
        "sources": [("fundusz-solidarnosciowy", "grant", D("911001.37"))],
        "lines": [
            {
                "code": "1",
                "name": "Usługi asystenta osobistego (godziny z kart realizacji)",
                "category": "services",
                "session_costs": "fundusz-solidarnosciowy",
                "plan": [("fundusz-solidarnosciowy", D("883138.60"))],
            },
            {
                "code": "2",
                "name": "Bilety, dojazdy z uczestnikiem i ubezpieczenie OC/NNW",
                "category": "travel",
                "plan": [("fundusz-solidarnosciowy", D("10000.00"))],
            },
            {
                "code": "3",
                "name": "Obsługa programu",
                "category": "management",
                "plan": [("fundusz-solidarnosciowy", D("17862.77"))],
            },
        ],
        "expenses": [
            (
                "2",
                "fundusz-solidarnosciowy",
                dt.date(2023, 4, 28),
                D("1180.00"),
                "FV/2023/04/KOM/17",
                "Bilety komunikacji miejskiej IV",
            ),
            (
                "2",
                "fundusz-solidarnosciowy",
                dt.date(2023, 5, 10),
                D("2450.00"),
                "POL/2023/OC-NNW/3",
                "Ubezpieczenie OC/NNW asystentów",
            ),
            (
                "2",
                "fundusz-solidarnosciowy",
                dt.date(2023, 9, 29),
                D("3920.00"),
                "FV/2023/09/KOM/55",
                "Bilety i dojazdy V–IX",
            ),
            (
                "2",
                "fundusz-solidarnosciowy",
                dt.date(2023, 11, 30),
                D("1750.00"),
                "FV/2023/11/KULT/8",
                "Bilety wstępu: teatr, kino, muzeum",
            ),
            (
                "3",
                "fundusz-solidarnosciowy",
                dt.date(2023, 6, 30),
                D("8400.00"),
                "LP/2023/06/AOON",
                "Obsługa programu III–VI",
            ),
            (
                "3",
                "fundusz-solidarnosciowy",
                dt.date(2023, 12, 21),
                D("8900.00"),
                "LP/2023/12/AOON",
                "Obsługa programu VII–XII",
            ),
        ],
    },
]


def _programme(org_slug: str, slug: str):
    from wsparcie.programmes.models import Programme

    return Programme.objects.filter(organisation__slug=org_slug, slug=slug).first()


def _source(code: str):
    from wsparcie.programmes.models import FundingSource

    return FundingSource.objects.filter(code=code).first()


def load_budget(spec: dict, actor=ACTOR) -> Budget | None:
    programme = _programme(spec["organisation"], spec["programme"])
    if programme is None:
        return None
    budget = Budget.objects.filter(programme=programme).first() or services.budget_create(
        actor=actor,
        programme=programme,
        grant_share_max=spec["grant_share_max"],
        own_share_min=spec["own_share_min"],
        notes=spec["notes"],
    )
    for code, role, amount in spec["sources"]:
        source = _source(code)
        if source is not None and not BudgetSource.objects.filter(budget=budget, funding_source=source).exists():
            services.budget_source_add(
                actor=actor, budget=budget, funding_source=source, role=role, agreed_amount=amount
            )
    lines = {}
    for line_spec in spec["lines"]:
        line = BudgetLine.objects.filter(budget=budget, code=line_spec["code"]).first()
        session_source = _source(line_spec["session_costs"]) if line_spec.get("session_costs") else None
        if line is None:
            line = services.budget_line_create(
                actor=actor,
                budget=budget,
                code=line_spec["code"],
                name=line_spec["name"],
                category=line_spec["category"],
                receives_session_costs=session_source is not None,
                session_funding_source=session_source,
                order=int(line_spec["code"]),
            )
        for code, amount in line_spec["plan"]:
            source = _source(code)
            if (
                source is not None
                and not line.allocations.filter(funding_source=source, planned_amount=amount).exists()
            ):
                services.allocation_set(actor=actor, line=line, funding_source=source, planned_amount=amount)
        lines[line_spec["code"]] = line
    for line_code, source_code, spent_on, amount, document, description in spec["expenses"]:
        line, source = lines[line_code], _source(source_code)
        if (
            source is None
            or Expense.objects.filter(line=line, funding_source=source, document_number=document).exists()
        ):
            continue
        services.expense_create(
            actor=actor,
            line=line,
            funding_source=source,
            spent_on=spent_on,
            amount=amount,
            document_number=document,
            description=description,
        )
    return budget


def load(actor=ACTOR) -> None:
    for spec in BUDGETS:
        load_budget(spec, actor=actor)
