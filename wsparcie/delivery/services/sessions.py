"""Sessions and the monthly service card.

Entering a session checks, in this order: the input, a closed month (signed card), the
programme's and the enrolment's period, the assistant's relation to the participant, overlaps,
12 hours in 24, and the limits (granted units, per edition, by certificate, per month, days per
year). The worker's row is locked ``FOR UPDATE`` first, so one worker's sessions are checked one
at a time; the two exclusion constraints catch anything that still races, and their
``IntegrityError`` is turned into the same 409 error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from wsparcie.core import audit
from wsparcie.core.services import create_object, update_object
from wsparcie.delivery import rules
from wsparcie.delivery.choices import (
    Activity,
    CertificateDegree,
    ServiceKind,
    SessionStatus,
    Unit,
)
from wsparcie.delivery.models import (
    Grant,
    MonthlyCard,
    Service,
    ServiceLimit,
    Session,
    SessionCorrection,
    Worker,
    WorkerContract,
    session_range,
)
from wsparcie.delivery.services.common import (
    _assisting,
    _check_enrolment,
    _check_service_of_enrolment,
    _raise_if_not_allowed,
    _same_org,
)
from wsparcie.delivery.services.errors import (
    HourLimit,
    MonthClosed,
    NoContract,
    OutsidePeriod,
    ParticipantOverlap,
    SessionStateError,
    WorkerDailyLimit,
    WorkerOverlap,
)
from wsparcie.enrolment.models import Application
from wsparcie.people.models import DisabilityCertificate, Person, Relation

#: Columns the session form and API may change.
SESSION_EDITABLE = {"worker", "service", "start", "end", "status", "activity", "note", "travel_minutes"}


#: Checked by ``_check_session`` already; the exclusion and check constraints run in the database.
SKIP_VALIDATION = ["worker", "enrolment", "service", "organisation", "start", "end"]


def _validate_session_input(session: Session) -> None:
    errors: dict[str, str] = {}
    if session.start is None:
        errors["start"] = _("Podaj początek sesji.")
    if session.end is None:
        errors["end"] = _("Podaj koniec sesji.")
    if errors:
        raise ValidationError(errors)
    if timezone.is_naive(session.start) or timezone.is_naive(session.end):
        raise ValidationError({"start": _("Podaj czas ze strefą czasową.")})
    if session.end <= session.start:
        raise ValidationError({"end": _("Koniec sesji musi być po jej początku.")})
    enrolment, service, worker = session.enrolment, session.service, session.worker
    _same_org(enrolment.organisation_id, worker=worker, service=service)
    _check_enrolment(enrolment)
    _check_service_of_enrolment(service, enrolment)
    if service.activities and session.activity and session.activity not in service.activities:
        allowed = ", ".join(str(Activity(a).label) for a in service.activities)
        raise ValidationError({"activity": _("Ta usługa dopuszcza czynności: %(allowed)s.") % {"allowed": allowed}})
    if service.unit == Unit.HOUR and rules.duration(session.start, session.end) > dt.timedelta(hours=24):
        raise ValidationError({"end": _("Sesja godzinowa nie może trwać dłużej niż 24 godziny.")})


@dataclass
class SessionContext:
    """What the rules need to know about a session being entered, read in two statements: the
    first locks the worker's row (``FOR UPDATE``), the second reads the sessions once the lock is
    held, so it sees everything committed by a transaction it waited for."""

    card: tuple[dt.date, dt.date, str] | None = None  # (month, signed on, signed by) of a closed month
    grant: Decimal | None = None
    limit_rows: list[rules.LimitRow] = field(default_factory=list)
    certificate: rules.CertificateSnapshot | None = None
    relations: list[tuple[int, int, str]] = field(default_factory=list)
    worker_household: int | None = None
    contracts: list[tuple[str, dt.date, dt.date | None, int | None]] = field(default_factory=list)
    worker_conflict: int | None = None
    participant_conflict: int | None = None
    window: list[rules.Interval] = field(default_factory=list)
    used_total: Decimal = Decimal(0)
    used_month: Decimal = Decimal(0)
    used_year: Decimal = Decimal(0)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _read_context(session: Session, previous_start: dt.datetime | None) -> SessionContext:
    enrolment, service, worker = session.enrolment, session.service, session.worker
    months = sorted(
        {rules.month_start(session.start), *([rules.month_start(previous_start)] if previous_start else [])}
    )
    check_relations = (
        session.status != SessionStatus.CANCELLED and _assisting(worker, service) and worker.person_id is not None
    )
    params = {
        "worker": worker.pk,
        "enrolment": enrolment.pk,
        "service": service.pk,
        "person": enrolment.person_id,
        "worker_person": worker.person_id if check_relations else None,
        "months": months,
        "on": rules.local_date(session.start),
    }
    ctx = SessionContext()
    with connection.cursor() as cursor:
        # 1. Lock the worker: one worker's sessions are checked and written one at a time.
        cursor.execute(
            f"""
            SELECT
              (SELECT json_build_array(c.month, c.signed_on, c.signed_by) FROM {_table(MonthlyCard)} c
                WHERE c.enrolment_id = %(enrolment)s AND c.month = ANY(%(months)s::date[]) ORDER BY c.month LIMIT 1),
              (SELECT g.units FROM {_table(Grant)} g WHERE g.enrolment_id = %(enrolment)s AND g.service_id = %(service)s),
              (SELECT json_agg(json_build_array(l.degree, l.several_symbols, l.child, l."limit"::text))
                 FROM {_table(ServiceLimit)} l WHERE l.service_id = %(service)s),
              (SELECT json_build_array(d.kind, d.degree, d.symbols, d.equivalent_type) FROM {_table(DisabilityCertificate)} d
                WHERE d.person_id = %(person)s AND d.issued_on <= %(on)s AND (d.valid_until IS NULL OR d.valid_until >= %(on)s)
                ORDER BY d.issued_on DESC, d.id DESC LIMIT 1),
              (SELECT json_agg(json_build_array(r.person_id, r.relative_id, r.kind)) FROM {_table(Relation)} r
                WHERE (r.person_id = %(worker_person)s AND r.relative_id = %(person)s)
                   OR (r.person_id = %(person)s AND r.relative_id = %(worker_person)s)),
              (SELECT p.household_id FROM {_table(Person)} p WHERE p.id = %(worker_person)s),
              (SELECT json_agg(json_build_array(k.number, k.start_date, k.end_date, k.programme_id)
                               ORDER BY k.start_date)
                 FROM {_table(WorkerContract)} k WHERE k.worker_id = %(worker)s)
            FROM {_table(Worker)} w WHERE w.id = %(worker)s FOR UPDATE OF w
            """,
            params,
        )
        card, ctx.grant, limit_rows, certificate, relations, ctx.worker_household, contracts = cursor.fetchone()
        ctx.contracts = [
            (number, dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None, programme_id)
            for number, start, end, programme_id in contracts or []
        ]
        if card:
            ctx.card = (dt.date.fromisoformat(card[0]), dt.date.fromisoformat(card[1]), card[2])
        ctx.limit_rows = [rules.LimitRow(r[0], r[1], r[2], Decimal(r[3])) for r in limit_rows or []]
        if certificate:
            ctx.certificate = rules.CertificateSnapshot.from_values(
                kind=certificate[0], degree=certificate[1], symbols=certificate[2] or [], equivalent_type=certificate[3]
            )
        ctx.relations = [tuple(r) for r in relations or []]
        if session.status == SessionStatus.CANCELLED:
            return ctx
        # 2. The sessions, once the lock is held. The ids are cast to bigint so that the
        # exclusion constraints' GiST indexes (btree_gist int8 operators) serve the = conditions.
        month = rules.month_start(session.start)
        m0, m1 = rules.month_bounds(month)
        y0, y1 = rules.year_bounds(rules.local_date(session.start).year)
        assistance = service.kind == ServiceKind.PERSONAL_ASSISTANCE
        # Only a correction excludes the session itself: without the id the used-units sum is an
        # index-only scan of session_enrolment_start (enrolment_id, start) INCLUDE (service_id, status, units).
        not_self = "AND x.id <> %(pk)s" if session.pk else ""
        cursor.execute(
            f"""
            SELECT
              (SELECT min(x.id) FROM {_table(Session)} x
                WHERE tstzrange(x.start, x."end", '[)') && tstzrange(%(start)s, %(end)s, '[)')
                  AND x.worker_id = %(worker)s::bigint AND NOT (x.status = 'cancelled') {not_self}),
              (SELECT min(x.id) FROM {_table(Session)} x
                WHERE tstzrange(x.start, x."end", '[)') && tstzrange(%(start)s, %(end)s, '[)')
                  AND x.enrolment_id = %(enrolment)s::bigint AND x.service_id = %(service)s::bigint
                  AND NOT (x.status = 'cancelled') {not_self}),
              (SELECT json_agg(json_build_array(x.id, x.start, x."end")) FROM {_table(Session)} x
                 JOIN {_table(Service)} sv ON sv.id = x.service_id
                WHERE %(assistance)s AND tstzrange(x.start, x."end", '[)') && tstzrange(%(w0)s, %(w1)s, '[)')
                  AND x.worker_id = %(worker)s::bigint AND NOT (x.status = 'cancelled') {not_self}
                  AND sv.kind = %(kind)s),
              u.total, u.month, u.year
            FROM (
              SELECT sum(x.units) AS total,
                     sum(x.units) FILTER (WHERE x.start >= %(m0)s AND x.start < %(m1)s) AS month,
                     sum(x.units) FILTER (WHERE x.start >= %(y0)s AND x.start < %(y1)s) AS year
                FROM {_table(Session)} x
               WHERE x.enrolment_id = %(enrolment)s AND x.service_id = %(service)s
                 AND NOT (x.status = 'cancelled') {not_self}
            ) u
            """,
            {
                **params,
                "pk": session.pk or 0,
                "start": session.start,
                "end": session.end,
                "w0": session.start - rules.DAILY_WINDOW,
                "w1": session.end + rules.DAILY_WINDOW,
                "assistance": assistance,
                "kind": ServiceKind.PERSONAL_ASSISTANCE,
                "m0": m0,
                "m1": m1,
                "y0": y0,
                "y1": y1,
            },
        )
        ctx.worker_conflict, ctx.participant_conflict, window, total, in_month, in_year = cursor.fetchone()
        ctx.window = [
            rules.Interval(dt.datetime.fromisoformat(s), dt.datetime.fromisoformat(e), pk) for pk, s, e in window or []
        ]
        ctx.used_total, ctx.used_month, ctx.used_year = (
            total or Decimal(0),
            in_month or Decimal(0),
            in_year or Decimal(0),
        )
    return ctx


def _closed_month_error(card: tuple[dt.date, dt.date, str]) -> MonthClosed:
    month, signed_on, signed_by = card
    return MonthClosed(
        _(
            "Miesiąc %(month)s jest zamknięty: karta realizacji usług została podpisana %(signed)s (%(by)s). "
            "Korekta sesji w zamkniętym miesiącu wymaga podania powodu."
        )
        % {"month": month.strftime("%m.%Y"), "signed": signed_on.strftime("%d.%m.%Y"), "by": signed_by}
    )


def _check_period(session: Session) -> None:
    enrolment = session.enrolment
    programme = enrolment.programme
    first_day = rules.local_date(session.start)
    last_day = rules.local_date(session.end - dt.timedelta(microseconds=1))
    span = rules.fmt_span(session.start, session.end)
    if (programme.period_start and first_day < programme.period_start) or (
        programme.period_end and last_day > programme.period_end
    ):
        raise OutsidePeriod(
            _("Sesja %(span)s wykracza poza okres realizacji programu „%(programme)s”: %(start)s – %(end)s.")
            % {
                "span": span,
                "programme": programme,
                "start": programme.period_start.strftime("%d.%m.%Y") if programme.period_start else "…",
                "end": programme.period_end.strftime("%d.%m.%Y") if programme.period_end else "…",
            }
        )
    if (enrolment.enrolled_on and first_day < enrolment.enrolled_on) or (
        enrolment.ended_on and last_day > enrolment.ended_on
    ):
        raise OutsidePeriod(
            _("Sesja %(span)s wykracza poza okres udziału uczestnika %(person)s w programie: %(start)s – %(end)s.")
            % {
                "span": span,
                "person": enrolment.person,
                "start": enrolment.enrolled_on.strftime("%d.%m.%Y") if enrolment.enrolled_on else "…",
                "end": enrolment.ended_on.strftime("%d.%m.%Y") if enrolment.ended_on else "…",
            }
        )


def _check_contract(session: Session, contracts: list[tuple[str, dt.date, dt.date | None, int | None]]) -> None:
    """A worker with contracts on record works only on the days a contract covers, for its
    programme (a contract without a programme covers every programme). A worker with no contract
    on record (staff employed outside the programme) is not checked."""
    if not contracts:
        return
    programme_id = session.enrolment.programme_id
    first_day = rules.local_date(session.start)
    last_day = rules.local_date(session.end - dt.timedelta(microseconds=1))
    for _number, start, end, contract_programme in contracts:
        if contract_programme not in (None, programme_id):
            continue
        if start <= first_day and (end is None or last_day <= end):
            return
    no_number = _("bez numeru")
    listed = "; ".join(
        f"{number or no_number} ({start:%d.%m.%Y} – {end.strftime('%d.%m.%Y') if end else '…'})"
        for number, start, end, contract_programme in contracts
        if contract_programme in (None, programme_id)
    )
    raise NoContract(
        _(
            "%(worker)s nie ma umowy obejmującej sesję %(span)s w programie „%(programme)s”. "
            "Umowy w tym programie: %(contracts)s."
        )
        % {
            "worker": session.worker,
            "span": rules.fmt_span(session.start, session.end),
            "programme": session.enrolment.programme,
            "contracts": listed or _("brak"),
        }
    )


def _bigint(value: int) -> Cast:
    """An id as ``bigint``: btree_gist's operator classes have no int8 = int4 operator, and an
    id inlined as an int4 literal would keep the exclusion constraint's GiST index from being
    used for ``worker_id = ...`` (the planner then scans every worker's sessions in the period)."""
    return Cast(Value(value), output_field=BigIntegerField())


def _overlapping(session: Session, start: dt.datetime, end: dt.datetime, **lookup):
    lookup = {key: _bigint(value) if key.endswith("_id") else value for key, value in lookup.items()}
    qs = (
        Session.objects.annotate(span=session_range())
        .filter(span__overlap=(start, end), **lookup)
        .exclude(status=SessionStatus.CANCELLED)
    )
    if session.pk:
        qs = qs.exclude(pk=session.pk)
    return qs


def _conflict(session: Session, conflict_id: int | None, related: tuple[str, ...], **lookup) -> Session | None:
    """The conflicting session: by id when the check found it, otherwise (a constraint that fired
    in a race) the overlapping one found by the GiST index (no ORDER BY, which would walk a btree)."""
    if conflict_id is None:
        found = list(
            _overlapping(session, session.start, session.end, **lookup).order_by().values_list("pk", flat=True)[:5]
        )
        conflict_id = min(found) if found else None
    return Session.objects.select_related(*related).filter(pk=conflict_id).first() if conflict_id else None


def _worker_overlap_error(session: Session, conflict_id: int | None = None) -> WorkerOverlap | None:
    other = _conflict(session, conflict_id, ("enrolment__person", "service"), worker_id=session.worker_id)
    if other is None:
        return None
    return WorkerOverlap(
        _("%(worker)s ma już w tym czasie sesję #%(id)s z uczestnikiem %(person)s: %(span)s (%(service)s).")
        % {
            "worker": session.worker,
            "id": other.pk,
            "person": other.enrolment.person,
            "span": rules.fmt_span(other.start, other.end),
            "service": other.service,
        },
        extra={"conflicting_session": other.pk},
    )


def _participant_overlap_error(session: Session, conflict_id: int | None = None) -> ParticipantOverlap | None:
    other = _conflict(
        session, conflict_id, ("worker",), enrolment_id=session.enrolment_id, service_id=session.service_id
    )
    if other is None:
        return None
    return ParticipantOverlap(
        _(
            "Uczestnik %(person)s ma już w tym czasie sesję #%(id)s usługi „%(service)s”: %(span)s (realizator: %(worker)s)."
        )
        % {
            "person": session.enrolment.person,
            "id": other.pk,
            "service": session.service,
            "span": rules.fmt_span(other.start, other.end),
            "worker": other.worker,
        },
        extra={"conflicting_session": other.pk},
    )


def _daily_limit_error(session: Session, found: rules.DailyLimitViolation) -> WorkerDailyLimit:
    others = ", ".join(f"#{ref}" for ref in found.refs) or "—"
    return WorkerDailyLimit(
        _(
            "%(worker)s pracowałby %(hours)s h w ciągu 24 godzin (%(span)s), a dopuszczalne jest %(max)s h "
            "w asystencji osobistej. Sesje w tym oknie: %(others)s."
        )
        % {
            "worker": session.worker,
            "hours": rules.fmt_units(found.hours),
            "span": rules.fmt_span(found.window_start, found.window_end),
            "max": rules.fmt_units(rules.DAILY_MAX_HOURS),
            "others": others,
        },
        extra={"hours": str(found.hours), "sessions": list(found.refs)},
    )


def _limit_label(row: rules.LimitRow) -> str:
    if row.child:
        return _("dziecko")
    text = str(CertificateDegree(row.degree).label)
    if row.several_symbols is True:
        text += _(", kilka symboli przyczyny")
    elif row.several_symbols is False:
        text += _(", jeden symbol przyczyny")
    return text


def _check_limits(session: Session, ctx: SessionContext) -> None:
    service, enrolment = session.service, session.enrolment
    month = rules.month_start(session.start)
    year = rules.local_date(session.start).year
    checks: list[rules.LimitCheck] = []
    if ctx.grant is not None:
        checks.append(rules.LimitCheck("granted", ctx.grant, ctx.used_total, _("przyznany uczestnikowi wymiar usługi")))
    if service.limit_per_participant is not None:
        checks.append(
            rules.LimitCheck(
                "edition", service.limit_per_participant, ctx.used_total, _("limit programu na uczestnika w edycji")
            )
        )
    if ctx.limit_rows:
        row = rules.certificate_limit(ctx.limit_rows, ctx.certificate)
        if row is None:
            raise HourLimit(
                _(
                    "Usługa „%(service)s” ma limity według orzeczenia, a %(person)s nie ma w dniu sesji ważnego orzeczenia, "
                    "do którego pasuje wiersz tabeli limitów."
                )
                % {"service": service, "person": enrolment.person}
            )
        checks.append(
            rules.LimitCheck(
                "certificate",
                row.limit,
                ctx.used_total,
                _("limit według orzeczenia (%(row)s)") % {"row": _limit_label(row)},
            )
        )
    if service.limit_per_month is not None:
        checks.append(
            rules.LimitCheck(
                "month",
                service.limit_per_month,
                ctx.used_month,
                _("limit miesięczny (%(month)s)") % {"month": month.strftime("%m.%Y")},
            )
        )
    if service.days_per_year is not None:
        checks.append(
            rules.LimitCheck(
                "days_per_year",
                Decimal(service.days_per_year),
                ctx.used_year,
                _("limit dób w roku %(year)s") % {"year": year},
            )
        )
    broken = rules.limit_violation(session.units, checks)
    if broken is None:
        return
    raise HourLimit(
        _(
            "Przekroczony %(label)s usługi „%(service)s” dla %(person)s: limit %(limit)s %(unit)s, wykorzystano lub "
            "zaplanowano %(used)s %(unit)s, ta sesja %(units)s %(unit)s (pozostało %(left)s %(unit)s)."
        )
        % {
            "label": broken.label,
            "service": service,
            "person": enrolment.person,
            "limit": rules.fmt_units(broken.limit),
            "used": rules.fmt_units(broken.used),
            "units": rules.fmt_units(session.units),
            "left": rules.fmt_units(max(Decimal(0), broken.limit - broken.used)),
            "unit": service.unit_short,
        },
        extra={
            "limit": broken.kind,
            "limit_value": str(broken.limit),
            "used": str(broken.used),
            "requested": str(session.units),
        },
    )


def _translate_integrity(exc: IntegrityError, session: Session) -> Exception:
    constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
    if constraint == "session_worker_no_overlap":
        return _worker_overlap_error(session) or WorkerOverlap(
            _("%(worker)s ma już sesję w tym czasie.") % {"worker": session.worker}
        )
    if constraint == "session_participant_no_overlap":
        return _participant_overlap_error(session) or ParticipantOverlap(
            _("Uczestnik %(person)s ma już sesję tej usługi w tym czasie.") % {"person": session.enrolment.person}
        )
    return exc


def _check_session(
    session: Session, *, previous_start: dt.datetime | None, reason: str
) -> tuple[dt.date, dt.date, str] | None:
    """Check every rule on ``session`` (the state it would be saved in) and compute its units
    and cost. Returns the signature of a closed month being corrected (with a reason)."""
    _validate_session_input(session)
    session.units = rules.session_units(session.service.unit, session.start, session.end)
    session.cost = rules.session_cost(session.units, session.rate)
    ctx = _read_context(session, previous_start)
    if ctx.card is not None and not reason.strip():
        raise _closed_month_error(ctx.card)
    if session.status == SessionStatus.CANCELLED:
        return ctx.card
    _check_period(session)
    _check_contract(session, ctx.contracts)
    if _assisting(session.worker, session.service) and session.worker.person_id is not None:
        _raise_if_not_allowed(
            session.worker,
            session.enrolment.person,
            rules.worker_not_allowed(
                worker_person_id=session.worker.person_id,
                participant_person_id=session.enrolment.person_id,
                worker_household_id=ctx.worker_household,
                participant_household_id=session.enrolment.person.household_id,
                relations=ctx.relations,
            ),
        )
    if ctx.worker_conflict is not None:
        raise _worker_overlap_error(session, ctx.worker_conflict) or WorkerOverlap(
            _("%(worker)s ma już sesję w tym czasie.") % {"worker": session.worker}
        )
    if ctx.participant_conflict is not None:
        raise _participant_overlap_error(session, ctx.participant_conflict) or ParticipantOverlap(
            _("Uczestnik ma już sesję tej usługi w tym czasie.")
        )
    if session.service.kind == ServiceKind.PERSONAL_ASSISTANCE:
        found = rules.daily_limit_violation(ctx.window, rules.Interval(session.start, session.end))
        if found is not None:
            raise _daily_limit_error(session, found)
    _check_limits(session, ctx)
    return ctx.card


def _correction_note(closed, reason: str) -> str:
    return _("Korekta w zamkniętym miesiącu: %(reason)s") % {"reason": reason.strip()} if closed is not None else ""


def _record_correction(*, actor, session: Session, closed, reason: str, changes: dict) -> None:
    if closed is None:
        return
    SessionCorrection.objects.create(
        organisation_id=session.organisation_id,
        session=session,
        reason=reason.strip(),
        actor_name=actor.get_username() if getattr(actor, "is_authenticated", False) else str(actor),
        changes=changes,
    )


def session_create(
    *,
    actor,
    worker: Worker,
    enrolment: Application,
    service: Service,
    start: dt.datetime,
    end: dt.datetime,
    activity: str = "",
    note: str = "",
    status: str = SessionStatus.DELIVERED,
    travel_minutes: int = 0,
    reason: str = "",
) -> Session:
    """Enter a planned or delivered session, every rule checked (see the module docstring).

    One transaction: lock and read (two statements), insert, audit record. An exclusion
    constraint that still fires (a race the checks could not see) rolls it back and becomes the
    same 409 error, naming the session that won."""
    session = Session(
        organisation_id=enrolment.organisation_id,
        worker=worker,
        enrolment=enrolment,
        service=service,
        start=start,
        end=end,
        status=status,
        activity=activity or "",
        note=note or "",
        travel_minutes=travel_minutes or 0,
        rate=service.rate,
    )
    try:
        with transaction.atomic():
            closed = _check_session(session, previous_start=None, reason=reason)
            # What core.services.create_object does, without its extra savepoint (this block is the transaction).
            session.full_clean(exclude=SKIP_VALIDATION, validate_unique=False, validate_constraints=False)
            session.save()
            snapshot = audit.snapshot(session)
            audit.record(
                actor=actor,
                action="create",
                instance=session,
                changes={"new": snapshot},
                note=_correction_note(closed, reason),
            )
            _record_correction(actor=actor, session=session, closed=closed, reason=reason, changes={"new": snapshot})
    except IntegrityError as exc:
        session.pk = None
        raise _translate_integrity(exc, session) from exc
    return session


def _candidate(session: Session, data: dict[str, Any]) -> Session:
    """A copy of ``session`` with ``data`` applied, for checking before anything changes."""
    candidate = Session(**{f.attname: getattr(session, f.attname) for f in Session._meta.concrete_fields})
    candidate._state.adding = False
    for name in ("worker", "enrolment", "service"):
        setattr(candidate, name, getattr(session, name))
    for key, value in data.items():
        setattr(candidate, key, value)
    if "service" in data and data["service"].pk != session.service_id:
        candidate.rate = data["service"].rate
    return candidate


def session_update(*, actor, session: Session, data: dict[str, Any], reason: str = "") -> Session:
    """Change a session (a correction); in a closed month only with a ``reason``."""
    unknown = set(data) - SESSION_EDITABLE
    if unknown:
        raise ValidationError({field_name: _("Tego pola nie można zmienić.") for field_name in unknown})
    candidate = _candidate(session, data)
    try:
        with transaction.atomic():
            closed = _check_session(candidate, previous_start=session.start, reason=reason)
            before = audit.snapshot(session)
            changes = {**data, "rate": candidate.rate, "units": candidate.units, "cost": candidate.cost}
            update_object(
                actor=actor,
                instance=session,
                data=changes,
                exclude_validation=SKIP_VALIDATION,
                note=_correction_note(closed, reason),
            )
            _record_correction(
                actor=actor,
                session=session,
                closed=closed,
                reason=reason,
                changes=audit.diff(before, audit.snapshot(session)),
            )
    except IntegrityError as exc:
        session.refresh_from_db()
        raise _translate_integrity(exc, candidate) from exc
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, reason: str = "") -> Session:
    if session.status == SessionStatus.CANCELLED:
        raise SessionStateError(_("Sesja #%(id)s jest już odwołana.") % {"id": session.pk})
    return session_update(actor=actor, session=session, data={"status": SessionStatus.CANCELLED}, reason=reason)


