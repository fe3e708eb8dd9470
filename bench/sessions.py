"""Benchmark of session entry and of the monthly card PDF with 10 000 000 sessions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsp_delivery .venv/bin/python bench/sessions.py [--sessions 10000000] [--inserts 200]

1. Generates (once; reused by later runs) an organisation "bench-sessions" with one personal
   assistance service (with a limit table by certificate, a monthly limit and grants, so every
   limit query runs), 2 000 assistants, 50 000 enrolled participants with certificates, and
   ``--sessions`` delivered sessions written by ``INSERT ... SELECT generate_series`` (indexes and
   constraints are dropped during the load and rebuilt after it). Sessions are 2 hours every
   6 hours per worker, so no worker overlaps and every worker has 8 h in any 24.
2. Enters ``--inserts`` sessions through ``services.session_create`` (every rule checked, audit
   record written, each committed), in the gaps between generated sessions, and times them.
   Also times refused entries (worker overlap, hour limit) and renders a participant's monthly
   card PDF (62 sessions in the month) through the page's view.
3. Prints a table; the inserted sessions are deleted at the end (the data set stays as generated).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("WSPARCIE_ENV", "development")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

for noisy in ("weasyprint", "fontTools"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from wsparcie.core.models import Membership, Organisation  # noqa: E402
from wsparcie.delivery import services  # noqa: E402
from wsparcie.delivery.models import Grant, Service, Session, Worker  # noqa: E402
from wsparcie.delivery.rules import WARSAW  # noqa: E402
from wsparcie.enrolment.models import Application  # noqa: E402
from wsparcie.people.models import DisabilityCertificate, Person  # noqa: E402
from wsparcie.programmes.models import Programme  # noqa: E402

ORG_SLUG = "bench-sessions"
WORKERS = 2000
PARTICIPANTS = 50000
SLOT = dt.timedelta(hours=6)
LENGTH = dt.timedelta(hours=2)
BASE = dt.datetime(2015, 1, 5, 6, 0, tzinfo=WARSAW)
BATCH = 1_000_000
CARD_MONTH = dt.date(2016, 3, 1)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def setup_rows():
    """The organisation, programme, service, workers, participants (idempotent)."""
    org, _ = Organisation.objects.get_or_create(slug=ORG_SLUG, defaults={"name": "Ośrodek testu wydajności"})
    user, created = get_user_model().objects.get_or_create(username="bench-coordinator@sessions")
    Membership.objects.get_or_create(user=user, organisation=org, role="coordinator")
    programme, _ = Programme.objects.get_or_create(
        organisation=org,
        slug="asystent-bench",
        defaults={
            "name": "Asystent osobisty – test wydajności",
            "kind": "ministry_programme",
            "edition": "bench",
            "period_start": dt.date(2015, 1, 1),
            "period_end": dt.date(2030, 12, 31),
        },
    )
    service = Service.objects.filter(programme=programme).first()
    if service is None:
        service = services.service_create(
            actor="bench",
            programme=programme,
            kind="personal_assistance",
            unit="hour",
            rate=Decimal("40.00"),
            activities=["daily_activities", "trips", "official_matters", "culture"],
            limit_per_participant=Decimal("99999"),
            limit_per_month=Decimal("500"),
            certificate_limits=[
                {"degree": "significant", "several_symbols": True, "limit": Decimal("99999")},
                {"degree": "significant", "limit": Decimal("99999")},
                {"degree": "moderate", "limit": Decimal("99999")},
            ],
        )
    if Worker.objects.filter(organisation=org).count() < WORKERS + 1:
        log("workers ...")
        Worker.objects.bulk_create(
            [
                Worker(organisation=org, first_name=f"Asystent{i}", last_name="Testowy", role="assistant")
                for i in range(WORKERS + 1)
            ]
        )
    if Person.objects.filter(organisation=org).count() < PARTICIPANTS + 1:
        log("participants, certificates, enrolments, grants ...")
        persons = Person.objects.bulk_create(
            [
                Person(
                    organisation=org,
                    first_name=f"Uczestnik{i}",
                    last_name="Testowy",
                    other_id_type="test",
                    other_id_number=f"B{i:07d}",
                )
                for i in range(PARTICIPANTS + 1)
            ],
            batch_size=5000,
        )
        DisabilityCertificate.objects.bulk_create(
            [
                DisabilityCertificate(
                    organisation=org,
                    person=p,
                    kind="adult",
                    degree="significant" if i % 2 else "moderate",
                    symbols=["05-R", "10-N"] if i % 3 == 0 else ["05-R"],
                    issued_on=dt.date(2014, 1, 1),
                )  # fmt: skip
                for i, p in enumerate(persons)
            ],
            batch_size=5000,
        )
        applications = Application.objects.bulk_create(
            [
                Application(
                    organisation=org, programme=programme, person=p, status="enrolled", enrolled_on=dt.date(2015, 1, 1)
                )
                for p in persons
            ],
            batch_size=5000,
        )
        Grant.objects.bulk_create(
            [Grant(organisation=org, enrolment=a, service=service, units=Decimal("99999")) for a in applications],
            batch_size=5000,
        )
    return org, user, programme, service


def session_table_definitions() -> tuple[list[str], list[tuple[str, str]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'delivery_session' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'delivery_session'::regclass)"
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'delivery_session'::regclass AND contype <> 'p'"
        )
        constraints = list(cursor.fetchall())
    return indexes, constraints


def generate(org, service, total: int) -> None:
    existing = Session.objects.filter(organisation=org).count()
    if existing >= total:
        log(f"{existing:,} sessions already there")
        return
    worker_ids = list(Worker.objects.filter(organisation=org).order_by("id").values_list("id", flat=True))[:WORKERS]
    enrolment_ids = list(Application.objects.filter(organisation=org).order_by("id").values_list("id", flat=True))[
        :PARTICIPANTS
    ]
    indexes, constraints = session_table_definitions()
    log(f"dropping {len(indexes)} indexes and {len(constraints)} constraints for the load")
    with connection.cursor() as cursor:
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE delivery_session DROP CONSTRAINT "{name}"')
        for definition in indexes:
            name = definition.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute(
            "CREATE TEMP TABLE bench_workers AS SELECT ordinality - 1 AS n, id FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(id)",
            [worker_ids],
        )
        cursor.execute(
            "CREATE TEMP TABLE bench_enrolments AS SELECT ordinality - 1 AS n, id FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(id)",
            [enrolment_ids],
        )
        cursor.execute("CREATE UNIQUE INDEX ON bench_workers (n); CREATE UNIQUE INDEX ON bench_enrolments (n)")
        start = existing
        while start < total:
            end = min(total, start + BATCH)
            t0 = time.perf_counter()
            # Session i: worker i % W in slot i / W (every 6 h); the participant (w + slot*W) % E
            # is different for every worker of a slot, so nobody overlaps.
            cursor.execute(
                """
                INSERT INTO delivery_session (created_at, updated_at, organisation_id, worker_id, enrolment_id, service_id,
                                              start, "end", status, activity, note, travel_minutes, units, rate, cost)
                SELECT now(), now(), %(org)s, w.id, e.id, %(service)s,
                       %(base)s + (g.i / %(W)s) * interval '6 hours',
                       %(base)s + (g.i / %(W)s) * interval '6 hours' + interval '2 hours',
                       'delivered', 'daily_activities', '', 0, 2.00, 40.00, 80.00
                FROM generate_series(%(start)s, %(end)s - 1) AS g(i)
                JOIN bench_workers w ON w.n = g.i %% %(W)s
                JOIN bench_enrolments e ON e.n = ((g.i %% %(W)s) + (g.i / %(W)s) * %(W)s) %% %(E)s
                """,
                {
                    "org": org.pk,
                    "service": service.pk,
                    "base": BASE,
                    "W": len(worker_ids),
                    "E": len(enrolment_ids),
                    "start": start,
                    "end": end,
                },
            )
            log(f"  sessions {start:,}–{end:,} in {time.perf_counter() - t0:.1f} s")
            start = end
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        for definition in indexes:
            t0 = time.perf_counter()
            cursor.execute(definition)
            log(f"  {definition[:90]}... {time.perf_counter() - t0:.1f} s")
        for name, definition in constraints:
            t0 = time.perf_counter()
            cursor.execute(f'ALTER TABLE delivery_session ADD CONSTRAINT "{name}" {definition}')
            log(f"  constraint {name} {time.perf_counter() - t0:.1f} s")
        # What autovacuum does to an insert-only table (PostgreSQL 13+): the visibility map lets
        # the per-participant sums be index-only scans.
        t0 = time.perf_counter()
        cursor.execute("VACUUM (ANALYZE) delivery_session")
        log(f"  VACUUM (ANALYZE) {time.perf_counter() - t0:.1f} s")


def card_participant(org, programme, service):
    """One participant (not in the generator's rotation) with 62 sessions in CARD_MONTH."""
    enrolment = Application.objects.filter(organisation=org).order_by("id")[PARTICIPANTS]
    worker = Worker.objects.filter(organisation=org).order_by("id")[WORKERS]
    first = dt.datetime.combine(CARD_MONTH, dt.time(8), tzinfo=WARSAW)
    if not Session.objects.filter(enrolment=enrolment).exists():
        rows = []
        for day in range(31):
            for hour in (8, 14):
                start = first + dt.timedelta(days=day, hours=hour - 8)
                rows.append(
                    Session(organisation=org, worker=worker, enrolment=enrolment, service=service, start=start, end=start + LENGTH,
                            status="delivered", activity="culture" if hour == 14 else "daily_activities", units=Decimal("2.00"),
                            rate=Decimal("40.00"), cost=Decimal("80.00"), note="Wyjście na zakupy i do urzędu" if day % 5 == 0 else "")
                )  # fmt: skip
        Session.objects.bulk_create(rows)
    return enrolment


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def row(name: str, times: list[float], target_ms: float | None) -> tuple:
    times = sorted(times) or [float("nan")]
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    ok = "—" if target_ms is None else ("TAK" if median < target_ms else "NIE")
    return (name, len(times), median, p95, times[-1], f"< {target_ms:.0f} ms" if target_ms else "—", ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10_000_000)
    parser.add_argument("--inserts", type=int, default=200)
    parser.add_argument("--pdf", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the benchmark's own database.")

    call_command("migrate", verbosity=0, skip_checks=True)
    org, user, programme, service = setup_rows()
    generate(org, service, args.sessions)
    enrolment_for_card = card_participant(org, programme, service)
    total = Session.objects.filter(organisation=org).count()
    log(f"{total:,} sessions in the organisation, {Session.objects.count():,} in the table")

    workers = list(Worker.objects.filter(organisation=org).order_by("id")[:WORKERS])
    enrolments = list(
        Application.objects.filter(organisation=org).select_related("person", "programme").order_by("id")[:PARTICIPANTS]
    )
    service = Service.objects.select_related("programme").get(pk=service.pk)
    slots = args.sessions // WORKERS
    rng = random.Random(2023)
    chosen_slots = rng.sample(range(1, slots - 1), args.inserts + 40)
    created: list[int] = []

    def insert(slot: int):
        # In the gap between a worker's generated sessions (they end at +2 h, the next starts at +6 h).
        start = BASE + slot * SLOT + dt.timedelta(hours=3)
        session = services.session_create(
            actor=user, worker=rng.choice(workers), enrolment=rng.choice(enrolments), service=service,
            start=start, end=start + dt.timedelta(hours=1), activity="trips",
        )  # fmt: skip
        created.append(session.pk)

    # Warm up connections and caches, then measure.
    for slot in chosen_slots[:10]:
        insert(slot)
    insert_times = []
    for slot in chosen_slots[10 : 10 + args.inserts]:
        t0 = time.perf_counter()
        insert(slot)
        insert_times.append((time.perf_counter() - t0) * 1000)

    refused = []
    for slot in chosen_slots[10 + args.inserts : 10 + args.inserts + 30]:
        w = slot % WORKERS
        start = BASE + slot * SLOT + dt.timedelta(hours=1)  # overlaps worker w's generated session
        t0 = time.perf_counter()
        try:
            services.session_create(
                actor=user,
                worker=workers[w],
                enrolment=rng.choice(enrolments),
                service=service,
                start=start,
                end=start + dt.timedelta(hours=1),
            )
        except services.WorkerOverlap:
            refused.append((time.perf_counter() - t0) * 1000)

    from wsparcie.delivery import views

    factory = RequestFactory()

    def render_card():
        request = factory.get("/")
        request.user = user
        response = views.ParticipantCardPdfView.as_view()(
            request, pk=enrolment_for_card.pk, year=CARD_MONTH.year, month=CARD_MONTH.month
        )
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    render_card()  # fonts and templates loaded once, as in a running server
    pdf_times = timed(render_card, args.pdf)

    with transaction.atomic():
        Session.objects.filter(pk__in=created).delete()

    rows = [
        row("Wprowadzenie sesji (wszystkie reguły, zapis, dziennik)", insert_times, 20),
        row("Odmowa: worker_overlap (409)", refused, None),
        row("Karta miesięczna uczestnika PDF (62 sesje)", pdf_times, 1000),
    ]
    t0 = time.perf_counter()
    sum(range(10**7))
    calibration = (time.perf_counter() - t0) * 1000
    print()
    print(
        f"Obciążenie maszyny (loadavg 1/5/15 min): {' / '.join(f'{x:.1f}' for x in os.getloadavg())} na {os.cpu_count()} rdzeniach; "
        f"kalibracja sum(range(10**7)) = {calibration:.0f} ms (ok. 150 ms na wolnej maszynie)"
    )
    print(
        f"Sesji w bazie: {total:,}; realizatorów {WORKERS:,}; uczestników {PARTICIPANTS:,}; PostgreSQL {connection.cursor().connection.info.server_version}"
    )
    header = ("Pomiar", "n", "mediana ms", "p95 ms", "max ms", "cel", "spełniony")
    widths = [58, 5, 11, 9, 9, 10, 9]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for name, n, median, p95, worst, target, ok in rows:
        cells = [name, str(n), f"{median:.1f}", f"{p95:.1f}", f"{worst:.1f}", target, ok]
        print(" | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))


if __name__ == "__main__":
    main()
