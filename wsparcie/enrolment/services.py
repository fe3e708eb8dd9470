"""Writes of the enrolment app: criteria, decisions, applications and their way through recruitment.

Recruitment, as implemented here:

- ``application_submit`` -> ``submitted`` (eligibility evaluated and stored, for information);
  ``application_review`` -> ``under_review``.
- ``application_qualify`` re-checks eligibility on the qualification date (a certificate may have
  expired) and stores the result and rule version. Ineligible (or missing data) -> 409
  ``not_eligible``. Otherwise, under a lock on the programme row (``SELECT ... FOR UPDATE``), so
  concurrent qualifications never exceed ``Programme.planned_participants`` (null = unlimited):
  a place is free -> ``enrolled`` (the participant's enrolment; the declaration date is recorded
  when given) or, with ``await_declaration``, ``qualified`` (place reserved until the
  participation declaration is signed: ``application_sign_declaration`` re-checks eligibility
  and makes it ``enrolled``); no place -> ``waiting_list`` (ordered by ``waiting_since``).
- Withdrawing or rejecting an application that held a place frees it, and the place is offered at
  once to the first on the waiting list: that application becomes ``qualified`` (audited), and
  becomes ``enrolled`` when its declaration is signed.
- ``application_complete``: a participant finished; the place stays used (completed participants
  count against the planned number, see ``choices.CAPACITY_COUNTED``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsparcie.core import audit
from wsparcie.core.errors import ApplicationError
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.enrolment import rules, selectors
from wsparcie.enrolment.choices import (
    ACTIVE,
    PLACE_HOLDING,
    QUALIFIABLE,
    ApplicationSource,
    ApplicationStatus,
    CriterionKind,
)
from wsparcie.enrolment.models import Application, CriterionDecision, EligibilityCriterion
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme

S = ApplicationStatus


class NotEligible(ApplicationError):
    """The person does not meet (or cannot yet be shown to meet) the edition's criteria."""

    code = "not_eligible"


class InvalidStatus(ApplicationError):
    code = "invalid_status"


class DuplicateApplication(ApplicationError):
    code = "duplicate_application"


class RecruitmentClosed(ApplicationError):
    code = "recruitment_closed"


def _today() -> dt.date:
    return timezone.localdate()


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _actor_name(actor) -> str:
    user = _user(actor)
    return user.get_username() if user else str(actor or "system")


# --- Criteria ------------------------------------------------------------------------------


def criterion_create(
    *,
    actor,
    programme: Programme,
    code: str,
    name: str,
    kind: str,
    params: dict[str, Any] | None = None,
    parent: EligibilityCriterion | None = None,
    order: int | None = None,
) -> EligibilityCriterion:
    """Add a criterion (``order`` None: after its siblings)."""
    if order is None:
        last = (
            EligibilityCriterion.objects.filter(programme=programme, parent=parent)
            .order_by("-order")
            .values_list("order", flat=True)
            .first()
        )
        order = 0 if last is None else last + 1
    criterion = EligibilityCriterion(
        organisation_id=programme.organisation_id,
        programme=programme,
        code=code,
        name=name,
        kind=kind,
        params=params or {},
        parent=parent,
        order=order,
    )
    return create_object(actor=actor, instance=criterion)


def criterion_update(*, actor, criterion: EligibilityCriterion, **data) -> EligibilityCriterion:
    allowed = {"code", "name", "kind", "params", "parent", "order"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: _("Tego pola nie można zmienić.") for field in unknown})
    new_kind = data.get("kind", criterion.kind)
    if new_kind not in rules.KINDS_WITH_CHILDREN and criterion.pk and criterion.children.exists():
        raise ValidationError({"kind": _("To kryterium ma kryteria podrzędne: najpierw je usuń lub przenieś.")})
    return update_object(actor=actor, instance=criterion, data=data)


def criterion_delete(*, actor, criterion: EligibilityCriterion) -> None:
    """Deletes the criterion with its nested criteria and recorded decisions (all audited)."""
    with transaction.atomic():
        for child in list(criterion.children.all()):
            criterion_delete(actor=actor, criterion=child)
        for decision in list(criterion.decisions.all()):
            delete_object(actor=actor, instance=decision)
        delete_object(actor=actor, instance=criterion)


