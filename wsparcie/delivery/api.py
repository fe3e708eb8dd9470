"""API of delivery (mounted under ``/api/v1/``).

- ``/workers/``, ``/worker-contracts/``, ``/assignments/``
- ``/services/`` (services of an edition; ``certificate_limits`` rows), ``/rate-caps/``, ``/grants/``
- ``/sessions/`` (POST enters a delivered or planned session with every rule checked: 409
  ``{"code", "detail"}`` and nothing saved when a rule is broken), ``/sessions/{id}/cancel/``,
  ``/sessions/costs/?group_by=month|participant|edition``
- ``/enrolments/{id}/usage/``: units used, planned, granted and the limit
- ``/monthly-cards/`` (POST records the participant's signature and closes the month)
- ``/meal-aids/`` (+ ``/meal-aids/totals/``), ``/equipment-items/``, ``/equipment-loans/``
  (+ ``extend``, ``return``, ``overdue``)

Every queryset and every id accepted in a body is scoped by ``core.tenancy``: another
organisation's object answers 404 in the URL and 400 in a body; it is never used.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.delivery import filters, rules, selectors, services
from wsparcie.delivery.choices import Activity, CertificateDegree, Condition, Qualification, SessionStatus
from wsparcie.delivery.models import (
    Assignment,
    EquipmentItem,
    Grant,
    Loan,
    MealAid,
    MonthlyCard,
    RateCap,
    Service,
    ServiceLimit,
    Session,
    Worker,
    WorkerContract,
)
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme

VIEW, EDIT = selectors.VIEW, selectors.EDIT


class ScopedPK(serializers.PrimaryKeyRelatedField):
    """A primary key accepted only among the rows ``queryset_for(user)`` returns."""

    def __init__(self, queryset_for, model, **kwargs):
        self.queryset_for = queryset_for
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.queryset_for(request.user) if request is not None else self.queryset.none()


def _edit_orgs(user) -> list[int]:
    return tenancy.organisation_ids(user, EDIT)


class EditCreateMixin:
    """A POST from someone who may edit delivery nowhere is 403 (not a 400 about unknown ids)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _edit_orgs(request.user):
            raise PermissionDenied


def _persons(user):
    return Person.objects.filter(organisation_id__in=_edit_orgs(user))


def _programmes(user):
    return Programme.objects.filter(organisation_id__in=_edit_orgs(user))


def _workers(user):
    return Worker.objects.filter(organisation_id__in=_edit_orgs(user))


def _services(user):
    return Service.objects.filter(organisation_id__in=_edit_orgs(user)).select_related("programme")


def _enrolments(user):
    return Application.objects.filter(
        organisation_id__in=_edit_orgs(user), status__in=selectors.ENROLMENT_STATUSES
    ).select_related("person", "programme")


def _users(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__organisation_id__in=_edit_orgs(user)).distinct()


def _items(user):
    return EquipmentItem.objects.filter(organisation_id__in=_edit_orgs(user))


