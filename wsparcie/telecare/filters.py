import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsparcie.telecare.choices import AlarmKind, AlarmStatus, DeviceKind, Outcome
from wsparcie.telecare.models import Alarm, Device


class AlarmFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AlarmStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=AlarmKind.choices, label=_("Rodzaj"))
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("Wynik"))
    escalated = django_filters.BooleanFilter(label=_("Eskalowany"))
    person = django_filters.NumberFilter(field_name="person_id", label=_("Senior (id)"))
    since = django_filters.DateFilter(field_name="raised_at", lookup_expr="date__gte", label=_("Od dnia"))
    until = django_filters.DateFilter(field_name="raised_at", lookup_expr="date__lte", label=_("Do dnia"))

    class Meta:
        model = Alarm
        fields = ["status", "kind", "outcome", "escalated", "person", "since", "until"]


class DeviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Szukaj (numer, model, osoba)"))
    kind = django_filters.ChoiceFilter(choices=DeviceKind.choices, label=_("Rodzaj"))
    is_active = django_filters.BooleanFilter(label=_("Aktywne"))

    class Meta:
        model = Device
        fields = ["q", "kind", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(serial__icontains=value)
            | Q(model__icontains=value)
            | Q(person__last_name__icontains=value)
            | Q(person__first_name__icontains=value)
        )
