"""Reads of the plans app.

Two kinds:
- ``*_for_user`` / ``*_get_for_user``: what a signed-in user may see, always through
  ``core.tenancy`` (another organisation's row is absent, one object is 404).
- "Counts for indicators" (bottom of the file): numbers per programme for the indicators app.
  They take a programme the caller has already scoped (``indicators`` reads it through its own
  scoped selector) and count only that programme's rows, so they cannot leak another
  organisation's data. Definitions are in ``docs/plans.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower, Trim
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wsparcie.core import tenancy
from wsparcie.people.models import Person
from wsparcie.plans import rules
from wsparcie.plans.choices import OPEN_STATUSES, PlanStatus
from wsparcie.plans.models import (
    Action,
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

VIEW = "plans.view"
EDIT = "plans.edit"


def _next_review_subquery():
    return Subquery(
        Review.objects.filter(plan=OuterRef("pk"), held_on__isnull=True).order_by("due_on").values("due_on")[:1]
    )


# --- Support plans --------------------------------------------------------------------------


def plans_for_user(user, perm: str = VIEW) -> QuerySet[SupportPlan]:
    """Plans the user may see, each with ``next_review_on`` (the earliest pending review)."""
    return tenancy.scope(
        SupportPlan.objects.select_related("person", "social_worker", "programme", "organisation"), user, perm
    ).annotate(next_review_on=_next_review_subquery())


def plans_for_api(user) -> QuerySet[SupportPlan]:
    """:func:`plans_for_user` with everything the API shows prefetched (a fixed number of queries)."""
    return (
        plans_for_user(user)
        .select_related("assessment")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "id")),
            Prefetch(
                "actions", queryset=Action.objects.select_related("goal", "service").order_by("planned_start", "id")
            ),
            Prefetch("reviews", queryset=Review.objects.order_by("due_on", "id")),
        )
    )


def plan_get_for_user(user, pk, perm: str = VIEW) -> SupportPlan:
    return tenancy.get_for_user(plans_for_api(user), user, perm, pk=pk)


def plans_review_due(user, *, within_days: int = 14, today: dt.date | None = None) -> QuerySet[SupportPlan]:
    """Open plans whose next review is due within ``within_days`` (overdue ones included),
    soonest first: the "przeglądy do wykonania" list and the plans list filter."""
    today = today or timezone.localdate()
    return (
        plans_for_user(user)
        .filter(status__in=OPEN_STATUSES, next_review_on__lte=rules.review_due_limit(today, within_days))
        .order_by("next_review_on", "id")
    )


def reviews_to_remind(
    *,
    within_days: int = 7,
    today: dt.date | None = None,
    organisation=None,
    include_reminded: bool = False,
) -> QuerySet[Review]:
    """Pending reviews of open plans due within ``within_days`` (overdue included) that no
    reminder went out for yet. A system read for the ``plans_remind`` command (all
    organisations, or one), not for pages: pages use :func:`plans_review_due`."""
    today = today or timezone.localdate()
    qs = Review.objects.filter(
        held_on__isnull=True,
        plan__status__in=OPEN_STATUSES,
        due_on__lte=rules.review_due_limit(today, within_days),
    ).select_related("plan", "plan__person", "plan__social_worker", "organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if not include_reminded:
        qs = qs.filter(reminded_at__isnull=True)
    return qs.order_by("organisation__name", "due_on", "id")


def review_get_for_user(user, pk, perm: str = EDIT) -> Review:
    return tenancy.get_for_user(Review.objects.select_related("plan"), user, perm, pk=pk)


def goal_get_for_user(user, pk, perm: str = EDIT) -> Goal:
    return tenancy.get_for_user(Goal.objects.select_related("plan"), user, perm, pk=pk)


def action_get_for_user(user, pk, perm: str = EDIT) -> Action:
    return tenancy.get_for_user(Action.objects.select_related("plan", "goal"), user, perm, pk=pk)


def persons_for_plans(user, perm: str = EDIT) -> QuerySet[Person]:
    """People a plan may be drawn up for: the registry of the organisations where the user
    edits plans and may see people."""
    orgs = set(tenancy.organisation_ids(user, perm)) & set(tenancy.organisation_ids(user, "people.view"))
    return Person.objects.filter(organisation_id__in=orgs)


def person_find_for_plans(user, identifier: str, perm: str = EDIT) -> Person | None:
    """A person by PESEL or registry number (id), among :func:`persons_for_plans`."""
    identifier = (identifier or "").strip()
    qs = persons_for_plans(user, perm)
    if len(identifier) == 11 and identifier.isdigit():
        return qs.filter(pesel=identifier).first()
    if identifier.isdigit():
        return qs.filter(pk=int(identifier)).first()
    return None


def participation_of(person: Person, programme):
    """The person's enrolment in ``programme`` a plan may be tied to (qualified, enrolled or
    completed), or None. ``person`` comes from a scoped selector."""
    from wsparcie.enrolment.models import Application

    return (
        Application.objects.filter(
            person=person, programme=programme, status__in=("qualified", "enrolled", "completed")
        )
        .order_by("-id")
        .first()
    )


# --- PAL ------------------------------------------------------------------------------------


def pals_for_user(user, perm: str = VIEW) -> QuerySet[LocalActivityProgramme]:
    return tenancy.scope(LocalActivityProgramme.objects.select_related("programme"), user, perm).prefetch_related(
        Prefetch(
            "rounds",
            queryset=Round.objects.order_by("number").prefetch_related(
                Prefetch(
                    "groups",
                    queryset=Group.objects.annotate(
                        members_count=Count("members", distinct=True), sessions_count=Count("sessions", distinct=True)
                    ).order_by("name"),
                )
            ),
        )
    )


def rounds_for_user(user, perm: str = VIEW) -> QuerySet[Round]:
    return tenancy.scope(Round.objects.select_related("pal", "pal__programme"), user, perm)


def groups_for_user(user, perm: str = VIEW) -> QuerySet[Group]:
    return tenancy.scope(
        Group.objects.select_related("round", "round__pal", "round__pal__programme"), user, perm
    ).annotate(members_count=Count("members", distinct=True), sessions_count=Count("sessions", distinct=True))


def group_get_for_user(user, pk, perm: str = VIEW) -> Group:
    return tenancy.get_for_user(groups_for_user(user, perm), user, perm, pk=pk)


def group_sessions_for_user(user, perm: str = VIEW) -> QuerySet[GroupSession]:
    return tenancy.scope(
        GroupSession.objects.select_related("group", "group__round").annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True))
        ),
        user,
        perm,
    )


def group_session_get_for_user(user, pk, perm: str = VIEW) -> GroupSession:
    return tenancy.get_for_user(
        group_sessions_for_user(user, perm).prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.select_related("person"))
        ),
        user,
        perm,
        pk=pk,
    )


def group_member_get_for_user(user, pk, perm: str = EDIT) -> GroupMember:
    return tenancy.get_for_user(GroupMember.objects.select_related("group", "person"), user, perm, pk=pk)


def attendance_sheet(session: GroupSession) -> list[dict]:
    """The attendance form of a session: the group's members and anyone else marked, each with
    ``present`` True/False, or None when not yet marked."""
    marks = {a.person_id: a.present for a in session.attendance.all()}
    members = list(
        Person.objects.filter(Q(pal_memberships__group_id=session.group_id) | Q(pk__in=list(marks)))
        .distinct()
        .order_by("last_name", "first_name", "id")
    )
    return [{"person": p, "present": marks.get(p.pk)} for p in members]


# --- Initiatives and cooperation teams -------------------------------------------------------


def initiatives_for_user(user, perm: str = VIEW) -> QuerySet[SocialInitiative]:
    return tenancy.scope(SocialInitiative.objects.select_related("programme"), user, perm)


def teams_for_user(user, perm: str = VIEW) -> QuerySet[CooperationTeam]:
    return tenancy.scope(CooperationTeam.objects.select_related("programme"), user, perm).annotate(
        active_members_count=Count("members", filter=Q(members__left_on__isnull=True))
    )


def team_get_for_user(user, pk, perm: str = VIEW) -> CooperationTeam:
    return tenancy.get_for_user(
        teams_for_user(user, perm).prefetch_related(
            Prefetch("members", queryset=CooperationTeamMember.objects.order_by("institution_name"))
        ),
        user,
        perm,
        pk=pk,
    )


def team_members_for_user(user, perm: str = VIEW) -> QuerySet[CooperationTeamMember]:
    return tenancy.scope(CooperationTeamMember.objects.select_related("team"), user, perm)


def programmes_for_plans(user, perm: str = EDIT):
    """Programmes a plan, PAL, initiative or team may be attached to."""
    from wsparcie.programmes.models import Programme

    return tenancy.scope(Programme.objects.all(), user, perm).order_by("name")


# --- Counts for indicators ------------------------------------------------------------------
# Each takes a programme (object or id) and optional ``since`` / ``until`` dates (inclusive) and
# counts what happened in that window. See docs/plans.md for the definitions.


def _pid(programme) -> int:
    return getattr(programme, "pk", programme)


def _window(field: str, since: dt.date | None, until: dt.date | None) -> Q:
    q = Q()
    if since is not None:
        q &= Q(**{f"{field}__gte": since})
    if until is not None:
        q &= Q(**{f"{field}__lte": until})
    return q


def plans_with_progress(
    programme, until: dt.date | None = None, *, since: dt.date | None = None, kind: str | None = None
) -> QuerySet[SupportPlan]:
    """Plans of ``programme`` completed (``ended_on`` within the window) with progress achieved:
    the result indicator "osoby, które osiągnęły postęp w rozumieniu efektywności społecznej"
    counts their distinct persons (:func:`plan_counts` ``persons_with_progress``)."""
    qs = SupportPlan.objects.filter(
        _window("ended_on", since, until),
        programme_id=_pid(programme),
        status=PlanStatus.COMPLETED,
        progress_achieved=True,
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def plan_counts(
    programme, until: dt.date | None = None, *, since: dt.date | None = None, kind: str | None = None
) -> dict[str, int]:
    """One query: plans of ``programme`` (optionally one ``kind``).

    - ``plans_started``: plans whose ``started_on`` is in the window;
    - ``plans_completed``: completed, ``ended_on`` in the window;
    - ``plans_completed_with_progress`` / ``plans_completed_without_progress``;
    - ``persons_with_progress``: distinct persons with a plan completed with progress;
    - ``plans_discontinued``: discontinued, ``ended_on`` in the window;
    - ``plans_in_progress``: started by ``until`` (or today) and not ended by then.
    """
    qs = SupportPlan.objects.filter(programme_id=_pid(programme))
    if kind:
        qs = qs.filter(kind=kind)
    ended = _window("ended_on", since, until)
    completed = Q(status=PlanStatus.COMPLETED) & ended
    at = until or timezone.localdate()
    result = qs.aggregate(
        plans_started=Count("id", filter=_window("started_on", since, until)),
        plans_completed=Count("id", filter=completed),
        plans_completed_with_progress=Count("id", filter=completed & Q(progress_achieved=True)),
        plans_completed_without_progress=Count("id", filter=completed & Q(progress_achieved=False)),
        persons_with_progress=Count("person", distinct=True, filter=completed & Q(progress_achieved=True)),
        plans_discontinued=Count("id", filter=Q(status=PlanStatus.DISCONTINUED) & ended),
        plans_in_progress=Count("id", filter=Q(started_on__lte=at) & (Q(ended_on__isnull=True) | Q(ended_on__gt=at))),
    )
    return {key: int(value or 0) for key, value in result.items()}


def initiatives_held(
    programme, until: dt.date | None = None, *, since: dt.date | None = None
) -> QuerySet[SocialInitiative]:
    """Social initiatives of ``programme`` held in the window ("Liczba przeprowadzonych inicjatyw społecznych")."""
    return SocialInitiative.objects.filter(_window("held_on", since, until), programme_id=_pid(programme))


def initiative_counts(programme, until: dt.date | None = None, *, since: dt.date | None = None) -> dict[str, int]:
    result = initiatives_held(programme, until, since=since).aggregate(
        initiatives_held=Count("id"),
        initiative_participants=Coalesce(Sum("participants_count"), Value(0), output_field=IntegerField()),
    )
    return {key: int(value or 0) for key, value in result.items()}


def institutions_joined(
    programme, until: dt.date | None = None, *, since: dt.date | None = None, team_kind: str | None = None
) -> int:
    """Distinct institutions (by name, ignoring case and spaces) that joined a cooperation team
    of ``programme`` in the window: one institution in two teams counts once; one that left
    later still counts (it joined)."""
    qs = CooperationTeamMember.objects.filter(_window("joined_on", since, until), team__programme_id=_pid(programme))
    if team_kind:
        qs = qs.filter(team__kind=team_kind)
    return qs.annotate(key=Lower(Trim("institution_name"))).values("key").distinct().count()


def teams_formed(
    programme, until: dt.date | None = None, *, since: dt.date | None = None, kind: str | None = None
) -> int:
    """Cooperation teams of ``programme`` formed in the window (e.g. 8 G-PZK in milestone I)."""
    qs = CooperationTeam.objects.filter(_window("formed_on", since, until), programme_id=_pid(programme))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.count()


def team_counts(programme, until: dt.date | None = None, *, since: dt.date | None = None) -> dict[str, int]:
    """``teams_formed`` and ``teams_formed_<kind>`` for every team kind, ``institutions_joined``
    and ``team_memberships`` (joins, an institution in two teams counted twice)."""
    from wsparcie.plans.choices import TeamKind

    teams = CooperationTeam.objects.filter(_window("formed_on", since, until), programme_id=_pid(programme))
    aggregates = {"teams_formed": Count("id")}
    aggregates.update({f"teams_formed_{kind}": Count("id", filter=Q(kind=kind)) for kind in TeamKind.values})
    result = {key: int(value or 0) for key, value in teams.aggregate(**aggregates).items()}
    result["institutions_joined"] = institutions_joined(programme, until, since=since)
    result["team_memberships"] = CooperationTeamMember.objects.filter(
        _window("joined_on", since, until), team__programme_id=_pid(programme)
    ).count()
    return result


def pal_counts(programme, until: dt.date | None = None, *, since: dt.date | None = None) -> dict[str, int]:
    """PAL activity of ``programme``: ``pal_rounds`` and ``pal_groups`` (rounds starting in the
    window), ``pal_sessions`` and ``pal_minutes`` (sessions in the window),
    ``pal_participants`` (distinct persons present at least once in the window)."""
    pid = _pid(programme)
    rounds = Round.objects.filter(_window("starts_on", since, until), pal__programme_id=pid)
    sessions = GroupSession.objects.filter(_window("date", since, until), group__round__pal__programme_id=pid)
    session_totals = sessions.aggregate(
        pal_sessions=Count("id"), pal_minutes=Coalesce(Sum("duration_minutes"), Value(0), output_field=IntegerField())
    )
    return {
        "pal_rounds": rounds.count(),
        "pal_groups": Group.objects.filter(round__in=rounds).count(),
        "pal_sessions": int(session_totals["pal_sessions"] or 0),
        "pal_minutes": int(session_totals["pal_minutes"] or 0),
        "pal_participants": Attendance.objects.filter(session__in=sessions, present=True)
        .values("person")
        .distinct()
        .count(),
    }


def indicator_counts(programme, until: dt.date | None = None, *, since: dt.date | None = None) -> dict[str, int]:
    """Every count above for one programme, as one flat dict (keys documented in docs/plans.md)."""
    return {
        **plan_counts(programme, until, since=since),
        **initiative_counts(programme, until, since=since),
        **team_counts(programme, until, since=since),
        **pal_counts(programme, until, since=since),
    }


#: Indicator definitions the indicators app may offer in its "measured from the data" list:
#: code -> (Polish label, lazily translated, function(programme, until=None, since=None) -> int).
INDICATOR_DEFINITIONS: dict[str, tuple[str | Promise, Callable[..., int]]] = {
    "persons_with_progress": (
        _("Osoby, które zakończyły plan z postępem (efektywność społeczna)"),
        lambda programme, until=None, since=None: plan_counts(programme, until, since=since)["persons_with_progress"],
    ),
    "plans_completed": (
        _("Zakończone plany wsparcia"),
        lambda programme, until=None, since=None: plan_counts(programme, until, since=since)["plans_completed"],
    ),
    "plans_started": (
        _("Osoby objęte planem (plany rozpoczęte)"),
        lambda programme, until=None, since=None: plan_counts(programme, until, since=since)["plans_started"],
    ),
    "initiatives_held": (
        _("Przeprowadzone inicjatywy społeczne"),
        lambda programme, until=None, since=None: initiatives_held(programme, until, since=since).count(),
    ),
    "institutions_joined": (
        _("Instytucje, które przystąpiły do zespołu kooperacji"),
        lambda programme, until=None, since=None: institutions_joined(programme, until, since=since),
    ),
    "teams_formed": (
        _("Powołane zespoły kooperacji"),
        lambda programme, until=None, since=None: teams_formed(programme, until, since=since),
    ),
    "pal_groups": (
        _("Grupy w Programach Aktywności Lokalnej"),
        lambda programme, until=None, since=None: pal_counts(programme, until, since=since)["pal_groups"],
    ),
    "pal_participants": (
        _("Uczestnicy zajęć PAL (obecni co najmniej raz)"),
        lambda programme, until=None, since=None: pal_counts(programme, until, since=since)["pal_participants"],
    ),
}
