"""The one place where "which organisations may this user see for this purpose" is decided.

Every selector of tenant-owned data goes through :func:`scope` or :func:`get_for_user`; another
organisation's row is simply not in the queryset, so pages and API answer 404 and lists, filters,
exports and search never include it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from wsparcie.core.models import Membership, Organisation
from wsparcie.core.roles import permissions_for

_CACHE_ATTR = "_wsparcie_permissions"


def _permission_map(user) -> dict[int, frozenset[str]]:
    """organisation id -> permissions, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result: dict[int, set[str]] = {}
    for org_id, role in Membership.objects.filter(user=user).values_list("organisation_id", "role"):
        result.setdefault(org_id, set()).update(permissions_for(role))
    frozen = {org_id: frozenset(perms) for org_id, perms in result.items()}
    setattr(user, _CACHE_ATTR, frozen)
    return frozen


def forget_permissions(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def organisation_ids(user, perm: str) -> list[int]:
    """Ids of the organisations in which ``user`` holds ``perm``."""
    return sorted(org_id for org_id, perms in _permission_map(user).items() if perm in perms)


def has_perm(user, perm: str, organisation: Organisation | int | None = None) -> bool:
    perms = _permission_map(user)
    if organisation is None:
        return any(perm in p for p in perms.values())
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return perm in perms.get(org_id, frozenset())


def scope(queryset: QuerySet, user, perm: str, field: str = "organisation") -> QuerySet:
    """Narrow ``queryset`` to the organisations where ``user`` holds ``perm``."""
    return queryset.filter(**{f"{field}__in": organisation_ids(user, perm)})


def get_for_user(queryset: QuerySet, user, perm: str, field: str = "organisation", **lookup):
    """One object the user may see for ``perm``, or 404 (never 403: existence is not revealed)."""
    obj = scope(queryset, user, perm, field).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def require_perm(user, perm: str, organisation: Organisation | int) -> None:
    if not has_perm(user, perm, organisation):
        raise PermissionDenied


def organisations_for(user, perm: str) -> QuerySet:
    return Organisation.objects.filter(pk__in=organisation_ids(user, perm))


def organisation_for_write(user, perm: str, requested: Organisation | str | int | None = None) -> Organisation:
    """The organisation a new record goes to: the requested one (slug, id or object) if the user
    holds ``perm`` there, otherwise the only one where they do.

    Raises ``PermissionDenied`` when the user holds ``perm`` nowhere, ``ValidationError`` (on the
    ``organisation`` field) when a choice is needed or the requested one is not theirs.
    """
    allowed = organisations_for(user, perm)
    if requested not in (None, ""):
        if isinstance(requested, Organisation):
            match = allowed.filter(pk=requested.pk).first()
        elif isinstance(requested, int) or (isinstance(requested, str) and requested.isdigit()):
            match = allowed.filter(pk=int(requested)).first()
        else:
            match = allowed.filter(slug=requested).first()
        if match is None:
            raise ValidationError({"organisation": _("Nie masz uprawnień w tej organizacji.")})
        return match
    orgs = list(allowed[:2])
    if not orgs:
        raise PermissionDenied
    if len(orgs) > 1:
        raise ValidationError({"organisation": _("Wskaż organizację: masz uprawnienia w kilku.")})
    return orgs[0]