class OrgSlug(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", read_only=True, **kwargs)


@extend_schema_field({"type": "string", "pattern": "^\\d{4}-\\d{2}$", "example": "2023-05"})
class MonthField(serializers.Field):
    """``"2023-05"`` (or a date) in, ``"2023-05"`` out."""

    default_error_messages = {"invalid": _("Podaj miesiąc jako RRRR-MM.")}

    def to_internal_value(self, data):
        month = rules.parse_month(str(data))
        if month is None:
            self.fail("invalid")
        return month

    def to_representation(self, value):
        return value.strftime("%Y-%m")


# --- workers ------------------------------------------------------------------------------
class WorkerSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    person = ScopedPK(_persons, Person, required=False, allow_null=True)
    user = ScopedPK(_users, Worker._meta.get_field("user").related_model, required=False, allow_null=True)
    qualifications = serializers.ListField(child=serializers.ChoiceField(choices=Qualification.choices), required=False)

    class Meta:
        model = Worker
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = [
            "id",
            "organisation",
            "first_name",
            "last_name",
            "role",
            "person",
            "user",
            "qualifications",
            "qualifications_note",
            "phone",
            "email",
            "is_active",
        ]
        read_only_fields = ["id", "organisation"]


class WorkerViewSet(
    EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Workers of the caller's organisation. POST ``{"first_name", "last_name", "role", "person"?}``."""

    queryset = Worker.objects.select_related("organisation")
    serializer_class = WorkerSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.WorkerFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(request.user, EDIT, request.data.get("organisation"))
        worker = services.worker_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(self.get_serializer(worker).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        worker = self.get_object()
        self.require_edit(worker.organisation_id)
        serializer = self.get_serializer(worker, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        worker = services.worker_update(actor=request.user, worker=worker, data=serializer.validated_data)
        return Response(self.get_serializer(worker).data)


class ContractSerializer(serializers.ModelSerializer):
    worker = ScopedPK(_workers, Worker)
    programme = ScopedPK(_programmes, Programme, required=False, allow_null=True)

    class Meta:
        model = WorkerContract
        fields = [
            "id",
            "worker",
            "kind",
            "number",
            "programme",
            "start_date",
            "end_date",
            "hours_per_month",
            "hourly_rate",
        ]


class ContractViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = WorkerContract.objects.all()
    serializer_class = ContractSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_fields = ["worker", "kind"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contract = services.contract_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(contract).data, status=status.HTTP_201_CREATED)


class AssignmentSerializer(serializers.ModelSerializer):
    worker = ScopedPK(_workers, Worker)
    enrolment = ScopedPK(_enrolments, Application)
    service = ScopedPK(_services, Service, required=False, allow_null=True)

    class Meta:
        model = Assignment
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = ["id", "worker", "enrolment", "service", "start_date", "end_date"]


class AssignmentViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Workers assigned to participants; an assistant who is family, guardian or co-resident: 409 ``not_allowed_worker``."""

    queryset = Assignment.objects.all()
    serializer_class = AssignmentSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_fields = ["worker", "enrolment", "service"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = services.assignment_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(assignment).data, status=status.HTTP_201_CREATED)


# --- services of an edition ---------------------------------------------------------------
class LimitRowSerializer(serializers.ModelSerializer):
    degree = serializers.ChoiceField(choices=CertificateDegree.choices, default=CertificateDegree.ANY)
    several_symbols = serializers.BooleanField(allow_null=True, default=None)
    child = serializers.BooleanField(default=False)

    class Meta:
        model = ServiceLimit
        fields = ["degree", "several_symbols", "child", "limit"]


class ServiceSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    programme = ScopedPK(_programmes, Programme)
    activities = serializers.ListField(child=serializers.ChoiceField(choices=Activity.choices), required=False)
    certificate_limits = LimitRowSerializer(many=True, required=False)
    rate_cap = serializers.SerializerMethodField()

    class Meta:
        model = Service
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = [
            "id", "organisation", "programme", "name", "kind", "unit", "rate", "rate_cap", "activities",
            "limit_per_participant", "limit_per_month", "days_per_year", "certificate_limits", "is_active",
        ]  # fmt: skip

    def get_rate_cap(self, obj) -> str | None:
        if hasattr(obj, "rate_cap_value"):
            cap = obj.rate_cap_value
        else:
            cap = (
                RateCap.objects.filter(programme_id=obj.programme_id, unit=obj.unit)
                .values_list("max_rate", flat=True)
                .first()
            )
        return None if cap is None else str(cap)


class ServiceViewSet(
    EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Services of programme editions. POST ``{"programme", "kind", "unit", "rate",
    "limit_per_participant", "limit_per_month"}`` (limits in the unit, null when none); optional
    ``activities``, ``days_per_year``, ``certificate_limits`` ``[{"degree", "several_symbols", "child", "limit"}]``."""

    queryset = Service.objects.select_related("organisation", "programme").prefetch_related("certificate_limits")
    serializer_class = ServiceSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.ServiceFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        caps = RateCap.objects.filter(programme=OuterRef("programme"), unit=OuterRef("unit")).values("max_rate")[:1]
        return self.queryset.annotate(rate_cap_value=Subquery(caps))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        service = services.service_create(actor=request.user, **data)
        return Response(self.get_serializer(service).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        service = self.get_object()
        self.require_edit(service.organisation_id)
        serializer = self.get_serializer(service, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("programme", None)
        rows = data.pop("certificate_limits", None)
        service = services.service_update(actor=request.user, service=service, data=data)
        if rows is not None:
            services.service_limits_set(actor=request.user, service=service, rows=rows)
        return Response(self.get_serializer(self.base_queryset().get(pk=service.pk)).data)


class RateCapSerializer(serializers.ModelSerializer):
    programme = ScopedPK(_programmes, Programme)

    class Meta:
        model = RateCap
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = ["id", "programme", "unit", "max_rate"]


class RateCapViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The programme's cap on its services' rate per unit; POST sets (or changes) it."""

    queryset = RateCap.objects.all()
    serializer_class = RateCapSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_fields = ["programme", "unit"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cap = services.rate_cap_set(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(cap).data, status=status.HTTP_201_CREATED)


class GrantSerializer(serializers.ModelSerializer):
    enrolment = ScopedPK(_enrolments, Application)
    service = ScopedPK(_services, Service)

    class Meta:
        model = Grant
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = ["id", "enrolment", "service", "units", "granted_on", "note"]


class GrantViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Units of a service granted to a participant (POST sets or changes them)."""

    queryset = Grant.objects.all()
    serializer_class = GrantSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.GrantFilter

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = services.grant_set(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(grant).data, status=status.HTTP_201_CREATED)


# --- sessions -----------------------------------------------------------------------------
class SessionSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    worker = ScopedPK(_workers, Worker)
    enrolment = ScopedPK(_enrolments, Application)
    service = ScopedPK(_services, Service)
    status = serializers.ChoiceField(
        choices=[SessionStatus.PLANNED, SessionStatus.DELIVERED], default=SessionStatus.DELIVERED, required=False
    )
    activity = serializers.CharField(required=False, allow_blank=True, max_length=200)
    person = serializers.IntegerField(source="enrolment.person_id", read_only=True)
    participant = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id", "organisation", "worker", "enrolment", "person", "participant", "service", "start", "end", "status",
            "activity", "note", "travel_minutes", "units", "rate", "cost",
        ]  # fmt: skip
        read_only_fields = ["id", "organisation", "units", "rate", "cost"]

    def get_participant(self, obj) -> str:
        return str(obj.enrolment.person)


class SessionUpdateSerializer(SessionSerializer):
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "reason"]
        read_only_fields = [*SessionSerializer.Meta.read_only_fields, "enrolment"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SessionViewSet(
    EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Sessions. POST ``{"worker", "enrolment", "service", "start", "end", "activity"}`` enters a
    delivered session (``"status": "planned"`` for a planned one). A broken rule: 409 with
    ``code`` worker_overlap, participant_overlap, hour_limit, worker_daily_limit, outside_period,
    no_contract (a worker with contracts on record, none covering the day and programme),
    not_allowed_worker or month_closed, and nothing is saved. PATCH corrects (``reason`` required
    in a month closed by the participant's signature)."""

    queryset = Session.objects.select_related("organisation", "worker", "enrolment__person", "service")
    serializer_class = SessionSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.SessionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return SessionUpdateSerializer
        if self.action == "cancel":
            return ReasonSerializer
        return SessionSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_create(actor=request.user, **serializer.validated_data)
        return Response(
            SessionSerializer(session, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request, *args, **kwargs):
        session = self.get_object()
        self.require_edit(session.organisation_id)
        serializer = self.get_serializer(session, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        session = services.session_update(actor=request.user, session=session, data=data, reason=reason)
        return Response(SessionSerializer(session, context=self.get_serializer_context()).data)

    @extend_schema(request=ReasonSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        session = self.get_object()
        self.require_edit(session.organisation_id)
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_cancel(
            actor=request.user, session=session, reason=serializer.validated_data["reason"]
        )
        return Response(SessionSerializer(session, context=self.get_serializer_context()).data)

    @extend_schema(
        parameters=[OpenApiParameter("group_by", str, enum=["month", "participant", "edition"])],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, methods=["get"])
    def costs(self, request):
        """Delivered units and cost (units × rate) of the filtered sessions, in total and grouped
        by month, participant or edition."""
        qs = self.filter_queryset(self.get_queryset())
        group_by = request.query_params.get("group_by", "month")
        grouping = {
            "month": selectors.costs_by_month,
            "participant": selectors.costs_by_participant,
            "edition": selectors.costs_by_edition,
        }
        if group_by not in grouping:
            return Response(
                {"group_by": [_("Wybierz: month, participant albo edition.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        totals = selectors.cost_totals(qs)
        rows = []
        for row in grouping[group_by](qs):
            entry = {"units": str(row["units"]), "cost": str(row["cost"]), "sessions": row["sessions"]}
            if group_by == "month":
                entry["month"] = rules.local(row["month"]).strftime("%Y-%m")
            elif group_by == "participant":
                entry.update(
                    enrolment=row["enrolment_id"],
                    participant=f"{row['enrolment__person__first_name']} {row['enrolment__person__last_name']}",
                )
            else:
                entry.update(
                    programme=row["service__programme_id"],
                    name=row["service__programme__name"],
                    participants=row["participants"],
                )
            rows.append(entry)
        return Response(
            {
                "units": str(totals["units"] or "0.00"),
                "cost": str(totals["cost"] or "0.00"),
                "sessions": totals["sessions"],
                "group_by": group_by,
                "rows": rows,
            }
        )


class UsageView(APIView):
    """``GET /api/v1/enrolments/{id}/usage/?month=RRRR-MM``: units used (delivered), planned,
    granted, the limit (per edition and by certificate) and what remains, in total and per
    service; ``used_in_month`` for the month (default: this month)."""

    @extend_schema(parameters=[OpenApiParameter("month", str)], responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        enrolment = selectors.enrolment_get_for_user(request.user, pk)
        month = rules.parse_month(request.query_params.get("month"))
        return Response(selectors.usage_for_enrolment(enrolment, month))


# --- monthly cards ------------------------------------------------------------------------
class CardSerializer(serializers.ModelSerializer):
    enrolment = ScopedPK(_enrolments, Application)
    month = MonthField()
    signed_on = serializers.DateField(required=False)

    class Meta:
        model = MonthlyCard
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = ["id", "enrolment", "month", "signed_on", "signed_by"]


class CardViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Signed monthly service cards. POST ``{"enrolment", "month": "2023-05", "signed_by"}``
    records the participant's signature: the month is closed."""

    queryset = MonthlyCard.objects.all()
    serializer_class = CardSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.CardFilter

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        card = services.card_sign(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(card).data, status=status.HTTP_201_CREATED)


# --- meals --------------------------------------------------------------------------------
class MealAidSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    person = ScopedPK(_persons, Person)
    programme = ScopedPK(_programmes, Programme, required=False, allow_null=True)
    month = MonthField()

    class Meta:
        model = MealAid
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = ["id", "organisation", "person", "programme", "month", "form", "meals", "amount", "note"]


class MealAidViewSet(
    EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Posiłek w szkole i w domu: each form of aid per person and month; ``totals/`` per month."""

    queryset = MealAid.objects.select_related("organisation")
    serializer_class = MealAidSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.MealAidFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        aid = services.meal_aid_create(actor=request.user, organisation=data["person"].organisation, **data)
        return Response(self.get_serializer(aid).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        aid = self.get_object()
        self.require_edit(aid.organisation_id)
        serializer = self.get_serializer(aid, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        aid = services.meal_aid_update(actor=request.user, aid=aid, data=serializer.validated_data)
        return Response(self.get_serializer(aid).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["get"])
    def totals(self, request):
        rows = selectors.meal_monthly_totals(self.filter_queryset(self.get_queryset()))
        return Response(
            [
                {
                    **{k: v for k, v in row.items() if k not in {"month", "cash_amount", "in_kind_amount"}},
                    "month": row["month"].strftime("%Y-%m"),
                    "cash_amount": str(row["cash_amount"]),
                    "in_kind_amount": str(row["in_kind_amount"]),
                }
                for row in rows
            ]
        )


# --- equipment loans ----------------------------------------------------------------------
class EquipmentItemSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    programme = ScopedPK(_programmes, Programme, required=False, allow_null=True)
    on_loan = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = EquipmentItem
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = [
            "id", "organisation", "name", "category", "inventory_number", "serial", "condition", "value",
            "funding_source", "programme", "purchased_on", "withdrawn_on", "notes", "on_loan",
        ]  # fmt: skip


class EquipmentItemViewSet(
    EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    queryset = EquipmentItem.objects.select_related("organisation")
    serializer_class = EquipmentItemSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.EquipmentItemFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        from django.db.models import Exists, OuterRef

        return self.queryset.annotate(
            on_loan=Exists(Loan.objects.filter(item=OuterRef("pk"), returned_on__isnull=True))
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(request.user, EDIT, request.data.get("organisation"))
        item = services.equipment_item_create(
            actor=request.user, organisation=organisation, **serializer.validated_data
        )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        self.require_edit(item.organisation_id)
        serializer = self.get_serializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = services.equipment_item_update(actor=request.user, item=item, data=serializer.validated_data)
        return Response(self.get_serializer(self.base_queryset().get(pk=item.pk)).data)


class LoanSerializer(serializers.ModelSerializer):
    organisation = OrgSlug()
    item = ScopedPK(_items, EquipmentItem)
    person = ScopedPK(_persons, Person)
    due_date = serializers.DateField(required=False)
    # Read-only, and the same choices as the item's ``condition``: a plain string in the schema.
    return_condition = serializers.CharField(read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Loan
        validators: list = []  # the services validate (and some POSTs set or change an existing row)
        fields = [
            "id", "organisation", "number", "item", "person", "start_date", "due_date", "medical_certificate_on",
            "guarantor_name", "guarantor_address", "guarantor_document", "returned_on", "return_condition",
            "return_note", "notes", "is_overdue",
        ]  # fmt: skip
        read_only_fields = ["id", "organisation", "number", "returned_on", "return_condition", "return_note"]

    def get_is_overdue(self, obj) -> bool:
        from django.utils import timezone

        return obj.returned_on is None and obj.due_date < timezone.localdate()


class ExtendSerializer(serializers.Serializer):
    new_due = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField()
    condition = serializers.ChoiceField(choices=Condition.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LoanViewSet(EditCreateMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Loan agreements (umowy użyczenia); ``extend/``, ``return/``, ``overdue/``."""

    queryset = Loan.objects.select_related("organisation", "item", "person")
    serializer_class = LoanSerializer
    view_permission, edit_permission = VIEW, EDIT
    filterset_class = filters.LoanFilter

    def get_serializer_class(self):
        return {"extend": ExtendSerializer, "return_item": ReturnSerializer}.get(self.action, LoanSerializer)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        loan = services.loan_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ExtendSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        loan = self.get_object()
        self.require_edit(loan.organisation_id)
        serializer = ExtendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        loan = services.loan_extend(actor=request.user, loan=loan, **serializer.validated_data)
        return Response(LoanSerializer(loan, context=self.get_serializer_context()).data)

    @extend_schema(request=ReturnSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_item(self, request, pk=None):
        loan = self.get_object()
        self.require_edit(loan.organisation_id)
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        loan = services.loan_return(actor=request.user, loan=loan, **serializer.validated_data)
        return Response(LoanSerializer(loan, context=self.get_serializer_context()).data)

    @extend_schema(responses=LoanSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request):
        qs = selectors.overdue_loans(request.user)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(LoanSerializer(page, many=True, context=self.get_serializer_context()).data)
