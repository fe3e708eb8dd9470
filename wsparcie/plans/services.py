"""Every write of the plans app: support plans and their parts, PAL, initiatives, cooperation teams.

Services are keyword-only, validate (``full_clean`` through ``core.services``), write the audit
trail and raise ``ValidationError`` (bad input, messages per field) or a
:class:`~wsparcie.core.errors.ApplicationError` with a stable ``code`` (a rule refuses the
request): ``plan_closed``, ``plan_incomplete``, ``invalid_status``, ``session_in_future``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from wsparcie.core import audit, tenancy
from wsparcie.core.errors import ApplicationError
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.plans import rules
from wsparcie.plans.choices import ActionKind, GoalStatus, PlanStatus
from wsparcie.plans.models import (
    Action,
    Assessment,
    Attendance,
    CooperationTeam,
    CooperationTeamMember,
    Goal,
    Group,
    GroupMember,
    GroupSession,
    LocalActivityProgramme,
    Review,
    Round,
    SocialInitiative,
    SupportPlan,
)

logger = logging.getLogger(__name__)

#: Enrolment statuses a plan may be tied to (the person is, or was, a participant).
PARTICIPANT_STATUSES = ("qualified", "enrolled", "completed")


class PlanClosed(ApplicationError):
    code = "plan_closed"


class PlanIncomplete(ApplicationError):
    code = "plan_incomplete"


class InvalidStatusChange(ApplicationError):
    code = "invalid_status"


class SessionInFuture(ApplicationError):
    code = "session_in_future"


def _today() -> dt.date:
    return timezone.localdate()


def _require_same_org(organisation_id: int, **objects) -> None:
    """Everything a record points to belongs to the record's organisation."""
    errors = {}
    for name, obj in objects.items():
        if obj is not None and obj.organisation_id != organisation_id:
            errors[name] = gettext("Ten rekord należy do innej organizacji.")
    if errors:
        raise ValidationError(errors)


def _require_open(plan: SupportPlan) -> None:
    if not plan.is_open:
        raise PlanClosed(
            gettext("Plan jest %(status)s (%(ended_on)s): zamkniętego planu nie można już zmieniać.")
            % {"status": plan.get_status_display(), "ended_on": rules.pl_date(plan.ended_on)}
            if plan.ended_on
            else gettext("Plan ma status „%(status)s” i nie można go już zmieniać.")
            % {"status": plan.get_status_display()}
        )


def _check_social_worker(organisation, user) -> None:
    if user is not None and not tenancy.has_perm(user, "plans.edit", organisation):
        raise ValidationError(
            {
                "social_worker": gettext("Użytkownik %(user)s nie prowadzi planów w organizacji %(organisation)s.")
                % {"user": user.get_username(), "organisation": organisation}
            }
        )


def _check_enrolment(*, person, enrolment, programme):
    """The enrolment is the person's participation; the plan's programme is the enrolment's."""
    if enrolment is None:
        return programme
    errors = {}
    if enrolment.person_id != person.pk:
        errors["enrolment"] = gettext("To zgłoszenie dotyczy innej osoby (%(other)s), nie %(person)s.") % {
            "other": enrolment.person,
            "person": person,
        }
    elif enrolment.status not in PARTICIPANT_STATUSES:
        errors["enrolment"] = gettext(
            "Zgłoszenie ma status „%(status)s”: plan wiąże się tylko z udziałem uczestnika "
            "(zakwalifikowany, uczestnik albo zakończony)."
        ) % {"status": enrolment.get_status_display()}
    if programme is not None and programme.pk != enrolment.programme_id:
        errors["programme"] = gettext(
            "Zgłoszenie dotyczy programu „%(enrolment_programme)s”, a nie „%(programme)s”."
        ) % {
            "enrolment_programme": enrolment.programme,
            "programme": programme,
        }
    if errors:
        raise ValidationError(errors)
    return enrolment.programme


