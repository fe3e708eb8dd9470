"""Capacity is never exceeded when many coordinators qualify people at the same moment.

Real concurrent transactions on PostgreSQL: each thread has its own database connection and
runs ``application_qualify`` in its own transaction, all released at once by a barrier.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.enrolment import selectors, services
from wsparcie.enrolment.models import Application
from wsparcie.enrolment.tests.factories import PersonFactory, ProgrammeFactory

ON = dt.date(2023, 6, 1)


def _run_concurrently(functions):
    barrier = threading.Barrier(len(functions))
    errors: list[BaseException] = []

    def worker(function):
        try:
            barrier.wait(timeout=30)
            function()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_qualifications_for_three_places():
    org = OrganisationFactory(slug="org-concurrency")
    programme = ProgrammeFactory(organisation=org, planned_participants=3)
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[{"code": "wiek", "name": "Wiek 60+", "kind": "age", "params": {"min": 60}}],
    )
    applications = [
        services.application_submit(actor="t", programme=programme, person=PersonFactory(organisation=org), on=ON)
        for _ in range(10)
    ]

    def qualify(application):
        return lambda: services.application_qualify(actor="t", application=application, on=ON)

    errors = _run_concurrently([qualify(a) for a in applications])

    assert errors == []
    statuses = list(Application.objects.filter(programme=programme).values_list("status", flat=True))
    assert statuses.count("enrolled") == 3
    assert statuses.count("waiting_list") == 7
    waiting = list(selectors.waiting_list(programme))
    assert len({a.waiting_since for a in waiting}) == 7  # a strict order


@pytest.mark.django_db(transaction=True)
def test_concurrent_withdrawals_offer_each_place_once():
    org = OrganisationFactory(slug="org-concurrency-2")
    programme = ProgrammeFactory(organisation=org, planned_participants=2)
    applications = [
        services.application_submit(actor="t", programme=programme, person=PersonFactory(organisation=org), on=ON)
        for _ in range(6)
    ]
    for application in applications:
        services.application_qualify(actor="t", application=application, on=ON)

    def withdraw(application):
        return lambda: services.application_withdraw(actor="t", application=application)

    def qualify_late():
        late = services.application_submit(
            actor="t", programme=programme, person=PersonFactory(organisation=org), on=ON
        )
        services.application_qualify(actor="t", application=late, on=ON)

    errors = _run_concurrently([withdraw(applications[0]), withdraw(applications[1]), qualify_late, qualify_late])

    assert errors == []
    places = selectors.programme_places(programme)
    assert places["taken"] == 2
    offered = Application.objects.filter(programme=programme, status="qualified")
    assert {a.pk for a in offered} == {applications[2].pk, applications[3].pk}
