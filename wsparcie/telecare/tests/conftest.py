import pytest
from django.utils import timezone

from wsparcie.telecare.tests.factories import DeviceFactory


@pytest.fixture
def operator(make_user, org):
    return make_user("telecare_operator", org, first_name="Olga", last_name="Operatorka")


@pytest.fixture
def operator2(make_user, org):
    return make_user("telecare_operator", org, first_name="Piotr", last_name="Dyżurny")


@pytest.fixture
def device(org):
    return DeviceFactory(organisation=org)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def pytest_configure(config):
    config.addinivalue_line("markers", "mqtt: needs the mosquitto binary; runs a private broker (about 20 s in total)")
