"""Read statements compiled once per process, then sent again as they are.

Django compiles a queryset to SQL on every evaluation. For an aggregate with several FILTERed
terms (a report's participant counts, an indicator family) that is 1–2 ms of Python, as long as
PostgreSQL takes to answer it for a typical project; a report sends several. SQLAlchemy caches
compiled statements for this reason; this module does the same for the few hot read paths that
ask for it: the first call runs the queryset through the ORM and remembers the one statement it
sent (SQL and parameters), later calls with the same key send that statement again.

The key must name everything the statement is built from: the function, the ids and dates it
was given, and whatever else the queryset read to build itself (e.g. the programme's service
ids, the current time zone). The cached statement holds no rows, only SQL, so data written
since is always read. Results come back as the database driver gives them (ints, Decimals,
naive timestamps for truncated dates), which is what the ORM gives for these aggregates too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

LIMIT = 512

_statements: OrderedDict[tuple, tuple[str, tuple]] = OrderedDict()
_lock = threading.Lock()


def key(*parts: Hashable) -> tuple:
    """A cache key from ``parts`` and the current time zone (dates become its midnights)."""
    return (*parts, timezone.get_current_timezone_name())


def _remember(cache_key: tuple, run: Callable[[], Any]) -> Any:
    """Run ``run`` (one statement through the ORM) and remember that statement under the key."""
    sent: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        sent.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = run()
    if len(sent) == 1:  # anything else (no statement, several) is not remembered
        with _lock:
            _statements[cache_key] = sent[0]
            while len(_statements) > LIMIT:
                _statements.popitem(last=False)
    return result


def _send(statement: tuple[str, tuple]) -> tuple[list[str], list[tuple]]:
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return names, cursor.fetchall()


def aggregate(cache_key: tuple, queryset: Callable[[], QuerySet], aggregates: Callable[[], dict]) -> dict:
    """``queryset().aggregate(**aggregates())``, compiled once per key."""
    statement = _statements.get(cache_key)
    if statement is None:
        return _remember(cache_key, lambda: queryset().aggregate(**aggregates()))
    names, rows = _send(statement)
    return dict(zip(names, rows[0], strict=True))


def rows(cache_key: tuple, queryset: Callable[[], QuerySet]) -> list[dict]:
    """``list(queryset())`` of a ``values()`` queryset, compiled once per key."""
    statement = _statements.get(cache_key)
    if statement is None:
        return _remember(cache_key, lambda: list(queryset()))
    names, found = _send(statement)
    return [dict(zip(names, row, strict=True)) for row in found]


def clear() -> None:
    with _lock:
        _statements.clear()
