"""Indicators pages: programmes, each programme's dashboard (targets against actuals with
charts, milestones, durability duties), indicator forms, manual values with evidence, the
funder's report on screen and the EU participants' data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wsparcie.core import audit, tenancy
from wsparcie.core.views import ScopedListView, ServiceFormView
from wsparcie.indicators import charts, reports, selectors, services
from wsparcie.indicators.api import EU_PERMISSIONS
from wsparcie.indicators.filters import ProgrammeFilter
from wsparcie.indicators.forms import (
    EUDataForm,
    IndicatorForm,
    IndicatorValueForm,
    MilestoneTargetForm,
    ReportPeriodForm,
)
from wsparcie.programmes.models import Programme

VIEW, EDIT = selectors.VIEW, selectors.EDIT


class RequireViewPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(RequireViewPermissionMixin, ScopedListView):
    """``indicators:index``: programmes with their indicators, and durability duties flagged."""

    model = Programme
    permission = VIEW
    filterset_class = ProgrammeFilter
    template_name = "indicators/index.html"

    def base_queryset(self):
        return (
            Programme.objects.select_related("organisation")
            .annotate(indicator_count=Count("indicators"))
            .order_by("-indicator_count", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["flags"] = selectors.durability_flags_for_user(self.request.user)
        return context


class ProgrammeMixin(LoginRequiredMixin):
    """Loads ``self.programme`` visible with ``indicators.view`` (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.programme = selectors.programme_get_for_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def can(self, perm: str) -> bool:
        return tenancy.has_perm(self.request.user, perm, self.programme.organisation_id)


def series_chart(row, index: int):
    return charts.line(
        chart_id=f"series-{index}",
        title=_("%(indicator)s w czasie") % {"indicator": row.indicator.name},
        points=row.series,
        target=row.indicator.target,
        unit=row.indicator.unit,
    )


class DashboardView(ProgrammeMixin, TemplateView):
    template_name = "indicators/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = selectors.dashboard(self.programme, user=self.request.user)
        context.update(
            programme=self.programme,
            board=board,
            can_edit=self.can(EDIT),
            can_export_eu=all(self.can(p) for p in EU_PERMISSIONS),
            progress_chart=charts.progress_bars(
                chart_id="progress",
                title=_("Wskaźniki: wykonanie wobec celu"),
                items=[
                    {
                        "label": r.indicator.name,
                        "actual": r.actual,
                        "target": r.indicator.target,
                        "unit": r.indicator.unit,
                        "percent": r.percent,
                    }
                    for r in board.rows
                ],
            ),
            series=[(row, series_chart(row, i)) for i, row in enumerate(board.rows) if row.series],
            hours_chart=charts.columns(
                chart_id="hours", title=_("Godziny usług według miesięcy"), points=board.hours, unit=_("godz.")
            )
            if board.hours
            else None,
            spending_chart=charts.columns(
                chart_id="spending", title=_("Wydatki według miesięcy (zł)"), points=board.spending, unit="zł"
            )
            if board.spending and board.budget is not None
            else None,
            alarms_chart=charts.columns(
                chart_id="alarms", title=_("Alarmy teleopieki według miesięcy"), points=board.alarms, unit=_("alarmów")
            )
            if board.alarms
            else None,
        )
        return context


class EditFormMixin(ProgrammeMixin, ServiceFormView):
    template_name = "indicators/form.html"
    title = ""

    def get(self, request, *args, **kwargs):
        tenancy.require_perm(request.user, EDIT, self.programme.organisation_id)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        tenancy.require_perm(request.user, EDIT, self.programme.organisation_id)
        return super().post(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("indicators:dashboard", args=[self.programme.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, programme=self.programme, back_url=self.get_success_url())
        return context


class IndicatorCreateView(EditFormMixin):
    form_class = IndicatorForm
    title = gettext_lazy("Nowy wskaźnik")
    success_message = gettext_lazy("Dodano wskaźnik.")

    def perform(self, form):
        return services.indicator_create(actor=self.request.user, programme=self.programme, **form.cleaned_values())


class IndicatorMixin:
    """Resolves the indicator first (404 across organisations), then its programme."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return LoginRequiredMixin.handle_no_permission(self)
        self.indicator = selectors.indicator_get_for_user(request.user, kwargs["pk"])
        kwargs = {**kwargs, "pk": self.indicator.programme_id}
        self.kwargs = kwargs
        return super().dispatch(request, *args, **kwargs)


class IndicatorEditView(IndicatorMixin, EditFormMixin):
    form_class = IndicatorForm
    title = gettext_lazy("Zmiana wskaźnika")
    success_message = gettext_lazy("Zapisano wskaźnik.")

    def get_initial(self):
        return IndicatorForm.initial_for(self.indicator)

    def perform(self, form):
        return services.indicator_update(actor=self.request.user, indicator=self.indicator, **form.cleaned_values())


class IndicatorDetailView(IndicatorMixin, ProgrammeMixin, TemplateView):
    template_name = "indicators/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = next(r for r in selectors.indicator_rows(self.programme) if r.indicator.pk == self.indicator.pk)
        can_edit = self.can(EDIT)
        context.update(
            programme=self.programme,
            indicator=self.indicator,
            row=row,
            chart=series_chart(row, 0),
            values=self.indicator.values.all(),
            snapshots=self.indicator.snapshots.order_by("-taken_on")[:50],
            can_edit=can_edit,
            value_form=IndicatorValueForm() if can_edit and self.indicator.source == "manual" else None,
            milestone_form=MilestoneTargetForm(programme=self.programme) if can_edit else None,
        )
        return context


class IndicatorValueAddView(IndicatorMixin, EditFormMixin):
    form_class = IndicatorValueForm
    title = gettext_lazy("Wartość wskaźnika z dowodem")
    success_message = gettext_lazy("Zapisano wartość wskaźnika.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.indicator_value_add(actor=self.request.user, indicator=self.indicator, **data)

    def get_success_url(self):
        return reverse("indicators:indicator", args=[self.indicator.pk])


class MilestoneTargetSetView(IndicatorMixin, EditFormMixin):
    form_class = MilestoneTargetForm
    title = gettext_lazy("Cel wskaźnika w kamieniu milowym")
    success_message = gettext_lazy("Zapisano cel w kamieniu milowym.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def perform(self, form):
        return services.milestone_target_set(actor=self.request.user, indicator=self.indicator, **form.cleaned_data)

    def get_success_url(self):
        return reverse("indicators:indicator", args=[self.indicator.pk])


class EvidenceView(LoginRequiredMixin, View):
    """Downloads the evidence file of a manual value (scoped; the download is audited)."""

    def get(self, request, pk):
        value = selectors.indicator_value_get_for_user(request.user, pk)
        if not value.evidence:
            raise Http404
        audit.record(actor=request.user, action="view", instance=value, note="Pobrano dowód wartości wskaźnika.")
        return FileResponse(
            value.evidence.open("rb"),
            as_attachment=True,
            filename=value.original_filename or value.evidence.name.rsplit("/", 1)[-1],
        )


class SnapshotView(ProgrammeMixin, View):
    def post(self, request, pk):
        tenancy.require_perm(request.user, EDIT, self.programme.organisation_id)
        count = services.indicators_snapshot_all(actor=request.user, programme=self.programme)
        messages.success(request, _("Zapisano dzisiejszy stan wskaźników liczonych z danych: %(n)s.") % {"n": count})
        return HttpResponseRedirect(reverse("indicators:dashboard", args=[pk]))


class ReportView(ProgrammeMixin, TemplateView):
    """The funder's report on screen, with links to the same report as PDF, XLSX and CSV."""

    template_name = "indicators/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReportPeriodForm(self.request.GET or None)
        date_from = date_to = None
        if form.is_bound and form.is_valid():
            date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        report = reports.build(
            self.programme, date_from=date_from, date_to=date_to, include_costs=self.can("finance.view")
        )
        query = f"date_from={report.date_from:%Y-%m-%d}&date_to={report.date_to:%Y-%m-%d}"
        context.update(programme=self.programme, form=form, r=report, query=query, **reports.chart_context(report))
        return context


class EUListView(ProgrammeMixin, TemplateView):
    template_name = "indicators/eu_list.html"

    def get(self, request, *args, **kwargs):
        for perm in EU_PERMISSIONS:
            if not self.can(perm):
                raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            programme=self.programme,
            participations=selectors.eu_participations(self.programme),
            can_edit=self.can("enrolment.edit"),
        )
        return context


class EUDataEditView(ServiceFormView):
    form_class = EUDataForm
    template_name = "indicators/form.html"
    success_message = gettext_lazy("Zapisano dane uczestnika do monitorowania EFS.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        from wsparcie.enrolment.models import Application

        self.application = tenancy.get_for_user(
            Application.objects.select_related("person", "programme"), request.user, "enrolment.view", pk=kwargs["pk"]
        )
        org = self.application.organisation_id
        if not (
            tenancy.has_perm(request.user, "enrolment.edit", org) and tenancy.has_perm(request.user, "health.view", org)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = selectors.eu_data_get(self.application)
        return kwargs

    def perform(self, form):
        return services.eu_data_save(actor=self.request.user, enrolment=self.application, **form.cleaned_data)

    def get_success_url(self):
        return reverse("indicators:eu_list", args=[self.application.programme_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Dane do monitorowania EFS: %(person)s") % {"person": self.application.person},
            programme=self.application.programme,
            back_url=self.get_success_url(),
        )
        return context
