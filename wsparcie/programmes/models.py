"""The register of programmes and projects: one row per edition, with its money and dates.

The same programme across years is one :class:`ProgrammeSeries` with an edition per year
(Asystent osobisty 2020, 2021, 2022, 2023). The co-financing rate is a generated column,
never typed: the EU share of the total where one is given, otherwise the grant's share.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel, TimeStampedModel
from wsparcie.programmes.choices import (
    DocumentKind,
    LimitAppliesTo,
    LimitPeriod,
    LimitUnit,
    MilestoneStatus,
    PartnerRole,
    PeriodPrecision,
    ProgrammeKind,
    ProgrammeStatus,
    TargetKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class FundingSource(TimeStampedModel):
    """Who pays: Fundusz Solidarnościowy, state budget, ESF, voivodeship budget, PFRON... (shared reference data)."""

    code = models.SlugField(_("kod"), max_length=64, unique=True)
    name = models.CharField(_("nazwa"), max_length=255)
    is_eu = models.BooleanField(_("środki UE"), default=False)

    class Meta:
        verbose_name = _("źródło finansowania")
        verbose_name_plural = _("źródła finansowania")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeSeries(TenantModel):
    """A programme as it runs across editions (years)."""

    name = models.CharField(_("nazwa"), max_length=300)
    slug = models.SlugField(_("identyfikator"), max_length=120)

    class Meta:
        verbose_name = _("seria programu")
        verbose_name_plural = _("serie programów")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="series_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Programme(TenantModel):
    """One programme edition or one project, run by ``organisation``."""

    series = models.ForeignKey(
        ProgrammeSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
        verbose_name=_("seria"),
    )
    name = models.CharField(_("nazwa"), max_length=400)
    short_name = models.CharField(
        _("nazwa skrócona"),
        max_length=200,
        blank=True,
        help_text=_("Np. nagłówek, pod którym strona pokazuje projekt."),
    )
    slug = models.SlugField(_("identyfikator w adresie"), max_length=140)
    kind = models.CharField(_("rodzaj"), max_length=32, choices=ProgrammeKind.choices)
    edition = models.CharField(_("edycja"), max_length=20, blank=True, help_text=_("Zwykle rok, np. 2023."))
    legal_basis = models.TextField(_("podstawa i źródło finansowania (opis)"), blank=True)

    total_value = models.DecimalField(_("całkowita wartość"), **MONEY)
    grant_amount = models.DecimalField(_("dofinansowanie"), **MONEY)
    eu_contribution = models.DecimalField(_("wkład UE"), **MONEY)
    own_contribution = models.DecimalField(_("wkład własny"), **MONEY)
    co_financing_rate = models.GeneratedField(
        expression=Case(
            When(
                Q(eu_contribution__isnull=False, total_value__gt=0),
                then=Round(F("eu_contribution") * Value(Decimal("100")) / F("total_value"), 2),
            ),
            When(
                Q(grant_amount__isnull=False, total_value__gt=0),
                then=Round(F("grant_amount") * Value(Decimal("100")) / F("total_value"), 2),
            ),
            default=None,
            output_field=models.DecimalField(max_digits=5, decimal_places=2),
        ),
        output_field=models.DecimalField(max_digits=5, decimal_places=2),
        db_persist=True,
        verbose_name=_("poziom dofinansowania (%)"),
    )

    operational_programme = models.CharField(_("program operacyjny"), max_length=300, blank=True)
    priority_axis = models.CharField(_("oś priorytetowa"), max_length=300, blank=True)
    measure = models.CharField(_("działanie"), max_length=300, blank=True)
    sub_measure = models.CharField(_("poddziałanie"), max_length=300, blank=True)
    agreement_number = models.CharField(_("numer umowy"), max_length=100, blank=True)
    agreement_date = models.DateField(_("data podpisania umowy"), null=True, blank=True)

    period_start = models.DateField(_("początek realizacji"), null=True, blank=True)
    period_end = models.DateField(_("koniec realizacji"), null=True, blank=True)
    period_precision = models.CharField(
        _("dokładność okresu"), max_length=12, choices=PeriodPrecision.choices, default=PeriodPrecision.DAY
    )
    period_label = models.CharField(
        _("okres (jak na stronie)"),
        max_length=100,
        blank=True,
        help_text=_("Np. „III–XII 2023” albo „perspektywa 2014–2020”."),
    )

    goal = models.TextField(_("cel"), blank=True)
    target_group = models.TextField(_("grupa docelowa"), blank=True)
    planned_participants = models.PositiveIntegerField(_("planowana liczba uczestników"), null=True, blank=True)
    description = models.TextField(_("opis"), blank=True)
    results = models.TextField(_("rezultaty / efekty"), blank=True)
    contact = models.TextField(_("kontakt"), blank=True)
    status = models.CharField(
        _("stan"),
        max_length=12,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.CURRENT,
        help_text=_("Gdy koniec realizacji minął, program jest zakończony niezależnie od tego pola."),
    )
    is_public = models.BooleanField(_("publikowany"), default=True)
    recruitment_open = models.BooleanField(_("trwa rekrutacja"), default=False)

    class Meta:
        verbose_name = _("program lub projekt")
        verbose_name_plural = _("programy i projekty")
        ordering = [F("period_start").desc(nulls_last=True), "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="programme_unique_slug"),
            models.CheckConstraint(
                condition=Q(total_value__gte=0) | Q(total_value__isnull=True),
                name="programme_total_nonnegative",
                violation_error_message=_("Kwoty nie mogą być ujemne."),
            ),
            models.CheckConstraint(
                condition=Q(grant_amount__gte=0) | Q(grant_amount__isnull=True),
                name="programme_grant_nonnegative",
                violation_error_message=_("Kwoty nie mogą być ujemne."),
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__gte=0) | Q(eu_contribution__isnull=True),
                name="programme_eu_nonnegative",
                violation_error_message=_("Kwoty nie mogą być ujemne."),
            ),
            models.CheckConstraint(
                condition=Q(own_contribution__gte=0) | Q(own_contribution__isnull=True),
                name="programme_own_nonnegative",
                violation_error_message=_("Kwoty nie mogą być ujemne."),
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__isnull=True)
                | Q(grant_amount__isnull=True)
                | Q(eu_contribution__lte=F("grant_amount")),
                name="programme_eu_within_grant",
                violation_error_message=_("Wkład UE nie może przekraczać dofinansowania."),
            ),
            models.CheckConstraint(
                condition=Q(total_value__isnull=True)
                | Q(grant_amount__isnull=True)
                | Q(own_contribution__isnull=True)
                | Q(total_value=F("grant_amount") + F("own_contribution")),
                name="programme_money_adds_up",
                violation_error_message=_("Dofinansowanie i wkład własny muszą sumować się do całkowitej wartości."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="programme_period_order",
                violation_error_message=_("Koniec realizacji nie może być przed początkiem."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind"], name="programme_org_kind")]

    def __str__(self) -> str:
        return f"{self.name} {self.edition}".strip() if self.edition and self.edition not in self.name else self.name

    @property
    def display_name(self) -> str:
        return self.short_name or str(self)

    def is_completed_on(self, day: date) -> bool:
        """Completed when the organisation says so or when the implementation period has ended."""
        if self.status == ProgrammeStatus.COMPLETED:
            return True
        return self.period_end is not None and self.period_end < day

    @property
    def is_completed(self) -> bool:
        return self.is_completed_on(timezone.localdate())


class ProgrammeFunding(TimeStampedModel):
    """One funding source of a programme, with the amount where the page gives it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("program")
    )
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="+", verbose_name=_("źródło"))
    amount = models.DecimalField(_("kwota"), **MONEY)

    class Meta:
        verbose_name = _("finansowanie")
        verbose_name_plural = _("finansowanie")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "source"], name="funding_unique_source"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) | Q(amount__isnull=True),
                name="funding_nonnegative",
                violation_error_message=_("Kwoty nie mogą być ujemne."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class ProjectPartner(TimeStampedModel):
    """Leader, partner or grantee of a project: an organisation in the installation or a name."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partners", verbose_name=_("program")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizacja"),
    )
    name = models.CharField(_("nazwa"), max_length=300)
    role = models.CharField(_("rola"), max_length=20, choices=PartnerRole.choices)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("partner projektu")
        verbose_name_plural = _("partnerzy projektu")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class ProgrammeTarget(TimeStampedModel):
    """A planned number the page gives: a breakdown of participants (5 children, 5 adults...)
    or an expected result (110 people making progress)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("program")
    )
    kind = models.CharField(_("rodzaj"), max_length=20, choices=TargetKind.choices, default=TargetKind.PARTICIPANTS)
    label = models.CharField(_("kto lub co"), max_length=400)
    count = models.PositiveIntegerField(_("liczba"))
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("planowana liczba")
        verbose_name_plural = _("planowane liczby")
        ordering = ["kind", "order", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.count}"


