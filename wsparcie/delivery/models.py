"""Delivering support: workers, services of an edition with their limits, sessions, monthly
service cards, meals (Posiłek w szkole i w domu) and the equipment loan service.

A participant's enrolment is an ``enrolment.Application`` whose status is ``enrolled``; sessions,
grants and cards point at it. Two PostgreSQL exclusion constraints (btree_gist) keep a worker
with one participant at a time and a participant from two overlapping sessions of one service,
whatever races the application has.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wsparcie.core.models import TenantModel
from wsparcie.delivery.choices import (
    UNIT_SHORT,
    Activity,
    CertificateDegree,
    Condition,
    ContractKind,
    EquipmentCategory,
    MealForm,
    Qualification,
    ServiceKind,
    SessionStatus,
    Unit,
    WorkerRole,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
UNITS = {"max_digits": 10, "decimal_places": 2}


class TsTzRange(Func):
    """``tstzrange(start, end, '[)')``: the half-open time range of a session."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def session_range():
    return TsTzRange("start", "end", RangeBoundary())


class DeliverySettings(TenantModel):
    """An organisation's own settings of delivery (one row per organisation)."""

    guarantor_threshold = models.DecimalField(
        _("próg wartości sprzętu wymagający poręczyciela (zł)"),
        null=True,
        blank=True,
        help_text=_("Np. minimalne wynagrodzenie. Puste: poręczyciel nie jest wymagany."),
        **MONEY,
    )
    loan_months = models.PositiveSmallIntegerField(_("zwykły okres użyczenia (miesiące)"), default=4)

    class Meta:
        verbose_name = _("ustawienia realizacji usług")
        verbose_name_plural = _("ustawienia realizacji usług")
        ordering = ["organisation"]
        constraints = [models.UniqueConstraint(fields=["organisation"], name="delivery_settings_one_per_org")]

    def __str__(self) -> str:
        return gettext("Ustawienia: %(organisation)s") % {"organisation": self.organisation}


