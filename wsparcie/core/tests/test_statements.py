"""Statements compiled once: the same answers as the ORM, data written since is read, nothing is
compiled the second time, and what cannot be remembered is not."""

import pytest
from django.db.models import Count, Max, Q
from django.db.models.sql.compiler import SQLCompiler

from wsparcie.core import statements
from wsparcie.core.models import Organisation
from wsparcie.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    statements.clear()
    yield
    statements.clear()


@pytest.fixture
def compiled(monkeypatch):
    """How many statements the ORM compiled."""
    count = [0]
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        count[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return count


def counts(prefix: str) -> dict:
    return statements.aggregate(
        statements.key("test.counts", prefix),
        lambda: Organisation.objects.filter(slug__startswith=prefix),
        lambda: {"all": Count("id"), "with_a": Count("id", filter=Q(name__contains="a")), "last": Max("slug")},
    )


def test_the_second_call_sends_the_remembered_statement_and_reads_new_rows(compiled):
    OrganisationFactory(slug="st-1", name="Ośrodek a")
    first = counts("st-")
    assert first == {"all": 1, "with_a": 1, "last": "st-1"}
    assert compiled[0] >= 1

    compiled[0] = 0
    OrganisationFactory(slug="st-2", name="Ośrodek b")  # written after the statement was remembered
    assert counts("st-") == {"all": 2, "with_a": 1, "last": "st-2"}
    assert compiled[0] == 1  # the factory's insert; the aggregate itself was not compiled again


def test_another_key_is_another_statement():
    OrganisationFactory(slug="st-1", name="x")
    OrganisationFactory(slug="other-1", name="y")
    assert counts("st-")["all"] == 1
    assert counts("other-")["last"] == "other-1"
    assert counts("nothing-") == {"all": 0, "with_a": 0, "last": None}


def test_rows_of_a_values_queryset():
    OrganisationFactory(slug="st-1", name="b")
    OrganisationFactory(slug="st-2", name="a")

    def names():
        return statements.rows(
            statements.key("test.rows"),
            lambda: Organisation.objects.filter(slug__startswith="st-").order_by("name").values("slug", "name"),
        )

    expected = [{"slug": "st-2", "name": "a"}, {"slug": "st-1", "name": "b"}]
    assert names() == expected
    assert names() == expected  # from the remembered statement


def test_what_sends_no_statement_or_several_is_not_remembered():
    assert statements.aggregate(
        statements.key("test.empty"), lambda: Organisation.objects.filter(pk__in=[]), lambda: {"n": Count("id")}
    ) == {"n": 0}
    assert statements._statements == {}  # an empty IN () is answered without the database


def test_the_cache_keeps_at_most_its_limit(monkeypatch):
    monkeypatch.setattr(statements, "LIMIT", 2)
    for prefix in ("a", "b", "c"):
        counts(prefix)
    assert [key[1] for key in statements._statements] == ["b", "c"]


def test_the_key_carries_the_time_zone():
    from django.utils import timezone

    with timezone.override("UTC"):
        utc = statements.key("x", 1)
    assert statements.key("x", 1) != utc
