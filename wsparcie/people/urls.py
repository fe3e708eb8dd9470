"""Staff pages of the registry, mounted at /staff/people/. No URL carries a PESEL."""

from django.urls import path

from wsparcie.people import views

app_name = "people"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("search/", views.PeselSearchView.as_view(), name="search_pesel"),
    path("new/", views.PersonCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PersonEditView.as_view(), name="edit"),
    path("<int:pk>/certificates/", views.CertificatesView.as_view(), name="certificates"),
    path("<int:pk>/relations/", views.RelationsView.as_view(), name="relations"),
    path("<int:pk>/relations/<int:relation_pk>/delete/", views.RelationDeleteView.as_view(), name="relation_delete"),
    path("<int:pk>/household/", views.HouseholdView.as_view(), name="household"),
    path("<int:pk>/incomes/", views.IncomesView.as_view(), name="incomes"),
    path("areas/", views.AreasView.as_view(), name="areas"),
    path("areas/<int:pk>/", views.AreaEditView.as_view(), name="area_edit"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("import/<int:pk>/decide/", views.ImportDecideView.as_view(), name="import_decide"),
    path("import/<int:pk>/errors.csv", views.ImportErrorsView.as_view(), name="import_errors"),
    path("duplicates/", views.DuplicateListView.as_view(), name="duplicates"),
    path("duplicates/<int:pk>/", views.DuplicateReviewView.as_view(), name="duplicate_review"),
]
