"""API of recruitment (mounted under /api/v1/ by api_urls.py).

- ``POST programmes/{id}/eligibility/`` ``{"person", "on"}`` -> ``{"eligible", "criteria": [...]}``
- ``GET programmes/{id}/screening/`` (``?on=``, ``?result=eligible|unknown``, ``?format=csv``)
- ``applications/`` list (filters programme, status, source, person), create, retrieve, and the
  actions ``qualify``, ``withdraw``, ``reject``, ``complete``, ``sign-declaration``, ``review``
- ``eligibility-criteria/`` (criteria as data per edition) and ``criterion-decisions/``
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.enrolment import selectors, services
from wsparcie.enrolment.choices import ApplicationSource, CriterionKind, ScreeningResult
from wsparcie.enrolment.exports import screening_csv_response
from wsparcie.enrolment.filters import ApplicationFilter, CriterionFilter
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.people.models import Person

# --- Serializers ---------------------------------------------------------------------------


class EligibilityCriterionResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.CharField()
    name = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField()
    children = serializers.ListField(child=serializers.DictField(), help_text="Nested criteria, same shape.")


class ProgrammeEligibilityInSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    on = serializers.DateField(required=False, help_text="Date of the evaluation (default: today).")


class ProgrammeEligibilityOutSerializer(serializers.Serializer):
    eligible = serializers.BooleanField(allow_null=True)
    on = serializers.DateField()
    rule_version = serializers.CharField()
    criteria = EligibilityCriterionResultSerializer(many=True)


class ApplicationSerializer(serializers.ModelSerializer):
    programme_name = serializers.SerializerMethodField()
    person_name = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    eligible = serializers.SerializerMethodField()
    eligibility = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "programme",
            "programme_name",
            "person",
            "person_name",
            "status",
            "status_display",
            "source",
            "submitted_at",
            "waiting_since",
            "enrolled_on",
            "ended_on",
            "declaration_signed_on",
            "rejection_reason",
            "notes",
            "eligible",
            "eligibility",
            "rule_version",
        ]
        read_only_fields = fields

    def get_programme_name(self, obj) -> str:
        return str(obj.programme)

    def get_person_name(self, obj) -> str:
        return f"{obj.person.first_name} {obj.person.last_name}"

    def get_eligible(self, obj) -> bool | None:
        return obj.eligible

    def get_eligibility(self, obj) -> dict:
        """The stored evaluation; reasons mention disability data, shown only with ``health.view``."""
        request = self.context.get("request")
        if request is not None and not tenancy.has_perm(request.user, "health.view", obj.organisation_id):
            return {"eligible": obj.eligible}
        return obj.eligibility


class ApplicationDetailSerializer(ApplicationSerializer):
    waiting_position = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "waiting_position"]
        read_only_fields = fields

    def get_waiting_position(self, obj) -> int | None:
        return selectors.waiting_position(obj)


class ApplicationCreateSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    person = serializers.IntegerField()
    source = serializers.ChoiceField(choices=ApplicationSource.choices, default=ApplicationSource.STAFF)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ApplicationQualifySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="Date of the eligibility re-check (default: today).")
    declaration_signed_on = serializers.DateField(required=False, allow_null=True)
    await_declaration = serializers.BooleanField(
        required=False, default=False, help_text="Reserve the place (status qualified) until the declaration is signed."
    )


class ApplicationWithdrawSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ApplicationWithdrawOutSerializer(ApplicationSerializer):
    place_offered_to = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "place_offered_to"]
        read_only_fields = fields

    def get_place_offered_to(self, obj) -> int | None:
        offered = self.context.get("offered")
        return offered.pk if offered else None


class ApplicationRejectSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ApplicationCompleteSerializer(serializers.Serializer):
    ended_on = serializers.DateField(required=False)


class ApplicationSignDeclarationSerializer(serializers.Serializer):
    signed_on = serializers.DateField(required=False)


class EligibilityCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EligibilityCriterion
        fields = ["id", "programme", "parent", "code", "name", "kind", "params", "order"]
        read_only_fields = ["id"]
        validators: list = []  # the model's own checks (Polish messages) run in the service

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        fields["programme"].queryset = selectors.programmes_for_user(user, "programmes.edit")
        fields["parent"].queryset = selectors.criteria_for_user(user, "programmes.edit")
        return fields


class CriterionDecisionSerializer(serializers.ModelSerializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=EligibilityCriterion.objects.none())
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())

    class Meta:
        model = CriterionDecision
        fields = ["id", "criterion", "person", "passed", "note", "decided_on", "decided_by_name"]
        read_only_fields = ["id", "decided_by_name"]
        extra_kwargs = {"decided_on": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = request.user if request else None
        fields["criterion"].queryset = selectors.criteria_for_user(user, "enrolment.edit").filter(
            kind=CriterionKind.SOCIAL_WORKER_JUDGEMENT
        )
        fields["person"].queryset = selectors.persons_for_user(user, "people.view")
        return fields


class ScreeningPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "birth_date", "city", "teryt"]


# --- Programme endpoints -------------------------------------------------------------------


def _require(user, perm: str, organisation_id: int) -> None:
    if not tenancy.has_perm(user, perm, organisation_id):
        raise PermissionDenied


class ProgrammeEligibilityView(GenericAPIView):
    """Evaluate a registered person against the edition's criteria on a date."""

    serializer_class = ProgrammeEligibilityInSerializer

    @extend_schema(request=ProgrammeEligibilityInSerializer, responses=ProgrammeEligibilityOutSerializer)
    def post(self, request, pk: int):
        programme = selectors.programme_get_for_user(request.user, pk)
        _require(request.user, "health.view", programme.organisation_id)
        data = ProgrammeEligibilityInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = selectors.persons_for_user(request.user).filter(pk=data.validated_data["person"]).first()
        if person is None:
            raise serializers.ValidationError({"person": [_("Nie znaleziono osoby w rejestrze.")]})
        if person.organisation_id != programme.organisation_id:
            raise serializers.ValidationError({"person": [_("Osoba jest w rejestrze innej organizacji niż program.")]})
        evaluation = selectors.programme_eligibility(programme, person, data.validated_data.get("on"))
        return Response(evaluation.as_dict())