# --- Support plans --------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor,
    organisation,
    person,
    kind: str,
    started_on: dt.date,
    social_worker=None,
    enrolment=None,
    programme=None,
    title: str = "",
    planned_end_on: dt.date | None = None,
    notes: str = "",
    assessment: dict[str, Any] | None = None,
    goals: list[dict[str, Any]] | None = None,
) -> SupportPlan:
    """A new plan in draft. ``assessment`` (optional) holds the diagnosis' parts, ``goals``
    (optional) the first goals (``description``, ``target_date``); all or nothing is saved."""
    _require_same_org(organisation.pk, person=person, enrolment=enrolment, programme=programme)
    programme = _check_enrolment(person=person, enrolment=enrolment, programme=programme)
    _check_social_worker(organisation, social_worker)
    plan = create_object(
        actor=actor,
        instance=SupportPlan(
            organisation=organisation,
            person=person,
            enrolment=enrolment,
            programme=programme,
            kind=kind,
            started_on=started_on,
            social_worker=social_worker,
            title=title,
            planned_end_on=planned_end_on,
            notes=notes,
        ),
    )
    if assessment:
        assessment_save(actor=actor, plan=plan, **assessment)
    for goal in goals or []:
        goal_create(actor=actor, plan=plan, **goal)
    return plan


@transaction.atomic
def plan_change(
    *, actor, plan: SupportPlan, data: dict[str, Any], assessment: dict[str, Any] | None = None
) -> SupportPlan:
    """Change the plan's fields and its assessment together (all or nothing)."""
    if data:
        plan = plan_update(actor=actor, plan=plan, data=data)
    if assessment:
        assessment_save(actor=actor, plan=plan, **assessment)
    return plan


#: Fields :func:`plan_update` changes; status and outcome change only through their services.
PLAN_EDITABLE = {"kind", "title", "social_worker", "started_on", "planned_end_on", "notes", "enrolment", "programme"}


@transaction.atomic
def plan_update(*, actor, plan: SupportPlan, data: dict[str, Any]) -> SupportPlan:
    _require_open(plan)
    unknown = set(data) - PLAN_EDITABLE
    if unknown:
        message = gettext("Tego pola nie zmienia się w edycji planu.")
        raise ValidationError({name: message for name in sorted(unknown)})
    if "kind" in data and data["kind"] != plan.kind and plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            {"kind": gettext("Rodzaj planu można zmienić tylko w projekcie planu (przed rozpoczęciem realizacji).")}
        )
    data = dict(data)
    enrolment = data["enrolment"] if "enrolment" in data else plan.enrolment
    programme = data["programme"] if "programme" in data else plan.programme
    _require_same_org(plan.organisation_id, enrolment=enrolment, programme=programme)
    if enrolment is not None:
        if "enrolment" in data and "programme" not in data:
            programme = None  # a new enrolment brings its own programme
        data["programme"] = _check_enrolment(person=plan.person, enrolment=enrolment, programme=programme)
    if "social_worker" in data:
        _check_social_worker(plan.organisation, data["social_worker"])
    started_on = data.get("started_on", plan.started_on)
    first_review = plan.reviews.order_by("due_on").first()
    if first_review is not None and first_review.due_on <= started_on:
        raise ValidationError(
            {
                "started_on": gettext(
                    "Plan ma przegląd zaplanowany na %(due_on)s: początek planu musi być wcześniejszy."
                )
                % {"due_on": rules.pl_date(first_review.due_on)}
            }
        )
    return update_object(actor=actor, instance=plan, data=data)


def _assessment_snapshot(plan: SupportPlan) -> dict[str, str] | None:
    try:
        assessment = plan.assessment
    except Assessment.DoesNotExist:
        return None
    return {name: getattr(assessment, name) for name in Assessment.PARTS}


@transaction.atomic
def plan_activate(*, actor, plan: SupportPlan) -> SupportPlan:
    """Draft -> active: needs a complete diagnosis and at least one goal."""
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if not rules.can_change_status(plan.status, PlanStatus.ACTIVE):
        raise InvalidStatusChange(
            gettext("Planu o statusie „%(status)s” nie można rozpocząć.") % {"status": plan.get_status_display()}
        )
    problems = rules.activation_problems(assessment=_assessment_snapshot(plan), goals_count=plan.goals.count())
    if problems:
        raise PlanIncomplete(" ".join(problems), extra={"problems": problems})
    return update_object(
        actor=actor, instance=plan, data={"status": PlanStatus.ACTIVE}, note="Rozpoczęcie realizacji planu"
    )


