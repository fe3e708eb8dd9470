"""Pages of the register, mounted at ``/services/`` (public) with staff pages under ``staff/``."""

from django.urls import path

from wsparcie.directory import views, views_apply, views_staff

app_name = "directory"
urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
    path("open-data/hsds.json", views.OpenDataJSONView.as_view(), name="open_data_json"),
    path("open-data/services.csv", views.OpenDataCSVView.as_view(), name="open_data_csv"),
    path("apply/<int:programme_id>/", views_apply.ApplyView.as_view(), name="apply"),
    path("apply/confirmation/", views_apply.ConfirmationView.as_view(), name="apply_confirmation"),
    path("status/", views_apply.StatusView.as_view(), name="status"),
    path("staff/", views.StaffServiceListView.as_view(), name="staff_list"),
    path("staff/new/", views_staff.ServiceCreateView.as_view(), name="staff_create"),
    path("staff/<uuid:pk>/", views_staff.ServiceEditView.as_view(), name="staff_edit"),
    path("staff/<uuid:pk>/checked/", views.StaffServiceCheckedView.as_view(), name="staff_checked"),
    path("staff/locations/", views.StaffLocationListView.as_view(), name="staff_locations"),
    path("staff/locations/new/", views_staff.LocationCreateView.as_view(), name="staff_location_create"),
    path("staff/locations/<uuid:pk>/", views_staff.LocationEditView.as_view(), name="staff_location_edit"),
    path("staff/providers/", views.StaffProviderListView.as_view(), name="staff_providers"),
    path("staff/providers/new/", views_staff.ProviderCreateView.as_view(), name="staff_provider_create"),
    path("staff/providers/<uuid:pk>/", views_staff.ProviderEditView.as_view(), name="staff_provider_edit"),
    path("staff/applications/", views.StaffOnlineApplicationListView.as_view(), name="staff_applications"),
    path("staff/documents/<uuid:pk>/", views.StaffDocumentView.as_view(), name="staff_document"),
    path("<uuid:pk>/", views.ServiceDetailView.as_view(), name="service"),
]
