"""Forms of the staff pages. They only parse input; services validate and write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.core.money import parse_pln
from wsparcie.people.choices import (
    CAUSE_SYMBOLS,
    CertificateKind,
    Degree,
    EquivalentType,
    ImportMode,
    RelationKind,
    Sex,
)
from wsparcie.people.filters import validate_name_query
from wsparcie.people.imports import importer_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationFieldMixin:
    """Adds an "organisation" choice when the user may write in several organisations."""

    def add_organisation_field(self, user, perm: str) -> None:
        orgs = tenancy.organisations_for(user, perm)
        if orgs.count() > 1:
            self.fields["organisation"] = forms.ModelChoiceField(queryset=orgs, label=_("Organizacja"))


class PersonForm(OrganisationFieldMixin, forms.Form):
    pesel = forms.CharField(
        label=_("PESEL"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Data urodzenia i płeć zostaną odczytane z numeru."),
    )
    other_id_type = forms.CharField(
        label=_("Inny dokument tożsamości (gdy brak PESEL)"),
        required=False,
        max_length=50,
        help_text=_("Np. paszport, karta pobytu."),
    )
    other_id_number = forms.CharField(label=_("Numer dokumentu"), required=False, max_length=50)
    first_name = forms.CharField(label=_("Imię"), max_length=100)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=150)
    birth_date = forms.DateField(
        label=_("Data urodzenia"), required=False, widget=DATE, help_text=_("Wymagana, gdy brak PESEL.")
    )
    sex = forms.ChoiceField(label=_("Płeć"), required=False, choices=[("", _("— z numeru PESEL —")), *Sex.choices])
    citizenship = forms.CharField(label=_("Obywatelstwo (kod kraju)"), max_length=2, initial="PL")
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=50)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    street = forms.CharField(label=_("Ulica i numer"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Kod pocztowy"), required=False, max_length=6)
    city = forms.CharField(label=_("Miejscowość"), required=False, max_length=100)
    teryt = forms.CharField(
        label=_("Kod TERYT gminy"), required=False, max_length=7, help_text=_("7 cyfr, np. 1462011 (Płock).")
    )
    notes = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PeselSearchForm(forms.Form):
    pesel = forms.CharField(
        label=_("Numer PESEL"),
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class NameSearchForm(forms.Form):
    find = forms.CharField(
        label=_("Szukaj osoby (imię lub nazwisko)"),
        max_length=100,
        validators=[validate_name_query],
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj orzeczenia"), choices=CertificateKind.choices)
    degree = forms.ChoiceField(
        label=_("Stopień"),
        required=False,
        choices=[("", _("— brak (orzeczenie dziecka) —")), *Degree.choices],
        help_text=_("Dla orzeczenia równoważnego: stopień, któremu odpowiada (albo wybierz jego rodzaj poniżej)."),
    )
    equivalent_type = forms.ChoiceField(
        label=_("Rodzaj orzeczenia równoważnego"), required=False, choices=[("", "—"), *EquivalentType.choices]
    )
    symbols = forms.MultipleChoiceField(
        label=_("Symbole przyczyny (najwyżej 3)"),
        required=False,
        choices=[(code, format_lazy("{} {}", code, name)) for code, name in CAUSE_SYMBOLS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    indications = forms.BooleanField(label=_("Wskazania w pkt 7 i 8 (orzeczenie dziecka)"), required=False)
    issued_on = forms.DateField(label=_("Data wydania"), widget=DATE)
    valid_until = forms.DateField(label=_("Ważne do"), required=False, widget=DATE, help_text=_("Puste: na stałe."))
    issuer = forms.CharField(label=_("Wydał"), required=False, max_length=200)


class RelationForm(forms.Form):
    relative = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Relacja"), choices=RelationKind.choices)
    is_caregiver = forms.BooleanField(label=_("sprawuje opiekę"), required=False)


class IncomeForm(forms.Form):
    established_on = forms.DateField(label=_("Data ustalenia"), widget=DATE)
    household_size = forms.IntegerField(label=_("Liczba osób w gospodarstwie"), min_value=1, required=False)
    income_per_person = forms.CharField(label=_("Dochód na osobę (zł)"), max_length=30, help_text=_("Np. 812,50"))

    def clean_income_per_person(self):
        try:
            return parse_pln(self.cleaned_data["income_per_person"])
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError(_("Podaj kwotę, np. 812,50.")) from exc


class NamedAreaForm(OrganisationFieldMixin, forms.Form):
    code = forms.SlugField(label=_("Kod"), max_length=64, help_text=_("Np. obszar-rewitalizowany"))
    name = forms.CharField(label=_("Nazwa"), max_length=200)
    description = forms.CharField(label=_("Opis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    streets = forms.CharField(
        label=_("Ulice (jedna w wierszu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Bez numerów domów."),
    )
    teryt_codes = forms.CharField(
        label=_("Gminy: kody TERYT (jeden w wierszu)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(OrganisationFieldMixin, forms.Form):
    file = forms.FileField(label=_("Plik CSV albo XLSX"))
    kind = forms.ChoiceField(label=_("Co importujesz"), choices=[])
    mode = forms.ChoiceField(
        label=_("Tryb"),
        choices=[
            (ImportMode.PREVIEW, _("Najpierw sprawdź i pokaż błędy, potem zdecyduję (zalecane)")),
            (ImportMode.VALID_ROWS, _("Importuj od razu poprawne wiersze, pomiń błędne")),
            (ImportMode.ALL_OR_NOTHING, _("Importuj wszystko albo nic")),
        ],
        initial=ImportMode.PREVIEW,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = importer_choices()


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label=_("Który rekord zostaje"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Uzasadnienie"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidate is not None:
            self.fields["keep"].choices = [
                (str(p.pk), gettext("nr %(id)s: %(name)s") % {"id": p.pk, "name": f"{p.first_name} {p.last_name}"})
                for p in (candidate.person_a, candidate.person_b)
            ]


class DismissForm(forms.Form):
    note = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
