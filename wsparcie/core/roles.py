"""Roles within an organisation and what each may do.

A permission is a plain string ``"<area>.<action>"``. Roles are granted per organisation
(:class:`wsparcie.core.models.Membership`); a user may hold several roles in several
organisations. Scoping by these permissions happens only in :mod:`wsparcie.core.tenancy`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    COORDINATOR = "coordinator", _("koordynator programu")
    SOCIAL_WORKER = "social_worker", _("pracownik socjalny")
    WORKER = "worker", _("asystent / opiekun")
    TELECARE_OPERATOR = "telecare_operator", _("operator teleopieki")
    AUDITOR = "auditor", _("audytor")


# Areas: programmes, people, health (disability and health data), enrolment, delivery,
# plans, telecare, finance, indicators, directory, audit, organisation.
VIEW_ALL = {
    "programmes.view",
    "people.view",
    "health.view",
    "enrolment.view",
    "delivery.view",
    "plans.view",
    "telecare.view",
    "finance.view",
    "indicators.view",
    "directory.view",
}
EDIT_ALL = {
    "programmes.edit",
    "people.edit",
    "enrolment.edit",
    "enrolment.qualify",
    "delivery.edit",
    "plans.edit",
    "finance.edit",
    "indicators.edit",
    "directory.edit",
    "imports.run",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(
        VIEW_ALL
        | EDIT_ALL
        | {"audit.view", "organisation.manage", "telecare.operate", "telecare.manage", "people.merge"}
    ),
    Role.COORDINATOR: frozenset(VIEW_ALL | EDIT_ALL | {"telecare.manage", "people.merge"}),
    Role.SOCIAL_WORKER: frozenset(
        {
            "programmes.view",
            "people.view",
            "people.edit",
            "health.view",
            "enrolment.view",
            "enrolment.edit",
            "delivery.view",
            "plans.view",
            "plans.edit",
            "telecare.view",
            "indicators.view",
            "directory.view",
        }
    ),
    # Assistants and carers see only their own participants and schedule: the delivery app
    # narrows "delivery.own" to the worker record linked to the user.
    Role.WORKER: frozenset({"delivery.own", "programmes.view"}),
    Role.TELECARE_OPERATOR: frozenset({"telecare.view", "telecare.operate", "programmes.view"}),
    Role.AUDITOR: frozenset(VIEW_ALL | {"audit.view"}),
}


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
