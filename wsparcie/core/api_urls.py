from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.core import api

router = DefaultRouter()
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("audit", api.AuditEntryViewSet, basename="audit")

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="auth-token"),
    path("me/", api.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
