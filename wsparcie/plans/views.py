"""Pages under /staff/plans/: plans (list, detail with diagnosis, goals, actions, reviews and
outcome, PDF), reviews due, PAL (rounds, groups, sessions with attendance), cooperation teams
and social initiatives.

Each form posts to its own small view (a :class:`~wsparcie.core.views.ServiceFormView` that
calls one service); on an error the form comes back on its own page with the message, on
success the user returns to the object's page.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wsparcie.core import audit, tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedListView, ServiceFormView
from wsparcie.plans import forms, selectors, services
from wsparcie.plans.filters import InitiativeFilter, PlanFilter, TeamFilter
from wsparcie.plans.models import CooperationTeam, SocialInitiative, SupportPlan
from wsparcie.plans.pdf import plan_pdf_filename, render_plan_pdf

VIEW, EDIT = selectors.VIEW, selectors.EDIT
REVIEW_DAYS = 14


class PermRequiredMixin(LoginRequiredMixin):
    """403 when the user holds ``required_perm`` in no organisation (objects of organisations
    where they lack it answer 404 through the scoped selectors)."""

    required_perm = VIEW

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, self.required_perm):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Plans ----------------------------------------------------------------------------------


class PlanListView(PermRequiredMixin, ScopedListView):
    model = SupportPlan
    permission = VIEW
    filterset_class = PlanFilter
    template_name = "plans/plan_list.html"
    paginate_by = 50

    def base_queryset(self):
        return selectors.plans_for_user(self.request.user).order_by("-started_on", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["due_count"] = selectors.plans_review_due(self.request.user, within_days=REVIEW_DAYS).count()
        context["review_days"] = REVIEW_DAYS
        context["can_edit"] = tenancy.has_perm(self.request.user, EDIT)
        context["today"] = timezone.localdate()
        return context


class ReviewsDueView(PermRequiredMixin, TemplateView):
    """The plans' "dashboard": reviews due within N days (overdue first), plans by status."""

    template_name = "plans/reviews_due.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = max(0, min(int(self.request.GET.get("days", REVIEW_DAYS)), 365))
        except ValueError:
            days = REVIEW_DAYS
        today = timezone.localdate()
        context.update(
            days=days,
            today=today,
            day_choices=[7, 14, 30, 60],
            plans=selectors.plans_review_due(self.request.user, within_days=days, today=today)[:200],
        )
        return context


class PlanDetailView(PermRequiredMixin, TemplateView):
    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = selectors.plan_get_for_user(self.request.user, self.kwargs["pk"])
        audit.record(actor=self.request.user, action="view", instance=plan)
        can_edit = tenancy.has_perm(self.request.user, EDIT, plan.organisation_id) and plan.is_open
        try:
            assessment = plan.assessment
        except SupportPlan.assessment.RelatedObjectDoesNotExist:
            assessment = None
        context.update(
            plan=plan,
            assessment=assessment,
            assessment_parts=[(label, getattr(assessment, name, "")) for name, label in ASSESSMENT_LABELS],
            can_edit=can_edit,
            today=timezone.localdate(),
            goal_form=forms.GoalForm(prefix="goal"),
            action_form=forms.ActionForm(plan=plan, prefix="action"),
            review_form=forms.ReviewScheduleForm(prefix="review"),
        )
        return context


ASSESSMENT_LABELS = [
    ("problems", gettext_lazy("Problemy")),
    ("resources", gettext_lazy("Zasoby")),
    ("potential", gettext_lazy("Potencjał")),
    ("predispositions", gettext_lazy("Predyspozycje")),
    ("needs", gettext_lazy("Potrzeby")),
]


class PlanPdfView(PermRequiredMixin, View):
    def get(self, request, pk):
        plan = selectors.plan_get_for_user(request.user, pk)
        audit.record(actor=request.user, action="view", instance=plan, note="Wydruk planu (PDF)")
        response = HttpResponse(render_plan_pdf(plan), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{plan_pdf_filename(plan)}"'
        return response


class FormPage(PermRequiredMixin, ServiceFormView):
    """A form on its own page (``plans/form.html``) that calls a service."""

    required_perm = EDIT
    template_name = "plans/form.html"
    title = ""
    submit_label = gettext_lazy("Zapisz")
    intro = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self) -> dict:
        return {}

    def back_url(self) -> str:
        return reverse("plans:list")

    def get_success_url(self):
        return self.back_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, submit_label=self.submit_label, back_url=self.back_url(), intro=self.intro)
        return context


