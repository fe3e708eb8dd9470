"""Workers, their contracts and their assignment to participants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsparcie.core.models import Membership, Organisation
from wsparcie.core.services import create_object, update_object
from wsparcie.delivery.models import (
    Assignment,
    Service,
    Worker,
    WorkerContract,
)
from wsparcie.delivery.services.common import (
    _check_enrolment,
    _check_worker_allowed,
    _same_org,
)
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person


def _check_worker_user(worker: Worker) -> None:
    if (
        worker.user_id
        and not Membership.objects.filter(user_id=worker.user_id, organisation_id=worker.organisation_id).exists()
    ):
        raise ValidationError({"user": _("To konto nie ma roli w organizacji realizatora.")})


@transaction.atomic
def worker_create(
    *,
    actor,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    role: str,
    person: Person | None = None,
    user=None,
    qualifications: list[str] | None = None,
    qualifications_note: str = "",
    phone: str = "",
    email: str = "",
) -> Worker:
    _same_org(organisation.pk, person=person)
    worker = Worker(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        role=role,
        person=person,
        user=user,
        qualifications=list(qualifications or []),
        qualifications_note=qualifications_note,
        phone=phone,
        email=email,
    )
    _check_worker_user(worker)
    return create_object(actor=actor, instance=worker)


@transaction.atomic
def worker_update(*, actor, worker: Worker, data: dict[str, Any]) -> Worker:
    allowed = {
        "first_name",
        "last_name",
        "role",
        "person",
        "user",
        "qualifications",
        "qualifications_note",
        "phone",
        "email",
        "is_active",
    }
    data = {k: v for k, v in data.items() if k in allowed}
    _same_org(worker.organisation_id, person=data.get("person"))
    for key, value in data.items():
        setattr(worker, key, value)
    _check_worker_user(worker)
    return update_object(actor=actor, instance=worker, data=data)


@transaction.atomic
def contract_create(
    *,
    actor,
    worker: Worker,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    number: str = "",
    programme=None,
    hours_per_month: Decimal | None = None,
    hourly_rate: Decimal | None = None,
) -> WorkerContract:
    _same_org(worker.organisation_id, programme=programme)
    return create_object(
        actor=actor,
        instance=WorkerContract(
            organisation_id=worker.organisation_id,
            worker=worker,
            kind=kind,
            number=number,
            programme=programme,
            start_date=start_date,
            end_date=end_date,
            hours_per_month=hours_per_month,
            hourly_rate=hourly_rate,
        ),
    )


@transaction.atomic
def assignment_create(
    *,
    actor,
    worker: Worker,
    enrolment: Application,
    service: Service | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Assignment:
    _same_org(worker.organisation_id, enrolment=enrolment, service=service)
    _check_enrolment(enrolment)
    _check_worker_allowed(worker, enrolment, service)
    return create_object(
        actor=actor,
        instance=Assignment(
            organisation_id=worker.organisation_id,
            worker=worker,
            enrolment=enrolment,
            service=service,
            start_date=start_date,
            end_date=end_date,
        ),
    )