class CSVRenderer(BaseRenderer):
    """Lets ``?format=csv`` through content negotiation; the view streams the file itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # pragma: no cover - not used for files
        return b""


class ScreeningPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data.update(self.extra)
        return response


class ProgrammeScreeningView(GenericAPIView):
    """People of the edition's organisation who meet its criteria (``result=eligible``, default)
    or whose data is missing for some criterion (``result=unknown``), computed in the database;
    paginated, or the whole list as CSV with ``?format=csv``."""

    serializer_class = ScreeningPersonSerializer
    pagination_class = ScreeningPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="Date of the evaluation (default: today)."),
            OpenApiParameter("result", OpenApiTypes.STR, enum=ScreeningResult.values),
            OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"]),
        ]
    )
    def get(self, request, pk: int):
        programme = selectors.programme_get_for_user(request.user, pk)
        _require(request.user, "people.view", programme.organisation_id)
        _require(request.user, "health.view", programme.organisation_id)
        on_field = serializers.DateField(required=False)
        try:
            on = (
                on_field.run_validation(request.query_params.get("on"))
                if request.query_params.get("on")
                else timezone.localdate()
            )
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"on": exc.detail}) from exc
        result = request.query_params.get("result", ScreeningResult.ELIGIBLE)
        if result not in ScreeningResult.values:
            raise serializers.ValidationError({"result": [_("Dozwolone wartości: eligible, unknown.")]})
        screening = selectors.programme_screening(programme, on)
        queryset = (screening.eligible if result == ScreeningResult.ELIGIBLE else screening.unknown).order_by(
            "last_name", "first_name", "id"
        )
        export = getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format == "csv"
        services.screening_viewed(actor=request.user, programme=programme, on=on, result=result, export=export)
        if export:
            return screening_csv_response(
                queryset, programme=programme, on=on, result=result, result_label=str(ScreeningResult(result).label)
            )
        page = self.paginate_queryset(screening.listing(result))
        self.paginator.extra = {
            "on": on.isoformat(),
            "result": result,
            "rule_version": selectors.programme_rule_version(programme),
        }
        return self.get_paginated_response(ScreeningPersonSerializer(page, many=True).data)


# --- Applications --------------------------------------------------------------------------


class ApplicationViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications to programme editions. An ``enrolled`` application is the participant's enrolment."""

    queryset = Application.objects.select_related("programme", "person")
    view_permission = "enrolment.view"
    filterset_class = ApplicationFilter
    serializer_class = ApplicationSerializer

    def get_serializer_class(self):
        return {
            "retrieve": ApplicationDetailSerializer,
            "create": ApplicationCreateSerializer,
            "qualify": ApplicationQualifySerializer,
            "withdraw": ApplicationWithdrawSerializer,
            "reject": ApplicationRejectSerializer,
            "complete": ApplicationCompleteSerializer,
            "sign_declaration": ApplicationSignDeclarationSerializer,
            "review": serializers.Serializer,
        }.get(self.action, ApplicationSerializer)

    def retrieve(self, request, *args, **kwargs):
        application = self.get_object()
        services.application_viewed(actor=request.user, application=application)
        return Response(self.get_serializer(application).data)

    def _input(self):
        serializer = self.get_serializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _out(self, application, code=status.HTTP_200_OK, serializer_class=ApplicationSerializer, **context):
        application = Application.objects.select_related("programme", "person").get(pk=application.pk)
        data = serializer_class(application, context={"request": self.request, **context}).data
        return Response(data, status=code)

    def _object(self, perm: str) -> Application:
        application = self.get_object()
        _require(self.request.user, perm, application.organisation_id)
        return application

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input()
        programme = selectors.programmes_for_user(request.user, "enrolment.edit").filter(pk=data["programme"]).first()
        if programme is None:
            raise serializers.ValidationError(
                {"programme": [_("Nie znaleziono programu (albo brak uprawnień do zgłoszeń).")]}
            )
        person = selectors.persons_for_user(request.user).filter(pk=data["person"]).first()
        if person is None:
            raise serializers.ValidationError({"person": [_("Nie znaleziono osoby w rejestrze.")]})
        application = services.application_submit(
            actor=request.user, programme=programme, person=person, source=data["source"], notes=data["notes"]
        )
        return self._out(application, status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationQualifySerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def qualify(self, request, pk=None):
        """Re-check eligibility and take a place (``enrolled``) or join the waiting list; 409
        ``not_eligible`` when the person does not meet the criteria."""
        application = self._object("enrolment.qualify")
        data = self._input()
        application = services.application_qualify(
            actor=request.user,
            application=application,
            on=data.get("on"),
            declaration_signed_on=data.get("declaration_signed_on"),
            await_declaration=data.get("await_declaration", False),
        )
        return self._out(application)

    @extend_schema(request=ApplicationWithdrawSerializer, responses=ApplicationWithdrawOutSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw; a freed place is offered to the first on the waiting list (``place_offered_to``)."""
        application = self._object("enrolment.edit")
        data = self._input()
        application, offered = services.application_withdraw(
            actor=request.user, application=application, on=data.get("on"), note=data.get("note", "")
        )
        return self._out(application, serializer_class=ApplicationWithdrawOutSerializer, offered=offered)

    @extend_schema(request=ApplicationRejectSerializer, responses=ApplicationWithdrawOutSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        application = self._object("enrolment.qualify")
        data = self._input()
        application, offered = services.application_reject(
            actor=request.user, application=application, reason=data["reason"]
        )
        return self._out(application, serializer_class=ApplicationWithdrawOutSerializer, offered=offered)

    @extend_schema(request=ApplicationCompleteSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        application = self._object("enrolment.edit")
        data = self._input()
        return self._out(
            services.application_complete(actor=request.user, application=application, ended_on=data.get("ended_on"))
        )

    @extend_schema(request=ApplicationSignDeclarationSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="sign-declaration", url_name="sign-declaration")
    def sign_declaration(self, request, pk=None):
        application = self._object("enrolment.edit")
        data = self._input()
        return self._out(
            services.application_sign_declaration(
                actor=request.user, application=application, signed_on=data.get("signed_on")
            )
        )

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        application = self._object("enrolment.edit")
        return self._out(services.application_review(actor=request.user, application=application))


# --- Criteria and decisions ----------------------------------------------------------------


class CriterionViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Eligibility criteria of editions, as data. Filter with ``?programme=<id>``."""

    queryset = EligibilityCriterion.objects.select_related("programme")
    serializer_class = EligibilityCriterionSerializer
    view_permission = "enrolment.view"
    edit_permission = "programmes.edit"
    filterset_class = CriterionFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.criterion_create(
            actor=self.request.user,
            programme=data["programme"],
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            params=data.get("params") or {},
            parent=data.get("parent"),
            order=data.get("order"),
        )

    def perform_update(self, serializer):
        self.require_edit(serializer.instance.organisation_id)
        data = dict(serializer.validated_data)
        data.pop("programme", None)
        serializer.instance = services.criterion_update(actor=self.request.user, criterion=serializer.instance, **data)

    def perform_destroy(self, instance):
        self.require_edit(instance.organisation_id)
        services.criterion_delete(actor=self.request.user, criterion=instance)


class DecisionViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Social workers' judgements of ``social_worker_judgement`` criteria (one per criterion and
    person; posting again changes it)."""

    queryset = CriterionDecision.objects.select_related("criterion")
    serializer_class = CriterionDecisionSerializer
    view_permission = "enrolment.view"
    filterset_fields = ["criterion", "person"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.decision_record(
            actor=self.request.user,
            criterion=data["criterion"],
            person=data["person"],
            passed=data["passed"],
            note=data["note"],
            decided_on=data.get("decided_on"),
        )
