"""Telecare API: device register, the device event intake, alarms for operators, statistics.

- ``POST /api/v1/telecare/devices/`` ``{"serial", "model", "person"}`` -> 201 with ``token`` (once).
- ``POST /api/v1/telecare/events/`` with ``Authorization: Device <token>`` -> 201 new, 200 repeat,
  401 wrong token, 400 malformed (``{field: [reason]}``).
- ``GET /api/v1/telecare/alarms/?status=open``; ``POST .../alarms/<id>/take/`` (409
  ``already_taken``), ``.../actions/``, ``.../close/``, ``.../release/``.
- ``GET /api/v1/telecare/stats/?month=YYYY-MM``.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from wsparcie.core import tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.telecare import credentials, selectors, services
from wsparcie.telecare.choices import OPERATOR_OUTCOMES, ActionKind, Capability, DeviceKind
from wsparcie.telecare.filters import AlarmFilter, DeviceFilter
from wsparcie.telecare.models import Alarm, AlarmAction, Device, Event

logger = logging.getLogger("wsparcie.telecare.intake")


# --- Device authentication ------------------------------------------------------------------


class DevicePrincipal:
    """``request.user`` for a device: authenticated, but no person and no role anywhere."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    pk = None
    id = None

    def __init__(self, device: Device):
        self.device = device

    def get_username(self) -> str:
        return f"device:{self.device.serial}"

    def __str__(self) -> str:
        return self.get_username()


class DeviceTokenAuthentication(BaseAuthentication):
    """``Authorization: Device <token>``: the token issued at registration (only its SHA-256 is stored)."""

    keyword = "device"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.encode():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Nagłówek Authorization ma postać „Device <token>”."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeError:
            raise AuthenticationFailed(_("Nieprawidłowy token urządzenia.")) from None
        device = Device.objects.filter(token_hash=credentials.token_hash(token)).first()
        if device is None:
            raise AuthenticationFailed(_("Nieprawidłowy token urządzenia."))
        if not device.is_active:
            raise AuthenticationFailed(_("Urządzenie %(serial)s jest nieaktywne.") % {"serial": device.serial})
        return DevicePrincipal(device), device

    def authenticate_header(self, request):
        return 'Device realm="wsparcie-telecare"'


class DeviceTokenScheme(OpenApiAuthenticationExtension):
    """Documents ``Authorization: Device <token>`` in the OpenAPI schema."""

    target_class = "wsparcie.telecare.api.DeviceTokenAuthentication"
    name = "deviceToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "„Device <token>”: the token shown once when the device was registered.",
        }


class IsDevice(BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, Device)


# Fields named "kind" with other choices exist in several apps, and drf-spectacular would name
# the enum components by the field name (a collision warning); these two are documented by a pattern.
@extend_schema_field({"type": "string", "pattern": f"^({'|'.join(DeviceKind.values)})$"})
class DeviceKindField(serializers.ChoiceField):
    pass


@extend_schema_field({"type": "string", "pattern": f"^({'|'.join(ActionKind.values)})$"})
class ActionKindField(serializers.ChoiceField):
    pass


# --- Events ---------------------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    device = serializers.CharField(source="device.serial")
    alarm = serializers.SerializerMethodField()
    duplicate = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "event_id",
            "device",
            "type",
            "occurred_at",
            "received_at",
            "location",
            "battery",
            "channel",
            "alarm",
            "duplicate",
        ]

    def get_alarm(self, obj) -> int | None:
        alarm = getattr(obj, "alarm", None)  # reverse one-to-one: None when the event raised none
        return alarm.pk if alarm else None

    def get_duplicate(self, obj) -> bool:
        return bool(self.context.get("duplicate"))


class EventInSerializer(serializers.Serializer):
    """For the schema only; the intake validates with ``rules.parse_event`` (one set of rules for HTTP and MQTT)."""

    event_id = serializers.CharField(max_length=64)
    device = serializers.CharField(max_length=64)
    type = serializers.ChoiceField(choices=["sos", "fall", "removed", "low_battery", "geofence", "heartbeat", "test"])
    occurred_at = serializers.DateTimeField()
    location = serializers.DictField(required=False, allow_null=True)
    battery = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)