@transaction.atomic
def criteria_set(*, actor, programme: Programme, spec: Sequence[dict[str, Any]]) -> list[EligibilityCriterion]:
    """Make the edition's criteria exactly ``spec`` (nested dicts with ``code``, ``name``,
    ``kind``, ``params`` and optional ``children``), matching existing rows by code: unchanged rows
    are left alone (no audit entry), changed ones updated, missing ones created, others deleted.
    Idempotent; used by the demo loader."""
    existing = {c.code: c for c in EligibilityCriterion.objects.filter(programme=programme)}
    kept: list[EligibilityCriterion] = []

    def sync(items: Sequence[dict[str, Any]], parent: EligibilityCriterion | None) -> None:
        for order, item in enumerate(items):
            data = {
                "name": item.get("name", item["code"]),
                "kind": item["kind"],
                "params": item.get("params", {}),
                "parent": parent,
                "order": order,
            }
            row = existing.get(item["code"])
            if row is None:
                row = criterion_create(actor=actor, programme=programme, code=item["code"], **data)
            elif any(getattr(row, k) != v for k, v in data.items()):
                row = update_object(actor=actor, instance=row, data=data)
            kept.append(row)
            sync(item.get("children", []), row)

    sync(spec, None)
    kept_ids = {row.pk for row in kept}
    for row in EligibilityCriterion.objects.filter(programme=programme).exclude(pk__in=kept_ids).order_by("-id"):
        if EligibilityCriterion.objects.filter(pk=row.pk).exists():
            criterion_delete(actor=actor, criterion=row)
    return kept


# --- Decisions -----------------------------------------------------------------------------


def decision_record(
    *,
    actor,
    criterion: EligibilityCriterion,
    person: Person,
    passed: bool,
    note: str,
    decided_on: dt.date | None = None,
) -> CriterionDecision:
    """Record (or change) a social worker's judgement of a ``social_worker_judgement`` criterion."""
    if criterion.kind != CriterionKind.SOCIAL_WORKER_JUDGEMENT:
        raise ValidationError(
            {"criterion": _("Ocenę pracownika socjalnego zapisuje się tylko dla kryteriów tego rodzaju.")}
        )
    if person.organisation_id != criterion.organisation_id:
        raise ValidationError({"person": _("Osoba jest w rejestrze innej organizacji niż program.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Uzasadnij ocenę: notatka jest wymagana.")})
    data = {
        "passed": passed,
        "note": note.strip(),
        "decided_on": decided_on or _today(),
        "decided_by": _user(actor),
        "decided_by_name": _actor_name(actor),
    }
    existing = CriterionDecision.objects.filter(criterion=criterion, person=person).first()
    if existing is not None:
        return update_object(actor=actor, instance=existing, data=data)
    return create_object(
        actor=actor,
        instance=CriterionDecision(
            organisation_id=criterion.organisation_id, criterion=criterion, person=person, **data
        ),
    )


# --- Applications --------------------------------------------------------------------------


def _new_reference() -> str:
    return "ZG-" + secrets.token_hex(4).upper()


def application_submit(
    *,
    actor,
    programme: Programme,
    person: Person,
    source: str = ApplicationSource.STAFF,
    notes: str = "",
    on: dt.date | None = None,
) -> Application:
    """Submit an application of ``person`` to ``programme`` (status ``submitted``).

    For the directory app's online form: ``application_submit(actor="formularz online",
    programme=p, person=person, source="online")``; an online application needs the edition's
    recruitment to be open (``RecruitmentClosed`` otherwise); staff may register one at any time.
    The eligibility on ``on`` (default today) is evaluated and stored for information; it is
    checked again at qualification. Raises ``DuplicateApplication`` when the person already has an
    open application to the edition.
    """
    if person.organisation_id != programme.organisation_id:
        raise ValidationError({"person": _("Osoba jest w rejestrze innej organizacji niż program.")})
    if source not in ApplicationSource.values:
        raise ValidationError({"source": _("Nieznane źródło zgłoszenia: %(source)s.") % {"source": source}})
    if source == ApplicationSource.ONLINE and not programme.recruitment_open:
        raise RecruitmentClosed(_("Rekrutacja do programu „%(programme)s” jest zamknięta.") % {"programme": programme})
    with transaction.atomic():
        existing = (
            Application.objects.filter(programme=programme, person=person)
            .exclude(status__in=[S.WITHDRAWN, S.REJECTED])
            .first()
        )
        if existing is not None:
            raise DuplicateApplication(
                _("%(person)s ma już zgłoszenie do programu „%(programme)s” (status: %(status)s).")
                % {"person": person, "programme": programme, "status": existing.get_status_display()},
                extra={"application": existing.pk},
            )
        evaluation = selectors.programme_eligibility(programme, person, on)
        application = Application(
            organisation_id=programme.organisation_id,
            programme=programme,
            person=person,
            source=source,
            notes=notes,
            status=S.SUBMITTED,
            eligibility=evaluation.as_dict(),
            rule_version=evaluation.rule_version,
            reference=_new_reference(),
        )
        return create_object(actor=actor, instance=application)


