"""API of the plans app (mounted under /api/v1/, routes in api_urls.py).

- ``/plans/``: list, create, retrieve, update; actions ``activate``, ``complete``,
  ``discontinue``, ``assessment`` (PUT), ``goals``, ``actions``, ``reviews`` (POST), ``pdf`` (GET).
- ``/plan-goals/``, ``/plan-actions/`` (+ ``done``), ``/plan-reviews/`` (+ ``record``).
- ``/pal-programmes/``, ``/pal-rounds/``, ``/pal-groups/`` (+ ``members``, ``sessions``),
  ``/pal-sessions/`` (+ ``attendance``).
- ``/cooperation-teams/`` (+ ``members``), ``/cooperation-team-members/``, ``/social-initiatives/``.

Everything is scoped by ``core.tenancy``: another organisation's object answers 404, lists never
show it. Writes call the services (``plans.edit``); a rule they break answers 409 with ``code``.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, permissions, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from wsparcie.core import audit, tenancy
from wsparcie.core.api import ScopedViewSetMixin
from wsparcie.people.models import Person
from wsparcie.plans import selectors, services
from wsparcie.plans.choices import InstitutionType, PlanKind, TeamKind
from wsparcie.plans.filters import GroupFilter, GroupSessionFilter, InitiativeFilter, PlanApiFilter, TeamFilter
from wsparcie.plans.models import (
    Action,
    Assessment,
    CooperationTeam,
    CooperationTeamMember,
    Goal,
    Group,
    GroupSession,
    LocalActivityProgramme,
    Review,
    Round,
    SocialInitiative,
    SupportPlan,
)
from wsparcie.plans.pdf import plan_pdf_filename, render_plan_pdf

VIEW, EDIT = selectors.VIEW, selectors.EDIT


class HasPlansPermission(permissions.BasePermission):
    """The caller holds ``plans.view`` in some organisation (otherwise 403, not an empty list)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and tenancy.has_perm(request.user, VIEW))


@extend_schema_field(OpenApiTypes.INT)
class ScopedPK(serializers.PrimaryKeyRelatedField):
    """A primary key looked up only among the rows the caller may use (others: "does not exist")."""

    def __init__(self, scoped, **kwargs):
        self.scoped = scoped
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scoped(self.context["request"].user)


def _edit_orgs(user):
    return tenancy.organisation_ids(user, EDIT)


def _scoped(model, field="organisation"):
    return lambda user: model.objects.filter(**{f"{field}__in": _edit_orgs(user)})


def _users(user):
    return get_user_model().objects.filter(memberships__organisation_id__in=_edit_orgs(user)).distinct()


def _programmes(user):
    return selectors.programmes_for_plans(user)


def _enrolments(user):
    from wsparcie.enrolment.models import Application

    return Application.objects.filter(organisation_id__in=_edit_orgs(user))


