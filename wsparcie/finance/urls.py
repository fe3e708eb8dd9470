from django.urls import path

from wsparcie.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.BudgetListView.as_view(), name="index"),
    path("new/", views.BudgetCreateView.as_view(), name="budget_create"),
    path("budgets/<int:pk>/", views.BudgetDetailView.as_view(), name="budget"),
    path("budgets/<int:pk>/edit/", views.BudgetEditView.as_view(), name="budget_edit"),
    path("budgets/<int:pk>/sources/new/", views.BudgetSourceAddView.as_view(), name="source_add"),
    path("budgets/<int:pk>/lines/new/", views.BudgetLineCreateView.as_view(), name="line_create"),
    path("budgets/<int:pk>/allocations/", views.AllocationSetView.as_view(), name="allocation_set"),
    path("budgets/<int:pk>/expenses/new/", views.ExpenseCreateView.as_view(), name="expense_create"),
    path("expenses/", views.ExpenseListView.as_view(), name="expenses"),
    path("expenses/<int:pk>/delete/", views.ExpenseDeleteView.as_view(), name="expense_delete"),
]
