"""Indicators of programmes and projects, their values over time, and the EU monitoring data of
participants.

An :class:`Indicator` is either *measured* (``definition`` names one of the aggregates in
:mod:`wsparcie.indicators.definitions`, narrowed by ``filters``) or *manual* (values typed in as
:class:`IndicatorValue` rows, each with evidence attached). :class:`IndicatorSnapshot` keeps what
a measured indicator showed on a day (``manage.py indicators_snapshot``), so progress can be
charted over time. Targets per milestone (:class:`MilestoneTarget`) point at the programmes app's
``Milestone``.

:class:`ParticipantEUData` holds, for one participation (``enrolment.Application``), the SL2014 /
CST2021 fields the registry does not: education, labour-market status, DEGURBA, foreign origin,
minority, homelessness... Each sensitive answer may be "refused", distinct from "no".
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.indicators.choices import (
    Answer,
    Citizenship,
    Degurba,
    Education,
    IndicatorKind,
    IndicatorSource,
    LabourStatus,
    ManualAggregation,
    ParticipantKind,
    YesNo,
)

VALUE = {"max_digits": 14, "decimal_places": 2}


class Indicator(TenantModel):
    """A planned number of a programme: what is counted, its baseline and target."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="indicators", verbose_name=_("program")
    )
    name = models.CharField(_("nazwa wskaźnika"), max_length=400)
    code = models.CharField(
        _("kod"), max_length=20, blank=True, help_text=_("Np. EECO01, EECO12 (wspólne wskaźniki EFS+).")
    )
    kind = models.CharField(_("rodzaj"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OUTPUT)
    unit = models.CharField(_("jednostka miary"), max_length=50, default="osoby")
    baseline = models.DecimalField(_("wartość bazowa"), default=0, **VALUE)
    target = models.DecimalField(_("wartość docelowa"), **VALUE)
    source = models.CharField(_("sposób pomiaru"), max_length=10, choices=IndicatorSource.choices)
    definition = models.CharField(
        _("definicja"), max_length=64, blank=True, help_text=_("Dla wskaźników liczonych z danych: co liczymy.")
    )
    filters = models.JSONField(_("zawężenia"), default=dict, blank=True)
    manual_aggregation = models.CharField(
        _("wartości wpisywane"), max_length=10, choices=ManualAggregation.choices, default=ManualAggregation.LATEST
    )
    description = models.TextField(_("opis / metodologia"), blank=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")
        ordering = ["programme", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="indicator_unique_name",
                violation_error_message=_("Ten program ma już wskaźnik o tej nazwie."),
            ),
            models.CheckConstraint(
                condition=(Q(source=IndicatorSource.MEASURED) & ~Q(definition=""))
                | (Q(source=IndicatorSource.MANUAL) & Q(definition="")),
                name="indicator_definition_matches_source",
                violation_error_message=_("Wskaźnik liczony z danych wymaga definicji; wpisywany ręcznie – nie."),
            ),
            models.CheckConstraint(
                condition=Q(target__gte=0) & Q(baseline__gte=0),
                name="indicator_values_nonnegative",
                violation_error_message=_("Wartości bazowa i docelowa nie mogą być ujemne."),
            ),
        ]
        indexes = [models.Index(fields=["programme", "order"], name="indicator_programme_order")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip() if self.code else self.name


class MilestoneTarget(TenantModel):
    """The value an indicator must reach by a milestone of its programme."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="milestone_targets", verbose_name=_("wskaźnik")
    )
    milestone = models.ForeignKey(
        "programmes.Milestone",
        on_delete=models.PROTECT,
        related_name="indicator_targets",
        verbose_name=_("kamień milowy"),
    )
    target = models.DecimalField(_("wartość docelowa w kamieniu milowym"), **VALUE)

    class Meta:
        verbose_name = _("cel wskaźnika w kamieniu milowym")
        verbose_name_plural = _("cele wskaźników w kamieniach milowych")
        ordering = ["milestone__order", "milestone__start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "milestone"],
                name="milestone_target_unique",
                violation_error_message=_("Ten wskaźnik ma już cel w tym kamieniu milowym."),
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="milestone_target_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} – {self.milestone}: {self.target}"


def evidence_upload_to(instance: IndicatorValue, filename: str) -> str:
    """Stored under a random name; the name the user gave is kept in ``original_filename``."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"indicators/{instance.organisation_id}/{instance.indicator_id}/{uuid.uuid4().hex}{extension}"


class IndicatorValue(TenantModel):
    """A value of a manual indicator as of a date, with its evidence (file and/or description)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("wskaźnik")
    )
    measured_on = models.DateField(_("stan na dzień"))
    value = models.DecimalField(_("wartość"), **VALUE)
    evidence = models.FileField(_("dowód (plik)"), upload_to=evidence_upload_to, max_length=300, blank=True)
    original_filename = models.CharField(_("nazwa pliku"), max_length=255, blank=True)
    content_type = models.CharField(_("typ pliku"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("rozmiar (bajty)"), null=True, blank=True)
    evidence_note = models.CharField(
        _("opis dowodu"), max_length=500, blank=True, help_text=_("Np. „lista obecności z 12.05.2023, segregator 3”.")
    )
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("wartość wskaźnika")
        verbose_name_plural = _("wartości wskaźników")
        ordering = ["-measured_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence="") | ~Q(evidence_note=""),
                name="indicator_value_has_evidence",
                violation_error_message=_("Dołącz dowód: plik albo opis, gdzie dowód się znajduje."),
            ),
        ]
        indexes = [models.Index(fields=["indicator", "measured_on"], name="indicator_value_date")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on:%d.%m.%Y})"


class IndicatorSnapshot(TenantModel):
    """What an indicator showed on a day (one row per indicator and day)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("wskaźnik")
    )
    taken_on = models.DateField(_("dzień"))
    value = models.DecimalField(_("wartość"), **VALUE)

    class Meta:
        verbose_name = _("stan wskaźnika")
        verbose_name_plural = _("stany wskaźników")
        ordering = ["indicator", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "taken_on"],
                name="snapshot_unique_day",
                violation_error_message=_("Stan tego wskaźnika z tego dnia jest już zapisany."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.taken_on:%d.%m.%Y})"


