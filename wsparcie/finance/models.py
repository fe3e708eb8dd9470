"""Budgets of programmes and what was spent against them.

A :class:`Budget` belongs to one programme edition or project. Its :class:`BudgetSource` rows say
which funding sources the agreement names and whether each is the grant or the own
contribution (Korpus Wsparcia Seniorów 2023: grant 20 042,00 zł, own 5 011,00 zł, with the grant
at most 80% and the own share at least 20% of the total). :class:`BudgetLine` rows are the cost
categories; :class:`BudgetAllocation` puts a planned amount of one source on one line.

Money spent is recorded as :class:`Expense` rows. The cost of delivered sessions is *not* copied
here: ``finance.selectors.session_costs_for_budget`` sums it from the delivery tables every time,
onto the line flagged ``receives_session_costs`` and that line's ``session_funding_source``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.finance.choices import ContributionRole, LineCategory

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class Budget(TenantModel):
    """The budget of one programme edition or project, with the shares the agreement sets."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.PROTECT, related_name="budget", verbose_name=_("program")
    )
    grant_share_max = models.DecimalField(
        _("dofinansowanie najwyżej (% całości)"),
        null=True,
        blank=True,
        help_text=_("Np. 80 – dofinansowanie nie może przekroczyć 80% wydatków."),
        **PERCENT,
    )
    own_share_min = models.DecimalField(
        _("wkład własny co najmniej (% całości)"),
        null=True,
        blank=True,
        help_text=_("Np. 20 – wkład własny musi wynosić co najmniej 20% wydatków."),
        **PERCENT,
    )
    warning_threshold = models.DecimalField(_("ostrzeżenie od (% wykorzystania pozycji)"), default=90, **PERCENT)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("budżet")
        verbose_name_plural = _("budżety")
        ordering = ["programme__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grant_share_max__isnull=True) | Q(grant_share_max__gte=0, grant_share_max__lte=100),
                name="budget_grant_share_range",
                violation_error_message=_("Udział dofinansowania musi mieścić się w przedziale 0–100%."),
            ),
            models.CheckConstraint(
                condition=Q(own_share_min__isnull=True) | Q(own_share_min__gte=0, own_share_min__lte=100),
                name="budget_own_share_range",
                violation_error_message=_("Udział wkładu własnego musi mieścić się w przedziale 0–100%."),
            ),
            models.CheckConstraint(
                condition=Q(warning_threshold__gt=0, warning_threshold__lte=100),
                name="budget_warning_threshold_range",
                violation_error_message=_("Próg ostrzeżenia musi mieścić się w przedziale 1–100%."),
            ),
        ]

    def __str__(self) -> str:
        return f"Budżet: {self.programme}"


class BudgetSource(TenantModel):
    """One funding source named in the agreement, as grant or own contribution, with its amount."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="sources", verbose_name=_("budżet"))
    funding_source = models.ForeignKey(
        "programmes.FundingSource", on_delete=models.PROTECT, related_name="+", verbose_name=_("źródło finansowania")
    )
    role = models.CharField(_("rola w umowie"), max_length=10, choices=ContributionRole.choices)
    agreed_amount = models.DecimalField(_("kwota w umowie"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("źródło w budżecie")
        verbose_name_plural = _("źródła w budżecie")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "funding_source"],
                name="budget_source_unique",
                violation_error_message=_("To źródło finansowania jest już w tym budżecie."),
            ),
            models.CheckConstraint(
                condition=Q(agreed_amount__isnull=True) | Q(agreed_amount__gte=0),
                name="budget_source_amount_nonnegative",
                violation_error_message=_("Kwota nie może być ujemna."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funding_source} ({self.get_role_display()})"


class BudgetLine(TenantModel):
    """A cost category of the budget (e.g. "1. Wynagrodzenia asystentów")."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budżet"))
    code = models.CharField(_("numer pozycji"), max_length=20)
    name = models.CharField(_("nazwa pozycji"), max_length=300)
    category = models.CharField(_("kategoria"), max_length=20, choices=LineCategory.choices, default=LineCategory.OTHER)
    receives_session_costs = models.BooleanField(
        _("koszt zrealizowanych sesji"),
        default=False,
        help_text=_("Koszt sesji zrealizowanych w programie nalicza się na tę pozycję automatycznie."),
    )
    session_funding_source = models.ForeignKey(
        "programmes.FundingSource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("źródło pokrywające koszt sesji"),
    )
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        verbose_name = _("pozycja budżetu")
        verbose_name_plural = _("pozycje budżetu")
        ordering = ["order", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "code"],
                name="budget_line_unique_code",
                violation_error_message=_("Pozycja o tym numerze jest już w budżecie."),
            ),
            models.UniqueConstraint(
                fields=["budget"],
                condition=Q(receives_session_costs=True),
                name="budget_one_session_cost_line",
                violation_error_message=_("Koszt sesji może być naliczany tylko na jedną pozycję budżetu."),
            ),
            models.CheckConstraint(
                condition=Q(receives_session_costs=False) | Q(session_funding_source__isnull=False),
                name="budget_line_session_source_required",
                violation_error_message=_("Wskaż źródło, z którego pokrywany jest koszt sesji."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class BudgetAllocation(TenantModel):
    """The planned amount of one funding source on one budget line."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="allocations", verbose_name=_("pozycja")
    )
    funding_source = models.ForeignKey(
        "programmes.FundingSource", on_delete=models.PROTECT, related_name="+", verbose_name=_("źródło finansowania")
    )
    planned_amount = models.DecimalField(_("kwota planowana"), **MONEY)

    class Meta:
        verbose_name = _("plan pozycji wg źródła")
        verbose_name_plural = _("plan pozycji wg źródeł")
        ordering = ["line", "funding_source__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "funding_source"],
                name="allocation_unique_source",
                violation_error_message=_("Ta pozycja ma już kwotę z tego źródła; zmień istniejącą."),
            ),
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0),
                name="allocation_nonnegative",
                violation_error_message=_("Kwota planowana nie może być ujemna."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line}: {self.funding_source} {self.planned_amount}"


class Expense(TenantModel):
    """Money spent: a document (invoice, payroll, bill) booked on a line, paid from a source."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("budżet"))
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="expenses", verbose_name=_("pozycja"))
    funding_source = models.ForeignKey(
        "programmes.FundingSource", on_delete=models.PROTECT, related_name="+", verbose_name=_("źródło finansowania")
    )
    spent_on = models.DateField(_("data wydatku"))
    amount = models.DecimalField(_("kwota"), **MONEY)
    document_number = models.CharField(_("numer dokumentu"), max_length=100)
    description = models.CharField(_("opis"), max_length=500, blank=True)
    over_limit_reason = models.TextField(
        _("uzasadnienie przekroczenia"),
        blank=True,
        help_text=_("Wypełniane, gdy wydatek świadomie przekracza plan pozycji (np. po zmianie umowy)."),
    )

    class Meta:
        verbose_name = _("wydatek")
        verbose_name_plural = _("wydatki")
        ordering = ["-spent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="expense_amount_positive",
                violation_error_message=_("Kwota wydatku musi być większa od zera."),
            ),
            models.UniqueConstraint(
                fields=["line", "funding_source", "document_number"],
                name="expense_unique_document",
                violation_error_message=_("Ten dokument jest już zaksięgowany w tej pozycji z tego źródła."),
            ),
        ]
        indexes = [
            models.Index(fields=["budget", "spent_on"], name="expense_budget_date"),
            models.Index(fields=["line", "funding_source"], name="expense_line_source"),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.amount} zł ({self.spent_on:%d.%m.%Y})"
