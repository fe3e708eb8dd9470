"""Reads of delivery, always scoped through ``wsparcie.core.tenancy``.

Staff read with ``delivery.view``; a worker (role "worker", permission ``delivery.own``) reads
only through the ``own_*`` selectors: the Worker rows linked to their login, those workers'
sessions and participants.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wsparcie.core import tenancy
from wsparcie.core.models import Organisation
from wsparcie.delivery import rules
from wsparcie.delivery.choices import Activity, MealForm, SessionStatus
from wsparcie.delivery.models import (
    Assignment,
    DeliverySettings,
    EquipmentItem,
    Grant,
    Loan,
    MealAid,
    MonthlyCard,
    Service,
    ServiceLimit,
    Session,
    SessionCorrection,
    Worker,
)
from wsparcie.enrolment.choices import ApplicationStatus
from wsparcie.enrolment.models import Application
from wsparcie.people.models import DisabilityCertificate, Person
from wsparcie.programmes.models import Programme

VIEW = "delivery.view"
EDIT = "delivery.edit"
OWN = "delivery.own"
COUNTED = (SessionStatus.DELIVERED, SessionStatus.IN_PROGRESS)
#: Statuses of an application that make it an enrolment sessions may be entered for.
ENROLMENT_STATUSES = (ApplicationStatus.ENROLLED, ApplicationStatus.COMPLETED)


def delivery_settings_for(organisation: Organisation | int) -> DeliverySettings:
    org_id = getattr(organisation, "pk", organisation)
    found = DeliverySettings.objects.filter(organisation_id=org_id).first()
    return found or DeliverySettings(organisation_id=org_id)


def participant_certificate(person_id: int, on: dt.date) -> rules.CertificateSnapshot | None:
    """The participant's certificate valid on ``on`` (the latest issued), as the limit table needs it."""
    row = (
        DisabilityCertificate.objects.filter(person_id=person_id, issued_on__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-issued_on", "-id")
        .values("kind", "degree", "symbols", "equivalent_type")
        .first()
    )
    return rules.CertificateSnapshot.from_values(**row) if row else None


# --- scoped querysets ---------------------------------------------------------------------
def workers_for_user(user, perm: str = VIEW) -> QuerySet[Worker]:
    return tenancy.scope(Worker.objects.all(), user, perm)


def worker_get_for_user(user, pk, perm: str = VIEW) -> Worker:
    return tenancy.get_for_user(Worker.objects.all(), user, perm, pk=pk)


def own_workers(user) -> QuerySet[Worker]:
    """The Worker rows linked to ``user``'s login, in organisations where they hold ``delivery.own``."""
    if not getattr(user, "is_authenticated", False):
        return Worker.objects.none()
    return tenancy.scope(Worker.objects.filter(user=user, is_active=True), user, OWN)


def services_for_user(user, perm: str = VIEW) -> QuerySet[Service]:
    return tenancy.scope(Service.objects.select_related("programme"), user, perm)


def service_get_for_user(user, pk, perm: str = VIEW) -> Service:
    return tenancy.get_for_user(Service.objects.select_related("programme"), user, perm, pk=pk)


def programmes_for_user(user, perm: str = EDIT) -> QuerySet[Programme]:
    return tenancy.scope(Programme.objects.all(), user, perm)


def persons_for_user(user, perm: str = VIEW) -> QuerySet[Person]:
    return tenancy.scope(Person.objects.all(), user, perm)


def enrolments_for_user(user, perm: str = VIEW) -> QuerySet[Application]:
    return tenancy.scope(
        Application.objects.filter(status__in=ENROLMENT_STATUSES).select_related("person", "programme"), user, perm
    )


def enrolment_get_for_user(user, pk, perm: str = VIEW) -> Application:
    return tenancy.get_for_user(
        Application.objects.filter(status__in=ENROLMENT_STATUSES).select_related("person", "programme"),
        user,
        perm,
        pk=pk,
    )


def _session_qs() -> QuerySet[Session]:
    return Session.objects.select_related("worker", "enrolment__person", "enrolment__programme", "service")


def sessions_for_user(user, perm: str = VIEW) -> QuerySet[Session]:
    return tenancy.scope(_session_qs(), user, perm)


def session_get_for_user(user, pk, perm: str = VIEW) -> Session:
    return tenancy.get_for_user(_session_qs(), user, perm, pk=pk)


def own_sessions(user) -> QuerySet[Session]:
    return _session_qs().filter(worker__in=own_workers(user))


def own_session_get(user, pk) -> Session:
    from django.http import Http404

    session = own_sessions(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def own_enrolments(user) -> QuerySet[Application]:
    """The participants of the user's own worker records: assigned, or with a session of theirs."""
    workers = own_workers(user)
    return (
        Application.objects.filter(status__in=ENROLMENT_STATUSES)
        .filter(
            Exists(Assignment.objects.filter(enrolment=OuterRef("pk"), worker__in=workers))
            | Exists(Session.objects.filter(enrolment=OuterRef("pk"), worker__in=workers))
        )
        .select_related("person", "programme")
    )


def grants_for_user(user, perm: str = VIEW) -> QuerySet[Grant]:
    return tenancy.scope(Grant.objects.select_related("service", "enrolment__person"), user, perm)


def assignments_for_user(user, perm: str = VIEW) -> QuerySet[Assignment]:
    return tenancy.scope(Assignment.objects.select_related("worker", "enrolment__person", "service"), user, perm)


def cards_for_user(user, perm: str = VIEW) -> QuerySet[MonthlyCard]:
    return tenancy.scope(MonthlyCard.objects.select_related("enrolment__person", "enrolment__programme"), user, perm)


def meal_aids_for_user(user, perm: str = VIEW) -> QuerySet[MealAid]:
    return tenancy.scope(MealAid.objects.select_related("person", "programme"), user, perm)


def meal_aid_get_for_user(user, pk, perm: str = VIEW) -> MealAid:
    return tenancy.get_for_user(MealAid.objects.select_related("person", "programme"), user, perm, pk=pk)


def items_for_user(user, perm: str = VIEW) -> QuerySet[EquipmentItem]:
    open_loans = Loan.objects.filter(item=OuterRef("pk"), returned_on__isnull=True)
    return tenancy.scope(EquipmentItem.objects.annotate(on_loan=Exists(open_loans)), user, perm)


def item_get_for_user(user, pk, perm: str = VIEW) -> EquipmentItem:
    return tenancy.get_for_user(items_for_user(user, perm), user, perm, pk=pk)


def loans_for_user(user, perm: str = VIEW) -> QuerySet[Loan]:
    return tenancy.scope(Loan.objects.select_related("item", "person"), user, perm)


def loan_get_for_user(user, pk, perm: str = VIEW) -> Loan:
    return tenancy.get_for_user(Loan.objects.select_related("item", "person"), user, perm, pk=pk)


def overdue_loans(user, today: dt.date | None = None) -> QuerySet[Loan]:
    today = today or timezone.localdate()
    return loans_for_user(user).filter(returned_on__isnull=True, due_date__lt=today).order_by("due_date", "id")


# --- usage of an enrolment ----------------------------------------------------------------
def _dec(value) -> Decimal:
    return value if value is not None else Decimal("0.00")


def _s(value) -> str | None:
    return None if value is None else f"{Decimal(value).quantize(rules.TWO)}"


def usage_for_enrolment(enrolment: Application, month: dt.date | None = None) -> dict[str, Any]:
    """Units used (delivered), planned, granted and the limit, per service of the edition and
    in total; amounts as decimal strings. ``month`` (default: this month) adds the month's use."""
    month = (month or timezone.localdate()).replace(day=1)
    m0, m1 = rules.month_bounds(month)
    services = list(Service.objects.filter(programme_id=enrolment.programme_id).order_by("kind", "id"))
    sums = {
        row["service_id"]: row
        for row in Session.objects.filter(enrolment=enrolment)
        .exclude(status=SessionStatus.CANCELLED)
        .values("service_id")
        .annotate(
            used=Sum("units", filter=Q(status__in=COUNTED)),
            planned=Sum("units", filter=Q(status=SessionStatus.PLANNED)),
            in_month=Sum("units", filter=Q(start__gte=m0, start__lt=m1)),
            cost=Sum("cost", filter=Q(status__in=COUNTED)),
            sessions=Count("id"),
        )
    }
    grants = dict(Grant.objects.filter(enrolment=enrolment).values_list("service_id", "units"))
    rows_by_service: dict[int, list[rules.LimitRow]] = defaultdict(list)
    for r in ServiceLimit.objects.filter(service__in=[s.pk for s in services]):
        rows_by_service[r.service_id].append(rules.LimitRow(r.degree, r.several_symbols, r.child, r.limit))
    # The certificate that counts: valid at the end of the month, but not after the edition or the enrolment.
    on = min(
        d
        for d in (
            timezone.localdate(),
            rules.next_month(month) - dt.timedelta(days=1),
            enrolment.ended_on,
            enrolment.programme.period_end,
        )
        if d
    )
    certificate = participant_certificate(enrolment.person_id, on) if rows_by_service else None

    by_service = []
    totals = {"used": Decimal(0), "planned": Decimal(0), "cost": Decimal(0)}
    total_limit: Decimal | None = Decimal(0)
    total_granted: Decimal | None = None
    total_remaining: Decimal | None = Decimal(0)
    for service in services:
        row = sums.get(service.pk, {})
        used, planned = _dec(row.get("used")), _dec(row.get("planned"))
        certificate_row = rules.certificate_limit(rows_by_service.get(service.pk, []), certificate)
        certificate_limit = certificate_row.limit if certificate_row else None
        if rows_by_service.get(service.pk) and certificate_row is None:
            certificate_limit = Decimal(0)
        limit = rules.effective_limit(service.limit_per_participant, certificate_limit)
        granted = grants.get(service.pk)
        cap = rules.effective_limit(limit, granted)
        remaining = None if cap is None else cap - used - planned
        by_service.append(
            {
                "service": service.pk,
                "name": str(service),
                "kind": service.kind,
                "unit": service.unit,
                "used": _s(used),
                "planned": _s(planned),
                "granted": _s(granted),
                "limit": _s(limit),
                "limit_per_participant": _s(service.limit_per_participant),
                "certificate_limit": _s(certificate_limit),
                "limit_per_month": _s(service.limit_per_month),
                "used_in_month": _s(_dec(row.get("in_month"))),
                "remaining": _s(remaining),
                "cost": _s(_dec(row.get("cost"))),
                "sessions": row.get("sessions", 0),
            }
        )
        totals["used"] += used
        totals["planned"] += planned
        totals["cost"] += _dec(row.get("cost"))
        total_limit = None if (total_limit is None or limit is None) else total_limit + limit
        if granted is not None:
            total_granted = (total_granted or Decimal(0)) + granted
        total_remaining = None if (total_remaining is None or remaining is None) else total_remaining + remaining
    if not services:
        total_limit = total_remaining = None
    return {
        "enrolment": enrolment.pk,
        "person": str(enrolment.person),
        "programme": enrolment.programme_id,
        "month": month.strftime("%Y-%m"),
        "used": _s(totals["used"]),
        "planned": _s(totals["planned"]),
        "granted": _s(total_granted),
        "limit": _s(total_limit),
        "remaining": _s(total_remaining),
        "cost": _s(totals["cost"]),
        "by_service": by_service,
    }


# --- monthly service cards ----------------------------------------------------------------
def activity_label(code: str) -> str:
    return str(Activity(code).label) if code in Activity.values else code


def _card_rows(sessions) -> list[dict]:
    return [
        {
            "session": s,
            "date": rules.local(s.start).date(),
            "start": rules.local(s.start),
            "end": rules.local(s.end),
            "activity": activity_label(s.activity),
        }
        for s in sessions
    ]


def card_for_participant(enrolment: Application, month: dt.date) -> dict[str, Any]:
    """Everything the participant's monthly card shows: the sessions, totals against limits,
    the signature (when recorded) and corrections made after it."""
    month = month.replace(day=1)
    m0, m1 = rules.month_bounds(month)
    sessions = list(
        Session.objects.filter(enrolment=enrolment, start__gte=m0, start__lt=m1)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("worker", "service")
        .order_by("start", "id")
    )
    usage = usage_for_enrolment(enrolment, month)
    # Edition totals up to the end of this month, per service.
    to_date = dict(
        Session.objects.filter(enrolment=enrolment, start__lt=m1, status__in=COUNTED)
        .values("service_id")
        .annotate(total=Sum("units"))
        .values_list("service_id", "total")
    )
    totals = []
    for service_usage in usage["by_service"]:
        in_month = [s for s in sessions if s.service_id == service_usage["service"]]
        if not in_month and service_usage["sessions"] == 0:
            continue
        units = sum((s.units for s in in_month if s.status in COUNTED), Decimal(0))
        planned = sum((s.units for s in in_month if s.status == SessionStatus.PLANNED), Decimal(0))
        totals.append(
            {
                **service_usage,
                "month_units": units,
                "month_planned": planned,
                "month_cost": sum((s.cost for s in in_month if s.status in COUNTED), Decimal(0)),
                "edition_to_date": _dec(to_date.get(service_usage["service"])),
            }
        )
    card = MonthlyCard.objects.filter(enrolment=enrolment, month=month).first()
    corrections = list(
        SessionCorrection.objects.filter(
            session__enrolment=enrolment, session__start__gte=m0, session__start__lt=m1
        ).select_related("session")
    )
    return {
        "enrolment": enrolment,
        "person": enrolment.person,
        "programme": enrolment.programme,
        "organisation": enrolment.organisation,
        "month": month,
        "rows": _card_rows(sessions),
        "totals": totals,
        "total_units": sum((t["month_units"] for t in totals), Decimal(0)),
        "total_cost": sum((t["month_cost"] for t in totals), Decimal(0)),
        "several_services": len({s.service_id for s in sessions}) > 1,
        "card": card,
        "corrections": corrections,
        "usage": usage,
    }


def card_for_worker(worker: Worker, month: dt.date) -> dict[str, Any]:
    month = month.replace(day=1)
    m0, m1 = rules.month_bounds(month)
    sessions = list(
        Session.objects.filter(worker=worker, start__gte=m0, start__lt=m1)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("enrolment__person", "enrolment__programme", "service")
        .order_by("start", "id")
    )
    by_participant: dict[int, dict] = {}
    for s in sessions:
        entry = by_participant.setdefault(
            s.enrolment_id,
            {
                "person": s.enrolment.person,
                "programme": s.enrolment.programme,
                "units": Decimal(0),
                "cost": Decimal(0),
                "sessions": 0,
            },
        )
        if s.status in COUNTED:
            entry["units"] += s.units
            entry["cost"] += s.cost
        entry["sessions"] += 1
    return {
        "worker": worker,
        "organisation": worker.organisation,
        "month": month,
        "rows": _card_rows(sessions),
        "by_participant": list(by_participant.values()),
        "total_units": sum((e["units"] for e in by_participant.values()), Decimal(0)),
        "total_cost": sum((e["cost"] for e in by_participant.values()), Decimal(0)),
    }


# --- costs --------------------------------------------------------------------------------
def delivered(qs: QuerySet[Session]) -> QuerySet[Session]:
    return qs.filter(status__in=COUNTED)


def cost_totals(qs: QuerySet[Session]) -> dict[str, Any]:
    return delivered(qs).aggregate(units=Sum("units"), cost=Sum("cost"), sessions=Count("id"))


def costs_by_month(qs: QuerySet[Session]) -> list[dict]:
    return list(
        delivered(qs)
        .annotate(month=TruncMonth("start", tzinfo=rules.WARSAW))
        .values("month")
        .annotate(units=Sum("units"), cost=Sum("cost"), sessions=Count("id"))
        .order_by("month")
    )


def costs_by_participant(qs: QuerySet[Session]) -> list[dict]:
    return list(
        delivered(qs)
        .values("enrolment_id", "enrolment__person__first_name", "enrolment__person__last_name")
        .annotate(units=Sum("units"), cost=Sum("cost"), sessions=Count("id"))
        .order_by("enrolment__person__last_name", "enrolment__person__first_name", "enrolment_id")
    )


def costs_by_edition(qs: QuerySet[Session]) -> list[dict]:
    return list(
        delivered(qs)
        .values("service__programme_id", "service__programme__name", "service__programme__edition")
        .annotate(
            units=Sum("units"),
            cost=Sum("cost"),
            sessions=Count("id"),
            participants=Count("enrolment_id", distinct=True),
        )
        .order_by("service__programme__name", "service__programme_id")
    )


# --- calendars ----------------------------------------------------------------------------
def week_days(sessions: QuerySet[Session], start: dt.date) -> list[dict]:
    """Seven days from ``start`` with the sessions that begin on each (Warsaw time)."""
    w0 = dt.datetime.combine(start, dt.time(), tzinfo=rules.WARSAW)
    w1 = w0 + dt.timedelta(days=7)
    days = [{"date": start + dt.timedelta(days=i), "sessions": []} for i in range(7)]
    for s in sessions.filter(start__gte=w0, start__lt=w1).exclude(status=SessionStatus.CANCELLED).order_by("start"):
        index = (rules.local_date(s.start) - start).days
        if 0 <= index < 7:
            days[index]["sessions"].append(s)
    return days


def today_sessions(user, today: dt.date | None = None) -> QuerySet[Session]:
    today = today or timezone.localdate()
    d0 = dt.datetime.combine(today, dt.time(), tzinfo=rules.WARSAW)
    return (
        own_sessions(user)
        .filter(start__gte=d0, start__lt=d0 + dt.timedelta(days=1))
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("start")
    )


# --- meals --------------------------------------------------------------------------------
def meal_monthly_totals(qs: QuerySet[MealAid]) -> list[dict]:
    """Per month: people helped, meals by form, the cash benefits' amount, food in kind."""
    rows = (
        qs.values("month")
        .annotate(
            persons=Count("person", distinct=True),
            school_meals=Sum("meals", filter=Q(form=MealForm.SCHOOL_MEAL)),
            home_meals=Sum("meals", filter=Q(form=MealForm.HOME_MEAL)),
            school_persons=Count("person", filter=Q(form=MealForm.SCHOOL_MEAL), distinct=True),
            home_persons=Count("person", filter=Q(form=MealForm.HOME_MEAL), distinct=True),
            cash_persons=Count("person", filter=Q(form=MealForm.CASH_BENEFIT), distinct=True),
            cash_amount=Sum("amount", filter=Q(form=MealForm.CASH_BENEFIT)),
            in_kind_persons=Count("person", filter=Q(form=MealForm.FOOD_IN_KIND), distinct=True),
            in_kind_amount=Sum("amount", filter=Q(form=MealForm.FOOD_IN_KIND)),
        )
        .order_by("month")
    )
    return [
        {
            **row,
            "school_meals": row["school_meals"] or 0,
            "home_meals": row["home_meals"] or 0,
            "cash_amount": row["cash_amount"] or Decimal("0.00"),
            "in_kind_amount": row["in_kind_amount"] or Decimal("0.00"),
        }
        for row in rows
    ]


def guarantor_threshold_for(organisation) -> Decimal | None:
    return delivery_settings_for(organisation).guarantor_threshold