class ProgrammeActivity(TimeStampedModel):
    """One main activity or service of the programme, in the page's order."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="activities", verbose_name=_("program")
    )
    group = models.CharField(_("grupa działań"), max_length=400, blank=True)
    text = models.TextField(_("działanie"))
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ProgrammeLimit(TimeStampedModel):
    """A limit the programme states, e.g. 240 hours per participant for the whole programme
    or 30 hours per month. Other apps enforce it when recording sessions."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="limits", verbose_name=_("program"))
    label = models.CharField(_("czego dotyczy"), max_length=300)
    quantity = models.DecimalField(_("wielkość"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("jednostka"), max_length=10, choices=LimitUnit.choices, default=LimitUnit.HOUR)
    period = models.CharField(_("w okresie"), max_length=12, choices=LimitPeriod.choices, default=LimitPeriod.PROGRAMME)
    applies_to = models.CharField(
        _("na kogo"), max_length=12, choices=LimitAppliesTo.choices, default=LimitAppliesTo.PARTICIPANT
    )
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("limit")
        verbose_name_plural = _("limity")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="limit_positive",
                violation_error_message=_("Limit musi być większy od zera."),
            )
        ]

    def __str__(self) -> str:
        quantity = f"{self.quantity.normalize():f}" if isinstance(self.quantity, Decimal) else self.quantity
        return f"{self.label}: {quantity} {self.get_unit_display()} {self.get_applies_to_display()} {self.get_period_display()}"