class ParticipantEUData(TenantModel):
    """SL2014 / CST2021 monitoring data of one participation that the registry does not hold.

    Empty choice fields mean "not filled in yet" and are exported empty; "refused" is exported as
    "Odmowa podania informacji". ``disability`` empty means "take it from the registry"
    (a disability certificate valid on the first day of support)."""

    enrolment = models.OneToOneField(
        "enrolment.Application", on_delete=models.PROTECT, related_name="eu_data", verbose_name=_("udział w projekcie")
    )
    participant_kind = models.CharField(
        _("rodzaj uczestnika"), max_length=12, choices=ParticipantKind.choices, default=ParticipantKind.INDIVIDUAL
    )
    institution_name = models.CharField(_("nazwa instytucji"), max_length=300, blank=True)
    citizenship = models.CharField(_("obywatelstwo"), max_length=10, choices=Citizenship.choices, blank=True)
    education = models.CharField(_("wykształcenie"), max_length=10, choices=Education.choices, blank=True)
    degurba = models.CharField(
        _("obszar wg stopnia urbanizacji (DEGURBA)"), max_length=1, choices=Degurba.choices, blank=True
    )
    labour_status = models.CharField(
        _("status na rynku pracy w chwili przystąpienia"), max_length=12, choices=LabourStatus.choices, blank=True
    )
    labour_status_detail = models.CharField(
        _("status na rynku pracy – w tym"),
        max_length=200,
        blank=True,
        help_text=_("Np. „osoba długotrwale bezrobotna”."),
    )
    disability = models.CharField(_("osoba z niepełnosprawnościami"), max_length=8, choices=Answer.choices, blank=True)
    foreign_origin = models.CharField(_("osoba obcego pochodzenia"), max_length=8, choices=Answer.choices, blank=True)
    third_country_citizen = models.CharField(
        _("obywatel państwa trzeciego"), max_length=8, choices=Answer.choices, blank=True
    )
    minority = models.CharField(
        _("osoba należąca do mniejszości narodowej lub etnicznej"), max_length=8, choices=Answer.choices, blank=True
    )
    homeless = models.CharField(
        _("osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"),
        max_length=8,
        choices=Answer.choices,
        blank=True,
    )
    support_scope = models.CharField(_("zakres wsparcia"), max_length=300, blank=True)
    support_forms = models.CharField(
        _("rodzaj przyznanego wsparcia"),
        max_length=500,
        blank=True,
        help_text=_("Puste: rodzaje usług zrealizowanych w projekcie (z sesji)."),
    )
    support_started_on = models.DateField(
        _("data rozpoczęcia udziału we wsparciu"),
        null=True,
        blank=True,
        help_text=_("Puste: data rozpoczęcia udziału w projekcie."),
    )
    situation_at_end = models.CharField(_("sytuacja w momencie zakończenia udziału"), max_length=300, blank=True)
    completed_as_planned = models.CharField(
        _("zakończenie udziału zgodnie z zaplanowaną ścieżką"), max_length=3, choices=YesNo.choices, blank=True
    )
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("dane uczestnika do monitorowania EFS")
        verbose_name_plural = _("dane uczestników do monitorowania EFS")
        ordering = ["enrolment"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant_kind=ParticipantKind.INDIVIDUAL) | ~Q(institution_name=""),
                name="eu_data_institution_named",
                violation_error_message=_("Podaj nazwę instytucji przedstawiciela."),
            )
        ]

    def __str__(self) -> str:
        return f"Dane EFS: {self.enrolment_id}"
