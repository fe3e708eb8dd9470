"""Every write to the registry. Keyword-only, validated, audited, one transaction each.

Errors: bad input raises ``ValidationError`` with Polish messages per field; a second record for
a PESEL already in the organisation raises :class:`DuplicatePesel` (409 in the API) naming the
existing record; a merge that cannot be done raises :class:`MergeConflict`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wsparcie.core import audit, tenancy
from wsparcie.core.errors import ApplicationError, NotAllowed
from wsparcie.core.models import Organisation
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.core.teryt import validate_terc
from wsparcie.people import rules, selectors
from wsparcie.people.choices import DuplicateStatus, RelationKind, Sex
from wsparcie.people.models import (
    DisabilityCertificate,
    DuplicateCandidate,
    Household,
    IncomeRecord,
    NamedArea,
    Person,
    Relation,
)

#: Names this similar (pg_trgm similarity of unaccented, lower-case "first last") with the same
#: birth date and sex are flagged as possible duplicates when the first or the last names agree
#: (ignoring case): a typo or a missing Polish letter in one of the two names.
DUPLICATE_SIMILARITY = 0.5

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")

PERSON_FIELDS = {
    "pesel",
    "other_id_type",
    "other_id_number",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "citizenship",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "teryt",
    "household",
    "notes",
}


class DuplicatePesel(ApplicationError):
    """The organisation already has a record for this PESEL: one PESEL is one person."""

    code = "duplicate_pesel"
    status = 409


class MergeConflict(ApplicationError):
    code = "merge_conflict"
    status = 409


def _duplicate_pesel_error(existing: Person) -> DuplicatePesel:
    return DuplicatePesel(
        gettext(
            "Osoba o tym numerze PESEL jest już w rejestrze: %(name)s (nr %(id)s). "
            "Otwórz istniejący rekord zamiast zakładać nowy."
        )
        % {"name": f"{existing.first_name} {existing.last_name}", "id": existing.pk},
        extra={"field": "pesel", "existing_person": existing.pk},
    )


# --- persons ----------------------------------------------------------------------------------


def _clean_person_data(data: dict[str, Any], organisation_id: int) -> dict[str, Any]:
    """Normalise and validate person fields; derive birth date and sex from the PESEL.

    ``data`` holds every field (the merged state for an update). Raises ``ValidationError``.
    """
    data = dict(data)
    for key in (
        "first_name",
        "last_name",
        "other_id_type",
        "other_id_number",
        "phone",
        "email",
        "street",
        "city",
        "notes",
    ):
        data[key] = (data.get(key) or "").strip()
    data["pesel"] = (data.get("pesel") or "").strip() or None
    data["postal_code"] = (data.get("postal_code") or "").strip()
    data["teryt"] = (data.get("teryt") or "").strip()
    data["citizenship"] = (data.get("citizenship") or "PL").strip().upper()
    data["sex"] = data.get("sex") or ""
    errors: dict[str, str] = {}

    if data["sex"] and data["sex"] not in Sex.values:
        errors["sex"] = gettext("Płeć: female (kobieta) albo male (mężczyzna).")
    info, identity = rules.identity_errors(data["pesel"], data.get("birth_date"), data["sex"] or None)
    errors.update({k: v for k, v in identity.items() if k not in errors})
    if info is not None:
        data["birth_date"] = info.birth_date
        data["sex"] = info.sex
    elif data["pesel"] is None:
        if not data["other_id_number"]:
            errors.setdefault(
                "pesel",
                gettext(
                    "Podaj PESEL, a gdy osoba go nie ma (np. cudzoziemiec), rodzaj i numer innego dokumentu tożsamości."
                ),
            )
        elif not data["other_id_type"]:
            errors["other_id_type"] = gettext("Podaj rodzaj dokumentu tożsamości (np. paszport, karta pobytu).")
        if data.get("birth_date") is None:
            errors["birth_date"] = gettext("Bez numeru PESEL podaj datę urodzenia.")
    if data.get("birth_date") and data["birth_date"] > timezone.localdate():
        errors.setdefault("birth_date", gettext("Data urodzenia nie może być w przyszłości."))

    if not data["first_name"]:
        errors["first_name"] = gettext("Podaj imię.")
    if not data["last_name"]:
        errors["last_name"] = gettext("Podaj nazwisko.")
    if data["teryt"]:
        message = validate_terc(data["teryt"])
        if message:
            errors["teryt"] = message
    if data["postal_code"] and not POSTAL_CODE.match(data["postal_code"]):
        errors["postal_code"] = gettext("Kod pocztowy ma postać 00-000, a podano „%(value)s”.") % {
            "value": data["postal_code"]
        }
    if not COUNTRY_CODE.match(data["citizenship"]):
        errors["citizenship"] = gettext("Obywatelstwo: dwuliterowy kod kraju ISO, np. PL, UA.")
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = gettext("Nieprawidłowy adres e-mail.")
    household = data.get("household")
    if household is not None and household.organisation_id != organisation_id:
        errors["household"] = gettext("Gospodarstwo domowe należy do innej organizacji.")
    if errors:
        raise ValidationError(errors)
    data["areas"] = rules.areas_for_address(
        selectors.area_rules_for(organisation_id), street=data["street"], teryt=data["teryt"]
    )
    return data


def _check_pesel_free(organisation_id: int, pesel: str | None, exclude_pk: int | None = None) -> None:
    if not pesel:
        return
    existing = Person.objects.filter(organisation_id=organisation_id, pesel=pesel).exclude(pk=exclude_pk).first()
    if existing is not None:
        raise _duplicate_pesel_error(existing)


@transaction.atomic
def person_create(*, actor, organisation: Organisation, first_name: str, last_name: str, **fields: Any) -> Person:
    """Register a person. ``fields``: any of ``PERSON_FIELDS``. Birth date and sex come from the
    PESEL when one is given (and must agree with it when also given)."""
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise ValidationError({name: gettext("Nieznane pole.") for name in unknown})
    data = _clean_person_data({**fields, "first_name": first_name, "last_name": last_name}, organisation.pk)
    _check_pesel_free(organisation.pk, data["pesel"])
    person = Person(organisation=organisation, **data)
    try:
        with transaction.atomic():
            create_object(actor=actor, instance=person)
    except (IntegrityError, ValidationError) as exc:
        # Someone registered the same PESEL a moment ago.
        existing = (
            Person.objects.filter(organisation=organisation, pesel=data["pesel"]).first() if data["pesel"] else None
        )
        if existing is not None:
            raise _duplicate_pesel_error(existing) from exc
        raise
    duplicates_flag(person_ids=[person.pk], organisation_id=organisation.pk)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict[str, Any]) -> Person:
    """Change a person's data (only the keys given). A new PESEL re-derives birth date and sex."""
    unknown = set(data) - PERSON_FIELDS
    if unknown:
        raise ValidationError({name: gettext("Nieznane pole.") for name in unknown})
    current = {name: getattr(person, name) for name in PERSON_FIELDS}
    merged = {**current, **data}
    new_pesel = (data.get("pesel") or "").strip() or None if "pesel" in data else person.pesel
    if new_pesel and new_pesel != person.pesel:
        # A new PESEL decides birth date and sex unless they are given now as well (then they must agree).
        merged["birth_date"] = data.get("birth_date")
        merged["sex"] = data.get("sex") or ""
    cleaned = _clean_person_data(merged, person.organisation_id)
    _check_pesel_free(person.organisation_id, cleaned["pesel"], exclude_pk=person.pk)
    changes = {name: value for name, value in cleaned.items() if getattr(person, name) != value}
    if not changes:
        return person
    update_object(actor=actor, instance=person, data=changes)
    if {"first_name", "last_name", "birth_date"} & set(changes):
        duplicates_flag(person_ids=[person.pk], organisation_id=person.organisation_id)
    return person


