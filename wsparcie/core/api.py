"""API plumbing shared by every app: the exception handler, scoped viewset base, token login,
and the core endpoints (current user, organisations, audit trail)."""

from __future__ import annotations

import logging

from axes.exceptions import AxesBackendPermissionDenied
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.models import AuditEntry, Organisation

logger = logging.getLogger("wsparcie.security")


def _validation_error_data(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        data = {}
        for field, errors in exc.message_dict.items():
            data["non_field_errors" if field == NON_FIELD_ERRORS else field] = list(errors)
        return data
    return {"non_field_errors": list(exc.messages)}


def exception_handler(exc, context):
    """ApplicationError -> RFC 7807 problem with ``code`` and ``detail``; Django's
    ValidationError -> 400 with messages per field, as DRF's own validation errors."""
    if isinstance(exc, ApplicationError):
        body = {
            "type": f"urn:wsparcie:error:{exc.code}",
            "title": exc.message,
            "status": exc.status,
            "code": exc.code,
            "detail": exc.message,
            **exc.extra,
        }
        return Response(body, status=exc.status, content_type="application/problem+json")
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_error_data(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, AxesBackendPermissionDenied):
        return Response(
            {
                "code": "locked_out",
                "detail": gettext("Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później."),
            },
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
    if isinstance(exc, Http404):
        return Response({"code": "not_found", "detail": gettext("Nie znaleziono.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return Response(
            {"code": "permission_denied", "detail": gettext("Brak uprawnień.")}, status=status.HTTP_403_FORBIDDEN
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data["code"] = getattr(detail, "code", None) or "error"
    return response


class ScopedViewSetMixin:
    """A viewset over tenant-owned rows: the queryset is always narrowed to the organisations
    where the caller holds ``view_permission`` (another organisation's row answers 404)."""

    view_permission: str = ""
    edit_permission: str = ""
    organisation_field: str = "organisation"

    def base_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        return tenancy.scope(self.base_queryset(), self.request.user, self.view_permission, self.organisation_field)

    def require_edit(self, organisation) -> None:
        tenancy.require_perm(self.request.user, self.edit_permission, organisation)


class LoginThrottle(AnonRateThrottle):
    scope = "login"


class TokenOutSerializer(serializers.Serializer):
    token = serializers.CharField()


@extend_schema(request=AuthTokenSerializer, responses=TokenOutSerializer)
class TokenView(APIView):
    """``POST {"username", "password"}`` -> ``{"token": ...}``; then send
    ``Authorization: Token <token>``. Repeated failures lock the name out (django-axes)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [LoginThrottle]
    serializer_class = AuthTokenSerializer

    def post(self, request):
        # django-axes tracks failures on the underlying HttpRequest.
        serializer = AuthTokenSerializer(data=request.data, context={"request": request._request})
        if not serializer.is_valid():
            logger.warning(
                "API login failed for %r from %s", request.data.get("username"), request.META.get("REMOTE_ADDR")
            )
            return Response(
                {
                    "code": "invalid_credentials",
                    "detail": gettext("Nieprawidłowa nazwa użytkownika lub hasło."),
                    **serializer.errors,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "street",
            "postal_code",
            "city",
            "teryt",
            "phones",
            "email",
            "website",
            "office_hours",
        ]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations are public facts (names, addresses, office hours)."""

    queryset = Organisation.objects.filter(is_tenant=True)
    serializer_class = OrganisationSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"


class MembershipOutSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    role = serializers.CharField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    memberships = MembershipOutSerializer(many=True)


class MeView(APIView):
    """The caller and their roles in organisations."""

    serializer_class = MeSerializer

    def get(self, request):
        memberships = request.user.memberships.select_related("organisation")
        return Response(
            {
                "username": request.user.get_username(),
                "memberships": [{"organisation": m.organisation.slug, "role": m.role} for m in memberships],
            }
        )


class AuditEntrySerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "actor_name",
            "organisation",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "note",
        ]


class AuditEntryFilter(filters.FilterSet):
    organisation = filters.CharFilter(field_name="organisation__slug")
    since = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lte")
    actor = filters.CharFilter(field_name="actor_name", lookup_expr="icontains")

    class Meta:
        model = AuditEntry
        fields = ["organisation", "action", "object_type", "object_id", "actor"]


class AuditEntryViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail, read-only (administrators and auditors of the organisation)."""

    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    view_permission = "audit.view"
    filterset_class = AuditEntryFilter
