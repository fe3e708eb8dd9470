"""Staff pages of recruitment (/staff/enrolment/): the queue of applications, an application with
its eligibility explained per criterion and its actions, programmes with places and waiting
lists, the criteria editor and screening of the registry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wsparcie.core import tenancy
from wsparcie.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from wsparcie.enrolment import forms, rules, selectors, services
from wsparcie.enrolment.choices import (
    CAPACITY_COUNTED,
    QUALIFIABLE,
    ApplicationStatus,
    CriterionKind,
    ScreeningResult,
)
from wsparcie.enrolment.exports import screening_csv_response
from wsparcie.enrolment.filters import ApplicationFilter
from wsparcie.enrolment.models import Application

S = ApplicationStatus


def _require(user, perm: str, organisation_id: int) -> None:
    if not tenancy.has_perm(user, perm, organisation_id):
        raise PermissionDenied


# --- Applications --------------------------------------------------------------------------


class ApplicationListView(ScopedListView):
    """The recruitment queue: filters by programme, status and source."""

    model = Application
    permission = "enrolment.view"
    filterset_class = ApplicationFilter
    template_name = "enrolment/application_list.html"

    def base_queryset(self):
        return Application.objects.select_related("programme", "person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = tenancy.has_perm(self.request.user, "enrolment.edit")
        return context


#: (action url name, label, permission, statuses in which it applies)
ACTIONS = [
    ("review", gettext_lazy("Rozpocznij ocenę"), "enrolment.edit", [S.SUBMITTED]),
    ("qualify", gettext_lazy("Kwalifikuj"), "enrolment.qualify", list(QUALIFIABLE)),
    ("sign_declaration", gettext_lazy("Deklaracja podpisana"), "enrolment.edit", [S.QUALIFIED, S.ENROLLED]),
    ("complete", gettext_lazy("Zakończ udział"), "enrolment.edit", [S.ENROLLED]),
    ("reject", gettext_lazy("Odrzuć"), "enrolment.qualify", [S.SUBMITTED, S.UNDER_REVIEW, S.WAITING_LIST, S.QUALIFIED]),
    (
        "withdraw",
        gettext_lazy("Wycofaj"),
        "enrolment.edit",
        [S.SUBMITTED, S.UNDER_REVIEW, S.QUALIFIED, S.ENROLLED, S.WAITING_LIST],
    ),
    ("evaluate", gettext_lazy("Oceń kryteria ponownie"), "enrolment.edit", list(S.values)),
]


class ApplicationDetailView(ScopedDetailView):
    model = Application
    permission = "enrolment.view"
    template_name = "enrolment/application_detail.html"

    def base_queryset(self):
        return Application.objects.select_related("programme", "person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application: Application = self.object
        user = self.request.user
        services.application_viewed(actor=user, application=application)
        org = application.organisation_id
        context["show_health"] = tenancy.has_perm(user, "health.view", org)
        context["results"] = (application.eligibility or {}).get("criteria", [])
        evaluated_on = (application.eligibility or {}).get("on")
        context["evaluated_on"] = rules.parse_date(evaluated_on) if evaluated_on else None
        context["current_rule_version"] = selectors.programme_rule_version(application.programme)
        context["places"] = selectors.programme_places(application.programme)
        context["waiting_position"] = selectors.waiting_position(application)
        context["actions"] = [
            {"name": name, "label": label, "url": reverse(f"enrolment:{name}", args=[application.pk])}
            for name, label, perm, statuses in ACTIONS
            if application.status in statuses and tenancy.has_perm(user, perm, org)
        ]
        pending = []
        if tenancy.has_perm(user, "enrolment.edit", org):
            for row in selectors.criterion_rows(application.programme):
                if row.kind == CriterionKind.SOCIAL_WORKER_JUDGEMENT:
                    pending.append(
                        {
                            "criterion": row,
                            "form": forms.DecisionForm(initial={"criterion": row.pk}, prefix=f"d{row.pk}"),
                        }
                    )
        context["decision_forms"] = pending
        return context


class ApplicationCreateView(ServiceFormView):
    form_class = forms.ApplicationCreateForm
    template_name = "enrolment/form_page.html"
    success_message = gettext_lazy("Zgłoszenie zarejestrowane.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "enrolment.edit"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for key in ("programme", "person"):
            if self.request.GET.get(key, "").isdigit():
                initial[key] = int(self.request.GET[key])
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["programmes"] = selectors.programmes_for_user(self.request.user, "enrolment.edit").order_by("name")
        kwargs["persons"] = selectors.persons_for_user(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Nowe zgłoszenie")
        person_id = self.request.GET.get("person", "")
        if person_id.isdigit():
            context["person"] = selectors.persons_for_user(self.request.user).filter(pk=int(person_id)).first()
        context["back_url"] = reverse("enrolment:list")
        context["submit_label"] = _("Zarejestruj zgłoszenie")
        return context

    def perform(self, form):
        return services.application_submit(
            actor=self.request.user,
            programme=form.cleaned_data["programme"],
            person=form.cleaned_data["person_obj"],
            notes=form.cleaned_data.get("notes", ""),
        )

    def get_success_url(self):
        return reverse("enrolment:detail", args=[self.object.pk])


class ApplicationActionView(ServiceFormView):
    """A confirmation form for one action on an application, handed to a service."""

    template_name = "enrolment/form_page.html"
    permission = ""
    title = ""
    submit_label = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application = selectors.application_get_for_user(request.user, kwargs["pk"])
        _require(request.user, self.permission, self.application.organisation_id)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.method == "POST":
            # e.g. a refused qualification stored its evaluation: show it next to the error
            self.application.refresh_from_db()
        context.update(
            show_health=tenancy.has_perm(self.request.user, "health.view", self.application.organisation_id),
            results=(self.application.eligibility or {}).get("criteria", []),
            title=f"{self.title}: {self.application.person} – {self.application.programme}",
            application=self.application,
            back_url=reverse("enrolment:detail", args=[self.application.pk]),
            submit_label=self.submit_label or self.title,
        )
        return context

    def get_success_url(self):
        return reverse("enrolment:detail", args=[self.application.pk])


class QualifyView(ApplicationActionView):
    form_class = forms.QualifyForm
    permission = "enrolment.qualify"
    title = gettext_lazy("Kwalifikacja")

    def perform(self, form):
        application = services.application_qualify(
            actor=self.request.user,
            application=self.application,
            on=form.cleaned_data["on"],
            declaration_signed_on=form.cleaned_data.get("declaration_signed_on"),
            await_declaration=form.cleaned_data.get("await_declaration", False),
        )
        messages.success(
            self.request, _("Wynik kwalifikacji: %(status)s.") % {"status": application.get_status_display()}
        )
        return application


class RejectView(ApplicationActionView):
    form_class = forms.RejectForm
    permission = "enrolment.qualify"
    title = gettext_lazy("Odrzucenie zgłoszenia")
    submit_label = gettext_lazy("Odrzuć")

    def perform(self, form):
        application, offered = services.application_reject(
            actor=self.request.user, application=self.application, reason=form.cleaned_data["reason"]
        )
        _offered_message(self.request, offered)
        return application


class WithdrawView(ApplicationActionView):
    form_class = forms.WithdrawForm
    permission = "enrolment.edit"
    title = gettext_lazy("Wycofanie zgłoszenia")
    submit_label = gettext_lazy("Wycofaj")

    def perform(self, form):
        application, offered = services.application_withdraw(
            actor=self.request.user,
            application=self.application,
            on=form.cleaned_data["on"],
            note=form.cleaned_data.get("note", ""),
        )
        _offered_message(self.request, offered)
        return application


class CompleteView(ApplicationActionView):
    form_class = forms.CompleteForm
    permission = "enrolment.edit"
    title = gettext_lazy("Zakończenie udziału")

    def perform(self, form):
        return services.application_complete(
            actor=self.request.user, application=self.application, ended_on=form.cleaned_data["ended_on"]
        )


class SignDeclarationView(ApplicationActionView):
    form_class = forms.SignDeclarationForm
    permission = "enrolment.edit"
    title = gettext_lazy("Deklaracja uczestnictwa")
    submit_label = gettext_lazy("Zapisz datę podpisania")

    def perform(self, form):
        return services.application_sign_declaration(
            actor=self.request.user, application=self.application, signed_on=form.cleaned_data["signed_on"]
        )


class ReviewView(ApplicationActionView):
    form_class = forms.forms.Form
    permission = "enrolment.edit"
    title = gettext_lazy("Rozpoczęcie oceny")
    submit_label = gettext_lazy("Rozpocznij ocenę")

    def perform(self, form):
        return services.application_review(actor=self.request.user, application=self.application)


class EvaluateView(ApplicationActionView):
    form_class = forms.EvaluateForm
    permission = "enrolment.edit"
    title = gettext_lazy("Ponowna ocena kryteriów")
    submit_label = gettext_lazy("Oceń")

    def perform(self, form):
        services.application_evaluate(actor=self.request.user, application=self.application, on=form.cleaned_data["on"])
        return self.application


class DecisionView(ApplicationActionView):
    """Records a social worker's judgement of one criterion for the application's person."""

    permission = "enrolment.edit"
    title = gettext_lazy("Ocena pracownika socjalnego")
    form_class = forms.DecisionForm

    def get_prefix(self):
        return f"d{self.kwargs['criterion']}"

    def perform(self, form):
        criterion = selectors.criterion_get_for_user(self.request.user, self.kwargs["criterion"])
        if criterion.programme_id != self.application.programme_id:
            raise PermissionDenied
        services.decision_record(
            actor=self.request.user,
            criterion=criterion,
            person=self.application.person,
            passed=form.cleaned_data["passed"],
            note=form.cleaned_data["note"],
            decided_on=form.cleaned_data["decided_on"],
        )
        services.application_evaluate(actor=self.request.user, application=self.application)
        return self.application


def _offered_message(request, offered) -> None:
    if offered is not None:
        messages.info(
            request,
            _("Zwolnione miejsce zaoferowano pierwszej osobie z listy rezerwowej: %(person)s.")
            % {"person": offered.person},
        )


# --- Programmes: places, waiting list, criteria, screening ----------------------------------


class ProgrammeListView(LoginRequiredMixin, TemplateView):
    template_name = "enrolment/programme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = (
            selectors.programmes_for_user(self.request.user)
            .annotate(
                criteria_count=Count("criteria", filter=Q(criteria__parent__isnull=True), distinct=True),
                taken=Count("applications", filter=Q(applications__status__in=CAPACITY_COUNTED), distinct=True),
                waiting=Count("applications", filter=Q(applications__status=S.WAITING_LIST), distinct=True),
            )
            .order_by("name", "id")
        )
        context["page_obj"] = Paginator(programmes, 50).get_page(self.request.GET.get("page"))
        context["object_list"] = context["page_obj"].object_list
        return context


class ProgrammeMixin(LoginRequiredMixin):
    permission = "enrolment.view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.programme = selectors.programme_get_for_user(request.user, kwargs["programme"])
        if self.permission != "enrolment.view":
            _require(request.user, self.permission, self.programme.organisation_id)
        return super().dispatch(request, *args, **kwargs)


class WaitingListView(ProgrammeMixin, View):
    def get(self, request, programme):
        return render(request, "enrolment/waiting_list.html", self._context())

    def post(self, request, programme):
        _require(request.user, "enrolment.qualify", self.programme.organisation_id)
        offered = services.programme_offer_free_places(actor=request.user, programme=self.programme)
        if offered:
            messages.success(
                request,
                _("Zaoferowano miejsca: %(people)s.") % {"people": ", ".join(str(a.person) for a in offered)},
            )
        else:
            messages.info(request, _("Brak wolnych miejsc albo pusta lista rezerwowa."))
        return HttpResponseRedirect(reverse("enrolment:waiting_list", args=[self.programme.pk]))

    def _context(self):
        return {
            "programme": self.programme,
            "places": selectors.programme_places(self.programme),
            "waiting": selectors.waiting_list(self.programme),
            "holders": Application.objects.filter(programme=self.programme, status__in=CAPACITY_COUNTED)
            .select_related("person")
            .order_by("status", "person__last_name", "id"),
            "can_offer": tenancy.has_perm(self.request.user, "enrolment.qualify", self.programme.organisation_id),
        }


class CriteriaView(ProgrammeMixin, View):
    """The criteria editor of one edition: the tree of criteria and a form to add one."""

    def get(self, request, programme):
        return self._render(forms.CriterionForm(programme=self.programme))

    def post(self, request, programme):
        _require(request.user, "programmes.edit", self.programme.organisation_id)
        form = forms.CriterionForm(request.POST, programme=self.programme)
        if form.is_valid():
            data = form.cleaned_data
            if _call_service(
                form,
                lambda: services.criterion_create(
                    actor=request.user,
                    programme=self.programme,
                    code=data["code"],
                    name=data["name"],
                    kind=data["kind"],
                    params=data["params"],
                    parent=data.get("parent"),
                    order=data.get("order"),
                ),
            ):
                messages.success(request, _("Dodano kryterium „%(name)s”.") % {"name": data["name"]})
                return HttpResponseRedirect(reverse("enrolment:criteria", args=[self.programme.pk]))
        return self._render(form, status=400)

    def _render(self, form, status=200):
        rows = selectors.criterion_rows(self.programme)
        return render(
            self.request,
            "enrolment/criteria.html",
            {
                "programme": self.programme,
                "tree": selectors.criteria_tree(rows),
                "rule_version": rules.rule_version(selectors.programme_criteria(self.programme, rows)),
                "form_facts": rules.required_facts(selectors.programme_criteria(self.programme, rows)),
                "form": form,
                "can_edit": tenancy.has_perm(self.request.user, "programmes.edit", self.programme.organisation_id),
            },
            status=status,
        )


def _call_service(form, call) -> bool:
    """Run a service; put its ValidationError / ApplicationError on the form. True when it succeeded."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    from wsparcie.core.errors import ApplicationError

    try:
        call()
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        for field, items in errors.items():
            for message in items:
                form.add_error(field if field in form.fields else None, message)
        return False
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return False
    return True


