"""The ``persons`` importer: every row validated like ``services.person_create`` would, then all
valid rows written with one PostgreSQL ``COPY`` (registered in ``apps.PeopleConfig.ready``).

Columns (header names as in the API): pesel, first_name, last_name, birth_date, sex, street,
postal_code, city, teryt; optional: citizenship, other_id_type, other_id_number, phone, email.
Polish header names are accepted too (imię, nazwisko, data_urodzenia, płeć, ulica, ...).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable, Iterator

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core import audit
from wsparcie.core.pesel import PeselError
from wsparcie.core.pesel import parse as parse_pesel
from wsparcie.core.teryt import validate_terc
from wsparcie.people import rules, selectors
from wsparcie.people.imports import ImportContext, Importer, Row
from wsparcie.people.services import COUNTRY_CODE, POSTAL_CODE, duplicates_flag, flag_pairs_among, id_ranges

COLUMNS = (
    "pesel",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "street",
    "postal_code",
    "city",
    "teryt",
    "citizenship",
    "other_id_type",
    "other_id_number",
    "phone",
    "email",
)
REQUIRED = ("first_name", "last_name")
ALIASES = {
    "imię": "first_name",
    "imie": "first_name",
    "nazwisko": "last_name",
    "data_urodzenia": "birth_date",
    "płeć": "sex",
    "plec": "sex",
    "ulica": "street",
    "adres": "street",
    "kod_pocztowy": "postal_code",
    "miejscowość": "city",
    "miejscowosc": "city",
    "miasto": "city",
    "kod_teryt": "teryt",
    "obywatelstwo": "citizenship",
    "telefon": "phone",
    "e-mail": "email",
}
SEX_VALUES = {
    "female": "female",
    "male": "male",
    "k": "female",
    "kobieta": "female",
    "f": "female",
    "m": "male",
    "mężczyzna": "male",
    "mezczyzna": "male",
}
MAX_LENGTHS = {
    "first_name": 100,
    "last_name": 150,
    "street": 200,
    "city": 100,
    "phone": 50,
    "other_id_type": 50,
    "other_id_number": 50,
}
_DMY = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")

COPY_SQL = (
    "COPY people_person (id, organisation_id, created_at, updated_at, pesel, other_id_type, other_id_number, "
    "first_name, last_name, birth_date, sex, citizenship, phone, email, street, postal_code, city, teryt, areas, notes) "
    "FROM STDIN"
)  # text format; ``write_persons`` builds the lines


def parse_date(text: str) -> dt.date | None:
    """``2024-05-31`` or ``31.05.2024`` (also with - or /), else None."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return None


def _existing_pesels(ctx: ImportContext, rows: list[Row]) -> dict[str, int]:
    """PESEL -> id of the organisation's persons whose PESEL appears in the file (one query)."""
    i = ctx.index.get("pesel")
    if i is None:
        return {}
    pesels = list({row[i].strip() for _n, row in rows if i < len(row) and row[i].strip()})
    existing: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(pesels), 50_000):
            cursor.execute(
                "SELECT pesel, id FROM people_person WHERE organisation_id = %s AND pesel = ANY(%s)",
                [ctx.organisation.pk, pesels[start : start + 50_000]],
            )
            existing.update(cursor.fetchall())
    return existing


