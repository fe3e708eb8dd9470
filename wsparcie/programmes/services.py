"""Every write to the programme register. Keyword-only; each validates, writes and audits.

Programmes and series are tenant rows: they go through ``core.services.create_object`` /
``update_object`` / ``delete_object``. Child rows (targets, activities, limits, milestones,
durability, partners, fundings, links, documents) carry no ``organisation`` column of their own,
so :func:`_child_create` / :func:`_child_delete` write their audit entry with the programme's
organisation explicitly (``ProjectPartner.organisation`` is the *partner*, not the owner).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max, ProtectedError, Sum
from django.utils.translation import gettext as _

from wsparcie.core import audit
from wsparcie.core.errors import Conflict
from wsparcie.core.models import Organisation
from wsparcie.core.money import format_pln
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.programmes import rules
from wsparcie.programmes.choices import (
    DocumentKind,
    LimitAppliesTo,
    LimitPeriod,
    LimitUnit,
    MilestoneStatus,
    PartnerRole,
    TargetKind,
)
from wsparcie.programmes.models import (
    DurabilityObligation,
    FundingSource,
    Milestone,
    MilestoneTarget,
    Programme,
    ProgrammeActivity,
    ProgrammeDocument,
    ProgrammeFunding,
    ProgrammeLimit,
    ProgrammeLink,
    ProgrammeSeries,
    ProgrammeTarget,
    ProjectPartner,
)
from wsparcie.programmes.reference import FUNDING_SOURCES

#: Fields of a programme a service accepts (besides organisation, which never changes), in the
#: order the staff form shows them.
PROGRAMME_FIELDS = (
    "name",
    "short_name",
    "slug",
    "kind",
    "series",
    "edition",
    "status",
    "legal_basis",
    "total_value",
    "grant_amount",
    "eu_contribution",
    "own_contribution",
    "operational_programme",
    "priority_axis",
    "measure",
    "sub_measure",
    "agreement_number",
    "agreement_date",
    "period_start",
    "period_end",
    "period_precision",
    "period_label",
    "goal",
    "target_group",
    "planned_participants",
    "description",
    "results",
    "contact",
    "is_public",
    "recruitment_open",
)
MONEY_FIELDS = ("total_value", "grant_amount", "eu_contribution", "own_contribution")


# --- Reference data ------------------------------------------------------------------------


def funding_sources_ensure() -> dict[str, FundingSource]:
    """The reference funding sources (also added by migration 0003), by code."""
    sources = {}
    for row in FUNDING_SOURCES:
        source, _created = FundingSource.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "is_eu": row["is_eu"]}
        )
        sources[source.code] = source
    return sources


# --- Series --------------------------------------------------------------------------------


def series_get_or_create(*, actor, organisation: Organisation, name: str, slug: str = "") -> ProgrammeSeries:
    """The organisation's series with this slug (from the name when not given), created if new."""
    slug = slug or rules.slugify_pl(name, 120)
    series = ProgrammeSeries.objects.filter(organisation=organisation, slug=slug).first()
    if series is not None:
        return series
    return create_object(actor=actor, instance=ProgrammeSeries(organisation=organisation, name=name, slug=slug))


# --- Programmes ----------------------------------------------------------------------------


def _check_fields(fields: Iterable[str]) -> None:
    unknown = set(fields).difference(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"Unknown programme fields: {', '.join(sorted(unknown))}")


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _unique_slug(organisation: Organisation, base: str, exclude_pk: int | None = None) -> str:
    taken = set(
        Programme.objects.filter(organisation=organisation, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: 140 - len(suffix)]}{suffix}"
        n += 1
    return slug