class PlansViewSetMixin(ScopedViewSetMixin):
    view_permission = VIEW
    edit_permission = EDIT
    permission_classes = [permissions.IsAuthenticated, HasPlansPermission]

    def require_edit_somewhere(self) -> None:
        if not tenancy.has_perm(self.request.user, EDIT):
            raise PermissionDenied(gettext("Brak uprawnień do zmiany planów."))

    def input(self, serializer_class, *, partial=False, data=None):
        serializer = serializer_class(
            data=self.request.data if data is None else data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# --- Plans ----------------------------------------------------------------------------------


class AssessmentSerializer(serializers.ModelSerializer):
    assessed_on = serializers.DateField(required=False)

    class Meta:
        model = Assessment
        fields = ["assessed_on", "problems", "resources", "potential", "predispositions", "needs"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "plan", "order", "description", "target_date", "status", "note"]
        read_only_fields = ["id", "plan", "order"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


def _delivery(model_name):
    """Rows of the delivery app (a neighbour in the same layer, so looked up by name)."""
    return lambda user: apps.get_model("delivery", model_name).objects.filter(organisation_id__in=_edit_orgs(user))


class ActionSerializer(serializers.ModelSerializer):
    goal = ScopedPK(
        lambda user: Goal.objects.filter(organisation_id__in=_edit_orgs(user)), required=False, allow_null=True
    )
    service = ScopedPK(_delivery("Service"), required=False, allow_null=True)
    session = ScopedPK(_delivery("Session"), required=False, allow_null=True)

    class Meta:
        model = Action
        fields = [
            "id", "plan", "goal", "kind", "description", "institution_name", "delivery_reference", "service",
            "session", "planned_start", "planned_end", "done", "done_on",
        ]  # fmt: skip
        read_only_fields = ["id", "plan", "done", "done_on"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["id", "plan", "due_on", "held_on", "findings", "reminded_at"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    person_name = serializers.CharField(source="person.__str__", read_only=True)
    social_worker_name = serializers.SerializerMethodField()
    next_review_on = serializers.DateField(read_only=True, allow_null=True)
    assessment = serializers.SerializerMethodField()
    goals = GoalSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = SupportPlan
        fields = [
            "id", "organisation", "person", "person_name", "enrolment", "programme", "kind", "status", "title",
            "social_worker", "social_worker_name", "started_on", "planned_end_on", "ended_on",
            "progress_achieved", "outcome_note", "discontinued_reason", "notes", "next_review_on",
            "assessment", "goals", "actions", "reviews", "pdf_url", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_social_worker_name(self, plan) -> str:
        worker = plan.social_worker
        return (worker.get_full_name() or worker.get_username()) if worker else ""

    @extend_schema_field(AssessmentSerializer(allow_null=True))
    def get_assessment(self, plan):
        try:
            return AssessmentSerializer(plan.assessment).data
        except Assessment.DoesNotExist:
            return None

    def get_pdf_url(self, plan) -> str:
        return f"/api/v1/plans/{plan.pk}/pdf/"


class GoalInputSerializer(serializers.Serializer):
    description = serializers.CharField()
    target_date = serializers.DateField(required=False, allow_null=True)


class PlanCreateSerializer(serializers.Serializer):
    person = ScopedPK(selectors.persons_for_plans)
    kind = serializers.ChoiceField(choices=PlanKind.choices)
    started_on = serializers.DateField()
    enrolment = ScopedPK(_enrolments, required=False, allow_null=True)
    programme = ScopedPK(_programmes, required=False, allow_null=True)
    social_worker = ScopedPK(_users, required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    planned_end_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    assessment = AssessmentSerializer(required=False, allow_null=True)
    goals = GoalInputSerializer(many=True, required=False)


class PlanUpdateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlanKind.choices, required=False)
    started_on = serializers.DateField(required=False)
    enrolment = ScopedPK(_enrolments, required=False, allow_null=True)
    programme = ScopedPK(_programmes, required=False, allow_null=True)
    social_worker = ScopedPK(_users, required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True)
    planned_end_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    assessment = AssessmentSerializer(required=False)


class CompleteSerializer(serializers.Serializer):
    """``progress_achieved`` and ``outcome_note`` (also accepted as ``note``) are both required by
    the service; missing ones answer 400 with a Polish message per field."""

    progress_achieved = serializers.BooleanField(required=False, allow_null=True, default=None)
    outcome_note = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, write_only=True)
    ended_on = serializers.DateField(required=False, allow_null=True)


class DiscontinueSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    ended_on = serializers.DateField(required=False, allow_null=True)


class ReviewScheduleSerializer(serializers.Serializer):
    due_on = serializers.DateField()


class ReviewRecordSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    findings = serializers.CharField(allow_blank=True)
    next_due_on = serializers.DateField(required=False, allow_null=True)


class ActionDoneSerializer(serializers.Serializer):
    done = serializers.BooleanField(default=True)
    done_on = serializers.DateField(required=False, allow_null=True)


class PDFRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


class PlanViewSet(
    PlansViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Individual support plans. ``?review_due=14`` (or ``overdue``) lists open plans whose next
    review is due within 14 days; also ``kind``, ``status``, ``programme``, ``person``, ``mine``, ``q``."""

    queryset = SupportPlan.objects.all()
    serializer_class = PlanSerializer
    filterset_class = PlanApiFilter

    def get_queryset(self):
        return selectors.plans_for_api(self.request.user).order_by("-started_on", "-id")

    def get_edit_object(self) -> SupportPlan:
        plan = self.get_object()
        self.require_edit(plan.organisation)
        return plan

    def respond(self, plan, status_code=status.HTTP_200_OK):
        plan = selectors.plan_get_for_user(self.request.user, plan.pk)
        return Response(PlanSerializer(plan, context=self.get_serializer_context()).data, status=status_code)

    def retrieve(self, request, *args, **kwargs):
        plan = self.get_object()
        audit.record(actor=request.user, action="view", instance=plan)
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=PlanCreateSerializer, responses={201: PlanSerializer})
    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        data = dict(self.input(PlanCreateSerializer))
        person = data.pop("person")
        plan = services.plan_create(actor=request.user, organisation=person.organisation, person=person, **data)
        return self.respond(plan, status.HTTP_201_CREATED)

    @extend_schema(request=PlanUpdateSerializer, responses=PlanSerializer)
    def update(self, request, *args, **kwargs):
        plan = self.get_edit_object()
        data = dict(self.input(PlanUpdateSerializer, partial=kwargs.get("partial", False)))
        assessment = data.pop("assessment", None)
        plan = services.plan_change(actor=request.user, plan=plan, data=data, assessment=assessment)
        return self.respond(plan)

    @extend_schema(request=PlanUpdateSerializer, responses=PlanSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        plan = services.plan_activate(actor=request.user, plan=self.get_edit_object())
        return self.respond(plan)

    @extend_schema(request=CompleteSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        plan = self.get_edit_object()
        data = self.input(CompleteSerializer)
        plan = services.plan_complete(
            actor=request.user,
            plan=plan,
            progress_achieved=data.get("progress_achieved"),
            outcome_note=data.get("outcome_note") or data.get("note", ""),
            ended_on=data.get("ended_on"),
        )
        return self.respond(plan)

    @extend_schema(request=DiscontinueSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    def discontinue(self, request, pk=None):
        plan = self.get_edit_object()
        data = self.input(DiscontinueSerializer)
        plan = services.plan_discontinue(
            actor=request.user, plan=plan, reason=data["reason"], ended_on=data.get("ended_on")
        )
        return self.respond(plan)

    @extend_schema(request=AssessmentSerializer, responses=PlanSerializer)
    @action(detail=True, methods=["put"])
    def assessment(self, request, pk=None):
        plan = self.get_edit_object()
        services.assessment_save(actor=request.user, plan=plan, **self.input(AssessmentSerializer))
        return self.respond(plan)

    @extend_schema(request=GoalInputSerializer, responses={201: GoalSerializer})
    @action(detail=True, methods=["post"])
    def goals(self, request, pk=None):
        plan = self.get_edit_object()
        goal = services.goal_create(actor=request.user, plan=plan, **self.input(GoalInputSerializer))
        return Response(GoalSerializer(goal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ActionSerializer, responses={201: ActionSerializer})
    @action(detail=True, methods=["post"], url_path="actions", url_name="actions")
    def plan_actions(self, request, pk=None):
        plan = self.get_edit_object()
        data = dict(self.input(ActionSerializer))
        created = services.action_create(actor=request.user, plan=plan, **data)
        return Response(ActionSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewScheduleSerializer, responses={201: ReviewSerializer})
    @action(detail=True, methods=["post"])
    def reviews(self, request, pk=None):
        plan = self.get_edit_object()
        review = services.review_schedule(actor=request.user, plan=plan, **self.input(ReviewScheduleSerializer))
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, PDFRenderer])
    def pdf(self, request, pk=None):
        plan = self.get_object()
        audit.record(actor=request.user, action="view", instance=plan, note="Wydruk planu (PDF)")
        response = HttpResponse(render_plan_pdf(plan), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{plan_pdf_filename(plan)}"'
        return response


class GoalViewSet(
    PlansViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Goal.objects.select_related("plan")
    serializer_class = GoalSerializer

    def update(self, request, *args, **kwargs):
        goal = self.get_object()
        self.require_edit(goal.organisation_id)
        data = self.input(GoalSerializer, partial=True)
        goal = services.goal_update(actor=request.user, goal=goal, data=dict(data))
        return Response(GoalSerializer(goal).data)

    def destroy(self, request, *args, **kwargs):
        goal = self.get_object()
        self.require_edit(goal.organisation_id)
        services.goal_delete(actor=request.user, goal=goal)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActionViewSet(
    PlansViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Action.objects.select_related("plan", "goal")
    serializer_class = ActionSerializer

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        data = dict(self.input(ActionSerializer, partial=True))
        obj = services.action_update(actor=request.user, action=obj, data=data)
        return Response(ActionSerializer(obj).data)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        services.action_delete(actor=request.user, action=obj)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ActionDoneSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        data = self.input(ActionDoneSerializer)
        obj = services.action_set_done(actor=request.user, action=obj, done=data["done"], done_on=data.get("done_on"))
        return Response(ActionSerializer(obj).data)


class ReviewViewSet(PlansViewSetMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = Review.objects.select_related("plan")
    serializer_class = ReviewSerializer

    def destroy(self, request, *args, **kwargs):
        review = self.get_object()
        self.require_edit(review.organisation_id)
        services.review_cancel(actor=request.user, review=review)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ReviewRecordSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        review = self.get_object()
        self.require_edit(review.organisation_id)
        review = services.review_record(actor=request.user, review=review, **self.input(ReviewRecordSerializer))
        return Response(ReviewSerializer(review).data)


# --- PAL ------------------------------------------------------------------------------------


class RoundBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["id", "number", "starts_on", "ends_on"]


class PalSerializer(serializers.ModelSerializer):
    programme = ScopedPK(_programmes)
    rounds = RoundBriefSerializer(many=True, read_only=True)

    class Meta:
        model = LocalActivityProgramme
        fields = ["id", "programme", "name", "area", "description", "rounds"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class PalViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = LocalActivityProgramme.objects.select_related("programme").prefetch_related("rounds")
    serializer_class = PalSerializer

    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        pal = services.pal_create(actor=request.user, **self.input(PalSerializer))
        return Response(PalSerializer(pal, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        pal = self.get_object()
        self.require_edit(pal.organisation_id)
        pal = services.pal_update(actor=request.user, pal=pal, data=dict(self.input(PalSerializer, partial=True)))
        return Response(PalSerializer(pal, context=self.get_serializer_context()).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)


class RoundSerializer(serializers.ModelSerializer):
    pal = ScopedPK(_scoped(LocalActivityProgramme))

    class Meta:
        model = Round
        fields = ["id", "pal", "number", "starts_on", "ends_on"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class RoundViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Round.objects.select_related("pal")
    serializer_class = RoundSerializer
    filterset_fields = ["pal"]

    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        obj = services.round_create(actor=request.user, **self.input(RoundSerializer))
        return Response(
            RoundSerializer(obj, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        data = dict(self.input(RoundSerializer, partial=True))
        data.pop("pal", None)
        obj = services.round_update(actor=request.user, round=obj, data=data)
        return Response(RoundSerializer(obj, context=self.get_serializer_context()).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)


class GroupSerializer(serializers.ModelSerializer):
    round = ScopedPK(_scoped(Round))
    round_number = serializers.IntegerField(source="round.number", read_only=True)
    pal = serializers.IntegerField(source="round.pal_id", read_only=True)
    programme = serializers.IntegerField(source="round.pal.programme_id", read_only=True)
    members_count = serializers.IntegerField(read_only=True, default=0)
    sessions_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Group
        fields = [
            "id",
            "round",
            "round_number",
            "pal",
            "programme",
            "name",
            "facilitator",
            "members_count",
            "sessions_count",
        ]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class GroupMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = ScopedPK(_scoped(Person))
    person_name = serializers.CharField(source="person.__str__", read_only=True)
    joined_on = serializers.DateField(required=False, allow_null=True)


class AttendanceItemSerializer(serializers.Serializer):
    person = ScopedPK(_scoped(Person))
    person_name = serializers.CharField(source="person.__str__", read_only=True)
    present = serializers.BooleanField()


class GroupSessionSerializer(serializers.ModelSerializer):
    group = serializers.PrimaryKeyRelatedField(read_only=True)
    present_count = serializers.IntegerField(read_only=True, default=0)
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = GroupSession
        fields = ["id", "group", "date", "topic", "duration_minutes", "present_count", "attendance"]

    @extend_schema_field(AttendanceItemSerializer(many=True))
    def get_attendance(self, session):
        return [
            {"person": a.person_id, "person_name": str(a.person), "present": a.present}
            for a in session.attendance.all()
        ]


class GroupViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """PAL groups; ``/pal-groups/{id}/sessions/`` lists (GET) and adds (POST) group sessions,
    ``/pal-groups/{id}/members/`` lists and adds members."""

    queryset = Group.objects.all()
    serializer_class = GroupSerializer
    filterset_class = GroupFilter

    def get_queryset(self):
        return selectors.groups_for_user(self.request.user).order_by("round__pal_id", "round__number", "name")

    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        group = services.group_create(actor=request.user, **self.input(GroupSerializer))
        return Response(self._out(group), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        group = self.get_object()
        self.require_edit(group.organisation_id)
        group = services.group_update(
            actor=request.user, group=group, data=dict(self.input(GroupSerializer, partial=True))
        )
        return Response(self._out(group))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def _out(self, group):
        return GroupSerializer(
            selectors.group_get_for_user(self.request.user, group.pk), context=self.get_serializer_context()
        ).data

    @extend_schema(request=GroupSessionSerializer, responses=GroupSessionSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def sessions(self, request, pk=None):
        group = self.get_object()
        if request.method == "GET":
            sessions = (
                selectors.group_sessions_for_user(request.user)
                .filter(group=group)
                .prefetch_related("attendance__person")
                .order_by("date", "id")
            )
            return Response(GroupSessionSerializer(sessions, many=True).data)
        self.require_edit(group.organisation_id)
        session = services.group_session_create(actor=request.user, group=group, **self.input(GroupSessionSerializer))
        session = selectors.group_session_get_for_user(request.user, session.pk)
        return Response(GroupSessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GroupMemberSerializer, responses=GroupMemberSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        group = self.get_object()
        if request.method == "GET":
            members = group.members.select_related("person").order_by("person__last_name", "person__first_name")
            return Response(GroupMemberSerializer(members, many=True).data)
        self.require_edit(group.organisation_id)
        member = services.group_member_add(actor=request.user, group=group, **self.input(GroupMemberSerializer))
        return Response(GroupMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class GroupSessionViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Group sessions with their attendance; ``POST /pal-sessions/{id}/attendance/`` with
    ``{"attendance": [{"person": id, "present": true}, ...]}`` (or the bare list) records it."""

    queryset = GroupSession.objects.all()
    serializer_class = GroupSessionSerializer
    filterset_class = GroupSessionFilter

    def get_queryset(self):
        return (
            selectors.group_sessions_for_user(self.request.user)
            .prefetch_related("attendance__person")
            .order_by("date", "id")
        )

    def update(self, request, *args, **kwargs):
        session = self.get_object()
        self.require_edit(session.organisation_id)
        data = dict(self.input(GroupSessionSerializer, partial=True))
        services.group_session_update(actor=request.user, session=session, data=data)
        return Response(GroupSessionSerializer(selectors.group_session_get_for_user(request.user, session.pk)).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    @extend_schema(
        request=inline_serializer("AttendanceInput", {"attendance": AttendanceItemSerializer(many=True)}),
        responses=GroupSessionSerializer,
    )
    @action(detail=True, methods=["post", "put"])
    def attendance(self, request, pk=None):
        session = self.get_object()
        self.require_edit(session.organisation_id)
        items = request.data if isinstance(request.data, list) else request.data.get("attendance")
        if not isinstance(items, list):
            raise serializers.ValidationError(
                {"attendance": [gettext('Podaj listę obecności: [{"person": id, "present": true}].')]}
            )
        serializer = AttendanceItemSerializer(data=items, many=True, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.attendance_record(
            actor=request.user,
            session=session,
            entries=[(row["person"], row["present"]) for row in serializer.validated_data],
        )
        return Response(GroupSessionSerializer(selectors.group_session_get_for_user(request.user, session.pk)).data)


# --- Initiatives and cooperation teams -------------------------------------------------------


class InitiativeSerializer(serializers.ModelSerializer):
    programme = ScopedPK(_programmes)

    class Meta:
        model = SocialInitiative
        fields = ["id", "programme", "name", "held_on", "description", "participants_count"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class InitiativeViewSet(
    PlansViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = SocialInitiative.objects.select_related("programme").order_by("-held_on", "id")
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter

    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        obj = services.initiative_create(actor=request.user, **self.input(InitiativeSerializer))
        return Response(
            InitiativeSerializer(obj, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        obj = services.initiative_update(
            actor=request.user, initiative=obj, data=dict(self.input(InitiativeSerializer, partial=True))
        )
        return Response(InitiativeSerializer(obj, context=self.get_serializer_context()).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        self.require_edit(obj.organisation_id)
        services.initiative_delete(actor=request.user, initiative=obj)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TeamMemberSerializer(serializers.ModelSerializer):
    team = serializers.PrimaryKeyRelatedField(read_only=True)
    institution_type = serializers.ChoiceField(choices=InstitutionType.choices)

    class Meta:
        model = CooperationTeamMember
        fields = ["id", "team", "institution_name", "institution_type", "representative", "joined_on", "left_on"]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class TeamSerializer(serializers.ModelSerializer):
    programme = ScopedPK(_programmes)
    kind = serializers.ChoiceField(choices=TeamKind.choices)
    members = TeamMemberSerializer(many=True, read_only=True)
    active_members_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = CooperationTeam
        fields = [
            "id",
            "programme",
            "name",
            "kind",
            "area",
            "milestone",
            "formed_on",
            "dissolved_on",
            "active_members_count",
            "members",
        ]
        validators: list = []  # the services' full_clean gives the (Polish) messages


class TeamViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cooperation teams with their member institutions; ``POST /cooperation-teams/{id}/members/``
    adds an institution."""

    queryset = CooperationTeam.objects.all()
    serializer_class = TeamSerializer
    filterset_class = TeamFilter

    def get_queryset(self):
        return (
            selectors.teams_for_user(self.request.user).prefetch_related("members").order_by("formed_on", "name", "id")
        )

    def _out(self, team):
        return TeamSerializer(
            selectors.team_get_for_user(self.request.user, team.pk), context=self.get_serializer_context()
        ).data

    def create(self, request, *args, **kwargs):
        self.require_edit_somewhere()
        data = dict(self.input(TeamSerializer))
        data.pop("dissolved_on", None)
        team = services.team_create(actor=request.user, **data)
        return Response(self._out(team), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        team = self.get_object()
        self.require_edit(team.organisation_id)
        team = services.team_update(actor=request.user, team=team, data=dict(self.input(TeamSerializer, partial=True)))
        return Response(self._out(team))

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    @extend_schema(request=TeamMemberSerializer, responses={201: TeamMemberSerializer})
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        team = self.get_object()
        if request.method == "GET":
            return Response(TeamMemberSerializer(team.members.all(), many=True).data)
        self.require_edit(team.organisation_id)
        data = dict(self.input(TeamMemberSerializer))
        data.pop("left_on", None)
        member = services.team_member_add(actor=request.user, team=team, **data)
        return Response(TeamMemberSerializer(member).data, status=status.HTTP_201_CREATED)


class TeamMemberViewSet(PlansViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = CooperationTeamMember.objects.select_related("team").order_by("team_id", "institution_name")
    serializer_class = TeamMemberSerializer
    filterset_fields = ["team"]

    def update(self, request, *args, **kwargs):
        member = self.get_object()
        self.require_edit(member.organisation_id)
        member = services.team_member_update(
            actor=request.user, member=member, data=dict(self.input(TeamMemberSerializer, partial=True))
        )
        return Response(TeamMemberSerializer(member).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)
