"""The register of available social services, modelled on Open Referral HSDS 3.0.

One organisation of the installation (the tenant, ``organisation``) keeps each row. A
:class:`Service` is provided by a :class:`DirectoryOrganisation` (the centre itself, pointing at
its ``core.Organisation``, or an NGO partner that is only a name), is offered at
:class:`Location` s (:class:`ServiceAtLocation`), has opening hours (:class:`Schedule`), covers
municipalities or named areas (:class:`ServiceArea`), asks for documents
(:class:`RequiredDocument`) and can be reached through :class:`Contact` s and :class:`Phone` s.
Free places are never stored: they are derived from the linked programme's recruitment
(``selectors.services_with_places``).

Applications made online (:class:`OnlineApplication`, with their :class:`SubmittedDocument` s)
are the public side of an ``enrolment.Application`` with source ``online``.

Ids are UUIDs, as HSDS requires, and never reveal how many rows exist.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.core.teryt import validate_terc
from wsparcie.directory.choices import AccessibilityFeature, Audience, Need, PhoneType, ServiceStatus, Weekday


def validate_teryt(value: str) -> None:
    if value:
        message = validate_terc(value)
        if message:
            raise ValidationError(message)


def private_root() -> Path:
    """Where applicants' documents live: ``WSPARCIE_PRIVATE_MEDIA_ROOT``, else next to MEDIA_ROOT
    (``<MEDIA_ROOT>-private``), never inside it (MEDIA_URL may be served to anyone)."""
    configured = getattr(settings, "WSPARCIE_PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    root = Path(settings.MEDIA_ROOT)
    return root.with_name(root.name + "-private")


class PrivateDocumentStorage(FileSystemStorage):
    """A file system storage with no public URL, whose place follows the settings."""

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> FileSystemStorage:
    return PrivateDocumentStorage()


class DirectoryOrganisation(TenantModel):
    """Who provides a service (HSDS ``organization``): a centre of the installation
    (``core_organisation``) or a partner known only by name, such as an NGO."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    core_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizacja w systemie"),
        help_text=_("Wybierz, jeśli usługę świadczy ośrodek korzystający z systemu; puste dla partnera spoza systemu."),
    )
    name = models.CharField(_("nazwa"), max_length=300)
    alternate_name = models.CharField(_("nazwa skrócona"), max_length=150, blank=True)
    description = models.TextField(_("opis"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)

    class Meta:
        verbose_name = _("organizacja świadcząca usługi")
        verbose_name_plural = _("organizacje świadczące usługi")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="directory_org_unique_name",
                violation_error_message=_("Organizacja o tej nazwie jest już w rejestrze."),
            )
        ]

    def __str__(self) -> str:
        return self.alternate_name or self.name


