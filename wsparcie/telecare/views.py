"""Telecare pages: the live desk, alarm handling, devices, cards, statistics, settings.

The desk updates without reloading: ``static/telecare/desk.js`` listens to the server-sent
events of :class:`DeskStreamView` (which polls the database a few times a second) and then
fetches the queue fragment (:class:`DeskQueueView`). Buttons are plain forms, so the desk works
without JavaScript too (reload to refresh).
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wsparcie.core import tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.views import ScopedListView, ServiceFormView, is_htmx
from wsparcie.telecare import charts, selectors, services
from wsparcie.telecare.choices import AlarmKind, AlarmStatus
from wsparcie.telecare.filters import AlarmFilter, DeviceFilter
from wsparcie.telecare.forms import (
    ActionForm,
    AssignForm,
    CardForm,
    CloseForm,
    ContactForm,
    DeviceForm,
    SettingsForm,
    participants,
)
from wsparcie.telecare.models import Alarm, Card, Device
from wsparcie.telecare.selectors import MANAGE, OPERATE, VIEW


def _require(user, perm: str) -> None:
    if not tenancy.has_perm(user, perm):
        raise PermissionDenied


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ApplicationError):
        return [exc.message]
    if isinstance(exc, ValidationError):
        return [
            m for msgs in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]) for m in msgs
        ]
    return [str(exc)]


def _add_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for field, field_errors in errors.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


class TelecareListView(ScopedListView):
    """A scoped list that answers 403 to users holding the permission nowhere."""

    def get(self, request, *args, **kwargs):
        _require(request.user, self.permission)
        return super().get(request, *args, **kwargs)


# --- The desk -------------------------------------------------------------------------------


class DeskMixin(LoginRequiredMixin):
    def desk_context(self) -> dict:
        user = self.request.user
        org_ids = tenancy.organisation_ids(user, VIEW)
        queue = selectors.desk_queue(user)
        now = timezone.now()
        for alarm in queue:
            alarm.waiting = charts.duration((now - alarm.raised_at).total_seconds())
        return {
            "queue": queue,
            "waiting_count": sum(1 for a in queue if a.status == AlarmStatus.OPEN),
            "tasks": list(selectors.desk_tasks(user)[:50]),
            "notifications": list(selectors.desk_notifications(user)[:50]),
            "can_operate": tenancy.has_perm(user, OPERATE),
            "version": selectors.desk_version(org_ids),
            "last_alarm_id": selectors.last_alarm_id(org_ids),
        }


class DeskView(DeskMixin, TemplateView):
    """The operators' live queue (``telecare:desk``)."""

    template_name = "telecare/desk.html"

    def get(self, request, *args, **kwargs):
        _require(request.user, VIEW)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.desk_context()}


class DeskQueueView(DeskMixin, View):
    """The queue fragment the desk's script swaps in (also the desk's data endpoint)."""

    def get(self, request):
        _require(request.user, VIEW)
        return _no_store(render(request, "telecare/desk.html#queue", self.desk_context()))


