"""Demo registry: a few dozen made-up people per demo organisation, written through the services.

Every name, PESEL (valid, from ``core.pesel.make``) and address is invented; cities and TERYT
codes are the organisations' own. Households, caregivers, certificates of every kind (adult of
each degree, a child's with and without the indications of points 7 and 8, equivalents, an
expired one kept as history), incomes around the statutory criterion, a foreigner without PESEL,
and (in Płock) a pair of records that look like one person, for the duplicates review. MOPR
Słupsk gets its named area "obszar rewitalizowany" (the street list is illustrative, not the
official boundary of the city's revitalisation programme).

Idempotent: people are looked up by PESEL (or document number), the rest by natural keys.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wsparcie.core.models import Organisation
from wsparcie.core.pesel import make
from wsparcie.people import services
from wsparcie.people.models import DisabilityCertificate, Household, IncomeRecord, NamedArea, Person, Relation

ACTOR = "demo-loader"

PLACES = {
    "mops-plock": (
        "Płock",
        "1462011",
        "09-400",
        ["ul. Tumska", "ul. Grodzka", "ul. Kolegialna", "ul. Bielska", "ul. Sienkiewicza"],
    ),
    "mops-sopot": (
        "Sopot",
        "2264011",
        "81-701",
        ["ul. Kolejowa", "ul. Niepodległości", "ul. Chopina", "ul. 3 Maja", "ul. Reja"],
    ),
    "powiat-plocki": ("Słupno", "", "09-472", ["ul. Główna", "ul. Płocka", "ul. Szkolna", "ul. Leśna", "ul. Polna"]),
    "mops-wroclaw": (
        "Wrocław",
        "0264011",
        "50-502",
        ["ul. Hubska", "ul. Strzegomska", "ul. Legnicka", "ul. Traugutta", "ul. Ślężna"],
    ),
    "mopr-slupsk": (
        "Słupsk",
        "2263011",
        "76-200",
        ["ul. Wojska Polskiego", "ul. Długa", "ul. Tuwima", "ul. Słoneczna", "ul. Bałtycka"],
    ),
}
ORG_SERIAL = {"mops-plock": 100, "mops-sopot": 200, "powiat-plocki": 300, "mops-wroclaw": 400, "mopr-slupsk": 500}

SLUPSK_AREA = {
    "code": "obszar-rewitalizowany",
    "name": "Obszar rewitalizowany Miasta Słupska",
    "description": (
        "Centrum miasta wraz z ościennymi dzielnicami (projekt „Usługi społeczne – innowacyjne i kompleksowe wsparcie "
        "na rzecz mieszkańców obszaru rewitalizowanego Miasta Słupska”). Lista ulic w danych demonstracyjnych jest "
        "przykładowa: wpisz ulice z uchwały o obszarze rewitalizacji."
    ),
    "teryt_codes": ["2263011"],
    "streets": [
        "Wojska Polskiego",
        "Długa",
        "Tuwima",
        "Nowy Rynek",
        "Stary Rynek",
        "Jedności Narodowej",
        "Kilińskiego",
        "Mickiewicza",
        "Szarych Szeregów",
        "Zamenhofa",
        "Grottgera",
        "Krzywa",
        "Norwida",
        "Partyzantów",
        "Piekarska",
    ],
}

# Surnames per organisation (masculine, feminine) so the five registries differ.
SURNAMES = {
    "mops-plock": [
        ("Kowalski", "Kowalska"),
        ("Wiśniewski", "Wiśniewska"),
        ("Zieliński", "Zielińska"),
        ("Dąbrowski", "Dąbrowska"),
        ("Mazur", "Mazur"),
        ("Król", "Król"),
    ],
    "mops-sopot": [
        ("Kaszubowski", "Kaszubowska"),
        ("Formela", "Formela"),
        ("Bigus", "Bigus"),
        ("Labuda", "Labuda"),
        ("Czapiewski", "Czapiewska"),
        ("Lewandowski", "Lewandowska"),
    ],
    "powiat-plocki": [
        ("Wójcik", "Wójcik"),
        ("Kamiński", "Kamińska"),
        ("Szymański", "Szymańska"),
        ("Pawlak", "Pawlak"),
        ("Michalak", "Michalak"),
        ("Sikora", "Sikora"),
    ],
    "mops-wroclaw": [
        ("Nowicki", "Nowicka"),
        ("Walczak", "Walczak"),
        ("Baran", "Baran"),
        ("Górski", "Górska"),
        ("Rutkowski", "Rutkowska"),
        ("Wróbel", "Wróbel"),
    ],
    "mopr-slupsk": [
        ("Jabłoński", "Jabłońska"),
        ("Ostrowski", "Ostrowska"),
        ("Zawadzki", "Zawadzka"),
        ("Sadowski", "Sadowska"),
        ("Duda", "Duda"),
        ("Kozłowski", "Kozłowska"),
    ],
}

# Households: (key, members, relations, income (per person, established)). A member is
# (key, first name, sex, birth date, certificates); a certificate is a dict for
# ``services.certificate_create``. Relations: (person key, relative key, kind, cares).
C_PERMANENT_SIGNIFICANT = {
    "kind": "adult",
    "degree": "significant",
    "symbols": ["05-R", "10-N"],
    "issued_on": dt.date(2019, 4, 1),
}
C_MODERATE_2027 = {
    "kind": "adult",
    "degree": "moderate",
    "symbols": ["07-S"],
    "issued_on": dt.date(2022, 9, 1),
    "valid_until": dt.date(2027, 8, 31),
}
C_MILD = {
    "kind": "adult",
    "degree": "mild",
    "symbols": ["03-L"],
    "issued_on": dt.date(2021, 1, 15),
    "valid_until": dt.date(2026, 1, 31),
}
C_EXPIRED = {
    "kind": "adult",
    "degree": "moderate",
    "symbols": ["02-P"],
    "issued_on": dt.date(2017, 3, 1),
    "valid_until": dt.date(2022, 2, 28),
}
C_RENEWED = {"kind": "adult", "degree": "significant", "symbols": ["02-P"], "issued_on": dt.date(2022, 3, 10)}
C_CHILD_78 = {
    "kind": "child",
    "indications": True,
    "symbols": [],
    "issued_on": dt.date(2021, 6, 1),
    "valid_until": dt.date(2029, 5, 31),
}
C_CHILD = {
    "kind": "child",
    "indications": False,
    "symbols": [],
    "issued_on": dt.date(2022, 2, 1),
    "valid_until": dt.date(2027, 1, 31),
}
C_GROUP_II = {"kind": "equivalent", "equivalent_type": "group_ii", "symbols": [], "issued_on": dt.date(1996, 5, 20)}
C_ZUS_TOTAL = {
    "kind": "equivalent",
    "equivalent_type": "zus_total_independent",
    "symbols": [],
    "issued_on": dt.date(2018, 11, 5),
}
C_KRUS = {"kind": "equivalent", "equivalent_type": "krus_care", "symbols": [], "issued_on": dt.date(2015, 7, 1)}

HOUSEHOLDS = [
    (
        "senior-alone",
        [("a", "Stanisława", "female", dt.date(1938, 2, 11), [C_PERMANENT_SIGNIFICANT])],
        [],
        ("1180.00", dt.date(2025, 3, 1)),
    ),
    (
        "couple",
        [
            ("w", "Krystyna", "female", dt.date(1946, 7, 23), [C_MODERATE_2027]),
            ("h", "Henryk", "male", dt.date(1944, 1, 30), []),
        ],
        [("h", "w", "spouse", True)],
        ("1350.00", dt.date(2025, 2, 10)),
    ),
    (
        "family-78",
        [
            ("m", "Katarzyna", "female", dt.date(1986, 5, 4), []),
            ("f", "Marcin", "male", dt.date(1984, 10, 12), []),
            ("c", "Zuzanna", "female", dt.date(2016, 9, 9), [C_CHILD_78]),
            ("s", "Antoni", "male", dt.date(2019, 3, 3), []),
        ],
        [
            ("f", "m", "spouse", False),
            ("m", "c", "parent", True),
            ("f", "c", "parent", False),
            ("m", "s", "parent", False),
            ("f", "s", "parent", False),
        ],
        ("780.00", dt.date(2025, 4, 1)),
    ),
    (
        "single-mother",
        [
            ("m", "Magdalena", "female", dt.date(1990, 12, 1), []),
            ("c", "Kacper", "male", dt.date(2013, 11, 20), [C_CHILD]),
        ],
        [("m", "c", "parent", True)],
        ("1190.00", dt.date(2025, 1, 20)),
    ),
    (
        "old-parent",
        [
            ("p", "Janina", "female", dt.date(1933, 4, 14), [C_KRUS]),
            ("d", "Elżbieta", "female", dt.date(1961, 8, 2), []),
        ],
        [("d", "p", "child", True)],
        ("1650.00", dt.date(2024, 11, 15)),
    ),
    ("equivalent", [("a", "Tadeusz", "male", dt.date(1957, 6, 6), [C_GROUP_II])], [], ("940.00", dt.date(2025, 5, 5))),
    (
        "zus",
        [
            ("a", "Grzegorz", "male", dt.date(1969, 2, 2), [C_ZUS_TOTAL]),
            ("b", "Beata", "female", dt.date(1971, 3, 17), []),
        ],
        [("b", "a", "spouse", True)],
        ("1020.00", dt.date(2025, 2, 20)),
    ),
    ("renewed", [("a", "Ryszard", "male", dt.date(1975, 9, 29), [C_EXPIRED, C_RENEWED])], [], None),
    ("mild", [("a", "Dorota", "female", dt.date(1980, 1, 8), [C_MILD])], [], ("2300.00", dt.date(2025, 3, 3))),
    (
        "seniors-60",
        [("a", "Zbigniew", "male", dt.date(1963, 12, 24), []), ("b", "Halina", "female", dt.date(1958, 5, 19), [])],
        [("a", "b", "spouse", False)],
        ("1480.00", dt.date(2025, 6, 1)),
    ),
    (
        "senior-75",
        [("a", "Władysław", "male", dt.date(1948, 3, 8), [C_PERMANENT_SIGNIFICANT])],
        [],
        ("990.00", dt.date(2025, 1, 10)),
    ),
    (
        "guardian",
        [("g", "Andrzej", "male", dt.date(1970, 4, 4), []), ("w", "Paweł", "male", dt.date(1995, 7, 7), [C_ZUS_TOTAL])],
        [("g", "w", "legal_guardian", True)],
        None,
    ),
    ("young-adult", [("a", "Natalia", "female", dt.date(2001, 10, 30), [])], [], ("2800.00", dt.date(2025, 2, 2))),
    (
        "senior-woman",
        [("a", "Helena", "female", dt.date(1941, 11, 11), [C_MODERATE_2027])],
        [],
        ("1210.00", dt.date(2025, 4, 4)),
    ),
]


def _get_or_create_person(
    actor, org: Organisation, serial: int, first: str, sex: str, birth: dt.date, surname: tuple, address: dict
) -> Person:
    pesel = make(birth, serial, sex)
    person = Person.objects.filter(organisation=org, pesel=pesel).first()
    if person is None:
        person = services.person_create(
            actor=actor,
            organisation=org,
            pesel=pesel,
            first_name=first,
            last_name=surname[1] if sex == "female" else surname[0],
            phone=f"600 {serial:03d} {birth.day:02d}{birth.month:02d}"[:15],
            **address,
        )
    return person


def _household(actor, org: Organisation, name: str) -> Household:
    household = Household.objects.filter(organisation=org, name=name).first()
    return household or services.household_create(actor=actor, organisation=org, name=name)


def _certificate(actor, person: Person, data: dict) -> None:
    if not DisabilityCertificate.objects.filter(person=person, kind=data["kind"], issued_on=data["issued_on"]).exists():
        services.certificate_create(
            actor=actor, person=person, issuer="Powiatowy Zespół do Spraw Orzekania o Niepełnosprawności", **data
        )


def load_organisation(org: Organisation, actor=ACTOR) -> None:
    city, teryt, postal, streets = PLACES[org.slug]
    surnames = SURNAMES[org.slug]
    base = ORG_SERIAL[org.slug]
    for index, (key, members, relations, income) in enumerate(HOUSEHOLDS):
        surname = surnames[index % len(surnames)]
        address = {
            "street": f"{streets[index % len(streets)]} {index * 3 + 1}/{index + 2}",
            "postal_code": postal,
            "city": city,
            "teryt": teryt,
        }
        people = {}
        for offset, (member_key, first, sex, birth, certificates) in enumerate(members):
            person = _get_or_create_person(actor, org, base + index * 5 + offset, first, sex, birth, surname, address)
            people[member_key] = person
            for cert in certificates:
                _certificate(actor, person, cert)
        if len(members) > 1:
            household = _household(actor, org, f"Gospodarstwo {surname[0]} ({key})")
            for person in people.values():
                services.person_set_household(actor=actor, person=person, household=household)
        for a, b, kind, cares in relations:
            if not Relation.objects.filter(person=people[a], relative=people[b], kind=kind).exists():
                services.relation_create(
                    actor=actor, person=people[a], relative=people[b], kind=kind, is_caregiver=cares
                )
        if income is not None:
            head = next(iter(people.values()))
            amount, established = income
            if not IncomeRecord.objects.filter(person=head, established_on=established).exists():
                services.income_record_create(
                    actor=actor,
                    person=head,
                    established_on=established,
                    household_size=len(members),
                    income_per_person=Decimal(amount),
                )
    # A foreigner without a PESEL.
    document = f"FX{base:03d}4411"
    if not Person.objects.filter(organisation=org, other_id_number=document).exists():
        services.person_create(
            actor=actor,
            organisation=org,
            pesel="",
            other_id_type="paszport",
            other_id_number=document,
            first_name="Olena",
            last_name="Kovalenko",
            birth_date=dt.date(1979, 8, 14),
            sex="female",
            citizenship="UA",
            street=f"{streets[0]} 40/1",
            postal_code=postal,
            city=city,
            teryt=teryt,
        )


def load_duplicates(org: Organisation, actor=ACTOR) -> None:
    """Two records that look like one person (a typo in the surname), for the duplicates review."""
    birth = dt.date(1952, 8, 17)
    address = {"street": "ul. Kolegialna 9", "postal_code": "09-400", "city": "Płock", "teryt": "1462011"}
    _get_or_create_person(actor, org, 190, "Jerzy", "male", birth, ("Lewandowski", "Lewandowska"), address)
    _get_or_create_person(actor, org, 191, "Jerzy", "male", birth, ("Lewandowsky", "Lewandowska"), address)


def load(actor=ACTOR) -> None:
    organisations = {org.slug: org for org in Organisation.objects.filter(slug__in=PLACES)}
    slupsk = organisations.get("mopr-slupsk")
    if slupsk is not None and not NamedArea.objects.filter(organisation=slupsk, code=SLUPSK_AREA["code"]).exists():
        services.named_area_create(actor=actor, organisation=slupsk, **SLUPSK_AREA)
    for slug in PLACES:
        if slug in organisations:
            load_organisation(organisations[slug], actor)
    if "mops-plock" in organisations:
        load_duplicates(organisations["mops-plock"], actor)
