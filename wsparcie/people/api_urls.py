"""API routes of the registry (mounted under /api/v1/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.people import api

router = DefaultRouter()
router.include_root_view = False
router.register("persons", api.PersonViewSet, basename="person")
router.register("households", api.HouseholdViewSet, basename="household")
router.register("relations", api.RelationViewSet, basename="relation")
router.register("certificates", api.CertificateViewSet, basename="certificate")
router.register("areas", api.NamedAreaViewSet, basename="area")
router.register("income-criteria", api.IncomeCriterionViewSet, basename="income-criterion")
router.register("duplicates", api.DuplicateViewSet, basename="duplicate")
router.register("imports", api.ImportJobViewSet, basename="import")

urlpatterns = [path("", include(router.urls))]