class DeskStreamView(LoginRequiredMixin, View):
    """Server-sent events: ``event: desk`` whenever anything on the desk changes, with the
    alarms raised since the last one the browser saw (``Last-Event-ID``)."""

    def get(self, request):
        _require(request.user, VIEW)
        org_ids = tenancy.organisation_ids(request.user, VIEW)
        try:
            last_id = int(request.headers.get("Last-Event-ID") or request.GET.get("after") or -1)
        except ValueError:
            last_id = -1
        if last_id < 0:
            last_id = selectors.last_alarm_id(org_ids)
        response = StreamingHttpResponse(self.stream(org_ids, last_id), content_type="text/event-stream")
        response["Cache-Control"] = "no-store"
        response["X-Accel-Buffering"] = "no"
        return response

    @staticmethod
    def stream(org_ids: list[int], last_id: int):
        poll = float(getattr(settings, "TELECARE_SSE_POLL_SECONDS", 0.25))
        lifetime = float(getattr(settings, "TELECARE_SSE_MAX_SECONDS", 300))
        started = time.monotonic()
        last_version = None
        last_sent = 0.0
        yield "retry: 1000\n\n"
        while True:
            version = selectors.desk_version(org_ids)
            now = time.monotonic()
            if version != last_version:
                new = selectors.alarms_after(org_ids, last_id)
                if new:
                    last_id = new[-1]["id"]
                data = json.dumps({"version": version, "new": new}, ensure_ascii=False)
                yield f"id: {last_id}\nevent: desk\ndata: {data}\n\n"
                last_version, last_sent = version, now
            elif now - last_sent > 15:
                yield ": keep-alive\n\n"
                last_sent = now
            if now - started >= lifetime:
                return  # the browser reconnects with Last-Event-ID
            time.sleep(poll)


# --- Alarms ---------------------------------------------------------------------------------


class AlarmListView(TelecareListView):
    model = Alarm
    permission = VIEW
    filterset_class = AlarmFilter
    template_name = "telecare/alarm_list.html"

    def base_queryset(self):
        return Alarm.objects.select_related("person", "device", "taken_by").order_by("-raised_at", "-id")


class AlarmDetailView(LoginRequiredMixin, View):
    template_name = "telecare/alarm_detail.html"

    def context(self, alarm: Alarm, **extra) -> dict:
        user = self.request.user
        card = selectors.card_for_person(alarm.person) if alarm.person_id else None
        handling = alarm.status == AlarmStatus.TAKEN and alarm.taken_by_id == user.pk
        return {
            "alarm": alarm,
            "card": card,
            "participations": selectors.participations(alarm.person) if alarm.person_id else [],
            "actions": selectors.alarm_actions(alarm),
            "handling": handling,
            "can_operate": tenancy.has_perm(user, OPERATE, alarm.organisation_id),
            "can_release": alarm.status == AlarmStatus.TAKEN
            and (handling or tenancy.has_perm(user, MANAGE, alarm.organisation_id)),
            "action_form": extra.pop("action_form", None) or ActionForm(card=card),
            "close_form": extra.pop("close_form", None) or CloseForm(),
            **extra,
        }

    def get(self, request, pk):
        alarm = selectors.alarm_get_for_user(request.user, pk)
        return render(request, self.template_name, self.context(alarm))


class AlarmPostView(LoginRequiredMixin, View):
    """Base of the buttons on an alarm: call the service, report errors in Polish, go back."""

    http_method_names = ["post"]

    def alarm(self, pk) -> Alarm:
        return selectors.alarm_get_for_user(self.request.user, pk)

    def back(self, alarm):
        return HttpResponseRedirect(reverse("telecare:alarm_detail", args=[alarm.pk]))


class AlarmTakeView(AlarmPostView):
    def post(self, request, pk):
        alarm = self.alarm(pk)
        try:
            services.alarm_take(actor=request.user, alarm=alarm)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(reverse("telecare:desk"))
        messages.success(request, _("Alarm przyjęty: jesteś jego operatorem."))
        return self.back(alarm)


