"""Pages of delivery (mounted at /staff/delivery/).

Staff pages read with ``delivery.view`` and write with ``delivery.edit``; another organisation's
object is 404. The worker's own view (``my_day``) needs ``delivery.own`` and shows only the
Worker rows linked to the login: their participants and today's sessions, with start and stop.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wsparcie.core import audit, tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from wsparcie.delivery import filters, forms, rules, selectors, services
from wsparcie.delivery.choices import SessionStatus
from wsparcie.delivery.models import EquipmentItem, Loan, MealAid, RateCap, Service, ServiceLimit, Session, Worker
from wsparcie.enrolment.models import Application

VIEW, EDIT, OWN = selectors.VIEW, selectors.EDIT, selectors.OWN


def _require_somewhere(user, perm: str) -> None:
    if not tenancy.has_perm(user, perm):
        raise PermissionDenied


class ViewPermissionMixin(LoginRequiredMixin):
    """Pages that need ``delivery.view`` somewhere (403 otherwise)."""

    permission = VIEW

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require_somewhere(request.user, self.permission)
        return super().dispatch(request, *args, **kwargs)


class EditFormView(ServiceFormView):
    """A form page calling a service; needs ``delivery.edit`` somewhere (403 otherwise)."""

    template_name = "delivery/form.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Zapisz")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require_somewhere(request.user, EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, forms.ScopedForm):
            kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title, intro=self.intro, submit_label=self.submit_label, cancel_url=self.get_cancel_url()
        )
        return context

    def get_cancel_url(self) -> str:
        return reverse("delivery:index")

    def organisation(self):
        return tenancy.organisation_for_write(self.request.user, EDIT)


def _month_from(request, default: dt.date | None = None) -> dt.date:
    return rules.parse_month(request.GET.get("month"), default or timezone.localdate().replace(day=1))


def _week_from(request) -> dt.date:
    try:
        return rules.week_start(dt.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        return rules.week_start(timezone.localdate())


# --- index --------------------------------------------------------------------------------
class IndexView(ViewPermissionMixin, TemplateView):
    template_name = "delivery/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        d0 = dt.datetime.combine(today, dt.time(), tzinfo=rules.WARSAW)
        context.update(
            workers=selectors.workers_for_user(user).filter(is_active=True).count(),
            services=selectors.services_for_user(user).filter(is_active=True).count(),
            participants=selectors.enrolments_for_user(user).filter(status="enrolled").count(),
            today=selectors.sessions_for_user(user)
            .filter(start__gte=d0, start__lt=d0 + dt.timedelta(days=1))
            .exclude(status=SessionStatus.CANCELLED)
            .count(),
            overdue=selectors.overdue_loans(user).count(),
            can_edit=tenancy.has_perm(user, EDIT),
        )
        return context


# --- workers ------------------------------------------------------------------------------
class WorkerListView(ViewPermissionMixin, ScopedListView):
    model = Worker
    permission = VIEW
    filterset_class = filters.WorkerFilter
    template_name = "delivery/worker_list.html"


class WorkerDetailView(ViewPermissionMixin, ScopedDetailView):
    model = Worker
    permission = VIEW
    template_name = "delivery/worker_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        worker = self.object
        context.update(
            contracts=worker.contracts.select_related("programme"),
            assignments=worker.assignments.select_related("enrolment__person", "enrolment__programme", "service"),
            month=_month_from(self.request),
            can_edit=tenancy.has_perm(self.request.user, EDIT, worker.organisation_id),
        )
        return context


class WorkerCreateView(EditFormView):
    form_class = forms.WorkerForm
    title = gettext_lazy("Nowy realizator usług")

    def perform(self, form):
        return services.worker_create(actor=self.request.user, organisation=self.organisation(), **form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:worker_detail", args=[self.object.pk])


class WorkerEditView(EditFormView):
    form_class = forms.WorkerEditForm
    title = gettext_lazy("Zmiana danych realizatora")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.worker = selectors.worker_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        w = self.worker
        return {
            f: getattr(w, f)
            for f in (
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
            )
        }

    def perform(self, form):
        return services.worker_update(actor=self.request.user, worker=self.worker, data=form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:worker_detail", args=[self.worker.pk])

    get_cancel_url = get_success_url


class ContractCreateView(WorkerEditView):
    form_class = forms.ContractForm
    title = gettext_lazy("Nowa umowa realizatora")

    def get_initial(self):
        return {}

    def perform(self, form):
        return services.contract_create(actor=self.request.user, worker=self.worker, **form.cleaned_data)


class WeekView(ViewPermissionMixin, TemplateView):
    """A week of sessions of one worker or one participant (a list per day, readable on a phone)."""

    template_name = "delivery/week.html"
    subject = "worker"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        start = _week_from(self.request)
        if self.subject == "worker":
            obj = selectors.worker_get_for_user(user, kwargs["pk"])
            sessions = selectors.sessions_for_user(user).filter(worker=obj)
            title = _("Grafik: %(name)s") % {"name": obj}
            back = reverse("delivery:worker_detail", args=[obj.pk])
        else:
            obj = selectors.enrolment_get_for_user(user, kwargs["pk"])
            sessions = selectors.sessions_for_user(user).filter(enrolment=obj)
            title = _("Sesje uczestnika: %(name)s") % {"name": obj.person}
            back = reverse("delivery:participant_detail", args=[obj.pk])
        context.update(
            object=obj,
            subject=self.subject,
            title=title,
            back=back,
            days=selectors.week_days(sessions, start),
            week_start=start,
            week_end=start + dt.timedelta(days=6),
            previous_week=(start - dt.timedelta(days=7)).isoformat(),
            next_week=(start + dt.timedelta(days=7)).isoformat(),
            today=timezone.localdate(),
        )
        return context


# --- services of editions -----------------------------------------------------------------
class ServiceListView(ViewPermissionMixin, ScopedListView):
    model = Service
    permission = VIEW
    filterset_class = filters.ServiceFilter
    template_name = "delivery/service_list.html"

    def base_queryset(self):
        return Service.objects.select_related("programme").prefetch_related("certificate_limits")


class ServiceDetailView(ViewPermissionMixin, ScopedDetailView):
    model = Service
    permission = VIEW
    template_name = "delivery/service_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.object
        context.update(
            limits=service.certificate_limits.all(),
            grants=service.grants.select_related("enrolment__person"),
            rate_cap=RateCap.objects.filter(programme_id=service.programme_id, unit=service.unit).first(),
            can_edit=tenancy.has_perm(self.request.user, EDIT, service.organisation_id),
        )
        return context


class ServiceCreateView(EditFormView):
    form_class = forms.ServiceForm
    title = gettext_lazy("Nowa usługa w edycji programu")

    def perform(self, form):
        return services.service_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:service_detail", args=[self.object.pk])


class ServiceEditView(EditFormView):
    form_class = forms.ServiceEditForm
    title = gettext_lazy("Zmiana usługi")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.service = selectors.service_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        s = self.service
        return {
            f: getattr(s, f)
            for f in (
                "kind",
                "name",
                "unit",
                "rate",
                "activities",
                "limit_per_participant",
                "limit_per_month",
                "days_per_year",
                "is_active",
            )
        }

    def perform(self, form):
        return services.service_update(actor=self.request.user, service=self.service, data=form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:service_detail", args=[self.service.pk])

    get_cancel_url = get_success_url


class ServiceLimitsView(LoginRequiredMixin, View):
    """The service's limit table by certificate, edited as rows."""

    template_name = "delivery/service_limits.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.service = selectors.service_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def _initial(self):
        labels = {True: "yes", False: "no", None: ""}
        return [
            {"degree": r.degree, "several_symbols": labels[r.several_symbols], "child": r.child, "limit": r.limit}
            for r in ServiceLimit.objects.filter(service=self.service)
        ]

    def get(self, request, *args, **kwargs):
        return render(
            request,
            self.template_name,
            {"service": self.service, "formset": forms.LimitRowFormSet(initial=self._initial())},
        )

    def post(self, request, *args, **kwargs):
        formset = forms.LimitRowFormSet(request.POST, initial=self._initial())
        if formset.is_valid():
            rows = [f.row() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                services.service_limits_set(actor=request.user, service=self.service, rows=rows)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Zapisano tabelę limitów."))
                return HttpResponseRedirect(reverse("delivery:service_detail", args=[self.service.pk]))
        return render(request, self.template_name, {"service": self.service, "formset": formset}, status=400)


class RateCapView(EditFormView):
    form_class = forms.RateCapForm
    title = gettext_lazy("Limit stawki programu")
    intro = gettext_lazy("Stawka usług programu w tej jednostce nie może go przekroczyć.")

    def perform(self, form):
        return services.rate_cap_set(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:service_list")


# --- participants -------------------------------------------------------------------------
class ParticipantListView(ViewPermissionMixin, ScopedListView):
    model = Application
    permission = VIEW
    template_name = "delivery/participant_list.html"
    filterset_class = filters.ParticipantFilter

    def base_queryset(self):
        return (
            Application.objects.filter(status__in=selectors.ENROLMENT_STATUSES)
            .select_related("person", "programme")
            .order_by("person__last_name", "person__first_name", "id")
        )


class ParticipantDetailView(ViewPermissionMixin, TemplateView):
    template_name = "delivery/participant_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolment = selectors.enrolment_get_for_user(self.request.user, kwargs["pk"])
        month = _month_from(self.request)
        context.update(
            enrolment=enrolment,
            usage=selectors.usage_for_enrolment(enrolment, month),
            month=month,
            assignments=enrolment.delivery_assignments.select_related("worker", "service"),
            cards=enrolment.delivery_cards.all(),
            recent=Session.objects.filter(enrolment=enrolment)
            .select_related("worker", "service")
            .order_by("-start")[:10],
            can_edit=tenancy.has_perm(self.request.user, EDIT, enrolment.organisation_id),
        )
        return context


class EnrolmentFormView(EditFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.enrolment = selectors.enrolment_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "enrolment": self.enrolment}

    def get_success_url(self):
        return reverse("delivery:participant_detail", args=[self.enrolment.pk])

    get_cancel_url = get_success_url


class GrantView(EnrolmentFormView):
    form_class = forms.GrantForm
    title = gettext_lazy("Przyznany wymiar usługi")
    intro = gettext_lazy("Może być mniejszy niż limit programu.")

    def perform(self, form):
        return services.grant_set(actor=self.request.user, enrolment=self.enrolment, **form.cleaned_data)


class AssignmentView(EnrolmentFormView):
    form_class = forms.AssignmentForm
    title = gettext_lazy("Przydział realizatora")
    intro = gettext_lazy(
        "Asystent nie może być członkiem rodziny, opiekunem prawnym ani osobą zamieszkującą z uczestnikiem."
    )

    def perform(self, form):
        return services.assignment_create(actor=self.request.user, enrolment=self.enrolment, **form.cleaned_data)


# --- monthly cards ------------------------------------------------------------------------
def _card_month(kwargs) -> dt.date:
    try:
        return dt.date(int(kwargs["year"]), int(kwargs["month"]), 1)
    except ValueError as exc:
        from django.http import Http404

        raise Http404 from exc


class ParticipantCardView(ViewPermissionMixin, TemplateView):
    """The monthly service card: sessions, totals against the limits, the signature (closes the month)."""

    template_name = "delivery/card.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolment = selectors.enrolment_get_for_user(self.request.user, kwargs["pk"])
        month = _card_month(kwargs)
        data = selectors.card_for_participant(enrolment, month)
        can_edit = tenancy.has_perm(self.request.user, EDIT, enrolment.organisation_id)
        context.update(
            data,
            can_edit=can_edit,
            sign_form=kwargs.get("sign_form") or forms.CardSignForm(initial={"signed_by": str(enrolment.person)}),
            previous=rules.add_months(month, -1),
            next=rules.add_months(month, 1),
        )
        return context

    def post(self, request, *args, **kwargs):
        enrolment = selectors.enrolment_get_for_user(request.user, kwargs["pk"], EDIT)
        month = _card_month(kwargs)
        form = forms.CardSignForm(request.POST)
        if form.is_valid():
            try:
                services.card_sign(actor=request.user, enrolment=enrolment, month=month, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Zapisano podpis uczestnika: miesiąc %(month)s jest zamknięty.")
                    % {"month": month.strftime("%m.%Y")},
                )
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(sign_form=form, **kwargs), status=400)


def render_pdf(template: str, context: dict[str, Any], request, filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def participant_card_context(enrolment: Application, month: dt.date) -> dict[str, Any]:
    return {**selectors.card_for_participant(enrolment, month), "generated_at": timezone.localtime()}


class ParticipantCardPdfView(ViewPermissionMixin, View):
    def get(self, request, *args, **kwargs):
        enrolment = selectors.enrolment_get_for_user(request.user, kwargs["pk"])
        month = _card_month(kwargs)
        audit.record(
            actor=request.user, action="view", instance=enrolment, note=f"Karta realizacji usług {month:%m.%Y} (PDF)"
        )
        return render_pdf(
            "delivery/pdf/participant_card.html",
            participant_card_context(enrolment, month),
            request,
            f"karta-{month:%Y-%m}-{enrolment.pk}.pdf",
        )


class WorkerCardPdfView(ViewPermissionMixin, View):
    def get(self, request, *args, **kwargs):
        worker = selectors.worker_get_for_user(request.user, kwargs["pk"])
        month = _card_month(kwargs)
        context = {**selectors.card_for_worker(worker, month), "generated_at": timezone.localtime()}
        return render_pdf(
            "delivery/pdf/worker_card.html", context, request, f"karta-realizatora-{month:%Y-%m}-{worker.pk}.pdf"
        )


# --- sessions -----------------------------------------------------------------------------
class SessionListView(ViewPermissionMixin, ScopedListView):
    model = Session
    permission = VIEW
    filterset_class = filters.SessionFilter
    template_name = "delivery/session_list.html"

    def base_queryset(self):
        return Session.objects.select_related("worker", "enrolment__person", "service").order_by("-start", "-id")


class SessionDetailView(ViewPermissionMixin, ScopedDetailView):
    model = Session
    permission = VIEW
    template_name = "delivery/session_detail.html"

    def base_queryset(self):
        return Session.objects.select_related("worker", "enrolment__person", "enrolment__programme", "service")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            corrections=self.object.corrections.all(),
            activity=selectors.activity_label(self.object.activity),
            can_edit=tenancy.has_perm(self.request.user, EDIT, self.object.organisation_id),
            cancel_form=forms.ReasonForm(),
        )
        return context


class SessionCreateView(EditFormView):
    """Session entry: every rule is checked and a broken one is shown in Polish, naming the
    conflicting session or the limit."""

    form_class = forms.SessionForm
    title = gettext_lazy("Nowa sesja")
    intro = gettext_lazy("Czas dojazdu nie wlicza się do czasu usługi.")

    def get_initial(self):
        initial = {"status": SessionStatus.DELIVERED}
        for key in ("enrolment", "worker", "service"):
            if self.request.GET.get(key, "").isdigit():
                initial[key] = int(self.request.GET[key])
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "another": True}

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["travel_minutes"] = data.get("travel_minutes") or 0
        return services.session_create(actor=self.request.user, **data)

    def get_success_url(self):
        messages.success(
            self.request,
            _("Zapisano sesję #%(id)s (%(units)s %(unit)s).")
            % {
                "id": self.object.pk,
                "units": rules.fmt_units(self.object.units),
                "unit": self.object.service.unit_short,
            },
        )
        if self.request.POST.get("another"):
            return (
                reverse("delivery:session_create")
                + f"?enrolment={self.object.enrolment_id}&worker={self.object.worker_id}&service={self.object.service_id}"
            )
        return reverse("delivery:session_detail", args=[self.object.pk])


