"""Forms of the staff pages; valid data goes to a service (see views.py)."""

from __future__ import annotations

import json

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wsparcie.core import pesel as pesel_mod
from wsparcie.enrolment import rules
from wsparcie.enrolment.choices import KINDS_WITH_CHILDREN, CriterionKind, ScreeningResult
from wsparcie.enrolment.models import EligibilityCriterion


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class ApplicationCreateForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=None, label=_("Program"))
    pesel = forms.CharField(
        label=_("PESEL osoby"),
        max_length=11,
        required=False,
        help_text=_("Osoba musi być w rejestrze ośrodka. Można też wybrać osobę z listy na stronie badania kryteriów."),
    )
    person = forms.IntegerField(widget=forms.HiddenInput, required=False)
    notes = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, programmes, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.persons = persons

    def clean(self):
        data = super().clean()
        person = None
        if data.get("person"):
            person = self.persons.filter(pk=data["person"]).first()
        elif data.get("pesel"):
            try:
                pesel_mod.parse(data["pesel"])
            except pesel_mod.PeselError as exc:
                self.add_error("pesel", str(exc))
                return data
            programme = data.get("programme")
            candidates = self.persons.filter(pesel=data["pesel"])
            if programme is not None:
                candidates = candidates.filter(organisation_id=programme.organisation_id)
            person = candidates.first()
        else:
            self.add_error("pesel", _("Podaj PESEL osoby."))
            return data
        if person is None:
            self.add_error("pesel", _("Nie ma w rejestrze osoby o tym numerze PESEL."))
        data["person_obj"] = person
        return data


class QualifyForm(forms.Form):
    on = forms.DateField(label=_("Data kwalifikacji (sprawdzenia kryteriów)"), widget=DateInput, initial=_today)
    declaration_signed_on = forms.DateField(
        label=_("Deklaracja uczestnictwa podpisana dnia"), widget=DateInput, required=False
    )
    await_declaration = forms.BooleanField(
        label=_("Zarezerwuj miejsce do czasu podpisania deklaracji (status: zakwalifikowany)"), required=False
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Powód odrzucenia"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Data wycofania"), widget=DateInput, initial=_today)
    note = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CompleteForm(forms.Form):
    ended_on = forms.DateField(label=_("Koniec udziału"), widget=DateInput, initial=_today)


class SignDeclarationForm(forms.Form):
    signed_on = forms.DateField(label=_("Data podpisania deklaracji"), widget=DateInput, initial=_today)


class EvaluateForm(forms.Form):
    on = forms.DateField(label=_("Data oceny"), widget=DateInput, initial=_today)


class DecisionForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    passed = forms.TypedChoiceField(
        label=_("Ocena"),
        choices=[("1", _("spełnia")), ("0", _("nie spełnia"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Uzasadnienie"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("Data oceny"), widget=DateInput, initial=_today)


PARAMS_HELP = {
    CriterionKind.AGE: _('{"min": 65} albo {"max": 75}; opcjonalnie "reference_date": "2023-01-01"'),
    CriterionKind.RESIDENCE: _('{"teryt": ["1462011"], "label": "Płock"} i/lub {"areas": ["obszar-rewitalizowany"]}'),
    CriterionKind.CERTIFICATE: '{"degrees": ["significant", "moderate"], "equivalents": true, "child": "with_indications", "child_under": 16}',
    CriterionKind.INCOME: '{"percent": 150}',
    CriterionKind.CAREGIVER_OF: _(
        "{} (domyślnie relacje: parent, legal_guardian, actual_caregiver); "
        "warunki podopiecznego jako kryteria podrzędne"
    ),
    CriterionKind.SOCIAL_WORKER_JUDGEMENT: _('{"question": "Czy osoba ma trudności w samodzielnym funkcjonowaniu?"}'),
    CriterionKind.ANY_OF: _("{} – warianty jako kryteria podrzędne"),
    CriterionKind.ALL_OF: _("{} – warunki jako kryteria podrzędne"),
}


def _params_help() -> str:
    """The help under "Parametry (JSON)", built when shown (in the active language)."""
    return " · ".join(f"{label}: {PARAMS_HELP[value]}" for value, label in CriterionKind.choices)


class CriterionForm(forms.Form):
    code = forms.SlugField(label=_("Kod"), max_length=64, help_text=_("Np. wiek, orzeczenie, dochod."))
    name = forms.CharField(label=_("Nazwa"), max_length=200)
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=CriterionKind.choices)
    parent = forms.ModelChoiceField(
        queryset=None, label=_("Należy do"), required=False, empty_label=_("— kryterium główne —")
    )
    order = forms.IntegerField(label=_("Kolejność"), min_value=0, required=False, help_text=_("Puste: na końcu."))
    params = forms.CharField(
        label=_("Parametry (JSON)"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        required=False,
        help_text=lazy(_params_help, str)(),
    )

    def __init__(self, *args, programme, instance: EligibilityCriterion | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "code": instance.code,
                "name": instance.name,
                "kind": instance.kind,
                "parent": instance.parent_id,
                "order": instance.order,
                "params": json.dumps(instance.params, ensure_ascii=False),
            }
        super().__init__(*args, **kwargs)
        parents = EligibilityCriterion.objects.filter(programme=programme, kind__in=KINDS_WITH_CHILDREN)
        if instance is not None:
            parents = parents.exclude(pk=instance.pk)
        self.fields["parent"].queryset = parents

    def clean_params(self):
        text = (self.cleaned_data.get("params") or "").strip() or "{}"
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Niepoprawny JSON (wiersz %(line)s, kolumna %(col)s): %(msg)s")
                % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
            ) from exc
        return value

    def clean(self):
        data = super().clean()
        if "kind" in data and "params" in data:
            for problem in rules.params_errors(data["kind"], data["params"]):
                self.add_error("params", problem)
        return data


class ScreeningForm(forms.Form):
    on = forms.DateField(label=_("Stan na dzień"), widget=DateInput, required=False)
    result = forms.ChoiceField(label=_("Wynik"), choices=ScreeningResult.choices, required=False)
