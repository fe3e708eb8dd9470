"""Realistic synthetic people for benchmarks, tests and demos: any size, deterministic per seed.

People come in households (seniors living alone, couples, families with children, a single parent,
an adult child caring for an old parent) sharing a surname and an address; ages and sexes match
valid PESEL numbers (``wsparcie.core.pesel.make``); some have disability certificates (children's
with or without the indications of points 7 and 8, adult ones of each degree, equivalents; some
expired, some permanent) and households have incomes around the statutory criterion.

Use:
    python bench/people_generator.py 100000 people.csv [--seed 0] [--delimiter ';'] [--bom]
    from bench.people_generator import people, write_csv, load_people
    load_people(cursor_or_url, organisation_id, 1_000_000, seed=0)   # COPY into the registry

PESEL numbers are unique per seed and organisation as long as fewer than 100 people share a birth
date and sex (true up to several million people); ``load_people`` with different seeds into one
organisation therefore never collides for seeds 0-9.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from wsparcie.core.pesel import make as make_pesel  # noqa: E402

REFERENCE_DATE = dt.date(2025, 6, 30)

FEMALE_NAMES = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Zofia",
    "Teresa",
    "Danuta",
    "Janina",
    "Joanna",
    "Magdalena",
    "Monika",
    "Jadwiga",
    "Halina",
    "Irena",
    "Stanisława",
    "Helena",
    "Beata",
    "Dorota",
    "Aleksandra",
    "Natalia",
    "Julia",
    "Zuzanna",
    "Hanna",
    "Maja",
    "Lena",
    "Alicja",
    "Wiktoria",
    "Oliwia",
    "Jolanta",
    "Grażyna",
    "Bożena",
    "Urszula",
    "Marianna",
    "Genowefa",
    "Wanda",
]
MALE_NAMES = [
    "Jan",
    "Piotr",
    "Andrzej",
    "Krzysztof",
    "Stanisław",
    "Tomasz",
    "Paweł",
    "Józef",
    "Marcin",
    "Marek",
    "Michał",
    "Grzegorz",
    "Jerzy",
    "Tadeusz",
    "Adam",
    "Łukasz",
    "Zbigniew",
    "Ryszard",
    "Dariusz",
    "Henryk",
    "Mariusz",
    "Kazimierz",
    "Wojciech",
    "Robert",
    "Mateusz",
    "Jakub",
    "Kacper",
    "Antoni",
    "Szymon",
    "Filip",
    "Franciszek",
    "Aleksander",
    "Mikołaj",
    "Wiesław",
    "Edward",
    "Czesław",
    "Bogdan",
    "Władysław",
    "Leon",
    "Igor",
]
# (masculine, feminine) surname forms.
SURNAMES = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Nowakowski", "Nowakowska"),
    ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"),
    ("Nowicki", "Nowicka"),
    ("Adamczyk", "Adamczyk"),
    ("Dudek", "Dudek"),
    ("Zając", "Zając"),
    ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"),
    ("Król", "Król"),
    ("Majewski", "Majewska"),
    ("Olszewski", "Olszewska"),
    ("Jaworski", "Jaworska"),
    ("Wróbel", "Wróbel"),
    ("Malinowski", "Malinowska"),
    ("Pawlak", "Pawlak"),
    ("Witkowski", "Witkowska"),
    ("Walczak", "Walczak"),
    ("Stępień", "Stępień"),
    ("Górski", "Górska"),
    ("Rutkowski", "Rutkowska"),
    ("Michalak", "Michalak"),
    ("Sikora", "Sikora"),
    ("Ostrowski", "Ostrowska"),
    ("Baran", "Baran"),
    ("Duda", "Duda"),
    ("Szewczyk", "Szewczyk"),
    ("Tomaszewski", "Tomaszewska"),
    ("Pietrzak", "Pietrzak"),
    ("Marciniak", "Marciniak"),
    ("Wróblewski", "Wróblewska"),
    ("Zalewski", "Zalewska"),
    ("Jakubowski", "Jakubowska"),
    ("Jasiński", "Jasińska"),
    ("Zawadzki", "Zawadzka"),
    ("Sadowski", "Sadowska"),
    ("Bąk", "Bąk"),
    ("Chmielewski", "Chmielewska"),
    ("Włodarczyk", "Włodarczyk"),
    ("Borkowski", "Borkowska"),
    ("Czarnecki", "Czarnecka"),
    ("Sawicki", "Sawicka"),
]


@dataclass(frozen=True)
class Place:
    city: str
    teryt: str
    postal_codes: tuple[str, ...]
    streets: tuple[str, ...]


PLACES = {
    "mops-plock": Place(
        "Płock",
        "1462011",
        ("09-400", "09-401", "09-402", "09-407", "09-409", "09-410", "09-411"),
        (
            "ul. Tumska",
            "ul. Kolegialna",
            "ul. Grodzka",
            "ul. Jachowicza",
            "ul. Sienkiewicza",
            "ul. Bielska",
            "ul. Kościuszki",
            "al. Jachowicza",
            "ul. Dobrzyńska",
            "ul. Wyszogrodzka",
            "ul. Otolińska",
            "ul. Gwardii Ludowej",
            "ul. Kochanowskiego",
            "ul. Łukasiewicza",
            "ul. Mickiewicza",
            "ul. Kilińskiego",
            "ul. Norbertańska",
            "ul. Miodowa",
            "ul. Nowe Rydzyny",
            "ul. Padlewskiego",
            "ul. Harcerska",
            "ul. Zgliczyńskiego",
        ),
    ),
    "mops-sopot": Place(
        "Sopot",
        "2264011",
        ("81-701", "81-703", "81-704", "81-706", "81-710", "81-712", "81-717", "81-741"),
        (
            "ul. Bohaterów Monte Cassino",
            "ul. Kolejowa",
            "ul. Niepodległości",
            "ul. Grunwaldzka",
            "ul. Armii Krajowej",
            "ul. Chopina",
            "ul. Kościuszki",
            "ul. 3 Maja",
            "ul. Haffnera",
            "ul. Jana z Kolna",
            "ul. Kraszewskiego",
            "ul. Mickiewicza",
            "ul. Obrońców Westerplatte",
            "ul. Polna",
            "ul. Reja",
            "ul. Władysława IV",
        ),
    ),
    "mops-wroclaw": Place(
        "Wrocław",
        "0264011",
        ("50-502", "50-001", "50-136", "50-365", "51-116", "52-129", "53-332", "54-204"),
        (
            "ul. Hubska",
            "ul. Strzegomska",
            "ul. Legnicka",
            "ul. Grabiszyńska",
            "ul. Piłsudskiego",
            "ul. Kościuszki",
            "ul. Traugutta",
            "ul. Jedności Narodowej",
            "ul. Nowowiejska",
            "ul. Ślężna",
            "ul. Powstańców Śląskich",
            "ul. Krzywoustego",
            "ul. Kasprowicza",
            "ul. Żmigrodzka",
            "ul. Borowska",
            "ul. Hallera",
        ),
    ),
    "mopr-slupsk": Place(
        "Słupsk",
        "2263011",
        ("76-200", "76-201", "76-203", "76-204", "76-206"),
        (
            "ul. Wojska Polskiego",
            "ul. Mickiewicza",
            "ul. Kilińskiego",
            "ul. Jedności Narodowej",
            "ul. Tuwima",
            "ul. Długa",
            "ul. Nowy Rynek",
            "ul. Szarych Szeregów",
            "ul. Słoneczna",
            "ul. Grunwaldzka",
            "ul. Bałtycka",
            "ul. Kaszubska",
            "ul. Szczecińska",
            "ul. Westerplatte",
            "ul. Zielona",
            "ul. Sobieskiego",
        ),
    ),
    # The county (powiat płocki): villages; no TERYT is given here (the codes were not verified).
    "powiat-plocki": Place(
        "Słupno",
        "",
        ("09-472", "09-460", "09-410", "09-411"),
        ("ul. Główna", "ul. Płocka", "ul. Kościelna", "ul. Szkolna", "ul. Polna", "ul. Leśna", "ul. Ogrodowa"),
    ),
}

SYMBOLS = ["01-U", "02-P", "03-L", "04-O", "05-R", "06-E", "07-S", "08-T", "09-M", "10-N", "11-I", "12-C"]
EQUIVALENTS = [
    ("group_i", "significant"),
    ("zus_total_independent", "significant"),
    ("krus_care", "significant"),
    ("group_ii", "moderate"),
    ("zus_total", "moderate"),
    ("group_iii", "mild"),
    ("zus_partial", "mild"),
    ("krus", "mild"),
]


@dataclass
class Certificate:
    kind: str
    degree: str
    equivalent_type: str
    symbols: list[str]
    indications: bool
    issued_on: dt.date
    valid_until: dt.date | None


@dataclass
class Person:
    pesel: str
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: str
    street: str
    postal_code: str
    city: str
    teryt: str
    phone: str = ""
    certificates: list[Certificate] = field(default_factory=list)

    def row(self) -> dict[str, str]:
        return {
            "pesel": self.pesel,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city,
            "teryt": self.teryt,
        }


@dataclass
class Household:
    members: list[Person]
    # (index of person, index of relative, kind, is_caregiver): members[i] is <kind> of members[j]
    relations: list[tuple[int, int, str, bool]]
    income_per_person: Decimal | None
    income_established_on: dt.date | None


CSV_COLUMNS = ["pesel", "first_name", "last_name", "birth_date", "sex", "street", "postal_code", "city", "teryt"]


class Generator:
    def __init__(self, seed: int = 0, place: Place | str = "mops-plock", on: dt.date = REFERENCE_DATE):
        self.rng = random.Random(seed)
        self.place = PLACES[place] if isinstance(place, str) else place
        self.on = on
        self.serial_base = (seed % 10) * 100
        self.serials: dict[tuple[dt.date, str], int] = {}

    # -- one person
    def birth_date(self, age_from: int, age_to: int) -> dt.date:
        age = self.rng.randint(age_from, age_to)
        born = self.on.replace(year=self.on.year - age) if not (self.on.month == 2 and self.on.day == 29) else self.on
        return born - dt.timedelta(days=self.rng.randint(0, 364))

    def pesel(self, birth: dt.date, sex: str) -> str:
        key = (birth, sex)
        count = self.serials.get(key, 0)
        self.serials[key] = count + 1
        if count >= 1000:
            raise ValueError(f"More than 1000 people born on {birth} of one sex: PESEL serials exhausted.")
        return make_pesel(birth, (self.serial_base + count) % 1000, sex)

    def person(self, sex: str, surname: tuple[str, str], age_from: int, age_to: int, address) -> Person:
        birth = self.birth_date(age_from, age_to)
        first = self.rng.choice(FEMALE_NAMES if sex == "female" else MALE_NAMES)
        last = surname[1] if sex == "female" else surname[0]
        phone = (
            f"{self.rng.choice('5678')}{self.rng.randint(10_000_000, 99_999_999)}" if self.rng.random() < 0.6 else ""
        )
        person = Person(self.pesel(birth, sex), first, last, birth, sex, *address, phone=phone)
        self.maybe_certificate(person)
        return person

    def address(self) -> tuple[str, str, str, str]:
        rng = self.rng
        street = f"{rng.choice(self.place.streets)} {rng.randint(1, 120)}"
        if rng.random() < 0.6:
            street += f"/{rng.randint(1, 60)}"
        return street, rng.choice(self.place.postal_codes), self.place.city, self.place.teryt

    def maybe_certificate(self, person: Person) -> None:
        rng = self.rng
        age = self.on.year - person.birth_date.year
        chance = (
            0.0
            if (self.on - person.birth_date).days < 400
            else 0.06
            if age < 16
            else 0.08
            if age < 60
            else 0.2
            if age < 75
            else 0.35
        )
        if rng.random() >= chance:
            return
        issued = max(person.birth_date + dt.timedelta(days=200), self.on - dt.timedelta(days=rng.randint(30, 3650)))
        if age < 16:
            valid_until = min(
                person.birth_date.replace(year=person.birth_date.year + 16) - dt.timedelta(days=1),
                issued + dt.timedelta(days=rng.choice([730, 1095, 1825])),
            )
            if valid_until < issued:
                valid_until = issued
            person.certificates.append(Certificate("child", "", "", [], rng.random() < 0.4, issued, valid_until))
            return
        symbols = rng.sample(SYMBOLS, rng.choice([1, 1, 1, 2, 2, 3]))
        if rng.random() < 0.15:
            equivalent_type, degree = rng.choice(EQUIVALENTS)
            kind, symbols = "equivalent", []
        else:
            kind, equivalent_type = "adult", ""
            degree = rng.choices(["significant", "moderate", "mild"], weights=[30, 45, 25])[0]
        valid_until = None if rng.random() < 0.5 else issued + dt.timedelta(days=rng.choice([365, 730, 1095, 1825]))
        person.certificates.append(Certificate(kind, degree, equivalent_type, symbols, False, issued, valid_until))

    # -- households
    def household(self) -> Household:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        address = self.address()
        roll = rng.random()
        relations: list[tuple[int, int, str, bool]] = []
        if roll < 0.30:  # a senior living alone
            members = [self.person(rng.choices(["female", "male"], [65, 35])[0], surname, 65, 98, address)]
        elif roll < 0.50:  # an older couple
            members = [self.person("female", surname, 60, 92, address), self.person("male", surname, 62, 95, address)]
            relations.append((1, 0, "spouse", members[0].certificates != []))
        elif roll < 0.75:  # a family with children
            members = [self.person("female", surname, 24, 48, address), self.person("male", surname, 25, 52, address)]
            relations.append((1, 0, "spouse", False))
            youngest_parent = min(self.on.year - m.birth_date.year for m in members)
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                child = self.person(
                    rng.choice(["female", "male"]), surname, 0, max(0, min(17, youngest_parent - 19)), address
                )
                members.append(child)
                index = len(members) - 1
                cares = bool(child.certificates)
                relations.append((0, index, "parent", cares))
                relations.append((1, index, "parent", False))
        elif roll < 0.85:  # a single parent
            members = [self.person("female", surname, 22, 50, address)]
            youngest_parent = self.on.year - members[0].birth_date.year
            for _ in range(rng.choice([1, 2])):
                child = self.person(
                    rng.choice(["female", "male"]), surname, 0, max(0, min(17, youngest_parent - 18)), address
                )
                members.append(child)
                relations.append((0, len(members) - 1, "parent", bool(child.certificates)))
        elif roll < 0.95:  # an adult child caring for an old parent
            parent = self.person(rng.choices(["female", "male"], [70, 30])[0], surname, 78, 99, address)
            carer = self.person(rng.choice(["female", "male"]), surname, 45, 65, address)
            members = [parent, carer]
            relations.append((1, 0, "child", True))
        else:  # working-age adult alone
            members = [self.person(rng.choice(["female", "male"]), surname, 18, 64, address)]
        if rng.random() < 0.6:
            base = Decimal(rng.randint(350, 3200))
            income = (base + Decimal(rng.randint(0, 99)) / 100).quantize(Decimal("0.01"))
            established = self.on - dt.timedelta(days=rng.randint(0, 700))
        else:
            income, established = None, None
        return Household(members, relations, income, established)

    def households(self, n_people: int) -> Iterator[Household]:
        """Households until exactly ``n_people`` people (the last one may be cut short)."""
        made = 0
        while made < n_people:
            household = self.household()
            if made + len(household.members) > n_people:
                keep = n_people - made
                household.members = household.members[:keep]
                household.relations = [r for r in household.relations if r[0] < keep and r[1] < keep]
            made += len(household.members)
            yield household


def people(n: int, seed: int = 0, place: Place | str = "mops-plock") -> Iterator[Person]:
    for household in Generator(seed, place).households(n):
        yield from household.members


def write_csv(
    target, n: int, seed: int = 0, delimiter: str = ",", bom: bool = False, place: Place | str = "mops-plock"
) -> int:
    """Write ``n`` people as an import file (header names as the API's). ``target``: path or text file."""
    own = isinstance(target, (str, Path))
    handle = open(target, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") if own else target
    try:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        count = 0
        for person in people(n, seed, place):
            row = person.row()
            writer.writerow([row[c] for c in CSV_COLUMNS])
            count += 1
        return count
    finally:
        if own:
            handle.close()


def csv_bytes(n: int, seed: int = 0, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    write_csv(buffer, n, seed, delimiter)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


# --- loading into the database with COPY -----------------------------------------------------


def _cursor(target):
    """(cursor, close) for a connection URL, a psycopg connection or a (Django/psycopg) cursor."""
    if isinstance(target, str):
        import psycopg

        url = target.replace("postgres://", "postgresql://", 1)
        conn = psycopg.connect(url)
        return conn.cursor(), conn
    if hasattr(target, "copy") and hasattr(target, "execute"):
        return target, None
    return target.cursor(), None


def _sql_array(values) -> str:
    return "{" + ",".join(values) + "}"


def load_people(
    target,
    organisation_id: int,
    n: int,
    seed: int = 0,
    place: Place | str = "mops-plock",
    on: dt.date = REFERENCE_DATE,
    chunk: int = 20_000,
) -> dict[str, int]:
    """Load ``n`` synthetic people of ``organisation_id`` straight into the registry with COPY:
    households, persons, relations, certificates and incomes, ``chunk`` people at a time (memory
    stays small for millions). ``target``: a connection URL, a psycopg connection or a cursor
    (e.g. Django's ``connection.cursor()``; then the caller's transaction applies, otherwise the
    load is committed at the end). Bypasses services and the audit trail: benchmarks and test
    fixtures only. Returns counts per table."""
    cursor, own_conn = _cursor(target)
    generator = Generator(seed, place, on)
    now = dt.datetime.now(dt.UTC)
    counts = {"households": 0, "persons": 0, "relations": 0, "certificates": 0, "incomes": 0}
    sequences = {}

    def reserve(table: str, count: int) -> list[int]:
        if table not in sequences:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequences[table] = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequences[table], count])
        return [row[0] for row in cursor.fetchall()]

    households_iter = generator.households(n)
    while True:
        batch, size = [], 0
        for household in households_iter:
            batch.append(household)
            size += len(household.members)
            if size >= chunk:
                break
        if not batch:
            break
        _load_batch(cursor, organisation_id, batch, reserve, now, counts)
    if own_conn is not None:
        own_conn.commit()
        own_conn.close()
    return counts


def _load_batch(
    cursor, organisation_id: int, households: list[Household], reserve, now, counts: dict[str, int]
) -> None:
    household_ids = reserve("people_household", len(households))
    person_ids = iter(reserve("people_person", sum(len(h.members) for h in households)))
    relations, certificates, incomes = [], [], []
    with cursor.copy("COPY people_household (id, organisation_id, created_at, updated_at, name) FROM STDIN") as copy:
        for hid, household in zip(household_ids, households, strict=True):
            copy.write_row((hid, organisation_id, now, now, f"Gospodarstwo {household.members[0].last_name}"))
    with cursor.copy(
        "COPY people_person (id, organisation_id, created_at, updated_at, pesel, other_id_type, other_id_number, "
        "first_name, last_name, birth_date, sex, citizenship, phone, email, street, postal_code, city, teryt, areas, "
        "household_id, notes) FROM STDIN"
    ) as copy:
        for hid, household in zip(household_ids, households, strict=True):
            member_ids = []
            for person in household.members:
                pid = next(person_ids)
                member_ids.append(pid)
                copy.write_row(
                    (pid, organisation_id, now, now, person.pesel, "", "", person.first_name, person.last_name,
                     person.birth_date, person.sex, "PL", person.phone, "", person.street, person.postal_code,
                     person.city, person.teryt, "{}", hid if len(household.members) > 1 else None, "")
                )  # fmt: skip
                for cert in person.certificates:
                    certificates.append(
                        (organisation_id, now, now, pid, cert.kind, cert.degree, cert.equivalent_type,
                         _sql_array(cert.symbols), cert.indications, cert.issued_on, cert.valid_until, "")
                    )  # fmt: skip
            for a, b, kind, cares in household.relations:
                relations.append((organisation_id, now, now, member_ids[a], member_ids[b], kind, cares))
            if household.income_per_person is not None:
                incomes.append(
                    (organisation_id, now, now, member_ids[0], household.income_established_on, len(household.members),
                     household.income_per_person)
                )  # fmt: skip
    for table, columns, rows in (
        (
            "people_relation",
            "organisation_id, created_at, updated_at, person_id, relative_id, kind, is_caregiver",
            relations,
        ),
        (
            "people_disabilitycertificate",
            "organisation_id, created_at, updated_at, person_id, kind, degree, equivalent_type, symbols, indications, "
            "issued_on, valid_until, issuer",
            certificates,
        ),
        (
            "people_incomerecord",
            "organisation_id, created_at, updated_at, person_id, established_on, household_size, income_per_person",
            incomes,
        ),
    ):
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    counts["households"] += len(households)
    counts["persons"] += sum(len(h.members) for h in households)
    counts["relations"] += len(relations)
    counts["certificates"] += len(certificates)
    counts["incomes"] += len(incomes)


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Write synthetic people as an import CSV.")
    parser.add_argument("n", type=int)
    parser.add_argument("path")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--delimiter", default=",")
    parser.add_argument("--bom", action="store_true")
    parser.add_argument("--place", default="mops-plock", choices=sorted(PLACES))
    args = parser.parse_args(argv)
    count = write_csv(args.path, args.n, args.seed, args.delimiter, args.bom, args.place)
    print(f"{count} people written to {args.path}")


if __name__ == "__main__":
    main(sys.argv[1:])