class SessionEditView(EditFormView):
    form_class = forms.SessionEditForm
    title = gettext_lazy("Korekta sesji")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = selectors.session_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        s = self.session
        return {
            "worker": s.worker_id,
            "service": s.service_id,
            "start": rules.local(s.start),
            "end": rules.local(s.end),
            "status": s.status,
            "activity": s.activity,
            "note": s.note,
            "travel_minutes": s.travel_minutes,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "") or ""
        data["travel_minutes"] = data.get("travel_minutes") or 0
        changed = {k: v for k, v in data.items() if k in form.changed_data}
        return services.session_update(actor=self.request.user, session=self.session, data=changed, reason=reason)

    def get_success_url(self):
        return reverse("delivery:session_detail", args=[self.session.pk])

    get_cancel_url = get_success_url


class SessionCancelView(LoginRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        session = selectors.session_get_for_user(request.user, kwargs["pk"], EDIT)
        form = forms.ReasonForm(request.POST)
        form.is_valid()
        try:
            services.session_cancel(actor=request.user, session=session, reason=form.cleaned_data.get("reason", ""))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Sesja #%(id)s została odwołana.") % {"id": session.pk})
        return HttpResponseRedirect(reverse("delivery:session_detail", args=[session.pk]))


class CostsView(ViewPermissionMixin, TemplateView):
    template_name = "delivery/costs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qs = selectors.sessions_for_user(self.request.user)
        filterset = filters.SessionFilter(self.request.GET or None, queryset=qs, request=self.request)
        if filterset.is_bound and filterset.is_valid():
            qs = filterset.qs
        context.update(
            filter=filterset,
            totals=selectors.cost_totals(qs),
            by_month=selectors.costs_by_month(qs),
            by_participant=selectors.costs_by_participant(qs)[:200],
            by_edition=selectors.costs_by_edition(qs),
        )
        return context


# --- the worker's own day -----------------------------------------------------------------
class MyDayView(LoginRequiredMixin, TemplateView):
    """Today's sessions of the worker linked to the login, with start and stop buttons; their participants."""

    template_name = "delivery/my_day.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require_somewhere(request.user, OWN)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        d1 = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=rules.WARSAW)
        context.update(
            workers=list(selectors.own_workers(user)),
            today=today,
            sessions=selectors.today_sessions(user, today),
            upcoming=selectors.own_sessions(user)
            .filter(start__gte=d1, start__lt=d1 + dt.timedelta(days=7))
            .exclude(status=SessionStatus.CANCELLED)
            .order_by("start")[:30],
            participants=selectors.own_enrolments(user).order_by("person__last_name", "person__first_name"),
            stop_form=forms.StopForm(),
        )
        return context


class MySessionActionView(LoginRequiredMixin, View):
    action = "start"

    def post(self, request, *args, **kwargs):
        _require_somewhere(request.user, OWN)
        session = selectors.own_session_get(request.user, kwargs["pk"])
        try:
            if self.action == "start":
                services.session_start(actor=request.user, session=session)
                messages.success(
                    request,
                    _("Rozpoczęto sesję z %(person)s o %(time)s.")
                    % {"person": session.enrolment.person, "time": rules.local(session.start).strftime("%H:%M")},
                )
            else:
                form = forms.StopForm(request.POST)
                form.is_valid()
                services.session_stop(
                    actor=request.user,
                    session=session,
                    activity=form.cleaned_data.get("activity") or None,
                    note=form.cleaned_data.get("note") or None,
                )
                messages.success(
                    request, _("Zakończono sesję: %(units)s h.") % {"units": rules.fmt_units(session.units)}
                )
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, exc.message if isinstance(exc, ApplicationError) else " ".join(exc.messages))
        return HttpResponseRedirect(reverse("delivery:my_day"))