class AlarmReleaseView(AlarmPostView):
    def post(self, request, pk):
        alarm = self.alarm(pk)
        try:
            services.alarm_release(actor=request.user, alarm=alarm)
            messages.success(request, _("Alarm wrócił do kolejki."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return self.back(alarm)


class AlarmActionView(AlarmPostView):
    def post(self, request, pk):
        alarm = self.alarm(pk)
        card = selectors.card_for_person(alarm.person) if alarm.person_id else None
        form = ActionForm(request.POST, card=card)
        if form.is_valid():
            try:
                services.alarm_add_action(actor=request.user, alarm=alarm, **form.cleaned_data)
                messages.success(request, _("Zapisano czynność."))
                return self.back(alarm)
            except ValidationError as exc:
                _add_errors(form, exc)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
        view = AlarmDetailView(request=request)
        return render(request, view.template_name, view.context(alarm, action_form=form), status=400)


class AlarmCloseView(AlarmPostView):
    def post(self, request, pk):
        alarm = self.alarm(pk)
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                services.alarm_close(actor=request.user, alarm=alarm, **form.cleaned_data)
                messages.success(request, _("Alarm #%(id)s zamknięty.") % {"id": alarm.pk})
                return HttpResponseRedirect(reverse("telecare:desk"))
            except ValidationError as exc:
                _add_errors(form, exc)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
        view = AlarmDetailView(request=request)
        return render(request, view.template_name, view.context(alarm, close_form=form), status=400)


class AlarmDoorCodeView(AlarmPostView):
    """Shows the door / key-safe code to the operator handling the alarm (audited)."""

    def post(self, request, pk):
        alarm = self.alarm(pk)
        view = AlarmDetailView(request=request)
        try:
            code = services.card_reveal_door_code(actor=request.user, alarm=alarm)
            extra, status = {"door_code": code}, 200
        except (ApplicationError, PermissionDenied) as exc:
            extra = {"door_code_error": exc.message if isinstance(exc, ApplicationError) else _("Brak uprawnień.")}
            status = 403 if isinstance(exc, PermissionDenied) else exc.status
        template = "telecare/alarm_detail.html#door_code" if is_htmx(request) else view.template_name
        return _no_store(render(request, template, view.context(alarm, **extra), status=status))


class TaskDoneView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        task = selectors.task_get_for_user(request.user, pk)
        try:
            services.task_done(actor=request.user, task=task)
            messages.success(request, _("Zadanie oznaczone jako zrobione."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("telecare:desk"))


class NotificationAckView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        notification = selectors.notification_get_for_user(request.user, pk)
        try:
            services.notification_acknowledge(actor=request.user, notification=notification)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("telecare:desk"))


# --- Devices --------------------------------------------------------------------------------


class DeviceListView(TelecareListView):
    model = Device
    permission = VIEW
    filterset_class = DeviceFilter
    template_name = "telecare/device_list.html"

    def base_queryset(self):
        return Device.objects.select_related("person")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_manage": tenancy.has_perm(self.request.user, MANAGE)}


class DeviceCreateView(ServiceFormView):
    form_class = DeviceForm
    template_name = "telecare/device_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        person = data["person"]
        organisation = person.organisation if person else tenancy.organisation_for_write(self.request.user, MANAGE)
        self.device, self.token = services.device_register(
            actor=self.request.user,
            organisation=organisation,
            serial=data["serial"],
            model=data["model"],
            kind=data["kind"],
            capabilities=data["capabilities"],
            person=person,
            valid_from=data["valid_from"],
        )
        return self.device

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        # The token is shown on this response only (never stored, never redirected through a URL).
        return _no_store(
            render(self.request, "telecare/device_token.html", {"device": self.device, "token": self.token})
        )


class DeviceDetailView(LoginRequiredMixin, View):
    def get(self, request, pk, assign_form=None, status=200):
        device = selectors.device_get_for_user(request.user, pk)
        can_manage = tenancy.has_perm(request.user, MANAGE, device.organisation_id)
        context = {
            "device": device,
            "assignments": selectors.device_assignments(device),
            "events": selectors.device_recent_events(device),
            "can_manage": can_manage,
            "assign_form": assign_form or (AssignForm(user=request.user) if can_manage else None),
        }
        return render(request, "telecare/device_detail.html", context, status=status)


class DeviceAssignView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        device = selectors.device_get_for_user(request.user, pk, MANAGE)
        form = AssignForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.device_assign(actor=request.user, device=device, **form.cleaned_data)
                messages.success(request, _("Urządzenie przydzielone."))
                return HttpResponseRedirect(reverse("telecare:device_detail", args=[device.pk]))
            except ValidationError as exc:
                _add_errors(form, exc)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
        return DeviceDetailView().get(request, pk, assign_form=form, status=400)


class DeviceUnassignView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        device = selectors.device_get_for_user(request.user, pk, MANAGE)
        try:
            services.device_unassign(actor=request.user, device=device)
            messages.success(request, _("Urządzenie zwrócone."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("telecare:device_detail", args=[device.pk]))


class DeviceActiveView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        device = selectors.device_get_for_user(request.user, pk, MANAGE)
        active = request.POST.get("active") == "1"
        services.device_set_active(actor=request.user, device=device, active=active)
        messages.success(
            request,
            _("Urządzenie aktywne.") if active else _("Urządzenie wyłączone: jego zdarzenia nie będą przyjmowane."),
        )
        return HttpResponseRedirect(reverse("telecare:device_detail", args=[device.pk]))


class DeviceTokenView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        device = selectors.device_get_for_user(request.user, pk, MANAGE)
        token = services.device_rotate_token(actor=request.user, device=device)
        return _no_store(
            render(request, "telecare/device_token.html", {"device": device, "token": token, "rotated": True})
        )


# --- Cards ----------------------------------------------------------------------------------


class CardListView(TelecareListView):
    model = Card
    permission = VIEW
    template_name = "telecare/card_list.html"

    def base_queryset(self):
        return Card.objects.select_related("person").order_by("person__last_name", "person__first_name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_manage = tenancy.has_perm(self.request.user, MANAGE)
        context["can_manage"] = can_manage
        if can_manage:
            context["without_card"] = participants(self.request.user).filter(telecare_card__isnull=True)[:100]
        return context


class CardDetailView(LoginRequiredMixin, View):
    def get(self, request, person_pk):
        card = selectors.card_get_for_user(request.user, person_pk)
        context = {
            "card": card,
            "person": card.person,
            "participations": selectors.participations(card.person),
            "devices": card.person.telecare_devices.filter(is_active=True),
            "can_manage": tenancy.has_perm(request.user, MANAGE, card.organisation_id),
        }
        return render(request, "telecare/card_detail.html", context)


class CardEditView(ServiceFormView):
    form_class = CardForm
    template_name = "telecare/card_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.person = selectors.person_get_for_user(request.user, kwargs["person_pk"], MANAGE)
            self.card = selectors.card_for_person(self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.card is None:
            address = ", ".join(
                p for p in [self.person.street, f"{self.person.postal_code} {self.person.city}".strip()] if p
            )
            return {"address": address}
        return {
            field: getattr(self.card, field)
            for field in ("address", "access_notes", "has_key_safe", "health_notes", "notes")
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.person, "card": self.card}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.card_save(actor=self.request.user, person=self.person, **data)

    def get_success_url(self):
        return reverse("telecare:card_detail", args=[self.person.pk])

    success_message = gettext_lazy("Zapisano kartę teleopieki.")


class ContactCreateView(ServiceFormView):
    form_class = ContactForm
    template_name = "telecare/contact_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.card = selectors.card_get_for_user(request.user, kwargs["person_pk"], MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "card": self.card, "contact": None}

    def perform(self, form):
        return services.contact_add(actor=self.request.user, card=self.card, **form.cleaned_data)

    def get_success_url(self):
        return reverse("telecare:card_detail", args=[self.card.person_id])

    success_message = gettext_lazy("Dodano osobę kontaktową.")


class ContactEditView(ServiceFormView):
    form_class = ContactForm
    template_name = "telecare/contact_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.contact = selectors.contact_get_for_user(request.user, kwargs["pk"], MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            f: getattr(self.contact, f) for f in ("position", "name", "kind", "relation", "phone", "phone_alt", "notes")
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "card": self.contact.card, "contact": self.contact}

    def perform(self, form):
        data = dict(form.cleaned_data)
        if data.get("position") is None:
            data["position"] = self.contact.position
        return services.contact_update(actor=self.request.user, contact=self.contact, **data)

    def get_success_url(self):
        return reverse("telecare:card_detail", args=[self.contact.card.person_id])

    success_message = gettext_lazy("Zapisano osobę kontaktową.")


class ContactDeleteView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        contact = selectors.contact_get_for_user(request.user, pk, MANAGE)
        person_pk = contact.card.person_id
        services.contact_delete(actor=request.user, contact=contact)
        messages.success(request, _("Usunięto osobę kontaktową."))
        return HttpResponseRedirect(reverse("telecare:card_detail", args=[person_pk]))


# --- Statistics and settings ----------------------------------------------------------------


class StatsView(LoginRequiredMixin, TemplateView):
    template_name = "telecare/stats.html"

    def get(self, request, *args, **kwargs):
        _require(request.user, VIEW)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            month = selectors.Month.parse(self.request.GET.get("month"))
            context["month_error"] = None
        except ValueError:
            month = selectors.Month.parse(None)
            context["month_error"] = _("Podaj miesiąc jako RRRR-MM, np. 2024-05.")
        org_ids = tenancy.organisation_ids(self.request.user, VIEW)
        stats = selectors.alarm_stats(org_ids, month)
        trend = selectors.alarm_trend(org_ids, month)
        kinds = [
            (str(AlarmKind(kind).label), stats["by_type"][kind], str(stats["by_type"][kind]))
            for kind in AlarmKind.values
        ]
        times = [
            (
                _("Przyjęcie – mediana"),
                stats["time_to_take"]["median"],
                charts.duration(stats["time_to_take"]["median"]),
            ),
            (
                _("Przyjęcie – 90. percentyl"),
                stats["time_to_take"]["p90"],
                charts.duration(stats["time_to_take"]["p90"]),
            ),
            (
                _("Zamknięcie – mediana"),
                stats["time_to_close"]["median"],
                charts.duration(stats["time_to_close"]["median"]),
            ),
            (
                _("Zamknięcie – 90. percentyl"),
                stats["time_to_close"]["p90"],
                charts.duration(stats["time_to_close"]["p90"]),
            ),
        ]
        for senior in stats["seniors"]:
            senior["take_median"] = charts.duration(senior["time_to_take"]["median"])
            senior["take_p90"] = charts.duration(senior["time_to_take"]["p90"])
            senior["close_median"] = charts.duration(senior["time_to_close"]["median"])
            senior["close_p90"] = charts.duration(senior["time_to_close"]["p90"])
        context.update(
            {
                "month": month,
                "previous": month.previous(),
                "next": month.next(),
                "stats": stats,
                "kinds_chart": charts.hbar(kinds),
                "times_chart": charts.hbar(times),
                "trend_chart": charts.vbar([(row["month"][2:], row["alarms"], row["false_alarms"]) for row in trend]),
                "trend": trend,
                "kinds": kinds,
                "times": times,
            }
        )
        return context


class SettingsView(ServiceFormView):
    form_class = SettingsForm
    template_name = "telecare/settings.html"
    success_message = gettext_lazy("Zapisano ustawienia teleopieki.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.organisation = tenancy.organisation_for_write(
                    request.user, MANAGE, request.GET.get("organisation")
                )
            except ValidationError as exc:
                raise Http404 from exc
            self.current = selectors.settings_get_for_user(request.user, self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_initial(self):
        return {
            "escalate_after_seconds": self.current.escalate_after_seconds,
            "offline_after_minutes": self.current.offline_after_minutes,
            "low_battery_percent": self.current.low_battery_percent,
            "supervisor": self.current.supervisor_id,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def perform(self, form):
        return services.settings_save(actor=self.request.user, organisation=self.organisation, **form.cleaned_data)

    def get_success_url(self):
        return reverse("telecare:desk")
