"""Fixtures of delivery's tests: one edition (AOON 2023: III–XII 2023) of ``org`` with a
personal-assistance service, an enrolled participant and an assistant."""

from __future__ import annotations

import pytest

from wsparcie.delivery.tests.factories import EnrolmentFactory, ProgrammeFactory, ServiceFactory, WorkerFactory


@pytest.fixture
def programme(org):
    return ProgrammeFactory(organisation=org)


@pytest.fixture
def service(programme):
    return ServiceFactory(programme=programme)


@pytest.fixture
def enrolment(programme):
    return EnrolmentFactory(programme=programme)


@pytest.fixture
def worker(org):
    return WorkerFactory(organisation=org)


@pytest.fixture
def other_setup(other_org):
    """The same things in ``other_org``."""
    programme = ProgrammeFactory(organisation=other_org)
    return {
        "programme": programme,
        "service": ServiceFactory(programme=programme),
        "enrolment": EnrolmentFactory(programme=programme),
        "worker": WorkerFactory(organisation=other_org),
    }