def _minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)


@transaction.atomic
def session_start(*, actor, session: Session, now: dt.datetime | None = None) -> Session:
    """The worker's "start" button: the session begins now."""
    if session.status != SessionStatus.PLANNED:
        raise SessionStateError(
            _("Można rozpocząć tylko zaplanowaną sesję (ta jest: %(status)s).")
            % {"status": session.get_status_display()}
        )
    start = _minute(now or timezone.now())
    end = session.end if session.end > start else start + dt.timedelta(minutes=1)
    return session_update(
        actor=actor, session=session, data={"start": start, "end": end, "status": SessionStatus.IN_PROGRESS}
    )


@transaction.atomic
def session_stop(
    *, actor, session: Session, activity: str | None = None, note: str | None = None, now: dt.datetime | None = None
) -> Session:
    """The worker's "stop" button: the session ends now and counts as delivered."""
    if session.status != SessionStatus.IN_PROGRESS:
        raise SessionStateError(
            _("Można zakończyć tylko rozpoczętą sesję (ta jest: %(status)s).")
            % {"status": session.get_status_display()}
        )
    end = _minute(now or timezone.now())
    if end <= session.start:
        end = session.start + dt.timedelta(minutes=1)
    data: dict[str, Any] = {"end": end, "status": SessionStatus.DELIVERED}
    if activity is not None:
        data["activity"] = activity
    if note is not None:
        data["note"] = note
    return session_update(actor=actor, session=session, data=data)


@transaction.atomic
def card_sign(
    *, actor, enrolment: Application, month: dt.date, signed_by: str, signed_on: dt.date | None = None
) -> MonthlyCard:
    """Record the participant's signature on the month's card: the month is closed."""
    if not (signed_by or "").strip():
        raise ValidationError({"signed_by": _("Podaj, kto podpisał kartę (uczestnik lub opiekun prawny).")})
    month = month.replace(day=1)
    signed_on = signed_on or timezone.localdate()
    if signed_on < month:
        raise ValidationError({"signed_on": _("Karty nie można podpisać przed początkiem miesiąca, którego dotyczy.")})
    return create_object(
        actor=actor,
        instance=MonthlyCard(
            organisation_id=enrolment.organisation_id,
            enrolment=enrolment,
            month=month,
            signed_on=signed_on,
            signed_by=signed_by.strip(),
        ),
        note=_("Podpis uczestnika: miesiąc %(month)s zamknięty.") % {"month": month.strftime("%m.%Y")},
    )
