"""Finance pages: budgets with utilisation and warnings, expense entry, the expense list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from wsparcie.finance import selectors, services
from wsparcie.finance.filters import BudgetFilter, ExpenseFilter
from wsparcie.finance.forms import (
    AllocationForm,
    BudgetEditForm,
    BudgetForm,
    BudgetLineForm,
    BudgetSourceForm,
    ExpenseForm,
)
from wsparcie.finance.models import Budget, Expense

VIEW, EDIT = selectors.VIEW, selectors.EDIT


class RequireViewPermissionMixin:
    """403 for a signed-in user who holds ``finance.view`` nowhere (lists would be empty anyway)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BudgetListView(RequireViewPermissionMixin, ScopedListView):
    """``finance:index``: every budget the user may see, with its utilisation and alerts."""

    model = Budget
    permission = VIEW
    filterset_class = BudgetFilter
    template_name = "finance/index.html"
    paginate_by = 50

    def base_queryset(self):
        return Budget.objects.select_related("programme", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budgets = list(context["object_list"])
        summaries = selectors.budget_summaries(budgets)
        context["rows"] = [(budget, summaries[budget.pk]) for budget in budgets]
        context["can_edit"] = tenancy.has_perm(self.request.user, EDIT)
        return context


class BudgetDetailView(ScopedDetailView):
    model = Budget
    permission = VIEW
    template_name = "finance/budget_detail.html"

    def base_queryset(self):
        return Budget.objects.select_related("programme", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget = self.object
        context["u"] = selectors.budget_utilisation(budget)
        context["expenses"] = budget.expenses.select_related("line", "funding_source")[:20]
        context["expense_count"] = budget.expenses.count()
        can_edit = tenancy.has_perm(self.request.user, EDIT, budget.organisation_id)
        context["can_edit"] = can_edit
        if can_edit:
            context["expense_form"] = ExpenseForm(budget=budget)
        return context


class BudgetFormMixin(ServiceFormView):
    """A form about one budget: visible with ``finance.view`` (else 404), writable with ``finance.edit`` (else 403)."""

    template_name = "finance/form.html"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.budget = selectors.budget_get_for_user(request.user, kwargs["pk"])
        tenancy.require_perm(request.user, EDIT, self.budget.organisation_id)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["budget"] = self.budget
        return kwargs

    def get_success_url(self):
        return reverse("finance:budget", kwargs={"pk": self.budget.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, budget=self.budget, back_url=self.get_success_url())
        return context


class BudgetCreateView(ServiceFormView):
    template_name = "finance/form.html"
    form_class = BudgetForm
    success_message = gettext_lazy("Utworzono budżet.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, EDIT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        from wsparcie.programmes.models import Programme

        kwargs = super().get_form_kwargs()
        kwargs["programmes"] = tenancy.scope(Programme.objects.filter(budget__isnull=True), self.request.user, EDIT)
        initial_programme = self.request.GET.get("programme")
        if initial_programme and initial_programme.isdigit():
            kwargs.setdefault("initial", {})["programme"] = int(initial_programme)
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.budget_create(
            actor=self.request.user,
            programme=data["programme"],
            grant_share_max=data["grant_share_max"],
            own_share_min=data["own_share_min"],
            warning_threshold=data["warning_threshold"],
            notes=data["notes"],
        )

    def get_success_url(self):
        return reverse("finance:budget", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Nowy budżet"), back_url=reverse("finance:index"))
        return context


class BudgetEditView(BudgetFormMixin):
    form_class = BudgetEditForm
    title = gettext_lazy("Zmiana ustaleń budżetu")
    success_message = gettext_lazy("Zapisano budżet.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("budget")
        kwargs["initial"] = {
            "grant_share_max": self.budget.grant_share_max,
            "own_share_min": self.budget.own_share_min,
            "warning_threshold": self.budget.warning_threshold,
            "notes": self.budget.notes,
        }
        return kwargs

    def perform(self, form):
        return services.budget_update(actor=self.request.user, budget=self.budget, **form.cleaned_data)


class BudgetSourceAddView(BudgetFormMixin):
    form_class = BudgetSourceForm
    title = gettext_lazy("Źródło finansowania w budżecie")
    success_message = gettext_lazy("Dodano źródło finansowania.")

    def get_form_kwargs(self):
        from wsparcie.programmes.models import FundingSource

        kwargs = super().get_form_kwargs()
        kwargs.pop("budget")
        kwargs["funding_sources"] = FundingSource.objects.exclude(
            pk__in=self.budget.sources.values("funding_source_id")
        )
        return kwargs

    def perform(self, form):
        return services.budget_source_add(actor=self.request.user, budget=self.budget, **form.cleaned_data)


class BudgetLineCreateView(BudgetFormMixin):
    form_class = BudgetLineForm
    title = gettext_lazy("Nowa pozycja budżetu")
    success_message = gettext_lazy("Dodano pozycję budżetu.")

    def perform(self, form):
        return services.budget_line_create(actor=self.request.user, budget=self.budget, **form.cleaned_data)


class AllocationSetView(BudgetFormMixin):
    form_class = AllocationForm
    title = gettext_lazy("Plan pozycji ze źródła")
    success_message = gettext_lazy("Zapisano kwotę planowaną.")

    def perform(self, form):
        return services.allocation_set(actor=self.request.user, **form.cleaned_data)


class ExpenseCreateView(BudgetFormMixin):
    form_class = ExpenseForm
    title = gettext_lazy("Nowy wydatek")

    def perform(self, form):
        expense = services.expense_create(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Zapisano wydatek %(doc)s.") % {"doc": expense.document_number})
        warning = selectors.line_warning(expense.line)
        if warning:
            messages.warning(self.request, warning)
        return expense


class ExpenseListView(RequireViewPermissionMixin, ScopedListView):
    model = Expense
    permission = VIEW
    filterset_class = ExpenseFilter
    template_name = "finance/expense_list.html"

    def base_queryset(self):
        return Expense.objects.select_related("budget__programme", "line", "funding_source")


class ExpenseDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        expense = selectors.expense_get_for_user(request.user, pk)
        tenancy.require_perm(request.user, EDIT, expense.organisation_id)
        budget_id = expense.budget_id
        try:
            services.expense_delete(actor=request.user, expense=expense, reason=request.POST.get("reason", ""))
        except ApplicationError as exc:  # pragma: no cover - no rule refuses a deletion today
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Usunięto wydatek."))
        return HttpResponseRedirect(reverse("finance:budget", kwargs={"pk": budget_id}))
