from django import template
from django.utils.html import format_html

from wsparcie.core.money import format_percent, format_pln

register = template.Library()


@register.filter
def pln(value):
    """``911001.37`` -> ``911 001,37 zł``, kept on one line."""
    if value is None or value == "":
        return "—"
    return format_html('<span class="money">{}</span>', format_pln(value))


@register.filter
def percent(value):
    return "—" if value is None else format_percent(value)


@register.simple_tag(takes_context=True)
def querystring_page(context, page):
    base = context.get("query_without_page", "")
    return f"?{base}&page={page}" if base else f"?page={page}"
