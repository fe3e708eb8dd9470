"""``/api/v1/programmes/``: the register, read by every role of the organisation, written by
coordinators and administrators (``programmes.edit``) through the same services as the pages."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.core.money import parse_pln
from wsparcie.programmes import selectors, services
from wsparcie.programmes.filters import ProgrammeFilter
from wsparcie.programmes.models import (
    DurabilityObligation,
    Milestone,
    MilestoneTarget,
    Programme,
    ProgrammeActivity,
    ProgrammeDocument,
    ProgrammeFunding,
    ProgrammeLimit,
    ProgrammeLink,
    ProgrammeSeries,
    ProgrammeTarget,
    ProjectPartner,
)


class MoneyField(serializers.DecimalField):
    """An amount in złoty: ``"911001.37"`` out; in, a number or a string typed either way
    (``"911001.37"``, ``"911 001,37 zł"``). Bad input -> a Polish message on the field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if data in ("", None):
            return None
        if isinstance(data, bool):
            raise serializers.ValidationError(_("Nieprawidłowa kwota: wpisz np. 911 001,37."))
        if isinstance(data, (int, float, Decimal)):
            data = str(data)
        try:
            value = parse_pln(str(data))
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        if len(value.as_tuple().digits) - max(0, -value.as_tuple().exponent) > self.max_digits - self.decimal_places:
            raise serializers.ValidationError(_("Kwota jest za duża."))
        return value


@extend_schema_field(
    {"type": "string", "description": "Slug of the organisation; on create, where the programme goes (optional)."}
)
class OrganisationSlugField(serializers.Field):
    """The organisation's slug; on create, the organisation the programme goes to."""

    def to_representation(self, value):
        return value.slug

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Podaj identyfikator (slug) organizacji."))
        return data


@extend_schema_field({"type": "string", "nullable": True, "description": "Slug of the series (same organisation)."})
class SeriesSlugField(serializers.Field):
    def to_representation(self, value):
        return value.slug if value else None

    def to_internal_value(self, data):
        if data in (None, ""):
            return None
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Podaj identyfikator (slug) serii."))
        return data


PROGRAMME_LIST_FIELDS = [
    "id",
    "name",
    "short_name",
    "slug",
    "kind",
    "edition",
    "series",
    "organisation",
    "total_value",
    "grant_amount",
    "eu_contribution",
    "own_contribution",
    "co_financing_rate",
    "planned_participants",
    "period_start",
    "period_end",
    "period_precision",
    "period_label",
    "status",
    "is_completed",
    "is_public",
    "recruitment_open",
]


class ProgrammeSerializer(serializers.ModelSerializer):
    organisation = OrganisationSlugField(required=False)
    series = SeriesSlugField(required=False, allow_null=True)
    total_value = MoneyField()
    grant_amount = MoneyField()
    eu_contribution = MoneyField()
    own_contribution = MoneyField()
    co_financing_rate = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True, allow_null=True)
    is_completed = serializers.BooleanField(read_only=True)
    slug = serializers.SlugField(max_length=140, required=False, allow_blank=True)

    class Meta:
        model = Programme
        fields = PROGRAMME_LIST_FIELDS
        validators: list = []  # uniqueness and money rules: the services, with Polish messages


class FundingSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.code")
    source_name = serializers.CharField(source="source.name")
    is_eu = serializers.BooleanField(source="source.is_eu")
    amount = MoneyField(read_only=True)

    class Meta:
        model = ProgrammeFunding
        fields = ["source", "source_name", "is_eu", "amount"]


class PartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["name", "role", "organisation"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeTarget
        fields = ["kind", "label", "count"]


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeActivity
        fields = ["group", "text"]


class LimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeLimit
        fields = ["label", "quantity", "unit", "period", "applies_to", "note"]


class MilestoneTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = MilestoneTarget
        fields = ["label", "value"]


class MilestoneSerializer(serializers.ModelSerializer):
    targets = MilestoneTargetSerializer(many=True, read_only=True)

    class Meta:
        model = Milestone
        fields = ["name", "order", "start", "end", "status", "description", "targets"]


class DurabilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = DurabilityObligation
        fields = ["subject", "places", "min_months", "until", "description"]


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeLink
        fields = ["label", "url"]


class DocumentSerializer(serializers.ModelSerializer):
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeDocument
        fields = ["id", "title", "kind", "original_filename", "size", "declared_size_kb", "has_file"]

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class ProgrammeDetailSerializer(ProgrammeSerializer):
    fundings = FundingSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    limits = LimitSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    durability = DurabilitySerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = PROGRAMME_LIST_FIELDS + [
            "legal_basis",
            "operational_programme",
            "priority_axis",
            "measure",
            "sub_measure",
            "agreement_number",
            "agreement_date",
            "goal",
            "target_group",
            "description",
            "results",
            "contact",
            "fundings",
            "partners",
            "targets",
            "activities",
            "limits",
            "milestones",
            "durability",
            "links",
            "documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ProgrammeViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Programmes and projects of the caller's organisations.

    Filters: ``organisation`` (slug), ``edition``, ``kind``, ``status`` (current|completed),
    ``series`` (slug), ``q`` (search). Amounts are decimal strings, ``null`` where none is
    known; ``co_financing_rate`` is derived (EU share of the total, else the grant's share).
    """

    queryset = Programme.objects.all()
    lookup_value_regex = r"\d+"
    view_permission = selectors.VIEW
    edit_permission = selectors.EDIT
    filterset_class = ProgrammeFilter

    def base_queryset(self):
        if self.action == "list":
            return Programme.objects.select_related("organisation", "series")
        return selectors.with_details(Programme.objects.all())

    def get_serializer_class(self):
        return ProgrammeSerializer if self.action == "list" else ProgrammeDetailSerializer

    def _service_fields(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        return data

    def _resolve_series(self, organisation, fields: dict) -> None:
        if "series" in fields and fields["series"] is not None:
            series = ProgrammeSeries.objects.filter(organisation=organisation, slug=fields["series"]).first()
            if series is None:
                raise ValidationError(
                    {"series": [_("Organizacja nie ma serii „%(slug)s”.") % {"slug": fields["series"]}]}
                )
            fields["series"] = series

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(
            request.user, self.edit_permission, serializer.validated_data.get("organisation")
        )
        fields = self._service_fields(serializer)
        self._resolve_series(organisation, fields)
        for required in ("name", "kind"):
            if not fields.get(required):
                raise ValidationError({required: [_("To pole jest wymagane.")]})
        programme = services.programme_create(actor=request.user, organisation=organisation, **fields)
        programme = selectors.with_details(Programme.objects.filter(pk=programme.pk)).get()
        return Response(
            ProgrammeDetailSerializer(programme, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        programme = self.get_object()
        self.require_edit(programme.organisation)
        serializer = self.get_serializer(programme, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        requested = serializer.validated_data.get("organisation")
        if requested not in (None, "", programme.organisation.slug):
            raise ValidationError({"organisation": [_("Programu nie można przenieść do innej organizacji.")]})
        fields = self._service_fields(serializer)
        self._resolve_series(programme.organisation, fields)
        services.programme_update(actor=request.user, programme=programme, **fields)
        programme = selectors.with_details(Programme.objects.filter(pk=programme.pk)).get()
        return Response(ProgrammeDetailSerializer(programme, context=self.get_serializer_context()).data)

    def destroy(self, request, *args, **kwargs):
        programme = self.get_object()
        self.require_edit(programme.organisation)
        services.programme_delete(actor=request.user, programme=programme)
        return Response(status=status.HTTP_204_NO_CONTENT)
