"""Forms of the finance pages. They only validate and collect input; services do the writing."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wsparcie.core.money import format_pln, parse_pln
from wsparcie.finance.choices import ContributionRole, LineCategory
from wsparcie.finance.models import Budget, BudgetLine


class MoneyField(forms.CharField):
    """An amount typed the Polish way (``20 042,00``), parsed with ``core.money.parse_pln``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("maxlength", "30")
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_pln(value, currency=False)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_pln(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class PercentField(forms.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        super().__init__(*args, **kwargs)
        self.localize = True
        self.widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("%", "").replace(",", ".").strip()
        return super().to_python(value)


class BudgetForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=None, label=_("Program lub projekt"))
    grant_share_max = PercentField(
        label=_("Dofinansowanie najwyżej (% wydatków)"),
        required=False,
        help_text=_("Np. 80 w Korpusie Wsparcia Seniorów. Puste, gdy umowa nie ogranicza."),
    )
    own_share_min = PercentField(
        label=_("Wkład własny co najmniej (% wydatków)"),
        required=False,
        help_text=_("Np. 20 w Korpusie Wsparcia Seniorów."),
    )
    warning_threshold = PercentField(label=_("Ostrzegaj od wykorzystania pozycji (%)"), initial=90)
    notes = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class BudgetEditForm(BudgetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programme"]


class BudgetSourceForm(forms.Form):
    funding_source = forms.ModelChoiceField(queryset=None, label=_("Źródło finansowania"))
    role = forms.ChoiceField(choices=ContributionRole.choices, label=_("Rola w umowie"))
    agreed_amount = MoneyField(label=_("Kwota w umowie (zł)"), required=False, help_text=_("Np. 20 042,00."))

    def __init__(self, *args, funding_sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].queryset = funding_sources


class BudgetLineForm(forms.Form):
    code = forms.CharField(label=_("Numer pozycji"), max_length=20, help_text=_("Np. 1 albo 2.1."))
    name = forms.CharField(label=_("Nazwa pozycji"), max_length=300)
    category = forms.ChoiceField(choices=LineCategory.choices, label=_("Kategoria"))
    receives_session_costs = forms.BooleanField(label=_("Naliczaj tu koszt zrealizowanych sesji"), required=False)
    session_funding_source = forms.ModelChoiceField(
        queryset=None, label=_("Źródło pokrywające koszt sesji"), required=False
    )
    order = forms.IntegerField(label=_("Kolejność"), min_value=0, initial=0)

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        from wsparcie.programmes.models import FundingSource

        self.fields["session_funding_source"].queryset = FundingSource.objects.filter(
            pk__in=budget.sources.values("funding_source_id")
        )

    def clean(self):
        data = super().clean()
        if data.get("receives_session_costs") and not data.get("session_funding_source"):
            self.add_error("session_funding_source", _("Wskaż źródło, z którego pokrywany jest koszt sesji."))
        return data


class AllocationForm(forms.Form):
    line = forms.ModelChoiceField(queryset=None, label=_("Pozycja"))
    funding_source = forms.ModelChoiceField(queryset=None, label=_("Źródło finansowania"))
    planned_amount = MoneyField(label=_("Kwota planowana (zł)"))

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        from wsparcie.programmes.models import FundingSource

        self.fields["line"].queryset = BudgetLine.objects.filter(budget=budget)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(
            pk__in=budget.sources.values("funding_source_id")
        )


class ExpenseForm(forms.Form):
    line = forms.ModelChoiceField(queryset=None, label=_("Pozycja budżetu"))
    funding_source = forms.ModelChoiceField(queryset=None, label=_("Źródło finansowania"))
    spent_on = forms.DateField(
        label=_("Data wydatku"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = MoneyField(label=_("Kwota (zł)"), help_text=_("Np. 1 250,00."))
    document_number = forms.CharField(
        label=_("Numer dokumentu"), max_length=100, help_text=_("Faktura, rachunek, lista płac.")
    )
    description = forms.CharField(label=_("Opis"), max_length=500, required=False)
    over_limit_reason = forms.CharField(
        label=_("Uzasadnienie przekroczenia planu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Tylko gdy wydatek świadomie przekracza plan pozycji; bez uzasadnienia taki wydatek nie zostanie zapisany."
        ),
    )

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        from wsparcie.programmes.models import FundingSource

        self.fields["line"].queryset = BudgetLine.objects.filter(budget=budget)
        self.fields["funding_source"].queryset = FundingSource.objects.filter(
            pk__in=budget.sources.values("funding_source_id")
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Kwota wydatku musi być większa od zera."))
        return amount
