from django.urls import path

from wsparcie.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("programmes/<int:pk>/", views.DashboardView.as_view(), name="dashboard"),
    path("programmes/<int:pk>/indicators/new/", views.IndicatorCreateView.as_view(), name="indicator_create"),
    path("programmes/<int:pk>/snapshot/", views.SnapshotView.as_view(), name="snapshot"),
    path("programmes/<int:pk>/report/", views.ReportView.as_view(), name="report"),
    path("programmes/<int:pk>/eu/", views.EUListView.as_view(), name="eu_list"),
    path("eu/<int:pk>/", views.EUDataEditView.as_view(), name="eu_edit"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator"),
    path("<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("<int:pk>/values/new/", views.IndicatorValueAddView.as_view(), name="value_add"),
    path("<int:pk>/milestones/", views.MilestoneTargetSetView.as_view(), name="milestone_target"),
    path("values/<int:pk>/evidence/", views.EvidenceView.as_view(), name="evidence"),
]
