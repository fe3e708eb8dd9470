"""Forms of delivery's pages. They only collect and type the input; the services validate the
rules and save. Choice lists are scoped to the organisations where the user may edit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.core.money import parse_pln
from wsparcie.delivery import rules, selectors
from wsparcie.delivery.choices import (
    Activity,
    CertificateDegree,
    Condition,
    ContractKind,
    EquipmentCategory,
    MealForm,
    Qualification,
    ServiceKind,
    SessionStatus,
    Unit,
    WorkerRole,
)
from wsparcie.delivery.models import EquipmentItem, Service, Worker
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme

EDIT = selectors.EDIT
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PLNField(forms.CharField):
    """An amount typed as Polish users type it: ``1 200,50`` or ``1200.50``."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_pln(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class UnitsField(forms.DecimalField):
    """Units of a service (hours, days...), a comma accepted as the decimal mark."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(" ", "").replace(",", ".")
        return super().to_python(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def datetime_field(label):
    return forms.DateTimeField(label=label, widget=DateTimeInput(), input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"])


class MonthInputField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "RRRR-MM"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        month = rules.parse_month(value)
        if month is None:
            raise ValidationError(_("Podaj miesiąc jako RRRR-MM."))
        return month


def _edit_orgs(user) -> list[int]:
    return tenancy.organisation_ids(user, EDIT)


class ScopedForm(forms.Form):
    """A form that knows the user; choice fields listed in ``scoped`` are narrowed to rows of
    organisations where the user may edit delivery."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        orgs = _edit_orgs(user)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and hasattr(field.queryset.model, "organisation"):
                field.queryset = field.queryset.filter(organisation_id__in=orgs)