@transaction.atomic
def plan_complete(
    *,
    actor,
    plan: SupportPlan,
    progress_achieved: bool | None,
    outcome_note: str,
    ended_on: dt.date | None = None,
) -> SupportPlan:
    """Completes the plan with its outcome: whether progress was achieved and a description.

    The project's result indicator ("osoby, które osiągnęły postęp") counts plans completed
    with ``progress_achieved=True`` (:func:`wsparcie.plans.selectors.plans_with_progress`).
    """
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    _require_open(plan)
    ended_on = ended_on or _today()
    errors = rules.completion_errors(
        started_on=plan.started_on,
        progress_achieved=progress_achieved,
        outcome_note=outcome_note,
        ended_on=ended_on,
        today=_today(),
    )
    if errors:
        raise ValidationError(errors)
    return update_object(
        actor=actor,
        instance=plan,
        data={
            "status": PlanStatus.COMPLETED,
            "progress_achieved": progress_achieved,
            "outcome_note": outcome_note.strip(),
            "ended_on": ended_on,
        },
        note="Zakończenie planu z postępem" if progress_achieved else "Zakończenie planu bez postępu",
    )


@transaction.atomic
def plan_discontinue(*, actor, plan: SupportPlan, reason: str, ended_on: dt.date | None = None) -> SupportPlan:
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    _require_open(plan)
    ended_on = ended_on or _today()
    errors = rules.discontinuation_errors(started_on=plan.started_on, reason=reason, ended_on=ended_on, today=_today())
    if errors:
        raise ValidationError(errors)
    return update_object(
        actor=actor,
        instance=plan,
        data={"status": PlanStatus.DISCONTINUED, "discontinued_reason": reason.strip(), "ended_on": ended_on},
        note="Przerwanie planu",
    )


@transaction.atomic
def assessment_save(
    *,
    actor,
    plan: SupportPlan,
    assessed_on: dt.date | None = None,
    problems: str = "",
    resources: str = "",
    potential: str = "",
    predispositions: str = "",
    needs: str = "",
    assessed_by=None,
) -> Assessment:
    """Creates or replaces the plan's diagnosis."""
    _require_open(plan)
    parts = {
        "problems": problems.strip(),
        "resources": resources.strip(),
        "potential": potential.strip(),
        "predispositions": predispositions.strip(),
        "needs": needs.strip(),
    }
    if not any(parts.values()):
        raise ValidationError(
            {"problems": gettext("Diagnoza jest pusta: opisz przynajmniej problemy i potrzeby uczestnika.")}
        )
    assessed_on = assessed_on or plan.started_on
    if assessed_on > _today():
        raise ValidationError(
            {
                "assessed_on": gettext("Data diagnozy (%(assessed_on)s) nie może być w przyszłości.")
                % {"assessed_on": rules.pl_date(assessed_on)}
            }
        )
    if assessed_by is None and getattr(actor, "is_authenticated", False):
        assessed_by = actor
    existing = Assessment.objects.filter(plan=plan).first()
    data = {**parts, "assessed_on": assessed_on, "assessed_by": assessed_by}
    if existing is None:
        return create_object(actor=actor, instance=Assessment(organisation_id=plan.organisation_id, plan=plan, **data))
    return update_object(actor=actor, instance=existing, data=data)


# --- Goals, actions, reviews ---------------------------------------------------------------


def _check_not_before_start(plan: SupportPlan, field_name: str, value: dt.date | None, what: str) -> None:
    """``what`` names the date (translated by the caller), e.g. "Termin celu"."""
    if value is not None and value < plan.started_on:
        raise ValidationError(
            {
                field_name: gettext("%(what)s (%(date)s) nie może być przed początkiem planu (%(started_on)s).")
                % {"what": what, "date": rules.pl_date(value), "started_on": rules.pl_date(plan.started_on)}
            }
        )


@transaction.atomic
def goal_create(*, actor, plan: SupportPlan, description: str, target_date: dt.date | None = None) -> Goal:
    _require_open(plan)
    _check_not_before_start(plan, "target_date", target_date, gettext("Termin celu"))
    order = (plan.goals.aggregate(m=Max("order"))["m"] or 0) + 1
    return create_object(
        actor=actor,
        instance=Goal(
            organisation_id=plan.organisation_id,
            plan=plan,
            order=order,
            description=description.strip(),
            target_date=target_date,
        ),
    )


