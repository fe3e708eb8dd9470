"""Checks shared by the services of delivery: same organisation, an enrolment, the assistant rule."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from wsparcie.delivery import rules
from wsparcie.delivery.choices import (
    ServiceKind,
    WorkerRole,
)
from wsparcie.delivery.models import (
    Service,
    Worker,
)
from wsparcie.delivery.selectors import ENROLMENT_STATUSES
from wsparcie.delivery.services.errors import (
    NotAllowedWorker,
)
from wsparcie.enrolment.models import Application
from wsparcie.people.choices import RelationKind
from wsparcie.people.models import Person, Relation


def _same_org(organisation_id: int, **objects) -> None:
    errors = {}
    for name, obj in objects.items():
        if obj is not None and obj.organisation_id != organisation_id:
            errors[name] = _("Ten rekord należy do innej organizacji.")
    if errors:
        raise ValidationError(errors)


def _raise_if_not_allowed(worker: Worker, participant: Person, found: rules.WorkerRelation | None) -> None:
    if found is None:
        return
    if found.reason == "family":
        labels = ", ".join(str(RelationKind(k).label) for k in found.kinds)
        why = _("jest członkiem rodziny uczestnika (%(relation)s)") % {"relation": labels}
    elif found.reason == "legal_guardian":
        why = _("jest opiekunem prawnym uczestnika")
    elif found.reason == "household":
        why = _("mieszka razem z uczestnikiem (to samo gospodarstwo domowe)")
    else:
        why = _("jest samym uczestnikiem")
    raise NotAllowedWorker(
        _("%(worker)s nie może być asystentem osoby %(participant)s: %(why)s.")
        % {"worker": worker, "participant": participant, "why": why}
    )


def _check_worker_allowed(worker: Worker, enrolment: Application, service: Service | None) -> None:
    """AOON: an assistant is not the participant's family, legal guardian or co-resident."""
    if not _assisting(worker, service) or worker.person_id is None:
        return
    participant = enrolment.person
    relations = Relation.objects.filter(
        Q(person_id=worker.person_id, relative_id=participant.pk)
        | Q(person_id=participant.pk, relative_id=worker.person_id)
    ).values_list("person_id", "relative_id", "kind")
    found = rules.worker_not_allowed(
        worker_person_id=worker.person_id,
        participant_person_id=participant.pk,
        worker_household_id=worker.person.household_id,
        participant_household_id=participant.household_id,
        relations=list(relations),
    )
    _raise_if_not_allowed(worker, participant, found)


def _check_enrolment(enrolment: Application) -> None:
    if enrolment.status not in ENROLMENT_STATUSES:
        raise ValidationError(
            {
                "enrolment": _("To zgłoszenie nie jest udziałem w programie (status: %(status)s).")
                % {"status": enrolment.get_status_display()}
            }
        )


def _check_service_of_enrolment(service: Service, enrolment: Application) -> None:
    if service.programme_id != enrolment.programme_id:
        raise ValidationError(
            {"service": _("Usługa „%(service)s” nie należy do programu uczestnika.") % {"service": service}}
        )


def _assisting(worker: Worker, service: Service | None) -> bool:
    """The AOON rule on family, guardians and co-residents applies to assistants and to personal assistance."""
    return worker.role == WorkerRole.ASSISTANT or (
        service is not None and service.kind == ServiceKind.PERSONAL_ASSISTANCE
    )