def check_rows(ctx: ImportContext, rows: list[Row], existing: dict[str, int]) -> Iterator[tuple]:
    """Check every row (errors go to ``ctx.error``); yield the valid ones as tuples."""
    width = len(ctx.header)
    indices = [ctx.index.get(name, width) for name in COLUMNS]
    pick = operator.itemgetter(*indices)
    error = ctx.error
    errors = ctx.errors
    seen: dict[str, int] = {}
    terc_messages: dict[str, str | None] = {}
    today = timezone.localdate()
    for count, (number, row) in enumerate(rows, start=1):
        if len(row) <= width:
            row.extend([""] * (width + 1 - len(row)))
        row[width] = ""
        (
            pesel,
            first,
            last,
            birth_text,
            sex_text,
            street,
            postal,
            city,
            teryt,
            citizenship,
            other_type,
            other_number,
            phone,
            email,
        ) = map(str.strip, pick(row))
        before = len(errors)

        info = None
        if pesel:
            try:
                info = parse_pesel(pesel)
            except PeselError as exc:
                error(number, "pesel", str(exc))
            else:
                first_row = seen.setdefault(pesel, number)
                if first_row != number:
                    error(
                        number, "pesel", gettext("Ten sam PESEL jest już w wierszu %(row)s pliku.") % {"row": first_row}
                    )
                elif pesel in existing:
                    error(
                        number,
                        "pesel",
                        gettext("Osoba o tym numerze PESEL jest już w rejestrze (osoba nr %(id)s).")
                        % {"id": existing[pesel]},
                    )
        elif not other_number:
            error(
                number,
                "pesel",
                gettext(
                    "Brak PESEL: podaj numer PESEL albo inny dokument tożsamości "
                    "(kolumny other_id_type i other_id_number)."
                ),
            )
        elif not other_type:
            error(number, "other_id_type", gettext("Podaj rodzaj dokumentu tożsamości (np. paszport, karta pobytu)."))

        if not first:
            error(number, "first_name", gettext("Brak imienia."))
        if not last:
            error(number, "last_name", gettext("Brak nazwiska."))

        birth = None
        if birth_text:
            birth = parse_date(birth_text)
            if birth is None:
                error(
                    number,
                    "birth_date",
                    gettext("Nieprawidłowa data urodzenia „%(value)s”: użyj RRRR-MM-DD albo DD.MM.RRRR.")
                    % {"value": birth_text},
                )
            elif birth > today:
                error(number, "birth_date", gettext("Data urodzenia nie może być w przyszłości."))
        elif not pesel:
            error(number, "birth_date", gettext("Bez numeru PESEL podaj datę urodzenia."))
        sex = ""
        if sex_text:
            sex = SEX_VALUES.get(sex_text.lower(), "")
            if not sex:
                error(number, "sex", gettext("Płeć „%(value)s”: wpisz female/male (albo K/M).") % {"value": sex_text})
        if info is not None:
            if birth is not None and birth != info.birth_date:
                error(number, "birth_date", rules.identity_errors(pesel, birth, None)[1]["birth_date"])
            if sex and sex != info.sex:
                error(number, "sex", rules.identity_errors(pesel, None, sex)[1]["sex"])
            birth, sex = info.birth_date, info.sex

        if teryt:
            if teryt not in terc_messages:
                terc_messages[teryt] = validate_terc(teryt)
            if terc_messages[teryt]:
                error(number, "teryt", terc_messages[teryt])
        if postal and not POSTAL_CODE.match(postal):
            error(
                number,
                "postal_code",
                gettext("Kod pocztowy ma postać 00-000, a podano „%(value)s”.") % {"value": postal},
            )
        if not citizenship:
            citizenship = "PL"
        elif not COUNTRY_CODE.match(citizenship.upper()):
            error(number, "citizenship", gettext("Obywatelstwo: dwuliterowy kod kraju ISO, np. PL, UA."))
        else:
            citizenship = citizenship.upper()
        if email and ("@" not in email or " " in email or len(email) > 254):
            error(number, "email", gettext("Nieprawidłowy adres e-mail."))
        if (
            len(first) > 100
            or len(last) > 100
            or len(street) > 200
            or len(city) > 100
            or phone
            or other_type
            or other_number
        ):
            for column, value in (
                ("first_name", first),
                ("last_name", last),
                ("street", street),
                ("city", city),
                ("phone", phone),
                ("other_id_type", other_type),
                ("other_id_number", other_number),
            ):
                if len(value) > MAX_LENGTHS[column]:
                    error(
                        number,
                        column,
                        gettext("Za długi tekst: najwyżej %(max)s znaków.") % {"max": MAX_LENGTHS[column]},
                    )

        if len(errors) == before:
            yield (
                number,
                pesel or None,
                other_type,
                other_number,
                first,
                last,
                birth,
                sex,
                citizenship,
                phone,
                email,
                street,
                postal,
                city,
                teryt,
            )
        if ctx.background and count % 5000 == 0:
            ctx.progress(count)


def validate_persons(ctx: ImportContext, rows: list[Row]) -> list[tuple]:
    """Check every row (also against the registry); return the valid ones for ``write_persons``."""
    existing = _existing_pesels(ctx, rows) if _registry_has_people(ctx) else {}
    items = list(check_rows(ctx, rows, existing))
    ctx.progress(len(rows))
    return items


