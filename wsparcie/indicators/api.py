"""Indicators API.

Contract (other tools rely on it):
- ``GET /api/v1/programmes/{id}/indicators/`` and ``GET /api/v1/projects/{id}/indicators/`` (the
  same resource): every indicator of the programme with ``name``, ``target``, ``actual``, ``unit``
  (plus ``id``, ``code``, ``kind``, ``baseline``, ``percent``, ``state``, ``source``, ``definition``,
  ``filters``, ``milestone_targets``); values are JSON numbers, ``actual`` is null when the data
  it counts is not available. Paginated as every list.
- ``GET /api/v1/programmes/{id}/report/?format=json|xlsx|csv|pdf[&date_from=&date_to=]``: the
  funder's report. ``format`` is read by the view itself (DRF's own format negotiation is
  switched off here, so ``?format=xlsx`` is not a 404).
- ``GET /api/v1/programmes/{id}/eu-participants/?format=json|xlsx|csv[&variant=cst2021|sl2014]``.
- ``/api/v1/indicators/`` (CRUD), ``.../{id}/values/`` (GET, POST multipart with ``evidence``),
  ``.../{id}/snapshots/`` (GET), ``.../{id}/snapshot/`` (POST), ``.../{id}/milestone-targets/`` (POST),
  ``/api/v1/indicator-definitions/``, ``/api/v1/eu-data/{enrolment_id}/`` (GET, PUT, PATCH).
Another organisation's programme, indicator or participant answers 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from wsparcie.core import audit, tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.finance.api import choice_text
from wsparcie.indicators import definitions, eu_export, reports, selectors, services
from wsparcie.indicators.choices import Answer, IndicatorKind, IndicatorSource, ManualAggregation
from wsparcie.indicators.models import Indicator, IndicatorSnapshot, IndicatorValue, ParticipantEUData

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def number(value):
    """An indicator value as a JSON number: whole numbers as int, others as float (2 places)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def indicator_data(row: selectors.IndicatorRow) -> dict:
    i = row.indicator
    return {
        "id": i.pk,
        "programme": i.programme_id,
        "name": i.name,
        "code": i.code,
        "kind": i.kind,
        "unit": i.unit,
        "baseline": number(i.baseline),
        "target": number(i.target),
        "actual": number(row.actual),
        "percent": None if row.percent is None else float(row.percent),
        "state": row.state.code,
        "source": i.source,
        "definition": i.definition or None,
        "filters": i.filters,
        "milestone_targets": [
            {
                "milestone": t["milestone"].pk,
                "milestone_name": t["milestone"].name,
                "target": number(t["target"]),
                "reached": t["reached"],
            }
            for t in row.milestone_targets
        ],
    }


class IndicatorOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.FloatField()
    target = serializers.FloatField()
    actual = serializers.FloatField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)
    state = serializers.CharField()
    source = serializers.CharField()
    definition = serializers.CharField(allow_null=True)
    filters = serializers.DictField()
    milestone_targets = serializers.ListField(child=serializers.DictField())


class ProgrammeIndicatorsView(GenericAPIView):
    """Indicators of one programme or project with target against actual."""

    queryset = Indicator.objects.none()  # the rows come from selectors.indicator_rows

    @extend_schema(responses=IndicatorOutSerializer(many=True))
    def get(self, request, pk: int):
        programme = selectors.programme_get_for_user(request.user, pk)
        rows = [indicator_data(row) for row in selectors.indicator_rows(programme, with_series=False)]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(page)


class OwnFormatMixin:
    """Reads ``?format=`` itself: DRF's URL format override would otherwise answer 404 for
    ``xlsx``/``csv``/``pdf`` (no renderer of that name)."""

    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        return (JSONRenderer(), JSONRenderer.media_type)

    def requested_format(self, request, allowed: tuple[str, ...]) -> str:
        fmt = (request.query_params.get("format") or "json").lower()
        if fmt not in allowed:
            raise ValidationError(
                {
                    "format": gettext("Nieznany format „%(format)s”: dostępne %(allowed)s.")
                    % {"format": fmt, "allowed": ", ".join(allowed)}
                }
            )
        return fmt

    def date_param(self, request, name: str) -> dt.date | None:
        value = request.query_params.get(name)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError({name: gettext("Podaj datę w formacie RRRR-MM-DD.")}) from exc

    def file_response(self, content: bytes, fmt: str, name: str) -> HttpResponse:
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response


FORMAT_PARAM = OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx", "csv", "pdf"], required=False)
DATE_PARAMS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, required=False),
    OpenApiParameter("date_to", OpenApiTypes.DATE, required=False),
]


