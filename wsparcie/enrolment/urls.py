"""Staff pages of recruitment, mounted at /staff/enrolment/."""

from django.urls import path

from wsparcie.enrolment import views

app_name = "enrolment"
urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="list"),
    path("new/", views.ApplicationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="detail"),
    path("<int:pk>/qualify/", views.QualifyView.as_view(), name="qualify"),
    path("<int:pk>/reject/", views.RejectView.as_view(), name="reject"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<int:pk>/declaration/", views.SignDeclarationView.as_view(), name="sign_declaration"),
    path("<int:pk>/review/", views.ReviewView.as_view(), name="review"),
    path("<int:pk>/evaluate/", views.EvaluateView.as_view(), name="evaluate"),
    path("<int:pk>/decisions/<int:criterion>/", views.DecisionView.as_view(), name="decision"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/<int:programme>/waiting-list/", views.WaitingListView.as_view(), name="waiting_list"),
    path("programmes/<int:programme>/criteria/", views.CriteriaView.as_view(), name="criteria"),
    path("programmes/<int:programme>/screening/", views.ScreeningView.as_view(), name="screening"),
    path("criteria/<int:pk>/", views.CriterionEditView.as_view(), name="criterion_edit"),
]
