import datetime as dt

import factory

from wsparcie.core.pesel import make
from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.people.models import DisabilityCertificate, Household, IncomeRecord, NamedArea, Person, Relation

FIRST = {"female": ["Anna", "Maria", "Zofia", "Ewa"], "male": ["Jan", "Piotr", "Tadeusz", "Marek"]}


def pesel_for(birth: dt.date, sex: str = "female", serial: int = 1) -> str:
    return make(birth, serial, sex)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Gospodarstwo {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    sex = factory.Iterator(["female", "male"])
    birth_date = factory.Sequence(lambda n: dt.date(1940, 1, 1) + dt.timedelta(days=97 * n))
    first_name = factory.LazyAttributeSequence(lambda o, n: FIRST[o.sex][n % 4])
    last_name = factory.Sequence(lambda n: f"Testowa{n}" if n % 2 == 0 else f"Testowy{n}")
    pesel = factory.LazyAttributeSequence(lambda o, n: make(o.birth_date, n % 1000, o.sex))
    city = "Płock"
    teryt = "1462011"
    street = factory.Sequence(lambda n: f"ul. Tumska {n + 1}")
    postal_code = "09-400"


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    person = factory.SubFactory(PersonFactory)
    relative = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..person.organisation"))
    organisation = factory.SelfAttribute("person.organisation")
    kind = "parent"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisabilityCertificate

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    kind = "adult"
    degree = "moderate"
    symbols = ["05-R"]
    issued_on = dt.date(2020, 1, 1)
    valid_until = None


class IncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeRecord

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    established_on = dt.date(2025, 2, 1)
    household_size = 1
    income_per_person = "900.00"


class NamedAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NamedArea

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"obszar-{n}")
    name = factory.Sequence(lambda n: f"Obszar {n}")
    streets = ["Wojska Polskiego", "Długa"]