class PlanCreateView(FormPage):
    form_class = forms.PlanCreateForm
    title = gettext_lazy("Nowy plan wsparcia")
    submit_label = gettext_lazy("Utwórz plan")
    success_message = gettext_lazy("Plan został utworzony. Uzupełnij diagnozę i cele.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("person"):
            initial["person"] = self.request.GET["person"]
        return initial

    def perform(self, form):
        data = dict(form.cleaned_data)
        person = data.pop("person")
        enrolment = selectors.participation_of(person, data["programme"]) if data.get("programme") else None
        return services.plan_create(
            actor=self.request.user, organisation=person.organisation, person=person, enrolment=enrolment, **data
        )

    def get_success_url(self):
        return reverse("plans:detail", args=[self.object.pk])


class PlanObjectMixin:
    """Loads the plan of the URL among those the user may edit (others: 404)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = selectors.plan_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return reverse("plans:detail", args=[self.plan.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        return context


class PlanEditView(PlanObjectMixin, FormPage):
    form_class = forms.PlanEditForm
    title = gettext_lazy("Zmiana danych planu")
    success_message = gettext_lazy("Zapisano zmiany planu.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        plan = self.plan
        return {
            "kind": plan.kind,
            "programme": plan.programme_id,
            "social_worker": plan.social_worker_id,
            "title": plan.title,
            "started_on": plan.started_on,
            "planned_end_on": plan.planned_end_on,
            "notes": plan.notes,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        if (
            data.get("programme") is not None
            and self.plan.enrolment
            and data["programme"].pk == self.plan.enrolment.programme_id
        ):
            data.pop("programme")
        elif self.plan.enrolment is not None:
            data["enrolment"] = None  # another programme: the plan no longer follows that enrolment
        return services.plan_update(actor=self.request.user, plan=self.plan, data=data)


class AssessmentView(PlanObjectMixin, FormPage):
    form_class = forms.AssessmentForm
    title = gettext_lazy("Diagnoza")
    intro = gettext_lazy(
        "Diagnoza na początku planu: problemy, zasoby, potencjał, predyspozycje i potrzeby uczestnika."
    )
    success_message = gettext_lazy("Zapisano diagnozę.")

    def get_initial(self):
        try:
            assessment = self.plan.assessment
        except SupportPlan.assessment.RelatedObjectDoesNotExist:
            return {}
        return {
            name: getattr(assessment, name)
            for name in ["assessed_on", "problems", "resources", "potential", "predispositions", "needs"]
        }

    def perform(self, form):
        return services.assessment_save(actor=self.request.user, plan=self.plan, **form.cleaned_data)


class GoalAddView(PlanObjectMixin, FormPage):
    form_class = forms.GoalForm
    prefix = "goal"
    title = gettext_lazy("Nowy cel")
    success_message = gettext_lazy("Dodano cel.")

    def perform(self, form):
        return services.goal_create(actor=self.request.user, plan=self.plan, **form.cleaned_data)


class ActionAddView(PlanObjectMixin, FormPage):
    form_class = forms.ActionForm
    prefix = "action"
    title = gettext_lazy("Nowe działanie")
    success_message = gettext_lazy("Dodano działanie.")

    def extra_form_kwargs(self):
        return {"plan": self.plan}

    def perform(self, form):
        return services.action_create(actor=self.request.user, plan=self.plan, **form.cleaned_data)


class ReviewAddView(PlanObjectMixin, FormPage):
    form_class = forms.ReviewScheduleForm
    prefix = "review"
    title = gettext_lazy("Zaplanuj przegląd")
    success_message = gettext_lazy("Zaplanowano przegląd.")

    def perform(self, form):
        return services.review_schedule(actor=self.request.user, plan=self.plan, **form.cleaned_data)


class CompleteView(PlanObjectMixin, FormPage):
    form_class = forms.CompleteForm
    title = gettext_lazy("Zakończenie planu")
    intro = gettext_lazy("Wynik planu liczy wskaźnik rezultatu projektu: osoby, które osiągnęły postęp.")
    submit_label = gettext_lazy("Zakończ plan")
    success_message = gettext_lazy("Plan został zakończony.")

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_complete(
            actor=self.request.user,
            plan=self.plan,
            progress_achieved=data["progress_achieved"],
            outcome_note=data["outcome_note"],
            ended_on=data["ended_on"],
        )


class DiscontinueView(PlanObjectMixin, FormPage):
    form_class = forms.DiscontinueForm
    title = gettext_lazy("Przerwanie planu")
    submit_label = gettext_lazy("Przerwij plan")
    success_message = gettext_lazy("Plan został przerwany.")

    def perform(self, form):
        return services.plan_discontinue(
            actor=self.request.user,
            plan=self.plan,
            reason=form.cleaned_data["reason"],
            ended_on=form.cleaned_data["ended_on"],
        )


class PostActionView(PermRequiredMixin, View):
    """A button (POST) that calls one service and returns to the plan; errors come back as a message."""

    required_perm = EDIT

    def post(self, request, pk):
        from django.contrib import messages

        try:
            target = self.perform(request, pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            target = getattr(self, "target", None)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            target = getattr(self, "target", None)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return HttpResponseRedirect(target or reverse("plans:list"))

    success_message = ""

    def perform(self, request, pk):  # pragma: no cover - each view defines it
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(request, pk) calling a service.")


class ActivateView(PostActionView):
    success_message = gettext_lazy("Rozpoczęto realizację planu.")

    def perform(self, request, pk):
        plan = selectors.plan_get_for_user(request.user, pk, EDIT)
        self.target = reverse("plans:detail", args=[plan.pk])
        services.plan_activate(actor=request.user, plan=plan)
        return self.target


class ActionDoneView(PostActionView):
    success_message = gettext_lazy("Zapisano wykonanie działania.")

    def perform(self, request, pk):
        obj = selectors.action_get_for_user(request.user, pk)
        self.target = reverse("plans:detail", args=[obj.plan_id])
        services.action_set_done(actor=request.user, action=obj, done=request.POST.get("done", "1") == "1")
        return self.target


class ActionDeleteView(PostActionView):
    success_message = gettext_lazy("Usunięto działanie.")

    def perform(self, request, pk):
        obj = selectors.action_get_for_user(request.user, pk)
        self.target = reverse("plans:detail", args=[obj.plan_id])
        services.action_delete(actor=request.user, action=obj)
        return self.target


class GoalDeleteView(PostActionView):
    success_message = gettext_lazy("Usunięto cel.")

    def perform(self, request, pk):
        obj = selectors.goal_get_for_user(request.user, pk)
        self.target = reverse("plans:detail", args=[obj.plan_id])
        services.goal_delete(actor=request.user, goal=obj)
        return self.target


class ReviewCancelView(PostActionView):
    success_message = gettext_lazy("Usunięto zaplanowany przegląd.")

    def perform(self, request, pk):
        obj = selectors.review_get_for_user(request.user, pk)
        self.target = reverse("plans:detail", args=[obj.plan_id])
        services.review_cancel(actor=request.user, review=obj)
        return self.target


class GoalStatusView(FormPage):
    form_class = forms.GoalStatusForm
    title = gettext_lazy("Stan celu")
    success_message = gettext_lazy("Zapisano stan celu.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.goal = selectors.goal_get_for_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"status": self.goal.status, "note": self.goal.note}

    def back_url(self):
        return reverse("plans:detail", args=[self.goal.plan_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = self.goal.description
        return context

    def perform(self, form):
        return services.goal_update(actor=self.request.user, goal=self.goal, data=form.cleaned_data)


class ReviewRecordView(FormPage):
    form_class = forms.ReviewRecordForm
    title = gettext_lazy("Przegląd planu")
    success_message = gettext_lazy("Zapisano przegląd.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.review = selectors.review_get_for_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return reverse("plans:detail", args=[self.review.plan_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = _("Przegląd zaplanowany na %(date)s") % {
            "date": self.review.due_on.strftime("%d.%m.%Y")
        }
        return context

    def perform(self, form):
        return services.review_record(actor=self.request.user, review=self.review, **form.cleaned_data)


# --- PAL ------------------------------------------------------------------------------------


class PalIndexView(PermRequiredMixin, TemplateView):
    template_name = "plans/pal_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pals"] = selectors.pals_for_user(self.request.user).order_by("name")
        context["can_edit"] = tenancy.has_perm(self.request.user, EDIT)
        return context


class PalCreateView(FormPage):
    form_class = forms.PalForm
    title = gettext_lazy("Nowy Program Aktywności Lokalnej")
    success_message = gettext_lazy("Utworzono PAL.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def back_url(self):
        return reverse("plans:pal")

    def perform(self, form):
        return services.pal_create(actor=self.request.user, **form.cleaned_data)


class RoundCreateView(FormPage):
    form_class = forms.RoundForm
    title = gettext_lazy("Nowa tura")
    success_message = gettext_lazy("Dodano turę.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.pal = tenancy.get_for_user(
                selectors.pals_for_user(request.user, EDIT), request.user, EDIT, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"number": self.pal.rounds.count() + 1}

    def back_url(self):
        return reverse("plans:pal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = str(self.pal)
        return context

    def perform(self, form):
        return services.round_create(actor=self.request.user, pal=self.pal, **form.cleaned_data)


class GroupCreateView(FormPage):
    form_class = forms.GroupForm
    title = gettext_lazy("Nowa grupa")
    success_message = gettext_lazy("Dodano grupę.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = tenancy.get_for_user(
                selectors.rounds_for_user(request.user, EDIT), request.user, EDIT, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return reverse("plans:pal")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = f"{self.round.pal} – {self.round}"
        return context

    def perform(self, form):
        return services.group_create(actor=self.request.user, round=self.round, **form.cleaned_data)

    def get_success_url(self):
        return reverse("plans:group", args=[self.object.pk])


class GroupDetailView(PermRequiredMixin, TemplateView):
    template_name = "plans/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = selectors.group_get_for_user(self.request.user, self.kwargs["pk"])
        context.update(
            group=group,
            members=group.members.select_related("person").order_by("person__last_name", "person__first_name"),
            sessions=selectors.group_sessions_for_user(self.request.user).filter(group=group).order_by("date", "id"),
            can_edit=tenancy.has_perm(self.request.user, EDIT, group.organisation_id),
            member_form=forms.GroupMemberForm(user=self.request.user, prefix="member"),
            session_form=forms.GroupSessionForm(prefix="session"),
        )
        return context


class GroupObjectMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.group = selectors.group_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return reverse("plans:group", args=[self.group.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = f"{self.group} ({self.group.round})"
        return context


class GroupMemberAddView(GroupObjectMixin, FormPage):
    form_class = forms.GroupMemberForm
    prefix = "member"
    title = gettext_lazy("Nowy uczestnik grupy")
    success_message = gettext_lazy("Dodano uczestnika do grupy.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.group_member_add(actor=self.request.user, group=self.group, **form.cleaned_data)


class GroupMemberRemoveView(PostActionView):
    success_message = gettext_lazy("Usunięto osobę z grupy.")

    def perform(self, request, pk):
        member = selectors.group_member_get_for_user(request.user, pk)
        self.target = reverse("plans:group", args=[member.group_id])
        services.group_member_remove(actor=request.user, member=member)
        return self.target


class GroupSessionCreateView(GroupObjectMixin, FormPage):
    form_class = forms.GroupSessionForm
    prefix = "session"
    title = gettext_lazy("Nowe spotkanie grupy")
    success_message = gettext_lazy("Dodano spotkanie.")

    def perform(self, form):
        return services.group_session_create(actor=self.request.user, group=self.group, **form.cleaned_data)

    def get_success_url(self):
        return reverse("plans:session", args=[self.object.pk])


class GroupSessionView(PermRequiredMixin, View):
    """A session with its attendance list; POST records the ticks (checked = present)."""

    template_name = "plans/session_detail.html"

    def get(self, request, pk, errors=None):
        session = selectors.group_session_get_for_user(request.user, pk)
        return render(
            request,
            self.template_name,
            {
                "session": session,
                "group": session.group,
                "sheet": selectors.attendance_sheet(session),
                "can_edit": tenancy.has_perm(request.user, EDIT, session.organisation_id),
                "errors": errors or [],
                "in_future": session.date > timezone.localdate(),
            },
            status=400 if errors else 200,
        )

    def post(self, request, pk):
        from django.contrib import messages

        session = selectors.group_session_get_for_user(request.user, pk, EDIT)
        sheet = {row["person"].pk: row["person"] for row in selectors.attendance_sheet(session)}
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        try:
            services.attendance_record(
                actor=request.user, session=session, entries=[(person, pid in present) for pid, person in sheet.items()]
            )
        except ValidationError as exc:
            return self.get(request, pk, errors=exc.messages)
        except ApplicationError as exc:
            return self.get(request, pk, errors=[exc.message])
        messages.success(
            request,
            _("Zapisano listę obecności: obecnych %(n)d z %(total)d.")
            % {"n": len(present & set(sheet)), "total": len(sheet)},
        )
        return HttpResponseRedirect(reverse("plans:group", args=[session.group_id]))


# --- Cooperation teams and initiatives -------------------------------------------------------


class TeamListView(PermRequiredMixin, ScopedListView):
    model = CooperationTeam
    permission = VIEW
    filterset_class = TeamFilter
    template_name = "plans/team_list.html"

    def base_queryset(self):
        return selectors.teams_for_user(self.request.user).order_by("formed_on", "name", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = tenancy.has_perm(self.request.user, EDIT)
        return context


class TeamCreateView(FormPage):
    form_class = forms.TeamForm
    title = gettext_lazy("Nowy zespół kooperacji")
    success_message = gettext_lazy("Utworzono zespół.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def back_url(self):
        return reverse("plans:teams")

    def perform(self, form):
        return services.team_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("plans:team", args=[self.object.pk])


class TeamDetailView(PermRequiredMixin, TemplateView):
    template_name = "plans/team_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = selectors.team_get_for_user(self.request.user, self.kwargs["pk"])
        context.update(
            team=team,
            can_edit=tenancy.has_perm(self.request.user, EDIT, team.organisation_id),
            member_form=forms.TeamMemberForm(initial={"joined_on": team.formed_on}, prefix="member"),
            today=timezone.localdate(),
        )
        return context


class TeamMemberAddView(FormPage):
    form_class = forms.TeamMemberForm
    prefix = "member"
    title = gettext_lazy("Instytucja przystępuje do zespołu")
    success_message = gettext_lazy("Dodano instytucję do zespołu.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.team = selectors.team_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return reverse("plans:team", args=[self.team.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = str(self.team)
        return context

    def perform(self, form):
        return services.team_member_add(actor=self.request.user, team=self.team, **form.cleaned_data)


class TeamMemberLeaveView(FormPage):
    form_class = forms.TeamMemberLeaveForm
    title = gettext_lazy("Instytucja występuje z zespołu")
    success_message = gettext_lazy("Zapisano wystąpienie instytucji z zespołu.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.member = tenancy.get_for_user(
                selectors.team_members_for_user(request.user, EDIT), request.user, EDIT, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"left_on": timezone.localdate()}

    def back_url(self):
        return reverse("plans:team", args=[self.member.team_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_label"] = f"{self.member.institution_name} – {self.member.team}"
        return context

    def perform(self, form):
        return services.team_member_leave(actor=self.request.user, member=self.member, **form.cleaned_data)


class InitiativeListView(PermRequiredMixin, ScopedListView):
    model = SocialInitiative
    permission = VIEW
    filterset_class = InitiativeFilter
    template_name = "plans/initiative_list.html"

    def base_queryset(self):
        return selectors.initiatives_for_user(self.request.user).order_by("-held_on", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = tenancy.has_perm(self.request.user, EDIT)
        return context


class InitiativeCreateView(FormPage):
    form_class = forms.InitiativeForm
    title = gettext_lazy("Nowa inicjatywa społeczna")
    success_message = gettext_lazy("Zapisano inicjatywę.")

    def extra_form_kwargs(self):
        return {"user": self.request.user}

    def back_url(self):
        return reverse("plans:initiatives")

    def perform(self, form):
        return services.initiative_create(actor=self.request.user, **form.cleaned_data)


class InitiativeEditView(InitiativeCreateView):
    title = gettext_lazy("Zmiana inicjatywy społecznej")
    success_message = gettext_lazy("Zapisano zmiany inicjatywy.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.initiative = tenancy.get_for_user(
                selectors.initiatives_for_user(request.user, EDIT), request.user, EDIT, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        i = self.initiative
        return {
            "programme": i.programme_id,
            "name": i.name,
            "held_on": i.held_on,
            "participants_count": i.participants_count,
            "description": i.description,
        }

    def perform(self, form):
        return services.initiative_update(actor=self.request.user, initiative=self.initiative, data=form.cleaned_data)
