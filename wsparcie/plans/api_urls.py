from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.plans import api

router = DefaultRouter()
router.register("plans", api.PlanViewSet, basename="plan")
router.register("plan-goals", api.GoalViewSet, basename="plan-goal")
router.register("plan-actions", api.ActionViewSet, basename="plan-action")
router.register("plan-reviews", api.ReviewViewSet, basename="plan-review")
router.register("pal-programmes", api.PalViewSet, basename="pal-programme")
router.register("pal-rounds", api.RoundViewSet, basename="pal-round")
router.register("pal-groups", api.GroupViewSet, basename="pal-group")
router.register("pal-sessions", api.GroupSessionViewSet, basename="pal-session")
router.register("cooperation-teams", api.TeamViewSet, basename="cooperation-team")
router.register("cooperation-team-members", api.TeamMemberViewSet, basename="cooperation-team-member")
router.register("social-initiatives", api.InitiativeViewSet, basename="social-initiative")

urlpatterns = [path("", include(router.urls))]