class Worker(TenantModel):
    """An assistant, carer, psychologist, therapist or trainer who delivers sessions.

    ``person`` links the worker to the registry, so family, guardianship and household relations
    with participants are known; ``user`` is the worker's own login (role "worker").
    """

    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=150)
    role = models.CharField(_("funkcja"), max_length=20, choices=WorkerRole.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("osoba w rejestrze"),
        help_text=_("Pozwala sprawdzić pokrewieństwo, opiekę prawną i wspólne zamieszkanie z uczestnikami."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delivery_workers",
        verbose_name=_("konto użytkownika"),
    )
    qualifications = ArrayField(
        models.CharField(max_length=32, choices=Qualification.choices),
        default=list,
        blank=True,
        verbose_name=_("kwalifikacje"),
    )
    qualifications_note = models.TextField(_("kwalifikacje – dokumenty i doświadczenie"), blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("aktywny"), default=True)

    class Meta:
        verbose_name = _("realizator usług")
        verbose_name_plural = _("realizatorzy usług")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(user__isnull=False),
                name="worker_one_per_user",
                violation_error_message=_("To konto jest już powiązane z innym realizatorem."),
            )
        ]
        indexes = [models.Index(fields=["organisation", "last_name", "first_name"], name="worker_org_name")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def qualification_labels(self) -> list[str]:
        return [str(Qualification(q).label) for q in self.qualifications if q in Qualification.values]


class WorkerContract(TenantModel):
    """A worker's contract: kind, number and the dates it runs."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="contracts", verbose_name=_("realizator"))
    kind = models.CharField(_("rodzaj umowy"), max_length=20, choices=ContractKind.choices)
    number = models.CharField(_("numer umowy"), max_length=100, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    start_date = models.DateField(_("od"))
    end_date = models.DateField(_("do"), null=True, blank=True, help_text=_("Puste: na czas nieokreślony."))
    hours_per_month = models.DecimalField(_("godzin w miesiącu"), null=True, blank=True, **UNITS)
    hourly_rate = models.DecimalField(_("stawka (zł/h)"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("umowa realizatora")
        verbose_name_plural = _("umowy realizatorów")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="contract_dates_order",
                violation_error_message=_("Koniec umowy nie może być przed jej początkiem."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class RateCap(TenantModel):
    """The programme's cap on the rate of its services of one unit (e.g. AOON 2023: 40 zł/h)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("program")
    )
    unit = models.CharField(_("jednostka"), max_length=8, choices=Unit.choices, default=Unit.HOUR)
    max_rate = models.DecimalField(_("maksymalna stawka (zł za jednostkę)"), **MONEY)

    class Meta:
        verbose_name = _("limit stawki")
        verbose_name_plural = _("limity stawek")
        ordering = ["programme", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "unit"], name="ratecap_unique_unit"),
            models.CheckConstraint(condition=Q(max_rate__gte=0), name="ratecap_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.max_rate} zł / {self.get_unit_display()}"


class Service(TenantModel):
    """A service of a programme edition, its rate and its limits (in the service's unit)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="delivery_services", verbose_name=_("program")
    )
    name = models.CharField(_("nazwa"), max_length=200, blank=True)
    kind = models.CharField(_("rodzaj usługi"), max_length=32, choices=ServiceKind.choices)
    unit = models.CharField(_("jednostka"), max_length=8, choices=Unit.choices)
    rate = models.DecimalField(_("stawka (zł za jednostkę)"), **MONEY)
    activities = ArrayField(
        models.CharField(max_length=32, choices=Activity.choices),
        default=list,
        blank=True,
        verbose_name=_("dozwolone czynności"),
        help_text=_("Puste: dowolna czynność."),
    )
    limit_per_participant = models.DecimalField(
        _("limit na uczestnika w edycji"),
        null=True,
        blank=True,
        help_text=_("W jednostkach usługi; puste: bez limitu."),
        **UNITS,
    )
    limit_per_month = models.DecimalField(
        _("limit na uczestnika w miesiącu"),
        null=True,
        blank=True,
        help_text=_("W jednostkach usługi; puste: bez limitu."),
        **UNITS,
    )
    days_per_year = models.PositiveSmallIntegerField(
        _("limit dób w roku"), null=True, blank=True, help_text=_("Opieka całodobowa: np. 14 dób na uczestnika w roku.")
    )
    is_active = models.BooleanField(_("aktywna"), default=True)

    class Meta:
        verbose_name = _("usługa")
        verbose_name_plural = _("usługi")
        ordering = ["programme", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gte=0),
                name="service_rate_nonnegative",
                violation_error_message=_("Stawka nie może być ujemna."),
            ),
            models.CheckConstraint(
                condition=Q(limit_per_participant__isnull=True) | Q(limit_per_participant__gte=0),
                name="service_limit_nonnegative",
                violation_error_message=_("Limit nie może być ujemny."),
            ),
            models.CheckConstraint(
                condition=Q(limit_per_month__isnull=True) | Q(limit_per_month__gte=0),
                name="service_month_limit_nonnegative",
                violation_error_message=_("Limit nie może być ujemny."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind"], name="service_org_kind")]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())

    @property
    def unit_short(self) -> str:
        return str(UNIT_SHORT.get(self.unit, self.unit))


class ServiceLimit(TenantModel):
    """One row of a service's limit table keyed by the participant's certificate.

    AOON 2023: 840 h significant with several cause symbols, 720 h significant, 480 h moderate with
    several symbols, 360 h moderate or a child. ``several_symbols`` empty means "either".
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="certificate_limits", verbose_name=_("usługa")
    )
    degree = models.CharField(
        _("stopień"), max_length=12, choices=CertificateDegree.choices, default=CertificateDegree.ANY
    )
    several_symbols = models.BooleanField(_("kilka symboli przyczyny (sprzężona)"), null=True, blank=True)
    child = models.BooleanField(_("dziecko (orzeczenie do 16 lat)"), default=False)
    limit = models.DecimalField(_("limit w edycji"), **UNITS)

    class Meta:
        verbose_name = _("limit według orzeczenia")
        verbose_name_plural = _("limity według orzeczenia")
        ordering = ["service", "child", "-limit"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "degree", "several_symbols", "child"],
                nulls_distinct=False,
                name="servicelimit_unique_row",
                violation_error_message=_("Taki wiersz tabeli limitów już istnieje."),
            ),
            models.CheckConstraint(condition=Q(limit__gte=0), name="servicelimit_nonnegative"),
        ]

    def __str__(self) -> str:
        if self.child:
            return gettext("dziecko: %(limit)s") % {"limit": self.limit}
        several = {
            None: "",
            True: ", " + gettext("sprzężona"),
            False: ", " + gettext("bez sprzężenia"),
        }[self.several_symbols]
        return f"{self.get_degree_display()}{several}: {self.limit}"