class EventIntakeView(APIView):
    """A device reports an event. Stored (committed) before the answer; a repeated ``event_id``
    of the same device answers 200 and is not stored again."""

    authentication_classes = [DeviceTokenAuthentication]
    permission_classes = [IsDevice]

    @extend_schema(request=EventInSerializer, responses={201: EventSerializer, 200: EventSerializer})
    def post(self, request):
        device: Device = request.auth
        payload = request.data
        named = payload.get("device") if isinstance(payload, dict) else None
        if named not in (None, "") and named != device.serial:
            logger.warning("HTTP event refused: token of %s used for device %r", device.serial, named)
            raise AuthenticationFailed(_("Token nie należy do urządzenia %(serial)s.") % {"serial": named})
        try:
            event, created = services.event_receive(device=device, payload=payload, channel="http")
        except Exception as exc:
            logger.info("HTTP event from %s refused: %s", device.serial, exc)
            raise
        event = Event.objects.select_related("device", "alarm").get(pk=event.pk)
        data = EventSerializer(event, context={"duplicate": not created}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


# --- Devices --------------------------------------------------------------------------------


class DeviceSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    kind = DeviceKindField(choices=DeviceKind.choices, read_only=True)

    class Meta:
        model = Device
        fields = [
            "id",
            "serial",
            "kind",
            "model",
            "capabilities",
            "person",
            "person_name",
            "is_active",
            "last_seen_at",
            "battery",
            "offline_since",
            "created_at",
        ]

    def get_person_name(self, obj) -> str | None:
        return str(obj.person) if obj.person_id else None


class DeviceCreateSerializer(serializers.Serializer):
    serial = serializers.CharField(max_length=64)
    model = serializers.CharField(max_length=100)
    person = serializers.IntegerField()
    kind = DeviceKindField(choices=DeviceKind.choices, required=False, default=DeviceKind.WRISTBAND)
    capabilities = serializers.ListField(
        child=serializers.ChoiceField(choices=Capability.choices), required=False, default=list
    )
    valid_from = serializers.DateField(required=False, allow_null=True)

    def validate_person(self, value):
        try:
            return selectors.person_get_for_user(self.context["request"].user, value, selectors.MANAGE)
        except Http404:
            raise serializers.ValidationError(
                _("Nie znaleziono osoby o id %(id)s w organizacjach, w których zarządzasz teleopieką.") % {"id": value}
            ) from None


class DeviceCreatedSerializer(DeviceSerializer):
    token = serializers.CharField(help_text=gettext_lazy("Pokazywany tylko raz: zapisz go w urządzeniu."))

    class Meta(DeviceSerializer.Meta):
        fields = [*DeviceSerializer.Meta.fields, "token"]


class AssignSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    valid_from = serializers.DateField(required=False, allow_null=True)


class DeviceViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Safety devices of the organisation. Registering and managing them needs ``telecare.manage``."""

    queryset = Device.objects.select_related("person")
    serializer_class = DeviceSerializer
    view_permission = selectors.VIEW
    edit_permission = selectors.MANAGE
    filterset_class = DeviceFilter

    @extend_schema(request=DeviceCreateSerializer, responses={201: DeviceCreatedSerializer})
    def create(self, request):
        if not tenancy.has_perm(request.user, selectors.MANAGE):
            raise PermissionDenied
        serializer = DeviceCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        person = data["person"]
        device, token = services.device_register(
            actor=request.user,
            organisation=person.organisation,
            serial=data["serial"],
            model=data["model"],
            kind=data["kind"],
            capabilities=data["capabilities"],
            person=person,
            valid_from=data.get("valid_from"),
        )
        device.token = token
        return Response(DeviceCreatedSerializer(device).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: inline_serializer("DeviceToken", {"token": serializers.CharField()})})
    @action(detail=True, methods=["post"], url_path="rotate-token")
    def rotate_token(self, request, pk=None):
        device = self.get_object()
        token = services.device_rotate_token(actor=request.user, device=device)
        return Response({"token": token})

    @extend_schema(request=None, responses={200: DeviceSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        device = services.device_set_active(actor=request.user, device=self.get_object(), active=False)
        return Response(DeviceSerializer(device).data)

    @extend_schema(request=None, responses={200: DeviceSerializer})
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        device = services.device_set_active(actor=request.user, device=self.get_object(), active=True)
        return Response(DeviceSerializer(device).data)

    @extend_schema(request=AssignSerializer, responses={200: DeviceSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        device = self.get_object()
        serializer = AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            person = selectors.person_get_for_user(request.user, serializer.validated_data["person"], selectors.MANAGE)
        except Http404:
            raise serializers.ValidationError({"person": [_("Nie znaleziono tej osoby.")]}) from None
        services.device_assign(
            actor=request.user, device=device, person=person, valid_from=serializer.validated_data.get("valid_from")
        )
        device.refresh_from_db()
        return Response(DeviceSerializer(device).data)


# --- Alarms ---------------------------------------------------------------------------------


class AlarmSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    type = serializers.CharField(
        source="kind", read_only=True, help_text="the same as kind (the event type that raised it)"
    )
    device = serializers.CharField(source="device.serial")
    event_id = serializers.SerializerMethodField()
    taken_by = serializers.SerializerMethodField()
    waiting_seconds = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Alarm
        fields = [
            "id",
            "kind",
            "type",
            "kind_label",
            "priority",
            "status",
            "status_label",
            "person",
            "person_name",
            "device",
            "event_id",
            "location",
            "raised_at",
            "waiting_seconds",
            "taken_by",
            "taken_at",
            "escalated",
            "escalated_at",
            "closed_at",
            "outcome",
            "outcome_note",
        ]

    def get_person_name(self, obj) -> str | None:
        return str(obj.person) if obj.person_id else None

    def get_event_id(self, obj) -> str | None:
        return obj.event.event_id if obj.event_id else None

    def get_taken_by(self, obj) -> str | None:
        return obj.taken_by.get_username() if obj.taken_by_id else None

    def get_waiting_seconds(self, obj) -> int:
        end = obj.taken_at or obj.closed_at or timezone.now()
        return max(0, int((end - obj.raised_at).total_seconds()))


class AlarmActionSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    kind = ActionKindField(choices=ActionKind.choices, read_only=True)

    class Meta:
        model = AlarmAction
        fields = ["id", "kind", "contact", "contact_label", "note", "actor", "at"]

    def get_actor(self, obj) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None


class ActionInSerializer(serializers.Serializer):
    kind = ActionKindField(choices=ActionKind.choices)
    contact = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CloseInSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=OPERATOR_OUTCOMES)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AlarmViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Alarms of the organisation; ``?status=open`` is the queue waiting for an operator."""

    queryset = Alarm.objects.select_related("person", "device", "taken_by", "event").order_by(
        "priority", "raised_at", "id"
    )
    serializer_class = AlarmSerializer
    view_permission = selectors.VIEW
    filterset_class = AlarmFilter

    @extend_schema(request=None, responses={200: AlarmSerializer})
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        alarm = services.alarm_take(actor=request.user, alarm=self.get_object())
        return Response(AlarmSerializer(self.get_queryset().get(pk=alarm.pk)).data)

    @extend_schema(request=None, responses={200: AlarmSerializer})
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        alarm = services.alarm_release(actor=request.user, alarm=self.get_object())
        return Response(AlarmSerializer(self.get_queryset().get(pk=alarm.pk)).data)

    @extend_schema(
        request=ActionInSerializer, responses={201: AlarmActionSerializer, 200: AlarmActionSerializer(many=True)}
    )
    @action(detail=True, methods=["get", "post"])
    def actions(self, request, pk=None):
        alarm = self.get_object()
        if request.method == "GET":
            return Response(AlarmActionSerializer(selectors.alarm_actions(alarm), many=True).data)
        serializer = ActionInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = None
        if serializer.validated_data.get("contact"):
            try:
                contact = selectors.contact_get_for_user(
                    request.user, serializer.validated_data["contact"], selectors.VIEW
                )
            except Http404:
                raise serializers.ValidationError({"contact": [_("Nie znaleziono tej osoby kontaktowej.")]}) from None
        action_obj = services.alarm_add_action(
            actor=request.user,
            alarm=alarm,
            kind=serializer.validated_data["kind"],
            contact=contact,
            note=serializer.validated_data["note"],
        )
        return Response(AlarmActionSerializer(action_obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseInSerializer, responses={200: AlarmSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        alarm = self.get_object()
        serializer = CloseInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alarm = services.alarm_close(
            actor=request.user,
            alarm=alarm,
            outcome=serializer.validated_data["outcome"],
            note=serializer.validated_data["note"],
        )
        return Response(AlarmSerializer(self.get_queryset().get(pk=alarm.pk)).data)


# --- Statistics -----------------------------------------------------------------------------


class StatsView(APIView):
    """Alarms of one month: by type, time to take and to close (median, 90th percentile, in
    seconds), false-alarm share; the same per senior."""

    @extend_schema(
        parameters=[
            OpenApiParameter("month", str, description=gettext_lazy("YYYY-MM (domyślnie bieżący miesiąc)")),
            OpenApiParameter("organisation", str, description=gettext_lazy("identyfikator (slug) organizacji")),
        ],
        responses={200: inline_serializer("TelecareStats", {"month": serializers.CharField()})},
    )
    def get(self, request):
        try:
            month = selectors.Month.parse(request.query_params.get("month"))
        except ValueError:
            return Response(
                {"month": [_("Podaj miesiąc jako RRRR-MM, np. 2024-05.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        org_ids = tenancy.organisation_ids(request.user, selectors.VIEW)
        if not org_ids:
            raise PermissionDenied
        slug = request.query_params.get("organisation")
        if slug:
            org_ids = list(
                tenancy.organisations_for(request.user, selectors.VIEW).filter(slug=slug).values_list("pk", flat=True)
            )
            if not org_ids:
                raise Http404
        return Response(selectors.alarm_stats(org_ids, month))