@transaction.atomic
def goal_update(*, actor, goal: Goal, data: dict[str, Any]) -> Goal:
    _require_open(goal.plan)
    allowed = {"description", "target_date", "status", "note", "order"}
    unknown = set(data) - allowed
    if unknown:
        message = gettext("Tego pola celu nie można zmienić.")
        raise ValidationError({name: message for name in sorted(unknown)})
    if "target_date" in data:
        _check_not_before_start(goal.plan, "target_date", data["target_date"], gettext("Termin celu"))
    if data.get("status") == GoalStatus.NOT_ACHIEVED and not (data.get("note", goal.note) or "").strip():
        raise ValidationError({"note": gettext("Napisz, dlaczego cel nie został osiągnięty.")})
    return update_object(actor=actor, instance=goal, data=data)


@transaction.atomic
def goal_delete(*, actor, goal: Goal) -> None:
    _require_open(goal.plan)
    delete_object(actor=actor, instance=goal)


@transaction.atomic
def action_create(
    *,
    actor,
    plan: SupportPlan,
    description: str,
    kind: str = ActionKind.SERVICE,
    goal: Goal | None = None,
    institution_name: str = "",
    delivery_reference: str = "",
    planned_start: dt.date | None = None,
    planned_end: dt.date | None = None,
    done_on: dt.date | None = None,
    service=None,
    session=None,
) -> Action:
    """A new action; ``done_on`` records one already carried out (entered after the fact);
    ``service`` / ``session`` link it to the delivery app's service of an edition or session."""
    _require_open(plan)
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": gettext("Ten cel należy do innego planu.")})
    _check_delivery_links(plan, service=service, session=session)
    _check_not_before_start(plan, "planned_start", planned_start, gettext("Planowany początek działania"))
    if done_on is not None:
        _check_not_before_start(plan, "done_on", done_on, gettext("Data wykonania"))
        if done_on > _today():
            raise ValidationError(
                {
                    "done_on": gettext("Data wykonania (%(done_on)s) nie może być w przyszłości.")
                    % {"done_on": rules.pl_date(done_on)}
                }
            )
    return create_object(
        actor=actor,
        instance=Action(
            organisation_id=plan.organisation_id,
            plan=plan,
            goal=goal,
            kind=kind,
            description=description.strip(),
            institution_name=institution_name.strip(),
            delivery_reference=delivery_reference.strip(),
            planned_start=planned_start,
            planned_end=planned_end,
            done=done_on is not None,
            done_on=done_on,
            service=service,
            session=session,
        ),
    )


def _check_delivery_links(plan: SupportPlan, *, service=None, session=None) -> None:
    """A linked service belongs to the plan's organisation; a linked session is the plan's
    participant's (through the session's enrolment)."""
    _require_same_org(plan.organisation_id, service=service, session=session)
    if session is not None and session.enrolment.person_id != plan.person_id:
        raise ValidationError(
            {
                "session": gettext("Ta sesja dotyczy innego uczestnika (%(other)s), nie %(person)s.")
                % {"other": session.enrolment.person, "person": plan.person}
            }
        )
    if session is not None and service is not None and session.service_id != service.pk:
        raise ValidationError({"session": gettext("Sesja dotyczy innej usługi niż wskazana w działaniu.")})


@transaction.atomic
def action_update(*, actor, action: Action, data: dict[str, Any]) -> Action:
    _require_open(action.plan)
    allowed = {
        "description", "kind", "goal", "institution_name", "delivery_reference", "planned_start", "planned_end",
        "service", "session",
    }  # fmt: skip
    unknown = set(data) - allowed
    if unknown:
        message = gettext("Tego pola działania nie można zmienić.")
        raise ValidationError({name: message for name in sorted(unknown)})
    goal = data.get("goal")
    if goal is not None and goal.plan_id != action.plan_id:
        raise ValidationError({"goal": gettext("Ten cel należy do innego planu.")})
    _check_delivery_links(
        action.plan, service=data.get("service", action.service), session=data.get("session", action.session)
    )
    if "planned_start" in data:
        _check_not_before_start(
            action.plan, "planned_start", data["planned_start"], gettext("Planowany początek działania")
        )
    return update_object(actor=actor, instance=action, data=data)


