"""FilterSets of the indicators pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from wsparcie.programmes.models import Programme


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Nazwa programu"))
    with_indicators = django_filters.BooleanFilter(
        field_name="indicators", lookup_expr="isnull", exclude=True, label=_("Tylko z wskaźnikami"), distinct=True
    )

    class Meta:
        model = Programme
        fields = ["q", "with_indicators"]
