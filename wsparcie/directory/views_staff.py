"""Staff pages that change the register: services (with their parts), locations, providers.

Each page is scoped by ``directory.edit``: another organisation's row answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.directory import selectors, services
from wsparcie.directory.forms import PART_FORMSETS, LocationForm, ProviderForm, ServiceForm
from wsparcie.directory.models import Service, ServiceAtLocation
from wsparcie.directory.views import StaffRequiredMixin


def errors_to_form(form, exc: ValidationError | ApplicationError) -> None:
    if isinstance(exc, ApplicationError):
        form.add_error(None, exc.message)
        return
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for field, field_messages in errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(
                target, message if target else (f"{field}: {message}" if field != NON_FIELD_ERRORS else message)
            )


def forms_with_errors(*forms_or_formsets) -> list:
    found = []
    for item in forms_or_formsets:
        for form in getattr(item, "forms", [item]):
            if form.errors:
                found.append(form)
    return found


class OrganisationChoiceMixin:
    """The organisation a new row goes to: ``?organisation=<slug>`` or the user's only one."""

    def target_organisation(self, request):
        """The organisation, or ``None`` when the user must choose (or asked for one not theirs)."""
        requested = request.POST.get("organisation") or request.GET.get("organisation")
        try:
            return tenancy.organisation_for_write(request.user, selectors.EDIT, requested)
        except ValidationError:
            return None

    def choose_organisation(self, request):
        return render(
            request,
            "directory/staff_choose_org.html",
            {"organisations": self.organisations(request)},
            status=400 if request.method == "POST" else 200,
        )

    def organisations(self, request):
        return tenancy.organisations_for(request.user, selectors.EDIT)


# --- services -----------------------------------------------------------------------------


SERVICE_FIELDS_EXCLUDED_FROM_MODEL = {"phones", "locations", "partners"}


def _service_data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in SERVICE_FIELDS_EXCLUDED_FROM_MODEL}


def _sync_locations(*, actor, service: Service, locations) -> None:
    wanted = {loc.pk for loc in locations}
    current = {sal.location_id: sal for sal in ServiceAtLocation.objects.filter(service=service)}
    for location in locations:
        if location.pk not in current:
            services.service_part_save(
                actor=actor, service=service, instance=ServiceAtLocation(), data={"location": location}
            )
    for location_id, sal in current.items():
        if location_id not in wanted:
            services.service_part_delete(actor=actor, service=service, instance=sal)


class ServiceCreateView(StaffRequiredMixin, OrganisationChoiceMixin, View):
    template_name = "directory/staff_service_form.html"

    def get(self, request):
        organisation = self.target_organisation(request)
        if organisation is None:
            return self.choose_organisation(request)
        return render(
            request, self.template_name, {"form": ServiceForm(organisation=organisation), "organisation": organisation}
        )

    def post(self, request):
        organisation = self.target_organisation(request)
        if organisation is None:
            return self.choose_organisation(request)
        form = ServiceForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = _service_data(form)
            try:
                with transaction.atomic():
                    service = services.service_create(
                        actor=request.user,
                        organisation=organisation,
                        partners=form.cleaned_data.get("partners") or [],
                        **data,
                    )
                    services.phones_replace(actor=request.user, owner=service, phones=form.cleaned_data["phones"])
                    _sync_locations(actor=request.user, service=service, locations=form.cleaned_data["locations"])
            except (ValidationError, ApplicationError) as exc:
                errors_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Dodano usługę „%(name)s”. Uzupełnij godziny, obszar i dokumenty.") % {"name": service.name},
                )
                return HttpResponseRedirect(reverse("directory:staff_edit", args=[service.pk]))
        return render(
            request,
            self.template_name,
            {"form": form, "organisation": organisation, "form_errors": forms_with_errors(form)},
            status=400,
        )


class ServiceEditView(StaffRequiredMixin, View):
    template_name = "directory/staff_service_form.html"

    def _formsets(self, request, service, data=None):
        return {
            name: formset_class(data, instance=service, prefix=name, organisation=service.organisation)
            for name, formset_class in PART_FORMSETS.items()
        }

    def _render(self, request, service, form, formsets, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "formsets": formsets.values(),
                "service": service,
                "organisation": service.organisation,
                "form_errors": forms_with_errors(form, *formsets.values()),
            },
            status=status,
        )

    def get(self, request, pk):
        service = selectors.service_get_for_staff(request.user, pk)
        form = ServiceForm(instance=service, organisation=service.organisation)
        return self._render(request, service, form, self._formsets(request, service))

    def post(self, request, pk):
        service = selectors.service_get_for_staff(request.user, pk)
        form = ServiceForm(request.POST, instance=service, organisation=service.organisation)
        formsets = self._formsets(request, service, request.POST)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            try:
                with transaction.atomic():
                    services.service_update(
                        actor=request.user,
                        service=service,
                        data={**_service_data(form), "partners": form.cleaned_data.get("partners") or []},
                    )
                    services.phones_replace(actor=request.user, owner=service, phones=form.cleaned_data["phones"])
                    _sync_locations(actor=request.user, service=service, locations=form.cleaned_data["locations"])
                    for formset in formsets.values():
                        self._save_parts(request, service, formset)
            except (ValidationError, ApplicationError) as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Zapisano zmiany usługi „%(name)s”.") % {"name": service.name})
                return HttpResponseRedirect(reverse("directory:staff_edit", args=[service.pk]))
        return self._render(request, service, form, formsets, status=400)

    def _save_parts(self, request, service, formset) -> None:
        for index, part_form in enumerate(formset.forms):
            if not part_form.has_changed() and part_form.instance._state.adding:
                continue
            instance = part_form.instance
            if formset.can_delete and formset._should_delete_form(part_form):
                if not instance._state.adding:
                    services.service_part_delete(actor=request.user, service=service, instance=instance)
                continue
            data = {k: v for k, v in part_form.cleaned_data.items() if k not in {"id", "service", "DELETE", "phones"}}
            try:
                saved = services.service_part_save(actor=request.user, service=service, instance=instance, data=data)
                if "phones" in part_form.cleaned_data:
                    services.phones_replace(actor=request.user, owner=saved, phones=part_form.cleaned_data["phones"])
            except ValidationError as exc:
                item = _("pozycja")
                raise ValidationError(
                    {NON_FIELD_ERRORS: [f"{formset.title}, {item} {index + 1}: {m}" for m in exc.messages]}
                ) from exc


