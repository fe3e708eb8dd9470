"""Forms of the staff pages. They only read and check input; views hand ``cleaned_data`` to
the services (forms never save)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.core.money import format_pln, parse_pln
from wsparcie.programmes import selectors
from wsparcie.programmes.models import (
    DurabilityObligation,
    FundingSource,
    Milestone,
    MilestoneTarget,
    Programme,
    ProgrammeActivity,
    ProgrammeDocument,
    ProgrammeFunding,
    ProgrammeLimit,
    ProgrammeLink,
    ProgrammeTarget,
    ProjectPartner,
)
from wsparcie.programmes.rules import ALLOWED_DOCUMENTS
from wsparcie.programmes.services import MONEY_FIELDS, PROGRAMME_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MoneyField(forms.CharField):
    """Money typed the Polish way (``911 001,37``; ``911001.37`` and ``1 800 000 zł`` work too)."""

    default_error_messages = {"too_big": _("Kwota jest za duża (najwyżej 999 999 999 999,99 zł).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("W złotych, np. 911 001,37."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_pln(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        if abs(amount) >= Decimal("1000000000000"):
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_pln(value, currency=False)
        return value


TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ProgrammeForm(forms.Form):
    """Create or edit a programme. ``organisation`` is asked only when creating and the user
    may write in several organisations."""

    def __init__(self, *args, user, instance: Programme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        model_fields = forms.fields_for_model(
            Programme,
            fields=PROGRAMME_FIELDS,
            widgets={
                "legal_basis": TEXTAREA,
                "goal": TEXTAREA,
                "target_group": TEXTAREA,
                "description": TEXTAREA,
                "results": TEXTAREA,
                "contact": TEXTAREA,
                "agreement_date": DateInput(),
                "period_start": DateInput(),
                "period_end": DateInput(),
            },
        )
        for name in MONEY_FIELDS:
            model_fields[name] = MoneyField(label=Programme._meta.get_field(name).verbose_name.capitalize())
        model_fields["slug"].required = False
        model_fields["slug"].help_text = _("Część adresu strony publicznej. Zostaw puste, aby utworzyć ją z nazwy.")
        organisations = tenancy.organisations_for(user, selectors.EDIT).order_by("name")
        series_qs = selectors.series_for_user(user)
        if instance is not None:
            series_qs = series_qs.filter(organisation_id=instance.organisation_id)
        model_fields["series"].queryset = series_qs
        model_fields["series"].help_text = _("Ten sam program w kolejnych latach (edycjach).")
        ordered: dict[str, forms.Field] = {}
        if instance is None and organisations.count() > 1:
            ordered["organisation"] = forms.ModelChoiceField(
                queryset=organisations, to_field_name="slug", label=_("Organizacja")
            )
        for name in PROGRAMME_FIELDS:
            ordered[name] = model_fields[name]
            if name == "series":
                ordered["new_series"] = forms.CharField(
                    label=_("albo nowa seria"),
                    required=False,
                    max_length=300,
                    help_text=_("Nazwa nowej serii, np. „Asystent osobisty osoby niepełnosprawnej”."),
                )
        for field in ordered.values():
            if field.label:
                field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        self.fields.update(ordered)
        if instance is not None and not self.is_bound:
            self.initial = {name: getattr(instance, name) for name in PROGRAMME_FIELDS if name != "series"}
            self.initial["series"] = instance.series_id

    def clean(self):
        data = super().clean()
        if data.get("series") and data.get("new_series"):
            self.add_error("new_series", _("Wybierz istniejącą serię albo wpisz nową, nie obie naraz."))
        return data


class _ChildForm(forms.ModelForm):
    """A child-row form: validates input only (the programme is not part of it)."""

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class TargetForm(_ChildForm):
    class Meta:
        model = ProgrammeTarget
        fields = ["kind", "label", "count"]


class ActivityForm(_ChildForm):
    class Meta:
        model = ProgrammeActivity
        fields = ["group", "text"]
        widgets = {"text": TEXTAREA}


class LimitForm(_ChildForm):
    quantity = forms.DecimalField(
        label=_("Wielkość"), max_digits=8, decimal_places=2, min_value=Decimal("0.01"), localize=True
    )

    class Meta:
        model = ProgrammeLimit
        fields = ["label", "quantity", "unit", "period", "applies_to", "note"]
        widgets = {"note": TEXTAREA}


class MilestoneForm(_ChildForm):
    class Meta:
        model = Milestone
        fields = ["name", "start", "end", "status", "description"]
        widgets = {"start": DateInput(), "end": DateInput(), "description": TEXTAREA}


class MilestoneTargetForm(_ChildForm):
    milestone = forms.ModelChoiceField(queryset=Milestone.objects.none(), label=_("Kamień milowy"))

    class Meta:
        model = MilestoneTarget
        fields = ["milestone", "label", "value"]

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        if programme is not None:
            self.fields["milestone"].queryset = Milestone.objects.filter(programme=programme)


class DurabilityForm(_ChildForm):
    class Meta:
        model = DurabilityObligation
        fields = ["subject", "places", "min_months", "until", "description"]
        widgets = {"until": DateInput(), "description": TEXTAREA}


class PartnerForm(_ChildForm):
    class Meta:
        model = ProjectPartner
        fields = ["name", "role"]


class FundingForm(_ChildForm):
    source = forms.ModelChoiceField(queryset=FundingSource.objects.all(), label=_("Źródło"))
    amount = MoneyField(label=_("Kwota"))

    class Meta:
        model = ProgrammeFunding
        fields = ["source", "amount"]


class LinkForm(_ChildForm):
    class Meta:
        model = ProgrammeLink
        fields = ["label", "url"]


class DocumentForm(_ChildForm):
    file = forms.FileField(
        label=_("Plik"),
        help_text=_("PDF, DOCX, ODT lub DOC."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_DOCUMENTS)}),
    )

    class Meta:
        model = ProgrammeDocument
        fields = ["title", "kind", "file"]
