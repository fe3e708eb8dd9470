"""Writing to the audit trail. Services call :func:`record`; nothing else writes entries."""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from psycopg.types.range import Range

from wsparcie.core.models import AuditEntry, Organisation

# Set by AuditContextMiddleware for the duration of a request.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("wsparcie_current_ip", default=None)

#: Fields whose values are replaced by a marker in the trail (secrets, not history).
REDACTED_FIELDS = {"password", "token_hash", "secret", "access_code", "door_code"}


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Range):
        return [_plain(value.lower), _plain(value.upper)]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of ``instance`` as JSON-safe data."""
    data = {}
    for field in instance._meta.concrete_fields:
        if getattr(field, "generated", False):
            continue
        value = getattr(instance, field.attname)
        data[field.attname] = "***" if field.attname in REDACTED_FIELDS else _plain(value)
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that changed."""
    skip = {"updated_at"}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if key not in skip and before.get(key) != after.get(key)
    }


def record(
    *,
    actor,
    action: str,
    instance: models.Model | None = None,
    organisation=None,
    changes: dict | None = None,
    note: str = "",
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    if organisation is None and isinstance(instance, Organisation):
        organisation_id = instance.pk
    elif organisation is None and instance is not None:
        organisation_id = getattr(instance, "organisation_id", None)
    else:
        organisation_id = getattr(organisation, "pk", organisation)
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)[:255]
    actor_ok = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if actor_ok else None,
        actor_name=(actor.get_username() if actor_ok else (str(actor) if actor else "system"))[:150],
        organisation_id=organisation_id,
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_repr=(object_repr or "")[:255],
        changes=changes or {},
        note=note,
        ip_address=current_ip.get(),
    )
