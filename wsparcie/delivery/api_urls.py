"""API routes of delivery (mounted under /api/v1/). The router's patterns are anchored, so
``enrolments/<id>/usage/`` does not clash with another app's ``enrolments`` routes."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from wsparcie.delivery import api

router = SimpleRouter()
router.register("workers", api.WorkerViewSet, basename="delivery-worker")
router.register("worker-contracts", api.ContractViewSet, basename="delivery-contract")
router.register("assignments", api.AssignmentViewSet, basename="delivery-assignment")
router.register("services", api.ServiceViewSet, basename="delivery-service")
router.register("rate-caps", api.RateCapViewSet, basename="delivery-rate-cap")
router.register("grants", api.GrantViewSet, basename="delivery-grant")
router.register("sessions", api.SessionViewSet, basename="delivery-session")
router.register("monthly-cards", api.CardViewSet, basename="delivery-card")
router.register("meal-aids", api.MealAidViewSet, basename="delivery-meal-aid")
router.register("equipment-items", api.EquipmentItemViewSet, basename="delivery-item")
router.register("equipment-loans", api.LoanViewSet, basename="delivery-loan")

urlpatterns = [
    path("enrolments/<int:pk>/usage/", api.UsageView.as_view(), name="delivery-enrolment-usage"),
    path("", include(router.urls)),
]