@transaction.atomic
def action_set_done(*, actor, action: Action, done: bool = True, done_on: dt.date | None = None) -> Action:
    """Marks an action done (on ``done_on``, today by default) or back to not done."""
    _require_open(action.plan)
    if not done:
        return update_object(actor=actor, instance=action, data={"done": False, "done_on": None})
    done_on = done_on or _today()
    _check_not_before_start(action.plan, "done_on", done_on, gettext("Data wykonania"))
    if done_on > _today():
        raise ValidationError(
            {
                "done_on": gettext("Data wykonania (%(done_on)s) nie może być w przyszłości.")
                % {"done_on": rules.pl_date(done_on)}
            }
        )
    return update_object(actor=actor, instance=action, data={"done": True, "done_on": done_on})


@transaction.atomic
def action_delete(*, actor, action: Action) -> None:
    _require_open(action.plan)
    delete_object(actor=actor, instance=action)


@transaction.atomic
def review_schedule(*, actor, plan: SupportPlan, due_on: dt.date) -> Review:
    """Plans a review of ``plan`` on ``due_on`` (after the plan's start)."""
    _require_open(plan)
    errors = rules.review_date_errors(started_on=plan.started_on, due_on=due_on)
    if errors:
        raise ValidationError(errors)
    return create_object(actor=actor, instance=Review(organisation_id=plan.organisation_id, plan=plan, due_on=due_on))


@transaction.atomic
def review_record(
    *, actor, review: Review, held_on: dt.date, findings: str, next_due_on: dt.date | None = None
) -> Review:
    """Records that the review took place, with its findings; optionally plans the next one."""
    plan = review.plan
    _require_open(plan)
    if not review.is_pending:
        raise ValidationError(
            {
                "held_on": gettext("Ten przegląd został już zapisany (%(held_on)s).")
                % {"held_on": rules.pl_date(review.held_on)}
            }
        )
    errors = rules.review_held_errors(started_on=plan.started_on, held_on=held_on, findings=findings, today=_today())
    if errors:
        raise ValidationError(errors)
    reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    review = update_object(
        actor=actor,
        instance=review,
        data={"held_on": held_on, "findings": findings.strip(), "reviewed_by": reviewed_by},
    )
    if next_due_on is not None:
        if next_due_on <= held_on:
            raise ValidationError(
                {
                    "next_due_on": gettext(
                        "Następny przegląd (%(next_due_on)s) musi być po tym przeglądzie (%(held_on)s)."
                    )
                    % {"next_due_on": rules.pl_date(next_due_on), "held_on": rules.pl_date(held_on)}
                }
            )
        review_schedule(actor=actor, plan=plan, due_on=next_due_on)
    return review


@transaction.atomic
def review_cancel(*, actor, review: Review) -> None:
    """Removes a review that has not taken place yet."""
    _require_open(review.plan)
    if not review.is_pending:
        raise ValidationError({"held_on": gettext("Przeglądu, który się odbył, nie można usunąć.")})
    delete_object(actor=actor, instance=review)


@dataclass
class ReviewReminder:
    """One reminder of a review due soon, as printed and e-mailed by ``plans_remind``."""

    review: Review
    text: str
    recipient: str = ""
    sent: bool = False
    error: str = ""
    extra: dict = field(default_factory=dict)


def review_reminders_send(
    *,
    actor,
    reviews: Iterable[Review],
    today: dt.date | None = None,
    send_email: bool = True,
    mark: bool = True,
) -> list[ReviewReminder]:
    """Reminds the responsible social worker of each pending review (e-mail when they have an
    address) and stamps ``reminded_at`` so the next run skips it.

    The e-mail goes before the stamp, each review in its own transaction: a failed e-mail
    leaves the review unstamped (the next run tries again) and is reported on the reminder.
    ``reviews`` come from :func:`wsparcie.plans.selectors.reviews_to_remind`.
    """
    today = today or _today()
    reminders = []
    for review in reviews:
        plan = review.plan
        text = rules.reminder_text(
            person=str(plan.person), kind=plan.get_kind_display(), due_on=review.due_on, today=today
        )
        worker = plan.social_worker
        reminder = ReviewReminder(review=review, text=text, recipient=getattr(worker, "email", "") or "")
        if send_email and reminder.recipient:
            try:
                link = gettext("Otwórz plan w wsparcie: %(url)s") % {"url": f"/staff/plans/{plan.pk}/"}
                send_mail(
                    subject=gettext("Przypomnienie: przegląd planu – %(person)s") % {"person": plan.person},
                    message=f"{text}\n\n{link}",
                    from_email=None,
                    recipient_list=[reminder.recipient],
                )
                reminder.sent = True
            except OSError as exc:  # smtplib.SMTPException and connection errors: report, do not stamp
                logger.warning("Review reminder for plan %s not sent: %s", plan.pk, exc)
                reminder.error = str(exc)
        if mark and not reminder.error:
            with transaction.atomic():
                update_object(
                    actor=actor,
                    instance=review,
                    data={"reminded_at": timezone.now()},
                    note="Przypomnienie o przeglądzie",
                )
        reminders.append(reminder)
    return reminders


