"""Core pages and the small set of generic views every app configures.

Generic views (read them before writing a view in an app):
- :class:`ScopedListView`: a list narrowed by ``core.tenancy`` with an optional FilterSet and
  an htmx partial ``results`` for live filtering.
- :class:`ScopedDetailView`: one object or 404.
- :class:`ServiceFormView`: a form whose valid data is handed to a service; ``ValidationError``
  and ``ApplicationError`` from the service come back as form errors, nothing is lost.
"""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.filters import AuditEntryFilter
from wsparcie.core.models import AuditEntry

security_log = logging.getLogger("wsparcie.security")


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        security_log.warning(
            "Login failed for %r from %s", self.request.POST.get("username"), self.request.META.get("REMOTE_ADDR")
        )
        return super().form_invalid(form)


def lockout(request, credentials=None, *args, **kwargs):
    """Answer for a locked-out login (django-axes' ``AXES_LOCKOUT_CALLABLE``)."""
    security_log.warning(
        "Login locked out for %r from %s", (credentials or {}).get("username"), request.META.get("REMOTE_ADDR")
    )
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse(
            {"code": "locked_out", "detail": _("Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później.")},
            status=429,
        )
    return render(request, "core/lockout.html", status=429)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.request.user.memberships.select_related("organisation")
        return context


class ScopedMixin(LoginRequiredMixin):
    """Narrows ``model``'s rows to the organisations where the user holds ``permission``."""

    permission: str = ""
    organisation_field: str = "organisation"

    def base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        return tenancy.scope(self.base_queryset(), self.request.user, self.permission, self.organisation_field)


class ScopedListView(ScopedMixin, ListView):
    filterset_class = None
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(self.request.GET or None, queryset=qs, request=self.request)
            qs = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else qs
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context

    def get_template_names(self):
        names = super().get_template_names()
        if is_htmx(self.request):
            return [f"{names[0]}#results"]
        return names


class ScopedDetailView(ScopedMixin, DetailView):
    pass


class ServiceFormView(LoginRequiredMixin, FormView):
    """Calls :meth:`perform` with the valid form; errors from the service land on the form."""

    success_message = ""

    def perform(self, form):  # pragma: no cover - each view defines it
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(form) calling a service.")

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            for field, messages_ in errors.items():
                target = field if field in form.fields else None
                for message in messages_:
                    form.add_error(target, message)
            return self.form_invalid(form)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class AuditListView(ScopedListView):
    model = AuditEntry
    permission = "audit.view"
    filterset_class = AuditEntryFilter
    template_name = "core/audit_list.html"
    paginate_by = 100


class ContrastToggleView(View):
    """Switches the high-contrast mode (a cookie read by the base template); works without JS."""

    def post(self, request):
        target = request.POST.get("next") or "/"
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        response = HttpResponseRedirect(urlparse(target).path or "/")
        if request.COOKIES.get("contrast") == "high":
            response.delete_cookie("contrast")
        else:
            response.set_cookie("contrast", "high", max_age=365 * 24 * 3600, samesite="Lax")
        return response


def permission_denied_if(condition: bool) -> None:
    if condition:
        raise PermissionDenied
