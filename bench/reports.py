"""Benchmark of the indicators dashboard and the funder's report on a big database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsp_finance_bench .venv/bin/python bench/reports.py

Generates (once; ``--regenerate`` to start over) 1 000 000 people, one participation each,
200 000 disability certificates, 1 000 workers, 2 000 services and 10 000 000 sessions, written
with ``INSERT ... SELECT ... FROM generate_series`` straight into the people / enrolment /
delivery tables. Participations go to 1 000 programmes: a *typical* large project has about
1 000 participants and 10 000 sessions (2019–2023); one *stress* project has 10 000 participants
and 100 000 sessions. Both get a budget with a session-cost line, 1 000 expenses and seven
measured plus one manual indicator with 48 monthly snapshots.

Measures, in one run, the median of ``--runs`` requests through the whole Django stack (test
client: middleware, scoped selectors, SVG charts, templates / XLSX / PDF) against hand-written
SQL computing the same numbers, and prints a table. Targets: dashboard < 500 ms, report < 2 s,
each within 2x of its SQL.

Foreign-key triggers are skipped while loading (``session_replication_role = replica``): the
generator only writes ids it has just read. The two GiST exclusion constraints of ``delivery_session`` (no overlapping sessions of a worker or
a participant) are dropped in the bench database before loading: they guard writes, no read here
uses them, and rebuilding them over 10 million rows would take longer than everything else. The
btree indexes are dropped for the load and rebuilt from their own definitions afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("WSPARCIE_ENV", "development")
os.environ.setdefault("DEBUG", "0")  # as in production: no query log, no debug templates

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402

PEOPLE = 1_000_000
SESSIONS = 10_000_000
PROGRAMMES = 1000
WORKERS = 1_000
ORG_SLUG = "bench-org"
MARK = "bench-programme-0"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def sql_literal_default(field: models.Field) -> str:
    """A SQL literal for a NOT NULL column the generator does not set."""
    if field.has_default():
        value = field.get_default()
    elif isinstance(field, (models.CharField, models.TextField)):
        value = ""
    else:
        raise RuntimeError(f"No value for {field.model.__name__}.{field.name}")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)) and isinstance(field, models.JSONField):
        import json

        return "'" + json.dumps(value).replace("'", "''") + "'::jsonb"
    if isinstance(value, list):
        return "'{}'"
    return "'" + str(value).replace("'", "''") + "'"


def insert_select(model, exprs: dict[str, str], source: str) -> None:
    """``INSERT INTO <table> (<columns>) SELECT <exprs> FROM <source>``; columns the generator
    does not name get NULL (nullable) or their default, so other apps' new columns do not break it."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if getattr(field, "generated", False) or field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname in exprs:
            values.append(exprs[field.attname])
        elif field.attname in ("created_at", "updated_at"):
            values.append("now()")
        elif field.null:
            values.append("NULL")
        else:
            values.append(sql_literal_default(field))
    with connection.cursor() as cursor:
        # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked row by row they would
        # queue one trigger event per reference (40 million for the sessions). The generator
        # only writes ids it has just read, so the load skips the triggers.
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(
                f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}"
            )
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def drop_indexes(table: str) -> list[str]:
    """Drop the table's non-primary indexes and exclusion constraints; return the btree index
    definitions to rebuild."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'x'", [table])
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
               WHERE i.tablename = %s AND i.indexname NOT IN (
                   SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))""",
            [table, table],
        )
        rows = cursor.fetchall()
        for name, _definition in rows:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def rebuild(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


def programme_index(participation: str) -> str:
    """Programme of participation number ``participation``: every 100th to the stress programme
    (index 0), the others spread over 999 programmes."""
    return f"(CASE WHEN {participation} % 100 = 0 THEN 0 ELSE 1 + {participation} % {PROGRAMMES - 1} END)"


def generate() -> None:
    from django.contrib.auth import get_user_model

    from wsparcie.core.models import Membership, Organisation
    from wsparcie.programmes.models import FundingSource, Programme

    Person = apps.get_model("people", "Person")
    Certificate = apps.get_model("people", "DisabilityCertificate")
    Application = apps.get_model("enrolment", "Application")
    Worker = apps.get_model("delivery", "Worker")
    Service = apps.get_model("delivery", "Service")
    Session = apps.get_model("delivery", "Session")

    org, _ = Organisation.objects.get_or_create(slug=ORG_SLUG, defaults={"name": "Ośrodek testów wydajności"})
    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    Membership.objects.get_or_create(user=user, organisation=org, role="coordinator")
    import datetime as dt

    programmes = [
        Programme.objects.create(
            organisation=org,
            name=f"Program testowy {n}",
            slug=f"bench-programme-{n}",
            kind="ministry_programme",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2023, 12, 31),
            planned_participants=10_000,
        )
        for n in range(PROGRAMMES)
    ]
    first_programme = programmes[0].pk
    log(f"{PROGRAMMES} programmes (ids {first_programme}…)")

    t = time.time()
    indexes = drop_indexes(Person._meta.db_table)
    insert_select(
        Person,
        {
            "organisation_id": str(org.pk),
            "pesel": "NULL",
            "other_id_type": "'dowód osobisty'",
            "other_id_number": "'BNC' || lpad(g::text, 7, '0')",
            "first_name": "(ARRAY['Anna','Maria','Jan','Piotr','Zofia','Krzysztof'])[1 + g % 6]",
            "last_name": "'Testowa' || g",
            "birth_date": "date '1935-01-01' + ((g * 7919) % 30000)::int",
            "sex": "CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END",
            "citizenship": "'PL'",
            "city": "'Płock'",
            "postal_code": "'09-400'",
            "teryt": "'1462011'",
        },
        f"generate_series(1::bigint, {PEOPLE}) g",
    )
    rebuild(indexes)
    first_person = Person.objects.filter(organisation=org).order_by("pk").values_list("pk", flat=True)[0]
    log(f"{PEOPLE} people in {time.time() - t:.0f} s")

    t = time.time()
    insert_select(
        Certificate,
        {
            "organisation_id": str(org.pk),
            "person_id": f"{first_person} + g * 5",
            "kind": "'adult'",
            "degree": "(ARRAY['significant','moderate','mild'])[1 + g % 3]",
            "symbols": "'{05-R}'",
            "issued_on": "date '2015-01-01' + (g % 1500)::int",
            "valid_until": "CASE WHEN g % 4 = 0 THEN date '2021-01-01' ELSE NULL END",
        },
        f"generate_series(0::bigint, {PEOPLE // 5 - 1}) g",
    )
    log(f"{PEOPLE // 5} certificates in {time.time() - t:.0f} s")

    t = time.time()
    indexes = drop_indexes(Application._meta.db_table)
    insert_select(
        Application,
        {
            "organisation_id": str(org.pk),
            "programme_id": f"{first_programme} + {programme_index('g')}",
            "person_id": f"{first_person} + g",
            "status": "CASE WHEN g % 10 = 0 THEN 'completed' ELSE 'enrolled' END",
            "source": "'staff'",
            "submitted_at": "timestamptz '2018-12-01 10:00+01'",
            "enrolled_on": "date '2019-01-01' + ((g / 100) % 1500)::int",
            "ended_on": "CASE WHEN g % 10 = 0 THEN date '2019-01-01' + ((g / 100) % 1500)::int + 120 ELSE NULL END",
            "declaration_signed_on": "date '2019-01-01' + ((g / 100) % 1500)::int",
        },
        f"generate_series(0::bigint, {PEOPLE - 1}) g",
    )
    rebuild(indexes)
    first_application = Application.objects.filter(organisation=org).order_by("pk").values_list("pk", flat=True)[0]
    log(f"{PEOPLE} participations in {time.time() - t:.0f} s")

    insert_select(
        Worker,
        {
            "organisation_id": str(org.pk),
            "first_name": "'Asystent'",
            "last_name": "'Nr ' || g",
            "role": "'assistant'",
            "is_active": "true",
        },
        f"generate_series(1::bigint, {WORKERS}) g",
    )
    first_worker = Worker.objects.filter(organisation=org).order_by("pk").values_list("pk", flat=True)[0]
    for programme in programmes:
        Service.objects.create(
            organisation=org,
            programme=programme,
            name="Asystencja osobista",
            kind="personal_assistance",
            unit="hour",
            rate=40,
        )
        Service.objects.create(
            organisation=org,
            programme=programme,
            name="Opieka wytchnieniowa całodobowa",
            kind="respite_residential",
            unit="day",
            rate=300,
        )
    first_service = Service.objects.filter(organisation=org).order_by("pk").values_list("pk", flat=True)[0]

    # Session i: worker i % 1000, slot i / 1000 (every 4 h from 2019-01-01), participation
    # (i * 7919) % 1 000 000 (a bijection, so one participant never has two sessions in a slot);
    # the service is that participation's programme's: every 5th a day of respite, else 1–3 h.
    t = time.time()
    indexes = drop_indexes(Session._meta.db_table)
    log("session indexes and exclusion constraints dropped for the load")
    app = f"((g * 7919) % {PEOPLE})"
    respite = "(g % 5 = 0)"
    hours = "(1 + g % 3)"
    insert_select(
        Session,
        {
            "organisation_id": str(org.pk),
            "worker_id": f"{first_worker} + g % {WORKERS}",
            "enrolment_id": f"{first_application} + {app}",
            "service_id": f"{first_service} + ({programme_index(app)}) * 2 + CASE WHEN {respite} THEN 1 ELSE 0 END",
            "start": f"timestamptz '2019-01-01 08:00+01' + ((g / {WORKERS}) * interval '4 hours')",
            "end": f"timestamptz '2019-01-01 08:00+01' + ((g / {WORKERS}) * interval '4 hours') + {hours} * interval '1 hour'",
            "status": "CASE WHEN g % 50 = 7 THEN 'cancelled' WHEN g % 50 = 11 THEN 'planned' ELSE 'delivered' END",
            "activity": "'daily_activities'",
            "units": f"CASE WHEN {respite} THEN 1 ELSE {hours} END",
            "rate": f"CASE WHEN {respite} THEN 300 ELSE 40 END",
            "cost": f"CASE WHEN {respite} THEN 300 ELSE {hours} * 40 END",
        },
        f"generate_series(0::bigint, {SESSIONS - 1}) g",
    )
    log(f"{SESSIONS} sessions inserted in {time.time() - t:.0f} s")
    t = time.time()
    rebuild(indexes)
    log(f"{len(indexes)} session indexes rebuilt in {time.time() - t:.0f} s")
    for programme in programmes[:2]:
        finance_and_indicators(org, user, programme, FundingSource)
    t = time.time()
    with connection.cursor() as cursor:
        for model in (Person, Certificate, Application, Session):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    log(f"VACUUM ANALYZE in {time.time() - t:.0f} s")


