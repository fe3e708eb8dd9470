#!/usr/bin/env python
"""Benchmark: "who in our registry qualifies for this edition" over 1 000 000 people.

    createdb -h 127.0.0.1 -U postgres wsp_enrolment_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsp_enrolment_bench .venv/bin/python bench/screening.py

Loads (once; later runs reuse it) a registry of synthetic people with ``bench/people_generator.py``
(households, ages, certificates, relations, incomes; 90% in Płock, 10% in the county with no
TERYT code, so the residence criterion has unknowns), defines five editions with the criteria of
the seed programmes, and times for each:

- ``screening``: what the API and the staff page do for one request (``selectors.programme_screening``):
  the counts of matches and of unknowns (one query) and the first page of 50 matches ordered by
  name (a second query);
- ``all ids``: the complete list of matching person ids (what an export streams);
- ``SQL``: a hand-written PostgreSQL query counting the matches (the baseline);
- ``Python``: evaluating people one by one with ``rules.evaluate(person_facts(...))`` on a sample,
  extrapolated to the whole registry (the approach screening avoids).

Each figure is the median of ``--repeat`` runs after one warm-up run. The target is under two
seconds per edition for the screening request.
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

ORG_SLUG = "bench-screening"

EDITIONS = {
    "Korpus Wsparcia Seniorów 2023 (65+, Płock)": [
        {"code": "wiek", "name": "Wiek 65+", "kind": "age", "params": {"min": 65}},
        {"code": "zamieszkanie", "name": "Płock", "kind": "residence", "params": {"teryt": ["1462011"]}},
    ],
    "Asystent osobisty 2021 (dzieci ze wskazaniami, stopień znaczny/umiarkowany)": [
        {
            "code": "orzeczenie",
            "name": "Orzeczenie",
            "kind": "certificate",
            "params": {
                "degrees": ["significant", "moderate"],
                "equivalents": True,
                "child": "with_indications",
                "child_under": 16,
            },
        }
    ],
    "Opieka wytchnieniowa (opiekun dziecka z orzeczeniem / osoby ze stopniem znacznym)": [
        {
            "code": "opiekun",
            "name": "Opiekun",
            "kind": "caregiver_of",
            "children": [
                {
                    "code": "podopieczny",
                    "name": "Podopieczny",
                    "kind": "certificate",
                    "params": {"degrees": ["significant"], "equivalents": True, "child": "any", "child_under": 16},
                }
            ],
        }
    ],
    "Posiłek w szkole i w domu (dochód do 150% kryterium)": [
        {"code": "dochod", "name": "Dochód", "kind": "income", "params": {"percent": 150}}
    ],
    "Usługi opiekuńcze 2020 (do 75 lat i znaczny albo dziecko ze wskazaniami)": [
        {
            "code": "adresaci",
            "name": "Adresaci",
            "kind": "any_of",
            "children": [
                {
                    "code": "dorosly",
                    "name": "Dorosły",
                    "kind": "all_of",
                    "children": [
                        {"code": "wiek", "name": "Do 75", "kind": "age", "params": {"max": 75}},
                        {
                            "code": "znaczny",
                            "name": "Znaczny",
                            "kind": "certificate",
                            "params": {"degrees": ["significant"], "equivalents": True},
                        },
                    ],
                },
                {
                    "code": "dziecko",
                    "name": "Dziecko",
                    "kind": "certificate",
                    "params": {"child": "with_indications", "child_under": 16},
                },
            ],
        }
    ],
}

# Hand-written SQL counting the matches of each edition (same order as EDITIONS). Parameters:
# %(org)s, %(on)s and the cut-off birth dates computed in Python.
BASELINE_SQL = [
    """SELECT count(*) FROM people_person p
       WHERE p.organisation_id = %(org)s AND p.birth_date <= %(born_65)s AND p.teryt = '1462011'""",
    """SELECT count(*) FROM people_person p
       WHERE p.organisation_id = %(org)s AND EXISTS (
         SELECT 1 FROM people_disabilitycertificate c
         WHERE c.person_id = p.id AND c.issued_on <= %(on)s AND (c.valid_until IS NULL OR c.valid_until >= %(on)s)
           AND ((c.kind IN ('adult', 'equivalent') AND c.degree IN ('significant', 'moderate'))
                OR (c.kind = 'child' AND c.indications AND p.birth_date > %(born_16)s)))""",
    """SELECT count(*) FROM people_person p
       WHERE p.organisation_id = %(org)s AND EXISTS (
         SELECT 1 FROM people_relation r
         JOIN people_person cared ON cared.id = r.relative_id
         JOIN people_disabilitycertificate c ON c.person_id = cared.id
         WHERE r.person_id = p.id
           AND (r.is_caregiver OR r.kind IN ('parent', 'legal_guardian', 'actual_caregiver'))
           AND c.issued_on <= %(on)s AND (c.valid_until IS NULL OR c.valid_until >= %(on)s)
           AND ((c.kind IN ('adult', 'equivalent') AND c.degree = 'significant')
                OR (c.kind = 'child' AND cared.birth_date > %(born_16)s)))""",
    """SELECT count(*) FROM (
         SELECT DISTINCT ON (person_id) person_id, household_size, income_per_person
         FROM people_incomerecord WHERE organisation_id = %(org)s AND established_on <= %(on)s
         ORDER BY person_id, established_on DESC, id DESC) latest
       WHERE (household_size <= 1 AND income_per_person <= %(single)s)
          OR (household_size > 1 AND income_per_person <= %(family)s)""",
    """SELECT count(*) FROM people_person p
       WHERE p.organisation_id = %(org)s AND EXISTS (
         SELECT 1 FROM people_disabilitycertificate c
         WHERE c.person_id = p.id AND c.issued_on <= %(on)s AND (c.valid_until IS NULL OR c.valid_until >= %(on)s)
           AND ((c.kind IN ('adult', 'equivalent') AND c.degree = 'significant' AND p.birth_date > %(born_76)s)
                OR (c.kind = 'child' AND c.indications AND p.birth_date > %(born_16)s)))""",
]


def timed(function, repeat: int) -> tuple[float, object]:
    function()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--python-sample", type=int, default=1000, help="people evaluated one by one for the Python figure"
    )
    parser.add_argument("--explain", action="store_true", help="print the query plan of each screening query")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit(
            "Set DATABASE_URL to a database of its own, e.g. postgres://postgres@127.0.0.1:5432/wsp_enrolment_bench"
        )

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.people_generator import REFERENCE_DATE, load_people
    from wsparcie.core.models import Organisation
    from wsparcie.enrolment import rules, selectors, services
    from wsparcie.people.models import IncomeCriterion, Person
    from wsparcie.programmes.models import Programme

    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(
        slug=ORG_SLUG, defaults={"name": "Benchmark: screening", "is_tenant": False}
    )
    on = REFERENCE_DATE

    have = Person.objects.filter(organisation=org).count()
    if have != args.people:
        print(f"Loading {args.people:,} people (found {have:,})...".replace(",", " "), flush=True)
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for table in (
                "enrolment_application",
                "enrolment_criteriondecision",
                "people_relation",
                "people_disabilitycertificate",
                "people_incomerecord",
                "people_duplicatecandidate",
            ):
                cursor.execute(f"DELETE FROM {table} WHERE organisation_id = %s", [org.pk])
            cursor.execute("DELETE FROM people_person WHERE organisation_id = %s", [org.pk])
            cursor.execute("DELETE FROM people_household WHERE organisation_id = %s", [org.pk])
            county = args.people // 10
            counts = load_people(cursor, org.pk, args.people - county, seed=0, place="mops-plock")
            more = load_people(cursor, org.pk, county, seed=1, place="powiat-plocki")
        for table in ("people_person", "people_disabilitycertificate", "people_relation", "people_incomerecord"):
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {table}")
        print(
            f"  loaded in {time.perf_counter() - start:.0f} s: "
            + ", ".join(f"{k} {counts[k] + more[k]:,}".replace(",", " ") for k in counts),
            flush=True,
        )

    IncomeCriterion.objects.get_or_create(
        valid_from="2025-01-01", defaults={"single_person": "1010.00", "per_person_in_family": "823.00"}
    )
    thresholds = selectors.income_thresholds()
    limit = rules.threshold_on(thresholds, on)
    params = {
        "org": org.pk,
        "on": on,
        "born_65": rules.years_before(on, 65),
        "born_16": rules.years_before(on, 16),
        "born_76": rules.years_before(on, 76),
        "single": rules.income_limit(limit, Decimal(150), 1),
        "family": rules.income_limit(limit, Decimal(150), 2),
    }
    total = Person.objects.filter(organisation=org).count()

    rows = []
    for index, (name, spec) in enumerate(EDITIONS.items()):
        programme = Programme.objects.filter(organisation=org, slug=f"bench-{index}").first()
        if programme is None:
            programme = Programme.objects.create(
                organisation=org, slug=f"bench-{index}", name=name, kind="ministry_programme"
            )
        services.criteria_set(actor="bench", programme=programme, spec=spec)

        def request(programme=programme):
            # what GET /api/v1/programmes/{id}/screening/ does: the total, then the first page
            listing = selectors.programme_screening(programme, on).listing()
            return listing.count(), list(listing[0:50])

        def unknowns(programme=programme):
            # ?result=unknown: the full three-valued evaluation of every person (both totals)
            return selectors.programme_screening(programme, on).counts()

        def all_ids(programme=programme):
            return len(
                list(selectors.programme_screening(programme, on).eligible.values_list("pk", flat=True).iterator())
            )

        def baseline(sql=BASELINE_SQL[index]):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchone()[0]

        screening_s, (matches, _page) = timed(request, args.repeat)
        unknown_s, (full_matches, unknown) = timed(unknowns, args.repeat)
        assert full_matches == matches, (full_matches, matches)
        ids_s, id_count = timed(all_ids, args.repeat)
        sql_s, sql_count = timed(baseline, args.repeat)
        assert id_count == matches, (id_count, matches)
        assert sql_count == matches, f"baseline SQL counts {sql_count}, screening {matches}: {name}"

        sample = list(Person.objects.filter(organisation=org).order_by("?")[: args.python_sample])
        criteria = selectors.programme_criteria(programme)
        start = time.perf_counter()
        for person in sample:
            rules.evaluate(
                criteria, selectors.person_facts(person, on, programme=programme), on, income_thresholds=thresholds
            )
        python_s = (time.perf_counter() - start) / max(len(sample), 1) * total

        if args.explain:
            screening = selectors.programme_screening(programme, on)
            with connection.cursor() as cursor:
                sql, sql_params = screening.eligible.values("pk").query.sql_with_params()
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, sql_params)
                print(f"\n{name}\n" + "\n".join(r[0] for r in cursor.fetchall()))
        rows.append((name, matches, unknown, screening_s, ids_s, unknown_s, sql_s, python_s))

    print()
    print(
        f"Screening {total:,} people on {on:%d.%m.%Y} (median of {args.repeat} runs after a warm-up)".replace(",", " ")
    )
    header = ("edition", "matches", "unknown", "screening s", "all ids s", "+unknown s", "SQL s", "Python s (extrap.)")
    widths = (60, 9, 9, 12, 10, 10, 8, 19)
    print(" | ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    print("-+-".join("-" * w for w in widths))
    for name, matches, unknown, screening_s, ids_s, unknown_s, sql_s, python_s in rows:
        values = (
            name[:60],
            f"{matches:,}".replace(",", " "),
            f"{unknown:,}".replace(",", " "),
            f"{screening_s:.3f}",
            f"{ids_s:.3f}",
            f"{unknown_s:.3f}",
            f"{sql_s:.3f}",
            f"{python_s:,.0f}".replace(",", " "),
        )
        print(
            " | ".join(
                v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
            )
        )
    worst = max(r[3] for r in rows)
    print(f"\nslowest screening request: {worst:.3f} s ({'under' if worst < 2 else 'OVER'} the 2 s target)")


if __name__ == "__main__":
    main()
