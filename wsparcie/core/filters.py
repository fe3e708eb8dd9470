import django_filters

from wsparcie.core.models import AuditEntry


class AuditEntryFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(field_name="actor_name", lookup_expr="icontains", label="Kto")
    object_type = django_filters.CharFilter(lookup_expr="icontains", label="Rodzaj obiektu")
    since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label="Od dnia")
    until = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label="Do dnia")

    class Meta:
        model = AuditEntry
        fields = ["action", "object_type", "actor", "since", "until"]