def finance_and_indicators(org, user, programme, FundingSource) -> None:
    import datetime as dt

    from wsparcie.finance import services as finance
    from wsparcie.finance.models import Expense
    from wsparcie.indicators import services as indicators
    from wsparcie.indicators.models import IndicatorSnapshot

    source = FundingSource.objects.get(code="fundusz-solidarnosciowy")
    budget = finance.budget_create(actor=user, programme=programme)
    finance.budget_source_add(
        actor=user, budget=budget, funding_source=source, role="grant", agreed_amount=Decimal("90000000")
    )
    hours = finance.budget_line_create(
        actor=user,
        budget=budget,
        code="1",
        name="Usługi asystencji",
        category="services",
        receives_session_costs=True,
        session_funding_source=source,
    )
    travel = finance.budget_line_create(actor=user, budget=budget, code="2", name="Bilety i dojazdy", category="travel")
    finance.allocation_set(actor=user, line=hours, funding_source=source, planned_amount=Decimal("85000000"))
    finance.allocation_set(actor=user, line=travel, funding_source=source, planned_amount=Decimal("5000000"))
    Expense.objects.bulk_create(
        [
            Expense(
                organisation=org,
                budget=budget,
                line=travel,
                funding_source=source,
                spent_on=dt.date(2019, 1, 1) + dt.timedelta(days=n),
                amount=Decimal("125.50"),
                document_number=f"FV/{n}",
            )
            for n in range(1000)
        ]
    )
    specs = [
        ("Uczestnicy objęci wsparciem", "participants_enrolled", {}, 10000),
        ("Uczestnicy z orzeczeniem", "participants_with_disability_certificate", {}, 2000),
        ("Uczestnicy 65+", "participants_aged_65_plus", {}, 5000),
        ("Godziny asystencji", "hours_delivered", {"service_kind": "personal_assistance"}, 200000),
        ("Jednostki usług", "units_delivered", {}, 250000),
        ("Sesje", "sessions_delivered", {"date_from": "2020-01-01"}, 100000),
        ("Uczestnicy, którym zrealizowano usługi", "participants_served", {}, 10000),
    ]
    created = [
        indicators.indicator_create(
            actor=user,
            programme=programme,
            name=name,
            target=Decimal(target),
            source="measured",
            definition=definition,
            filters=filters,
            order=n,
        )
        for n, (name, definition, filters, target) in enumerate(specs)
    ]
    manual = indicators.indicator_create(
        actor=user, programme=programme, name="Raporty", target=Decimal(10), source="manual", unit="szt."
    )
    indicators.indicator_value_add(
        actor=user, indicator=manual, measured_on=dt.date(2022, 6, 30), value=Decimal(4), evidence_note="teczka 1"
    )
    IndicatorSnapshot.objects.bulk_create(
        [
            IndicatorSnapshot(
                organisation=org, indicator=i, taken_on=dt.date(2019 + m // 12, m % 12 + 1, 28), value=Decimal(m * 10)
            )
            for i in created
            for m in range(48)
        ]
    )
    log("budget, 1000 expenses, 8 indicators, 336 snapshots")


# --- measurement ---------------------------------------------------------------------------------

# Hand-written SQL for the same numbers, using the same access paths a careful person would:
# the programme's services as constants (%(services)s, looked up once, as the app does), then
# delivery's covering index session_service_start (service, start) INCLUDE (status, units, cost,
# enrolment): sessions are read from the index alone, and the participations of the programme
# are hashed for the person-level counts.
FROM_SESSIONS = """FROM delivery_session s
       JOIN enrolment_application a ON a.id = s.enrolment_id
       JOIN delivery_service v ON v.id = s.service_id
       WHERE s.service_id = ANY(%(services)s) AND a.programme_id = %(programme)s AND s.status = 'delivered'"""

FROM_SESSION_ROWS = """FROM delivery_session s JOIN delivery_service v ON v.id = s.service_id
       WHERE s.service_id = ANY(%(services)s) AND s.status = 'delivered'"""

DASHBOARD_SQL = [
    # Indicators over participations (one pass): enrolled, with a valid certificate, aged 65+.
    """SELECT count(DISTINCT a.person_id),
              count(DISTINCT a.person_id) FILTER (WHERE EXISTS (
                  SELECT 1 FROM people_disabilitycertificate c WHERE c.person_id = a.person_id
                  AND c.issued_on <= a.enrolled_on AND (c.valid_until IS NULL OR c.valid_until >= a.enrolled_on))),
              count(DISTINCT a.person_id) FILTER (WHERE date_part('year', age(a.enrolled_on, p.birth_date)) >= 65)
       FROM enrolment_application a JOIN people_person p ON p.id = a.person_id
       WHERE a.programme_id = %(programme)s AND a.status IN ('enrolled', 'completed')""",
    # Indicators over sessions (one pass): hours of assistance, units, sessions since 2020, people served.
    """SELECT sum(s.units) FILTER (WHERE v.kind = 'personal_assistance' AND v.unit = 'hour'), sum(s.units),
              count(*) FILTER (WHERE s.start >= timestamptz '2020-01-01 00:00+01'), count(DISTINCT a.person_id) """
    + FROM_SESSIONS,
    # Units per service and month (hours chart).
    "SELECT date_trunc('month', s.start AT TIME ZONE 'Europe/Warsaw') AS m, v.id, sum(s.units), count(*) "
    + FROM_SESSIONS
    + " GROUP BY m, v.id",
    # Cost of sessions per month (spending chart and the budget line), from the same index.
    "SELECT date_trunc('month', s.start AT TIME ZONE 'Europe/Warsaw') AS m, sum(s.cost) "
    + FROM_SESSION_ROWS
    + " GROUP BY m",
    # Expenses per month and per line and source.
    """SELECT date_trunc('month', e.spent_on) AS m, e.line_id, e.funding_source_id, sum(e.amount) FROM finance_expense e
       JOIN finance_budget b ON b.id = e.budget_id WHERE b.programme_id = %(programme)s GROUP BY m, e.line_id, e.funding_source_id""",
    # The indicators themselves, manual values (latest per indicator) and milestone targets.
    """SELECT i.id, i.name, i.target, i.baseline, i.unit, i.definition, i.filters, t.milestone_id, t.target
       FROM indicators_indicator i LEFT JOIN indicators_milestonetarget t ON t.indicator_id = i.id
       WHERE i.programme_id = %(programme)s ORDER BY i."order", i.id""",
    """SELECT DISTINCT ON (v.indicator_id) v.indicator_id, v.value FROM indicators_indicatorvalue v
       JOIN indicators_indicator i ON i.id = v.indicator_id WHERE i.programme_id = %(programme)s
       ORDER BY v.indicator_id, v.measured_on DESC, v.id DESC""",
    # Milestones with their deliverables; durability duties.
    """SELECT m.id, m.name, m.start, m."end", m.status, t.label, t.value FROM programmes_milestone m
       LEFT JOIN programmes_milestonetarget t ON t.milestone_id = m.id WHERE m.programme_id = %(programme)s""",
    "SELECT id, subject, places, min_months, until FROM programmes_durabilityobligation WHERE programme_id = %(programme)s",
    # The budget: planned amounts per line and source (spending per line comes with the expenses above).
    """SELECT l.id, l.receives_session_costs, a.funding_source_id, a.planned_amount, s.role, s.agreed_amount
       FROM finance_budget b JOIN finance_budgetline l ON l.budget_id = b.id
       LEFT JOIN finance_budgetallocation a ON a.line_id = l.id
       LEFT JOIN finance_budgetsource s ON s.budget_id = b.id AND s.funding_source_id = a.funding_source_id
       WHERE b.programme_id = %(programme)s""",
    # Telecare alarms of the participants per month.
    """SELECT date_trunc('month', al.raised_at AT TIME ZONE 'Europe/Warsaw'), count(*) FROM telecare_alarm al
       WHERE al.person_id IN (SELECT person_id FROM enrolment_application WHERE programme_id = %(programme)s
                              AND status IN ('enrolled', 'completed')) GROUP BY 1""",
    # Snapshots for the line charts.
    """SELECT i.id, s.taken_on, s.value FROM indicators_indicatorsnapshot s JOIN indicators_indicator i ON i.id = s.indicator_id
       WHERE i.programme_id = %(programme)s ORDER BY i.id, s.taken_on""",
]

REPORT_SQL = [
    # Participants new / active / completed in the period, women and men among the active.
    """SELECT count(DISTINCT a.person_id) FILTER (WHERE a.enrolled_on BETWEEN %(start)s AND %(end)s),
              count(DISTINCT a.person_id) FILTER (WHERE a.enrolled_on <= %(end)s AND (a.ended_on IS NULL OR a.ended_on >= %(start)s)),
              count(DISTINCT a.person_id) FILTER (WHERE a.status = 'completed' AND a.ended_on BETWEEN %(start)s AND %(end)s),
              count(DISTINCT a.person_id) FILTER (WHERE p.sex = 'female' AND a.enrolled_on <= %(end)s
                                                  AND (a.ended_on IS NULL OR a.ended_on >= %(start)s)),
              count(DISTINCT a.person_id) FILTER (WHERE p.sex = 'male' AND a.enrolled_on <= %(end)s
                                                  AND (a.ended_on IS NULL OR a.ended_on >= %(start)s))
       FROM enrolment_application a JOIN people_person p ON p.id = a.person_id
       WHERE a.programme_id = %(programme)s AND a.status IN ('enrolled', 'completed')""",
    # Units, sessions and cost by service and month in the period (grouped by the service id
    # only: grouping by its name too sorts every session by text), then the services' names.
    "SELECT s.service_id, date_trunc('month', s.start AT TIME ZONE 'Europe/Warsaw') AS m, sum(s.units), count(*), sum(s.cost) "
    "FROM delivery_session s WHERE s.service_id = ANY(%(services)s) AND s.status = 'delivered' "
    "AND s.start >= %(start)s::date AND s.start < %(end)s::date + 1 GROUP BY s.service_id, m ORDER BY m, s.service_id",
    "SELECT id, name, kind, unit FROM delivery_service WHERE id = ANY(%(services)s)",
    # Costs by funding source: each source of the budget with its role, agreed amount and name,
    # planned and spent in the period, and whether it is charged with the sessions' costs.
    """SELECT f.name, f.code, bs.role, bs.agreed_amount,
              (SELECT sum(a.planned_amount) FROM finance_budgetallocation a JOIN finance_budgetline l ON l.id = a.line_id
               WHERE l.budget_id = bs.budget_id AND a.funding_source_id = bs.funding_source_id),
              (SELECT sum(e.amount) FROM finance_expense e WHERE e.budget_id = bs.budget_id
               AND e.funding_source_id = bs.funding_source_id AND e.spent_on BETWEEN %(start)s AND %(end)s),
              EXISTS (SELECT 1 FROM finance_budgetline l WHERE l.budget_id = bs.budget_id AND l.receives_session_costs
                      AND l.session_funding_source_id = bs.funding_source_id)
       FROM finance_budgetsource bs JOIN finance_budget b ON b.id = bs.budget_id
       JOIN programmes_fundingsource f ON f.id = bs.funding_source_id
       WHERE b.programme_id = %(programme)s""",
    # Spending by month in the period (the sessions' cost per month comes with the units above),
    # telecare alarms of the participants by month in the period.
    """SELECT date_trunc('month', e.spent_on) AS m, sum(e.amount) FROM finance_expense e
       JOIN finance_budget b ON b.id = e.budget_id
       WHERE b.programme_id = %(programme)s AND e.spent_on BETWEEN %(start)s AND %(end)s GROUP BY m""",
    """SELECT date_trunc('month', al.raised_at AT TIME ZONE 'Europe/Warsaw'), count(*) FROM telecare_alarm al
       WHERE al.person_id IN (SELECT person_id FROM enrolment_application WHERE programme_id = %(programme)s
                              AND status IN ('enrolled', 'completed'))
         AND al.raised_at >= %(start)s::date::timestamp AT TIME ZONE 'Europe/Warsaw'
         AND al.raised_at < (%(end)s::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw' GROUP BY 1""",
    # The report's heading: the programme, its agreement and organisation.
    """SELECT p.name, p.short_name, p.agreement_number, p.period_start, p.period_end, o.name
       FROM programmes_programme p JOIN core_organisation o ON o.id = p.organisation_id WHERE p.id = %(programme)s""",
    # The indicators the report lists (no milestone targets), with the latest manual values.
    """SELECT i.id, i.name, i.target, i.baseline, i.unit, i.definition, i.filters FROM indicators_indicator i
       WHERE i.programme_id = %(programme)s ORDER BY i."order", i.id""",
    DASHBOARD_SQL[6],
] + DASHBOARD_SQL[:2]


def paired_medians(fn, sql, runs: int) -> tuple[float, float]:
    """Median times of ``fn`` and ``sql``, run alternately (after one warm-up each) so that both
    see the same load on a shared machine."""
    fn()
    sql()
    fn_samples, sql_samples = [], []
    for _ in range(runs):
        start = time.perf_counter()
        sql()
        sql_samples.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        fn()
        fn_samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(fn_samples), statistics.median(sql_samples)


def run_sql(statements: list[str], params: dict) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params)
            cursor.fetchall()


