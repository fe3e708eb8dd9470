"""Demo indicators of the seed projects, their targets and a history of values.

Targets are the seed pages' figures (shared/seeds/): PAS-ja "180 / 62 / 110 / 15"; Liderzy
kooperacji's milestone counts; Sopot's "objęcie 20 osób indywidualnym planem
deinstytucjonalizacji"; AOON 2023 "70 osób"; KWS 2023 "60 seniorów w wieku 65+". Measured
indicators count what the other apps' demo data holds (nothing is faked: small demo data gives
small numbers); their history is built by snapshotting "as of" each month end. Hand-entered
indicators (Liderzy kooperacji's reports and meetings, Pomorskie Dzieciom's places) get made-up
values with an evidence note. The AOON hours target is not on the seed page: it is derived from
the budget line (883 138,60 zł / 40 zł per hour) and says so.

Idempotent: indicators by (programme, name), values by (indicator, date), snapshots by
(indicator, day), EU data by participation. A programme missing from the database is skipped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from wsparcie.indicators import rules, services
from wsparcie.indicators.models import Indicator, IndicatorValue, MilestoneTarget, ParticipantEUData

ACTOR = "demo-loader"

M = "measured"
H = "manual"

INDICATORS = {
    ("mops-wroclaw", "pas-ja"): [
        dict(
            name="Liczba osób zagrożonych ubóstwem lub wykluczeniem społecznym objętych wsparciem w programie",
            target=D(180),
            source=M,
            definition="participants_enrolled",
        ),
        dict(
            name="Liczba osób z niepełnosprawnościami objętych wsparciem w programie",
            target=D(62),
            source=M,
            definition="participants_with_disabilities",
        ),
        dict(
            name="Liczba osób zagrożonych ubóstwem lub wykluczeniem społecznym, które osiągnęły postęp w rozumieniu efektywności społecznej",
            target=D(110),
            source=M,
            definition="plans_completed_with_progress",
            kind="result",
        ),
        dict(
            name="Liczba przeprowadzonych inicjatyw społecznych",
            target=D(15),
            source=M,
            definition="social_initiatives_held",
            unit="inicjatywy",
        ),
    ],
    ("powiat-plocki", "liderzy-kooperacji"): [
        dict(
            name="Liczba powołanych Zespołów ds. Modelu",
            target=D(1),
            source=M,
            definition="cooperation_teams_formed",
            filters={"team_kind": "model_team"},
            unit="zespoły",
            milestones={"I": D(1)},
        ),
        dict(
            name="Liczba powołanych Gminno-Powiatowych Zespołów Kooperacji",
            target=D(8),
            source=M,
            definition="cooperation_teams_formed",
            filters={"team_kind": "g_pzk"},
            unit="zespoły",
            milestones={"I": D(8)},
        ),
        dict(
            name="Liczba zawiązanych Partnerskich Zespołów Kooperacyjnych",
            target=D(6),
            source=M,
            definition="cooperation_teams_formed",
            filters={"team_kind": "pzk"},
            unit="zespoły",
            milestones={"II": D(6)},
        ),
        dict(
            name="Instytucje, które przystąpiły do zespołów kooperacji",
            target=D(350),
            source=M,
            definition="institutions_joined_cooperation_team",
            unit="podmioty",
            description="Grupa docelowa projektu: 350 podmiotów gminnych, powiatowych i wojewódzkich (makroregion).",
        ),
        dict(
            name="Liczba pracowników OPS/PCPR, którzy skorzystali z doradztwa w projekcie",
            target=D(24),
            source=H,
            unit="osoby",
            milestones={"I": D(14), "II": D(24)},
            values=[
                (dt.date(2019, 3, 27), D(14), "Listy obecności na doradztwie – dokumentacja I KM"),
                (dt.date(2020, 9, 27), D(23), "Listy obecności na doradztwie – dokumentacja II KM"),
            ],
        ),
        dict(
            name="Liczba raportów z przeprowadzonych badań fokusowych",
            target=D(9),
            source=H,
            unit="raporty",
            milestones={"I": D(9)},
            values=[
                (dt.date(2018, 10, 31), D(8), "8 raportów cząstkowych w segregatorze „Badania FGI 2018”"),
                (dt.date(2019, 1, 31), D(9), "Raport podsumowujący/wojewódzki – teczka I KM"),
            ],
        ),
        dict(
            name="Liczba partnerskich spotkań wymiany doświadczeń",
            target=D(6),
            source=H,
            unit="spotkania",
            milestones={"I": D(1), "II": D(6)},
            manual_aggregation="sum",
            values=[
                (dt.date(2018, 9, 20), D(1), "Protokół spotkania 3-dniowego, wrzesień 2018"),
                (dt.date(2019, 11, 14), D(2), "Protokoły spotkań PZK, XI 2019"),
                (dt.date(2020, 7, 2), D(2), "Protokoły spotkań PZK, VII 2020"),
            ],
        ),
        dict(
            name="Liczba opracowanych raportów – Księga rekomendacyjna",
            target=D(1),
            source=H,
            unit="raporty",
            milestones={"III": D(1)},
            values=[(dt.date(2020, 12, 18), D(1), "Księga rekomendacyjna – wersja do publikacji")],
        ),
    ],
    ("mops-sopot", "deinstytucjonalizacja"): [
        dict(
            name="Liczba osób objętych indywidualnym planem deinstytucjonalizacji",
            target=D(20),
            source=M,
            definition="participants_with_support_plan",
            filters={"plan_kind": "deinstitutionalisation_plan"},
        ),
        dict(
            name="Opracowany i wdrożony lokalny plan deinstytucjonalizacji usług społecznych",
            target=D(1),
            source=H,
            unit="plan",
            values=[(dt.date(2023, 6, 30), D(1), "Lokalny plan deinstytucjonalizacji – dokument w aktach grantu")],
        ),
    ],
    ("mops-sopot", "pomorskie-dzieciom"): [
        dict(
            name="Miejsca świadczenia usług społecznych utrzymane po zakończeniu projektu",
            target=D(15),
            source=H,
            unit="miejsca",
            kind="result",
            values=[(dt.date(2022, 12, 31), D(15), "Sprawozdanie z trwałości za 2022 r.")],
        ),
    ],
    ("mops-plock", "asystent-osobisty-2023"): [
        dict(name="Liczba uczestników programu", target=D(70), source=M, definition="participants_enrolled"),
        dict(
            name="Zrealizowane godziny usług asystencji osobistej",
            target=D(22078),
            source=M,
            definition="hours_delivered",
            filters={"service_kind": "personal_assistance"},
            unit="godziny",
            description="Cel wyliczony na potrzeby demo: 883 138,60 zł (pozycja budżetu) / 40 zł za godzinę.",
        ),
    ],
    ("mops-plock", "korpus-wsparcia-seniorow-2023"): [
        dict(
            name="Liczba seniorów w wieku 65+ objętych wsparciem",
            target=D(60),
            source=M,
            definition="participants_aged_65_plus",
        ),
        dict(name="Liczba uczestników programu", target=D(60), source=M, definition="participants_enrolled"),
    ],
}

MILESTONE_PREFIX = {"I": "I kamień", "II": "II kamień", "III": "III kamień", "IV": "IV kamień"}


def _programme(org_slug: str, slug: str):
    from wsparcie.programmes.models import Programme

    return Programme.objects.filter(organisation__slug=org_slug, slug=slug).first()


def _milestone(programme, key: str):
    from wsparcie.programmes.models import Milestone

    return Milestone.objects.filter(programme=programme, name__startswith=MILESTONE_PREFIX[key]).first()


def _indicator(actor, programme, order: int, spec: dict) -> Indicator:
    spec = dict(spec)
    milestones = spec.pop("milestones", {})
    values = spec.pop("values", [])
    indicator = Indicator.objects.filter(programme=programme, name=spec["name"]).first()
    if indicator is None:
        indicator = services.indicator_create(actor=actor, programme=programme, order=order, **spec)
    for key, target in milestones.items():
        milestone = _milestone(programme, key)
        if (
            milestone is not None
            and not MilestoneTarget.objects.filter(indicator=indicator, milestone=milestone).exists()
        ):
            services.milestone_target_set(actor=actor, indicator=indicator, milestone=milestone, target=target)
    for measured_on, value, evidence_note in values:
        if not IndicatorValue.objects.filter(indicator=indicator, measured_on=measured_on).exists():
            services.indicator_value_add(
                actor=actor, indicator=indicator, measured_on=measured_on, value=value, evidence_note=evidence_note
            )
    return indicator


def _month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start.replace(day=1)
    while day <= end:
        days.append(min(rules.add_months(day, 1) - dt.timedelta(days=1), end))
        day = rules.add_months(day, 1)
    return days


def _history(actor, programme) -> None:
    """Month-end snapshots over the programme's period (at most 48), each counted as of that day."""
    if not programme.period_start:
        return
    end = min(programme.period_end or timezone.localdate(), timezone.localdate())
    for day in _month_ends(programme.period_start, end)[-48:]:
        services.indicators_snapshot_all(actor=actor, on=day, programme=programme)