class Location(TenantModel):
    """A place where services are offered (HSDS ``location`` with one physical ``address``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(
        DirectoryOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organizacja"),
    )
    name = models.CharField(_("nazwa miejsca"), max_length=300)
    description = models.TextField(_("opis"), blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    room = models.CharField(_("pokój / piętro"), max_length=100, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=100)
    teryt = models.CharField(_("kod TERYT gminy"), max_length=7, blank=True, validators=[validate_teryt])
    latitude = models.DecimalField(_("szerokość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("długość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = ArrayField(
        models.CharField(max_length=32, choices=AccessibilityFeature.choices),
        default=list,
        blank=True,
        verbose_name=_("udogodnienia dostępności"),
    )
    accessibility_description = models.TextField(
        _("dostępność miejsca (opis)"), blank=True, help_text=_("Np. wejście, piętro, winda, toaleta, dojazd.")
    )
    transportation = models.TextField(_("dojazd"), blank=True)

    class Meta:
        verbose_name = _("miejsce")
        verbose_name_plural = _("miejsca")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "street"],
                name="location_unique_name_street",
                violation_error_message=_("Miejsce o tej nazwie i adresie jest już w rejestrze."),
            ),
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^\d{2}-\d{3}$"),
                name="location_postal_code_format",
                violation_error_message=_("Kod pocztowy ma postać 00-000."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.address}" if self.address else self.name

    @property
    def accessibility_labels(self) -> list[str]:
        return [str(AccessibilityFeature(code).label) for code in self.accessibility]

    @property
    def address(self) -> str:
        street = ", ".join(part for part in [self.street, self.room] if part)
        return ", ".join(part for part in [street, f"{self.postal_code} {self.city}".strip()] if part)


class Service(TenantModel):
    """One service a resident can use (HSDS ``service``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("identyfikator"), max_length=120)
    provider = models.ForeignKey(
        DirectoryOrganisation, on_delete=models.PROTECT, related_name="services", verbose_name=_("świadczy")
    )
    partners = models.ManyToManyField(
        DirectoryOrganisation, blank=True, related_name="partner_services", verbose_name=_("w partnerstwie z")
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directory_services",
        verbose_name=_("program lub projekt"),
    )
    name = models.CharField(_("nazwa usługi"), max_length=300)
    alternate_name = models.CharField(_("inna nazwa"), max_length=300, blank=True)
    description = models.TextField(_("opis"))
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    needs = ArrayField(
        models.CharField(max_length=32, choices=Need.choices), default=list, blank=True, verbose_name=_("potrzeby")
    )
    audiences = ArrayField(
        models.CharField(max_length=32, choices=Audience.choices), default=list, blank=True, verbose_name=_("dla kogo")
    )

    # Who it is for (structured; the description says the rest).
    age_min = models.PositiveSmallIntegerField(_("wiek od"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("wiek do"), null=True, blank=True)
    requires_disability_certificate = models.BooleanField(_("wymaga orzeczenia o niepełnosprawności"), default=False)
    for_caregivers = models.BooleanField(_("dla opiekunów osób niesamodzielnych"), default=False)
    for_families = models.BooleanField(_("dla rodzin"), default=False)
    income_criterion_percent = models.PositiveSmallIntegerField(
        _("kryterium dochodowe (% kryterium z ustawy o pomocy społecznej)"),
        null=True,
        blank=True,
        help_text=_("Np. 150 dla „150% kryterium dochodowego”; puste, gdy dochód nie ma znaczenia."),
    )
    eligibility_description = models.TextField(_("kto może skorzystać"), blank=True)

    application_process = models.TextField(_("jak skorzystać"), blank=True)
    is_free = models.BooleanField(_("bezpłatna"), default=True)
    fee_amount = models.DecimalField(_("opłata (zł)"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_description = models.TextField(
        _("zasady odpłatności"), blank=True, help_text=_("Np. odpłatność zależna od dochodu według uchwały rady gminy.")
    )

    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("strona internetowa"), blank=True)
    capacity = models.PositiveIntegerField(
        _("liczba miejsc"),
        null=True,
        blank=True,
        help_text=_("Puste: liczba miejsc z programu (planowana liczba uczestników)."),
    )
    last_checked = models.DateField(_("dane sprawdzono"), null=True, blank=True)

    class Meta:
        verbose_name = _("usługa")
        verbose_name_plural = _("usługi")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"],
                name="service_unique_slug",
                violation_error_message=_("Usługa o tym identyfikatorze jest już w rejestrze tej organizacji."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=F("age_max")),
                name="service_age_order",
                violation_error_message=_("„Wiek od” nie może być większy niż „wiek do”."),
            ),
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_max__lte=130),
                name="service_age_max_sane",
                violation_error_message=_("„Wiek do” nie może przekraczać 130 lat."),
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(fee_amount__isnull=True),
                name="service_free_has_no_fee",
                violation_error_message=_("Usługa bezpłatna nie może mieć kwoty opłaty."),
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="service_fee_nonnegative",
                violation_error_message=_("Opłata nie może być ujemna."),
            ),
            models.CheckConstraint(
                condition=Q(income_criterion_percent__isnull=True) | Q(income_criterion_percent__gt=0),
                name="service_income_percent_positive",
                violation_error_message=_("Kryterium dochodowe podaje się jako liczbę procent większą od zera."),
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="service_status"),
            models.Index(fields=["organisation", "status"], name="service_org_status"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audience_labels(self) -> list[str]:
        return [str(Audience(code).label) for code in self.audiences]

    @property
    def need_labels(self) -> list[str]:
        return [str(Need(code).label) for code in self.needs]

    def clean(self) -> None:
        errors = {}
        if not self.is_free and self.fee_amount is None and not self.fee_description.strip():
            errors["fee_description"] = _("Usługa płatna: podaj kwotę albo zasady odpłatności.")
        if self.provider_id and self.organisation_id and self.provider.organisation_id != self.organisation_id:
            errors["provider"] = _("Organizacja świadcząca musi być w rejestrze tej samej organizacji.")
        if self.programme_id and self.organisation_id and self.programme.organisation_id != self.organisation_id:
            errors["programme"] = _("Można wskazać tylko program prowadzony przez tę organizację.")
        if errors:
            raise ValidationError(errors)


class ServiceAtLocation(TenantModel):
    """A service offered at a location (HSDS ``service_at_location``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="at_locations", verbose_name=_("usługa")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="services_here", verbose_name=_("miejsce")
    )
    description = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("usługa w miejscu")
        verbose_name_plural = _("usługi w miejscach")
        ordering = ["location__city", "location__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"],
                name="service_at_location_unique",
                violation_error_message=_("Ta usługa jest już przypisana do tego miejsca."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Schedule(TenantModel):
    """Opening hours (HSDS ``schedule``): on ``byday`` from ``opens_at`` to ``closes_at``, or
    only a description ("całodobowo", "po uzgodnieniu terminu")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("usługa"))
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("miejsce")
    )
    byday = ArrayField(
        models.CharField(max_length=2, choices=Weekday.choices),
        default=list,
        blank=True,
        verbose_name=_("dni tygodnia"),
    )
    opens_at = models.TimeField(_("od godziny"), null=True, blank=True)
    closes_at = models.TimeField(_("do godziny"), null=True, blank=True)
    valid_from = models.DateField(_("obowiązuje od"), null=True, blank=True)
    valid_to = models.DateField(_("obowiązuje do"), null=True, blank=True)
    description = models.CharField(_("opis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("godziny")
        verbose_name_plural = _("godziny")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=F("opens_at")),
                name="schedule_hours_order",
                violation_error_message=_("Godzina zamknięcia musi być późniejsza niż godzina otwarcia."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="schedule_validity_order",
                violation_error_message=_("Koniec obowiązywania nie może być przed początkiem."),
            ),
        ]

    def __str__(self) -> str:
        return self.display

    def clean(self) -> None:
        has_hours = self.opens_at is not None or self.closes_at is not None
        if has_hours and (self.opens_at is None or self.closes_at is None or not self.byday):
            raise ValidationError(_("Podaj dni tygodnia oraz godzinę otwarcia i zamknięcia (albo tylko opis)."))
        if not has_hours and not self.description.strip():
            raise ValidationError({"description": _("Podaj godziny albo opis, np. „po uzgodnieniu terminu”.")})

    @property
    def display(self) -> str:
        days = ", ".join(str(Weekday(day).label) for day in self.byday)
        hours = f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}" if self.opens_at and self.closes_at else ""
        return " ".join(part for part in [days, hours, self.description] if part)