class Milestone(TimeStampedModel):
    """A milestone of a project (Liderzy kooperacji has four), with its dates and targets."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("program")
    )
    name = models.CharField(_("nazwa"), max_length=300)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    start = models.DateField(_("początek"), null=True, blank=True)
    end = models.DateField(_("koniec"), null=True, blank=True)
    description = models.TextField(_("opis działań"), blank=True)
    status = models.CharField(
        _("stan"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )

    class Meta:
        verbose_name = _("kamień milowy")
        verbose_name_plural = _("kamienie milowe")
        ordering = ["order", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="milestone_period_order",
                violation_error_message=_("Koniec kamienia milowego nie może być przed jego początkiem."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class MilestoneTarget(TimeStampedModel):
    """What a milestone must deliver, with its count (e.g. 14 workers advised)."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kamień milowy")
    )
    label = models.CharField(_("wskaźnik"), max_length=400)
    value = models.PositiveIntegerField(_("wartość"))
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("wskaźnik kamienia milowego")
        verbose_name_plural = _("wskaźniki kamieni milowych")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class DurabilityObligation(TimeStampedModel):
    """What must last after a project ends (Pomorskie Dzieciom: 15 places for at least 10 months)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="durability", verbose_name=_("program")
    )
    subject = models.CharField(_("co musi trwać"), max_length=400)
    places = models.PositiveIntegerField(_("liczba miejsc"), null=True, blank=True)
    min_months = models.PositiveSmallIntegerField(_("minimalna liczba miesięcy"), null=True, blank=True)
    until = models.DateField(_("do dnia"), null=True, blank=True)
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        verbose_name = _("obowiązek trwałości")
        verbose_name_plural = _("obowiązki trwałości")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.subject


class ProgrammeLink(TimeStampedModel):
    """A link for details, e.g. the ministry's call for applications on gov.pl."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="links", verbose_name=_("program"))
    label = models.CharField(_("opis"), max_length=300)
    url = models.URLField(_("adres"), max_length=500)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("odnośnik")
        verbose_name_plural = _("odnośniki")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label


def document_upload_to(instance: ProgrammeDocument, filename: str) -> str:
    """Stored under a random name: the original name is kept in ``original_filename`` only."""
    import uuid
    from pathlib import PurePath

    extension = PurePath(filename).suffix.lower()
    return f"programmes/{instance.programme.organisation_id}/{instance.programme_id}/{uuid.uuid4().hex}{extension}"


class ProgrammeDocument(TimeStampedModel):
    """An attached document: regulations, application form, declaration... A record may have no
    file when the page only names the document."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="documents", verbose_name=_("program")
    )
    title = models.CharField(_("tytuł"), max_length=300)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    file = models.FileField(_("plik"), upload_to=document_upload_to, max_length=300, blank=True)
    original_filename = models.CharField(_("nazwa pliku"), max_length=255, blank=True)
    content_type = models.CharField(_("typ pliku"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("rozmiar (bajty)"), null=True, blank=True)
    declared_size_kb = models.PositiveIntegerField(_("rozmiar podany na stronie (KB)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        from pathlib import PurePath

        name = self.original_filename or (self.file.name if self.file else "")
        return PurePath(name).suffix.lstrip(".").upper()
