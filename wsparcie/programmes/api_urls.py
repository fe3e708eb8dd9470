"""Mounted under ``/api/v1/``. The router's patterns are anchored (``^programmes/(?P<pk>\\d+)/$``),
so other apps' explicit paths such as ``programmes/<id>/eligibility/`` are not shadowed."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from wsparcie.programmes import api

router = SimpleRouter()
router.register("programmes", api.ProgrammeViewSet, basename="programme")

urlpatterns = [
    path("", include(router.urls)),
]