def _lock(application: Application) -> tuple[Programme, Application]:
    """Lock the programme row first (every place-changing operation does, in this order, so
    they queue up instead of racing), then the application row; return fresh copies."""
    programme = Programme.objects.select_for_update().get(pk=application.programme_id)
    locked = Application.objects.select_for_update(of=("self",)).select_related("person").get(pk=application.pk)
    locked.programme = programme
    return programme, locked


def _require_status(application: Application, allowed: Sequence[str], action: str) -> None:
    if application.status not in allowed:
        raise InvalidStatus(
            _("Nie można %(action)s zgłoszenia o statusie „%(status)s”.")
            % {"action": action, "status": application.get_status_display()}
        )


def _has_free_place(programme: Programme) -> bool:
    capacity = programme.planned_participants
    return capacity is None or selectors.places_taken(programme) < capacity


def _refuse(evaluation: rules.Evaluation) -> NotEligible:
    return NotEligible(
        evaluation.explanation(),
        extra={"eligible": evaluation.eligible, "criteria": [r.as_dict() for r in evaluation.criteria]},
    )


def application_review(*, actor, application: Application) -> Application:
    with transaction.atomic():
        _programme, application = _lock(application)
        _require_status(application, [S.SUBMITTED], _("rozpocząć oceny"))
        return update_object(actor=actor, instance=application, data={"status": S.UNDER_REVIEW})


def application_evaluate(*, actor, application: Application, on: dt.date | None = None) -> rules.Evaluation:
    """Evaluate the application's eligibility again and store the result (no status change)."""
    with transaction.atomic():
        programme, application = _lock(application)
        evaluation = selectors.programme_eligibility(programme, application.person, on)
        update_object(
            actor=actor,
            instance=application,
            data={"eligibility": evaluation.as_dict(), "rule_version": evaluation.rule_version},
        )
    return evaluation


def application_qualify(
    *,
    actor,
    application: Application,
    on: dt.date | None = None,
    declaration_signed_on: dt.date | None = None,
    await_declaration: bool = False,
) -> Application:
    """Qualify: re-check eligibility on ``on`` (default today), then take a place (``enrolled``,
    or ``qualified`` with ``await_declaration`` and no declaration date) or join the waiting list.

    Raises ``NotEligible`` (409 ``not_eligible``) listing the failed (or unknown) criteria; the
    evaluation is stored on the application all the same.
    """
    on = on or _today()
    refused: rules.Evaluation | None = None
    with transaction.atomic():
        programme, application = _lock(application)
        _require_status(application, QUALIFIABLE, _("zakwalifikować"))
        evaluation = selectors.programme_eligibility(programme, application.person, on)
        data: dict[str, Any] = {"eligibility": evaluation.as_dict(), "rule_version": evaluation.rule_version}
        if evaluation.eligible is not True:
            refused = evaluation
            update_object(actor=actor, instance=application, data=data, note=_("Kwalifikacja odmówiona."))
        elif _has_free_place(programme):
            if await_declaration and declaration_signed_on is None:
                data["status"] = S.QUALIFIED
            else:
                data.update(
                    status=S.ENROLLED,
                    enrolled_on=declaration_signed_on or on,
                    declaration_signed_on=declaration_signed_on,
                )
            application = update_object(actor=actor, instance=application, data=data)
        else:
            data.update(status=S.WAITING_LIST, waiting_since=timezone.now())
            application = update_object(
                actor=actor,
                instance=application,
                data=data,
                note=_("Brak wolnych miejsc (planowana liczba uczestników: %(n)s): wpis na listę rezerwową.")
                % {"n": programme.planned_participants},
            )
    if refused is not None:
        raise _refuse(refused)
    return application


def application_sign_declaration(*, actor, application: Application, signed_on: dt.date | None = None) -> Application:
    """Record the signed participation declaration: ``qualified`` -> ``enrolled`` after checking
    eligibility again on the signing date; for an ``enrolled`` application only the date is set."""
    signed_on = signed_on or _today()
    refused: rules.Evaluation | None = None
    with transaction.atomic():
        programme, application = _lock(application)
        _require_status(application, [S.QUALIFIED, S.ENROLLED], _("przyjąć deklaracji do"))
        if application.status == S.ENROLLED:
            return update_object(actor=actor, instance=application, data={"declaration_signed_on": signed_on})
        evaluation = selectors.programme_eligibility(programme, application.person, signed_on)
        data: dict[str, Any] = {"eligibility": evaluation.as_dict(), "rule_version": evaluation.rule_version}
        if evaluation.eligible is not True:
            refused = evaluation
            update_object(
                actor=actor,
                instance=application,
                data=data,
                note=_("Deklaracja nieprzyjęta: osoba nie spełnia kryteriów."),
            )
        else:
            data.update(status=S.ENROLLED, declaration_signed_on=signed_on, enrolled_on=signed_on)
            application = update_object(actor=actor, instance=application, data=data)
    if refused is not None:
        raise _refuse(refused)
    return application