def person_record_view(*, actor, person: Person, note: str = "") -> None:
    """Record that ``actor`` looked at the person's record (who, when, from where)."""
    audit.record(actor=actor, action="view", instance=person, note=note)


# --- named areas ------------------------------------------------------------------------------


def _clean_list(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = re.split(r"[\n;]", values)
    return [v.strip() for v in values if v and v.strip()]


def _validate_area(teryt_codes: list[str], streets: list[str]) -> None:
    errors = {}
    bad = [(code, validate_terc(code)) for code in teryt_codes if validate_terc(code)]
    if bad:
        errors["teryt_codes"] = f"{bad[0][0]}: {bad[0][1]}"
    if not teryt_codes and not streets:
        errors["streets"] = gettext("Podaj ulice albo kody TERYT gmin, które należą do obszaru.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def named_area_create(
    *, actor, organisation: Organisation, code: str, name: str, description: str = "", teryt_codes=(), streets=()
) -> NamedArea:
    teryt_codes, streets = _clean_list(teryt_codes), _clean_list(streets)
    _validate_area(teryt_codes, streets)
    if NamedArea.objects.filter(organisation=organisation, code=code).exists():
        raise ValidationError(
            {"code": gettext("Obszar o kodzie „%(code)s” już istnieje w tej organizacji.") % {"code": code}}
        )
    area = create_object(
        actor=actor,
        instance=NamedArea(
            organisation=organisation,
            code=code,
            name=name,
            description=description,
            teryt_codes=teryt_codes,
            streets=streets,
        ),
    )
    person_areas_recompute(organisation_id=organisation.pk)
    return area


@transaction.atomic
def named_area_update(*, actor, area: NamedArea, data: dict[str, Any]) -> NamedArea:
    data = dict(data)
    data.pop("code", None)  # the code is how persons and programme criteria refer to the area
    for key in ("teryt_codes", "streets"):
        if key in data:
            data[key] = _clean_list(data[key])
    _validate_area(data.get("teryt_codes", area.teryt_codes), data.get("streets", area.streets))
    update_object(actor=actor, instance=area, data=data)
    person_areas_recompute(organisation_id=area.organisation_id)
    return area


def person_areas_recompute(*, organisation_id: int) -> int:
    """Recompute ``Person.areas`` of the organisation's registry after an area's rule changed."""
    area_rules = selectors.area_rules_for(organisation_id)
    changed = []
    for person in (
        Person.objects.filter(organisation_id=organisation_id).only("id", "street", "teryt", "areas").iterator(2000)
    ):
        areas = rules.areas_for_address(area_rules, street=person.street, teryt=person.teryt)
        if areas != list(person.areas):
            person.areas = areas
            changed.append(person)
    Person.objects.bulk_update(changed, ["areas"], batch_size=2000)
    return len(changed)


# --- households and relations -----------------------------------------------------------------


@transaction.atomic
def household_create(*, actor, organisation: Organisation, name: str = "", members: Sequence[Person] = ()) -> Household:
    household = create_object(actor=actor, instance=Household(organisation=organisation, name=name.strip()))
    for member in members:
        person_set_household(actor=actor, person=member, household=household)
    return household


@transaction.atomic
def household_update(*, actor, household: Household, name: str) -> Household:
    return update_object(actor=actor, instance=household, data={"name": name.strip()})


@transaction.atomic
def person_set_household(*, actor, person: Person, household: Household | None) -> Person:
    """Move a person into ``household`` (None: they live alone / the household is not known)."""
    if household is not None and household.organisation_id != person.organisation_id:
        raise ValidationError({"household": gettext("Gospodarstwo domowe należy do innej organizacji.")})
    if person.household_id == (household.pk if household else None):
        return person
    return update_object(actor=actor, instance=person, data={"household": household})


@transaction.atomic
def relation_create(
    *, actor, person: Person, relative: Person, kind: str, is_caregiver: bool | None = None
) -> Relation:
    """Record that ``person`` is ``kind`` of ``relative`` (e.g. parent of, legal guardian of).

    An actual caregiver (opiekun faktyczny) cares for the relative by definition."""
    if kind not in RelationKind.values:
        raise ValidationError({"kind": gettext("Nieznany rodzaj relacji.")})
    if person.organisation_id != relative.organisation_id:
        raise ValidationError({"relative": gettext("Obie osoby muszą być w rejestrze tej samej organizacji.")})
    if person.pk == relative.pk:
        raise ValidationError({"relative": gettext("Osoba nie może być w relacji sama ze sobą.")})
    if Relation.objects.filter(person=person, relative=relative, kind=kind).exists():
        raise ValidationError(
            {
                "kind": gettext("Ta relacja jest już zapisana: %(person)s – %(kind)s – %(relative)s.")
                % {"person": person, "kind": RelationKind(kind).label, "relative": relative}
            }
        )
    if is_caregiver is None:
        is_caregiver = kind in (RelationKind.ACTUAL_CAREGIVER, RelationKind.LEGAL_GUARDIAN)
    if kind == RelationKind.ACTUAL_CAREGIVER:
        is_caregiver = True
    return create_object(
        actor=actor,
        instance=Relation(
            organisation_id=person.organisation_id,
            person=person,
            relative=relative,
            kind=kind,
            is_caregiver=is_caregiver,
        ),
    )


@transaction.atomic
def relation_delete(*, actor, relation: Relation) -> None:
    delete_object(actor=actor, instance=relation)


# --- certificates -----------------------------------------------------------------------------


@transaction.atomic
def certificate_create(
    *,
    actor,
    person: Person,
    kind: str,
    issued_on: dt.date,
    degree: str = "",
    equivalent_type: str = "",
    symbols: Sequence[str] = (),
    indications: bool = False,
    valid_until: dt.date | None = None,
    issuer: str = "",
) -> DisabilityCertificate:
    """Record a disability certificate. For an equivalent certificate ``degree`` is the degree it
    counts as; with ``equivalent_type`` given it is derived from ``choices.EQUIVALENT_DEGREE``."""
    cert = DisabilityCertificate(organisation_id=person.organisation_id, person=person)
    _apply_certificate(
        cert,
        dict(
            kind=kind,
            issued_on=issued_on,
            degree=degree or "",
            equivalent_type=equivalent_type or "",
            symbols=list(symbols or []),
            indications=bool(indications),
            valid_until=valid_until,
            issuer=(issuer or "").strip(),
        ),
        person,
    )
    return create_object(actor=actor, instance=cert)


def _apply_certificate(cert: DisabilityCertificate, data: dict[str, Any], person: Person) -> dict[str, Any]:
    if data.get("issued_on") is None:
        raise ValidationError({"issued_on": gettext("Podaj datę wydania orzeczenia.")})
    errors = rules.certificate_errors(
        kind=data["kind"],
        degree=data["degree"],
        equivalent_type=data["equivalent_type"],
        symbols=data["symbols"],
        indications=data["indications"],
        issued_on=data["issued_on"],
        valid_until=data["valid_until"],
    )
    if errors:
        raise ValidationError(errors)
    data["degree"] = rules.effective_degree(data["kind"], data["degree"], data["equivalent_type"])
    for key, value in data.items():
        setattr(cert, key, value)
    return data


@transaction.atomic
def certificate_update(*, actor, certificate: DisabilityCertificate, data: dict[str, Any]) -> DisabilityCertificate:
    """Correct a certificate (a new certificate is a new record: the history is kept)."""
    fields = ("kind", "issued_on", "degree", "equivalent_type", "symbols", "indications", "valid_until", "issuer")
    merged = {name: data.get(name, getattr(certificate, name)) for name in fields}
    merged["degree"] = merged["degree"] or ""
    if merged["kind"] == "equivalent" and "equivalent_type" in data and "degree" not in data:
        merged["degree"] = ""
    merged["symbols"] = list(merged["symbols"] or [])
    before = {name: getattr(certificate, name) for name in fields}
    probe = DisabilityCertificate(organisation_id=certificate.organisation_id, person=certificate.person)
    cleaned = _apply_certificate(probe, merged, certificate.person)
    changes = {k: v for k, v in cleaned.items() if before[k] != v}
    return update_object(actor=actor, instance=certificate, data=changes) if changes else certificate


# --- income -----------------------------------------------------------------------------------


@transaction.atomic
def income_record_create(
    *, actor, person: Person, established_on: dt.date, income_per_person, household_size: int | None = None
) -> IncomeRecord:
    """Record the income per person of the person's household as established on a date."""
    errors = {}
    try:
        amount = Decimal(str(income_per_person)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        amount = None
        errors["income_per_person"] = gettext("Podaj kwotę dochodu na osobę, np. 812,50.")
    if amount is not None and amount < 0:
        errors["income_per_person"] = gettext("Dochód nie może być ujemny.")
    if household_size is None:
        household_size = 1 + selectors.household_members(person).count()
    if household_size < 1:
        errors["household_size"] = gettext("Gospodarstwo domowe liczy co najmniej jedną osobę.")
    if established_on is None:
        errors["established_on"] = gettext("Podaj datę ustalenia dochodu.")
    if errors:
        raise ValidationError(errors)
    return create_object(
        actor=actor,
        instance=IncomeRecord(
            organisation_id=person.organisation_id,
            person=person,
            established_on=established_on,
            household_size=household_size,
            income_per_person=amount,
        ),
    )


# --- duplicates -------------------------------------------------------------------------------

_FLAG_SQL = """
INSERT INTO people_duplicatecandidate
    (organisation_id, person_a_id, person_b_id, reason, similarity, status, note, created_at, updated_at)
SELECT %(org)s, LEAST(n.id, o.id), GREATEST(n.id, o.id), 'name_birth_date', MAX(s.sim), 'open', '', now(), now()
FROM people_person n
JOIN people_person o
  ON o.organisation_id = n.organisation_id AND o.birth_date = n.birth_date AND o.sex = n.sex AND o.id <> n.id
CROSS JOIN LATERAL (
  SELECT CASE
    -- cheap tests first (CASE keeps the order): one of the names agrees
    WHEN lower(n.last_name) = lower(o.last_name) OR lower(n.first_name) = lower(o.first_name)
    THEN similarity(
      unaccent(lower(n.first_name || ' ' || n.last_name)),
      unaccent(lower(o.first_name || ' ' || o.last_name))
    )
    ELSE 0 END AS sim
) s
WHERE n.organisation_id = %(org)s AND {new_rows} {old_only} AND s.sim >= %(threshold)s
GROUP BY 2, 3
ON CONFLICT (person_a_id, person_b_id) DO NOTHING
"""


def id_ranges(ids: Sequence[int]) -> list[list[int]]:
    """[1, 2, 3, 7, 8] -> [[1, 3], [7, 8]]."""
    out: list[list[int]] = []
    for value in sorted(ids):
        if out and value <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], value)
        else:
            out.append([value, value])
    return out


