from django.contrib.auth import views as auth_views
from django.urls import path

from wsparcie.core import views

app_name = "core"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", views.DashboardView.as_view(), name="dashboard"),
    path("staff/audit/", views.AuditListView.as_view(), name="audit"),
    path("contrast/", views.ContrastToggleView.as_view(), name="contrast"),
]
