"""Services of a programme edition: rate caps, limits (per edition, month, year, certificate) and grants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsparcie.core.money import format_pln
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.delivery.choices import (
    Activity,
    CertificateDegree,
    Unit,
)
from wsparcie.delivery.models import (
    Grant,
    RateCap,
    Service,
    ServiceLimit,
)
from wsparcie.delivery.services.common import (
    _check_enrolment,
    _check_service_of_enrolment,
    _same_org,
)
from wsparcie.enrolment.models import Application


def _check_rate_cap(programme_id: int, unit: str, rate: Decimal) -> None:
    cap = RateCap.objects.filter(programme_id=programme_id, unit=unit).values_list("max_rate", flat=True).first()
    if cap is not None and rate is not None and Decimal(rate) > cap:
        raise ValidationError(
            {
                "rate": _("Stawka %(rate)s przekracza limit stawki programu: %(cap)s za jednostkę (%(unit)s).")
                % {"rate": format_pln(rate), "cap": format_pln(cap), "unit": Unit(unit).label}
            }
        )


def _check_activities(activities: list[str]) -> list[str]:
    unknown = [a for a in activities if a not in Activity.values]
    if unknown:
        raise ValidationError({"activities": _("Nieznana czynność: %(names)s.") % {"names": ", ".join(unknown)}})
    return list(dict.fromkeys(activities))


@transaction.atomic
def rate_cap_set(*, actor, programme, unit: str, max_rate: Decimal) -> RateCap:
    above = Service.objects.filter(programme=programme, unit=unit, rate__gt=max_rate).first()
    if above is not None:
        raise ValidationError(
            {
                "max_rate": _("Usługa „%(service)s” ma wyższą stawkę (%(rate)s).")
                % {"service": above, "rate": format_pln(above.rate)}
            }
        )
    current = RateCap.objects.filter(programme=programme, unit=unit).first()
    if current is None:
        return create_object(
            actor=actor,
            instance=RateCap(
                organisation_id=programme.organisation_id, programme=programme, unit=unit, max_rate=max_rate
            ),
        )
    return update_object(actor=actor, instance=current, data={"max_rate": max_rate})


@transaction.atomic
def service_create(
    *,
    actor,
    programme,
    kind: str,
    unit: str,
    rate: Decimal,
    name: str = "",
    activities: list[str] | None = None,
    limit_per_participant: Decimal | None = None,
    limit_per_month: Decimal | None = None,
    days_per_year: int | None = None,
    certificate_limits: list[dict] | None = None,
) -> Service:
    _check_rate_cap(programme.pk, unit, rate)
    service = create_object(
        actor=actor,
        instance=Service(
            organisation_id=programme.organisation_id,
            programme=programme,
            name=name,
            kind=kind,
            unit=unit,
            rate=rate,
            activities=_check_activities(activities or []),
            limit_per_participant=limit_per_participant,
            limit_per_month=limit_per_month,
            days_per_year=days_per_year,
        ),
    )
    if certificate_limits:
        service_limits_set(actor=actor, service=service, rows=certificate_limits)
    return service


@transaction.atomic
def service_update(*, actor, service: Service, data: dict[str, Any]) -> Service:
    allowed = {
        "name",
        "kind",
        "unit",
        "rate",
        "activities",
        "limit_per_participant",
        "limit_per_month",
        "days_per_year",
        "is_active",
    }
    data = {k: v for k, v in data.items() if k in allowed}
    if "activities" in data:
        data["activities"] = _check_activities(data["activities"] or [])
    _check_rate_cap(service.programme_id, data.get("unit", service.unit), data.get("rate", service.rate))
    return update_object(actor=actor, instance=service, data=data)


@transaction.atomic
def service_limits_set(*, actor, service: Service, rows: list[dict]) -> list[ServiceLimit]:
    """Replace the service's limit table by certificate with ``rows``
    (``{"degree", "several_symbols", "child", "limit"}``)."""
    for old in list(service.certificate_limits.all()):
        delete_object(actor=actor, instance=old)
    created = []
    for row in rows:
        created.append(
            create_object(
                actor=actor,
                instance=ServiceLimit(
                    organisation_id=service.organisation_id,
                    service=service,
                    degree=row.get("degree") or CertificateDegree.ANY,
                    several_symbols=row.get("several_symbols"),
                    child=bool(row.get("child", False)),
                    limit=row["limit"],
                ),
            )
        )
    return created


@transaction.atomic
def grant_set(
    *,
    actor,
    enrolment: Application,
    service: Service,
    units: Decimal,
    granted_on: dt.date | None = None,
    note: str = "",
) -> Grant:
    _same_org(enrolment.organisation_id, service=service)
    _check_enrolment(enrolment)
    _check_service_of_enrolment(service, enrolment)
    current = Grant.objects.select_for_update().filter(enrolment=enrolment, service=service).first()
    if current is None:
        return create_object(
            actor=actor,
            instance=Grant(
                organisation_id=enrolment.organisation_id,
                enrolment=enrolment,
                service=service,
                units=units,
                granted_on=granted_on,
                note=note,
            ),
        )
    return update_object(actor=actor, instance=current, data={"units": units, "granted_on": granted_on, "note": note})