class CriterionEditView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.criterion = selectors.criterion_get_for_user(request.user, kwargs["pk"])
        _require(request.user, "programmes.edit", self.criterion.organisation_id)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self._render(forms.CriterionForm(programme=self.criterion.programme, instance=self.criterion))

    def post(self, request, pk):
        criterion = self.criterion
        if "delete" in request.POST:
            services.criterion_delete(actor=request.user, criterion=criterion)
            messages.success(request, _("Usunięto kryterium „%(name)s”.") % {"name": criterion.name})
            return HttpResponseRedirect(reverse("enrolment:criteria", args=[criterion.programme_id]))
        form = forms.CriterionForm(request.POST, programme=criterion.programme, instance=criterion)
        if form.is_valid():
            data = form.cleaned_data
            if _call_service(
                form,
                lambda: services.criterion_update(
                    actor=request.user,
                    criterion=criterion,
                    code=data["code"],
                    name=data["name"],
                    kind=data["kind"],
                    params=data["params"],
                    parent=data.get("parent"),
                    order=data.get("order") or 0,
                ),
            ):
                messages.success(request, _("Zapisano kryterium „%(name)s”.") % {"name": data["name"]})
                return HttpResponseRedirect(reverse("enrolment:criteria", args=[criterion.programme_id]))
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return render(
            self.request,
            "enrolment/criterion_form.html",
            {"criterion": self.criterion, "programme": self.criterion.programme, "form": form},
            status=status,
        )


