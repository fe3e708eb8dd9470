import pytest

from wsparcie.programmes.models import FundingSource
from wsparcie.programmes.reference import FUNDING_SOURCES


@pytest.fixture(autouse=True)
def reference_funding_sources(request):
    """The funding sources the data migration seeds: a transactional test elsewhere on the same
    worker may have flushed them, so make sure they are there."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        for row in FUNDING_SOURCES:
            FundingSource.objects.get_or_create(code=row["code"], defaults={"name": row["name"], "is_eu": row["is_eu"]})