def reserve_ids(cursor, table: str, count: int) -> list[int]:
    """``count`` new ids from the table's sequence (to COPY rows with known ids)."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
    return [row[0] for row in cursor.fetchall()]


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


class _PersonCopy:
    """Streams valid rows into ``COPY people_person`` as text lines, in chunks, with known ids."""

    CHUNK = 5000

    def __init__(self, ctx: ImportContext, cursor, size: int):
        self.organisation_id = ctx.organisation.pk
        self.area_rules = selectors.area_rules_for(self.organisation_id)
        self.ids = iter(reserve_ids(cursor, "people_person", size)) if size else iter(())
        self.written: list[int] = []
        self.names: list[tuple] = []  # (id, birth date, sex, first name, last name) for duplicate flags
        now = timezone.now().isoformat()
        self.head = f"\t{self.organisation_id}\t{now}\t{now}\t"
        self.lines: list[str] = []
        self.copy = None

    def add(self, item: tuple) -> None:
        (
            _n,
            pesel,
            other_type,
            other_number,
            first,
            last,
            birth,
            sex,
            citizenship,
            phone,
            email,
            street,
            postal,
            city,
            teryt,
        ) = item
        values = (
            other_type,
            other_number,
            first,
            last,
            birth.isoformat(),
            sex,
            citizenship,
            phone,
            email,
            street,
            postal,
            city,
        )
        text = "\t".join(values)
        if "\\" in text or "\n" in text or "\r" in text or text.count("\t") != len(values) - 1:
            text = "\t".join(v.translate(_ESCAPES) for v in values)
        areas = (
            ",".join(rules.areas_for_address(self.area_rules, street=street, teryt=teryt)) if self.area_rules else ""
        )
        person_id = next(self.ids)
        self.written.append(person_id)
        self.names.append((person_id, birth, sex, first, last))
        self.lines.append(f"{person_id}{self.head}{pesel or NULL}\t{text}\t{teryt}\t{{{areas}}}\t")
        if len(self.lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            self.copy.write("\n".join(self.lines) + "\n")
            self.lines.clear()


def _registry_has_people(ctx: ImportContext) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM people_person WHERE organisation_id = %s)", [ctx.organisation.pk])
        return cursor.fetchone()[0]


def _copy_items(ctx: ImportContext, items: Iterable[tuple], size: int, stop_on_error: bool = False) -> _PersonCopy:
    """COPY ``items`` (an iterable, possibly still being checked) into the registry.
    With ``stop_on_error`` nothing more is written once a row has failed (the caller rolls back)."""
    with connection.cursor() as cursor:
        writer = _PersonCopy(ctx, cursor, size)
        with connection.wrap_database_errors, cursor.copy(COPY_SQL) as copy:
            writer.copy = copy
            for item in items:
                if stop_on_error and ctx.errors:
                    continue  # keep checking to list every error, write nothing more
                writer.add(item)
            writer.flush()
    return writer


def _after_write(ctx: ImportContext, writer: _PersonCopy, registry_had_people: bool) -> int:
    """Flag possible duplicates (among the new rows in Python; against the rest of the registry
    in SQL) and record the import in the audit trail."""
    ids = writer.written
    flag_pairs_among(organisation_id=ctx.organisation.pk, people=writer.names)
    if registry_had_people:
        duplicates_flag(person_ids=ids, organisation_id=ctx.organisation.pk, only_against_others=True)
    audit.record(
        actor=ctx.actor,
        action="create",
        organisation=ctx.organisation.pk,
        object_type="people.person",
        object_id="",
        object_repr=f"{len(ids)} osób z importu nr {ctx.job.pk}",
        changes={"import": ctx.job.pk, "ids": id_ranges(ids)},
        note=f"Import z pliku „{ctx.job.file_name}”.",
    )
    return len(ids)


def write_persons(ctx: ImportContext, items: list[tuple]) -> int:
    """Write checked rows with one COPY (inside the import's transaction), then flag possible
    duplicates (similar names, same birth date) for review."""
    had_people = _registry_has_people(ctx)
    return _after_write(ctx, _copy_items(ctx, items, len(items)), had_people)


def stream_persons(ctx: ImportContext, rows: list[Row]) -> int:
    """Check and write in one pass: rows are checked while PostgreSQL already stores the previous
    chunk (the two cores work at once). Inside the import's transaction; in ``all_or_nothing``
    mode writing stops at the first error and the framework rolls everything back."""
    had_people = _registry_has_people(ctx)
    existing = _existing_pesels(ctx, rows) if had_people else {}
    stop = ctx.job.mode == "all_or_nothing"
    writer = _copy_items(ctx, check_rows(ctx, rows, existing), len(rows), stop_on_error=stop)
    if stop and ctx.errors:
        return 0
    return _after_write(ctx, writer, had_people)


PERSONS_IMPORTER = Importer(
    label=_("osoby"),
    columns=COLUMNS,
    required_columns=REQUIRED,
    validate=validate_persons,
    write=write_persons,
    stream=stream_persons,
    aliases=ALIASES,
    zero_pad={"pesel": 11, "teryt": 7},
    permission="people.edit",
)
