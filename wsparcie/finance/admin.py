"""Read-only admin views of finance (writes go through the pages and the API, which call services)."""

from django.contrib import admin

from wsparcie.finance.models import Budget, BudgetAllocation, BudgetLine, BudgetSource, Expense


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdmin):
    list_display = ["programme", "organisation", "grant_share_max", "own_share_min", "warning_threshold"]
    list_select_related = ["programme", "organisation"]


@admin.register(BudgetSource)
class BudgetSourceAdmin(ReadOnlyAdmin):
    list_display = ["budget", "funding_source", "role", "agreed_amount"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["budget", "code", "name", "category", "receives_session_costs"]


@admin.register(BudgetAllocation)
class BudgetAllocationAdmin(ReadOnlyAdmin):
    list_display = ["line", "funding_source", "planned_amount"]


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["spent_on", "document_number", "budget", "line", "funding_source", "amount"]
    list_filter = ["organisation"]
    date_hierarchy = "spent_on"