def _validate_programme(programme: Programme) -> None:
    """The register's rules with specific messages; the database constraints are the backstop."""
    money = rules.Money(**{field: getattr(programme, field) for field in MONEY_FIELDS})
    errors = rules.merge_errors(
        rules.money_errors(money),
        rules.period_errors(programme.period_start, programme.period_end),
    )
    if programme.series_id and programme.series.organisation_id != programme.organisation_id:
        errors.setdefault("series", []).append(_("Wybrana seria należy do innej organizacji."))
    if programme.slug:
        clash = Programme.objects.filter(organisation_id=programme.organisation_id, slug=programme.slug)
        if programme.pk:
            clash = clash.exclude(pk=programme.pk)
        if clash.exists():
            errors.setdefault("slug", []).append(
                _("W tej organizacji jest już program o identyfikatorze „%(slug)s”.") % {"slug": programme.slug}
            )
    if errors:
        raise ValidationError(errors)


def _normalise(fields: dict[str, Any]) -> dict[str, Any]:
    for field in MONEY_FIELDS:
        if field in fields:
            fields[field] = _to_decimal(fields[field])
    for field in ("slug", "edition", "name", "short_name"):
        if field in fields and isinstance(fields[field], str):
            fields[field] = fields[field].strip()
    return fields


@transaction.atomic
def programme_create(
    *, actor, organisation: Organisation, name: str, kind: str, slug: str = "", new_series: str = "", **fields: Any
) -> Programme:
    """A new programme or project of ``organisation``; the slug comes from the name when not given.
    ``new_series``: the name of a series to put it in (created when the organisation has none such)."""
    if new_series:
        fields["series"] = series_get_or_create(actor=actor, organisation=organisation, name=new_series)
    _check_fields(fields)
    fields = _normalise({"name": name, "kind": kind, "slug": slug, **fields})
    programme = Programme(organisation=organisation, **fields)
    if not programme.slug:
        base = rules.slugify_pl(" ".join(filter(None, [programme.name, programme.edition])))
        programme.slug = _unique_slug(organisation, base)
    _validate_programme(programme)
    create_object(actor=actor, instance=programme)
    programme.refresh_from_db(fields=["co_financing_rate"])
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, new_series: str = "", **fields: Any) -> Programme:
    """Change the given fields; the whole programme is validated as it will be. ``new_series`` as in
    :func:`programme_create`."""
    if new_series:
        fields["series"] = series_get_or_create(actor=actor, organisation=programme.organisation, name=new_series)
    _check_fields(fields)
    fields = _normalise(fields)
    if "slug" in fields and not fields["slug"]:
        fields["slug"] = programme.slug
    candidate = copy.copy(programme)
    for field, value in fields.items():
        setattr(candidate, field, value)
    _validate_programme(candidate)
    update_object(actor=actor, instance=programme, data=fields)
    programme.refresh_from_db(fields=["co_financing_rate"])
    return programme


@transaction.atomic
def programme_delete(*, actor, programme: Programme) -> None:
    """Delete a programme with its child rows; refused while other records refer to it."""
    files = [doc.file.name for doc in programme.documents.all() if doc.file]
    try:
        with transaction.atomic():
            delete_object(actor=actor, instance=programme)
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise Conflict(
            _("Nie można usunąć „%(name)s”: odwołują się do niego inne dane (%(what)s).")
            % {"name": programme, "what": ", ".join(kinds)},
            code="programme_in_use",
        ) from exc
    _delete_files_on_commit(files)


def _delete_files_on_commit(names: list[str]) -> None:
    if not names:
        return
    storage = ProgrammeDocument._meta.get_field("file").storage

    def _delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(_delete)


# --- Child rows ----------------------------------------------------------------------------


def _owner(instance: models.Model) -> Programme:
    if isinstance(instance, MilestoneTarget):
        return instance.milestone.programme
    return instance.programme


@transaction.atomic
def _child_create(*, actor, instance: models.Model) -> models.Model:
    instance.full_clean()
    instance.save()
    audit.record(
        actor=actor,
        action="create",
        instance=instance,
        organisation=_owner(instance).organisation_id,
        changes={"new": audit.snapshot(instance)},
    )
    return instance


