"""Every write of indicators: indicators and their milestone targets, manual values with
evidence, snapshots over time, and participants' EU monitoring data. Keyword-only, validated,
atomic, audited (``core.services``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from wsparcie.core import audit
from wsparcie.core.errors import ApplicationError
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.indicators import definitions
from wsparcie.indicators.choices import IndicatorSource
from wsparcie.indicators.models import Indicator, IndicatorSnapshot, IndicatorValue, MilestoneTarget, ParticipantEUData

#: Evidence files we accept (scans, photos, office documents, plain data).
EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".odt",
    ".ods",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".csv",
    ".txt",
}

EDITABLE = {
    "name",
    "code",
    "kind",
    "unit",
    "baseline",
    "target",
    "source",
    "definition",
    "filters",
    "manual_aggregation",
    "description",
    "order",
}


class IndicatorIsMeasured(ApplicationError):
    code = "indicator_is_measured"


def _prepare(data: dict) -> dict:
    """Validate source/definition/filters together; fill the unit from the definition."""
    source = data.get("source")
    if source == IndicatorSource.MEASURED:
        definition = definitions.get(data.get("definition") or "")
        data["filters"] = definitions.clean_filters(definition, data.get("filters"))
        if not data.get("unit"):
            data["unit"] = definition.unit
    elif source == IndicatorSource.MANUAL:
        if data.get("definition"):
            raise ValidationError(
                {
                    "definition": gettext(
                        "Wskaźnik wpisywany ręcznie nie ma definicji: wybierz „liczony z danych” albo usuń definicję."
                    )
                }
            )
        if data.get("filters"):
            raise ValidationError({"filters": gettext("Zawężenia dotyczą tylko wskaźników liczonych z danych.")})
        data["definition"], data["filters"] = "", {}
    return data


def indicator_create(
    *,
    actor,
    programme,
    name: str,
    target: Decimal,
    source: str,
    definition: str = "",
    filters: dict | None = None,
    kind: str = "output",
    unit: str = "",
    baseline: Decimal = Decimal("0"),
    code: str = "",
    manual_aggregation: str = "latest",
    description: str = "",
    order: int = 0,
) -> Indicator:
    data = _prepare(
        {
            "name": name,
            "target": target,
            "source": source,
            "definition": definition,
            "filters": filters or {},
            "kind": kind,
            "unit": unit,
            "baseline": baseline,
            "code": code,
            "manual_aggregation": manual_aggregation,
            "description": description,
            "order": order,
        }
    )
    if not data["unit"]:
        data["unit"] = "osoby"
    return create_object(
        actor=actor, instance=Indicator(organisation_id=programme.organisation_id, programme=programme, **data)
    )


def indicator_update(*, actor, indicator: Indicator, **data) -> Indicator:
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError({field: gettext("Tego pola nie można zmienić.") for field in unknown})
    merged = {key: getattr(indicator, key) for key in EDITABLE}
    merged.update(data)
    if data.get("source") == IndicatorSource.MANUAL:
        merged["definition"], merged["filters"] = data.get("definition", ""), data.get("filters", {})
    prepared = _prepare(merged)
    if (
        prepared["source"] == IndicatorSource.MEASURED
        and indicator.source == IndicatorSource.MANUAL
        and indicator.values.exists()
    ):
        raise ApplicationError(
            gettext(
                "Wskaźnik „%(indicator)s” ma wpisane wartości (%(count)s); nie można go zmienić na liczony z danych."
            )
            % {"indicator": indicator, "count": indicator.values.count()},
            code="indicator_has_values",
        )
    return update_object(actor=actor, instance=indicator, data={key: prepared[key] for key in EDITABLE})


def indicator_delete(*, actor, indicator: Indicator) -> None:
    if indicator.values.exists():
        raise ApplicationError(
            gettext("Wskaźnik „%(indicator)s” ma wpisane wartości z dowodami; nie można go usunąć.")
            % {"indicator": indicator},
            code="indicator_has_values",
        )
    with transaction.atomic():
        indicator.snapshots.all().delete()
        indicator.milestone_targets.all().delete()
        delete_object(actor=actor, instance=indicator)


def milestone_target_set(*, actor, indicator: Indicator, milestone, target: Decimal) -> MilestoneTarget:
    if milestone.programme_id != indicator.programme_id:
        raise ValidationError(
            {
                "milestone": gettext("Kamień milowy „%(milestone)s” należy do innego programu.")
                % {"milestone": milestone}
            }
        )
    existing = MilestoneTarget.objects.filter(indicator=indicator, milestone=milestone).first()
    if existing is not None:
        return update_object(actor=actor, instance=existing, data={"target": Decimal(target)})
    return create_object(
        actor=actor,
        instance=MilestoneTarget(
            organisation_id=indicator.organisation_id, indicator=indicator, milestone=milestone, target=target
        ),
    )


def _check_evidence(evidence) -> None:
    if evidence is None:
        return
    name = getattr(evidence, "name", "") or ""
    extension = PurePath(name).suffix.lower()
    if extension not in EVIDENCE_EXTENSIONS:
        allowed = ", ".join(sorted(e.lstrip(".") for e in EVIDENCE_EXTENSIONS))
        raise ValidationError(
            {
                "evidence": gettext("Plik „%(name)s” ma nieobsługiwany typ; dozwolone: %(allowed)s.")
                % {"name": name, "allowed": allowed}
            }
        )
    limit = settings.WSPARCIE_MAX_DOCUMENT_BYTES
    if evidence.size > limit:
        raise ValidationError(
            {
                "evidence": gettext("Plik „%(name)s” ma %(size)s MB; największy dozwolony to %(limit)s MB.")
                % {"name": name, "size": f"{evidence.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
            }
        )


def indicator_value_add(
    *,
    actor,
    indicator: Indicator,
    measured_on: dt.date,
    value: Decimal,
    evidence=None,
    evidence_note: str = "",
    note: str = "",
) -> IndicatorValue:
    """Record a value of a manual indicator as of ``measured_on``, with its evidence."""
    if indicator.source != IndicatorSource.MANUAL:
        raise IndicatorIsMeasured(
            gettext("Wskaźnik „%(indicator)s” jest liczony z danych – jego wartości nie wpisuje się ręcznie.")
            % {"indicator": indicator},
            code="indicator_is_measured",
        )
    if evidence is None and not evidence_note.strip():
        raise ValidationError({"evidence": gettext("Dołącz dowód: plik albo opis, gdzie dowód się znajduje.")})
    if Decimal(value) < 0:
        raise ValidationError({"value": gettext("Wartość nie może być ujemna.")})
    if measured_on > timezone.localdate():
        raise ValidationError(
            {
                "measured_on": gettext("Data %(date)s jest w przyszłości; wpisz stan na dzień, który już minął.")
                % {"date": f"{measured_on:%d.%m.%Y}"}
            }
        )
    _check_evidence(evidence)
    instance = IndicatorValue(
        organisation_id=indicator.organisation_id,
        indicator=indicator,
        measured_on=measured_on,
        value=Decimal(value),
        evidence_note=evidence_note.strip(),
        note=note,
    )
    if evidence is not None:
        instance.original_filename = PurePath(evidence.name).name[:255]
        instance.content_type = (getattr(evidence, "content_type", "") or "")[:100]
        instance.size = evidence.size
        instance.evidence = evidence
    return create_object(actor=actor, instance=instance)


def indicator_value_delete(*, actor, value: IndicatorValue, reason: str = "") -> None:
    if value.evidence:
        value.evidence.delete(save=False)
    delete_object(actor=actor, instance=value, note=reason)


# --- snapshots --------------------------------------------------------------------------------


def _measure_as_of(indicator: Indicator, on: dt.date) -> Decimal | None:
    """The value of a measured indicator counting only what happened up to ``on``."""
    filters = dict(indicator.filters or {})
    if "date_to" not in filters or filters["date_to"] > on.isoformat():
        filters["date_to"] = on.isoformat()
    if filters.get("date_from") and filters["date_from"] > filters["date_to"]:
        return Decimal("0")
    return definitions.measure(indicator.definition, indicator.programme_id, filters)


def _snapshot_upsert(indicator: Indicator, on: dt.date, value: Decimal) -> IndicatorSnapshot:
    snapshot, _created = IndicatorSnapshot.objects.update_or_create(
        indicator=indicator, taken_on=on, defaults={"value": value, "organisation_id": indicator.organisation_id}
    )
    return snapshot


@transaction.atomic
def indicator_snapshot_take(*, actor, indicator: Indicator, on: dt.date | None = None) -> IndicatorSnapshot | None:
    """Store what a measured indicator shows on ``on`` (default today); None when not available."""
    if indicator.source != IndicatorSource.MEASURED:
        raise IndicatorIsMeasured(
            gettext("Wskaźnik „%(indicator)s” jest wpisywany ręcznie: jego stany to wpisane wartości.")
            % {"indicator": indicator},
            code="indicator_is_manual",
        )
    on = on or timezone.localdate()
    value = _measure_as_of(indicator, on)
    if value is None:
        return None
    snapshot = _snapshot_upsert(indicator, on, value)
    audit.record(actor=actor, action="action", instance=snapshot, note=f"Stan wskaźnika na {on:%d.%m.%Y}: {value}")
    return snapshot


@transaction.atomic
def indicators_snapshot_all(*, actor, on: dt.date | None = None, programme=None, organisation=None) -> int:
    """Snapshot every measured indicator (optionally of one programme or organisation) on ``on``.

    One audit entry per organisation says how many were stored (not one per row)."""
    on = on or timezone.localdate()
    qs = Indicator.objects.filter(source=IndicatorSource.MEASURED).select_related("programme")
    if programme is not None:
        qs = qs.filter(programme=programme)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    per_org: dict[int, int] = {}
    for indicator in qs:
        value = _measure_as_of(indicator, on)
        if value is None:
            continue
        _snapshot_upsert(indicator, on, value)
        per_org[indicator.organisation_id] = per_org.get(indicator.organisation_id, 0) + 1
    for org_id, count in per_org.items():
        audit.record(
            actor=actor,
            action="action",
            organisation=org_id,
            object_type="indicators.indicatorsnapshot",
            note=f"Zapisano stan {count} wskaźników na {on:%d.%m.%Y}.",
        )
    return sum(per_org.values())


# --- EU monitoring data -----------------------------------------------------------------------

EU_FIELDS = {
    "participant_kind",
    "institution_name",
    "citizenship",
    "education",
    "degurba",
    "labour_status",
    "labour_status_detail",
    "disability",
    "foreign_origin",
    "third_country_citizen",
    "minority",
    "homeless",
    "support_scope",
    "support_forms",
    "support_started_on",
    "situation_at_end",
    "completed_as_planned",
    "notes",
}


def eu_data_save(*, actor, enrolment, **data) -> ParticipantEUData:
    """Create or change the EU monitoring data of one participation."""
    unknown = set(data) - EU_FIELDS
    if unknown:
        raise ValidationError({field: gettext("Nieznane pole.") for field in unknown})
    if enrolment.status not in ("enrolled", "completed"):
        raise ValidationError(
            {
                "enrolment": gettext("Dane EFS wypełnia się dla uczestników; to zgłoszenie ma status „%(status)s”.")
                % {"status": enrolment.get_status_display()}
            }
        )
    started = data.get("support_started_on")
    if started and enrolment.enrolled_on and started < enrolment.enrolled_on:
        raise ValidationError(
            {
                "support_started_on": gettext("Wsparcie nie może zacząć się przed udziałem w projekcie (%(date)s).")
                % {"date": f"{enrolment.enrolled_on:%d.%m.%Y}"}
            }
        )
    existing = ParticipantEUData.objects.filter(enrolment=enrolment).first()
    if existing is None:
        return create_object(
            actor=actor,
            instance=ParticipantEUData(organisation_id=enrolment.organisation_id, enrolment=enrolment, **data),
        )
    return update_object(actor=actor, instance=existing, data=data)