class Grant(TenantModel):
    """The units of a service granted to one participant (may be fewer than the programme allows)."""

    enrolment = models.ForeignKey(
        "enrolment.Application",
        on_delete=models.PROTECT,
        related_name="delivery_grants",
        verbose_name=_("uczestnik (zgłoszenie)"),
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="grants", verbose_name=_("usługa"))
    units = models.DecimalField(_("przyznano (jednostek)"), **UNITS)
    granted_on = models.DateField(_("data przyznania"), null=True, blank=True)
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("przyznany wymiar usługi")
        verbose_name_plural = _("przyznane wymiary usług")
        ordering = ["enrolment", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "service"],
                name="grant_unique",
                violation_error_message=_("Wymiar tej usługi dla uczestnika jest już przyznany."),
            ),
            models.CheckConstraint(condition=Q(units__gte=0), name="grant_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.units}"


class Assignment(TenantModel):
    """A worker assigned to a participant (optionally for one service)."""

    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("realizator")
    )
    enrolment = models.ForeignKey(
        "enrolment.Application",
        on_delete=models.PROTECT,
        related_name="delivery_assignments",
        verbose_name=_("uczestnik (zgłoszenie)"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("usługa")
    )
    start_date = models.DateField(_("od"), null=True, blank=True)
    end_date = models.DateField(_("do"), null=True, blank=True)

    class Meta:
        verbose_name = _("przydział realizatora")
        verbose_name_plural = _("przydziały realizatorów")
        ordering = ["enrolment", "worker"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "enrolment", "service"],
                nulls_distinct=False,
                name="assignment_unique",
                violation_error_message=_("Ten realizator jest już przydzielony temu uczestnikowi."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.enrolment.person}"


class Session(TenantModel):
    """A planned or delivered session of a service: one worker with one participant.

    ``units`` are computed from start and end (travel time is recorded separately and not
    counted); ``rate`` is the service's rate at entry and ``cost`` = units × rate.
    """

    # The foreign keys' own indexes are left out where a composite index below starts with them.
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organizacja"), db_index=False
    )
    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("realizator"), db_index=False
    )
    enrolment = models.ForeignKey(
        "enrolment.Application",
        on_delete=models.PROTECT,
        related_name="delivery_sessions",
        verbose_name=_("uczestnik (zgłoszenie)"),
        db_index=False,
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("usługa"), db_index=False
    )
    start = models.DateTimeField(_("początek"))
    end = models.DateTimeField(_("koniec"))
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.DELIVERED
    )
    activity = models.CharField(
        _("czynność"),
        max_length=200,
        blank=True,
        help_text=_("Kod czynności z listy usługi (gdy ją określa) albo opis."),
    )
    note = models.TextField(_("notatka"), blank=True)
    travel_minutes = models.PositiveSmallIntegerField(_("czas dojazdu (min, nie wlicza się)"), default=0)
    units = models.DecimalField(_("jednostki"), **UNITS)
    rate = models.DecimalField(_("stawka"), **MONEY)
    cost = models.DecimalField(_("koszt"), **MONEY)

    class Meta:
        verbose_name = _("sesja")
        verbose_name_plural = _("sesje")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="session_end_after_start",
                violation_error_message=_("Koniec sesji musi być po jej początku."),
            ),
            ExclusionConstraint(
                name="session_worker_no_overlap",
                expressions=[(session_range(), RangeOperators.OVERLAPS), ("worker", RangeOperators.EQUAL)],
                condition=~Q(status=SessionStatus.CANCELLED),
                violation_error_code="worker_overlap",
                violation_error_message=_("Realizator ma już sesję w tym czasie."),
            ),
            ExclusionConstraint(
                name="session_participant_no_overlap",
                expressions=[
                    (session_range(), RangeOperators.OVERLAPS),
                    ("enrolment", RangeOperators.EQUAL),
                    ("service", RangeOperators.EQUAL),
                ],
                condition=~Q(status=SessionStatus.CANCELLED),
                violation_error_code="participant_overlap",
                violation_error_message=_("Uczestnik ma już sesję tej usługi w tym czasie."),
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "start"], name="session_worker_start"),
            models.Index(
                fields=["enrolment", "start"], include=["service", "status", "units"], name="session_enrolment_start"
            ),
            models.Index(fields=["organisation", "start"], name="session_org_start"),
            # A programme's hours, units and costs by month are read from this index alone
            # (finance and indicators reach sessions through the programme's services).
            models.Index(
                fields=["service", "start"],
                include=["status", "units", "cost", "enrolment"],
                name="session_service_start",
            ),
        ]

    def __str__(self) -> str:
        if self.pk and self.start:
            return gettext("Sesja #%(id)s %(start)s") % {"id": self.pk, "start": f"{self.start:%Y-%m-%d %H:%M}"}
        return gettext("Sesja")


