"""Demo data of recruitment: the eligibility criteria of the seed programmes of MOPS Płock
(shared/seeds/000), made-up people who pass and who fail each, and applications (participants,
a waiting list, refused and rejected ones) so the pages show something.

Idempotent: criteria are synchronised by code, people found by PESEL, certificates, relations,
incomes and applications by their natural keys; a second run neither fails nor duplicates.
All names and PESEL numbers are invented (``core.pesel.make``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wsparcie.core import pesel
from wsparcie.core.models import Organisation
from wsparcie.core.services import create_object
from wsparcie.enrolment import services
from wsparcie.enrolment.models import Application, EligibilityCriterion
from wsparcie.people import services as people_services
from wsparcie.people.models import DisabilityCertificate, IncomeCriterion, IncomeRecord, Person, Relation
from wsparcie.programmes.models import Programme

ACTOR = "demo-loader"
ORG = "mops-plock"
PLOCK = "1462011"
D = dt.date

AGE_65 = {"code": "wiek", "name": "Wiek: 65 lat i więcej", "kind": "age", "params": {"min": 65}}
AGE_60 = {"code": "wiek", "name": "Wiek: 60 lat i więcej", "kind": "age", "params": {"min": 60}}
IN_PLOCK = {
    "code": "zamieszkanie",
    "name": "Zamieszkanie w Płocku",
    "kind": "residence",
    "params": {"teryt": [PLOCK], "label": "Płock"},
}
SIGNIFICANT_OR_MODERATE = {
    "code": "orzeczenie",
    "name": "Orzeczenie o znacznym lub umiarkowanym stopniu niepełnosprawności (lub równoważne)",
    "kind": "certificate",
    "params": {"degrees": ["significant", "moderate"], "equivalents": True},
}
RESPITE = {
    "code": "opiekun",
    "name": "Członek rodziny lub opiekun sprawujący bezpośrednią opiekę nad osobą z niepełnosprawnością",
    "kind": "caregiver_of",
    "params": {},
    "children": [
        {
            "code": "podopieczny",
            "name": "Podopieczny: dziecko z orzeczeniem o niepełnosprawności albo osoba ze znacznym stopniem (lub równoważnym)",
            "kind": "certificate",
            "params": {"degrees": ["significant"], "equivalents": True, "child": "any", "child_under": 16},
        }
    ],
}

#: programme slug -> (criteria, date on which the demo evaluates and qualifies)
CRITERIA: dict[str, tuple[list[dict], dt.date]] = {
    "korpus-wsparcia-seniorow-2023": ([AGE_65, IN_PLOCK], D(2023, 6, 1)),
    "korpus-wsparcia-seniorow-2022": ([AGE_65], D(2022, 5, 1)),
    "teleopieka-pilotaz": ([AGE_60], D(2020, 3, 1)),
    "asystent-osobisty-2021": (
        [
            {
                "code": "orzeczenie",
                "name": (
                    "Dziecko do 16 lat z orzeczeniem ze wskazaniami pkt 7 i 8 albo osoba ze znacznym lub "
                    "umiarkowanym stopniem niepełnosprawności (lub orzeczeniem równoważnym)"
                ),
                "kind": "certificate",
                "params": {
                    "degrees": ["significant", "moderate"],
                    "equivalents": True,
                    "child": "with_indications",
                    "child_under": 16,
                },
            }
        ],
        D(2021, 3, 1),
    ),
    "asystent-osobisty-2022": ([SIGNIFICANT_OR_MODERATE], D(2022, 3, 1)),
    "asystent-osobisty-2023": ([SIGNIFICANT_OR_MODERATE], D(2023, 3, 1)),
    "opieka-wytchnieniowa-2020": ([RESPITE], D(2020, 7, 1)),
    "opieka-wytchnieniowa-2021": ([RESPITE], D(2021, 6, 1)),
    "opieka-wytchnieniowa-2022": ([RESPITE], D(2022, 5, 1)),
    "opieka-wytchnieniowa-2023": ([RESPITE], D(2023, 3, 1)),
    "uslugi-opiekuncze-2020": (
        [
            {
                "code": "adresaci",
                "name": "Adresaci wsparcia (jeden z wariantów)",
                "kind": "any_of",
                "children": [
                    {
                        "code": "dorosly",
                        "name": "Osoba do 75 lat ze znacznym stopniem niepełnosprawności lub równoważnym",
                        "kind": "all_of",
                        "children": [
                            {"code": "wiek-do-75", "name": "Wiek do 75 lat", "kind": "age", "params": {"max": 75}},
                            {
                                "code": "stopien-znaczny",
                                "name": "Orzeczenie o znacznym stopniu (lub równoważne)",
                                "kind": "certificate",
                                "params": {"degrees": ["significant"], "equivalents": True},
                            },
                        ],
                    },
                    {
                        "code": "dziecko",
                        "name": "Dziecko do 16 lat z orzeczeniem ze wskazaniami pkt 7 i 8",
                        "kind": "certificate",
                        "params": {"child": "with_indications", "child_under": 16},
                    },
                ],
            }
        ],
        D(2020, 7, 1),
    ),
    "posilek-w-szkole-i-w-domu-2021": (
        [
            {
                "code": "dochod",
                "name": "Dochód do 150% kryterium z art. 8 ustawy o pomocy społecznej",
                "kind": "income",
                "params": {"percent": 150},
            }
        ],
        D(2021, 3, 1),
    ),
    "smartcare": (
        [
            {
                "code": "orzeczenie",
                "name": "Orzeczenie o niepełnosprawności (dowolny stopień lub równoważne)",
                "kind": "certificate",
                "params": {"degrees": ["significant", "moderate", "mild"], "equivalents": True},
            },
            {
                "code": "potrzeba-uslug",
                "name": "Potrzeba usług opiekuńczych lub asystenckich (ocena pracownika socjalnego)",
                "kind": "social_worker_judgement",
                "params": {
                    "question": "Czy osoba korzysta z pomocy MOPS i potrzebuje usług opiekuńczych lub asystenckich, "
                    "by funkcjonować w swoim środowisku?"
                },
            },
        ],
        D(2019, 1, 15),
    ),
}

#: The statutory criterion before 2022 (rozporządzenie RM z 11.07.2018 w sprawie zweryfikowanych
#: kryteriów dochodowych oraz kwot świadczeń pieniężnych z pomocy społecznej, Dz.U. 2018 poz. 1358,
#: from 1.10.2018: 701 zł for a person alone, 528 zł per person in a family; as published by
#: OPS Andrychów and GOPS Domanice), needed to evaluate the 2021 edition of Posiłek.
CRITERION_2018 = (D(2018, 10, 1), Decimal("701.00"), Decimal("528.00"))

# key: (first name, last name, birth date, sex, teryt, serial for the PESEL)
PEOPLE = {
    "halina": ("Halina", "Wiśniewska", D(1948, 3, 12), "female", PLOCK, 701),
    "zbigniew": ("Zbigniew", "Kaczmarek", D(1961, 9, 30), "male", PLOCK, 702),
    "teresa": ("Teresa", "Lewandowska", D(1945, 1, 20), "female", "1465011", 703),
    "stanislaw": ("Stanisław", "Pawlak", D(1958, 5, 5), "male", PLOCK, 704),
    "julia": ("Julia", "Mazur", D(2012, 4, 10), "female", PLOCK, 705),
    "kacper": ("Kacper", "Mazur", D(2014, 8, 2), "male", PLOCK, 706),
    "ewa": ("Ewa", "Mazur", D(1984, 6, 18), "female", PLOCK, 707),
    "marek": ("Marek", "Dąbrowski", D(1979, 11, 11), "male", PLOCK, 708),
    "anna": ("Anna", "Zając", D(1985, 2, 14), "female", PLOCK, 709),
    "jozef": ("Józef", "Król", D(1956, 7, 7), "male", PLOCK, 710),
    "krzysztof": ("Krzysztof", "Nowicki", D(1955, 3, 3), "male", PLOCK, 711),
    "barbara": ("Barbara", "Nowicka", D(1957, 10, 21), "female", PLOCK, 712),
    "agnieszka": ("Agnieszka", "Wójcik", D(1970, 12, 1), "female", PLOCK, 713),
    "helena": ("Helena", "Kamińska", D(1940, 5, 9), "female", PLOCK, 714),
    "irena": ("Irena", "Szymańska", D(1950, 2, 2), "female", PLOCK, 715),
    "tomasz": ("Tomasz", "Woźniak", D(1975, 4, 27), "male", PLOCK, 716),
    "pawel": ("Paweł", "Kozłowski", D(1990, 9, 9), "male", PLOCK, 717),
}

# (person, kind, degree, equivalent type, indications, issued, valid until, symbols)
CERTIFICATES = [
    ("julia", "child", "", "", True, D(2018, 5, 10), D(2028, 4, 30), ["10-N"]),
    ("kacper", "child", "", "", False, D(2019, 9, 1), D(2024, 8, 31), ["03-L"]),
    ("marek", "adult", "moderate", "", False, D(2019, 1, 15), None, ["05-R"]),
    ("anna", "adult", "mild", "", False, D(2020, 2, 1), D(2025, 1, 31), ["07-S"]),
    ("jozef", "equivalent", "", "group_ii", False, D(1995, 6, 1), None, []),
    ("barbara", "adult", "significant", "", False, D(2016, 3, 1), None, ["10-N", "05-R"]),
    ("helena", "adult", "significant", "", False, D(2015, 9, 1), None, ["04-O"]),
]

# (person, relative, kind, is caregiver)
RELATIONS = [
    ("ewa", "julia", "parent", True),
    ("ewa", "kacper", "parent", True),
    ("krzysztof", "barbara", "spouse", True),
    ("agnieszka", "anna", "actual_caregiver", True),
]

# (person, established on, household size, income per person)
INCOMES = [
    ("irena", D(2021, 1, 12), 1, Decimal("900.00")),
    ("tomasz", D(2021, 1, 20), 3, Decimal("1200.00")),
]

# programme slug -> [(person, what to do)]: "enrol" (qualified with the declaration signed),
# "submit" (stays submitted: the page shows why the person fails), ("reject", reason)
APPLICATIONS = {
    "korpus-wsparcia-seniorow-2023": [
        ("halina", "enrol"),
        ("stanislaw", "enrol"),
        ("zbigniew", "submit"),
        ("teresa", ("reject", "Osoba mieszka poza Płockiem (gmina 1465011); program jest dla mieszkańców Płocka.")),
    ],
    "asystent-osobisty-2023": [("marek", "enrol"), ("jozef", "enrol"), ("anna", "submit")],
    "asystent-osobisty-2021": [("julia", "enrol"), ("kacper", "submit")],
    "uslugi-opiekuncze-2020": [("barbara", "enrol"), ("julia", "enrol"), ("helena", "submit")],
    "opieka-wytchnieniowa-2023": [("ewa", "enrol"), ("krzysztof", "enrol"), ("agnieszka", "submit")],
    "posilek-w-szkole-i-w-domu-2021": [("irena", "enrol"), ("tomasz", "submit"), ("pawel", "submit")],
    "teleopieka-pilotaz": [("halina", "enrol"), ("zbigniew", "submit")],
}

#: The edition filled to its planned number, with two more on the waiting list.
WAITING_LIST_PROGRAMME = "opieka-wytchnieniowa-2022"
CAREGIVER_NAMES = [
    ("Małgorzata", "Adamczyk"), ("Jan", "Sikora"), ("Katarzyna", "Baran"), ("Andrzej", "Rutkowski"),
    ("Joanna", "Michalak"), ("Piotr", "Ostrowski"), ("Beata", "Jaworska"), ("Grzegorz", "Wróbel"),
    ("Monika", "Malinowska"), ("Robert", "Pietrzak"), ("Dorota", "Jabłońska"), ("Marcin", "Nowakowski"),
    ("Elżbieta", "Górecka"), ("Adam", "Sadowski"), ("Renata", "Kubiak"), ("Łukasz", "Zalewski"),
]  # fmt: skip


def _person(org: Organisation, first: str, last: str, birth: dt.date, sex: str, teryt: str, serial: int) -> Person:
    number = pesel.make(birth, serial, sex)
    existing = Person.objects.filter(organisation=org, pesel=number).first()
    if existing is not None:
        return existing
    return people_services.person_create(
        actor=ACTOR,
        organisation=org,
        first_name=first,
        last_name=last,
        pesel=number,
        street="ul. Przykładowa 1",
        postal_code="09-400" if teryt == PLOCK else "09-412",
        city="Płock" if teryt == PLOCK else "Radzanowo",
        teryt=teryt,
    )


def _certificate(person, kind, degree, equivalent_type, indications, issued, valid_until, symbols) -> None:
    if DisabilityCertificate.objects.filter(person=person, kind=kind, issued_on=issued).exists():
        return
    people_services.certificate_create(
        actor=ACTOR,
        person=person,
        kind=kind,
        degree=degree,
        equivalent_type=equivalent_type,
        indications=indications,
        issued_on=issued,
        valid_until=valid_until,
        symbols=symbols,
        issuer="Miejski Zespół do Spraw Orzekania o Niepełnosprawności w Płocku" if kind != "equivalent" else "ZUS",
    )


def _relation(person, relative, kind, is_caregiver) -> None:
    if not Relation.objects.filter(person=person, relative=relative, kind=kind).exists():
        people_services.relation_create(
            actor=ACTOR, person=person, relative=relative, kind=kind, is_caregiver=is_caregiver
        )


def _income(person, established_on, household_size, amount) -> None:
    if not IncomeRecord.objects.filter(person=person, established_on=established_on).exists():
        people_services.income_record_create(
            actor=ACTOR,
            person=person,
            established_on=established_on,
            income_per_person=amount,
            household_size=household_size,
        )


def _apply(programme: Programme, person: Person, what, on: dt.date) -> None:
    if Application.objects.filter(programme=programme, person=person).exists():
        return
    application = services.application_submit(actor=ACTOR, programme=programme, person=person, on=on)
    if what == "enrol":
        services.application_qualify(actor=ACTOR, application=application, on=on, declaration_signed_on=on)
    elif isinstance(what, tuple) and what[0] == "reject":
        services.application_reject(actor=ACTOR, application=application, reason=what[1])


def _waiting_list(org: Organisation, programme: Programme, on: dt.date) -> None:
    """Fill the edition's places and put two more caregivers on the waiting list."""
    capacity = programme.planned_participants
    if capacity is None or capacity + 2 > len(CAREGIVER_NAMES):
        return
    for i, (first, last) in enumerate(CAREGIVER_NAMES[: capacity + 2]):
        sex = "female" if first.endswith("a") else "male"
        caregiver = _person(org, first, last, D(1965 + i, 1 + i % 12, 10), sex, PLOCK, 720 + i)
        child_first = "Zofia" if i % 2 else "Antoni"
        child_sex = "female" if i % 2 else "male"
        child = _person(org, child_first, last, D(2012 + i % 6, 2, 1 + i), child_sex, PLOCK, 760 + i)
        _certificate(child, "child", "", "", i % 3 == 0, D(2020, 1, 15), D(2026, 1, 31), ["12-C"])
        _relation(caregiver, child, "parent", True)
        if not Application.objects.filter(programme=programme, person=caregiver).exists():
            application = services.application_submit(actor=ACTOR, programme=programme, person=caregiver, on=on)
            services.application_qualify(actor=ACTOR, application=application, on=on, declaration_signed_on=on)