# --- locations and providers --------------------------------------------------------------


class SimpleEditMixin(StaffRequiredMixin):
    """Create/edit one register row with a one-form page."""

    template_name = "directory/staff_simple_form.html"
    form_class = None
    title = ""
    list_url = ""

    def render_form(self, request, form, obj=None, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "title": self.title if obj is None else str(obj),
                "list_url": reverse(self.list_url),
                "form_errors": forms_with_errors(form),
            },
            status=status,
        )


class PhonesOwnerCreateView(SimpleEditMixin, OrganisationChoiceMixin, View):
    """Create a record that has a list of phones (a location or a provider): the record and its
    phones are written in one transaction, errors land on the form and nothing is half-saved."""

    create = None  # staticmethod(services.<entity>_create)
    created_message = ""

    def get(self, request):
        organisation = self.target_organisation(request)
        if organisation is None:
            return self.choose_organisation(request)
        return self.render_form(request, self.form_class(organisation=organisation))

    def post(self, request):
        organisation = self.target_organisation(request)
        if organisation is None:
            return self.choose_organisation(request)
        form = self.form_class(request.POST, organisation=organisation)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "phones"}
            try:
                with transaction.atomic():
                    obj = self.create(actor=request.user, organisation=organisation, **data)
                    services.phones_replace(actor=request.user, owner=obj, phones=form.cleaned_data["phones"])
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, self.created_message % {"name": obj.name})
                return HttpResponseRedirect(reverse(self.list_url))
        return self.render_form(request, form, status=400)


class PhonesOwnerEditView(SimpleEditMixin, View):
    """Edit a record with phones; the object comes from a scoped selector (404 for others)."""

    get_object = None  # staticmethod(selectors.<entity>_get_for_staff)
    update = None  # staticmethod(lambda *, actor, obj, data: services.<entity>_update(...))
    saved_message = ""

    def get(self, request, pk):
        obj = self.get_object(request.user, pk)
        return self.render_form(request, self.form_class(instance=obj, organisation=obj.organisation), obj)

    def post(self, request, pk):
        obj = self.get_object(request.user, pk)
        form = self.form_class(request.POST, instance=obj, organisation=obj.organisation)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "phones"}
            try:
                with transaction.atomic():
                    self.update(actor=request.user, obj=obj, data=data)
                    services.phones_replace(actor=request.user, owner=obj, phones=form.cleaned_data["phones"])
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, self.saved_message % {"name": obj.name})
                return HttpResponseRedirect(reverse(self.list_url))
        return self.render_form(request, form, obj, status=400)


class LocationCreateView(PhonesOwnerCreateView):
    form_class = LocationForm
    title = gettext_lazy("Nowe miejsce")
    list_url = "directory:staff_locations"
    create = staticmethod(services.location_create)
    created_message = gettext_lazy("Dodano miejsce „%(name)s”.")


class LocationEditView(PhonesOwnerEditView):
    form_class = LocationForm
    list_url = "directory:staff_locations"
    get_object = staticmethod(selectors.location_get_for_staff)
    update = staticmethod(lambda *, actor, obj, data: services.location_update(actor=actor, location=obj, data=data))
    saved_message = gettext_lazy("Zapisano miejsce „%(name)s”.")


class ProviderCreateView(PhonesOwnerCreateView):
    form_class = ProviderForm
    title = gettext_lazy("Nowa organizacja świadcząca usługi")
    list_url = "directory:staff_providers"
    create = staticmethod(services.provider_create)
    created_message = gettext_lazy("Dodano organizację „%(name)s”.")


class ProviderEditView(PhonesOwnerEditView):
    form_class = ProviderForm
    list_url = "directory:staff_providers"
    get_object = staticmethod(selectors.provider_get_for_staff)
    update = staticmethod(lambda *, actor, obj, data: services.provider_update(actor=actor, provider=obj, data=data))
    saved_message = gettext_lazy("Zapisano organizację „%(name)s”.")
