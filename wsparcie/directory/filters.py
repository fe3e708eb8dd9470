"""Filters of the register, shared by the public search page and the public API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wsparcie.directory import selectors
from wsparcie.directory.choices import Audience, Need, ServiceStatus
from wsparcie.directory.models import Service, ServiceArea, ServiceAtLocation


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Czego szukasz?"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Np. teleopieka, asystent, psycholog, posiłek."),
    )
    need = django_filters.ChoiceFilter(
        choices=Need.choices, method="filter_need", label=_("Potrzeba"), empty_label=_("dowolna")
    )
    audience = django_filters.ChoiceFilter(
        choices=Audience.choices, method="filter_audience", label=_("Dla kogo"), empty_label=_("dla każdego")
    )
    municipality = django_filters.ChoiceFilter(
        # A callable: evaluated on each use, so the list follows the register (a list fixed here
        # would be cached on the class the first time anything, e.g. the API schema, builds the field).
        choices=lambda: selectors.municipality_choices(),
        method="filter_municipality",
        label=_("Miejscowość (gmina)"),
        empty_label=_("wszystkie"),
    )
    age = django_filters.NumberFilter(
        method="filter_age",
        label=_("Wiek osoby"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 130, "inputmode": "numeric"}),
        help_text=_("Pokaż usługi dostępne w tym wieku."),
    )
    free = django_filters.BooleanFilter(method="filter_free", label=_("Tylko bezpłatne"), widget=forms.CheckboxInput)
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in ServiceStatus if s != ServiceStatus.DEFUNCT],
        label=_("Status"),
        empty_label=_("dowolny"),
    )

    class Meta:
        model = Service
        fields = ["q", "need", "audience", "municipality", "age", "free", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A checkbox that is not ticked means "no filter", not "only paid ones".
        data = self.data.copy() if self.data is not None else None
        if data is not None and data.get("free") in ("on", "1", "true", "True"):
            data["free"] = "true"
        elif data is not None:
            data.pop("free", None)
        if data is not None:
            self.data = data

    def filter_text(self, queryset, name, value):
        return selectors.search_filter(queryset, value)

    def filter_need(self, queryset, name, value):
        return queryset.filter(needs__contains=[value])

    def filter_audience(self, queryset, name, value):
        return queryset.filter(audiences__contains=[value])

    def filter_municipality(self, queryset, name, value: str):
        in_area = ServiceArea.objects.filter(service=OuterRef("pk"), teryt=value)
        at_place = ServiceAtLocation.objects.filter(service=OuterRef("pk"), location__teryt=value)
        return queryset.filter(Q(Exists(in_area)) | Q(Exists(at_place)))

    def filter_age(self, queryset, name, value):
        age = int(value)
        return queryset.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=age), Q(age_max__isnull=True) | Q(age_max__gte=age)
        )

    def filter_free(self, queryset, name, value):
        return queryset.filter(is_free=True) if value else queryset
