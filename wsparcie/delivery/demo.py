"""Demo data of delivery for MOPS Płock, from the seed page (shared/seeds/000):

- Asystent osobisty 2023: personal assistance at 40 zł/h (the programme's cap through 2023), the
  assistant's four activities as the seed lists them, and the 2023 limit table by certificate
  (840 / 720 / 480 / 360 h); assistant sessions for the enrolled participants.
- Asystent osobisty 2020: "w wymiarze 30h miesięcznie" – a 30-hour monthly limit.
- Opieka wytchnieniowa 2023: respite care by day, 240 hours per participant for the edition.
- Posiłek w szkole i w domu 2021: meals in a canteen, delivered home and cash benefits.
- The SmartCare equipment loan service ("wypożyczalnia sprzętu medyczno-rehabilitacyjnego").

The enrolments come from the enrolment demo; where an edition has none, a couple of participants
are created here. Workers: the assistant Katarzyna Wiśniewska uses the login ``worker@mops-plock``.
Idempotent: rows are looked up by their natural keys before anything is written.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from wsparcie.core import pesel
from wsparcie.core.models import Organisation
from wsparcie.core.services import create_object
from wsparcie.delivery import services
from wsparcie.delivery.choices import ASSISTANT_ACTIVITIES, Activity, ServiceKind, SessionStatus, Unit
from wsparcie.delivery.models import (
    DeliverySettings,
    EquipmentItem,
    Loan,
    MealAid,
    MonthlyCard,
    Service,
    Session,
    Worker,
    WorkerContract,
)
from wsparcie.delivery.rules import WARSAW
from wsparcie.enrolment.models import Application
from wsparcie.people.models import DisabilityCertificate, Person
from wsparcie.programmes.models import Programme

ACTOR = "demo-loader"
ORG = "mops-plock"
D = Decimal
log = logging.getLogger(__name__)

#: AOON 2023 (press, Feb 2023; shared/DOMAIN.md §1.1): hours per year by certificate.
AOON_2023_LIMITS = [
    {"degree": "significant", "several_symbols": True, "limit": D(840)},
    {"degree": "significant", "several_symbols": None, "limit": D(720)},
    {"degree": "moderate", "several_symbols": True, "limit": D(480)},
    {"degree": "moderate", "several_symbols": None, "limit": D(360)},
    {"degree": "any", "child": True, "limit": D(360)},
]

WORKERS = [
    # (first, last, role, qualifications, note, login)
    (
        "Katarzyna",
        "Wiśniewska",
        "assistant",
        ["disability_assistant"],
        "Certyfikat asystenta osoby niepełnosprawnej (2021).",
        "worker@mops-plock",
    ),
    ("Tomasz", "Lewandowski", "assistant", ["experience"], "Dwa lata pracy w warsztacie terapii zajęciowej.", None),
    ("Magdalena", "Wójcik", "carer", ["medical_carer"], "Opiekun medyczny (szkoła policealna).", None),
    ("Agata", "Zielińska", "psychologist", ["psychologist"], "", None),
]

# Participants created here only when an edition has no enrolled application yet:
# (first, last, birth, sex, serial, certificate kind, degree, symbols)
FALLBACK = {
    "asystent-osobisty-2023": [
        ("Marian", "Kowalczyk", dt.date(1972, 4, 2), "male", 820, "adult", "significant", ["05-R", "10-N"]),
        ("Jadwiga", "Pawlak", dt.date(1960, 8, 19), "female", 821, "adult", "moderate", ["04-O"]),
    ],
    "asystent-osobisty-2020": [
        ("Wiesław", "Górski", dt.date(1958, 1, 30), "male", 822, "adult", "moderate", ["05-R"]),
    ],
    "opieka-wytchnieniowa-2023": [
        ("Danuta", "Szewczyk", dt.date(1968, 12, 5), "female", 823, None, "", []),
        ("Henryk", "Kalinowski", dt.date(1950, 6, 14), "male", 824, None, "", []),
    ],
    "posilek-w-szkole-i-w-domu-2021": [
        ("Irena", "Michalska", dt.date(1949, 3, 3), "female", 825, None, "", []),
        ("Bogdan", "Wróblewski", dt.date(1963, 10, 10), "male", 826, None, "", []),
    ],
}

EQUIPMENT = [
    # (inventory number, name, category, serial, value, condition)
    ("SC/2019/001", "Łóżko rehabilitacyjne elektryczne z materacem", "bed", "LR-55821", D("4800.00"), "good"),
    ("SC/2019/002", "Wózek inwalidzki ręczny", "wheelchair", "WI-11902", D("1250.00"), "good"),
    ("SC/2019/003", "Balkonik czterokołowy z siedziskiem", "walker", "", D("390.00"), "good"),
    ("SC/2019/004", "Materac przeciwodleżynowy zmiennociśnieniowy", "mattress", "MP-3321", D("620.00"), "worn"),
    ("SC/2019/005", "Podnośnik transportowy", "lift", "PT-0098", D("5600.00"), "new"),
    ("SC/2019/006", "Krzesło toaletowe", "commode", "", D("310.00"), "good"),
]
FUNDING = "EFS – RPO WM 2014–2020, Poddziałanie 9.2.1 (projekt SmartCare); trwałość projektu"


def _programme(org, slug) -> Programme | None:
    return Programme.objects.filter(organisation=org, slug=slug).first()


def _worker(org, first, last, role, qualifications, note, login) -> Worker:
    worker = Worker.objects.filter(organisation=org, first_name=first, last_name=last).first()
    user = get_user_model().objects.filter(username=login).first() if login else None
    if worker is None:
        worker = services.worker_create(
            actor=ACTOR,
            organisation=org,
            first_name=first,
            last_name=last,
            role=role,
            user=user,
            qualifications=qualifications,
            qualifications_note=note,
        )
    elif user is not None and worker.user_id is None:
        services.worker_update(actor=ACTOR, worker=worker, data={"user": user})
    return worker


def _contract(
    worker: Worker, programme: Programme | None, number: str, start: dt.date, end: dt.date | None, rate: Decimal
) -> None:
    if programme is None or WorkerContract.objects.filter(worker=worker, number=number).exists():
        return
    services.contract_create(
        actor=ACTOR,
        worker=worker,
        kind="mandate",
        number=number,
        programme=programme,
        start_date=start,
        end_date=end,
        hourly_rate=rate,
    )


def _service(programme: Programme, kind: str, **fields) -> Service:
    existing = Service.objects.filter(programme=programme, kind=kind).first()
    if existing is not None:
        return existing
    return services.service_create(actor=ACTOR, programme=programme, kind=kind, **fields)


def _enrolments(org, programme: Programme, count: int) -> list[Application]:
    found = list(
        Application.objects.filter(programme=programme, status="enrolled")
        .select_related("person")
        .order_by("id")[:count]
    )
    if found:
        return found
    created = []
    for first, last, birth, sex, serial, kind, degree, symbols in FALLBACK.get(programme.slug, []):
        number = pesel.make(birth, serial, sex)
        person = Person.objects.filter(organisation=org, pesel=number).first() or create_object(
            actor=ACTOR,
            instance=Person(
                organisation=org,
                first_name=first,
                last_name=last,
                pesel=number,
                birth_date=birth,
                sex=sex,
                city="Płock",
                teryt="1462011",
            ),
        )
        if kind and not DisabilityCertificate.objects.filter(person=person).exists():
            create_object(
                actor=ACTOR,
                instance=DisabilityCertificate(
                    organisation=org,
                    person=person,
                    kind=kind,
                    degree=degree,
                    symbols=symbols,
                    issued_on=dt.date(2019, 1, 10),
                    issuer="MZON w Płocku",
                ),
            )
        application = Application.objects.filter(programme=programme, person=person).first() or create_object(
            actor=ACTOR,
            instance=Application(
                organisation=org,
                programme=programme,
                person=person,
                status="enrolled",
                enrolled_on=programme.period_start,
                declaration_signed_on=programme.period_start,
                notes="Utworzone przez dane demonstracyjne realizacji usług.",
            ),
        )
        created.append(application)
    return created[:count]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WARSAW)


def _session(
    worker,
    enrolment,
    service,
    day: dt.date,
    start: int,
    hours: float,
    activity: str = "",
    status=SessionStatus.DELIVERED,
    note: str = "",
) -> None:
    begin = _at(day, start)
    if Session.objects.filter(worker=worker, enrolment=enrolment, service=service, start=begin).exists():
        return
    end = begin + dt.timedelta(hours=hours)
    try:
        services.session_create(
            actor=ACTOR,
            worker=worker,
            enrolment=enrolment,
            service=service,
            start=begin,
            end=end,
            activity=activity,
            status=status,
            note=note,
        )
    except (services.DeliveryRuleError, ValidationError) as exc:  # the demo never stops on one session
        log.warning("demo session %s %s skipped: %s", enrolment.person, begin, getattr(exc, "message", exc))


def _days(first: dt.date, last: dt.date, weekdays: set[int]):
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            yield day
        day += dt.timedelta(days=1)


def _assistance_2023(org, programme: Programme, katarzyna: Worker, tomasz: Worker) -> None:
    services.rate_cap_set(actor=ACTOR, programme=programme, unit=Unit.HOUR, max_rate=D("40.00"))
    service = _service(
        programme, ServiceKind.PERSONAL_ASSISTANCE, unit=Unit.HOUR, rate=D("40.00"), name="Usługi asystenta osobistego",
        activities=list(ASSISTANT_ACTIVITIES), certificate_limits=AOON_2023_LIMITS,
    )  # fmt: skip
    participants = _enrolments(org, programme, 3)
    activities = [Activity.DAILY_ACTIVITIES, Activity.TRIPS, Activity.OFFICIAL_MATTERS, Activity.CULTURE]
    for index, enrolment in enumerate(participants):
        worker = katarzyna if index % 2 == 0 else tomasz
        if not worker.assignments.filter(enrolment=enrolment).exists():
            services.assignment_create(actor=ACTOR, worker=worker, enrolment=enrolment, service=service)
        if not service.grants.filter(enrolment=enrolment).exists():
            services.grant_set(
                actor=ACTOR,
                enrolment=enrolment,
                service=service,
                units=D(300 - 60 * index),
                granted_on=dt.date(2023, 3, 1),
                note="Wymiar przyznany w ramach dostępnych środków.",
            )
        weekdays = {0, 2} if index % 2 == 0 else {1, 3}
        start_hour = 9 if index < 2 else 13
        for n, day in enumerate(_days(dt.date(2023, 3, 6), dt.date(2023, 6, 30), weekdays)):
            _session(worker, enrolment, service, day, start_hour, 3 if n % 3 else 2.5, activities[n % 4])
        for day in _days(dt.date(2023, 12, 4), dt.date(2023, 12, 15), weekdays):
            _session(worker, enrolment, service, day, start_hour, 2, status=SessionStatus.PLANNED)
    if participants and not MonthlyCard.objects.filter(enrolment=participants[0], month=dt.date(2023, 3, 1)).exists():
        services.card_sign(
            actor=ACTOR,
            enrolment=participants[0],
            month=dt.date(2023, 3, 1),
            signed_by=str(participants[0].person),
            signed_on=dt.date(2023, 4, 3),
        )


def _assistance_2020(org, programme: Programme, tomasz: Worker) -> None:
    service = _service(
        programme, ServiceKind.PERSONAL_ASSISTANCE, unit=Unit.HOUR, rate=D("40.00"), name="Usługi asystenckie (30 h miesięcznie)",
        activities=list(ASSISTANT_ACTIVITIES), limit_per_month=D(30),
    )  # fmt: skip
    for enrolment in _enrolments(org, programme, 2):
        for n, day in enumerate(_days(dt.date(2020, 1, 7), dt.date(2020, 3, 31), {1, 3, 4})):
            _session(tomasz, enrolment, service, day, 15, 2, [Activity.DAILY_ACTIVITIES, Activity.TRIPS][n % 2])


def _respite_2023(org, programme: Programme, magdalena: Worker) -> None:
    services.rate_cap_set(actor=ACTOR, programme=programme, unit=Unit.HOUR, max_rate=D("40.00"))
    service = _service(
        programme, ServiceKind.RESPITE_DAY, unit=Unit.HOUR, rate=D("40.00"), name="Opieka wytchnieniowa w miejscu zamieszkania",
        activities=[Activity.RESPITE, Activity.CARE], limit_per_participant=D(240),
    )  # fmt: skip
    for index, enrolment in enumerate(_enrolments(org, programme, 2)):
        weekday = {5} if index == 0 else {4}
        for day in _days(dt.date(2023, 3, 3), dt.date(2023, 7, 31), weekday):
            _session(
                magdalena,
                enrolment,
                service,
                day,
                8 if index else 10,
                4,
                Activity.RESPITE,
                note="Opiekun w tym czasie: wizyta lekarska, zakupy." if day.day < 8 else "",
            )


def _meals(org) -> None:
    programme = _programme(org, "posilek-w-szkole-i-w-domu-2021")
    people = (
        [a.person for a in Application.objects.filter(programme=programme).select_related("person").order_by("id")[:3]]
        if programme
        else []
    )
    if not people and programme is not None:
        people = [a.person for a in _enrolments(org, programme, 2)]
    plan = [
        (0, "home_meal", 21, None),
        (1, "cash_benefit", 0, D("200.00")),
        (2, "school_meal", 19, None),
        (1, "food_in_kind", 0, D("85.40")),
    ]
    for month in (dt.date(2021, 1, 1), dt.date(2021, 2, 1), dt.date(2021, 3, 1)):
        for who, form, meals, amount in plan:
            if who >= len(people):
                continue
            person = people[who]
            if MealAid.objects.filter(
                organisation=org, person=person, programme=programme, month=month, form=form
            ).exists():
                continue
            services.meal_aid_create(
                actor=ACTOR, organisation=org, person=person, programme=programme, month=month, form=form,
                meals=meals + (month.month % 2), amount=amount,
            )  # fmt: skip


def _equipment(org) -> None:
    if not DeliverySettings.objects.filter(organisation=org).exists():
        services.delivery_settings_set(actor=ACTOR, organisation=org, guarantor_threshold=D("3490.00"), loan_months=4)
    smartcare = _programme(org, "smartcare")
    items = {}
    for number, name, category, serial, value, condition in EQUIPMENT:
        items[number] = EquipmentItem.objects.filter(organisation=org, inventory_number=number).first() or services.equipment_item_create(
            actor=ACTOR, organisation=org, inventory_number=number, name=name, category=category, serial=serial, value=value,
            condition=condition, funding_source=FUNDING, programme=smartcare, purchased_on=dt.date(2019, 4, 15),
        )  # fmt: skip
    people = list(
        Person.objects.filter(organisation=org, applications__status="enrolled").distinct().order_by("id")[:4]
    )
    if len(people) < 2:
        return
    loans = [
        # (item, person index, start, guarantor, returned (date, condition), extension (new due, reason))
        ("SC/2019/002", 0, dt.date(2023, 4, 3), "", (dt.date(2023, 7, 28), "good"), None),
        ("SC/2019/001", 1, dt.date(2023, 9, 1), "Zofia Król (córka)", None, None),
        (
            "SC/2019/003",
            min(2, len(people) - 1),
            dt.date(2024, 1, 10),
            "",
            None,
            (dt.date(2024, 9, 10), "Wniosek o przedłużenie: dalsza rehabilitacja po zabiegu."),
        ),
    ]
    for number, who, start, guarantor, returned, extension in loans:
        item, person = items[number], people[who]
        loan = Loan.objects.filter(item=item, person=person, start_date=start).first()
        if loan is None:
            if Loan.objects.filter(item=item, returned_on__isnull=True).exists():
                continue
            loan = services.loan_create(
                actor=ACTOR, item=item, person=person, start_date=start, guarantor_name=guarantor,
                guarantor_address="ul. Tumska 5, 09-400 Płock" if guarantor else "", medical_certificate_on=start - dt.timedelta(days=7),
            )  # fmt: skip
            if extension:
                services.loan_extend(actor=ACTOR, loan=loan, new_due=extension[0], reason=extension[1])
            if returned:
                services.loan_return(actor=ACTOR, loan=loan, returned_on=returned[0], condition=returned[1])


def load(actor: str = ACTOR) -> None:
    org = Organisation.objects.filter(slug=ORG).first()
    if org is None:
        return
    katarzyna, tomasz, magdalena, _agata = (_worker(org, *w) for w in WORKERS)
    aoon23 = _programme(org, "asystent-osobisty-2023")
    aoon20 = _programme(org, "asystent-osobisty-2020")
    ow23 = _programme(org, "opieka-wytchnieniowa-2023")
    _contract(katarzyna, aoon23, "AOON/2023/07", dt.date(2023, 3, 1), dt.date(2023, 12, 31), D("40.00"))
    _contract(tomasz, aoon23, "AOON/2023/08", dt.date(2023, 3, 1), dt.date(2023, 12, 31), D("40.00"))
    _contract(tomasz, aoon20, "AOON/2020/03", dt.date(2020, 1, 1), dt.date(2020, 12, 31), D("40.00"))
    _contract(magdalena, ow23, "OW/2023/02", dt.date(2023, 3, 1), dt.date(2023, 12, 31), D("40.00"))
    if aoon23 is not None:
        _assistance_2023(org, aoon23, katarzyna, tomasz)
    if aoon20 is not None:
        _assistance_2020(org, aoon20, tomasz)
    if ow23 is not None:
        _respite_2023(org, ow23, magdalena)
    _meals(org)
    _equipment(org)
