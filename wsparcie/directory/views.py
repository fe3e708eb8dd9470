"""Pages of the register: public search and service pages, open data, staff editing.

The online application pages are in :mod:`wsparcie.directory.views_apply`.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from wsparcie.core import audit, tenancy
from wsparcie.core.views import ScopedListView, is_htmx
from wsparcie.directory import hsds, selectors, services
from wsparcie.directory.filters import ServiceFilter
from wsparcie.directory.models import DirectoryOrganisation, Location, Service
from wsparcie.directory.throttling import PublicThrottle, allow


def too_many_requests(request):
    return render(request, "directory/too_many.html", status=429)


class ThrottledMixin:
    throttle_class = PublicThrottle

    def dispatch(self, request, *args, **kwargs):
        if not allow(request, self.throttle_class):
            return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)


# --- public register ------------------------------------------------------------------------


class SearchView(ThrottledMixin, ListView):
    """``/services/``: find a service by words, need, who it is for, place and cost."""

    template_name = "directory/search.html"
    paginate_by = 20
    context_object_name = "services"

    def get_queryset(self):
        include_inactive = bool(self.request.GET.get("status"))
        qs = selectors.public_services(include_inactive=include_inactive)
        self.filterset = ServiceFilter(self.request.GET or None, queryset=qs, request=self.request)
        if self.filterset.is_bound and self.filterset.is_valid():
            return self.filterset.qs
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "page")
        for service in context["services"]:
            service.free_places = selectors.free_places(service)
        return context

    def get_template_names(self):
        if is_htmx(self.request):
            return [f"{self.template_name}#results"]
        return [self.template_name]


class ServiceDetailView(ThrottledMixin, DetailView):
    template_name = "directory/service_detail.html"
    context_object_name = "service"

    def get_object(self, queryset=None):
        service = selectors.service_get_public(self.kwargs["pk"])
        service.free_places = selectors.free_places(service)
        return service


class OpenDataJSONView(ThrottledMixin, View):
    """``/services/open-data/hsds.json``: the whole register, HSDS 3.0."""

    def get(self, request):
        document = hsds.open_data_document(selectors.open_data_services(), request=request)
        response = JsonResponse(document, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = 'inline; filename="rejestr-uslug-hsds.json"'
        response["Access-Control-Allow-Origin"] = "*"
        return response


class OpenDataCSVView(ThrottledMixin, View):
    """``/services/open-data/services.csv``: one row per service, UTF-8, comma separated."""

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rejestr-uslug.csv"'
        response["Access-Control-Allow-Origin"] = "*"
        writer = csv.writer(response)
        for row in hsds.csv_rows(selectors.open_data_services(), request=request):
            writer.writerow(row)
        return response


# --- staff editing --------------------------------------------------------------------------


class StaffRequiredMixin(LoginRequiredMixin):
    """Staff pages of the register: the user must hold ``directory.edit`` somewhere."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, selectors.EDIT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffServiceListView(StaffRequiredMixin, ScopedListView):
    model = Service
    permission = selectors.EDIT
    template_name = "directory/staff_list.html"
    paginate_by = 50

    def base_queryset(self):
        return Service.objects.select_related("provider", "programme", "organisation")

    def get_queryset(self):
        qs = super().get_queryset().order_by("name", "id")
        text = self.request.GET.get("q", "").strip()
        return selectors.search_filter(qs, text) if text else qs


class StaffLocationListView(StaffRequiredMixin, ScopedListView):
    model = Location
    permission = selectors.EDIT
    template_name = "directory/staff_locations.html"

    def base_queryset(self):
        return Location.objects.select_related("provider", "organisation")


class StaffProviderListView(StaffRequiredMixin, ScopedListView):
    model = DirectoryOrganisation
    permission = selectors.EDIT
    template_name = "directory/staff_providers.html"

    def base_queryset(self):
        return DirectoryOrganisation.objects.select_related("core_organisation", "organisation")


class StaffServiceCheckedView(StaffRequiredMixin, View):
    """POST: the entry was checked today (HSDS ``assured_date``)."""

    def post(self, request, pk):
        service = selectors.service_get_for_staff(request.user, pk)
        services.service_mark_checked(actor=request.user, service=service)
        messages.success(request, _("Zapisano: dane usługi „%(name)s” sprawdzono dziś.") % {"name": service.name})
        return HttpResponseRedirect(reverse("directory:staff_edit", args=[service.pk]))


class StaffOnlineApplicationListView(LoginRequiredMixin, ListView):
    """Online applications of the user's organisations with their attached documents."""

    template_name = "directory/staff_applications.html"
    paginate_by = 50
    context_object_name = "applications"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not tenancy.has_perm(request.user, "enrolment.view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.online_applications_for_staff(self.request.user).prefetch_related("documents")


class StaffDocumentView(LoginRequiredMixin, View):
    """Download one attached document (``enrolment.view`` in its organisation, else 404)."""

    def get(self, request, pk):
        document = selectors.submitted_document_get_for_staff(request.user, pk)
        audit.record(actor=request.user, action="view", instance=document, note="pobranie załącznika")
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(
            handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
        )
