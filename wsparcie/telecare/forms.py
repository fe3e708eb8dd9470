from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.enrolment.choices import ApplicationStatus
from wsparcie.telecare.choices import OPERATOR_OUTCOMES, ActionKind, Capability, ContactKind, DeviceKind
from wsparcie.telecare.models import Contact
from wsparcie.telecare.selectors import MANAGE, persons_for_user


class DateInput(forms.DateInput):
    input_type = "date"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        born = ", " + gettext("ur. %(date)s") % {"date": f"{obj.birth_date:%d.%m.%Y}"} if obj.birth_date else ""
        return f"{obj.last_name} {obj.first_name}{born}"


def participants(user):
    """People a telecare manager may equip: participants (enrolled) of their organisations."""
    return (
        persons_for_user(user, MANAGE)
        .filter(applications__status=ApplicationStatus.ENROLLED)
        .distinct()
        .order_by("last_name", "first_name")
    )


class DeviceForm(forms.Form):
    serial = forms.CharField(
        label=_("Numer seryjny / IMEI"),
        max_length=64,
        help_text=_(
            "3–64 znaki: litery, cyfry, kropka, myślnik, podkreślenie. Jest też nazwą użytkownika na brokerze MQTT."
        ),
    )
    model = forms.CharField(label=_("Model"), max_length=100)
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=DeviceKind.choices)
    capabilities = forms.MultipleChoiceField(
        label=_("Funkcje"), choices=Capability.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    person = PersonChoiceField(
        label=_("Uczestnik"), queryset=None, required=False, help_text=_("Puste: urządzenie w magazynie.")
    )
    valid_from = forms.DateField(label=_("Przydzielone od"), required=False, widget=DateInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = participants(user)


class AssignForm(forms.Form):
    person = PersonChoiceField(label=_("Uczestnik"), queryset=None)
    valid_from = forms.DateField(label=_("Od dnia"), required=False, widget=DateInput, help_text=_("Puste: od dziś."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = participants(user)


class CardForm(forms.Form):
    address = forms.CharField(
        label=_("Adres"), max_length=300, help_text=_("Ulica, numer domu i mieszkania, piętro, miejscowość.")
    )
    access_notes = forms.CharField(
        label=_("Jak wejść"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Np. sejf na klucze przy drzwiach, klucz u sąsiadki spod 5. Samego kodu tu nie wpisuj."),
    )
    has_key_safe = forms.BooleanField(label=_("Przy drzwiach jest sejf na klucze"), required=False)
    door_code = forms.CharField(
        label=_("Nowy kod do drzwi / sejfu"),
        required=False,
        max_length=50,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Zapisywany w postaci zaszyfrowanej; zobaczy go tylko operator obsługujący alarm. Puste: bez zmian."
        ),
    )
    clear_door_code = forms.BooleanField(label=_("Usuń zapisany kod"), required=False)
    health_notes = forms.CharField(
        label=_("Informacje dla ratowników"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Choroby, leki, alergie, ograniczenia ruchowe."),
    )
    notes = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContactForm(forms.Form):
    position = forms.IntegerField(
        label=_("Kolejność dzwonienia"), min_value=1, required=False, help_text=_("Puste: na końcu listy.")
    )
    name = forms.CharField(label=_("Imię i nazwisko"), max_length=200)
    kind = forms.ChoiceField(label=_("Kto to"), choices=ContactKind.choices)
    relation = forms.CharField(label=_("Pokrewieństwo / opis"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50)
    phone_alt = forms.CharField(label=_("Drugi telefon"), max_length=50, required=False)
    notes = forms.CharField(label=_("Uwagi"), max_length=300, required=False)


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Czynność"), choices=ActionKind.choices)
    contact = forms.ModelChoiceField(
        label=_("Osoba kontaktowa"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=_("Tylko przy telefonie do osoby kontaktowej."),
    )
    note = forms.CharField(label=_("Notatka"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, card=None, **kwargs):
        super().__init__(*args, **kwargs)
        if card is not None:
            self.fields["contact"].queryset = card.contacts.order_by("position")


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Wynik"), choices=OPERATOR_OUTCOMES, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Opis zakończenia"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SettingsForm(forms.Form):
    escalate_after_seconds = forms.IntegerField(label=_("Eskalacja po (sekundach)"), min_value=10)
    offline_after_minutes = forms.IntegerField(label=_("Alarm braku sygnału po (minutach)"), min_value=1)
    low_battery_percent = forms.IntegerField(label=_("Próg słabej baterii (%)"), min_value=0, max_value=100)
    supervisor = forms.ModelChoiceField(label=_("Przełożony dyżuru"), queryset=None, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = (
            get_user_model().objects.filter(memberships__organisation=organisation).distinct().order_by("username")
        )
