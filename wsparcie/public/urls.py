from django.urls import path

from wsparcie.public import views

app_name = "public"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("organisations/<slug:slug>/", views.OrganisationView.as_view(), name="organisation"),
    path(
        "organisations/<slug:slug>/programmes/<slug:programme_slug>/",
        views.ProgrammeView.as_view(),
        name="programme",
    ),
    path(
        "organisations/<slug:slug>/programmes/<slug:programme_slug>/documents/<int:pk>/",
        views.DocumentView.as_view(),
        name="document",
    ),
]
