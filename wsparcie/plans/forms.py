"""Forms of the plans pages. They only collect input; the services validate the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.plans import selectors
from wsparcie.plans.choices import ActionKind, GoalStatus, InstitutionType, PlanKind, TeamKind
from wsparcie.plans.models import Goal


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _text(label, required=False, rows=3, **kwargs):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def social_workers_for(user):
    """Users who may be responsible for a plan: members of the organisations where ``user`` edits plans."""
    orgs = tenancy.organisation_ids(user, "plans.edit")
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=orgs,
            memberships__role__in=["social_worker", "coordinator", "administrator"],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class PersonRefField(forms.CharField):
    """A person by PESEL or registry number, resolved among the people the user may plan for."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Uczestnik: PESEL albo numer w rejestrze osób"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)


class PersonRefMixin:
    person_field = "person"

    def clean_person(self):
        value = self.cleaned_data["person"]
        person = selectors.person_find_for_plans(self.user, value)
        if person is None:
            raise forms.ValidationError(
                _("Nie znaleziono w rejestrze osoby o numerze „%(value)s” (podaj 11-cyfrowy PESEL albo numer osoby)."),
                params={"value": value},
            )
        return person


class PlanCreateForm(PersonRefMixin, forms.Form):
    person = PersonRefField()
    kind = forms.ChoiceField(label=_("Rodzaj planu"), choices=PlanKind.choices)
    programme = forms.ModelChoiceField(
        label=_("Program / projekt"), queryset=None, required=False, empty_label=_("— bez programu —")
    )
    social_worker = UserChoiceField(label=_("Odpowiedzialny pracownik socjalny"), queryset=None, required=False)
    title = forms.CharField(label=_("Tytuł (opcjonalnie)"), required=False, max_length=200)
    started_on = _date(_("Początek planu"))
    planned_end_on = _date(_("Planowany koniec"), required=False)
    notes = _text(_("Uwagi"))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_for_plans(user)
        self.fields["social_worker"].queryset = social_workers_for(user)
        if not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())
            if self.fields["social_worker"].queryset.filter(pk=user.pk).exists():
                self.initial.setdefault("social_worker", user.pk)


class PlanEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj planu"), choices=PlanKind.choices)
    programme = forms.ModelChoiceField(
        label=_("Program / projekt"), queryset=None, required=False, empty_label=_("— bez programu —")
    )
    social_worker = UserChoiceField(label=_("Odpowiedzialny pracownik socjalny"), queryset=None, required=False)
    title = forms.CharField(label=_("Tytuł (opcjonalnie)"), required=False, max_length=200)
    started_on = _date(_("Początek planu"))
    planned_end_on = _date(_("Planowany koniec"), required=False)
    notes = _text(_("Uwagi"))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_for_plans(user)
        self.fields["social_worker"].queryset = social_workers_for(user)


class AssessmentForm(forms.Form):
    assessed_on = _date(_("Data diagnozy"), required=False, help_text=_("Puste: dzień rozpoczęcia planu."))
    problems = _text(_("Problemy"), rows=4)
    resources = _text(_("Zasoby"), rows=4)
    potential = _text(_("Potencjał"), rows=4)
    predispositions = _text(_("Predyspozycje"), rows=4)
    needs = _text(_("Potrzeby"), rows=4)


class GoalForm(forms.Form):
    description = _text(_("Cel"), required=True, rows=2)
    target_date = _date(_("Termin osiągnięcia"), required=False)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Stan celu"), choices=GoalStatus.choices)
    note = _text(_("Uwagi"), rows=2)


class ActionForm(forms.Form):
    description = _text(_("Działanie"), required=True, rows=2)
    kind = forms.ChoiceField(label=_("Rodzaj działania"), choices=ActionKind.choices)
    goal = forms.ModelChoiceField(
        label=_("Cel"), queryset=Goal.objects.none(), required=False, empty_label=_("— bez celu —")
    )
    institution_name = forms.CharField(label=_("Instytucja"), required=False, max_length=300)
    delivery_reference = forms.CharField(
        label=_("Usługa lub sesja"),
        required=False,
        max_length=300,
        help_text=_("Np. „poradnictwo psychologiczne, 6 spotkań”."),
    )
    service = forms.ModelChoiceField(
        label=_("Usługa programu"),
        queryset=None,
        required=False,
        empty_label=_("— żadna z usług ośrodka —"),
        help_text=_("Usługa z modułu „Usługi i sesje”, jeśli działanie ją wykorzystuje."),
    )
    planned_start = _date(_("Planowany początek"), required=False)
    planned_end = _date(_("Planowany koniec"), required=False)

    def __init__(self, *args, plan, **kwargs):
        from django.apps import apps

        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.order}. {goal.description[:70]}"
        Service = apps.get_model("delivery", "Service")
        self.fields["service"].queryset = (
            Service.objects.filter(organisation_id=plan.organisation_id, is_active=True)
            .select_related("programme")
            .order_by("programme__name", "kind", "id")
        )
        self.fields["service"].label_from_instance = lambda service: (
            f"{service.programme}: {service.name or service.get_kind_display()}"
        )


