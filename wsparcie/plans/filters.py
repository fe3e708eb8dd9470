"""FilterSets shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.plans import rules
from wsparcie.plans.choices import OPEN_STATUSES, PlanKind, PlanStatus, TeamKind
from wsparcie.plans.models import CooperationTeam, Group, GroupSession, SocialInitiative, SupportPlan

REVIEW_DUE_CHOICES = [
    ("", _("dowolnie")),
    ("overdue", _("po terminie")),
    ("7", _("w ciągu 7 dni")),
    ("14", _("w ciągu 14 dni")),
    ("30", _("w ciągu 30 dni")),
]


def _programmes(request):
    from wsparcie.programmes.models import Programme

    if request is None:
        return Programme.objects.none()
    return tenancy.scope(Programme.objects.all(), request.user, "plans.view").order_by("name")


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Uczestnik (imię, nazwisko, PESEL)"))
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices, label=_("Rodzaj planu"), empty_label=_("wszystkie"))
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"), empty_label=_("wszystkie"))
    review_due = django_filters.CharFilter(
        method="filter_review_due",
        label=_("Przegląd"),
        widget=forms.Select(choices=REVIEW_DUE_CHOICES),
        help_text=None,
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=_programmes, label=_("Program / projekt"), empty_label=_("wszystkie")
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Tylko moje plany"), widget=forms.CheckboxInput)
    person = django_filters.NumberFilter(
        field_name="person_id", label=_("Osoba (identyfikator)"), widget=forms.HiddenInput
    )

    class Meta:
        model = SupportPlan
        fields = ["q", "kind", "status", "review_due", "programme", "mine", "person"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q()
        for word in value.split():
            query &= (
                Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word) | Q(person__pesel=word)
            )
        return queryset.filter(query)

    def filter_review_due(self, queryset, name, value):
        """``overdue`` or a number of days: open plans whose next pending review is due by then
        (overdue ones included). Anything else filters nothing."""
        today = timezone.localdate()
        value = (value or "").strip()
        if value == "overdue":
            return queryset.filter(status__in=OPEN_STATUSES, next_review_on__lt=today)
        if value.isdigit():
            return queryset.filter(
                status__in=OPEN_STATUSES, next_review_on__lte=rules.review_due_limit(today, int(value))
            )
        return queryset

    def filter_mine(self, queryset, name, value):
        if value and self.request is not None:
            return queryset.filter(social_worker=self.request.user)
        return queryset


class PlanApiFilter(PlanFilter):
    """The API's plan filters: the page's, plus ``review_due_within`` (days) as a plain number."""

    review_due_within = django_filters.NumberFilter(method="filter_review_due_within")

    class Meta(PlanFilter.Meta):
        fields = [*PlanFilter.Meta.fields, "review_due_within"]

    def filter_review_due_within(self, queryset, name, value):
        return self.filter_review_due(queryset, name, str(int(value)) if value is not None and value >= 0 else "")


class GroupFilter(django_filters.FilterSet):
    pal = django_filters.NumberFilter(field_name="round__pal_id", label=_("PAL"))
    round = django_filters.NumberFilter(field_name="round_id", label=_("Tura"))
    programme = django_filters.NumberFilter(field_name="round__pal__programme_id", label=_("Projekt"))

    class Meta:
        model = Group
        fields = ["pal", "round", "programme"]


class GroupSessionFilter(django_filters.FilterSet):
    group = django_filters.NumberFilter(field_name="group_id")
    since = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    until = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = GroupSession
        fields = ["group", "since", "until"]


class InitiativeFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=_programmes, label=_("Program / projekt"), empty_label=_("wszystkie")
    )
    since = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("Od dnia"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        field_name="held_on", lookup_expr="lte", label=_("Do dnia"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = SocialInitiative
        fields = ["programme", "since", "until"]


class TeamFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=_programmes, label=_("Program / projekt"), empty_label=_("wszystkie")
    )
    kind = django_filters.ChoiceFilter(choices=TeamKind.choices, label=_("Rodzaj zespołu"), empty_label=_("wszystkie"))
    milestone = django_filters.NumberFilter(label=_("Kamień milowy"))

    class Meta:
        model = CooperationTeam
        fields = ["programme", "kind", "milestone"]