def measure(runs: int, slug: str, label: str) -> list[tuple]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from wsparcie.programmes.models import Programme

    programme = Programme.objects.get(organisation__slug=ORG_SLUG, slug=slug)
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-coordinator"))
    from wsparcie.delivery.models import Service

    services = list(Service.objects.filter(programme=programme).values_list("pk", flat=True))
    params = {"programme": programme.pk, "services": services, "start": "2019-01-01", "end": "2023-12-31"}

    def get(url: str):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response

        return call

    dashboard_sql = lambda: run_sql(DASHBOARD_SQL, params)  # noqa: E731
    report_sql = lambda: run_sql(REPORT_SQL, params)  # noqa: E731
    rows = [
        (
            f"{label}: indicator dashboard (HTML)",
            *paired_medians(get(f"/staff/indicators/programmes/{programme.pk}/"), dashboard_sql, runs),
            500,
        ),
        (
            f"{label}: indicators API (JSON)",
            *paired_medians(get(f"/api/v1/programmes/{programme.pk}/indicators/"), dashboard_sql, runs),
            500,
        ),
    ]
    for fmt in ("json", "xlsx", "csv", "pdf"):
        url = f"/api/v1/programmes/{programme.pk}/report/?format={fmt}"
        rows.append((f"{label}: programme report ({fmt})", *paired_medians(get(url), report_sql, runs), 2000))
    same_numbers(get(f"/api/v1/programmes/{programme.pk}/report/?format=json")().json(), params, label)
    return rows


