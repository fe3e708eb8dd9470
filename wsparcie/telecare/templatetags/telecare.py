from django import template

from wsparcie.core import tenancy

register = template.Library()


@register.filter
def holds(user, perm: str) -> bool:
    """``{% if request.user|holds:"telecare.manage" %}``: the user holds ``perm`` in some organisation."""
    return bool(user and user.is_authenticated and tenancy.has_perm(user, perm))
