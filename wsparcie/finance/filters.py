"""FilterSets shared by the finance pages and API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from wsparcie.finance.models import Budget, Expense


class BudgetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="programme__name", lookup_expr="icontains", label=_("Program"))
    programme = django_filters.NumberFilter(field_name="programme_id", label=_("Program (id)"))

    class Meta:
        model = Budget
        fields = ["q", "programme"]


class ExpenseFilter(django_filters.FilterSet):
    budget = django_filters.NumberFilter(field_name="budget_id", label=_("Budżet (id)"))
    programme = django_filters.NumberFilter(field_name="budget__programme_id", label=_("Program (id)"))
    line = django_filters.NumberFilter(field_name="line_id", label=_("Pozycja (id)"))
    funding_source = django_filters.CharFilter(field_name="funding_source__code", label=_("Źródło (kod)"))
    since = django_filters.DateFilter(field_name="spent_on", lookup_expr="gte", label=_("Od dnia"))
    until = django_filters.DateFilter(field_name="spent_on", lookup_expr="lte", label=_("Do dnia"))
    document = django_filters.CharFilter(
        field_name="document_number", lookup_expr="icontains", label=_("Numer dokumentu")
    )

    class Meta:
        model = Expense
        fields = ["budget", "programme", "line", "funding_source", "since", "until", "document"]