# --- Local Activity Programmes --------------------------------------------------------------


def pal_create(*, actor, programme, name: str, area: str = "", description: str = "") -> LocalActivityProgramme:
    return create_object(
        actor=actor,
        instance=LocalActivityProgramme(
            organisation_id=programme.organisation_id,
            programme=programme,
            name=name.strip(),
            area=area,
            description=description,
        ),
    )


def pal_update(*, actor, pal: LocalActivityProgramme, data: dict[str, Any]) -> LocalActivityProgramme:
    if "programme" in data and data["programme"].organisation_id != pal.organisation_id:
        raise ValidationError({"programme": gettext("Ten projekt należy do innej organizacji.")})
    return update_object(actor=actor, instance=pal, data=data)


def _check_round_dates(*, pal: LocalActivityProgramme, starts_on: dt.date, ends_on: dt.date, exclude_pk=None) -> None:
    programme = pal.programme
    if (programme.period_start and starts_on < programme.period_start) or (
        programme.period_end and ends_on > programme.period_end
    ):
        raise ValidationError(
            {
                "starts_on": gettext("Tura musi mieścić się w okresie realizacji projektu (%(start)s–%(end)s).")
                % {
                    "start": rules.pl_date(programme.period_start) if programme.period_start else "…",
                    "end": rules.pl_date(programme.period_end) if programme.period_end else "…",
                }
            }
        )
    others = pal.rounds.exclude(pk=exclude_pk).values_list("number", "starts_on", "ends_on")
    errors = rules.round_overlap_errors(starts_on=starts_on, ends_on=ends_on, others=others)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(*, actor, pal: LocalActivityProgramme, number: int, starts_on: dt.date, ends_on: dt.date) -> Round:
    if ends_on >= starts_on:
        _check_round_dates(pal=pal, starts_on=starts_on, ends_on=ends_on)
    return create_object(
        actor=actor,
        instance=Round(
            organisation_id=pal.organisation_id, pal=pal, number=number, starts_on=starts_on, ends_on=ends_on
        ),
    )


@transaction.atomic
def round_update(*, actor, round: Round, data: dict[str, Any]) -> Round:
    starts_on = data.get("starts_on", round.starts_on)
    ends_on = data.get("ends_on", round.ends_on)
    if ends_on >= starts_on:
        _check_round_dates(pal=round.pal, starts_on=starts_on, ends_on=ends_on, exclude_pk=round.pk)
    dates = GroupSession.objects.filter(group__round=round).values_list("date", flat=True)
    outside = [d for d in dates if not starts_on <= d <= ends_on]
    if outside:
        raise ValidationError(
            {
                "starts_on": gettext("Grupy tej tury mają spotkanie %(date)s poza nowym okresem tury.")
                % {"date": rules.pl_date(min(outside))}
            }
        )
    return update_object(actor=actor, instance=round, data=data)


def group_create(*, actor, round: Round, name: str, facilitator: str = "") -> Group:
    return create_object(
        actor=actor,
        instance=Group(
            organisation_id=round.organisation_id, round=round, name=name.strip(), facilitator=facilitator.strip()
        ),
    )


def group_update(*, actor, group: Group, data: dict[str, Any]) -> Group:
    if "round" in data and data["round"].organisation_id != group.organisation_id:
        raise ValidationError({"round": gettext("Ta tura należy do innej organizacji.")})
    if "round" in data and data["round"].pk != group.round_id and group.sessions.exists():
        raise ValidationError({"round": gettext("Grupa ma już spotkania: nie można przenieść jej do innej tury.")})
    return update_object(actor=actor, instance=group, data=data)


