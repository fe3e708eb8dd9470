"""Finance API: budgets (with sources, lines and planned amounts), their utilisation, expenses.

- ``GET/POST /api/v1/budgets/``, ``GET/PATCH /api/v1/budgets/{id}/``
- ``GET /api/v1/budgets/{id}/utilisation/`` (also ``GET /api/v1/programmes/{id}/budget/``)
- ``POST /api/v1/budgets/{id}/sources/``, ``.../lines/``, ``.../allocations/``
- ``GET/POST /api/v1/expenses/``, ``GET/PATCH/DELETE /api/v1/expenses/{id}/``

Amounts are decimal strings. A rule violation (overspent line) answers 409 with
``{"code": "budget_line_overspent", "detail", "planned", "spent", "left"}``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.functional import lazy
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.finance import selectors, services
from wsparcie.finance.choices import ContributionRole, LineCategory
from wsparcie.finance.filters import ExpenseFilter
from wsparcie.finance.models import Budget, BudgetAllocation, BudgetLine, BudgetSource, Expense

MONEY = {"max_digits": 14, "decimal_places": 2}


def choice_text(choices, **kwargs) -> serializers.CharField:
    """A choice as a plain string in the schema (the model's ``full_clean`` checks the value);
    enum names like "role" or "category" are already taken by other apps' schemas."""
    return serializers.CharField(help_text=_choices_help(choices), **kwargs)


def _choices_text(choices) -> str:
    return "; ".join(f"{v} – {label}" for v, label in choices)


#: Lazy: the labels are translated when the schema is generated, not when the module is imported.
_choices_help = lazy(_choices_text, str)


@extend_schema_field(OpenApiTypes.STR)
class FundingSourceField(serializers.Field):
    """A funding source given by its ``code`` (or numeric id); shown as its code."""

    def to_representation(self, value):
        return value.code if value is not None else None

    def to_internal_value(self, data):
        from wsparcie.programmes.models import FundingSource

        lookup = {"pk": int(data)} if str(data).isdigit() else {"code": str(data)}
        source = FundingSource.objects.filter(**lookup).first()
        if source is None:
            raise serializers.ValidationError(gettext("Nieznane źródło finansowania: %(source)s.") % {"source": data})
        return source


class BudgetSourceSerializer(serializers.ModelSerializer):
    funding_source = FundingSourceField()
    role = choice_text(ContributionRole.choices)
    funding_source_name = serializers.CharField(source="funding_source.name", read_only=True)

    class Meta:
        model = BudgetSource
        fields = ["id", "funding_source", "funding_source_name", "role", "agreed_amount"]


class AllocationSerializer(serializers.ModelSerializer):
    funding_source = FundingSourceField()

    class Meta:
        model = BudgetAllocation
        fields = ["id", "funding_source", "planned_amount"]


class BudgetLineSerializer(serializers.ModelSerializer):
    session_funding_source = FundingSourceField(required=False, allow_null=True)
    category = choice_text(LineCategory.choices)
    allocations = AllocationSerializer(many=True, read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "code",
            "name",
            "category",
            "receives_session_costs",
            "session_funding_source",
            "order",
            "allocations",
        ]


class BudgetSerializer(serializers.ModelSerializer):
    programme_name = serializers.CharField(source="programme.__str__", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sources = BudgetSourceSerializer(many=True, read_only=True)
    lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta:
        model = Budget
        fields = [
            "id",
            "programme",
            "programme_name",
            "organisation",
            "grant_share_max",
            "own_share_min",
            "warning_threshold",
            "notes",
            "sources",
            "lines",
        ]
        read_only_fields = ["programme"]


class BudgetCreateSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    grant_share_max = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    own_share_min = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    warning_threshold = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, default="90")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class BudgetUpdateSerializer(serializers.Serializer):
    grant_share_max = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    own_share_min = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    warning_threshold = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class SourceInSerializer(serializers.Serializer):
    funding_source = FundingSourceField()
    role = choice_text(ContributionRole.choices)
    agreed_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True)


class LineInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=300)
    category = choice_text(LineCategory.choices, default=LineCategory.OTHER)
    receives_session_costs = serializers.BooleanField(default=False)
    session_funding_source = FundingSourceField(required=False, allow_null=True, default=None)
    order = serializers.IntegerField(min_value=0, default=0)


class AllocationInSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    funding_source = FundingSourceField()
    planned_amount = serializers.DecimalField(**MONEY, min_value=0)