def same_numbers(report: dict, params: dict, label: str) -> None:
    """The SQL baseline must compute what the report shows: its participants, its units and
    sessions per service and its costs by funding source are compared; a difference stops the
    bench."""
    params = {**params, "start": report["date_from"], "end": report["date_to"]}
    with connection.cursor() as cursor:
        cursor.execute(REPORT_SQL[0], params)
        participants = dict(
            zip(("new", "active", "completed", "active_women", "active_men"), cursor.fetchone(), strict=True)
        )
        cursor.execute(REPORT_SQL[1], params)
        units, sessions, session_cost = {}, {}, Decimal(0)
        for service_id, _month, service_units, service_sessions, cost in cursor.fetchall():
            units[service_id] = units.get(service_id, 0) + service_units
            sessions[service_id] = sessions.get(service_id, 0) + service_sessions
            session_cost += cost or 0
        cursor.execute(REPORT_SQL[2], params)
        names = {service_id: name for service_id, name, _kind, _unit in cursor.fetchall()}
        cursor.execute(REPORT_SQL[3], params)
        costs = {
            code: (f"{planned or 0:.2f}", f"{(spent or 0) + (session_cost if takes_sessions else 0):.2f}")
            for _name, code, _role, _agreed, planned, spent, takes_sessions in cursor.fetchall()
        }
    shown = {s["name"]: (Decimal(s["units"]), s["sessions"]) for s in report["services"]}
    computed = {names[i]: (Decimal(units[i]).quantize(Decimal("0.01")), sessions[i]) for i in units}
    shown_costs = {c["funding_source"]: (c["planned"], c["spent"]) for c in report["costs"]}
    if report["participants"] != participants or shown != computed or shown_costs != costs:
        sys.exit(
            f"{label}: the report and the SQL disagree: {report['participants']} / {participants}; "
            f"{shown} / {computed}; {shown_costs} / {costs}"
        )
    log(f"{label}: the report's participants, units per service and costs by source equal the SQL's")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--regenerate", action="store_true", help="drop the bench organisation's data first (recreate the database)"
    )
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    try:
        apps.get_model("delivery", "Session")
    except LookupError:
        sys.exit("The delivery app's Session table is not available: nothing to measure.")
    call_command("migrate", verbosity=0)
    from wsparcie.programmes.models import Programme

    if args.regenerate or not Programme.objects.filter(organisation__slug=ORG_SLUG, slug=MARK).exists():
        if Programme.objects.filter(organisation__slug=ORG_SLUG).exists():
            sys.exit("Bench data is partly there: drop and recreate the bench database, then run again.")
        started = time.time()
        generate()
        log(f"data generated in {time.time() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM delivery_session")
        sessions = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM people_person")
        people = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = measure(args.runs, "bench-programme-1", "typical") + measure(args.runs, MARK, "stress")
    print(
        f"\n{sessions:,} sessions, {people:,} people; median of {args.runs} runs after a warm-up, each run timing the SQL and then the request\n".replace(
            ",", " "
        )
    )
    print(f"| {'what':44} | {'wsparcie ms':>11} | {'SQL ms':>8} | {'ratio':>5} | {'limit ms':>8} | result |")
    print(f"|{'-' * 46}|{'-' * 13}|{'-' * 10}|{'-' * 7}|{'-' * 10}|--------|")
    failed = False
    for name, ms, sql_ms, limit in rows:
        ratio = ms / sql_ms if sql_ms else float("inf")
        ok = ms < limit and ratio <= 2
        failed |= not ok and name.startswith("typical")
        print(f"| {name:44} | {ms:11.0f} | {sql_ms:8.0f} | {ratio:5.2f} | {limit:8} | {'ok' if ok else 'SLOW':6} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
