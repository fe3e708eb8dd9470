"""FilterSets of the registry, shared by the staff pages and the API.

Search by name only: a text with a long number (a PESEL, say) is refused, so a PESEL never ends
up in a URL; PESEL search is a POST (``people:search_pesel``, ``POST /api/v1/persons/search/``).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsparcie.people import selectors
from wsparcie.people.choices import DuplicateStatus, ImportStatus, Sex
from wsparcie.people.models import DuplicateCandidate, ImportJob, Person

PESEL_IN_URL = _("Numeru PESEL nie wpisuj w wyszukiwarkę nazwisk: użyj wyszukiwania po numerze PESEL.")


def validate_name_query(value: str) -> None:
    if selectors.looks_like_id_number(value):
        raise ValidationError(PESEL_IN_URL)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Imię lub nazwisko"),
        validators=[validate_name_query],
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Płeć"), empty_label=_("wszystkie"))
    born_from = django_filters.DateFilter(
        field_name="birth_date",
        lookup_expr="gte",
        label=_("Urodzeni od"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    born_to = django_filters.DateFilter(
        field_name="birth_date",
        lookup_expr="lte",
        label=_("Urodzeni do"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    teryt = django_filters.CharFilter(label=_("Kod TERYT gminy"))
    area = django_filters.CharFilter(
        field_name="areas", lookup_expr="contains", method="filter_area", label=_("Obszar (kod)")
    )
    household = django_filters.NumberFilter(field_name="household_id", label=_("Gospodarstwo (nr)"))

    class Meta:
        model = Person
        fields = ["q", "sex", "born_from", "born_to", "teryt", "area", "household"]

    def filter_q(self, queryset, name, value):
        return selectors.persons_search(queryset, value)

    def filter_area(self, queryset, name, value):
        return queryset.filter(areas__contains=[value])


class DuplicateFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=DuplicateStatus.choices, label=_("Status"), empty_label=_("wszystkie"))

    class Meta:
        model = DuplicateCandidate
        fields = ["status"]


class ImportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ImportStatus.choices, label=_("Status"), empty_label=_("wszystkie"))
    kind = django_filters.CharFilter(label=_("Rodzaj"))

    class Meta:
        model = ImportJob
        fields = ["status", "kind"]