def duplicates_flag(*, person_ids: Sequence[int], organisation_id: int, only_against_others: bool = False) -> int:
    """Flag records with the same birth date and sex and similar names as ``person_ids`` for
    review (pairs already reviewed stay as they are). ``only_against_others``: compare the given
    persons only with the rest of the registry (a bulk import compares its own rows in Python,
    ``flag_pairs_among``). Returns how many pairs were flagged."""
    if not person_ids:
        return 0
    params: dict[str, Any] = {"org": organisation_id, "threshold": DUPLICATE_SIMILARITY}
    ranges = id_ranges(person_ids)
    if len(ranges) <= 20:  # a bulk import's ids are (almost) consecutive: a range scan is faster
        parts = []
        for i, (low, high) in enumerate(ranges):
            params[f"lo{i}"], params[f"hi{i}"] = low, high
            parts.append(f"{{t}}.id BETWEEN %(lo{i})s AND %(hi{i})s")
        new_rows = "(" + " OR ".join(parts) + ")"
    else:
        params["ids"] = list(person_ids)
        new_rows = "{t}.id = ANY(%(ids)s)"
    old_only = f"AND NOT {new_rows.format(t='o')}" if only_against_others else ""
    sql = _FLAG_SQL.replace("{new_rows}", new_rows.format(t="n")).replace("{old_only}", old_only)
    with connection.cursor() as cursor:
        if len(person_ids) > 1000:
            # Right after a bulk COPY the planner's statistics still say "small table": without
            # this it may pick a nested loop, quadratic in the number of new rows.
            cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(sql, params)
        flagged = cursor.rowcount
        if len(person_ids) > 1000:
            cursor.execute("SET LOCAL enable_nestloop = on")
        return flagged