class ServiceArea(TenantModel):
    """Where a service is available (HSDS ``service_area``): a municipality by TERYT, optionally
    narrowed to a named area such as Słupsk's ``obszar rewitalizowany``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas", verbose_name=_("usługa"))
    municipality = models.CharField(_("gmina"), max_length=100)
    teryt = models.CharField(_("kod TERYT gminy"), max_length=7, validators=[validate_teryt])
    name = models.CharField(
        _("obszar"), max_length=200, blank=True, help_text=_("Puste: cała gmina. Np. „obszar rewitalizowany”.")
    )
    description = models.TextField(_("opis obszaru"), blank=True)

    class Meta:
        verbose_name = _("obszar działania")
        verbose_name_plural = _("obszary działania")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "teryt", "name"],
                name="service_area_unique",
                violation_error_message=_("Ten obszar jest już przypisany do usługi."),
            )
        ]
        indexes = [models.Index(fields=["teryt"], name="service_area_teryt")]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.name}" if self.name else self.municipality


class RequiredDocument(TenantModel):
    """A document needed to apply (HSDS ``required_document``); ``upload_online`` documents are
    asked for in the online application form."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="documents", verbose_name=_("usługa"))
    document = models.CharField(_("dokument"), max_length=300)
    uri = models.URLField(_("wzór do pobrania"), blank=True)
    upload_online = models.BooleanField(_("załączany w formularzu online"), default=False)
    required = models.BooleanField(_("obowiązkowy"), default=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("wymagany dokument")
        verbose_name_plural = _("wymagane dokumenty")
        ordering = ["order", "document"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "document"],
                name="required_document_unique",
                violation_error_message=_("Ten dokument jest już na liście."),
            )
        ]

    def __str__(self) -> str:
        return self.document


