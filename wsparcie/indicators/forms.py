"""Forms of the indicators pages (validation of input only; services write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.indicators import definitions
from wsparcie.indicators.choices import IndicatorKind, IndicatorSource, ManualAggregation
from wsparcie.indicators.models import ParticipantEUData

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _optional_choices(app: str, name: str) -> list[tuple[str, str]]:
    import importlib

    try:
        enum = getattr(importlib.import_module(f"wsparcie.{app}.choices"), name)
    except (ImportError, AttributeError):
        return [("", "—")]
    return [("", gettext("— dowolny —")), *enum.choices]


class DecimalInput(forms.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
        return super().to_python(value)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Nazwa wskaźnika"), max_length=400)
    code = forms.CharField(label=_("Kod"), max_length=20, required=False, help_text=_("Np. EECO01, EECO12."))
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=IndicatorKind.choices)
    source = forms.ChoiceField(label=_("Sposób pomiaru"), choices=IndicatorSource.choices)
    definition = forms.ChoiceField(label=_("Definicja (dla liczonych z danych)"), required=False)
    unit = forms.CharField(
        label=_("Jednostka miary"), max_length=50, required=False, help_text=_("Puste: jednostka definicji.")
    )
    baseline = DecimalInput(label=_("Wartość bazowa"), initial=0)
    target = DecimalInput(label=_("Wartość docelowa"))
    date_from = forms.DateField(label=_("Licz od dnia"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Licz do dnia"), required=False, widget=DATE_WIDGET)
    service_kind = forms.ChoiceField(label=_("Tylko usługi rodzaju"), required=False)
    plan_kind = forms.ChoiceField(label=_("Tylko plany rodzaju"), required=False)
    team_kind = forms.ChoiceField(label=_("Tylko zespoły rodzaju"), required=False)
    min_age = forms.IntegerField(label=_("Wiek co najmniej (lat)"), required=False, min_value=0, max_value=120)
    manual_aggregation = forms.ChoiceField(label=_("Wartości wpisywane ręcznie to"), choices=ManualAggregation.choices)
    description = forms.CharField(
        label=_("Opis / metodologia"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order = forms.IntegerField(label=_("Kolejność"), min_value=0, initial=0)

    FILTER_FIELDS = ("date_from", "date_to", "service_kind", "plan_kind", "team_kind", "min_age")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].choices = [("", "—"), *definitions.choices()]
        self.fields["service_kind"].choices = _optional_choices("delivery", "ServiceKind")
        self.fields["plan_kind"].choices = _optional_choices("plans", "PlanKind")
        self.fields["team_kind"].choices = _optional_choices("plans", "TeamKind")

    def cleaned_values(self) -> dict:
        data = dict(self.cleaned_data)
        filters = {key: data.pop(key) for key in self.FILTER_FIELDS}
        data["filters"] = {
            k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items() if v not in (None, "")
        }
        if data["source"] == IndicatorSource.MANUAL:
            data["definition"], data["filters"] = "", {}
        return data

    @classmethod
    def initial_for(cls, indicator) -> dict:
        initial = {
            f: getattr(indicator, f)
            for f in (
                "name",
                "code",
                "kind",
                "source",
                "definition",
                "unit",
                "baseline",
                "target",
                "manual_aggregation",
                "description",
                "order",
            )
        }
        initial.update(indicator.filters or {})
        return initial


class IndicatorValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Stan na dzień"), widget=DATE_WIDGET)
    value = DecimalInput(label=_("Wartość"))
    evidence = forms.FileField(
        label=_("Dowód (plik)"), required=False, help_text=_("PDF, zdjęcie, dokument lub arkusz; do 10 MB.")
    )
    evidence_note = forms.CharField(
        label=_("Opis dowodu"),
        max_length=500,
        required=False,
        help_text=_("Gdy nie dołączasz pliku: gdzie dowód się znajduje."),
    )
    note = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneTargetForm(forms.Form):
    milestone = forms.ModelChoiceField(queryset=None, label=_("Kamień milowy"))
    target = DecimalInput(label=_("Wartość docelowa w kamieniu milowym"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        from wsparcie.programmes.models import Milestone

        self.fields["milestone"].queryset = Milestone.objects.filter(programme=programme)


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("Od dnia"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Do dnia"), required=False, widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Data „od” nie może być późniejsza niż data „do”."))
        return data


class EUDataForm(forms.ModelForm):
    class Meta:
        model = ParticipantEUData
        fields = [
            "participant_kind",
            "institution_name",
            "citizenship",
            "education",
            "degurba",
            "labour_status",
            "labour_status_detail",
            "disability",
            "foreign_origin",
            "third_country_citizen",
            "minority",
            "homeless",
            "support_scope",
            "support_forms",
            "support_started_on",
            "situation_at_end",
            "completed_as_planned",
            "notes",
        ]
        widgets = {"support_started_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "disability": _("Puste: według orzeczenia w rejestrze (ważnego w dniu rozpoczęcia wsparcia)."),
            "foreign_origin": _("„Odmowa podania informacji” to inna odpowiedź niż „Nie”."),
        }
