"""Staff pages of the register: list (live filtering), detail with its child rows, create,
edit, delete and document download. Every page answers 404 for another organisation's data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedDetailView, ScopedListView, ServiceFormView
from wsparcie.programmes import forms, selectors, services
from wsparcie.programmes.documents import document_response
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
    ProgrammeTarget,
    ProjectPartner,
)


class ProgrammeListView(ScopedListView):
    model = Programme
    permission = selectors.VIEW
    filterset_class = ProgrammeFilter
    template_name = "programmes/programme_list.html"
    paginate_by = 50

    def base_queryset(self):
        return Programme.objects.select_related("organisation", "series")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = tenancy.has_perm(self.request.user, selectors.EDIT)
        return context


# --- Child rows: one registry drives the forms, the add and the remove views ---------------


@dataclass(frozen=True)
class ChildKind:
    model: type
    form: type
    add: Any
    title: Any
    add_label: Any
    lookup: str = "programme"


def _add_milestone_target(*, actor, programme, milestone, **data):
    return services.milestone_target_add(actor=actor, milestone=milestone, **data)


CHILD_KINDS: dict[str, ChildKind] = {
    "fundings": ChildKind(
        ProgrammeFunding,
        forms.FundingForm,
        services.funding_add,
        gettext_lazy("Źródła finansowania"),
        gettext_lazy("Dodaj źródło finansowania"),
    ),
    "targets": ChildKind(
        ProgrammeTarget,
        forms.TargetForm,
        services.target_add,
        gettext_lazy("Planowane liczby"),
        gettext_lazy("Dodaj planowaną liczbę"),
    ),
    "activities": ChildKind(
        ProgrammeActivity,
        forms.ActivityForm,
        services.activity_add,
        gettext_lazy("Działania"),
        gettext_lazy("Dodaj działanie"),
    ),
    "limits": ChildKind(
        ProgrammeLimit, forms.LimitForm, services.limit_add, gettext_lazy("Limity"), gettext_lazy("Dodaj limit")
    ),
    "milestones": ChildKind(
        Milestone,
        forms.MilestoneForm,
        services.milestone_add,
        gettext_lazy("Kamienie milowe"),
        gettext_lazy("Dodaj kamień milowy"),
    ),
    "milestone-targets": ChildKind(
        MilestoneTarget,
        forms.MilestoneTargetForm,
        _add_milestone_target,
        gettext_lazy("Wskaźniki kamieni milowych"),
        gettext_lazy("Dodaj wskaźnik kamienia milowego"),
        lookup="milestone__programme",
    ),
    "durability": ChildKind(
        DurabilityObligation,
        forms.DurabilityForm,
        services.durability_add,
        gettext_lazy("Trwałość"),
        gettext_lazy("Dodaj obowiązek trwałości"),
    ),
    "partners": ChildKind(
        ProjectPartner,
        forms.PartnerForm,
        services.partner_add,
        gettext_lazy("Lider i partnerzy"),
        gettext_lazy("Dodaj partnera"),
    ),
    "links": ChildKind(
        ProgrammeLink, forms.LinkForm, services.link_add, gettext_lazy("Odnośniki"), gettext_lazy("Dodaj odnośnik")
    ),
    "documents": ChildKind(
        ProgrammeDocument,
        forms.DocumentForm,
        services.document_add,
        gettext_lazy("Dokumenty"),
        gettext_lazy("Dodaj dokument"),
    ),
}


def _child_forms(programme: Programme, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    result = {}
    for kind, spec in CHILD_KINDS.items():
        if bound is not None and bound[0] == kind:
            result[kind.replace("-", "_")] = bound[1]
        else:
            result[kind.replace("-", "_")] = spec.form(programme=programme, prefix=kind)
    return result


def _attach_document_urls(programme: Programme) -> None:
    for document in programme.documents.all():
        document.download_url = (
            reverse("programmes:document", kwargs={"pk": programme.pk, "document_pk": document.pk})
            if document.file
            else ""
        )


def _detail_context(request, programme: Programme, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    can_edit = tenancy.has_perm(request.user, selectors.EDIT, programme.organisation_id)
    _attach_document_urls(programme)
    return {
        "programme": programme,
        "object": programme,
        "can_edit": can_edit,
        "manage": can_edit,
        "child_forms": _child_forms(programme, bound) if can_edit else {},
        "open_form": bound[0] if bound else "",
        "child_kinds": CHILD_KINDS,
    }


class ProgrammeDetailView(ScopedDetailView):
    model = Programme
    permission = selectors.VIEW
    template_name = "programmes/programme_detail.html"

    def base_queryset(self):
        return selectors.with_details(Programme.objects.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_detail_context(self.request, self.object))
        return context


class _EditMixin(LoginRequiredMixin):
    """Loads the programme the user may see (404 otherwise) and requires ``programmes.edit`` in
    its organisation (403 for a viewer of the same organisation)."""

    def get_programme(self) -> Programme:
        programme = selectors.programme_get_for_user(self.request.user, self.kwargs["pk"])
        tenancy.require_perm(self.request.user, selectors.EDIT, programme.organisation_id)
        return programme


class ProgrammeCreateView(ServiceFormView):
    template_name = "programmes/programme_form.html"
    form_class = forms.ProgrammeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, selectors.EDIT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        data = dict(form.cleaned_data)
        requested = data.pop("organisation", None)
        organisation = tenancy.organisation_for_write(self.request.user, selectors.EDIT, requested)
        return services.programme_create(actor=self.request.user, organisation=organisation, **data)

    def get_success_url(self):
        messages.success(self.request, _("Zapisano „%(name)s”.") % {"name": self.object})
        return reverse("programmes:detail", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Nowy program lub projekt")}


class ProgrammeUpdateView(_EditMixin, ServiceFormView):
    template_name = "programmes/programme_form.html"
    form_class = forms.ProgrammeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.programme = self.get_programme()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.programme}

    def perform(self, form):
        return services.programme_update(actor=self.request.user, programme=self.programme, **form.cleaned_data)

    def get_success_url(self):
        messages.success(self.request, _("Zapisano zmiany w „%(name)s”.") % {"name": self.object})
        return reverse("programmes:detail", kwargs={"pk": self.object.pk})

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Zmień: %(name)s") % {"name": self.programme},
            "programme": self.programme,
        }


class ProgrammeDeleteView(_EditMixin, View):
    template_name = "programmes/programme_confirm_delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"programme": self.get_programme()})

    def post(self, request, pk):
        programme = self.get_programme()
        try:
            services.programme_delete(actor=request.user, programme=programme)
        except ApplicationError as exc:
            return render(request, self.template_name, {"programme": programme, "error": exc.message}, status=409)
        messages.success(request, _("Usunięto „%(name)s”.") % {"name": programme})
        return HttpResponseRedirect(reverse("programmes:list"))


class ChildAddView(_EditMixin, View):
    """``POST /staff/programmes/<pk>/<kind>/add/``: add one child row through its service."""

    def post(self, request, pk, kind):
        spec = CHILD_KINDS.get(kind)
        if spec is None:
            raise Http404
        programme = self.get_programme()
        form = spec.form(request.POST, request.FILES, programme=programme, prefix=kind)
        if form.is_valid():
            try:
                spec.add(actor=request.user, programme=programme, **form.service_data())
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
                for field, field_messages in errors.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Dodano: %(what)s.") % {"what": spec.title})
                return HttpResponseRedirect(reverse("programmes:detail", kwargs={"pk": pk}) + f"#{kind}")
        programme = selectors.programme_get_for_user(request.user, pk)
        return render(
            request,
            "programmes/programme_detail.html",
            _detail_context(request, programme, bound=(kind, form)),
            status=400,
        )


class ChildRemoveView(_EditMixin, View):
    """``POST /staff/programmes/<pk>/<kind>/<child_pk>/remove/``."""

    def post(self, request, pk, kind, child_pk):
        spec = CHILD_KINDS.get(kind)
        if spec is None:
            raise Http404
        programme = self.get_programme()
        instance = spec.model.objects.filter(pk=child_pk, **{spec.lookup: programme}).first()
        if instance is None:
            raise Http404
        services.programme_child_remove(actor=request.user, instance=instance)
        messages.success(request, _("Usunięto: %(what)s.") % {"what": instance})
        return HttpResponseRedirect(reverse("programmes:detail", kwargs={"pk": pk}) + f"#{kind}")


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk, document_pk):
        document = selectors.document_get_for_user(request.user, pk, document_pk)
        return document_response(document)
