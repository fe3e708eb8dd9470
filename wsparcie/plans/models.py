"""Individual support plans (ścieżka reintegracji, indywidualny plan deinstytucjonalizacji,
kontrakt socjalny) with their assessment, goals, actions and reviews; Local Activity Programmes
(PAL: rounds, groups, group sessions, attendance); social initiatives and cooperation teams.

What the indicators count is kept in real columns: a plan's ``status``, ``ended_on`` and
``progress_achieved``; an initiative's ``held_on``; a team member's ``joined_on``
(see :mod:`wsparcie.plans.selectors`, "Counts for indicators").

Every row carries ``organisation`` (child rows copy their parent's), so each table is scoped on
its own by ``core.tenancy``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.plans.choices import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ActionKind,
    GoalStatus,
    InstitutionType,
    PlanKind,
    PlanStatus,
    TeamKind,
)


class SupportPlan(TenantModel):
    """One person's individual plan: assessment at the start, goals, actions, reviews, outcome."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="support_plans", verbose_name=_("uczestnik")
    )
    enrolment = models.ForeignKey(
        "enrolment.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_plans",
        verbose_name=_("udział w programie"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_plans",
        verbose_name=_("program / projekt"),
    )
    kind = models.CharField(_("rodzaj planu"), max_length=32, choices=PlanKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    title = models.CharField(_("tytuł"), max_length=200, blank=True)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("odpowiedzialny pracownik socjalny"),
    )
    started_on = models.DateField(_("początek planu"))
    planned_end_on = models.DateField(_("planowany koniec"), null=True, blank=True)
    ended_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    progress_achieved = models.BooleanField(
        _("osiągnięto postęp"),
        null=True,
        blank=True,
        help_text=_("Postęp w rozumieniu efektywności społecznej; liczy go wskaźnik rezultatu projektu."),
    )
    outcome_note = models.TextField(_("opis wyniku"), blank=True)
    discontinued_reason = models.TextField(_("powód przerwania"), blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("plan wsparcia")
        verbose_name_plural = _("plany wsparcia")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__isnull=True) | Q(planned_end_on__gte=F("started_on")),
                name="plan_planned_end_after_start",
                violation_error_message=_("Planowany koniec nie może być wcześniejszy niż początek planu."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="plan_end_after_start",
                violation_error_message=_("Data zakończenia nie może być wcześniejsza niż początek planu."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.COMPLETED) | Q(progress_achieved__isnull=False),
                name="plan_completed_has_outcome",
                violation_error_message=_("Zakończony plan musi mieć wynik: czy uczestnik osiągnął postęp."),
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.COMPLETED) | Q(progress_achieved__isnull=True),
                name="plan_outcome_only_when_completed",
                violation_error_message=_("Wynik (postęp) wpisuje się dopiero przy zakończeniu planu."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES) | Q(ended_on__isnull=False),
                name="plan_closed_has_end",
                violation_error_message=_("Zakończony albo przerwany plan musi mieć datę zakończenia."),
            ),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(status__in=OPEN_STATUSES),
                name="plan_one_open_per_kind",
                violation_error_message=_(
                    "Ta osoba ma już otwarty plan tego rodzaju: zakończ go albo przerwij przed założeniem nowego."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "kind"], name="plan_org_status_kind"),
            models.Index(fields=["programme", "status", "ended_on"], name="plan_programme_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Assessment(TenantModel):
    """The diagnosis at the start of a plan (DOMAIN §3.3 ścieżka reintegracji): problems,
    resources, potential, predispositions and needs."""

    plan = models.OneToOneField(
        SupportPlan, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("plan")
    )
    assessed_on = models.DateField(_("data diagnozy"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diagnozę sporządził(a)"),
    )
    problems = models.TextField(_("problemy"), blank=True)
    resources = models.TextField(_("zasoby"), blank=True)
    potential = models.TextField(_("potencjał"), blank=True)
    predispositions = models.TextField(_("predyspozycje"), blank=True)
    needs = models.TextField(_("potrzeby"), blank=True)

    #: The parts of a complete diagnosis, in the order a form and the PDF show them.
    PARTS = ("problems", "resources", "potential", "predispositions", "needs")

    class Meta:
        verbose_name = _("diagnoza")
        verbose_name_plural = _("diagnozy")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return gettext("Diagnoza z %(date)s") % {"date": f"{self.assessed_on:%d.%m.%Y}"}


class Goal(TenantModel):
    """One goal of a plan."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    order = models.PositiveSmallIntegerField(_("kolejność"), default=1)
    description = models.TextField(_("cel"))
    target_date = models.DateField(_("termin osiągnięcia"), null=True, blank=True)
    status = models.CharField(_("stan"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("cel planu")
        verbose_name_plural = _("cele planu")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.description[:80]}"


class Action(TenantModel):
    """One action of a plan: a service, a session, work with another institution.

    ``service`` and ``session`` point (optionally) at the delivery app's rows, so an action can
    say which service of an edition or which delivered session carries it out;
    ``delivery_reference`` describes it in words when there is no such row (e.g. "usługi
    asystenckie, 20 h miesięcznie" from another provider). The links are ``SET_NULL``: the
    delivery app owns its rows, a plan only refers to them.
    """

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan"))
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("cel")
    )
    kind = models.CharField(
        _("rodzaj działania"), max_length=16, choices=ActionKind.choices, default=ActionKind.SERVICE
    )
    description = models.TextField(_("działanie"))
    institution_name = models.CharField(_("instytucja"), max_length=300, blank=True)
    delivery_reference = models.CharField(
        _("usługa lub sesja (opis)"), max_length=300, blank=True, help_text=_("Np. nazwa usługi i wymiar godzin.")
    )
    service = models.ForeignKey(
        "delivery.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("usługa programu"),
    )
    session = models.ForeignKey(
        "delivery.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("sesja"),
    )
    planned_start = models.DateField(_("planowany początek"), null=True, blank=True)
    planned_end = models.DateField(_("planowany koniec"), null=True, blank=True)
    done = models.BooleanField(_("wykonane"), default=False)
    done_on = models.DateField(_("data wykonania"), null=True, blank=True)

    class Meta:
        verbose_name = _("działanie planu")
        verbose_name_plural = _("działania planu")
        ordering = ["plan", "planned_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="action_planned_order",
                violation_error_message=_("Planowany koniec działania nie może być przed jego początkiem."),
            ),
            models.CheckConstraint(
                condition=Q(done=False, done_on__isnull=True) | Q(done=True, done_on__isnull=False),
                name="action_done_has_date",
                violation_error_message=_("Wykonane działanie musi mieć datę wykonania (i tylko ono)."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=ActionKind.INSTITUTION) | ~Q(institution_name=""),
                name="action_institution_named",
                violation_error_message=_("Podaj nazwę instytucji, z którą realizowane jest działanie."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class Review(TenantModel):
    """A review of a plan: due on a date, held (with findings) or still pending.

    Reminders: ``plans_remind`` reminds the responsible social worker of pending reviews due
    soon and stamps ``reminded_at`` so a reminder is sent once.
    """

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("plan"))
    due_on = models.DateField(_("termin przeglądu"))
    held_on = models.DateField(_("data przeglądu"), null=True, blank=True)
    findings = models.TextField(_("ustalenia"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("przegląd przeprowadził(a)"),
    )
    reminded_at = models.DateTimeField(_("przypomnienie wysłano"), null=True, blank=True)

    class Meta:
        verbose_name = _("przegląd planu")
        verbose_name_plural = _("przeglądy planu")
        ordering = ["plan", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "due_on"],
                name="review_unique_due_date",
                violation_error_message=_("Przegląd tego planu na ten dzień jest już zaplanowany."),
            ),
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | ~Q(findings=""),
                name="review_held_has_findings",
                violation_error_message=_("Przeprowadzony przegląd musi mieć zapisane ustalenia."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "due_on"], condition=Q(held_on__isnull=True), name="review_pending_due"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Przegląd %(date)s") % {"date": f"{self.due_on:%d.%m.%Y}"}

    @property
    def is_pending(self) -> bool:
        return self.held_on is None


# --- Local Activity Programmes (PAL) --------------------------------------------------------


class LocalActivityProgramme(TenantModel):
    """A Program Aktywności Lokalnej run within a project (e.g. PAS-ja: 2 rounds of 8 groups)."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="local_activity_programmes",
        verbose_name=_("program / projekt"),
    )
    name = models.CharField(_("nazwa"), max_length=300)
    area = models.CharField(_("środowisko / obszar"), max_length=300, blank=True)
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        verbose_name = _("program aktywności lokalnej")
        verbose_name_plural = _("programy aktywności lokalnej")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="pal_unique_name",
                violation_error_message=_("Ten projekt ma już PAL o tej nazwie."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Round(TenantModel):
    """A round (tura) of a PAL."""

    pal = models.ForeignKey(
        LocalActivityProgramme, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("PAL")
    )
    number = models.PositiveSmallIntegerField(_("numer tury"))
    starts_on = models.DateField(_("początek"))
    ends_on = models.DateField(_("koniec"))

    class Meta:
        verbose_name = _("tura")
        verbose_name_plural = _("tury")
        ordering = ["pal", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pal", "number"],
                name="round_unique_number",
                violation_error_message=_("Tura o tym numerze już istnieje."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="round_period_order",
                violation_error_message=_("Koniec tury nie może być przed jej początkiem."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="round_number_positive",
                violation_error_message=_("Numer tury zaczyna się od 1."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Tura %(number)s") % {"number": self.number}


class Group(TenantModel):
    """A group of a PAL round, with its facilitator."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="groups", verbose_name=_("tura"))
    name = models.CharField(_("nazwa grupy"), max_length=200)
    facilitator = models.CharField(_("prowadzący"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("grupa")
        verbose_name_plural = _("grupy")
        ordering = ["round", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="group_unique_name",
                violation_error_message=_("W tej turze jest już grupa o tej nazwie."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupMember(TenantModel):
    """A person taking part in a group; their names are listed on the attendance form."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("grupa"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pal_memberships", verbose_name=_("osoba")
    )
    joined_on = models.DateField(_("w grupie od"), null=True, blank=True)

    class Meta:
        verbose_name = _("uczestnik grupy")
        verbose_name_plural = _("uczestnicy grupy")
        ordering = ["group", "person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                name="group_member_unique",
                violation_error_message=_("Ta osoba jest już w tej grupie."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"


class GroupSession(TenantModel):
    """One meeting of a group."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("grupa"))
    date = models.DateField(_("data"))
    topic = models.CharField(_("temat"), max_length=300)
    duration_minutes = models.PositiveIntegerField(_("czas trwania (min)"))

    class Meta:
        verbose_name = _("spotkanie grupy")
        verbose_name_plural = _("spotkania grup")
        ordering = ["group", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=720),
                name="group_session_duration",
                violation_error_message=_("Czas trwania spotkania to od 1 do 720 minut."),
            )
        ]
        indexes = [models.Index(fields=["group", "date"], name="group_session_date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} – {self.topic}"


class Attendance(TenantModel):
    """Whether a person was present at a group session."""

    session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("spotkanie")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pal_attendance", verbose_name=_("osoba")
    )
    present = models.BooleanField(_("obecny(-a)"), default=True)

    class Meta:
        verbose_name = _("obecność")
        verbose_name_plural = _("obecności")
        ordering = ["session", "person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="attendance_unique",
                violation_error_message=_("Obecność tej osoby na tym spotkaniu jest już zapisana."),
            )
        ]

    def __str__(self) -> str:
        state = gettext("obecny") if self.present else gettext("nieobecny")
        return f"{self.person}: {state}"


# --- Social initiatives and cooperation teams ----------------------------------------------


class SocialInitiative(TenantModel):
    """A social initiative held within a project (PAS-ja: "Liczba przeprowadzonych inicjatyw społecznych – 15")."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="social_initiatives",
        verbose_name=_("program / projekt"),
    )
    name = models.CharField(_("nazwa"), max_length=300)
    held_on = models.DateField(_("data przeprowadzenia"))
    description = models.TextField(_("opis"), blank=True)
    participants_count = models.PositiveIntegerField(_("liczba uczestników"), default=0)

    class Meta:
        verbose_name = _("inicjatywa społeczna")
        verbose_name_plural = _("inicjatywy społeczne")
        ordering = ["-held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "held_on"],
                name="initiative_unique",
                violation_error_message=_("Ta inicjatywa jest już zapisana pod tą datą."),
            )
        ]
        indexes = [models.Index(fields=["programme", "held_on"], name="initiative_programme_date")]

    def __str__(self) -> str:
        return self.name


class CooperationTeam(TenantModel):
    """A cross-institution cooperation team (G-PZK, PZK, Zespół ds. Modelu)."""

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="cooperation_teams",
        verbose_name=_("program / projekt"),
    )
    name = models.CharField(_("nazwa"), max_length=300)
    kind = models.CharField(_("rodzaj zespołu"), max_length=16, choices=TeamKind.choices)
    area = models.CharField(_("gmina / powiat"), max_length=200, blank=True)
    milestone = models.PositiveSmallIntegerField(_("kamień milowy"), null=True, blank=True)
    formed_on = models.DateField(_("data powołania"))
    dissolved_on = models.DateField(_("data rozwiązania"), null=True, blank=True)

    class Meta:
        verbose_name = _("zespół kooperacji")
        verbose_name_plural = _("zespoły kooperacji")
        ordering = ["formed_on", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="team_unique_name",
                violation_error_message=_("Ten projekt ma już zespół o tej nazwie."),
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("formed_on")),
                name="team_period_order",
                violation_error_message=_("Zespołu nie można rozwiązać przed jego powołaniem."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CooperationTeamMember(TenantModel):
    """An institution in a cooperation team, from when it joined until it left."""

    team = models.ForeignKey(
        CooperationTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("zespół")
    )
    institution_name = models.CharField(_("instytucja"), max_length=300)
    institution_type = models.CharField(_("rodzaj instytucji"), max_length=20, choices=InstitutionType.choices)
    representative = models.CharField(_("przedstawiciel(ka)"), max_length=200, blank=True)
    joined_on = models.DateField(_("data przystąpienia"))
    left_on = models.DateField(_("data wystąpienia"), null=True, blank=True)

    class Meta:
        verbose_name = _("członek zespołu kooperacji")
        verbose_name_plural = _("członkowie zespołu kooperacji")
        ordering = ["team", "institution_name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("institution_name"),
                "team",
                condition=Q(left_on__isnull=True),
                name="team_member_unique_active",
                violation_error_message=_("Ta instytucja jest już członkiem tego zespołu."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="team_member_period_order",
                violation_error_message=_("Data wystąpienia nie może być przed datą przystąpienia."),
            ),
        ]
        indexes = [models.Index(fields=["team", "joined_on"], name="team_member_joined")]

    def __str__(self) -> str:
        return self.institution_name
