"""Benchmark: importing 100 000 people from CSV with full validation, against a raw COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsp_people_bench .venv/bin/python bench/people_import.py [--rows 100000] [--repeat 3]

Uses its own database (DATABASE_URL; created if missing, migrated). For each repetition, in the
same run and on the same file:
- baseline: a raw PostgreSQL ``COPY ... FROM STDIN (FORMAT csv, HEADER)`` of the file into a
  table shaped like the registry (``CREATE TABLE ... (LIKE people_person INCLUDING ALL)``: the
  same columns, indexes, unique and check constraints; no validation at all), committed;
- import: ``people.imports.import_start(kind="persons", mode="valid_rows")`` on the same bytes,
  into an empty organisation: decoding, CSV parsing, every row validated (PESEL checksum and
  date, birth date and sex against the PESEL, TERYT, postal code, duplicates in the file and in
  the registry), one COPY into ``people_person``, possible duplicates flagged (similar names, same
  birth date), the audit entry, the job record, commit.
The table shows the best and the median of the repetitions (every run is listed underneath,
with the machine's load average: other work on the 2 cores slows both sides).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("WSPARCIE_ENV", "development")
os.environ.setdefault("DEBUG", "1")

TARGET_ROWS_PER_SECOND = 20_000
TARGET_RATIO = 3.0


def ensure_database() -> None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit(
            "Set DATABASE_URL to the benchmark's own database, e.g. postgres://postgres@127.0.0.1:5432/wsp_people_bench"
        )
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.people_generator import csv_bytes
    from wsparcie.core.models import Organisation
    from wsparcie.people import imports

    call_command("migrate", verbosity=0)
    content = csv_bytes(args.rows, seed=args.seed)
    print(f"File: {args.rows} people, {len(content) / 1e6:.1f} MB CSV (comma-separated, UTF-8).")
    columns = "pesel, first_name, last_name, birth_date, sex, street, postal_code, city, teryt"

    def clean(org_id: int | None) -> None:
        with connection.cursor() as cursor:
            if org_id is not None:
                cursor.execute("DELETE FROM people_duplicatecandidate WHERE organisation_id = %s", [org_id])
                cursor.execute("DELETE FROM people_person WHERE organisation_id = %s", [org_id])
                cursor.execute("DELETE FROM people_importjob WHERE organisation_id = %s", [org_id])
            cursor.execute("DROP TABLE IF EXISTS bench_raw_person")
        connection.close()
        import psycopg

        with psycopg.connect(
            os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1), autocommit=True
        ) as conn:
            conn.execute("VACUUM ANALYZE people_person")
            conn.execute("CHECKPOINT")

    def raw_copy(org_id: int) -> float:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_raw_person (LIKE people_person INCLUDING ALL)")
            cursor.execute(
                f"ALTER TABLE bench_raw_person ALTER organisation_id SET DEFAULT {int(org_id)}, ALTER created_at SET DEFAULT now(), "
                "ALTER updated_at SET DEFAULT now(), ALTER other_id_type SET DEFAULT '', ALTER other_id_number SET DEFAULT '', "
                "ALTER citizenship SET DEFAULT 'PL', ALTER phone SET DEFAULT '', ALTER email SET DEFAULT '', "
                "ALTER areas SET DEFAULT '{}', ALTER notes SET DEFAULT ''"
            )
        start = time.perf_counter()
        with connection.cursor() as cursor:
            with cursor.copy(
                f"COPY bench_raw_person ({columns}) FROM STDIN (FORMAT csv, HEADER true, DELIMITER ',')"
            ) as copy:
                for offset in range(0, len(content), 1 << 20):
                    copy.write(content[offset : offset + (1 << 20)])
        elapsed = time.perf_counter() - start  # autocommit: the COPY is committed when it ends
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM bench_raw_person")
            assert cursor.fetchone()[0] == args.rows
        return elapsed

    def validated_import(org: Organisation) -> float:
        start = time.perf_counter()
        job = imports.import_start(
            actor="bench",
            organisation=org,
            kind="persons",
            mode="valid_rows",
            file_name="people.csv",
            content=content,
            background=False,
        )
        elapsed = time.perf_counter() - start
        assert (job.status, job.imported, job.error_count) == ("done", args.rows, 0), (
            job.status,
            job.imported,
            job.message,
        )
        return elapsed

    print("load average (1, 5, 15 min) at the start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    copies, runs = [], []
    for run in range(args.repeat):
        org, _ = Organisation.objects.get_or_create(slug=f"bench-people-{run}", defaults={"name": f"Benchmark {run}"})
        clean(org.pk)
        copies.append(raw_copy(org.pk))
        clean(org.pk)
        runs.append(validated_import(org))
        clean(org.pk)

    rows = args.rows
    print()
    print(f"| {'what':<58} | {'rows':>7} | {'seconds':>7} | {'rows/s':>8} | {'ratio to COPY':>13} |")
    print(f"|{'-' * 60}|{'-' * 9}|{'-' * 9}|{'-' * 10}|{'-' * 15}|")
    for label, pick in (("best", min), ("median", statistics.median)):
        copy_s, import_s = pick(copies), pick(runs)
        what = f"raw COPY of the file, no validation ({label})"
        print(f"| {what:<58} | {rows:>7} | {copy_s:>7.2f} | {rows / copy_s:>8.0f} | {1:>13.2f} |")
        what = f"import: validated, COPY, duplicates flagged ({label})"
        print(f"| {what:<58} | {rows:>7} | {import_s:>7.2f} | {rows / import_s:>8.0f} | {import_s / copy_s:>13.2f} |")
    print()
    print("runs (s): COPY " + ", ".join(f"{x:.2f}" for x in copies) + "; import " + ", ".join(f"{x:.2f}" for x in runs))
    ratios = [i / c for c, i in zip(copies, runs, strict=True)]
    print(
        "ratio import/COPY per run (each pair measured back to back): "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f"; median {statistics.median(ratios):.2f}"
    )
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    for label, pick in (("best", min), ("median", statistics.median)):
        copy_s, import_s = pick(copies), pick(runs)
        speed = "met" if rows / import_s >= TARGET_ROWS_PER_SECOND else "NOT met"
        ratio = "met" if import_s / copy_s <= TARGET_RATIO else "NOT met"
        print(f"{label}: >= {TARGET_ROWS_PER_SECOND} rows/s {speed}; <= {TARGET_RATIO:.0f}x COPY {ratio}")


if __name__ == "__main__":
    main(sys.argv[1:])
