import django_filters
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import AuditEntry


class AuditEntryFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor_name", lookup_expr="icontains", label=_("Kto"))
    object_type = django_filters.CharFilter(lookup_expr="icontains", label=_("Rodzaj obiektu"))
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label=_("Od dnia"))
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label=_("Do dnia"))

    class Meta:
        model = AuditEntry
        fields = ["action", "object_type", "actor", "since", "until"]