# --- meals --------------------------------------------------------------------------------
class MealListView(ViewPermissionMixin, ScopedListView):
    model = MealAid
    permission = VIEW
    filterset_class = filters.MealAidFilter
    template_name = "delivery/meal_list.html"

    def base_queryset(self):
        return MealAid.objects.select_related("person", "programme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = selectors.meal_monthly_totals(self.object_list.order_by())
        return context


class MealCreateView(EditFormView):
    form_class = forms.MealAidForm
    title = gettext_lazy("Pomoc w formie posiłku lub żywności")
    intro = gettext_lazy("Posiłek w szkole i w domu: jedna forma pomocy dla osoby w miesiącu.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["meals"] = data.get("meals") or 0
        return services.meal_aid_create(actor=self.request.user, organisation=data["person"].organisation, **data)

    def get_success_url(self):
        return reverse("delivery:meal_list")

    get_cancel_url = get_success_url


# --- equipment ----------------------------------------------------------------------------
class ItemListView(ViewPermissionMixin, ScopedListView):
    model = EquipmentItem
    permission = VIEW
    filterset_class = filters.EquipmentItemFilter
    template_name = "delivery/item_list.html"

    def get_queryset(self):
        self.filterset = None
        qs = selectors.items_for_user(self.request.user)
        self.filterset = self.filterset_class(self.request.GET or None, queryset=qs, request=self.request)
        return self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else qs


class ItemDetailView(ViewPermissionMixin, TemplateView):
    template_name = "delivery/item_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = selectors.item_get_for_user(self.request.user, kwargs["pk"])
        context.update(
            item=item,
            loans=item.loans.select_related("person"),
            can_edit=tenancy.has_perm(self.request.user, EDIT, item.organisation_id),
        )
        return context


class ItemCreateView(EditFormView):
    form_class = forms.EquipmentItemForm
    title = gettext_lazy("Nowy sprzęt w wypożyczalni")

    def perform(self, form):
        return services.equipment_item_create(
            actor=self.request.user, organisation=self.organisation(), **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("delivery:item_detail", args=[self.object.pk])


class ItemEditView(EditFormView):
    form_class = forms.EquipmentItemForm
    title = gettext_lazy("Zmiana danych sprzętu")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.item = selectors.item_get_for_user(request.user, kwargs["pk"], EDIT)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {f: getattr(self.item, f) for f in forms.EquipmentItemForm.base_fields}

    def perform(self, form):
        return services.equipment_item_update(actor=self.request.user, item=self.item, data=form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:item_detail", args=[self.item.pk])

    get_cancel_url = get_success_url


class LoanListView(ViewPermissionMixin, ScopedListView):
    model = Loan
    permission = VIEW
    filterset_class = filters.LoanFilter
    template_name = "delivery/loan_list.html"
    overdue_only = False

    def base_queryset(self):
        qs = Loan.objects.select_related("item", "person")
        if self.overdue_only:
            qs = qs.filter(returned_on__isnull=True, due_date__lt=timezone.localdate()).order_by("due_date")
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "overdue_only": self.overdue_only, "today": timezone.localdate()}


class LoanDetailView(ViewPermissionMixin, TemplateView):
    template_name = "delivery/loan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        loan = selectors.loan_get_for_user(self.request.user, kwargs["pk"])
        context.update(
            loan=loan,
            extensions=loan.extensions.all(),
            today=timezone.localdate(),
            can_edit=tenancy.has_perm(self.request.user, EDIT, loan.organisation_id),
            extend_form=forms.ExtendForm(),
            return_form=forms.ReturnForm(initial={"condition": loan.item.condition}),
        )
        return context


class LoanCreateView(EditFormView):
    form_class = forms.LoanForm
    title = gettext_lazy("Nowa umowa użyczenia")

    def get_initial(self):
        item = self.request.GET.get("item", "")
        return {"item": int(item)} if item.isdigit() else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = tenancy.organisations_for(self.request.user, EDIT).first()
        threshold = selectors.guarantor_threshold_for(org) if org else None
        if threshold is not None:
            from wsparcie.core.money import format_pln

            context["intro"] = _("Sprzęt o wartości powyżej %(threshold)s wymaga poręczyciela.") % {
                "threshold": format_pln(threshold)
            }
        return context

    def perform(self, form):
        return services.loan_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("delivery:loan_detail", args=[self.object.pk])


class LoanActionView(LoginRequiredMixin, View):
    action = "extend"

    def post(self, request, *args, **kwargs):
        loan = selectors.loan_get_for_user(request.user, kwargs["pk"], EDIT)
        form = (forms.ExtendForm if self.action == "extend" else forms.ReturnForm)(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                _("Popraw dane: %(errors)s")
                % {"errors": "; ".join(str(e) for errs in form.errors.values() for e in errs)},
            )
        else:
            try:
                if self.action == "extend":
                    services.loan_extend(actor=request.user, loan=loan, **form.cleaned_data)
                    messages.success(request, _("Przedłużono użyczenie."))
                else:
                    services.loan_return(actor=request.user, loan=loan, **form.cleaned_data)
                    messages.success(request, _("Zapisano zwrot sprzętu."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("delivery:loan_detail", args=[loan.pk]))


class LoanPdfView(ViewPermissionMixin, View):
    def get(self, request, *args, **kwargs):
        loan = selectors.loan_get_for_user(request.user, kwargs["pk"])
        context = {
            "loan": loan,
            "organisation": loan.organisation,
            "extensions": loan.extensions.all(),
            "generated_at": timezone.localtime(),
        }
        return render_pdf("delivery/pdf/loan.html", context, request, f"umowa-{loan.number.replace('/', '-')}.pdf")


class SettingsView(EditFormView):
    form_class = forms.SettingsForm
    title = gettext_lazy("Ustawienia wypożyczalni")

    def get_initial(self):
        org = tenancy.organisations_for(self.request.user, EDIT).first()
        current = selectors.delivery_settings_for(org)
        return {"guarantor_threshold": current.guarantor_threshold, "loan_months": current.loan_months}

    def perform(self, form):
        return services.delivery_settings_set(
            actor=self.request.user, organisation=self.organisation(), **form.cleaned_data
        )

    def get_success_url(self):
        messages.success(self.request, _("Zapisano ustawienia."))
        return reverse("delivery:item_list")
