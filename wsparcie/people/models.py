"""The registry of people: persons, households, relations, disability certificates, incomes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel, TimeStampedModel
from wsparcie.people.choices import (
    CertificateKind,
    Degree,
    DuplicateReason,
    DuplicateStatus,
    EquivalentType,
    ImportMode,
    ImportStatus,
    RelationKind,
    Sex,
)


class Household(TenantModel):
    """People living and keeping house together."""

    name = models.CharField(_("nazwa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("gospodarstwo domowe")
        verbose_name_plural = _("gospodarstwa domowe")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or gettext("Gospodarstwo #%(id)s") % {"id": self.pk}


class Person(TenantModel):
    """Anyone in an organisation's registry. The same PESEL is one person within an organisation."""

    # NULL (not ""), so that the unique constraint per organisation ignores people without a PESEL.
    pesel = models.CharField(_("PESEL"), max_length=11, null=True, blank=True)  # noqa: DJ001
    other_id_type = models.CharField(_("inny dokument tożsamości"), max_length=50, blank=True)
    other_id_number = models.CharField(_("numer dokumentu"), max_length=50, blank=True)
    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=150)
    birth_date = models.DateField(_("data urodzenia"), null=True, blank=True)
    sex = models.CharField(_("płeć"), max_length=6, choices=Sex.choices, blank=True)
    citizenship = models.CharField(
        _("obywatelstwo"), max_length=2, default="PL", help_text=_("Kod kraju ISO, np. PL, UA.")
    )
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=100, blank=True)
    teryt = models.CharField(_("kod TERYT gminy"), max_length=7, blank=True)
    areas = ArrayField(models.CharField(max_length=64), default=list, blank=True, verbose_name=_("obszary"))
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("gospodarstwo domowe"),
    )
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "pesel"],
                condition=Q(pesel__isnull=False),
                name="person_unique_pesel_per_org",
                violation_error_message=_("Osoba o tym numerze PESEL jest już w rejestrze."),
            ),
            models.CheckConstraint(
                condition=Q(pesel__isnull=False) | ~Q(other_id_number=""),
                name="person_has_identity",
                violation_error_message=_("Podaj PESEL albo inny dokument tożsamości."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"], name="person_org_name"),
            models.Index(fields=["organisation", "birth_date"], name="person_org_birth"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relation(TenantModel):
    """``person`` is ``kind`` of ``relative`` (e.g. parent of, legal guardian of, caregiver of)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("osoba"))
    relative = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("wobec osoby")
    )
    kind = models.CharField(_("relacja"), max_length=20, choices=RelationKind.choices)
    is_caregiver = models.BooleanField(_("sprawuje opiekę"), default=False)

    class Meta:
        verbose_name = _("relacja")
        verbose_name_plural = _("relacje")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "kind"], name="relation_unique"),
            models.CheckConstraint(condition=~Q(person=F("relative")), name="relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} – {self.relative}"


class DisabilityCertificate(TenantModel):
    """A disability certificate as data. ``degree`` is, for an equivalent certificate, the degree it counts as."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("osoba"))
    kind = models.CharField(_("rodzaj"), max_length=12, choices=CertificateKind.choices)
    degree = models.CharField(_("stopień"), max_length=12, choices=Degree.choices, blank=True)
    equivalent_type = models.CharField(
        _("rodzaj orzeczenia równoważnego"), max_length=32, choices=EquivalentType.choices, blank=True
    )
    symbols = ArrayField(
        models.CharField(max_length=4), default=list, blank=True, size=3, verbose_name=_("symbole przyczyny")
    )
    indications = models.BooleanField(_("wskazania pkt 7 i 8"), default=False)
    issued_on = models.DateField(_("data wydania"))
    valid_until = models.DateField(_("ważne do"), null=True, blank=True, help_text=_("Puste: na stałe."))
    issuer = models.CharField(_("wydał"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("orzeczenie o niepełnosprawności")
        verbose_name_plural = _("orzeczenia o niepełnosprawności")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="certificate_validity_order",
                violation_error_message=_("Data ważności nie może być wcześniejsza niż data wydania."),
            ),
            models.CheckConstraint(
                condition=Q(kind="child") | ~Q(degree=""),
                name="certificate_degree_required",
                violation_error_message=_("Podaj stopień niepełnosprawności."),
            ),
        ]
        indexes = [models.Index(fields=["person", "issued_on"], name="certificate_person_issued")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_degree_display() if self.degree else ''}".strip()


class IncomeRecord(TenantModel):
    """A household's (or a person's) income per person, as established on a date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("osoba"))
    established_on = models.DateField(_("data ustalenia"))
    household_size = models.PositiveSmallIntegerField(_("liczba osób w gospodarstwie"), default=1)
    income_per_person = models.DecimalField(_("dochód na osobę (zł)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("dochód")
        verbose_name_plural = _("dochody")
        ordering = ["-established_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(income_per_person__gte=0), name="income_nonnegative"),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="income_household_size"),
        ]

    def __str__(self) -> str:
        return f"{self.income_per_person} zł ({self.established_on})"


class IncomeCriterion(TimeStampedModel):
    """The statutory income criterion (art. 8 u.p.s.), dated reference data shared by all organisations."""

    valid_from = models.DateField(_("obowiązuje od"), unique=True)
    single_person = models.DecimalField(_("dla osoby samotnie gospodarującej"), max_digits=10, decimal_places=2)
    per_person_in_family = models.DecimalField(_("na osobę w rodzinie"), max_digits=10, decimal_places=2)
    legal_basis = models.CharField(_("podstawa prawna"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kryterium dochodowe")
        verbose_name_plural = _("kryteria dochodowe")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return gettext("od %(date)s: %(single)s / %(family)s zł") % {
            "date": self.valid_from,
            "single": self.single_person,
            "family": self.per_person_in_family,
        }


class NamedArea(TenantModel):
    """An area an organisation serves or targets (e.g. Słupsk's "obszar rewitalizowany").

    The rule is data: a person is in the area when their municipality is one of ``teryt_codes``
    (if any are given) and their street is one of ``streets`` (if any are given). ``Person.areas``
    holds the codes of the areas a person's address falls in; services recompute it.
    """

    code = models.SlugField(_("kod"), max_length=64)
    name = models.CharField(_("nazwa"), max_length=200)
    description = models.TextField(_("opis"), blank=True)
    teryt_codes = ArrayField(
        models.CharField(max_length=7), default=list, blank=True, verbose_name=_("gminy (kody TERYT)")
    )
    streets = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=_("ulice"),
        help_text=_("Nazwy ulic bez numerów, np. „Wojska Polskiego”."),
    )

    class Meta:
        verbose_name = _("obszar")
        verbose_name_plural = _("obszary")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="named_area_unique_code",
                violation_error_message=_("Obszar o tym kodzie już istnieje w tej organizacji."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DuplicateCandidate(TenantModel):
    """Two records that may be the same person (similar names, same birth date), for a person to
    review. Never merged automatically: see ``services.person_merge``."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba A"))
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba B"))
    reason = models.CharField(
        _("powód"), max_length=20, choices=DuplicateReason.choices, default=DuplicateReason.NAME_AND_BIRTH_DATE
    )
    similarity = models.FloatField(_("podobieństwo nazw"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sprawdził"),
    )
    reviewed_at = models.DateTimeField(_("sprawdzono"), null=True, blank=True)
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("możliwy duplikat")
        verbose_name_plural = _("możliwe duplikaty")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_unique_pair"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="duplicate_pair_ordered"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="duplicate_org_status")]

    def __str__(self) -> str:
        return f"{self.person_a} ↔ {self.person_b}"


class ImportJob(TenantModel):
    """One uploaded file imported (or only checked) row by row.

    ``kind`` names a registered importer (``people.imports.register_importer``): ``persons`` here,
    ``applications`` from the enrolment app. The uploaded bytes are kept only until the import is
    decided and finished (``content`` is then emptied: the file holds personal data).
    """

    kind = models.CharField(_("rodzaj"), max_length=32)
    mode = models.CharField(_("tryb"), max_length=20, choices=ImportMode.choices)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    file_name = models.CharField(_("plik"), max_length=255, blank=True)
    content = models.BinaryField(_("zawartość pliku"), null=True, blank=True, editable=False)
    rows = models.PositiveIntegerField(_("wiersze"), default=0)
    processed = models.PositiveIntegerField(_("sprawdzone wiersze"), default=0)
    valid_rows = models.PositiveIntegerField(_("poprawne wiersze"), default=0)
    imported = models.PositiveIntegerField(_("zaimportowano"), default=0)
    error_count = models.PositiveIntegerField(_("liczba błędów"), default=0)
    errors = models.JSONField(_("błędy"), default=list, blank=True)
    message = models.TextField(_("komunikat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zlecił"),
    )
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importy")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="import_org_time")]

    def __str__(self) -> str:
        return gettext("Import %(kind)s nr %(id)s (%(status)s)") % {
            "kind": self.kind,
            "id": self.pk,
            "status": self.get_status_display(),
        }