def _money(value):
    return None if value is None else f"{value:.2f}"


def _pct(value):
    return None if value is None else f"{value:.2f}"


def _shares(check) -> dict:
    return {
        "total": _money(check.total),
        "grant": _money(check.grant),
        "own": _money(check.own),
        "grant_share": _pct(check.grant_share),
        "own_share": _pct(check.own_share),
        "grant_share_max": _pct(check.grant_share_max),
        "own_share_min": _pct(check.own_share_min),
        "ok": check.ok,
        "reasons": check.reasons,
    }


def utilisation_data(u: selectors.BudgetUtilisation) -> dict:
    """The JSON shape of :class:`selectors.BudgetUtilisation`."""
    return {
        "budget": u.budget.pk,
        "programme": u.budget.programme_id,
        "planned": _money(u.planned),
        "expenses": _money(u.expenses),
        "session_costs": _money(u.sessions),
        "spent": _money(u.spent),
        "percent": _pct(u.percent),
        "status": u.status,
        "participants": u.participants,
        "planned_participants": u.planned_participants,
        "cost_per_participant": _money(u.cost_per_participant),
        "planned_cost_per_participant": _money(u.planned_cost_per_participant),
        "shares_planned": _shares(u.shares_planned),
        "shares_actual": _shares(u.shares_actual),
        "warnings": u.warnings,
        "sources": [
            {
                "funding_source_id": s.funding_source_id,
                "funding_source": s.code,
                "name": s.name,
                "role": s.role,
                "agreed": _money(s.agreed),
                "planned": _money(s.planned),
                "spent": _money(s.spent),
                "percent": _pct(s.percent),
                "status": s.status,
            }
            for s in u.sources
        ],
        "lines": [
            {
                "id": line.line.pk,
                "code": line.line.code,
                "name": line.line.name,
                "planned": _money(line.planned),
                "expenses": _money(line.expenses),
                "session_costs": _money(line.sessions),
                "spent": _money(line.spent),
                "left": _money(line.left),
                "percent": _pct(line.percent),
                "status": line.status,
                "warning": line.message,
                "by_source": [
                    {
                        "funding_source_id": s.funding_source_id,
                        "name": s.name,
                        "planned": _money(s.planned),
                        "spent": _money(s.spent),
                        "left": _money(s.left),
                        "percent": _pct(s.percent),
                        "status": s.status,
                    }
                    for s in line.by_source
                ],
            }
            for line in u.lines
        ],
    }


UtilisationOut = inline_serializer(
    name="BudgetUtilisation",
    fields={
        "budget": serializers.IntegerField(),
        "planned": serializers.CharField(),
        "spent": serializers.CharField(),
        "percent": serializers.CharField(allow_null=True),
        "status": serializers.CharField(),
        "warnings": serializers.ListField(child=serializers.CharField()),
    },
)


class BudgetViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Budget.objects.all()
    serializer_class = BudgetSerializer
    view_permission = selectors.VIEW
    edit_permission = selectors.EDIT
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        return Budget.objects.select_related("programme", "organisation").prefetch_related(
            Prefetch("sources", queryset=BudgetSource.objects.select_related("funding_source")),
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.select_related("session_funding_source").prefetch_related(
                    Prefetch("allocations", queryset=BudgetAllocation.objects.select_related("funding_source"))
                ),
            ),
        )

    @extend_schema(request=BudgetCreateSerializer, responses={201: BudgetSerializer})
    def create(self, request, *args, **kwargs):
        from wsparcie.programmes.models import Programme

        data = BudgetCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        programme = tenancy.get_for_user(
            Programme.objects.all(), request.user, selectors.VIEW, pk=values.pop("programme")
        )
        self.require_edit(programme.organisation_id)
        budget = services.budget_create(actor=request.user, programme=programme, **values)
        return Response(BudgetSerializer(self.base_queryset().get(pk=budget.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BudgetUpdateSerializer, responses=BudgetSerializer)
    def partial_update(self, request, *args, **kwargs):
        budget = self.get_object()
        self.require_edit(budget.organisation_id)
        data = BudgetUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.budget_update(actor=request.user, budget=budget, **data.validated_data)
        return Response(BudgetSerializer(self.base_queryset().get(pk=budget.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(responses=UtilisationOut)
    @action(detail=True, methods=["get"])
    def utilisation(self, request, pk=None):
        return Response(utilisation_data(selectors.budget_utilisation(self.get_object())))

    @extend_schema(request=SourceInSerializer, responses={201: BudgetSourceSerializer})
    @action(detail=True, methods=["post"])
    def sources(self, request, pk=None):
        budget = self.get_object()
        self.require_edit(budget.organisation_id)
        data = SourceInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = services.budget_source_add(actor=request.user, budget=budget, **data.validated_data)
        return Response(BudgetSourceSerializer(source).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LineInSerializer, responses={201: BudgetLineSerializer})
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        budget = self.get_object()
        self.require_edit(budget.organisation_id)
        data = LineInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.budget_line_create(actor=request.user, budget=budget, **data.validated_data)
        return Response(BudgetLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AllocationInSerializer, responses={201: AllocationSerializer})
    @action(detail=True, methods=["post"])
    def allocations(self, request, pk=None):
        budget = self.get_object()
        self.require_edit(budget.organisation_id)
        data = AllocationInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        line = BudgetLine.objects.filter(budget=budget, pk=values.pop("line")).first()
        if line is None:
            raise ValidationError({"line": gettext("Ta pozycja nie należy do budżetu.")})
        allocation = services.allocation_set(actor=request.user, line=line, **values)
        return Response(AllocationSerializer(allocation).data, status=status.HTTP_201_CREATED)


class ExpenseSerializer(serializers.ModelSerializer):
    funding_source = FundingSourceField()
    programme = serializers.IntegerField(source="budget.programme_id", read_only=True)

    class Meta:
        model = Expense
        fields = [
            "id",
            "budget",
            "programme",
            "line",
            "funding_source",
            "spent_on",
            "amount",
            "document_number",
            "description",
            "over_limit_reason",
            "created_at",
        ]
        read_only_fields = ["budget", "created_at"]


class ExpenseInSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    funding_source = FundingSourceField()
    spent_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY)
    document_number = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    over_limit_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ExpenseUpdateSerializer(serializers.Serializer):
    line = serializers.IntegerField(required=False)
    funding_source = FundingSourceField(required=False)
    spent_on = serializers.DateField(required=False)
    amount = serializers.DecimalField(**MONEY, required=False)
    document_number = serializers.CharField(max_length=100, required=False)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    over_limit_reason = serializers.CharField(required=False, allow_blank=True)


ExpenseOut = inline_serializer(
    name="ExpenseWithWarning",
    fields={"expense": ExpenseSerializer(), "warning": serializers.CharField(allow_null=True)},
)


class ExpenseViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Expenses; creating one answers ``{"expense": {...}, "warning": "..."|null}`` so a client
    can show the warning before the line is overspent."""

    queryset = Expense.objects.all()
    serializer_class = ExpenseSerializer
    view_permission = selectors.VIEW
    edit_permission = selectors.EDIT
    filterset_class = ExpenseFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self):
        return Expense.objects.select_related("budget", "line", "funding_source")

    def _line(self, line_id) -> BudgetLine:
        line = tenancy.get_for_user(
            BudgetLine.objects.select_related("budget"), self.request.user, selectors.VIEW, pk=line_id
        )
        self.require_edit(line.organisation_id)
        return line

    @extend_schema(request=ExpenseInSerializer, responses={201: ExpenseOut})
    def create(self, request, *args, **kwargs):
        data = ExpenseInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        line = self._line(values.pop("line"))
        expense = services.expense_create(actor=request.user, line=line, **values)
        return Response(
            {"expense": ExpenseSerializer(expense).data, "warning": selectors.line_warning(line)},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ExpenseUpdateSerializer, responses=ExpenseSerializer)
    def partial_update(self, request, *args, **kwargs):
        expense = self.get_object()
        self.require_edit(expense.organisation_id)
        data = ExpenseUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "line" in values:
            values["line"] = self._line(values["line"])
        expense = services.expense_update(actor=request.user, expense=expense, **values)
        return Response(ExpenseSerializer(expense).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        expense = self.get_object()
        self.require_edit(expense.organisation_id)
        services.expense_delete(actor=request.user, expense=expense, reason=request.query_params.get("reason", ""))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgrammeBudgetView(APIView):
    """``GET /api/v1/programmes/{id}/budget/``: the utilisation of the programme's budget."""

    @extend_schema(responses=UtilisationOut)
    def get(self, request, pk: int):
        from django.http import Http404

        budget = selectors.budgets_for_user(request.user).filter(programme_id=pk).first()
        if budget is None:
            raise Http404
        return Response(utilisation_data(selectors.budget_utilisation(budget)))