class WorkerForm(ScopedForm):
    first_name = forms.CharField(label=_("Imię"), max_length=100)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=150)
    role = forms.ChoiceField(label=_("Funkcja"), choices=WorkerRole.choices)
    person = forms.ModelChoiceField(
        label=_("Osoba w rejestrze"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        required=False,
        help_text=_("Pozwala sprawdzić pokrewieństwo, opiekę prawną i wspólne zamieszkanie z uczestnikami."),
    )
    user = forms.ModelChoiceField(
        label=_("Konto do logowania (rola asystent / opiekun)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    qualifications = forms.MultipleChoiceField(
        label=_("Kwalifikacje"), choices=Qualification.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    qualifications_note = forms.CharField(
        label=_("Dokumenty i doświadczenie"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation_id__in=_edit_orgs(self.user), memberships__role="worker")
            .distinct()
            .order_by("username")
        )


class WorkerEditForm(WorkerForm):
    is_active = forms.BooleanField(label=_("Aktywny"), required=False)


class ContractForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Rodzaj umowy"), choices=ContractKind.choices)
    number = forms.CharField(label=_("Numer umowy"), max_length=100, required=False)
    programme = forms.ModelChoiceField(label=_("Program"), queryset=Programme.objects.all(), required=False)
    start_date = forms.DateField(label=_("Od"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Do"), widget=DateInput(), required=False, help_text=_("Puste: na czas nieokreślony.")
    )
    hours_per_month = UnitsField(label=_("Godzin w miesiącu"), required=False)
    hourly_rate = PLNField(label=_("Stawka (zł/h)"), required=False)


class ServiceForm(ScopedForm):
    programme = forms.ModelChoiceField(label=_("Program (edycja)"), queryset=Programme.objects.all())
    kind = forms.ChoiceField(label=_("Rodzaj usługi"), choices=ServiceKind.choices)
    name = forms.CharField(label=_("Nazwa (opcjonalnie)"), max_length=200, required=False)
    unit = forms.ChoiceField(label=_("Jednostka"), choices=Unit.choices)
    rate = PLNField(label=_("Stawka (zł za jednostkę)"))
    activities = forms.MultipleChoiceField(
        label=_("Dozwolone czynności"),
        choices=Activity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nic nie zaznaczone: dowolna czynność."),
    )
    limit_per_participant = UnitsField(
        label=_("Limit na uczestnika w edycji"),
        required=False,
        help_text=_("W jednostkach usługi, np. 240 (godzin). Puste: bez limitu."),
    )
    limit_per_month = UnitsField(
        label=_("Limit na uczestnika w miesiącu"), required=False, help_text=_("Np. 30 (godzin). Puste: bez limitu.")
    )
    days_per_year = forms.IntegerField(
        label=_("Limit dób w roku"), min_value=0, required=False, help_text=_("Opieka całodobowa, np. 14.")
    )


class ServiceEditForm(ServiceForm):
    is_active = forms.BooleanField(label=_("Aktywna"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programme"]


SEVERAL_CHOICES = [("", _("bez znaczenia")), ("yes", _("tak (sprzężona)")), ("no", _("nie"))]


class LimitRowForm(forms.Form):
    degree = forms.ChoiceField(label=_("Stopień"), choices=CertificateDegree.choices, initial=CertificateDegree.ANY)
    several_symbols = forms.ChoiceField(label=_("Kilka symboli przyczyny"), choices=SEVERAL_CHOICES, required=False)
    child = forms.BooleanField(label=_("Dziecko"), required=False)
    limit = UnitsField(label=_("Limit w edycji"))

    def row(self) -> dict:
        several = {"yes": True, "no": False}.get(self.cleaned_data.get("several_symbols") or "")
        return {
            "degree": self.cleaned_data["degree"],
            "several_symbols": several,
            "child": self.cleaned_data["child"],
            "limit": self.cleaned_data["limit"],
        }


LimitRowFormSet = forms.formset_factory(LimitRowForm, extra=3, can_delete=True)


class RateCapForm(ScopedForm):
    programme = forms.ModelChoiceField(label=_("Program (edycja)"), queryset=Programme.objects.all())
    unit = forms.ChoiceField(label=_("Jednostka"), choices=Unit.choices)
    max_rate = PLNField(label=_("Maksymalna stawka (zł za jednostkę)"))


class GrantForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Usługa"), queryset=Service.objects.none())
    units = UnitsField(label=_("Przyznany wymiar (w jednostkach usługi)"))
    granted_on = forms.DateField(label=_("Data przyznania"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, enrolment: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(programme_id=enrolment.programme_id)


class AssignmentForm(ScopedForm):
    worker = forms.ModelChoiceField(label=_("Realizator"), queryset=Worker.objects.filter(is_active=True))
    service = forms.ModelChoiceField(label=_("Usługa"), queryset=Service.objects.none(), required=False)
    start_date = forms.DateField(label=_("Od"), widget=DateInput(), required=False)
    end_date = forms.DateField(label=_("Do"), widget=DateInput(), required=False)

    def __init__(self, *args, enrolment: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = self.fields["worker"].queryset.filter(
            organisation_id=enrolment.organisation_id
        )
        self.fields["service"].queryset = Service.objects.filter(programme_id=enrolment.programme_id)


def _activity_choices():
    return [("", _("— wybierz —")), *Activity.choices]


class SessionForm(ScopedForm):
    enrolment = forms.ModelChoiceField(
        label=_("Uczestnik (program)"),
        queryset=Application.objects.filter(status__in=selectors.ENROLMENT_STATUSES).select_related(
            "person", "programme"
        ),
    )
    worker = forms.ModelChoiceField(label=_("Realizator"), queryset=Worker.objects.filter(is_active=True))
    service = forms.ModelChoiceField(
        label=_("Usługa"), queryset=Service.objects.filter(is_active=True).select_related("programme")
    )
    start = datetime_field(_("Początek"))
    end = datetime_field(_("Koniec"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (SessionStatus.DELIVERED, SessionStatus.DELIVERED.label),
            (SessionStatus.PLANNED, SessionStatus.PLANNED.label),
        ],
    )
    activity = forms.ChoiceField(label=_("Czynność"), choices=_activity_choices, required=False)
    note = forms.CharField(label=_("Notatka"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    travel_minutes = forms.IntegerField(
        label=_("Czas dojazdu w minutach (nie wlicza się)"), min_value=0, max_value=1440, required=False
    )
    reason = forms.CharField(
        label=_("Powód korekty"),
        required=False,
        help_text=_("Wymagany tylko, gdy miesiąc jest już zamknięty podpisem uczestnika na karcie."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].label_from_instance = lambda a: f"{a.person} – {a.programme}"
        self.fields["service"].label_from_instance = lambda s: f"{s} – {s.programme}"


class SessionEditForm(SessionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["enrolment"]
        self.fields["status"].choices = SessionStatus.choices


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód"), required=False, help_text=_("Wymagany, gdy miesiąc jest zamknięty podpisem uczestnika.")
    )


class CardSignForm(forms.Form):
    signed_by = forms.CharField(label=_("Podpisał(a) – uczestnik lub opiekun prawny"), max_length=200)
    signed_on = forms.DateField(label=_("Data podpisu"), widget=DateInput(), initial=dt.date.today)


class StopForm(forms.Form):
    activity = forms.ChoiceField(label=_("Czynność"), choices=_activity_choices, required=False)
    note = forms.CharField(label=_("Notatka"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MealAidForm(ScopedForm):
    person = forms.ModelChoiceField(label=_("Osoba"), queryset=Person.objects.order_by("last_name", "first_name"))
    programme = forms.ModelChoiceField(label=_("Program"), queryset=Programme.objects.all(), required=False)
    month = MonthInputField(label=_("Miesiąc"))
    form = forms.ChoiceField(label=_("Forma pomocy"), choices=MealForm.choices)
    meals = forms.IntegerField(
        label=_("Liczba posiłków"), min_value=0, required=False, help_text=_("Dla posiłków w stołówce i dowożonych.")
    )
    amount = PLNField(
        label=_("Kwota (zł)"),
        required=False,
        help_text=_("Zasiłek celowy; wartość produktów dla świadczenia rzeczowego."),
    )
    note = forms.CharField(label=_("Uwagi"), required=False)


class EquipmentItemForm(ScopedForm):
    name = forms.CharField(label=_("Nazwa"), max_length=200)
    category = forms.ChoiceField(label=_("Kategoria"), choices=EquipmentCategory.choices)
    inventory_number = forms.CharField(label=_("Numer inwentarzowy"), max_length=50)
    serial = forms.CharField(label=_("Numer seryjny"), max_length=100, required=False)
    condition = forms.ChoiceField(label=_("Stan"), choices=Condition.choices, initial=Condition.GOOD)
    value = PLNField(label=_("Wartość (zł)"))
    funding_source = forms.CharField(label=_("Źródło finansowania"), max_length=300, required=False)
    programme = forms.ModelChoiceField(
        label=_("Zakupiono w projekcie"), queryset=Programme.objects.all(), required=False
    )
    purchased_on = forms.DateField(label=_("Data zakupu"), widget=DateInput(), required=False)
    withdrawn_on = forms.DateField(label=_("Wycofano z użytku"), widget=DateInput(), required=False)
    notes = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LoanForm(ScopedForm):
    item = forms.ModelChoiceField(label=_("Sprzęt"), queryset=EquipmentItem.objects.filter(withdrawn_on__isnull=True))
    person = forms.ModelChoiceField(
        label=_("Biorący w użyczenie"), queryset=Person.objects.order_by("last_name", "first_name")
    )
    start_date = forms.DateField(label=_("Data wydania"), widget=DateInput(), initial=dt.date.today)
    due_date = forms.DateField(
        label=_("Termin zwrotu"),
        widget=DateInput(),
        required=False,
        help_text=_("Puste: zwykły okres użyczenia ośrodka (np. 4 miesiące)."),
    )
    medical_certificate_on = forms.DateField(
        label=_("Data zaświadczenia lekarskiego"), widget=DateInput(), required=False
    )
    guarantor_name = forms.CharField(label=_("Poręczyciel – imię i nazwisko"), max_length=200, required=False)
    guarantor_address = forms.CharField(label=_("Poręczyciel – adres"), max_length=300, required=False)
    guarantor_document = forms.CharField(label=_("Poręczyciel – PESEL lub dokument"), max_length=50, required=False)
    notes = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExtendForm(forms.Form):
    new_due = forms.DateField(label=_("Nowy termin zwrotu"), widget=DateInput())
    reason = forms.CharField(label=_("Uzasadnienie"), required=False)


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Data zwrotu"), widget=DateInput(), initial=dt.date.today)
    condition = forms.ChoiceField(label=_("Stan przy zwrocie"), choices=Condition.choices)
    note = forms.CharField(label=_("Uwagi"), required=False)


class SettingsForm(forms.Form):
    guarantor_threshold = PLNField(
        label=_("Próg wartości sprzętu wymagający poręczyciela (zł)"),
        required=False,
        help_text=_("Np. minimalne wynagrodzenie. Puste: bez poręczyciela."),
    )
    loan_months = forms.IntegerField(label=_("Zwykły okres użyczenia (miesiące)"), min_value=1, max_value=36, initial=4)


def decimal_or_none(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)
