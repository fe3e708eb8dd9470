"""Screening: which people in an organisation's registry meet an edition's criteria, computed in
PostgreSQL with the same three-valued logic as :mod:`wsparcie.enrolment.rules`.

Two translations of the same criteria:

- :class:`PassSet` (the list of eligible people, the common request): only "passes" is needed, so
  it is written the way one writes it by hand, from the selective side: conditions on the
  person's own columns filter one scan of the registry, conditions on related rows are
  ``id IN (SELECT person_id FROM <certificates / incomes / relations / decisions> WHERE ...)``
  conjuncts (hash semi-joins), variant groups are UNIONs, a caregiver criterion nests the
  cared-for person's set. A million people are screened in well under two seconds
  (``bench/screening.py``, ``docs/benchmarks-enrolment.md``).
- :class:`Translator` (people with missing data, and both totals at once): each criterion becomes
  two conditions over a person row, ``passes`` and ``fails``, written so they never evaluate to
  NULL (``NOT`` is plain two-valued logic); a person meeting neither is "unknown". Related rows
  come in by LEFT JOINs of per-person aggregates computed once for the organisation. The
  combinators follow the rules module: all_of passes when every part passes and fails when any
  part fails; any_of the other way round.

Both agree with ``rules.evaluate(criteria, selectors.person_facts(person, on))`` for every person
(``tests/test_screening.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from wsparcie.enrolment import rules
from wsparcie.enrolment.models import CriterionDecision
from wsparcie.people.models import DisabilityCertificate, IncomeRecord, Person, Relation

PERSON = Person._meta.db_table
CERTIFICATE = DisabilityCertificate._meta.db_table
INCOME = IncomeRecord._meta.db_table
RELATION = Relation._meta.db_table
DECISION = CriterionDecision._meta.db_table


@dataclass(frozen=True)
class Frag:
    """A piece of SQL with its parameters, in text order."""

    sql: str
    params: tuple[Any, ...] = ()


TRUE = Frag("TRUE")
FALSE = Frag("FALSE")


def concat(*parts: Frag | str) -> Frag:
    frags = [Frag(p) if isinstance(p, str) else p for p in parts]
    return Frag("".join(f.sql for f in frags), tuple(itertools.chain.from_iterable(f.params for f in frags)))


def joined(separator: str, parts: Iterable[Frag]) -> Frag:
    parts = list(parts)
    return Frag(
        separator.join(f"({p.sql})" for p in parts), tuple(itertools.chain.from_iterable(p.params for p in parts))
    )


def listed(separator: str, parts: Iterable[Frag]) -> Frag:
    parts = list(parts)
    return Frag(separator.join(p.sql for p in parts), tuple(itertools.chain.from_iterable(p.params for p in parts)))


def both(parts: Sequence[Frag]) -> Frag:
    return joined(" AND ", parts) if parts else TRUE


def either(parts: Sequence[Frag]) -> Frag:
    return joined(" OR ", parts) if parts else FALSE


def negate(part: Frag) -> Frag:
    return concat("NOT (", part, ")")


@dataclass(frozen=True)
class Condition:
    passes: Frag
    fails: Frag

    @property
    def unknown(self) -> Frag:
        return both([negate(self.passes), negate(self.fails)])


def _and(parts: Sequence[Condition]) -> Condition:
    return Condition(both([p.passes for p in parts]), either([p.fails for p in parts]))


def _or(parts: Sequence[Condition]) -> Condition:
    return Condition(either([p.passes for p in parts]), both([p.fails for p in parts]))


class Translator:
    """Turns rules.Criterion trees into :class:`Condition` objects over the person alias
    ``person``, collecting the LEFT JOINs they need in ``joins``."""

    def __init__(
        self,
        organisation_id: int,
        on: dt.date,
        thresholds: Sequence[rules.IncomeThreshold],
        person: str = "p",
        counter: itertools.count | None = None,
    ):
        self.organisation_id = organisation_id
        self.on = on
        self.thresholds = thresholds
        self.person = person
        self.counter = counter or itertools.count(1)
        self.joins: list[Frag] = []

    def alias(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"

    def all_of(self, criteria: Sequence[rules.Criterion]) -> Condition:
        return _and([self.one(c) for c in criteria])

    def one(self, c: rules.Criterion) -> Condition:
        return getattr(self, f"_{c.kind}")(c)

    # -- leaves ---------------------------------------------------------------------------

    def _age(self, c: rules.Criterion) -> Condition:
        birth = f"{self.person}.birth_date"
        reference = rules.parse_date(c.params.get("reference_date")) or self.on
        bounds = []
        if c.params.get("min") is not None:
            bounds.append(Frag(f"{birth} <= %s", (rules.years_before(reference, int(c.params["min"])),)))
        if c.params.get("max") is not None:
            bounds.append(Frag(f"{birth} > %s", (rules.years_before(reference, int(c.params["max"]) + 1),)))
        within = both(bounds)
        known = Frag(f"{birth} IS NOT NULL")
        return Condition(both([known, within]), both([known, negate(within)]))

    def _residence(self, c: rules.Criterion) -> Condition:
        parts = []
        codes = [str(code) for code in c.params.get("teryt") or []]
        areas = [str(area) for area in c.params.get("areas") or []]
        if codes:
            inside = Frag(f"{self.person}.teryt = ANY(%s)", (codes,))
            parts.append(Condition(inside, both([Frag(f"{self.person}.teryt <> ''"), negate(inside)])))
        if areas:
            inside = Frag(f"{self.person}.areas && %s::varchar[]", (areas,))
            parts.append(Condition(inside, negate(inside)))
        return _and(parts)

    def _certificate(self, c: rules.Criterion) -> Condition:
        params = c.params
        degrees = [d for d in params.get("degrees") or [] if d in rules.DEGREES]
        kinds = ["adult"] + (["equivalent"] if params.get("equivalents", True) else [])
        mode = params.get("child", "no")
        under = params.get("child_under")
        alias = self.alias("c")
        columns: list[Frag] = []
        passes: list[Frag] = []
        unknown = FALSE
        if degrees:
            columns.append(Frag("bool_or(kind = ANY(%s) AND degree = ANY(%s)) AS adult", (kinds, degrees)))
            passes.append(Frag(f"{alias}.adult IS TRUE"))
        if mode != "no":
            indications = " AND indications" if mode == "with_indications" else ""
            columns.append(Frag(f"bool_or(kind = 'child'{indications}) AS child"))
            if under:
                cutoff = rules.years_before(self.on, int(under))
                passes.append(Frag(f"{alias}.child IS TRUE AND {self.person}.birth_date > %s", (cutoff,)))
                unknown = Frag(f"{alias}.child IS TRUE AND {self.person}.birth_date IS NULL")
            else:
                passes.append(Frag(f"{alias}.child IS TRUE"))
        if not columns:
            return Condition(FALSE, TRUE)
        self.joins.append(
            concat(
                "LEFT JOIN (SELECT person_id, ",
                listed(", ", columns),
                Frag(
                    f" FROM {CERTIFICATE} WHERE organisation_id = %s AND issued_on <= %s"
                    " AND (valid_until IS NULL OR valid_until >= %s) GROUP BY person_id) ",
                    (self.organisation_id, self.on, self.on),
                ),
                f"{alias} ON {alias}.person_id = {self.person}.id",
            )
        )
        condition = either(passes)
        return Condition(condition, both([negate(condition), negate(unknown)]))

    def _income(self, c: rules.Criterion) -> Condition:
        threshold = rules.threshold_on(self.thresholds, self.on)
        if threshold is None:
            return Condition(FALSE, FALSE)
        percent = Decimal(str(c.params["percent"]))
        alias = self.alias("i")
        self.joins.append(
            Frag(
                f"LEFT JOIN (SELECT DISTINCT ON (person_id) person_id, household_size, income_per_person FROM {INCOME}"
                " WHERE organisation_id = %s AND established_on <= %s"
                f" ORDER BY person_id, established_on DESC, id DESC) {alias} ON {alias}.person_id = {self.person}.id",
                (self.organisation_id, self.on),
            )
        )
        within = Frag(
            f"({alias}.household_size <= 1 AND {alias}.income_per_person <= %s)"
            f" OR ({alias}.household_size > 1 AND {alias}.income_per_person <= %s)",
            (rules.income_limit(threshold, percent, 1), rules.income_limit(threshold, percent, 2)),
        )
        known = Frag(f"{alias}.person_id IS NOT NULL")
        return Condition(both([known, within]), both([known, negate(within)]))

    def _caregiver_of(self, c: rules.Criterion) -> Condition:
        kinds = list(c.params.get("relation_kinds") or rules.DEFAULT_CARING_RELATIONS)
        alias, cared = self.alias("g"), self.alias("q")
        nested = Translator(self.organisation_id, self.on, self.thresholds, person=cared, counter=self.counter)
        condition = nested.all_of(c.children)
        self.joins.append(
            concat(
                "LEFT JOIN (SELECT r.person_id, bool_or(",
                condition.passes,
                ") AS passes, bool_or(",
                negate(condition.fails),
                f") AS open FROM {RELATION} r JOIN {PERSON} {cared} ON {cared}.id = r.relative_id ",
                *[concat(join, " ") for join in nested.joins],
                Frag(
                    "WHERE r.organisation_id = %s AND (r.is_caregiver OR r.kind = ANY(%s)) GROUP BY r.person_id) ",
                    (self.organisation_id, kinds),
                ),
                f"{alias} ON {alias}.person_id = {self.person}.id",
            )
        )
        return Condition(Frag(f"{alias}.passes IS TRUE"), Frag(f"{alias}.open IS NOT TRUE"))

    def _social_worker_judgement(self, c: rules.Criterion) -> Condition:
        if c.id is None:
            return Condition(FALSE, FALSE)
        alias = self.alias("d")
        self.joins.append(
            Frag(
                f"LEFT JOIN {DECISION} {alias} ON {alias}.person_id = {self.person}.id AND {alias}.criterion_id = %s",
                (c.id,),
            )
        )
        return Condition(Frag(f"{alias}.passed IS TRUE"), Frag(f"{alias}.passed IS FALSE"))

    def _any_of(self, c: rules.Criterion) -> Condition:
        return _or([self.one(child) for child in c.children])

    def _all_of(self, c: rules.Criterion) -> Condition:
        return self.all_of(c.children)


class PassSet:
    """Renders the set of people for whom criteria *pass* as SQL selecting person ids, driven
    from the selective side the way one would write it by hand: conditions on the person's own
    columns (age, residence) are filtered in one scan of the registry, conditions on related rows
    become ``p.id IN (SELECT person_id FROM <certificates / incomes / relations / decisions>
    WHERE ...)`` conjuncts (hash semi-joins), and a variant group is a UNION. Only passing is
    needed for the list of eligible people, so no negation (and no scan of the whole registry
    per criterion) is involved."""

    def __init__(self, organisation_id: int, on: dt.date, thresholds: Sequence[rules.IncomeThreshold]):
        self.organisation_id = organisation_id
        self.on = on
        self.thresholds = thresholds

    def where(self, criteria: Sequence[rules.Criterion], person: str) -> Frag:
        """A predicate over the person row ``person``: the criteria pass."""
        predicates, subqueries = self._conjunction(criteria, person)
        return both(predicates + [concat(f"{person}.id IN (", sub, ")") for sub in subqueries])

    def count(self, criteria: Sequence[rules.Criterion]) -> Frag | None:
        """SQL counting the passing people without scanning the registry, when the criteria come
        down to one set of related rows (e.g. only an income or a certificate criterion)."""
        predicates, subqueries = self._conjunction(criteria, "p")
        if predicates or len(subqueries) != 1:
            return None
        return concat("SELECT count(*) FROM (SELECT DISTINCT * FROM (", subqueries[0], ") s) d")

    def ids(self, criteria: Sequence[rules.Criterion]) -> Frag:
        """SQL selecting the ids of the people (of the organisation) for whom the criteria pass."""
        predicates, subqueries = self._conjunction(criteria, "p")
        if not predicates and len(subqueries) == 1:
            return subqueries[0]
        return concat(
            f"SELECT p.id FROM {PERSON} p WHERE ",
            both(
                [Frag("p.organisation_id = %s", (self.organisation_id,)), *predicates]
                + [concat("p.id IN (", sub, ")") for sub in subqueries]
            ),
        )

    def _conjunction(self, criteria: Sequence[rules.Criterion], person: str) -> tuple[list[Frag], list[Frag]]:
        """(predicates on the person's columns, id subqueries): all must hold."""
        columns = Translator(self.organisation_id, self.on, self.thresholds, person=person)
        predicates: list[Frag] = []
        subqueries: list[Frag] = []
        for c in criteria:
            if c.kind in (rules.AGE, rules.RESIDENCE):
                predicates.append(columns.one(c).passes)
            elif c.kind == rules.ALL_OF:
                more_predicates, more_subqueries = self._conjunction(c.children, person)
                predicates += more_predicates
                subqueries += more_subqueries
            elif c.kind == rules.ANY_OF and c.children and all(self._column_only(child) for child in c.children):
                predicates.append(either([self.where([child], person) for child in c.children]))
            else:
                subqueries.append(self._ids(c))
        return predicates, subqueries

    def _column_only(self, c: rules.Criterion) -> bool:
        if c.kind in (rules.AGE, rules.RESIDENCE):
            return True
        return c.kind in (rules.ALL_OF, rules.ANY_OF) and all(self._column_only(child) for child in c.children)

    def _ids(self, c: rules.Criterion) -> Frag:
        return getattr(self, f"_{c.kind}")(c)

    def _any_of(self, c: rules.Criterion) -> Frag:
        if not c.children:
            return Frag(f"SELECT p.id FROM {PERSON} p WHERE FALSE")
        branches = [self.ids([child]) for child in c.children]
        return Frag(
            " UNION ".join(f"({b.sql})" for b in branches),
            tuple(itertools.chain.from_iterable(b.params for b in branches)),
        )

    def _certificate(self, c: rules.Criterion) -> Frag:
        params = c.params
        degrees = [d for d in params.get("degrees") or [] if d in rules.DEGREES]
        kinds = ["adult"] + (["equivalent"] if params.get("equivalents", True) else [])
        mode = params.get("child", "no")
        under = params.get("child_under")
        matches: list[Frag] = []
        join = ""
        if degrees:
            matches.append(Frag("c.kind = ANY(%s) AND c.degree = ANY(%s)", (kinds, degrees)))
        if mode != "no":
            child = "c.kind = 'child'" + (" AND c.indications" if mode == "with_indications" else "")
            if under:
                join = f" JOIN {PERSON} q ON q.id = c.person_id"
                matches.append(Frag(f"{child} AND q.birth_date > %s", (rules.years_before(self.on, int(under)),)))
            else:
                matches.append(Frag(child))
        if not matches:
            return Frag(f"SELECT p.id FROM {PERSON} p WHERE FALSE")
        return concat(
            Frag(
                f"SELECT c.person_id FROM {CERTIFICATE} c{join} WHERE c.organisation_id = %s AND c.issued_on <= %s"
                " AND (c.valid_until IS NULL OR c.valid_until >= %s) AND ",
                (self.organisation_id, self.on, self.on),
            ),
            concat("(", either(matches), ")"),
        )

    def _income(self, c: rules.Criterion) -> Frag:
        threshold = rules.threshold_on(self.thresholds, self.on)
        if threshold is None:
            return Frag(f"SELECT p.id FROM {PERSON} p WHERE FALSE")
        percent = Decimal(str(c.params["percent"]))
        return Frag(
            # the latest record on the date is within the limit: no later record exists (an
            # anti-join, cheaper here than sorting every record with DISTINCT ON)
            f"SELECT i.person_id FROM {INCOME} i WHERE i.organisation_id = %s AND i.established_on <= %s"
            " AND ((i.household_size <= 1 AND i.income_per_person <= %s)"
            " OR (i.household_size > 1 AND i.income_per_person <= %s))"
            f" AND NOT EXISTS (SELECT 1 FROM {INCOME} j WHERE j.person_id = i.person_id AND j.established_on <= %s"
            " AND (j.established_on > i.established_on OR (j.established_on = i.established_on AND j.id > i.id)))",
            (
                self.organisation_id,
                self.on,
                rules.income_limit(threshold, percent, 1),
                rules.income_limit(threshold, percent, 2),
                self.on,
            ),
        )

    def _caregiver_of(self, c: rules.Criterion) -> Frag:
        kinds = list(c.params.get("relation_kinds") or rules.DEFAULT_CARING_RELATIONS)
        return concat(
            Frag(
                f"SELECT r.person_id FROM {RELATION} r WHERE r.organisation_id = %s"
                " AND (r.is_caregiver OR r.kind = ANY(%s)) AND r.relative_id IN (",
                (self.organisation_id, kinds),
            ),
            self.ids(c.children),
            ")",
        )

    def _social_worker_judgement(self, c: rules.Criterion) -> Frag:
        if c.id is None:
            return Frag(f"SELECT p.id FROM {PERSON} p WHERE FALSE")
        return Frag(f"SELECT person_id FROM {DECISION} WHERE criterion_id = %s AND passed", (c.id,))

    def _all_of(self, c: rules.Criterion) -> Frag:
        return self.ids(c.children)


class Listing:
    """A queryset for ``Paginator``: the total comes from a cheaper query than ``qs.count()``, and
    the queryset for the pages is chosen once the total is known (``choose(total)``)."""

    ordered = True

    def __init__(self, count, choose):
        self._count_fn = count
        self._choose = choose
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._count_fn()
        return self._count

    def __len__(self) -> int:
        return self.count()

    @property
    def queryset(self) -> QuerySet:
        return self._choose(self.count())

    def __getitem__(self, item):
        return self.queryset[item]


#: With at least this many matches, a page ordered by name is found by walking the name index and
#: checking people one by one (about a thousand checks per page even in a large registry);
#: with fewer, computing all matches first is cheaper.
DENSE_MATCHES = 5000


@dataclass(frozen=True)
class Screening:
    """The people of the edition's organisation who meet the criteria (``eligible``) and those
    whose data is missing for some criterion (``unknown``), as querysets; ``counts()`` gives both
    totals in one query."""

    organisation_id: int
    condition: Condition
    joins: tuple[Frag, ...]
    passing: Frag  # predicate over the "people_person" row: the criteria pass
    passing_count: Frag | None  # counts the passing people directly, when that is cheaper

    def _select(self, columns: str, where: Frag) -> Frag:
        return concat(
            f"SELECT {columns} FROM {PERSON} p ",
            *[concat(join, " ") for join in self.joins],
            Frag("WHERE p.organisation_id = %s AND ", (self.organisation_id,)),
            concat("(", where, ")"),
        )

    def ids_sql(self, where: Frag) -> Frag:
        return self._select("p.id", where)

    @staticmethod
    def _fenced(ids: Frag) -> QuerySet:
        """People whose id is in ``ids``, computed first as a whole (``OFFSET 0`` keeps PostgreSQL
        from flattening it): a page ordered by name with LIMIT would otherwise invite a plan that
        walks the name index and evaluates the criteria person by person, hopeless when few match."""
        return Person.objects.filter(pk__in=RawSQL(f"SELECT id FROM ({ids.sql}) matches OFFSET 0", ids.params))

    @property
    def eligible(self) -> QuerySet:
        """The people who meet the criteria (for listing, paging and export)."""
        return self._fenced(
            concat(
                Frag(
                    f"SELECT {PERSON}.id FROM {PERSON} WHERE {PERSON}.organisation_id = %s AND ",
                    (self.organisation_id,),
                ),
                concat("(", self.passing, ")"),
            )
        )

    def eligible_count(self) -> int:
        """How many meet the criteria (the criteria filter the registry directly)."""
        if self.passing_count is None:
            return self._direct().count()
        with connection.cursor() as cursor:
            cursor.execute(self.passing_count.sql, self.passing_count.params)
            return cursor.fetchone()[0]

    @property
    def unknown(self) -> QuerySet:
        """The people for whom some criterion cannot be evaluated (missing data) and none fails."""
        return self._fenced(self.ids_sql(self.condition.unknown))

    def unknown_count(self) -> int:
        return self.counts()[1]

    def _direct(self) -> QuerySet:
        return Person.objects.filter(organisation_id=self.organisation_id).filter(
            RawSQL(self.passing.sql, self.passing.params, output_field=BooleanField())
        )

    def listing(self, result: str = "eligible", order: Sequence[str] = ("last_name", "first_name", "id")) -> Listing:
        """What a paginator needs: the fast count and the ordered people, by the cheaper plan."""
        if result == "unknown":
            return Listing(self.unknown_count, lambda total: self.unknown.order_by(*order))
        return Listing(
            self.eligible_count,
            lambda total: (self._direct() if total >= DENSE_MATCHES else self.eligible).order_by(*order),
        )

    def counts(self) -> tuple[int, int]:
        """(eligible, unknown) in one pass over the registry."""
        passes, unknown = self.condition.passes, self.condition.unknown
        sql = concat(
            "SELECT count(*) FILTER (WHERE ",
            passes,
            "), count(*) FILTER (WHERE ",
            unknown,
            f") FROM {PERSON} p ",
            *[concat(join, " ") for join in self.joins],
            Frag("WHERE p.organisation_id = %s", (self.organisation_id,)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql.sql, sql.params)
            eligible, missing = cursor.fetchone()
        return eligible, missing


def screen(
    *,
    organisation_id: int,
    criteria: Sequence[rules.Criterion],
    on: dt.date,
    thresholds: Sequence[rules.IncomeThreshold],
) -> Screening:
    translator = Translator(organisation_id, on, thresholds)
    condition = translator.all_of(criteria)
    pass_set = PassSet(organisation_id, on, thresholds)
    return Screening(
        organisation_id=organisation_id,
        condition=condition,
        joins=tuple(translator.joins),
        passing=pass_set.where(criteria, f'"{PERSON}"'),
        passing_count=pass_set.count(criteria),
    )