class MonthlyCard(TenantModel):
    """The monthly service card of a participant. Recording the signature closes the month:
    a later correction of a session in it needs a reason (kept in the audit trail)."""

    enrolment = models.ForeignKey(
        "enrolment.Application",
        on_delete=models.PROTECT,
        related_name="delivery_cards",
        verbose_name=_("uczestnik (zgłoszenie)"),
    )
    month = models.DateField(_("miesiąc"), help_text=_("Pierwszy dzień miesiąca."))
    signed_on = models.DateField(_("data podpisu uczestnika"))
    signed_by = models.CharField(_("podpisał(a)"), max_length=200, help_text=_("Uczestnik albo jego opiekun prawny."))

    class Meta:
        verbose_name = _("karta realizacji usług")
        verbose_name_plural = _("karty realizacji usług")
        ordering = ["-month", "enrolment"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "month"],
                name="card_unique_month",
                violation_error_message=_("Karta za ten miesiąc jest już podpisana."),
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="card_month_first_day"),
        ]

    def __str__(self) -> str:
        return gettext("Karta %(month)s – %(person)s") % {
            "month": f"{self.month:%m.%Y}",
            "person": self.enrolment.person,
        }


class SessionCorrection(TenantModel):
    """A change of a session in a closed (signed) month, with its reason."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("sesja"))
    reason = models.TextField(_("powód korekty"))
    actor_name = models.CharField(_("kto"), max_length=150, blank=True)
    changes = models.JSONField(_("zmiany"), default=dict, blank=True)

    class Meta:
        verbose_name = _("korekta sesji")
        verbose_name_plural = _("korekty sesji")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return gettext("Korekta sesji #%(id)s") % {"id": self.session_id}


class MealAid(TenantModel):
    """One form of food aid given to one person in one month (Posiłek w szkole i w domu)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("osoba"))
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    month = models.DateField(_("miesiąc"), help_text=_("Pierwszy dzień miesiąca."))
    form = models.CharField(_("forma pomocy"), max_length=16, choices=MealForm.choices)
    meals = models.PositiveIntegerField(_("liczba posiłków"), default=0)
    amount = models.DecimalField(_("kwota (zł)"), null=True, blank=True, **MONEY)
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("pomoc w formie posiłku lub żywności")
        verbose_name_plural = _("pomoc w formie posiłku lub żywności")
        ordering = ["-month", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "programme", "month", "form"],
                nulls_distinct=False,
                name="mealaid_unique_month_form",
                violation_error_message=_("Ta forma pomocy jest już zapisana dla tej osoby w tym miesiącu."),
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="mealaid_month_first_day"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="mealaid_amount_nonnegative"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "month"], name="mealaid_org_month")]

    def __str__(self) -> str:
        return f"{self.person} {self.month:%m.%Y} {self.get_form_display()}"


