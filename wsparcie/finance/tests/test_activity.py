"""Reading a programme's work for money and indicators: the programme's services are read once
inside one report or dashboard, and afresh for the next."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsparcie.finance import activity
from wsparcie.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def service(programme, name):
    from wsparcie.delivery.models import Service

    return Service.objects.create(
        organisation=programme.organisation, programme=programme, name=name, kind="other", unit="hour", rate=Decimal(1)
    )


def test_services_are_read_once_inside_one_report_and_afresh_after(org):
    programme = ProgrammeFactory(organisation=org)
    first = service(programme, "Asystencja")
    with activity.remembering_services():
        with CaptureQueriesContext(connection) as queries:
            assert set(activity.programme_services(programme.pk)) == {first.pk}
            activity.delivered_sessions(programme.pk)
            assert activity.programme_services(programme.pk)[first.pk].name == "Asystencja"
        assert sum("delivery_service" in q["sql"] for q in queries.captured_queries) == 1
    second = service(programme, "Opieka wytchnieniowa")
    assert set(activity.programme_services(programme.pk)) == {first.pk, second.pk}


def test_services_of_another_programme_are_not_mixed_in(org):
    one, other = ProgrammeFactory(organisation=org), ProgrammeFactory(organisation=org)
    mine, theirs = service(one, "A"), service(other, "B")
    with activity.remembering_services():
        assert set(activity.programme_services(one.pk)) == {mine.pk}
        assert set(activity.programme_services(other.pk)) == {theirs.pk}