class ProgrammeReportView(OwnFormatMixin, APIView):
    """The funder's report of a programme. Costs by funding source are included for callers who
    may see finance in the programme's organisation."""

    @extend_schema(parameters=[FORMAT_PARAM, *DATE_PARAMS], responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        programme = selectors.programme_get_for_user(request.user, pk)
        fmt = self.requested_format(request, ("json", "xlsx", "csv", "pdf"))
        date_from, date_to = self.date_param(request, "date_from"), self.date_param(request, "date_to")
        if date_from and date_to and date_from > date_to:
            raise ValidationError({"date_from": gettext("Data „od” nie może być późniejsza niż data „do”.")})
        report = reports.build(
            programme,
            date_from=date_from,
            date_to=date_to,
            include_costs=tenancy.has_perm(request.user, "finance.view", programme.organisation_id),
        )
        if fmt == "json":
            return Response(reports.to_json(report))
        content = {"xlsx": reports.to_xlsx, "csv": reports.to_csv, "pdf": reports.to_pdf}[fmt](report)
        return self.file_response(content, fmt, reports.filename(report, fmt))


EU_PERMISSIONS = ("people.view", "health.view")


class EUParticipantsView(OwnFormatMixin, APIView):
    """The EU participant export of a programme (personal and health data: the caller needs
    ``people.view`` and ``health.view`` in the organisation; each export is in the audit trail)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "xlsx", "csv"], required=False),
            OpenApiParameter("variant", OpenApiTypes.STR, enum=["cst2021", "sl2014"], required=False),
            *DATE_PARAMS,
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk: int):
        programme = selectors.programme_get_for_user(request.user, pk)
        for perm in EU_PERMISSIONS:
            if not tenancy.has_perm(request.user, perm, programme.organisation_id):
                raise PermissionDenied
        fmt = self.requested_format(request, ("json", "xlsx", "csv"))
        variant = (request.query_params.get("variant") or "cst2021").lower()
        if variant not in eu_export.VARIANTS:
            raise ValidationError({"variant": gettext("Dostępne warianty: cst2021, sl2014.")})
        rows = eu_export.records(
            programme, date_from=self.date_param(request, "date_from"), date_to=self.date_param(request, "date_to")
        )
        audit.record(
            actor=request.user,
            action="view",
            organisation=programme.organisation_id,
            object_type="indicators.eu_export",
            object_id=str(programme.pk),
            object_repr=str(programme)[:255],
            note=f"Eksport uczestników EFS ({variant}, {fmt}): {len(rows)} osób.",
        )
        if fmt == "json":
            table = eu_export.table(rows, variant)
            return Response(
                {
                    "columns": table[0],
                    "count": len(rows),
                    "results": [dict(zip(table[0], r, strict=True)) for r in table[1:]],
                }
            )
        content = eu_export.to_xlsx(rows, variant) if fmt == "xlsx" else eu_export.to_csv(rows, variant)
        return self.file_response(content, fmt, eu_export.filename(programme, fmt, variant))


# --- indicator CRUD -----------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    kind = choice_text(IndicatorKind.choices)
    source = choice_text(IndicatorSource.choices)
    manual_aggregation = choice_text(ManualAggregation.choices)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "programme",
            "name",
            "code",
            "kind",
            "unit",
            "baseline",
            "target",
            "source",
            "definition",
            "filters",
            "manual_aggregation",
            "description",
            "order",
        ]
        read_only_fields = ["programme"]


class IndicatorInSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    name = serializers.CharField(max_length=400)
    code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    kind = choice_text(IndicatorKind.choices, default=IndicatorKind.OUTPUT)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    source = choice_text(IndicatorSource.choices)
    definition = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    filters = serializers.DictField(required=False, default=dict)
    manual_aggregation = choice_text(ManualAggregation.choices, default=ManualAggregation.LATEST)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    order = serializers.IntegerField(min_value=0, default=0)


class IndicatorUpdateSerializer(IndicatorInSerializer):
    programme = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.required = False
            f.default = serializers.empty


class IndicatorValueSerializer(serializers.ModelSerializer):
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "measured_on",
            "value",
            "evidence_url",
            "original_filename",
            "evidence_note",
            "note",
            "created_at",
        ]

    def get_evidence_url(self, obj) -> str | None:
        from django.urls import reverse

        return reverse("indicators:evidence", args=[obj.pk]) if obj.evidence else None


class IndicatorValueInSerializer(serializers.Serializer):
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    evidence = serializers.FileField(required=False, allow_null=True)
    evidence_note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SnapshotSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorSnapshot
        fields = ["taken_on", "value"]


class MilestoneTargetInSerializer(serializers.Serializer):
    milestone = serializers.IntegerField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class IndicatorViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    view_permission = selectors.VIEW
    edit_permission = selectors.EDIT
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self):
        qs = Indicator.objects.select_related("programme")
        programme = self.request.query_params.get("programme")
        if programme and programme.isdigit():
            qs = qs.filter(programme_id=int(programme))
        return qs

    @extend_schema(request=IndicatorInSerializer, responses={201: IndicatorSerializer})
    def create(self, request, *args, **kwargs):
        data = IndicatorInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        programme = selectors.programme_get_for_user(request.user, values.pop("programme"))
        self.require_edit(programme.organisation_id)
        indicator = services.indicator_create(actor=request.user, programme=programme, **values)
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IndicatorUpdateSerializer, responses=IndicatorSerializer)
    def partial_update(self, request, *args, **kwargs):
        indicator = self.get_object()
        self.require_edit(indicator.organisation_id)
        data = IndicatorUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        indicator = services.indicator_update(actor=request.user, indicator=indicator, **data.validated_data)
        return Response(IndicatorSerializer(indicator).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        indicator = self.get_object()
        self.require_edit(indicator.organisation_id)
        services.indicator_delete(actor=request.user, indicator=indicator)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], responses=IndicatorValueSerializer(many=True))
    @extend_schema(methods=["POST"], request=IndicatorValueInSerializer, responses={201: IndicatorValueSerializer})
    @action(detail=True, methods=["get", "post"])
    def values(self, request, pk=None):
        indicator = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(indicator.values.all())
            return self.get_paginated_response(IndicatorValueSerializer(page, many=True).data)
        self.require_edit(indicator.organisation_id)
        data = IndicatorValueInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        value = services.indicator_value_add(actor=request.user, indicator=indicator, **data.validated_data)
        return Response(IndicatorValueSerializer(value).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=SnapshotSerializer(many=True))
    @action(detail=True, methods=["get"])
    def snapshots(self, request, pk=None):
        indicator = self.get_object()
        page = self.paginate_queryset(indicator.snapshots.order_by("taken_on"))
        return self.get_paginated_response(SnapshotSerializer(page, many=True).data)

    @extend_schema(request=None, responses={201: SnapshotSerializer})
    @action(detail=True, methods=["post"])
    def snapshot(self, request, pk=None):
        indicator = self.get_object()
        self.require_edit(indicator.organisation_id)
        snapshot = services.indicator_snapshot_take(actor=request.user, indicator=indicator)
        if snapshot is None:
            return Response(
                {"code": "not_available", "detail": gettext("Dane, które liczy ten wskaźnik, są niedostępne.")},
                status=409,
            )
        return Response(SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MilestoneTargetInSerializer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path="milestone-targets")
    def milestone_targets(self, request, pk=None):
        from wsparcie.programmes.models import Milestone

        indicator = self.get_object()
        self.require_edit(indicator.organisation_id)
        data = MilestoneTargetInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = Milestone.objects.filter(
            pk=data.validated_data["milestone"], programme_id=indicator.programme_id
        ).first()
        if milestone is None:
            raise ValidationError({"milestone": gettext("Ten kamień milowy nie należy do programu wskaźnika.")})
        target = services.milestone_target_set(
            actor=request.user, indicator=indicator, milestone=milestone, target=data.validated_data["target"]
        )
        return Response(
            {"id": target.pk, "milestone": milestone.pk, "target": number(target.target)},
            status=status.HTTP_201_CREATED,
        )


class DefinitionsView(APIView):
    """The definitions a measured indicator may use, with the filters each accepts."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(
            [
                {
                    "code": d.code,
                    "label": str(d.label),
                    "unit": d.unit,
                    "eu_code": d.eu_code,
                    "description": str(d.description),
                    "filters": list(d.filters),
                    "available": d.available(),
                }
                for d in definitions.DEFINITIONS.values()
            ]
        )


