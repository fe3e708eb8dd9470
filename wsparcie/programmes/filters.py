"""The one FilterSet of the register, shared by the staff list and ``GET /api/v1/programmes/``."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.programmes import selectors
from wsparcie.programmes.choices import ProgrammeKind, StatusFilter
from wsparcie.programmes.models import Programme


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Szukaj"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    organisation = django_filters.CharFilter(field_name="organisation__slug", label=_("Organizacja"))
    kind = django_filters.ChoiceFilter(choices=ProgrammeKind.choices, label=_("Rodzaj"), empty_label=_("wszystkie"))
    edition = django_filters.CharFilter(label=_("Edycja"))
    status = django_filters.ChoiceFilter(
        choices=StatusFilter.choices, method="filter_status", label=_("Stan"), empty_label=_("wszystkie")
    )
    series = django_filters.CharFilter(field_name="series__slug", label=_("Seria"))

    class Meta:
        model = Programme
        fields = ["q", "organisation", "kind", "edition", "status", "series"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            organisations = tenancy.organisations_for(user, selectors.VIEW).order_by("name")
            choices = [("", _("wszystkie"))] + [(org.slug, org.name) for org in organisations]
            self.filters["organisation"].extra["widget"] = forms.Select(choices=choices)
        # The series filter exists for the API and links; the page form does not show it.
        self.filters["series"].extra["widget"] = forms.HiddenInput()

    def filter_q(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_status(self, queryset, name, value):
        return selectors.filter_status(queryset, value)
