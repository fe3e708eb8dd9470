from django import template

from wsparcie.indicators.charts import fmt_num

register = template.Library()


@register.filter
def num(value, places=2):
    """Polish number: ``1234.50`` -> ``1 234,5``; whole numbers without decimals."""
    return fmt_num(value, int(places))


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
