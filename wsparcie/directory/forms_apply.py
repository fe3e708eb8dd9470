"""The public online application form: it asks who applies, only the facts the edition's
criteria read (``enrolment.selectors.programme_form_facts``), the documents the edition asks
for, the participation declaration and the information clause.

The form has two steps on one page: "check" validates the person and the facts (the page then
shows the likely result of the same rule engine staff use), "submit" validates everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsparcie.core import pesel as pesel_lib
from wsparcie.core.money import parse_pln
from wsparcie.directory import rules

#: Seconds a person needs at least between opening the form and sending it (bots are faster).
MIN_FILL_SECONDS = 3
#: A form older than this must be opened again (the token also guards against double sending).
MAX_FORM_AGE_SECONDS = 6 * 3600
TOKEN_SALT = "wsparcie.directory.apply"
DIGEST_SALT = "wsparcie.directory.apply.checked"
OTHER_MUNICIPALITY = "inna"

CERTIFICATE_CHOICES = [
    ("none", _("nie mam orzeczenia o niepełnosprawności")),
    ("significant", _("orzeczenie o znacznym stopniu niepełnosprawności")),
    ("moderate", _("orzeczenie o umiarkowanym stopniu niepełnosprawności")),
    ("mild", _("orzeczenie o lekkim stopniu niepełnosprawności")),
    (
        "equivalent_significant",
        _(
            "orzeczenie równoważne znacznemu stopniowi (np. I grupa inwalidzka, niezdolność do samodzielnej egzystencji)"
        ),
    ),
    ("equivalent_moderate", _("orzeczenie równoważne umiarkowanemu stopniowi (np. II grupa inwalidzka)")),
    ("child_indications", _("orzeczenie o niepełnosprawności dziecka ze wskazaniami w punktach 7 i 8")),
    ("child", _("orzeczenie o niepełnosprawności dziecka bez wskazań w punktach 7 i 8")),
    ("unknown", _("wolę nie podawać – ośrodek zapyta o to przy rozpatrywaniu")),
]

CARED_RELATION_CHOICES = [
    ("parent", _("jestem rodzicem tej osoby")),
    ("legal_guardian", _("jestem opiekunem prawnym tej osoby")),
    ("actual_caregiver", _("jestem opiekunem faktycznym (sprawuję opiekę na co dzień)")),
    ("other_family", _("jestem innym członkiem rodziny")),
]

#: Facts the form can ask (``enrolment.rules.required_facts`` vocabulary) -> its fields here.
FACT_FIELDS = {
    "teryt": ["municipality"],
    "areas": ["municipality"],
    "certificates": ["certificate", "certificate_valid_until"],
    "income": ["income_per_person", "household_size"],
    "cares_for": ["cared_relation"],
    "cares_for.birth_date": ["cared_birth_date"],
    "cares_for.certificates": ["cared_certificate", "cared_certificate_valid_until"],
}
PERSON_FIELDS = ["first_name", "last_name", "pesel", "street", "postal_code", "city", "phone", "email"]
FINAL_FIELDS = ["declaration", "information_clause", "contact_consent"]
HONEYPOT = "website"


# --- tokens --------------------------------------------------------------------------------


def new_form_token(programme_id: int) -> str:
    return signing.dumps({"t": str(uuid.uuid4()), "p": programme_id, "at": time.time()}, salt=TOKEN_SALT)


def read_form_token(value: str, programme_id: int) -> tuple[uuid.UUID, float] | None:
    """``(token uuid, seconds since the form was opened)``, or None for a forged or foreign token."""
    try:
        data = signing.loads(value or "", salt=TOKEN_SALT, max_age=MAX_FORM_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if data.get("p") != programme_id:
        return None
    try:
        return uuid.UUID(data["t"]), time.time() - float(data["at"])
    except (KeyError, TypeError, ValueError):
        return None


def facts_digest(answers: dict) -> str:
    payload = json.dumps(answers, sort_keys=True, ensure_ascii=False, default=str)
    return signing.dumps(hashlib.sha256(payload.encode()).hexdigest(), salt=DIGEST_SALT)


def digest_matches(value: str, answers: dict) -> bool:
    try:
        signed = signing.loads(value or "", salt=DIGEST_SALT, max_age=MAX_FORM_AGE_SECONDS)
    except signing.BadSignature:
        return False
    payload = json.dumps(answers, sort_keys=True, ensure_ascii=False, default=str)
    return signed == hashlib.sha256(payload.encode()).hexdigest()


# --- the form ------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ApplyForm(forms.Form):
    """All the fields of the online application; ``facts`` (the edition's required facts)
    decide which questions are asked, ``documents`` which files, ``stage`` what is validated."""

    first_name = forms.CharField(
        label=_("Imię"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nazwisko"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    pesel = forms.CharField(
        label=_("PESEL"),
        max_length=11,
        help_text=_("11 cyfr. Jeśli nie masz numeru PESEL, zadzwoń do ośrodka – przyjmiemy zgłoszenie inaczej."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    street = forms.CharField(
        label=_("Ulica i numer domu"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.RegexField(
        label=_("Kod pocztowy"),
        regex=r"^\d{2}-\d{3}$",
        required=False,
        error_messages={"invalid": _("Kod pocztowy ma postać 00-000.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("Miejscowość"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=50,
        required=False,
        help_text=_("Nieobowiązkowy. Podaj, jeśli chcesz, żeby ośrodek zadzwonił w sprawie zgłoszenia."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Nieobowiązkowy."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    municipality = forms.ChoiceField(label=_("Gmina, w której mieszkasz"), choices=[])
    certificate = forms.ChoiceField(
        label=_("Czy masz orzeczenie o niepełnosprawności?"), choices=CERTIFICATE_CHOICES, widget=forms.RadioSelect
    )
    certificate_valid_until = forms.DateField(
        label=_("Orzeczenie jest ważne do"),
        required=False,
        widget=DateInput,
        help_text=_("Zostaw puste, jeśli orzeczenie jest wydane na stałe albo go nie masz."),
    )
    income_per_person = forms.CharField(
        label=_("Dochód na osobę w gospodarstwie domowym (zł miesięcznie, netto)"),
        required=False,
        help_text=_("Np. 1200,50. Zostaw puste, jeśli nie wiesz – ośrodek ustali dochód."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    household_size = forms.IntegerField(
        label=_("Liczba osób w gospodarstwie domowym"), min_value=1, max_value=30, required=False, initial=1
    )
    cared_relation = forms.ChoiceField(
        label=_("Kim jesteś dla osoby, którą się opiekujesz?"), choices=CARED_RELATION_CHOICES, widget=forms.RadioSelect
    )
    cared_birth_date = forms.DateField(label=_("Data urodzenia osoby, którą się opiekujesz"), widget=DateInput)
    cared_certificate = forms.ChoiceField(
        label=_("Czy osoba, którą się opiekujesz, ma orzeczenie o niepełnosprawności?"),
        choices=CERTIFICATE_CHOICES,
        widget=forms.RadioSelect,
    )
    cared_certificate_valid_until = forms.DateField(
        label=_("Orzeczenie tej osoby jest ważne do"),
        required=False,
        widget=DateInput,
        help_text=_("Zostaw puste, jeśli orzeczenie jest wydane na stałe."),
    )

    declaration = forms.BooleanField(label="")
    information_clause = forms.BooleanField(
        label=_("Zapoznałem(-am) się z informacją o przetwarzaniu danych osobowych (powyżej)."),
    )
    contact_consent = forms.BooleanField(
        label=_("Zgadzam się, aby ośrodek kontaktował się ze mną telefonicznie lub e-mailem w sprawie zgłoszenia."),
        required=False,
        help_text=_(
            "Zgoda jest dobrowolna; możesz ją wycofać w każdej chwili. Wymagana tylko, jeśli podajesz telefon lub e-mail."
        ),
    )
    website = forms.CharField(label=_("Zostaw to pole puste"), required=False)

    def __init__(
        self,
        *args,
        programme,
        facts: list[str],
        documents=(),
        municipalities: list[tuple[str, str]] = (),
        stage: str = "check",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.facts = list(facts)
        self.stage = stage
        self.documents = list(documents)
        self.fields["declaration"].label = _(
            "Deklaruję chęć udziału w programie „%(programme)s” i oświadczam, że podane przeze mnie dane są zgodne z prawdą."
        ) % {"programme": programme}
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        asked = {name for fact in self.facts for name in FACT_FIELDS.get(fact, [])}
        for fact_fields in FACT_FIELDS.values():
            for name in fact_fields:
                if name not in asked:
                    self.fields.pop(name, None)
        if "municipality" in self.fields:
            self.fields["municipality"].choices = [
                ("", _("– wybierz –")),
                *municipalities,
                (OTHER_MUNICIPALITY, _("inna gmina")),
            ]
        if "areas" in self.facts:
            for name in ("street", "city"):
                self.fields[name].required = True
            self.fields["street"].help_text = _(
                "Potrzebne do sprawdzenia, czy adres leży na obszarze objętym programem."
            )
        self.document_fields = []
        for index, document in enumerate(self.documents):
            name = f"document_{index}"
            self.fields[name] = forms.FileField(
                label=document.document,
                required=document.required,
                help_text=_("PDF, JPG lub PNG, najwyżej %(mb)s MB.")
                % {"mb": settings.WSPARCIE_MAX_DOCUMENT_BYTES // (1024 * 1024)},
                widget=forms.ClearableFileInput(
                    attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
                ),
            )
            self.document_fields.append((name, document))
        if stage == "check":
            for name in [*FINAL_FIELDS, *(n for n, _doc in self.document_fields)]:
                self.fields[name].required = False

    # -- groups of fields for the template ---------------------------------------------------

    def _bound(self, names):
        return [self[name] for name in names if name in self.fields]

    @property
    def person_fields(self):
        return self._bound(PERSON_FIELDS)

    @property
    def fact_fields(self):
        order = [
            "municipality",
            "certificate",
            "certificate_valid_until",
            "income_per_person",
            "household_size",
            "cared_relation",
            "cared_birth_date",
            "cared_certificate",
            "cared_certificate_valid_until",
        ]
        return self._bound(order)

    @property
    def file_fields(self):
        return self._bound([name for name, _doc in self.document_fields])

    @property
    def final_fields(self):
        return self._bound(["declaration", "information_clause"])

    # -- validation ---------------------------------------------------------------------------

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_pesel(self):
        value = "".join(self.cleaned_data["pesel"].split())
        try:
            info = pesel_lib.parse(value)
        except pesel_lib.PeselError as exc:
            raise ValidationError(str(exc), code=exc.code) from exc
        if info.birth_date > timezone.localdate():
            raise ValidationError(_("PESEL zawiera datę urodzenia z przyszłości."))
        self.birth_date = info.birth_date
        return value

    def clean_income_per_person(self):
        value = (self.cleaned_data.get("income_per_person") or "").strip()
        if not value:
            return None
        try:
            amount = parse_pln(value)
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError(_("Podaj kwotę w złotych, np. 1200,50.")) from exc
        if amount < 0:
            raise ValidationError(_("Dochód nie może być ujemny."))
        return amount

    def clean_cared_birth_date(self):
        value = self.cleaned_data.get("cared_birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("Data urodzenia nie może być w przyszłości."))
        return value

    def clean(self):
        cleaned = super().clean()
        if self.stage == "submit":
            if (cleaned.get("phone") or cleaned.get("email")) and not cleaned.get("contact_consent"):
                self.add_error(
                    "contact_consent",
                    _(
                        "Zaznacz zgodę na kontakt albo usuń numer telefonu i adres e-mail (bez zgody nie możemy ich przetwarzać)."
                    ),
                )
            self._check_files(cleaned)
        return cleaned

    def _check_files(self, cleaned) -> None:
        for name, _document in self.document_fields:
            upload = cleaned.get(name)
            if not upload:
                continue
            head = upload.read(16)
            upload.seek(0)
            message, content_type = rules.check_upload(
                name=upload.name, size=upload.size, head=head, max_bytes=settings.WSPARCIE_MAX_DOCUMENT_BYTES
            )
            if message:
                self.add_error(name, message)
            else:
                upload.checked_content_type = content_type

    # -- what the person said -------------------------------------------------------------------

    def answers(self) -> dict:
        """The answers as JSON-safe data (stored with the application; the digest compares them)."""
        data = self.cleaned_data
        answers: dict = {"pesel": data.get("pesel"), "street": data.get("street", ""), "city": data.get("city", "")}
        for name in [
            "municipality",
            "certificate",
            "certificate_valid_until",
            "income_per_person",
            "household_size",
            "cared_relation",
            "cared_birth_date",
            "cared_certificate",
            "cared_certificate_valid_until",
        ]:
            if name in self.fields:
                value = data.get(name)
                if isinstance(value, (dt.date, Decimal)):
                    value = str(value)
                answers[name] = value
        return answers

    def facts_snapshot(self, *, area_codes_for):
        """The :class:`wsparcie.enrolment.rules.PersonFacts` the answers describe.

        ``area_codes_for(street, teryt)`` returns the named areas an address lies in (the
        organisation's area rules), or None when they cannot be known."""
        from wsparcie.enrolment import rules as enrolment_rules

        data = self.cleaned_data
        teryt = data.get("municipality") or None
        areas = None
        if "areas" in self.facts and teryt and data.get("street"):
            areas = area_codes_for(data["street"], "" if teryt == OTHER_MUNICIPALITY else teryt)
        cares_for = None
        if "cares_for" in self.facts or any(f.startswith("cares_for.") for f in self.facts):
            cared = enrolment_rules.PersonFacts(
                birth_date=data.get("cared_birth_date"),
                certificates=certificate_facts(data.get("cared_certificate"), data.get("cared_certificate_valid_until"))
                if "cared_certificate" in self.fields
                else None,
            )
            cares_for = (
                enrolment_rules.CaredFor(
                    facts=cared,
                    relation=data.get("cared_relation") or "",
                    is_caregiver=True,
                    label=str(_("osoba pod opieką")),
                ),
            )
        income = None
        if data.get("income_per_person") is not None:
            income = enrolment_rules.IncomeFacts(
                income_per_person=data["income_per_person"], household_size=data.get("household_size") or 1
            )
        return enrolment_rules.PersonFacts(
            birth_date=getattr(self, "birth_date", None),
            teryt=teryt,
            areas=tuple(areas) if areas is not None else None,
            certificates=certificate_facts(data.get("certificate"), data.get("certificate_valid_until"))
            if "certificate" in self.fields
            else None,
            income=income,
            cares_for=cares_for,
        )


def certificate_facts(choice: str | None, valid_until: dt.date | None):
    """A certificate answer -> a tuple of ``CertificateFacts`` (empty: none; None: not said)."""
    from wsparcie.enrolment import rules as enrolment_rules

    if not choice or choice == "unknown":
        return None
    if choice == "none":
        return ()
    kind, degree, indications = {
        "significant": ("adult", "significant", False),
        "moderate": ("adult", "moderate", False),
        "mild": ("adult", "mild", False),
        "equivalent_significant": ("equivalent", "significant", False),
        "equivalent_moderate": ("equivalent", "moderate", False),
        "child_indications": ("child", "", True),
        "child": ("child", "", False),
    }[choice]
    return (
        enrolment_rules.CertificateFacts(kind=kind, degree=degree, indications=indications, valid_until=valid_until),
    )


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Numer zgłoszenia"),
        max_length=20,
        help_text=_("Np. WSP-7K3Q-9XD2 – podany po wysłaniu zgłoszenia."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Data urodzenia osoby, której dotyczy zgłoszenie"),
        widget=DateInput,
        help_text=_("Dla bezpieczeństwa: status pokażemy tylko, gdy numer i data urodzenia się zgadzają."),
    )

    def clean_reference(self):
        value = rules.normalise_reference(self.cleaned_data["reference"])
        if not value:
            raise ValidationError(_("Numer zgłoszenia ma postać WSP-XXXX-XXXX (8 liter i cyfr po „WSP”)."))
        return value