def _eu_data(actor, programme) -> None:
    """EU monitoring data for the first participants (made up), so the export has every kind of answer."""
    from wsparcie.finance import activity

    answers = [
        dict(
            education="isced1_2",
            labour_status="inactive",
            degurba="1",
            foreign_origin="no",
            minority="no",
            homeless="no",
        ),
        dict(
            education="isced3_4",
            labour_status="unemployed",
            labour_status_detail="osoba długotrwale bezrobotna",
            degurba="1",
            foreign_origin="no",
            minority="refused",
            homeless="no",
        ),
        dict(
            education="isced0",
            labour_status="inactive",
            degurba="1",
            foreign_origin="yes",
            third_country_citizen="yes",
            homeless="yes",
        ),
        dict(
            education="isced5_8",
            labour_status="employed",
            degurba="1",
            foreign_origin="refused",
            minority="refused",
            homeless="refused",
            disability="refused",
        ),
    ]
    for application, data in zip(
        activity.participations(programme.pk).order_by("id")[: len(answers)], answers, strict=False
    ):
        if not ParticipantEUData.objects.filter(enrolment=application).exists():
            services.eu_data_save(
                actor=actor,
                enrolment=application,
                support_scope="usługi aktywnej integracji o charakterze społecznym",
                **data,
            )


def load(actor=ACTOR) -> None:
    for (org_slug, slug), specs in INDICATORS.items():
        programme = _programme(org_slug, slug)
        if programme is None:
            continue
        for order, spec in enumerate(specs, start=1):
            _indicator(actor, programme, order, spec)
        _history(actor, programme)
        if slug == "pas-ja":
            _eu_data(actor, programme)