class EquipmentItem(TenantModel):
    """An item of the equipment loan service (wypożyczalnia sprzętu)."""

    name = models.CharField(_("nazwa"), max_length=200)
    category = models.CharField(_("kategoria"), max_length=20, choices=EquipmentCategory.choices)
    inventory_number = models.CharField(_("numer inwentarzowy"), max_length=50)
    serial = models.CharField(_("numer seryjny"), max_length=100, blank=True)
    condition = models.CharField(_("stan"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    value = models.DecimalField(_("wartość (zł)"), **MONEY)
    funding_source = models.CharField(_("źródło finansowania"), max_length=300, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zakupiono w projekcie"),
    )
    purchased_on = models.DateField(_("data zakupu"), null=True, blank=True)
    withdrawn_on = models.DateField(_("wycofano z użytku"), null=True, blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("sprzęt")
        verbose_name_plural = _("sprzęt")
        ordering = ["category", "name", "inventory_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "inventory_number"],
                name="equipment_unique_inventory",
                violation_error_message=_("Sprzęt o tym numerze inwentarzowym już jest w ewidencji."),
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="equipment_value_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.inventory_number})"


class Loan(TenantModel):
    """A loan agreement (umowa użyczenia) of one item to one person."""

    number = models.CharField(_("numer umowy"), max_length=40)
    item = models.ForeignKey(EquipmentItem, on_delete=models.PROTECT, related_name="loans", verbose_name=_("sprzęt"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("biorący w użyczenie")
    )
    start_date = models.DateField(_("data wydania"))
    due_date = models.DateField(_("termin zwrotu"))
    medical_certificate_on = models.DateField(_("data zaświadczenia lekarskiego"), null=True, blank=True)
    guarantor_name = models.CharField(_("poręczyciel – imię i nazwisko"), max_length=200, blank=True)
    guarantor_address = models.CharField(_("poręczyciel – adres"), max_length=300, blank=True)
    guarantor_document = models.CharField(_("poręczyciel – PESEL lub dokument"), max_length=50, blank=True)
    returned_on = models.DateField(_("data zwrotu"), null=True, blank=True)
    return_condition = models.CharField(_("stan przy zwrocie"), max_length=10, choices=Condition.choices, blank=True)
    return_note = models.TextField(_("uwagi przy zwrocie"), blank=True)
    notes = models.TextField(_("uwagi"), blank=True)

    class Meta:
        verbose_name = _("umowa użyczenia")
        verbose_name_plural = _("umowy użyczenia")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="loan_unique_number"),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_on__isnull=True),
                name="loan_one_active_per_item",
                violation_error_message=_("Ten sprzęt jest już wypożyczony."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start_date")),
                name="loan_due_after_start",
                violation_error_message=_("Termin zwrotu nie może być przed datą wydania."),
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("start_date")),
                name="loan_return_after_start",
                violation_error_message=_("Data zwrotu nie może być przed datą wydania."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "due_date"], condition=Q(returned_on__isnull=True), name="loan_open_due"
            )
        ]

    def __str__(self) -> str:
        return gettext("Umowa %(number)s") % {"number": self.number}

    @property
    def is_open(self) -> bool:
        return self.returned_on is None


class LoanExtension(TenantModel):
    """An extension of a loan's due date."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("umowa"))
    previous_due = models.DateField(_("poprzedni termin"))
    new_due = models.DateField(_("nowy termin"))
    reason = models.TextField(_("uzasadnienie"), blank=True)

    class Meta:
        verbose_name = _("przedłużenie użyczenia")
        verbose_name_plural = _("przedłużenia użyczenia")
        ordering = ["loan", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_due__gt=F("previous_due")),
                name="extension_later",
                violation_error_message=_("Nowy termin musi być późniejszy niż dotychczasowy."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.previous_due} → {self.new_due}"