@transaction.atomic
def _child_update(*, actor, instance: models.Model, **fields: Any) -> models.Model:
    before = audit.snapshot(instance)
    for field, value in fields.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    changes = audit.diff(before, audit.snapshot(instance))
    if changes:
        audit.record(
            actor=actor,
            action="update",
            instance=instance,
            organisation=_owner(instance).organisation_id,
            changes=changes,
        )
    return instance


@transaction.atomic
def programme_child_remove(*, actor, instance: models.Model) -> None:
    """Remove one child row (target, activity, limit, milestone, milestone target, durability
    duty, partner, funding, link or document) of a programme."""
    organisation_id = _owner(instance).organisation_id
    audit.record(
        actor=actor,
        action="delete",
        instance=instance,
        organisation=organisation_id,
        changes={"old": audit.snapshot(instance)},
    )
    file_name = instance.file.name if isinstance(instance, ProgrammeDocument) and instance.file else None
    instance.delete()
    if file_name:
        _delete_files_on_commit([file_name])


def _next_order(queryset) -> int:
    current = queryset.aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


def target_add(
    *,
    actor,
    programme: Programme,
    label: str,
    count: int,
    kind: str = TargetKind.PARTICIPANTS,
    order: int | None = None,
) -> ProgrammeTarget:
    if order is None:
        order = _next_order(programme.targets.all())
    target = ProgrammeTarget(programme=programme, label=label, count=count, kind=kind, order=order)
    return _child_create(actor=actor, instance=target)


def activity_add(
    *, actor, programme: Programme, text: str, group: str = "", order: int | None = None
) -> ProgrammeActivity:
    if order is None:
        order = _next_order(programme.activities.all())
    return _child_create(
        actor=actor, instance=ProgrammeActivity(programme=programme, text=text, group=group, order=order)
    )


def limit_add(
    *,
    actor,
    programme: Programme,
    label: str,
    quantity: Decimal | int,
    unit: str = LimitUnit.HOUR,
    period: str = LimitPeriod.PROGRAMME,
    applies_to: str = LimitAppliesTo.PARTICIPANT,
    note: str = "",
) -> ProgrammeLimit:
    quantity = _to_decimal(quantity)
    if quantity is None or quantity <= 0:
        raise ValidationError(
            {"quantity": [_("Limit musi być większy od zera (podano %(value)s).") % {"value": quantity}]}
        )
    limit = ProgrammeLimit(
        programme=programme, label=label, quantity=quantity, unit=unit, period=period, applies_to=applies_to, note=note
    )
    return _child_create(actor=actor, instance=limit)