def _offer_free_places(*, actor, programme: Programme) -> list[Application]:
    """Offer free places to the waiting list in order (caller holds the programme lock)."""
    offered = []
    while _has_free_place(programme):
        first = selectors.waiting_list(programme).select_for_update(of=("self",)).first()
        if first is None:
            break
        offered.append(
            update_object(
                actor=actor,
                instance=first,
                data={"status": S.QUALIFIED},
                note=_(
                    "Zwolnione miejsce zaoferowane pierwszej osobie z listy rezerwowej; czeka na podpisanie deklaracji."
                ),
            )
        )
    return offered


def programme_offer_free_places(*, actor, programme: Programme) -> list[Application]:
    """Offer every free place of the edition to the waiting list (e.g. after the planned number
    of participants was raised)."""
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        return _offer_free_places(actor=actor, programme=programme)


def application_withdraw(
    *, actor, application: Application, on: dt.date | None = None, note: str = ""
) -> tuple[Application, Application | None]:
    """Withdraw an open application. A held place is freed and offered to the first on the
    waiting list; returns ``(withdrawn application, application offered the place or None)``."""
    on = on or _today()
    with transaction.atomic():
        programme, application = _lock(application)
        _require_status(application, ACTIVE, _("wycofać"))
        held = application.status in PLACE_HOLDING
        data: dict[str, Any] = {"status": S.WITHDRAWN}
        if held:
            data["ended_on"] = on
        application = update_object(actor=actor, instance=application, data=data, note=note)
        offered = _offer_free_places(actor=actor, programme=programme) if held else []
    return application, (offered[0] if offered else None)


def application_reject(*, actor, application: Application, reason: str) -> tuple[Application, Application | None]:
    """Reject with a reason (required). Rejecting a ``qualified`` application frees its place."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Podaj powód odrzucenia.")})
    with transaction.atomic():
        programme, application = _lock(application)
        _require_status(application, [S.SUBMITTED, S.UNDER_REVIEW, S.WAITING_LIST, S.QUALIFIED], _("odrzucić"))
        held = application.status in PLACE_HOLDING
        application = update_object(
            actor=actor, instance=application, data={"status": S.REJECTED, "rejection_reason": reason.strip()}
        )
        offered = _offer_free_places(actor=actor, programme=programme) if held else []
    return application, (offered[0] if offered else None)


def application_complete(*, actor, application: Application, ended_on: dt.date | None = None) -> Application:
    """The participant completed the edition (``enrolled`` -> ``completed``)."""
    ended_on = ended_on or _today()
    with transaction.atomic():
        _programme, application = _lock(application)
        _require_status(application, [S.ENROLLED], _("zakończyć udziału dla"))
        if application.enrolled_on and ended_on < application.enrolled_on:
            raise ValidationError(
                {
                    "ended_on": _("Koniec udziału nie może być przed jego początkiem (%(date)s).")
                    % {"date": rules.date_pl(application.enrolled_on)}
                }
            )
        return update_object(actor=actor, instance=application, data={"status": S.COMPLETED, "ended_on": ended_on})


def application_viewed(*, actor, application: Application) -> None:
    """Record that someone opened an application: it shows the person's eligibility, which
    includes disability and income data."""
    audit.record(actor=actor, action="view", instance=application)


# --- Screening -----------------------------------------------------------------------------


def screening_viewed(*, actor, programme: Programme, on: dt.date, result: str, export: bool = False) -> None:
    """Record in the audit trail that someone listed (or exported) the people who qualify for
    an edition: the list is personal and health-related data."""
    audit.record(
        actor=actor,
        action="action" if export else "view",
        organisation=programme.organisation_id,
        object_type="enrolment.screening",
        object_id=str(programme.pk),
        object_repr=str(programme)[:255],
        note=(
            _("Eksport CSV listy osób spełniających kryteria")
            if export
            else _("Przegląd listy osób spełniających kryteria")
        )
        + f" ({result}, {rules.date_pl(on)})",
    )
