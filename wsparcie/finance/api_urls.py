from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.finance import api

router = DefaultRouter()
router.include_root_view = False
router.register("budgets", api.BudgetViewSet, basename="budget")
router.register("expenses", api.ExpenseViewSet, basename="expense")

urlpatterns = [
    path("programmes/<int:pk>/budget/", api.ProgrammeBudgetView.as_view(), name="programme-budget"),
    path("", include(router.urls)),
]
