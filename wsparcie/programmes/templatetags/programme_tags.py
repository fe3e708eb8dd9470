"""Display helpers of the register: the implementation period and limits, in Polish."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from wsparcie.programmes.choices import PeriodPrecision

register = template.Library()


def _date(value) -> str:
    return value.strftime("%d.%m.%Y")


@register.filter
def period(programme) -> str:
    """As the page gives it (``III–XII 2023``), with exact dates when they are known."""
    label = programme.period_label
    start, end = programme.period_start, programme.period_end
    if label and not (start and end):
        return label
    if programme.period_precision == PeriodPrecision.DAY and (start or end):
        dates = f"{_date(start) if start else '…'} – {_date(end) if end else '…'}"
        return dates if not label or label == dates else f"{label} ({dates})"
    if label:
        return label
    if start or end:
        return f"{_date(start) if start else '…'} – {_date(end) if end else '…'}"
    return _("nie podano")


@register.filter
def quantity(value) -> str:
    """``Decimal("240.00")`` -> ``"240"``, ``Decimal("7.50")`` -> ``"7,5"``."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


@register.filter
def limit_text(limit) -> str:
    return f"{quantity(limit.quantity)} {limit.get_unit_display()} {limit.get_applies_to_display()} {limit.get_period_display()}"
