"""API routes of recruitment (mounted under /api/v1/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.enrolment import api

router = DefaultRouter()
router.include_root_view = False
router.register("applications", api.ApplicationViewSet, basename="application")
router.register("eligibility-criteria", api.CriterionViewSet, basename="eligibility-criterion")
router.register("criterion-decisions", api.DecisionViewSet, basename="criterion-decision")

urlpatterns = [
    path("programmes/<int:pk>/eligibility/", api.ProgrammeEligibilityView.as_view(), name="programme-eligibility"),
    path("programmes/<int:pk>/screening/", api.ProgrammeScreeningView.as_view(), name="programme-screening"),
    path("", include(router.urls)),
]