class ScreeningView(ProgrammeMixin, View):
    """Who in the registry meets the edition's criteria (or lacks data), with a CSV export."""

    def get(self, request, programme):
        _require(request.user, "people.view", self.programme.organisation_id)
        _require(request.user, "health.view", self.programme.organisation_id)
        form = forms.ScreeningForm(request.GET or None)
        on = timezone.localdate()
        result = ScreeningResult.ELIGIBLE
        if form.is_bound and form.is_valid():
            on = form.cleaned_data.get("on") or on
            result = form.cleaned_data.get("result") or result
        screening = selectors.programme_screening(self.programme, on)
        queryset = (screening.eligible if result == ScreeningResult.ELIGIBLE else screening.unknown).order_by(
            "last_name", "first_name", "id"
        )
        export = request.GET.get("export") == "csv"
        services.screening_viewed(actor=request.user, programme=self.programme, on=on, result=result, export=export)
        if export:
            return screening_csv_response(
                queryset,
                programme=self.programme,
                on=on,
                result=result,
                result_label=str(ScreeningResult(result).label),
            )
        page = Paginator(screening.listing(result), 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return render(
            request,
            "enrolment/screening.html",
            {
                "programme": self.programme,
                "form": form if form.is_bound else forms.ScreeningForm(initial={"on": on, "result": result}),
                "page_obj": page,
                "object_list": page.object_list,
                "on": on,
                "result": result,
                "result_label": ScreeningResult(result).label,
                "count": page.paginator.count,
                "unknown_query": f"on={on.isoformat()}&result={ScreeningResult.UNKNOWN}",
                "query_without_page": query.urlencode(),
                "export_query": (query.urlencode() + "&" if query else "") + "export=csv",
                "can_apply": tenancy.has_perm(request.user, "enrolment.edit", self.programme.organisation_id),
            },
        )
