from django import template

from wsparcie.delivery import rules
from wsparcie.delivery.selectors import activity_label

register = template.Library()


@register.filter
def activity(code):
    """A session's activity as people read it (the label of a known code, else the text)."""
    return activity_label(code or "") or "—"


@register.filter
def units(value):
    """``Decimal("12.50")`` -> ``12,5``."""
    return rules.fmt_units(value)


@register.filter
def local_time(value):
    return rules.local(value).strftime("%H:%M") if value else ""
