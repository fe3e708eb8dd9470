"""API of the registry (routes in ``api_urls.py``, under /api/v1/).

- ``/persons/``: list (filters: q = name, sex, born_from, born_to, teryt, area, household), create,
  retrieve (writes a "view" audit entry), update; ``POST /persons/search/`` finds by PESEL (never
  a query string: ``?pesel=`` and digits in ``q`` answer 400); nested ``certificates`` (health
  data: "health.view"), ``relations``, ``incomes``, ``income-check``, ``merge``.
- ``/households/``, ``/relations/{id}/``, ``/certificates/{id}/``, ``/areas/``,
  ``/income-criteria/``, ``/duplicates/`` (dismiss, merge), ``/imports/`` (upload, status, errors).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.people import imports, rules, selectors, services
from wsparcie.people.choices import (
    CAUSE_SYMBOLS,
    CertificateKind,
    Degree,
    EquivalentType,
    ImportMode,
    RelationKind,
    Sex,
)
from wsparcie.people.filters import DuplicateFilter, ImportFilter, PersonFilter
from wsparcie.people.models import (
    DisabilityCertificate,
    DuplicateCandidate,
    Household,
    ImportJob,
    IncomeCriterion,
    IncomeRecord,
    NamedArea,
    Person,
    Relation,
)

# --- serializers ------------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            "pesel",
            "other_id_type",
            "other_id_number",
            "first_name",
            "last_name",
            "birth_date",
            "sex",
            "citizenship",
            "phone",
            "email",
            "street",
            "postal_code",
            "city",
            "teryt",
            "areas",
            "household",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PersonInputSerializer(serializers.Serializer):
    """What a client may send; the service validates (PESEL, TERYT, agreement with the PESEL)."""

    organisation = serializers.CharField(required=False, help_text="Slug or id, when the caller works for several.")
    pesel = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=True)
    other_id_type = serializers.CharField(required=False, allow_blank=True)
    other_id_number = serializers.CharField(required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=150)
    birth_date = serializers.DateField(required=False, allow_null=True)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    citizenship = serializers.CharField(required=False, allow_blank=True, max_length=2)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=50)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    street = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postal_code = serializers.CharField(required=False, allow_blank=True, max_length=20)
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
    teryt = serializers.CharField(required=False, allow_blank=True, max_length=20)
    household = serializers.IntegerField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)


class PersonSearchSerializer(serializers.Serializer):
    pesel = serializers.CharField(required=False, allow_blank=True)
    q = serializers.CharField(required=False, allow_blank=True, help_text=_("Imię lub nazwisko."))


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisabilityCertificate
        fields = [
            "id",
            "person",
            "kind",
            "degree",
            "equivalent_type",
            "symbols",
            "indications",
            "issued_on",
            "valid_until",
            "issuer",
            "created_at",
        ]
        read_only_fields = fields


class CertificateInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificateKind.choices)
    degree = serializers.ChoiceField(choices=Degree.choices, required=False, allow_blank=True, allow_null=True)
    equivalent_type = serializers.ChoiceField(choices=EquivalentType.choices, required=False, allow_blank=True)
    symbols = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    indications = serializers.BooleanField(required=False, default=False)
    issued_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    issuer = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def validate_symbols(self, value):
        unknown = [s for s in value if s not in CAUSE_SYMBOLS]
        if unknown:
            raise serializers.ValidationError(
                gettext("Nieznany symbol przyczyny: %(symbols)s. Dozwolone: 01-U … 12-C.")
                % {"symbols": ", ".join(unknown)}
            )
        return value


class RelationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Relation
        fields = ["id", "person", "relative", "kind", "is_caregiver", "created_at"]
        read_only_fields = fields


class RelationInputSerializer(serializers.Serializer):
    relative = serializers.IntegerField(help_text=_("Id osoby, wobec której zachodzi relacja."))
    kind = serializers.ChoiceField(choices=RelationKind.choices)
    is_caregiver = serializers.BooleanField(required=False, allow_null=True, default=None)
    direction = serializers.ChoiceField(
        choices=[
            ("from", _("osoba z adresu jest <kind> wobec relative")),
            ("to", _("relative jest <kind> wobec osoby z adresu")),
        ],
        required=False,
        default="from",
    )


class IncomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncomeRecord
        fields = ["id", "person", "established_on", "household_size", "income_per_person", "created_at"]
        read_only_fields = fields


class IncomeInputSerializer(serializers.Serializer):
    established_on = serializers.DateField()
    household_size = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    income_per_person = serializers.DecimalField(max_digits=10, decimal_places=2)


class HouseholdSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = ["id", "name", "members", "created_at"]
        read_only_fields = fields

    def get_members(self, obj) -> list[int]:
        return [m.pk for m in obj.members.all()]


class HouseholdInputSerializer(serializers.Serializer):
    organisation = serializers.CharField(required=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    members = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class NamedAreaSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = NamedArea
        fields = ["id", "organisation", "code", "name", "description", "teryt_codes", "streets"]
        read_only_fields = ["id", "organisation"]
        extra_kwargs = {"code": {"validators": []}}


class IncomeCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncomeCriterion
        fields = ["id", "valid_from", "single_person", "per_person_in_family", "legal_basis"]


class DuplicateSerializer(serializers.ModelSerializer):
    person_a = PersonSerializer(read_only=True)
    person_b = PersonSerializer(read_only=True)

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "person_a", "person_b", "reason", "similarity", "status", "reviewed_at", "note", "created_at"]
        read_only_fields = fields


class ImportJobSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    errors = serializers.SerializerMethodField()
    errors_truncated = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "organisation",
            "kind",
            "mode",
            "status",
            "file_name",
            "rows",
            "processed",
            "valid_rows",
            "imported",
            "error_count",
            "errors",
            "errors_truncated",
            "message",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_errors(self, obj) -> list[dict]:
        return (obj.errors or [])[: imports.ERRORS_SHOWN]

    def get_errors_truncated(self, obj) -> bool:
        return len(obj.errors or []) > imports.ERRORS_SHOWN


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.CharField(default="persons")
    mode = serializers.ChoiceField(
        choices=[ImportMode.VALID_ROWS, ImportMode.ALL_OR_NOTHING, ImportMode.PREVIEW], default=ImportMode.VALID_ROWS
    )
    organisation = serializers.CharField(required=False)


# --- helpers ------------------------------------------------------------------------------------


def _person_data(validated: dict, person_org_id: int | None, user) -> dict:
    data = dict(validated)
    data.pop("organisation", None)
    if "household" in data:
        household_id = data.pop("household")
        if household_id is None:
            data["household"] = None
        else:
            household = tenancy.scope(Household.objects.all(), user, "people.edit").filter(pk=household_id).first()
            if household is None or (person_org_id and household.organisation_id != person_org_id):
                raise ValidationError({"household": gettext("Nie ma takiego gospodarstwa domowego w tej organizacji.")})
            data["household"] = household
    return data


def _require(user, perm: str, organisation_id: int) -> None:
    if not tenancy.has_perm(user, perm, organisation_id):
        raise PermissionDenied


# --- viewsets -----------------------------------------------------------------------------------


class PersonViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Persons of the caller's organisations. PESEL is never accepted in a query string."""

    queryset = Person.objects.select_related("organisation")
    serializer_class = PersonSerializer
    view_permission = "people.view"
    edit_permission = "people.edit"
    filterset_class = PersonFilter

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return PersonInputSerializer
        return PersonSerializer

    def list(self, request, *args, **kwargs):
        if "pesel" in request.query_params or selectors.looks_like_id_number(request.query_params.get("q", "")):
            raise ValidationError(
                {"pesel": gettext("Nie wysyłaj numeru PESEL w adresie: szukaj przez POST /api/v1/persons/search/.")}
            )
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PersonInputSerializer, responses={201: PersonSerializer})
    def create(self, request, *args, **kwargs):
        serializer = PersonInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(
            request.user, "people.edit", serializer.validated_data.get("organisation")
        )
        data = _person_data(serializer.validated_data, organisation.pk, request.user)
        person = services.person_create(actor=request.user, organisation=organisation, **data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        services.person_record_view(actor=request.user, person=person)
        return Response(PersonSerializer(person).data)

    @extend_schema(request=PersonInputSerializer, responses=PersonSerializer)
    def update(self, request, *args, **kwargs):
        person = self.get_object()
        self.require_edit(person.organisation_id)
        partial = kwargs.pop("partial", False)
        serializer = PersonInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = _person_data(serializer.validated_data, person.organisation_id, request.user)
        if "birth_date" in data and data["birth_date"] is None and person.pesel:
            data.pop("birth_date")
        person = services.person_update(actor=request.user, person=person, data=data)
        return Response(PersonSerializer(person).data)

    @extend_schema(request=PersonSearchSerializer, responses=PersonSerializer(many=True))
    @action(detail=False, methods=["post"])
    def search(self, request):
        """Find by PESEL (exact) or by name, with the query in the body, never in the URL."""
        serializer = PersonSearchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pesel = (serializer.validated_data.get("pesel") or "").strip()
        text = (serializer.validated_data.get("q") or "").strip()
        if pesel:
            person = selectors.person_find_by_pesel(request.user, pesel)
            results = [person] if person else []
            for found in results:
                services.person_record_view(actor=request.user, person=found, note="wyszukanie po numerze PESEL")
        elif text:
            results = list(selectors.persons_search(self.get_queryset(), text)[:50])
        else:
            raise ValidationError({"pesel": gettext("Podaj numer PESEL albo imię i nazwisko (q).")})
        return Response({"count": len(results), "results": PersonSerializer(results, many=True).data})

    # -- certificates (health data)
    @extend_schema(
        methods=["GET"],
        parameters=[OpenApiParameter("valid_on", dt.date, description=_("Tylko ważne tego dnia, najlepsze pierwsze."))],
        responses=CertificateSerializer(many=True),
    )
    @extend_schema(methods=["POST"], request=CertificateInputSerializer, responses={201: CertificateSerializer})
    @action(detail=True, methods=["get", "post"])
    def certificates(self, request, pk=None):
        person = self.get_object()
        _require(request.user, "health.view", person.organisation_id)
        if request.method == "POST":
            _require(request.user, "people.edit", person.organisation_id)
            serializer = CertificateInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            data["degree"] = data.get("degree") or ""
            cert = services.certificate_create(actor=request.user, person=person, **data)
            return Response(CertificateSerializer(cert).data, status=status.HTTP_201_CREATED)
        services.person_record_view(actor=request.user, person=person, note="orzeczenia o niepełnosprawności")
        certs = list(selectors.certificates_of(person))
        valid_on = request.query_params.get("valid_on")
        if valid_on:
            try:
                on = dt.date.fromisoformat(valid_on)
            except ValueError as exc:
                raise ValidationError({"valid_on": gettext("Data w formacie RRRR-MM-DD.")}) from exc
            best = selectors.certificate_valid_on(person, on)
            valid = [c for c in certs if rules.is_valid_on(selectors.certificate_facts(c), on)]
            certs = ([best] if best else []) + [c for c in valid if best is None or c.pk != best.pk]
        return Response(CertificateSerializer(certs, many=True).data)

    # -- relations
    @extend_schema(methods=["GET"], responses=RelationSerializer(many=True))
    @extend_schema(methods=["POST"], request=RelationInputSerializer, responses={201: RelationSerializer})
    @action(detail=True, methods=["get", "post"])
    def relations(self, request, pk=None):
        person = self.get_object()
        if request.method == "POST":
            self.require_edit(person.organisation_id)
            serializer = RelationInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            relative = self.get_queryset().filter(pk=data["relative"], organisation_id=person.organisation_id).first()
            if relative is None:
                raise ValidationError({"relative": gettext("Nie ma takiej osoby w rejestrze tej organizacji.")})
            a, b = (person, relative) if data["direction"] == "from" else (relative, person)
            relation = services.relation_create(
                actor=request.user, person=a, relative=b, kind=data["kind"], is_caregiver=data.get("is_caregiver")
            )
            return Response(RelationSerializer(relation).data, status=status.HTTP_201_CREATED)
        return Response(RelationSerializer(selectors.relations_of(person), many=True).data)

    # -- incomes
    @extend_schema(methods=["GET"], responses=IncomeSerializer(many=True))
    @extend_schema(methods=["POST"], request=IncomeInputSerializer, responses={201: IncomeSerializer})
    @action(detail=True, methods=["get", "post"])
    def incomes(self, request, pk=None):
        person = self.get_object()
        if request.method == "POST":
            self.require_edit(person.organisation_id)
            serializer = IncomeInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            record = services.income_record_create(actor=request.user, person=person, **serializer.validated_data)
            return Response(IncomeSerializer(record).data, status=status.HTTP_201_CREATED)
        return Response(IncomeSerializer(person.incomes.all(), many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("on", dt.date, description=_("Dzień (domyślnie dziś).")),
            OpenApiParameter("percent", int, description=_("Próg w % kryterium (domyślnie 100).")),
        ],
        responses=inline_serializer(
            "IncomeCheck",
            {
                "on": serializers.DateField(),
                "percent": serializers.DecimalField(max_digits=6, decimal_places=2),
                "criterion": IncomeCriterionSerializer(allow_null=True),
                "income": IncomeSerializer(allow_null=True),
                "limit": serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True),
                "within": serializers.BooleanField(allow_null=True),
            },
        ),
    )
    @action(detail=True, methods=["get"], url_path="income-check")
    def income_check(self, request, pk=None):
        """Is the income at most ``percent``% of the statutory criterion on ``on``? Computed."""
        person = self.get_object()
        try:
            on = dt.date.fromisoformat(request.query_params.get("on") or timezone.localdate().isoformat())
            percent = Decimal(request.query_params.get("percent") or "100")
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError({"on": gettext("Data RRRR-MM-DD; percent: liczba.")}) from exc
        criterion, income = selectors.income_criterion_on(on), selectors.income_on(person, on)
        limit = within = None
        if criterion is not None and income is not None:
            limit = rules.income_limit(
                single_person=criterion.single_person,
                per_person_in_family=criterion.per_person_in_family,
                household_size=income.household_size,
                percent=percent,
            )
            within = income.income_per_person <= limit
        return Response(
            {
                "on": on,
                "percent": str(percent),
                "criterion": IncomeCriterionSerializer(criterion).data if criterion else None,
                "income": IncomeSerializer(income).data if income else None,
                "limit": str(limit) if limit is not None else None,
                "within": within,
            }
        )

    @extend_schema(
        request=inline_serializer(
            "PersonMerge", {"other": serializers.IntegerField(), "note": serializers.CharField(required=False)}
        ),
        responses=PersonSerializer,
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge person ``other`` into this one (explicit, audited; "people.merge")."""
        keep = self.get_object()
        _require(request.user, "people.merge", keep.organisation_id)
        other_id = request.data.get("other")
        other = (
            self.get_queryset().filter(pk=other_id, organisation_id=keep.organisation_id).first()
            if str(other_id or "").isdigit()
            else None
        )
        if other is None:
            raise ValidationError({"other": gettext("Nie ma takiej osoby w rejestrze tej organizacji.")})
        person = services.person_merge(
            actor=request.user, keep=keep, remove=other, note=str(request.data.get("note") or "")
        )
        return Response(PersonSerializer(person).data)


class HouseholdViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Household.objects.prefetch_related(
        Prefetch("members", queryset=Person.objects.only("id", "household_id"))
    )
    serializer_class = HouseholdSerializer
    view_permission = "people.view"
    edit_permission = "people.edit"

    @extend_schema(request=HouseholdInputSerializer, responses={201: HouseholdSerializer})
    def create(self, request, *args, **kwargs):
        serializer = HouseholdInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(
            request.user, "people.edit", serializer.validated_data.get("organisation")
        )
        ids = serializer.validated_data["members"]
        members = list(Person.objects.filter(organisation=organisation, pk__in=ids))
        if len(members) != len(set(ids)):
            raise ValidationError({"members": gettext("Nie wszystkie osoby są w rejestrze tej organizacji.")})
        household = services.household_create(
            actor=request.user,
            organisation=organisation,
            name=serializer.validated_data.get("name", ""),
            members=members,
        )
        return Response(
            HouseholdSerializer(self.get_queryset().get(pk=household.pk)).data, status=status.HTTP_201_CREATED
        )


class RelationViewSet(ScopedViewSetMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = Relation.objects.all()
    serializer_class = RelationSerializer
    view_permission = "people.view"
    edit_permission = "people.edit"

    def perform_destroy(self, instance):
        self.require_edit(instance.organisation_id)
        services.relation_delete(actor=self.request.user, relation=instance)


class CertificateViewSet(
    ScopedViewSetMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """One certificate (health data: "health.view"); PATCH corrects it (history: add a new one)."""

    queryset = DisabilityCertificate.objects.all()
    serializer_class = CertificateSerializer
    view_permission = "health.view"
    edit_permission = "people.edit"

    @extend_schema(request=CertificateInputSerializer, responses=CertificateSerializer)
    def update(self, request, *args, **kwargs):
        cert = self.get_object()
        self.require_edit(cert.organisation_id)
        serializer = CertificateInputSerializer(data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in request.data}
        if "degree" in data:
            data["degree"] = data["degree"] or ""
        cert = services.certificate_update(actor=request.user, certificate=cert, data=data)
        return Response(CertificateSerializer(cert).data)


class NamedAreaViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = NamedArea.objects.select_related("organisation")
    serializer_class = NamedAreaSerializer
    view_permission = "people.view"
    edit_permission = "people.edit"

    def create(self, request, *args, **kwargs):
        serializer = NamedAreaSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = tenancy.organisation_for_write(request.user, "people.edit", request.data.get("organisation"))
        area = services.named_area_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(NamedAreaSerializer(area).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        area = self.get_object()
        self.require_edit(area.organisation_id)
        serializer = NamedAreaSerializer(area, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        area = services.named_area_update(actor=request.user, area=area, data=dict(serializer.validated_data))
        return Response(NamedAreaSerializer(area).data)


class IncomeCriterionViewSet(viewsets.ReadOnlyModelViewSet):
    """The statutory income criteria (reference data, the same for everyone)."""

    queryset = IncomeCriterion.objects.all()
    serializer_class = IncomeCriterionSerializer
    pagination_class = None

    @extend_schema(parameters=[OpenApiParameter("date", dt.date)], responses=IncomeCriterionSerializer)
    @action(detail=False, methods=["get"])
    def on(self, request):
        try:
            day = dt.date.fromisoformat(request.query_params.get("date") or timezone.localdate().isoformat())
        except ValueError as exc:
            raise ValidationError({"date": gettext("Data w formacie RRRR-MM-DD.")}) from exc
        criterion = selectors.income_criterion_on(day)
        if criterion is None:
            raise Http404
        return Response(IncomeCriterionSerializer(criterion).data)


class DuplicateViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = DuplicateCandidate.objects.select_related("person_a__organisation", "person_b__organisation")
    serializer_class = DuplicateSerializer
    view_permission = "people.merge"
    filterset_class = DuplicateFilter

    @extend_schema(request=inline_serializer("DuplicateDismiss", {"note": serializers.CharField(required=False)}))
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        candidate = self.get_object()
        candidate = services.duplicate_dismiss(
            actor=request.user, candidate=candidate, note=str(request.data.get("note") or "")
        )
        return Response(DuplicateSerializer(candidate).data)

    @extend_schema(
        request=inline_serializer(
            "DuplicateMerge", {"keep": serializers.IntegerField(), "note": serializers.CharField(required=False)}
        ),
        responses=PersonSerializer,
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        candidate = self.get_object()
        keep_id = str(request.data.get("keep") or "")
        pair = {str(candidate.person_a_id): candidate.person_a, str(candidate.person_b_id): candidate.person_b}
        if keep_id not in pair:
            raise ValidationError(
                {
                    "keep": gettext("Wskaż rekord, który zostaje: %(a)s albo %(b)s.")
                    % {"a": candidate.person_a_id, "b": candidate.person_b_id}
                }
            )
        keep = pair.pop(keep_id)
        remove = next(iter(pair.values()))
        person = services.person_merge(
            actor=request.user, keep=keep, remove=remove, note=str(request.data.get("note") or "")
        )
        return Response(PersonSerializer(person).data)


class ImportJobViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """``POST`` a CSV/XLSX file (multipart: file, kind, mode); small files are processed at once
    (the answer is already "done" or "failed"), big ones in the background ("running": poll)."""

    queryset = ImportJob.objects.defer("content").select_related("organisation")
    serializer_class = ImportJobSerializer
    view_permission = "imports.run"
    filterset_class = ImportFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def list(self, request, *args, **kwargs):
        imports.imports_fail_interrupted()
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        imports.imports_fail_interrupted()
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={201: ImportJobSerializer, 202: ImportJobSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = ImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        importer = imports.get_importer(data["kind"])
        organisation = tenancy.organisation_for_write(request.user, "imports.run", data.get("organisation"))
        _require(request.user, importer.permission, organisation.pk)
        upload = data["file"]
        job = imports.import_start(
            actor=request.user,
            organisation=organisation,
            kind=data["kind"],
            mode=data["mode"],
            file_name=upload.name,
            content=upload.read(),
        )
        code = status.HTTP_202_ACCEPTED if job.status == "running" else status.HTTP_201_CREATED
        return Response(ImportJobSerializer(job).data, status=code)

    @extend_schema(responses={(200, "text/csv"): str})
    @action(detail=True, methods=["get"])
    def errors(self, request, pk=None):
        """All row errors as CSV (semicolons, UTF-8 with BOM: opens in Excel)."""
        job = self.get_object()
        response = HttpResponse(imports.errors_csv(job), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="bledy-importu-{job.pk}.csv"'
        return response

    @extend_schema(
        request=inline_serializer(
            "ImportDecision", {"mode": serializers.ChoiceField(choices=["valid_rows", "all_or_nothing", "cancel"])}
        ),
        responses=ImportJobSerializer,
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """After ``mode=preview``: import the valid rows, everything or nothing, or cancel."""
        job = self.get_object()
        job = imports.import_decide(actor=request.user, job=job, mode=str(request.data.get("mode") or ""))
        return Response(ImportJobSerializer(job).data)
