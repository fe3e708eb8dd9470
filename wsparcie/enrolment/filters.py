"""FilterSets shared by the staff pages and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from wsparcie.enrolment.choices import ApplicationSource, ApplicationStatus
from wsparcie.enrolment.models import Application, EligibilityCriterion
from wsparcie.programmes.models import Programme


def _programmes(request):
    from wsparcie.enrolment.selectors import programmes_for_user

    if request is None:
        return Programme.objects.none()
    return programmes_for_user(request.user).order_by("name", "id")


class ApplicationFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=_programmes, label=_("Program"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=ApplicationSource.choices, label=_("Źródło"))
    person = django_filters.NumberFilter(field_name="person_id", label=_("Osoba (numer)"), widget=forms.HiddenInput)
    ordering = django_filters.OrderingFilter(
        fields=(("submitted_at", "submitted_at"), ("waiting_since", "waiting_since")),
        label=_("Kolejność"),
    )

    class Meta:
        model = Application
        fields = ["programme", "status", "source", "person"]


class CriterionFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(field_name="programme_id", label=_("Program (numer)"))

    class Meta:
        model = EligibilityCriterion
        fields = ["programme", "kind"]