def group_member_add(*, actor, group: Group, person, joined_on: dt.date | None = None) -> GroupMember:
    _require_same_org(group.organisation_id, person=person)
    return create_object(
        actor=actor,
        instance=GroupMember(organisation_id=group.organisation_id, group=group, person=person, joined_on=joined_on),
    )


def group_member_remove(*, actor, member: GroupMember) -> None:
    delete_object(actor=actor, instance=member)


def _check_session_date(group: Group, date: dt.date) -> None:
    round_ = group.round
    errors = rules.group_session_date_errors(
        date=date, round_starts_on=round_.starts_on, round_ends_on=round_.ends_on, round_number=round_.number
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def group_session_create(*, actor, group: Group, date: dt.date, topic: str, duration_minutes: int) -> GroupSession:
    _check_session_date(group, date)
    return create_object(
        actor=actor,
        instance=GroupSession(
            organisation_id=group.organisation_id,
            group=group,
            date=date,
            topic=topic.strip(),
            duration_minutes=duration_minutes,
        ),
    )


@transaction.atomic
def group_session_update(*, actor, session: GroupSession, data: dict[str, Any]) -> GroupSession:
    if "date" in data:
        _check_session_date(session.group, data["date"])
        if data["date"] > _today() and session.attendance.exists():
            raise ValidationError(
                {"date": gettext("Spotkanie z zapisaną obecnością nie może zostać przeniesione na przyszłość.")}
            )
    return update_object(actor=actor, instance=session, data=data)


@transaction.atomic
def attendance_record(*, actor, session: GroupSession, entries: Iterable[tuple[Any, bool]]) -> list[Attendance]:
    """Records who was present at ``session`` (``entries``: (person, present) pairs); a person
    already on the list gets their mark replaced. One audit entry lists every mark."""
    if session.date > _today():
        raise SessionInFuture(
            gettext("Spotkanie odbędzie się %(date)s: obecność zapisuje się po spotkaniu.")
            % {"date": rules.pl_date(session.date)},
            extra={"date": session.date.isoformat()},
        )
    entries = list(entries)
    foreign = [str(person) for person, _present in entries if person.organisation_id != session.organisation_id]
    if foreign:
        raise ValidationError(
            {"person": gettext("Te osoby należą do innej organizacji: %(persons)s.") % {"persons": ", ".join(foreign)}}
        )
    seen: dict[int, bool] = {}
    for person, present in entries:
        seen[person.pk] = bool(present)
    rows = [
        Attendance(organisation_id=session.organisation_id, session=session, person_id=person_id, present=present)
        for person_id, present in seen.items()
    ]
    for row in rows:
        row.full_clean(exclude=["session", "person"], validate_unique=False, validate_constraints=False)
    Attendance.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["session", "person"], update_fields=["present", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="update",
        instance=session,
        changes={"attendance": {str(pid): present for pid, present in seen.items()}},
        note="Lista obecności",
    )
    return list(session.attendance.select_related("person").filter(person_id__in=seen))


# --- Social initiatives and cooperation teams -----------------------------------------------


def initiative_create(
    *, actor, programme, name: str, held_on: dt.date, description: str = "", participants_count: int = 0
) -> SocialInitiative:
    _check_within_programme(programme, "held_on", held_on, gettext("Inicjatywa"))
    return create_object(
        actor=actor,
        instance=SocialInitiative(
            organisation_id=programme.organisation_id,
            programme=programme,
            name=name.strip(),
            held_on=held_on,
            description=description,
            participants_count=participants_count,
        ),
    )


def initiative_update(*, actor, initiative: SocialInitiative, data: dict[str, Any]) -> SocialInitiative:
    if "programme" in data and data["programme"].organisation_id != initiative.organisation_id:
        raise ValidationError({"programme": gettext("Ten projekt należy do innej organizacji.")})
    if "held_on" in data:
        _check_within_programme(
            data.get("programme", initiative.programme), "held_on", data["held_on"], gettext("Inicjatywa")
        )
    return update_object(actor=actor, instance=initiative, data=data)


def initiative_delete(*, actor, initiative: SocialInitiative) -> None:
    delete_object(actor=actor, instance=initiative)


def _check_within_programme(programme, field_name: str, value: dt.date, what: str) -> None:
    """``what`` names the event (translated by the caller), e.g. "Inicjatywa"."""
    if value > _today():
        raise ValidationError(
            {
                field_name: gettext("%(what)s nie mogła odbyć się w przyszłości (%(date)s).")
                % {"what": what, "date": rules.pl_date(value)}
            }
        )
    start, end = programme.period_start, programme.period_end
    if (start and value < start) or (end and value > end):
        raise ValidationError(
            {
                field_name: gettext(
                    "%(what)s (%(date)s) musi mieścić się w okresie realizacji projektu (%(start)s–%(end)s)."
                )
                % {
                    "what": what,
                    "date": rules.pl_date(value),
                    "start": rules.pl_date(start) if start else "…",
                    "end": rules.pl_date(end) if end else "…",
                }
            }
        )


def team_create(
    *,
    actor,
    programme,
    name: str,
    kind: str,
    formed_on: dt.date,
    area: str = "",
    milestone: int | None = None,
) -> CooperationTeam:
    return create_object(
        actor=actor,
        instance=CooperationTeam(
            organisation_id=programme.organisation_id,
            programme=programme,
            name=name.strip(),
            kind=kind,
            formed_on=formed_on,
            area=area,
            milestone=milestone,
        ),
    )


@transaction.atomic
def team_update(*, actor, team: CooperationTeam, data: dict[str, Any]) -> CooperationTeam:
    if "programme" in data and data["programme"].organisation_id != team.organisation_id:
        raise ValidationError({"programme": gettext("Ten projekt należy do innej organizacji.")})
    formed_on = data.get("formed_on", team.formed_on)
    earliest = team.members.order_by("joined_on").values_list("joined_on", flat=True).first()
    if earliest is not None and earliest < formed_on:
        raise ValidationError(
            {
                "formed_on": gettext("Instytucja dołączyła do zespołu %(date)s: zespół musiał być już powołany.")
                % {"date": rules.pl_date(earliest)}
            }
        )
    return update_object(actor=actor, instance=team, data=data)


def team_member_add(
    *,
    actor,
    team: CooperationTeam,
    institution_name: str,
    institution_type: str,
    joined_on: dt.date,
    representative: str = "",
) -> CooperationTeamMember:
    """An institution joins the team (the indicator "institutions that joined a cooperation team")."""
    if joined_on < team.formed_on:
        raise ValidationError(
            {
                "joined_on": gettext(
                    "Instytucja nie może dołączyć (%(joined_on)s) przed powołaniem zespołu (%(formed_on)s)."
                )
                % {"joined_on": rules.pl_date(joined_on), "formed_on": rules.pl_date(team.formed_on)}
            }
        )
    if team.dissolved_on and joined_on > team.dissolved_on:
        raise ValidationError(
            {"joined_on": gettext("Zespół rozwiązano %(date)s.") % {"date": rules.pl_date(team.dissolved_on)}}
        )
    return create_object(
        actor=actor,
        instance=CooperationTeamMember(
            organisation_id=team.organisation_id,
            team=team,
            institution_name=institution_name.strip(),
            institution_type=institution_type,
            joined_on=joined_on,
            representative=representative.strip(),
        ),
    )


def team_member_update(*, actor, member: CooperationTeamMember, data: dict[str, Any]) -> CooperationTeamMember:
    allowed = {"institution_name", "institution_type", "representative", "joined_on", "left_on"}
    unknown = set(data) - allowed
    if unknown:
        message = gettext("Tego pola nie można zmienić.")
        raise ValidationError({name: message for name in sorted(unknown)})
    joined_on = data.get("joined_on", member.joined_on)
    if joined_on < member.team.formed_on:
        raise ValidationError(
            {
                "joined_on": gettext(
                    "Instytucja nie może dołączyć (%(joined_on)s) przed powołaniem zespołu (%(formed_on)s)."
                )
                % {"joined_on": rules.pl_date(joined_on), "formed_on": rules.pl_date(member.team.formed_on)}
            }
        )
    return update_object(actor=actor, instance=member, data=data)


def team_member_leave(*, actor, member: CooperationTeamMember, left_on: dt.date) -> CooperationTeamMember:
    if member.left_on is not None:
        raise ValidationError(
            {
                "left_on": gettext("Instytucja wystąpiła już z zespołu (%(date)s).")
                % {"date": rules.pl_date(member.left_on)}
            }
        )
    return update_object(actor=actor, instance=member, data={"left_on": left_on})
