"""Forms of the register's staff pages. The online application's forms are in
:mod:`wsparcie.directory.forms_apply`."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wsparcie.core.money import parse_pln
from wsparcie.directory.choices import AccessibilityFeature, Audience, Need, PhoneType, Weekday
from wsparcie.directory.models import (
    Contact,
    DirectoryOrganisation,
    Location,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
)

PHONES_HELP = _("Jeden numer w wierszu; opis po myślniku, np. „59 81 42 801 – sekretariat”.")


def parse_phones(text: str) -> list[dict]:
    """``"59 81 42 801 – sekretariat"`` lines -> ``[{"number", "description", "type"}]``."""
    rows = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for dash in (" – ", " - ", " — "):
            if dash in line:
                number, description = line.split(dash, 1)
                break
        else:
            number, description = line, ""
        number = number.strip()
        if not any(ch.isdigit() for ch in number):
            raise ValidationError(_("„%(line)s” nie wygląda na numer telefonu.") % {"line": line})
        kind = PhoneType.FAX if description.strip().lower().startswith("faks") else PhoneType.VOICE
        rows.append({"number": number[:50], "description": description.strip()[:200], "type": kind})
    return rows


def phones_text(phones) -> str:
    return "\n".join(f"{p.number} – {p.description}" if p.description else p.number for p in phones)


class OrganisationScopedForm(forms.ModelForm):
    """A form whose choices of register rows come from one organisation only."""

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)


class ServiceForm(OrganisationScopedForm):
    needs = forms.MultipleChoiceField(
        label=_("Potrzeby, na które odpowiada"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Dla kogo"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    fee_amount = forms.CharField(
        label=_("Opłata (zł)"), required=False, help_text=_("Np. 12,50. Puste, gdy zależy od dochodu.")
    )
    phones = forms.CharField(
        label=_("Telefony"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=PHONES_HELP
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Miejsca"), queryset=Location.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    slug = forms.SlugField(
        label=_("Identyfikator"), required=False, help_text=_("Puste: utworzony z nazwy usługi."), max_length=120
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "slug",
            "alternate_name",
            "status",
            "provider",
            "partners",
            "programme",
            "description",
            "needs",
            "audiences",
            "age_min",
            "age_max",
            "requires_disability_certificate",
            "for_caregivers",
            "for_families",
            "income_criterion_percent",
            "eligibility_description",
            "application_process",
            "is_free",
            "fee_amount",
            "fee_description",
            "email",
            "url",
            "capacity",
            "last_checked",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "fee_description": forms.Textarea(attrs={"rows": 2}),
            "partners": forms.CheckboxSelectMultiple,
            "last_checked": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wsparcie.programmes.models import Programme

        providers = DirectoryOrganisation.objects.filter(organisation=self.organisation)
        self.fields["provider"].queryset = providers
        self.fields["partners"].queryset = providers
        self.fields["partners"].required = False
        self.fields["programme"].queryset = Programme.objects.filter(organisation=self.organisation)
        self.fields["locations"].queryset = Location.objects.filter(organisation=self.organisation)
        if self.instance.pk and not self.instance._state.adding:
            self.fields["locations"].initial = [sal.location_id for sal in self.instance.at_locations.all()]
            self.fields["phones"].initial = phones_text(self.instance.phones.all())
            if self.instance.fee_amount is not None:
                self.initial["fee_amount"] = f"{self.instance.fee_amount:.2f}".replace(".", ",")

    def clean_fee_amount(self):
        value = self.cleaned_data.get("fee_amount", "").strip()
        if not value:
            return None
        try:
            return parse_pln(value)
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError(_("Podaj kwotę w złotych, np. 12,50.")) from exc

    def clean_phones(self):
        return parse_phones(self.cleaned_data.get("phones", ""))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("name"):
            cleaned["slug"] = slugify(cleaned["name"])[:120] or "usluga"
        return cleaned

    def _post_clean(self):
        # The service validates the whole row (with its organisation) when it saves.
        pass


class LocationForm(OrganisationScopedForm):
    accessibility = forms.MultipleChoiceField(
        label=_("Udogodnienia dostępności"),
        choices=AccessibilityFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phones = forms.CharField(
        label=_("Telefony"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=PHONES_HELP
    )

    class Meta:
        model = Location
        fields = [
            "name",
            "provider",
            "street",
            "room",
            "postal_code",
            "city",
            "teryt",
            "accessibility",
            "accessibility_description",
            "transportation",
            "description",
            "latitude",
            "longitude",
        ]
        widgets = {
            "accessibility_description": forms.Textarea(attrs={"rows": 3}),
            "transportation": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = DirectoryOrganisation.objects.filter(organisation=self.organisation)
        if not self.instance._state.adding:
            self.fields["phones"].initial = phones_text(self.instance.phones.all())

    def clean_phones(self):
        return parse_phones(self.cleaned_data.get("phones", ""))

    def _post_clean(self):
        pass


class ProviderForm(OrganisationScopedForm):
    phones = forms.CharField(
        label=_("Telefony"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=PHONES_HELP
    )

    class Meta:
        model = DirectoryOrganisation
        fields = ["name", "alternate_name", "core_organisation", "description", "email", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["phones"].initial = phones_text(self.instance.phones.all())

    def clean_phones(self):
        return parse_phones(self.cleaned_data.get("phones", ""))

    def _post_clean(self):
        pass


# --- parts of a service, edited as formsets on the service's page ---------------------------


class PartForm(forms.ModelForm):
    """A row of a formset; the service (``services.service_part_save``) validates and saves it."""

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def _post_clean(self):
        pass


class ScheduleForm(PartForm):
    byday = forms.MultipleChoiceField(
        label=_("Dni tygodnia"), choices=Weekday.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Schedule
        fields = ["byday", "opens_at", "closes_at", "description", "location"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(organisation=self.organisation)


class AreaForm(PartForm):
    class Meta:
        model = ServiceArea
        fields = ["municipality", "teryt", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class DocumentForm(PartForm):
    class Meta:
        model = RequiredDocument
        fields = ["document", "uri", "required", "upload_online", "order"]


class ContactForm(PartForm):
    phones = forms.CharField(
        label=_("Telefony"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=PHONES_HELP
    )

    class Meta:
        model = Contact
        fields = ["name", "title", "department", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance._state.adding:
            self.fields["phones"].initial = phones_text(self.instance.phones.all())

    def clean_phones(self):
        return parse_phones(self.cleaned_data.get("phones", ""))


class PartFormSet(BaseInlineFormSet):
    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["organisation"] = self.organisation
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            organisation=self.organisation,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


def part_formset(model, form, title):
    formset_class = inlineformset_factory(
        Service, model, form=form, formset=PartFormSet, extra=1, can_delete=True, fk_name="service"
    )
    formset_class.title = title
    return formset_class


PART_FORMSETS = {
    "schedules": part_formset(Schedule, ScheduleForm, _("Godziny")),
    "areas": part_formset(ServiceArea, AreaForm, _("Obszar działania")),
    "documents": part_formset(RequiredDocument, DocumentForm, _("Wymagane dokumenty")),
    "contacts": part_formset(Contact, ContactForm, _("Kontakty")),
}
