"""FilterSets of delivery, shared by the pages and the API. Choice lists are scoped to the
organisations the user may see, so another organisation's rows are never offered."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsparcie.delivery import rules, selectors
from wsparcie.delivery.choices import (
    Condition,
    EquipmentCategory,
    MealForm,
    ServiceKind,
    SessionStatus,
    Unit,
    WorkerRole,
)
from wsparcie.delivery.models import EquipmentItem, Grant, Loan, MealAid, MonthlyCard, Service, Session, Worker
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme


def _user(request):
    return getattr(request, "user", None)


def _workers(request):
    return selectors.workers_for_user(_user(request)) if request else Worker.objects.none()


def _enrolments(request):
    return selectors.enrolments_for_user(_user(request)) if request else Application.objects.none()


def _services(request):
    return selectors.services_for_user(_user(request)) if request else Service.objects.none()


def _programmes(request):
    return selectors.programmes_for_user(_user(request), selectors.VIEW) if request else Programme.objects.none()


def _persons(request):
    return selectors.persons_for_user(_user(request)) if request else Person.objects.none()


class MonthFilter(django_filters.CharFilter):
    """``2023-05``: rows whose month (or session start, Warsaw time) falls in May 2023."""

    def __init__(self, *args, datetime_field: str | None = None, **kwargs):
        self.datetime_field = datetime_field
        kwargs.setdefault("label", _("Miesiąc (RRRR-MM)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        month = rules.parse_month(value)
        if month is None:
            return qs
        if self.datetime_field:
            start, end = rules.month_bounds(month)
            return qs.filter(**{f"{self.datetime_field}__gte": start, f"{self.datetime_field}__lt": end})
        return qs.filter(**{self.field_name: month})


class WorkerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Imię lub nazwisko"))
    role = django_filters.ChoiceFilter(choices=WorkerRole.choices, label=_("Funkcja"))
    is_active = django_filters.BooleanFilter(label=_("Aktywny"))

    class Meta:
        model = Worker
        fields = ["q", "role", "is_active"]

    def search(self, qs, name, value):
        for word in value.split():
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return qs


class ServiceFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=_programmes, label=_("Program"))
    kind = django_filters.ChoiceFilter(choices=ServiceKind.choices, label=_("Rodzaj usługi"))
    unit = django_filters.ChoiceFilter(choices=Unit.choices, label=_("Jednostka"))

    class Meta:
        model = Service
        fields = ["programme", "kind", "unit", "is_active"]


class SessionFilter(django_filters.FilterSet):
    worker = django_filters.ModelChoiceFilter(queryset=_workers, label=_("Realizator"))
    enrolment = django_filters.ModelChoiceFilter(queryset=_enrolments, label=_("Uczestnik"))
    service = django_filters.ModelChoiceFilter(queryset=_services, label=_("Usługa"))
    programme = django_filters.ModelChoiceFilter(
        field_name="service__programme", queryset=_programmes, label=_("Program")
    )
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices, label=_("Status"))
    date_from = django_filters.DateFilter(method="from_date", label=_("Od dnia"))
    date_to = django_filters.DateFilter(method="to_date", label=_("Do dnia"))
    month = MonthFilter(datetime_field="start")

    class Meta:
        model = Session
        fields = ["worker", "enrolment", "service", "programme", "status", "date_from", "date_to", "month"]

    def from_date(self, qs, name, value):
        return qs.filter(start__gte=dt.datetime.combine(value, dt.time(), tzinfo=rules.WARSAW))

    def to_date(self, qs, name, value):
        return qs.filter(start__lt=dt.datetime.combine(value + dt.timedelta(days=1), dt.time(), tzinfo=rules.WARSAW))


class GrantFilter(django_filters.FilterSet):
    enrolment = django_filters.ModelChoiceFilter(queryset=_enrolments, label=_("Uczestnik"))
    service = django_filters.ModelChoiceFilter(queryset=_services, label=_("Usługa"))

    class Meta:
        model = Grant
        fields = ["enrolment", "service"]


class CardFilter(django_filters.FilterSet):
    enrolment = django_filters.ModelChoiceFilter(queryset=_enrolments, label=_("Uczestnik"))
    month = MonthFilter(field_name="month")

    class Meta:
        model = MonthlyCard
        fields = ["enrolment", "month"]


class MealAidFilter(django_filters.FilterSet):
    person = django_filters.ModelChoiceFilter(queryset=_persons, label=_("Osoba"))
    programme = django_filters.ModelChoiceFilter(queryset=_programmes, label=_("Program"))
    form = django_filters.ChoiceFilter(choices=MealForm.choices, label=_("Forma pomocy"))
    month = MonthFilter(field_name="month")
    year = django_filters.NumberFilter(field_name="month__year", label=_("Rok"))

    class Meta:
        model = MealAid
        fields = ["person", "programme", "form", "month", "year"]


class EquipmentItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Nazwa, numer"))
    category = django_filters.ChoiceFilter(choices=EquipmentCategory.choices, label=_("Kategoria"))
    condition = django_filters.ChoiceFilter(choices=Condition.choices, label=_("Stan"))
    available = django_filters.BooleanFilter(method="filter_available", label=_("Dostępny do wypożyczenia"))

    class Meta:
        model = EquipmentItem
        fields = ["q", "category", "condition", "available"]

    def search(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(inventory_number__icontains=value) | Q(serial__icontains=value))

    def filter_available(self, qs, name, value):
        available = Q(on_loan=False, withdrawn_on__isnull=True)
        return qs.filter(available) if value else qs.exclude(available)


class LoanFilter(django_filters.FilterSet):
    person = django_filters.ModelChoiceFilter(queryset=_persons, label=_("Osoba"))
    is_open = django_filters.BooleanFilter(field_name="returned_on", lookup_expr="isnull", label=_("Niezwrócone"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Po terminie"))

    class Meta:
        model = Loan
        fields = ["person", "is_open", "overdue"]

    def filter_overdue(self, qs, name, value):
        late = Q(returned_on__isnull=True, due_date__lt=timezone.localdate())
        return qs.filter(late) if value else qs.exclude(late)


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Imię lub nazwisko"))
    programme = django_filters.ModelChoiceFilter(queryset=_programmes, label=_("Program"))

    class Meta:
        model = Application
        fields = ["q", "programme"]

    def search(self, qs, name, value):
        for word in value.split():
            qs = qs.filter(Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word))
        return qs
