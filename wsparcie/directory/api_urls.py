from django.urls import include, path
from rest_framework.routers import SimpleRouter

from wsparcie.directory import api

router = SimpleRouter()
router.register("public/services", api.PublicServiceViewSet, basename="public-service")

urlpatterns = [path("", include(router.urls))]