class ReviewScheduleForm(forms.Form):
    due_on = _date(_("Termin przeglądu"))


class ReviewRecordForm(forms.Form):
    held_on = _date(_("Data przeglądu"))
    findings = _text(_("Ustalenia"), rows=4)
    next_due_on = _date(_("Termin następnego przeglądu"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())


PROGRESS_CHOICES = [("", _("— wybierz —")), ("yes", _("tak, uczestnik osiągnął postęp")), ("no", _("nie, bez postępu"))]


class CompleteForm(forms.Form):
    progress_achieved = forms.TypedChoiceField(
        label=_("Czy osiągnięto postęp (w rozumieniu efektywności społecznej)?"),
        choices=PROGRESS_CHOICES,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )
    outcome_note = _text(_("Opis wyniku"), rows=4)
    ended_on = _date(_("Data zakończenia"), required=False, help_text=_("Puste: dzisiaj."))


class DiscontinueForm(forms.Form):
    reason = _text(_("Powód przerwania"), rows=3)
    ended_on = _date(_("Data przerwania"), required=False, help_text=_("Puste: dzisiaj."))


class PalForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program / projekt"), queryset=None)
    name = forms.CharField(label=_("Nazwa PAL"), max_length=300)
    area = forms.CharField(label=_("Środowisko / obszar"), max_length=300, required=False)
    description = _text(_("Opis"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_for_plans(user)


class RoundForm(forms.Form):
    number = forms.IntegerField(label=_("Numer tury"), min_value=1)
    starts_on = _date(_("Początek"))
    ends_on = _date(_("Koniec"))


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Nazwa grupy"), max_length=200)
    facilitator = forms.CharField(label=_("Prowadzący"), max_length=200, required=False)


class GroupMemberForm(PersonRefMixin, forms.Form):
    person = PersonRefField(label=_("Osoba: PESEL albo numer w rejestrze osób"))
    joined_on = _date(_("W grupie od"), required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class GroupSessionForm(forms.Form):
    date = _date(_("Data spotkania"))
    topic = forms.CharField(label=_("Temat"), max_length=300)
    duration_minutes = forms.IntegerField(label=_("Czas trwania (minuty)"), min_value=1, max_value=720, initial=120)


class TeamForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program / projekt"), queryset=None)
    name = forms.CharField(label=_("Nazwa zespołu"), max_length=300)
    kind = forms.ChoiceField(label=_("Rodzaj zespołu"), choices=TeamKind.choices)
    area = forms.CharField(label=_("Gmina / powiat"), max_length=200, required=False)
    milestone = forms.IntegerField(label=_("Kamień milowy (numer)"), min_value=1, max_value=20, required=False)
    formed_on = _date(_("Data powołania"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_for_plans(user)


class TeamMemberForm(forms.Form):
    institution_name = forms.CharField(label=_("Instytucja"), max_length=300)
    institution_type = forms.ChoiceField(label=_("Rodzaj instytucji"), choices=InstitutionType.choices)
    representative = forms.CharField(label=_("Przedstawiciel(ka)"), max_length=200, required=False)
    joined_on = _date(_("Data przystąpienia"))


class TeamMemberLeaveForm(forms.Form):
    left_on = _date(_("Data wystąpienia"))


class InitiativeForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program / projekt"), queryset=None)
    name = forms.CharField(label=_("Nazwa inicjatywy"), max_length=300)
    held_on = _date(_("Data przeprowadzenia"))
    participants_count = forms.IntegerField(label=_("Liczba uczestników"), min_value=0, initial=0)
    description = _text(_("Opis"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.programmes_for_plans(user)
