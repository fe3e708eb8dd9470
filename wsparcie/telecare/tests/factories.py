import datetime as dt

import factory
from django.utils import timezone

from wsparcie.core import pesel
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.people.models import Person
from wsparcie.telecare import credentials
from wsparcie.telecare.choices import AlarmKind, AlarmStatus, ContactKind, DeviceKind
from wsparcie.telecare.models import Alarm, Card, Contact, Device


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Halina{n}")
    last_name = factory.Sequence(lambda n: f"Senioralna{n}")
    birth_date = dt.date(1944, 3, 15)
    pesel = factory.Sequence(lambda n: pesel.make(dt.date(1944, 3, 15), n, "female"))
    street = "ul. Tumska 5 m. 3"
    postal_code = "09-400"
    city = "Płock"


def token_for(device_or_serial) -> str:
    """The token :class:`DeviceFactory` gives a device (derived from its serial; tests only)."""
    serial = getattr(device_or_serial, "serial", device_or_serial)
    return f"test-token-{serial}-0123456789abcdef"


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device

    organisation = factory.SubFactory(OrganisationFactory)
    serial = factory.Sequence(lambda n: f"TEST-{n:05d}")
    kind = DeviceKind.WRISTBAND
    model = "Opaska SOS X1"
    capabilities = factory.LazyFunction(lambda: ["sos", "fall", "removal"])
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    token_hash = factory.LazyAttribute(lambda o: credentials.token_hash(token_for(o.serial)))
    password = factory.LazyAttribute(lambda o: credentials.mosquitto_hash(token_for(o.serial)))
    last_seen_at = factory.LazyFunction(timezone.now)


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    address = "ul. Tumska 5 m. 3, 2. piętro, Płock"
    access_notes = "Sejf na klucze przy drzwiach."
    has_key_safe = True
    door_code = factory.LazyFunction(lambda: credentials.encrypt("4711"))
    health_notes = "Cukrzyca, insulina; rozrusznik serca."


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    card = factory.SubFactory(CardFactory)
    organisation = factory.SelfAttribute("card.organisation")
    position = factory.Sequence(lambda n: n + 1)
    name = "Anna Nowak"
    kind = ContactKind.RELATIVE
    relation = "córka"
    phone = "600 100 200"


class AlarmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alarm

    organisation = factory.SubFactory(OrganisationFactory)
    device = factory.SubFactory(DeviceFactory, organisation=factory.SelfAttribute("..organisation"))
    person = factory.SelfAttribute("device.person")
    kind = AlarmKind.SOS
    priority = 1
    status = AlarmStatus.OPEN
    raised_at = factory.LazyFunction(timezone.now)


def event_payload(device, event_id="e-1", type="sos", occurred_at=None, **extra):
    """An event body as a device sends it."""
    occurred_at = occurred_at or (timezone.now() - dt.timedelta(seconds=2))
    return {
        "event_id": event_id,
        "device": getattr(device, "serial", device),
        "type": type,
        "occurred_at": occurred_at.isoformat() if hasattr(occurred_at, "isoformat") else occurred_at,
        **extra,
    }
