"""The equipment loan service: settings (guarantor threshold), inventory, loans, extensions, returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsparcie.core.models import Organisation
from wsparcie.core.money import format_pln
from wsparcie.core.services import create_object, update_object
from wsparcie.delivery import rules
from wsparcie.delivery.models import (
    DeliverySettings,
    EquipmentItem,
    Loan,
    LoanExtension,
)
from wsparcie.delivery.services.common import (
    _same_org,
)
from wsparcie.people.models import Person


@transaction.atomic
def delivery_settings_set(
    *, actor, organisation: Organisation, guarantor_threshold: Decimal | None, loan_months: int = 4
) -> DeliverySettings:
    current = DeliverySettings.objects.select_for_update().filter(organisation=organisation).first()
    data = {"guarantor_threshold": guarantor_threshold, "loan_months": loan_months}
    if current is None:
        return create_object(actor=actor, instance=DeliverySettings(organisation=organisation, **data))
    return update_object(actor=actor, instance=current, data=data)


@transaction.atomic
def equipment_item_create(*, actor, organisation: Organisation, **fields) -> EquipmentItem:
    _same_org(organisation.pk, programme=fields.get("programme"))
    return create_object(actor=actor, instance=EquipmentItem(organisation=organisation, **fields))


@transaction.atomic
def equipment_item_update(*, actor, item: EquipmentItem, data: dict[str, Any]) -> EquipmentItem:
    allowed = {
        "name",
        "category",
        "inventory_number",
        "serial",
        "condition",
        "value",
        "funding_source",
        "programme",
        "purchased_on",
        "withdrawn_on",
        "notes",
    }
    data = {k: v for k, v in data.items() if k in allowed}
    _same_org(item.organisation_id, programme=data.get("programme"))
    return update_object(actor=actor, instance=item, data=data)


@transaction.atomic
def loan_create(
    *,
    actor,
    item: EquipmentItem,
    person: Person,
    start_date: dt.date,
    due_date: dt.date | None = None,
    guarantor_name: str = "",
    guarantor_address: str = "",
    guarantor_document: str = "",
    medical_certificate_on: dt.date | None = None,
    notes: str = "",
) -> Loan:
    """Lend ``item`` to ``person`` (umowa użyczenia); due by default after the organisation's
    usual period (4 months); a guarantor when the item is worth more than the organisation's threshold."""
    _same_org(item.organisation_id, person=person)
    # Serialise numbering within the organisation.
    settings_row = DeliverySettings.objects.select_for_update().filter(organisation_id=item.organisation_id).first()
    settings_row = settings_row or DeliverySettings(organisation_id=item.organisation_id)
    item = EquipmentItem.objects.select_for_update().get(pk=item.pk)
    if item.withdrawn_on is not None:
        raise ValidationError({"item": _("Sprzęt %(item)s został wycofany z użytku.") % {"item": item}})
    active = Loan.objects.filter(item=item, returned_on__isnull=True).first()
    if active is not None:
        raise ValidationError(
            {
                "item": _("Sprzęt %(item)s jest wypożyczony (umowa %(number)s do %(due)s).")
                % {"item": item, "number": active.number, "due": active.due_date.strftime("%d.%m.%Y")}
            }
        )
    if rules.guarantor_required(item.value, settings_row.guarantor_threshold) and not guarantor_name.strip():
        raise ValidationError(
            {
                "guarantor_name": _(
                    "Wartość sprzętu (%(value)s) przekracza próg %(threshold)s ustalony przez ośrodek: wymagany jest poręczyciel."
                )
                % {"value": format_pln(item.value), "threshold": format_pln(settings_row.guarantor_threshold)}
            }
        )
    year = start_date.year
    sequence = Loan.objects.filter(organisation_id=item.organisation_id, number__startswith=f"WYP/{year}/").count() + 1
    return create_object(
        actor=actor,
        instance=Loan(
            organisation_id=item.organisation_id,
            number=rules.loan_number(year, sequence),
            item=item,
            person=person,
            start_date=start_date,
            due_date=due_date or rules.loan_due_date(start_date, settings_row.loan_months),
            guarantor_name=guarantor_name.strip(),
            guarantor_address=guarantor_address,
            guarantor_document=guarantor_document,
            medical_certificate_on=medical_certificate_on,
            notes=notes,
        ),
    )


def _require_open(loan: Loan) -> None:
    if loan.returned_on is not None:
        raise ValidationError(
            _("Umowa %(number)s jest zakończona: sprzęt zwrócono %(date)s.")
            % {"number": loan.number, "date": loan.returned_on.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def loan_extend(*, actor, loan: Loan, new_due: dt.date, reason: str = "") -> Loan:
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    _require_open(loan)
    if new_due <= loan.due_date:
        raise ValidationError(
            {"new_due": _("Nowy termin musi być późniejszy niż %(due)s.") % {"due": loan.due_date.strftime("%d.%m.%Y")}}
        )
    create_object(
        actor=actor,
        instance=LoanExtension(
            organisation_id=loan.organisation_id, loan=loan, previous_due=loan.due_date, new_due=new_due, reason=reason
        ),
    )
    return update_object(actor=actor, instance=loan, data={"due_date": new_due}, note=reason)


@transaction.atomic
def loan_return(*, actor, loan: Loan, returned_on: dt.date, condition: str, note: str = "") -> Loan:
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    _require_open(loan)
    loan = update_object(
        actor=actor,
        instance=loan,
        data={"returned_on": returned_on, "return_condition": condition, "return_note": note},
    )
    update_object(
        actor=actor,
        instance=loan.item,
        data={"condition": condition},
        note=_("Zwrot: umowa %(number)s") % {"number": loan.number},
    )
    return loan
