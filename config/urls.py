"""All URLs. Each domain app owns ``urls.py`` (pages, namespaced by app) and ``api_urls.py``
(mounted under ``/api/v1/``); this file only mounts them."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

DOMAIN_APPS = [
    "programmes",
    "people",
    "enrolment",
    "delivery",
    "plans",
    "telecare",
    "finance",
    "indicators",
    "directory",
]

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include("wsparcie.core.api_urls")),
    *[path("", include(f"wsparcie.{app}.api_urls")) for app in DOMAIN_APPS],
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_patterns, "api"))),
    path("", include("wsparcie.core.urls")),
    *[path(f"staff/{app}/", include(f"wsparcie.{app}.urls")) for app in DOMAIN_APPS if app != "directory"],
    path("services/", include("wsparcie.directory.urls")),
    path("", include("wsparcie.public.urls")),
]
if settings.DEBUG or settings.WSPARCIE_ENV != "production":
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
