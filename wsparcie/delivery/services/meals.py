"""Posiłek w szkole i w domu: each form of aid per person and month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wsparcie.core.models import Organisation
from wsparcie.core.services import create_object, update_object
from wsparcie.delivery.choices import (
    MEAL_FORMS_COUNTED,
    MealForm,
)
from wsparcie.delivery.models import (
    MealAid,
)
from wsparcie.delivery.services.common import (
    _same_org,
)
from wsparcie.people.models import Person


def _check_meal(aid: MealAid) -> None:
    if aid.form in MEAL_FORMS_COUNTED and not aid.meals:
        raise ValidationError({"meals": _("Podaj liczbę wydanych posiłków.")})
    if aid.form == MealForm.CASH_BENEFIT and not aid.amount:
        raise ValidationError({"amount": _("Podaj kwotę zasiłku celowego.")})


@transaction.atomic
def meal_aid_create(
    *,
    actor,
    organisation: Organisation,
    person: Person,
    month: dt.date,
    form: str,
    meals: int = 0,
    amount: Decimal | None = None,
    programme=None,
    note: str = "",
) -> MealAid:
    _same_org(organisation.pk, person=person, programme=programme)
    aid = MealAid(
        organisation=organisation,
        person=person,
        programme=programme,
        month=month.replace(day=1),
        form=form,
        meals=meals or 0,
        amount=amount,
        note=note,
    )
    _check_meal(aid)
    return create_object(actor=actor, instance=aid)


@transaction.atomic
def meal_aid_update(*, actor, aid: MealAid, data: dict[str, Any]) -> MealAid:
    data = {k: v for k, v in data.items() if k in {"meals", "amount", "note", "form"}}
    for key, value in data.items():
        setattr(aid, key, value)
    _check_meal(aid)
    return update_object(actor=actor, instance=aid, data=data)
