"""Staff pages, mounted at ``/staff/programmes/``."""

from django.urls import path

from wsparcie.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("new/", views.ProgrammeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.ProgrammeDeleteView.as_view(), name="delete"),
    path("<int:pk>/documents/<int:document_pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path("<int:pk>/<slug:kind>/add/", views.ChildAddView.as_view(), name="child_add"),
    path("<int:pk>/<slug:kind>/<int:child_pk>/remove/", views.ChildRemoveView.as_view(), name="child_remove"),
]