def flag_pairs_among(*, organisation_id: int, people: Iterable[tuple[int, Any, str, str, str]]) -> int:
    """The same test as ``duplicates_flag`` (same birth date and sex, the first or the last name
    equal ignoring case, pg_trgm similarity of the names at least ``DUPLICATE_SIMILARITY``), done
    in Python among ``people`` = (id, birth date, sex, first name, last name), e.g. the rows of
    one import. Returns how many pairs were flagged."""
    groups: dict[tuple, list] = {}
    for row in people:
        groups.setdefault((row[1], row[2]), []).append(row)
    grams: dict[int, set[str]] = {}

    def grams_of(row) -> set[str]:
        if row[0] not in grams:
            grams[row[0]] = rules.trigrams(f"{row[3]} {row[4]}")
        return grams[row[0]]

    pairs: dict[tuple[int, int], float] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            first, last = a[3].lower(), a[4].lower()
            for b in members[i + 1 :]:
                if b[3].lower() != first and b[4].lower() != last:
                    continue
                ga, gb = grams_of(a), grams_of(b)
                similarity = len(ga & gb) / len(ga | gb) if ga and gb else 0.0
                if similarity >= DUPLICATE_SIMILARITY:
                    pairs[(min(a[0], b[0]), max(a[0], b[0]))] = similarity
    DuplicateCandidate.objects.bulk_create(
        [
            DuplicateCandidate(organisation_id=organisation_id, person_a_id=a, person_b_id=b, similarity=sim)
            for (a, b), sim in pairs.items()
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return len(pairs)


@transaction.atomic
def duplicate_dismiss(*, actor, candidate: DuplicateCandidate, note: str = "") -> DuplicateCandidate:
    """A person checked the pair: they are two different people."""
    return update_object(
        actor=actor,
        instance=candidate,
        data={
            "status": DuplicateStatus.DISMISSED,
            "reviewed_by": actor if getattr(actor, "is_authenticated", False) else None,
            "reviewed_at": timezone.now(),
            "note": note.strip(),
        },
    )


FILLABLE_FIELDS = (
    "pesel",
    "other_id_type",
    "other_id_number",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "teryt",
    "notes",
)


@transaction.atomic
def person_merge(*, actor, keep: Person, remove: Person, note: str = "") -> Person:
    """Merge ``remove`` into ``keep``, explicitly and audited ("people.merge").

    Relations, certificates, incomes and every record of other apps pointing at ``remove`` (e.g.
    applications) move to ``keep``; ``keep``'s empty fields are filled from ``remove``; ``remove``
    is deleted. A conflict (say, both have an active application to the same programme) refuses
    the whole merge and changes nothing.
    """
    if keep.pk == remove.pk:
        raise ValidationError({"remove": gettext("Nie można scalić osoby z nią samą.")})
    if keep.organisation_id != remove.organisation_id:
        raise ValidationError({"remove": gettext("Scalać można tylko osoby z rejestru tej samej organizacji.")})
    if getattr(actor, "is_authenticated", False) and not tenancy.has_perm(actor, "people.merge", keep.organisation_id):
        raise NotAllowed(gettext("Scalanie osób wymaga uprawnienia „people.merge”."), code="merge_not_allowed")
    list(Person.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk]).order_by("pk"))
    keep.refresh_from_db()
    remove.refresh_from_db()
    removed_snapshot = audit.snapshot(remove)
    moved: dict[str, int] = {}

    # Relations: move both directions, dropping those that would repeat or point at keep itself.
    dropped = 0
    for relation in Relation.objects.filter(person=remove):
        if (
            relation.relative_id == keep.pk
            or Relation.objects.filter(person=keep, relative_id=relation.relative_id, kind=relation.kind).exists()
        ):
            relation.delete()
            dropped += 1
        else:
            Relation.objects.filter(pk=relation.pk).update(person=keep)
    for relation in Relation.objects.filter(relative=remove):
        if (
            relation.person_id == keep.pk
            or Relation.objects.filter(person_id=relation.person_id, relative=keep, kind=relation.kind).exists()
        ):
            relation.delete()
            dropped += 1
        else:
            Relation.objects.filter(pk=relation.pk).update(relative=keep)
    moved["people.relation (usunięte powtórzenia)"] = dropped
    DuplicateCandidate.objects.filter(person_a=remove).delete()
    DuplicateCandidate.objects.filter(person_b=remove).delete()

    # Everything else that points at the removed record, in this app and in the apps above it.
    handled = {Relation, DuplicateCandidate}
    for rel in Person._meta.related_objects:
        if rel.many_to_many or rel.related_model in handled:
            continue
        model, field = rel.related_model, rel.field.name
        try:
            with transaction.atomic():
                count = model._base_manager.filter(**{field: remove}).update(**{field: keep})
        except IntegrityError as exc:
            raise MergeConflict(
                gettext(
                    "Nie można scalić: %(records)s obu osób wzajemnie się wykluczają "
                    "(np. dwa aktywne zgłoszenia do tego samego programu). Rozstrzygnij je i spróbuj ponownie."
                )
                % {"records": model._meta.verbose_name_plural},
                extra={"model": model._meta.label_lower},
            ) from exc
        if count:
            moved[model._meta.label_lower] = count

    filled: dict[str, Any] = {}
    for name in FILLABLE_FIELDS:
        if not getattr(keep, name) and getattr(remove, name):
            filled[name] = getattr(remove, name)
    if keep.household_id is None and remove.household_id is not None:
        filled["household"] = remove.household
    delete_object(actor=actor, instance=remove, note=f"Scalono z osobą nr {keep.pk}. {note}".strip())
    if filled:
        if filled.get("pesel"):
            info, _errors = rules.identity_errors(filled["pesel"], None, None)
            if info is not None:
                filled["birth_date"], filled["sex"] = info.birth_date, info.sex
        street, teryt = filled.get("street", keep.street), filled.get("teryt", keep.teryt)
        filled["areas"] = rules.areas_for_address(
            selectors.area_rules_for(keep.organisation_id), street=street, teryt=teryt
        )
        update_object(
            actor=actor, instance=keep, data=filled, note=f"Uzupełnione z rekordu nr {removed_snapshot['id']}."
        )
    audit.record(
        actor=actor,
        action="action",
        instance=keep,
        changes={
            "merged_from": removed_snapshot["id"],
            "removed_record": removed_snapshot,
            "moved": moved,
            "filled": sorted(k for k in filled if k != "areas"),
        },
        note=f"Scalenie osób: rekord nr {removed_snapshot['id']} włączono do nr {keep.pk}. {note}".strip(),
    )
    duplicates_flag(person_ids=[keep.pk], organisation_id=keep.organisation_id)
    return keep