def _milestone_errors(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        message = _("Koniec kamienia milowego (%(end)s) jest przed jego początkiem (%(start)s).") % {
            "end": end.strftime("%d.%m.%Y"),
            "start": start.strftime("%d.%m.%Y"),
        }
        raise ValidationError({"end": [message]})


def milestone_add(
    *,
    actor,
    programme: Programme,
    name: str,
    order: int | None = None,
    start: date | None = None,
    end: date | None = None,
    description: str = "",
    status: str = MilestoneStatus.PLANNED,
) -> Milestone:
    _milestone_errors(start, end)
    if order is None:
        order = _next_order(programme.milestones.all())
    milestone = Milestone(
        programme=programme, name=name, order=order, start=start, end=end, description=description, status=status
    )
    return _child_create(actor=actor, instance=milestone)


def milestone_update(*, actor, milestone: Milestone, **fields: Any) -> Milestone:
    allowed = {"name", "order", "start", "end", "description", "status"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown milestone fields: {', '.join(sorted(set(fields) - allowed))}")
    _milestone_errors(fields.get("start", milestone.start), fields.get("end", milestone.end))
    return _child_update(actor=actor, instance=milestone, **fields)


def milestone_target_add(
    *, actor, milestone: Milestone, label: str, value: int, order: int | None = None
) -> MilestoneTarget:
    if order is None:
        order = _next_order(milestone.targets.all())
    return _child_create(
        actor=actor, instance=MilestoneTarget(milestone=milestone, label=label, value=value, order=order)
    )


def durability_add(
    *,
    actor,
    programme: Programme,
    subject: str,
    places: int | None = None,
    min_months: int | None = None,
    until: date | None = None,
    description: str = "",
) -> DurabilityObligation:
    if until is not None and programme.period_end is not None and until < programme.period_end:
        raise ValidationError(
            {
                "until": [
                    _("Trwałość ma obowiązywać po zakończeniu projektu (%(end)s), a podano %(until)s.")
                    % {"end": programme.period_end.strftime("%d.%m.%Y"), "until": until.strftime("%d.%m.%Y")}
                ]
            }
        )
    duty = DurabilityObligation(
        programme=programme, subject=subject, places=places, min_months=min_months, until=until, description=description
    )
    return _child_create(actor=actor, instance=duty)


def partner_add(
    *,
    actor,
    programme: Programme,
    name: str,
    role: str = PartnerRole.PARTNER,
    organisation: Organisation | None = None,
    order: int | None = None,
) -> ProjectPartner:
    if order is None:
        order = _next_order(programme.partners.all())
    partner = ProjectPartner(programme=programme, name=name, role=role, organisation=organisation, order=order)
    return _child_create(actor=actor, instance=partner)


def funding_add(
    *, actor, programme: Programme, source: FundingSource, amount: Decimal | None = None
) -> ProgrammeFunding:
    """One funding source of the programme; amounts of all sources may not exceed the total."""
    amount = _to_decimal(amount)
    if programme.fundings.filter(source=source).exists():
        raise ValidationError(
            {"source": [_("Źródło „%(source)s” jest już na liście finansowania.") % {"source": source}]}
        )
    if amount is not None and amount < 0:
        raise ValidationError(
            {"amount": [_("Kwota nie może być ujemna (podano %(amount)s).") % {"amount": format_pln(amount)}]}
        )
    if amount is not None and programme.total_value is not None:
        others = programme.fundings.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if others + amount > programme.total_value:
            raise ValidationError(
                {
                    "amount": [
                        _(
                            "Finansowanie ze wszystkich źródeł (%(sum)s) przekroczyłoby całkowitą wartość "
                            "programu (%(total)s)."
                        )
                        % {"sum": format_pln(others + amount), "total": format_pln(programme.total_value)}
                    ]
                }
            )
    return _child_create(actor=actor, instance=ProgrammeFunding(programme=programme, source=source, amount=amount))


def link_add(*, actor, programme: Programme, label: str, url: str, order: int | None = None) -> ProgrammeLink:
    if order is None:
        order = _next_order(programme.links.all())
    return _child_create(actor=actor, instance=ProgrammeLink(programme=programme, label=label, url=url, order=order))


HEAD_BYTES = 4096


def document_add(
    *,
    actor,
    programme: Programme,
    title: str,
    kind: str = DocumentKind.OTHER,
    file: UploadedFile | None = None,
    original_filename: str = "",
    declared_size_kb: int | None = None,
    order: int | None = None,
) -> ProgrammeDocument:
    """A document of the programme. With a file, its type (extension, declared type and
    content) and size are checked; without one the record only names the document."""
    document = ProgrammeDocument(
        programme=programme,
        title=title,
        kind=kind,
        original_filename=original_filename,
        declared_size_kb=declared_size_kb,
        order=_next_order(programme.documents.all()) if order is None else order,
    )
    if file is not None:
        name = original_filename or file.name or ""
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
        errors = rules.document_errors(
            filename=name,
            size=file.size,
            content_type=getattr(file, "content_type", "") or "",
            head=head,
            max_bytes=settings.WSPARCIE_MAX_DOCUMENT_BYTES,
        )
        if errors:
            raise ValidationError({"file": errors})
        document.original_filename = name.replace("\\", "/").split("/")[-1][:255]
        document.content_type = rules.content_type_for(name)
        document.size = file.size
        document.file.save(document.original_filename, file, save=False)
        stored = document.file.name
        try:
            return _child_create(actor=actor, instance=document)
        except Exception:
            document.file.storage.delete(stored)
            raise
    return _child_create(actor=actor, instance=document)