class EUDataSerializer(serializers.ModelSerializer):
    disability = choice_text(Answer.choices, required=False, allow_blank=True)
    foreign_origin = choice_text(Answer.choices, required=False, allow_blank=True)
    third_country_citizen = choice_text(Answer.choices, required=False, allow_blank=True)
    minority = choice_text(Answer.choices, required=False, allow_blank=True)
    homeless = choice_text(Answer.choices, required=False, allow_blank=True)

    class Meta:
        model = ParticipantEUData
        fields = sorted(services.EU_FIELDS) + ["enrolment"]
        read_only_fields = ["enrolment"]


class EUDataView(APIView):
    """``GET/PUT/PATCH /api/v1/eu-data/{enrolment_id}/``: the EU monitoring data of one participation."""

    def _application(self, request, enrolment_id: int, perm: str):
        from wsparcie.enrolment.models import Application

        application = tenancy.get_for_user(
            Application.objects.select_related("person"), request.user, "enrolment.view", pk=enrolment_id
        )
        if not tenancy.has_perm(request.user, perm, application.organisation_id):
            raise PermissionDenied
        return application

    @extend_schema(responses=EUDataSerializer)
    def get(self, request, enrolment_id: int):
        application = self._application(request, enrolment_id, "health.view")
        data = ParticipantEUData.objects.filter(enrolment=application).first()
        if data is None:
            raise Http404
        return Response(EUDataSerializer(data).data)

    @extend_schema(request=EUDataSerializer, responses=EUDataSerializer)
    def put(self, request, enrolment_id: int):
        application = self._application(request, enrolment_id, "enrolment.edit")
        if not tenancy.has_perm(request.user, "health.view", application.organisation_id):
            raise PermissionDenied
        data = EUDataSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        saved = services.eu_data_save(actor=request.user, enrolment=application, **data.validated_data)
        return Response(EUDataSerializer(saved).data)

    patch = put
