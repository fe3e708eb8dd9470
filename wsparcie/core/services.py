"""Generic audited writes, used by every domain service, and the core services
(organisations, users, memberships).

A domain service validates its own rules, then calls :func:`create_object`,
:func:`update_object` or :func:`delete_object`, which run ``full_clean()``, save and write the
audit entry in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction

from wsparcie.core import audit
from wsparcie.core.models import Membership, Organisation
from wsparcie.core.tenancy import forget_permissions


@transaction.atomic
def create_object(*, actor, instance: models.Model, exclude_validation: list[str] | None = None, note: str = ""):
    instance.full_clean(exclude=exclude_validation)
    instance.save()
    audit.record(actor=actor, action="create", instance=instance, changes={"new": audit.snapshot(instance)}, note=note)
    return instance


@transaction.atomic
def update_object(
    *, actor, instance: models.Model, data: dict[str, Any], exclude_validation: list[str] | None = None, note: str = ""
):
    before = audit.snapshot(instance)
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean(exclude=exclude_validation)
    instance.save()
    changes = audit.diff(before, audit.snapshot(instance))
    if changes or note:
        audit.record(actor=actor, action="update", instance=instance, changes=changes, note=note)
    return instance


@transaction.atomic
def delete_object(*, actor, instance: models.Model, note: str = "") -> None:
    old = audit.snapshot(instance)
    audit.record(actor=actor, action="delete", instance=instance, changes={"old": old}, note=note)
    instance.delete()


def organisation_upsert(*, actor, slug: str, **fields) -> Organisation:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        return create_object(actor=actor, instance=Organisation(slug=slug, **fields))
    return update_object(actor=actor, instance=org, data=fields)


@transaction.atomic
def user_create(
    *, actor, username: str, password: str | None, email: str = "", first_name: str = "", last_name: str = ""
):
    User = get_user_model()
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=actor, action="create", instance=user, changes={"new": {"username": username}})
    return user


@transaction.atomic
def membership_grant(*, actor, user, organisation: Organisation, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        audit.record(actor=actor, action="create", instance=membership, organisation=organisation)
    forget_permissions(user)
    return membership
