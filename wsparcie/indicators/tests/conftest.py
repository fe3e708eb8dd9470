"""The Korpus Wsparcia Seniorów 2023 report fixture, shared by the report and PDF tests."""

import datetime as dt
from decimal import Decimal

import pytest

from wsparcie.finance.tests.factories import kws_budget
from wsparcie.indicators.tests.factories import ApplicationFactory, IndicatorFactory, PersonFactory, make_session

TZ = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def kws(org, coordinator):
    from wsparcie.delivery.models import Service
    from wsparcie.finance import services as finance

    budget, bands, admin, state, own = kws_budget(org)
    programme = budget.programme
    finance.expense_create(
        actor=coordinator,
        line=bands,
        funding_source=state,
        spent_on=dt.date(2023, 7, 31),
        amount=Decimal("5000"),
        document_number="FV/1",
    )
    finance.expense_create(
        actor=coordinator,
        line=admin,
        funding_source=own,
        spent_on=dt.date(2023, 8, 31),
        amount=Decimal("1250"),
        document_number="LP/8",
    )
    service = Service.objects.create(
        organisation=org,
        programme=programme,
        name='=HYPERLINK("http://zlo")',
        kind="telecare",
        unit="hour",
        rate=Decimal("10"),
    )
    a = ApplicationFactory(
        programme=programme,
        enrolled_on=dt.date(2023, 6, 5),
        person=PersonFactory(organisation=org, sex="female", birth_date=dt.date(1950, 1, 1)),
    )
    b = ApplicationFactory(
        programme=programme,
        enrolled_on=dt.date(2023, 7, 5),
        ended_on=dt.date(2023, 9, 30),
        status="completed",
        person=PersonFactory(organisation=org, sex="male", birth_date=dt.date(1945, 1, 1), first_name="@SUMA(A1)"),
    )
    make_session(a, start=dt.datetime(2023, 6, 10, 9, tzinfo=TZ), hours=2, service=service)
    make_session(a, start=dt.datetime(2023, 7, 10, 9, tzinfo=TZ), hours=3, service=service)
    make_session(b, start=dt.datetime(2023, 7, 11, 9, tzinfo=TZ), hours=1, service=service)
    IndicatorFactory(
        programme=programme,
        name="Seniorzy 65+ objęci wsparciem",
        definition="participants_aged_65_plus",
        target=Decimal("60"),
    )
    return programme
