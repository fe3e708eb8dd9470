from django.urls import include, path
from rest_framework.routers import DefaultRouter

from wsparcie.indicators import api

router = DefaultRouter()
router.include_root_view = False
router.register("indicators", api.IndicatorViewSet, basename="indicator")

urlpatterns = [
    path("programmes/<int:pk>/indicators/", api.ProgrammeIndicatorsView.as_view(), name="programme-indicators"),
    path("projects/<int:pk>/indicators/", api.ProgrammeIndicatorsView.as_view(), name="project-indicators"),
    path("programmes/<int:pk>/report/", api.ProgrammeReportView.as_view(), name="programme-report"),
    path("programmes/<int:pk>/eu-participants/", api.EUParticipantsView.as_view(), name="programme-eu-participants"),
    path("indicator-definitions/", api.DefinitionsView.as_view(), name="indicator-definitions"),
    path("eu-data/<int:enrolment_id>/", api.EUDataView.as_view(), name="eu-data"),
    path("", include(router.urls)),
]