def load(actor: str = ACTOR) -> None:
    org = Organisation.objects.filter(slug=ORG).first()
    if org is None:
        return
    if not IncomeCriterion.objects.filter(valid_from=CRITERION_2018[0]).exists():
        create_object(
            actor=actor,
            instance=IncomeCriterion(
                valid_from=CRITERION_2018[0],
                single_person=CRITERION_2018[1],
                per_person_in_family=CRITERION_2018[2],
                legal_basis="rozporządzenie Rady Ministrów z 11.07.2018 w sprawie zweryfikowanych kryteriów dochodowych",
            ),
        )
    programmes = {
        p.slug: p for p in Programme.objects.filter(organisation=org, slug__in=[*CRITERIA, WAITING_LIST_PROGRAMME])
    }
    for slug, (spec, _on) in CRITERIA.items():
        if slug in programmes:
            services.criteria_set(actor=actor, programme=programmes[slug], spec=spec)

    people = {key: _person(org, *values) for key, values in PEOPLE.items()}
    for key, *rest in CERTIFICATES:
        _certificate(people[key], *rest)
    for key, relative, kind, caring in RELATIONS:
        _relation(people[key], people[relative], kind, caring)
    for key, *rest in INCOMES:
        _income(people[key], *rest)

    for slug, items in APPLICATIONS.items():
        if slug not in programmes:
            continue
        on = CRITERIA[slug][1]
        for key, what in items:
            _apply(programmes[slug], people[key], what, on)

    if WAITING_LIST_PROGRAMME in programmes:
        _waiting_list(org, programmes[WAITING_LIST_PROGRAMME], CRITERIA[WAITING_LIST_PROGRAMME][1])

    smartcare = programmes.get("smartcare")
    if smartcare is not None:
        criterion = EligibilityCriterion.objects.filter(programme=smartcare, code="potrzeba-uslug").first()
        if criterion is not None and not criterion.decisions.filter(person=people["barbara"]).exists():
            services.decision_record(
                actor=actor,
                criterion=criterion,
                person=people["barbara"],
                passed=True,
                note="Wywiad środowiskowy: porusza się na wózku, mąż pracuje do 16:00; potrzebuje pomocy w ciągu dnia.",
                decided_on=D(2019, 1, 10),
            )
        if not Application.objects.filter(programme=smartcare, person=people["barbara"]).exists():
            services.application_submit(actor=actor, programme=smartcare, person=people["barbara"], on=D(2019, 1, 15))
        if not Application.objects.filter(programme=smartcare, person=people["marek"]).exists():
            services.application_submit(actor=actor, programme=smartcare, person=people["marek"], on=D(2019, 1, 15))
