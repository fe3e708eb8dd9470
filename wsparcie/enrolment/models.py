"""Recruitment: eligibility criteria of programme editions, social workers' decisions on them,
and applications of people to editions.

An application whose status is ``enrolled`` is the participant's enrolment; other parts of the
system (delivery, telecare, plans, indicators) refer to it by its id.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.enrolment import rules
from wsparcie.enrolment.choices import KINDS_WITH_CHILDREN, ApplicationSource, ApplicationStatus, CriterionKind


class EligibilityCriterion(TenantModel):
    """One criterion of a programme edition, as data (no code per programme).

    ``params`` depend on ``kind`` (see :mod:`wsparcie.enrolment.rules`). Criteria with a
    ``parent`` are the variants of an ``any_of`` group, the conditions of an ``all_of`` group, or
    the conditions the cared-for person must meet (``caregiver_of``). The top-level criteria must
    all hold.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="criteria", verbose_name=_("program")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("należy do"),
        help_text=_("Grupa „jeden z wariantów” / „wszystkie warunki” albo kryterium opiekuna."),
    )
    code = models.SlugField(_("kod"), max_length=64, help_text=_("Krótki identyfikator, np. wiek, orzeczenie."))
    name = models.CharField(_("nazwa"), max_length=200, help_text=_("Np. „Wiek 65+”."))
    kind = models.CharField(_("rodzaj"), max_length=32, choices=CriterionKind.choices)
    params = models.JSONField(_("parametry"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("kryterium kwalifikacji")
        verbose_name_plural = _("kryteria kwalifikacji")
        ordering = ["programme", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="criterion_unique_code",
                violation_error_message=_("Kryterium o tym kodzie już istnieje w tym programie."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="criterion_not_own_parent",
                violation_error_message=_("Kryterium nie może należeć do samego siebie."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.code

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        problems = rules.params_errors(self.kind, self.params)
        if problems:
            errors["params"] = problems
        if self.programme_id and self.organisation_id and self.programme.organisation_id != self.organisation_id:
            errors.setdefault("programme", []).append(_("Program należy do innej organizacji."))
        if self.parent_id:
            parent = self.parent
            if parent.programme_id != self.programme_id:
                errors.setdefault("parent", []).append(_("Kryterium nadrzędne należy do innego programu."))
            elif parent.kind not in KINDS_WITH_CHILDREN:
                errors.setdefault("parent", []).append(
                    _("Kryterium rodzaju „%(kind)s” nie może mieć kryteriów podrzędnych.")
                    % {"kind": parent.get_kind_display()}
                )
            ancestor, depth = parent, 0
            while ancestor is not None and depth < 20:
                if self.pk and ancestor.pk == self.pk:
                    errors.setdefault("parent", []).append(_("Kryterium nie może należeć do swojego podrzędnego."))
                    break
                ancestor, depth = ancestor.parent, depth + 1
        if errors:
            raise ValidationError(errors)


class CriterionDecision(TenantModel):
    """A social worker's recorded judgement of a ``social_worker_judgement`` criterion for a
    person (one current decision per criterion and person; changes are in the audit trail)."""

    criterion = models.ForeignKey(
        EligibilityCriterion, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("kryterium")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("osoba"))
    passed = models.BooleanField(_("spełnia"))
    note = models.TextField(_("uzasadnienie"))
    decided_on = models.DateField(_("data oceny"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ocenił"),
    )
    decided_by_name = models.CharField(_("ocenił (nazwa)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("ocena kryterium")
        verbose_name_plural = _("oceny kryteriów")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "person"],
                name="decision_one_per_person",
                violation_error_message=_("Ta osoba ma już ocenę tego kryterium."),
            ),
        ]

    def __str__(self) -> str:
        verdict = gettext("tak") if self.passed else gettext("nie")
        return f"{self.criterion}: {verdict}"


class Application(TenantModel):
    """An application of a person to a programme edition and its way through recruitment."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="applications", verbose_name=_("program")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="applications", verbose_name=_("osoba")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    source = models.CharField(
        _("źródło"), max_length=10, choices=ApplicationSource.choices, default=ApplicationSource.STAFF
    )
    submitted_at = models.DateTimeField(_("złożono"), auto_now_add=True)
    waiting_since = models.DateTimeField(_("na liście rezerwowej od"), null=True, blank=True)
    enrolled_on = models.DateField(_("początek udziału"), null=True, blank=True)
    ended_on = models.DateField(_("koniec udziału"), null=True, blank=True)
    declaration_signed_on = models.DateField(_("deklaracja podpisana"), null=True, blank=True)
    rejection_reason = models.TextField(_("powód odrzucenia"), blank=True)
    eligibility = models.JSONField(_("wynik oceny kryteriów"), default=dict, blank=True)
    rule_version = models.CharField(_("wersja reguł"), max_length=64, blank=True)
    reference = models.CharField(_("numer zgłoszenia"), max_length=32, blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("zgłoszenie")
        verbose_name_plural = _("zgłoszenia")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=~Q(status__in=["withdrawn", "rejected"]),
                name="application_one_active_per_person",
                violation_error_message=_("Ta osoba ma już zgłoszenie do tego programu."),
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting_list") | Q(waiting_since__isnull=False),
                name="application_waiting_since_set",
                violation_error_message=_("Zgłoszenie na liście rezerwowej musi mieć datę wpisu na listę."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="application_rejection_reason",
                violation_error_message=_("Podaj powód odrzucenia."),
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="application_prog_status"),
            models.Index(fields=["organisation", "status"], name="application_org_status"),
            models.Index(
                fields=["programme", "waiting_since"],
                name="application_waiting_order",
                condition=Q(status="waiting_list"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.programme} ({self.get_status_display()})"

    @property
    def eligible(self) -> bool | None:
        return (self.eligibility or {}).get("eligible")
