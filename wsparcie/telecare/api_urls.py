from django.urls import include, path
from rest_framework.routers import SimpleRouter

from wsparcie.telecare import api

router = SimpleRouter()
router.register("telecare/devices", api.DeviceViewSet, basename="telecare-device")
router.register("telecare/alarms", api.AlarmViewSet, basename="telecare-alarm")

urlpatterns = [
    path("telecare/events/", api.EventIntakeView.as_view(), name="telecare-events"),
    path("telecare/stats/", api.StatsView.as_view(), name="telecare-stats"),
    path("", include(router.urls)),
]