class Contact(TenantModel):
    """A person or desk to ask (HSDS ``contact``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("usługa"))
    name = models.CharField(_("kto"), max_length=200, help_text=_("Np. „Biuro Projektu” albo imię i nazwisko."))
    title = models.CharField(_("stanowisko"), max_length=200, blank=True)
    department = models.CharField(_("komórka"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakty")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Phone(TenantModel):
    """A phone number (HSDS ``phone``) of exactly one service, contact, location or provider."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    provider = models.ForeignKey(
        DirectoryOrganisation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("numer"), max_length=50)
    type = models.CharField(_("rodzaj"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE)
    description = models.CharField(_("opis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("telefon")
        verbose_name_plural = _("telefony")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, contact__isnull=True, location__isnull=True, provider__isnull=True)
                    | Q(service__isnull=True, contact__isnull=False, location__isnull=True, provider__isnull=True)
                    | Q(service__isnull=True, contact__isnull=True, location__isnull=False, provider__isnull=True)
                    | Q(service__isnull=True, contact__isnull=True, location__isnull=True, provider__isnull=False)
                ),
                name="phone_has_one_owner",
                violation_error_message=_(
                    "Telefon należy do dokładnie jednej usługi, kontaktu, miejsca lub organizacji."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.description})" if self.description else self.number


class OnlineApplication(TenantModel):
    """The online side of an ``enrolment.Application`` (source ``online``): the reference the
    applicant keeps, the second factor for the status page, what they answered and agreed to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.OneToOneField(
        "enrolment.Application", on_delete=models.PROTECT, related_name="online", verbose_name=_("zgłoszenie")
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+", verbose_name=_("program")
    )
    reference = models.CharField(_("numer zgłoszenia"), max_length=20, unique=True)
    form_token = models.UUIDField(_("znacznik formularza"), unique=True)
    birth_date = models.DateField(_("data urodzenia (do sprawdzania statusu)"))
    answers = models.JSONField(_("odpowiedzi z formularza"), default=dict, blank=True)
    eligibility_preview = models.JSONField(_("wstępna ocena pokazana wnioskodawcy"), default=dict, blank=True)
    declaration_accepted_at = models.DateTimeField(_("deklaracja uczestnictwa złożona"))
    information_clause_version = models.CharField(_("wersja klauzuli informacyjnej"), max_length=40)
    contact_consent = models.BooleanField(_("zgoda na kontakt telefoniczny / e-mail"), default=False)
    submitted_at = models.DateTimeField(_("złożono"), auto_now_add=True)

    class Meta:
        verbose_name = _("zgłoszenie internetowe")
        verbose_name_plural = _("zgłoszenia internetowe")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference


class SubmittedDocument(TenantModel):
    """A file attached to an online application; stored outside the public media directory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    online_application = models.ForeignKey(
        OnlineApplication, on_delete=models.CASCADE, related_name="documents", verbose_name=_("zgłoszenie")
    )
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("dokument")
    )
    title = models.CharField(_("dokument"), max_length=300)
    file = models.FileField(_("plik"), upload_to="applications/%Y/%m/", storage=private_storage, max_length=255)
    original_name = models.CharField(_("nazwa pliku"), max_length=255)
    content_type = models.CharField(_("typ"), max_length=50)
    size = models.PositiveIntegerField(_("rozmiar (bajty)"))
    sha256 = models.CharField(_("skrót SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("załączony dokument")
        verbose_name_plural = _("załączone dokumenty")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title}: {self.original_name}"
