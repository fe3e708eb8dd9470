"""Reading the work done in a programme from the apps below (enrolment, delivery), for money
and indicators. Both ``finance`` and ``indicators`` use these; nothing here writes.

The delivery app is optional at import time: every function that needs its models resolves them
with ``django.apps.apps.get_model`` and answers ``None`` ("not available") when they are absent,
so budgets and indicators keep working on an installation without delivery.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db.models import QuerySet

#: Application statuses of people who took part (enrolment.choices.ApplicationStatus).
PARTICIPANT_STATUSES = ("enrolled", "completed")

#: Services per programme, remembered inside :func:`remembering_services` (None outside it).
_services: ContextVar[dict | None] = ContextVar("programme_services", default=None)


def get_model(app_label: str, model_name: str):
    """The model, or None when that app does not (yet) define it."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def participations(programme_id: int) -> QuerySet:
    """Applications of people who took part in the programme (enrolled or completed)."""
    Application = get_model("enrolment", "Application")
    return Application.objects.filter(programme_id=programme_id, status__in=PARTICIPANT_STATUSES)


def participants_count(programme_id: int) -> int:
    return participations(programme_id).values("person_id").distinct().count()


# --- delivery -------------------------------------------------------------------------------


def session_model():
    return get_model("delivery", "Session")


def session_programme_path(Session) -> str | None:
    """The lookup from a session to its programme id (direct column or through the enrolment)."""
    if has_field(Session, "programme"):
        return "programme_id"
    service_path = has_field(Session, "service") and has_field(
        Session._meta.get_field("service").related_model, "programme"
    )
    if service_path:
        # Delivery's covering index session_service_start (service, start) INCLUDE (status,
        # units, cost, enrolment) answers hours, units, counts and costs of a programme's
        # services without reading the (large, time-ordered) session table itself.
        return "service__programme_id"
    for path, first in (("enrolment__programme_id", "enrolment"), ("application__programme_id", "application")):
        if has_field(Session, first) and has_field(Session._meta.get_field(first).related_model, "programme"):
            return path
    return "service__programme_id" if service_path else None


@contextmanager
def remembering_services() -> Iterator[None]:
    """Inside it, :func:`programme_services` reads each programme's services once: a report or
    a dashboard asks for them from several selectors."""
    token = _services.set({})
    try:
        yield
    finally:
        _services.reset(token)


def programme_services(programme_id: int) -> dict:
    """``{id: service}`` of the programme (name, kind and unit loaded); {} without delivery."""
    memo = _services.get()
    if memo is not None and programme_id in memo:
        return memo[programme_id]
    Service = get_model("delivery", "Service")
    services = (
        {}
        if Service is None
        else Service._base_manager.filter(programme_id=programme_id).only("name", "kind", "unit").in_bulk()
    )
    if memo is not None:
        memo[programme_id] = services
    return services


def delivered_filter(Session) -> dict:
    """Which sessions count as delivered (not planned, not cancelled)."""
    if has_field(Session, "status"):
        return {"status": "delivered"}
    if has_field(Session, "cancelled"):
        return {"cancelled": False}
    return {}


def delivered_sessions(programme_id: int) -> QuerySet | None:
    """Delivered sessions of the programme, or None when the delivery app is not available."""
    Session = session_model()
    if Session is None:
        return None
    path = session_programme_path(Session)
    if path is None:
        return None
    if path == "service__programme_id":
        # The programme's services as constants: the planner then knows how many sessions each
        # has (a large project's services are far above the average) and picks its joins by that.
        service_ids = list(programme_services(programme_id))
        return Session.objects.filter(service_id__in=service_ids, **delivered_filter(Session))
    return Session.objects.filter(**{path: programme_id}, **delivered_filter(Session))


def session_costs_by_programme(programme_ids: list[int]) -> dict[int, object]:
    """``{programme_id: cost of delivered sessions}`` in one grouped query ({} without delivery)."""
    Session = session_model()
    if Session is None or not programme_ids or not has_field(Session, "cost"):
        return {}
    path = session_programme_path(Session)
    if path is None:
        return {}
    from django.db.models import Sum

    rows = (
        Session.objects.filter(**{f"{path}__in": programme_ids}, **delivered_filter(Session))
        .values(path)
        .annotate(total=Sum("cost"))
        .order_by()
    )
    return {row[path]: row["total"] for row in rows}
