"""Demo data of telecare: safety wristbands of seniors in MOPS Płock's Korpus Wsparcia Seniorów
2023 (moduł II, "opaska bezpieczeństwa", seed 000), their cards with contacts, and a few months
of handled alarms so the desk and the statistics show something.

Idempotent: people are found by PESEL, devices by serial, events by ``(device, event_id)``; a
second run neither fails nor duplicates. Management actions are done as
``coordinator@mops-plock``, alarm handling as ``telecare_operator@mops-plock`` (core demo users).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from wsparcie.core import pesel
from wsparcie.core.models import Organisation
from wsparcie.core.services import create_object
from wsparcie.enrolment.choices import ApplicationStatus
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.programmes.models import Programme
from wsparcie.telecare import rules, services
from wsparcie.telecare.choices import ActionKind, Capability, ContactKind, DeviceKind, Outcome
from wsparcie.telecare.models import Alarm, Card, Device, Event, TelecareSettings

ORG = "mops-plock"
PROGRAMME = "korpus-wsparcia-seniorow-2023"

SENIORS = [
    # first, last, birth, sex, street, phone, health, access, code, contacts
    (
        "Halina",
        "Wiśniewska",
        dt.date(1941, 2, 11),
        "female",
        "ul. Tumska 12 m. 4",
        "24 262 11 04",
        "Niewydolność serca, leki moczopędne. Chodzi o balkoniku.",
        "Sejf na klucze przy drzwiach, 2. piętro bez windy.",
        "4711",
        [
            ("Anna Wiśniewska-Kowal", ContactKind.RELATIVE, "córka", "601 200 301"),
            ("Teresa Lis", ContactKind.NEIGHBOUR, "sąsiadka z m. 5", "24 262 11 05"),
            ("Marta Zielińska", ContactKind.SOCIAL_WORKER, "pracownik socjalny MOPS", "24 364 02 23"),
        ],
    ),
    (
        "Stanisław",
        "Kowalczyk",
        dt.date(1938, 9, 3),
        "male",
        "ul. Kolegialna 7 m. 1",
        "24 262 33 17",
        "Cukrzyca typu 2 (insulina), po udarze – niedowład lewej strony.",
        "Klucz u sąsiada z m. 2; domofon 01.",
        "",
        [
            ("Piotr Kowalczyk", ContactKind.RELATIVE, "syn", "602 300 402"),
            ("Jan Malinowski", ContactKind.NEIGHBOUR, "sąsiad z m. 2", "608 112 233"),
            ("Marta Zielińska", ContactKind.SOCIAL_WORKER, "pracownik socjalny MOPS", "24 364 02 23"),
        ],
    ),
    (
        "Irena",
        "Dąbrowska",
        dt.date(1946, 5, 27),
        "female",
        "ul. Sienkiewicza 40 m. 18",
        "24 268 40 18",
        "Osteoporoza, przebyte złamanie szyjki kości udowej. Alergia na penicylinę.",
        "Kod do domofonu i sejf na klucze w skrzynce.",
        "1946#",
        [
            ("Krzysztof Dąbrowski", ContactKind.RELATIVE, "wnuk", "603 400 503"),
            ("Marta Zielińska", ContactKind.SOCIAL_WORKER, "pracownik socjalny MOPS", "24 364 02 23"),
        ],
    ),
    (
        "Józef",
        "Lewandowski",
        dt.date(1944, 12, 1),
        "male",
        "ul. Jachowicza 3",
        "24 262 03 03",
        "Choroba Parkinsona, zaburzenia równowagi. Mieszka sam.",
        "Dom jednorodzinny, furtka od podwórza; sejf na klucze przy garażu.",
        "2580",
        [
            ("Ewa Lewandowska", ContactKind.RELATIVE, "córka", "604 500 604"),
            ("Zofia Nowicka", ContactKind.NEIGHBOUR, "sąsiadka z nr 5", "605 700 805"),
        ],
    ),
    (
        "Krystyna",
        "Wójcik",
        dt.date(1950, 7, 19),
        "female",
        "ul. Bielska 21 m. 9",
        "24 262 21 09",
        "Nadciśnienie, łagodne otępienie – może nie pamiętać o wciśnięciu przycisku.",
        "Córka ma klucze; sąsiadka z m. 10 ma zapasowe.",
        "",
        [
            ("Magdalena Wójcik", ContactKind.RELATIVE, "córka", "606 600 706"),
            ("Barbara Kaczmarek", ContactKind.NEIGHBOUR, "sąsiadka z m. 10", "607 800 907"),
            ("Marta Zielińska", ContactKind.SOCIAL_WORKER, "pracownik socjalny MOPS", "24 364 02 23"),
        ],
    ),
    (
        "Tadeusz",
        "Kamiński",
        dt.date(1936, 3, 30),
        "male",
        "ul. Kwiatka 8 m. 2",
        "24 262 08 02",
        "POChP, koncentrator tlenu w sypialni. Słabo słyszy – mówić głośno.",
        "Sejf na klucze przy drzwiach, parter.",
        "0330",
        [
            ("Robert Kamiński", ContactKind.RELATIVE, "syn", "609 900 108"),
            ("Marta Zielińska", ContactKind.SOCIAL_WORKER, "pracownik socjalny MOPS", "24 364 02 23"),
        ],
    ),
]

MODELS = [
    (
        DeviceKind.WRISTBAND,
        "Opaska SOS GT-300",
        [
            Capability.SOS,
            Capability.FALL,
            Capability.REMOVAL,
            Capability.LOCATION,
            Capability.TWO_WAY_VOICE,
            Capability.PULSE,
        ],
    ),
    (DeviceKind.PENDANT, "Wisiorek SOS P-20", [Capability.SOS, Capability.FALL, Capability.TWO_WAY_VOICE]),
    (DeviceKind.HOME_UNIT, "Stacja domowa HU-1", [Capability.SOS, Capability.TWO_WAY_VOICE]),
]

KIND_WEIGHTS = [("sos", 45), ("fall", 20), ("removed", 20), ("geofence", 15)]
OUTCOME_WEIGHTS = [
    (Outcome.FALSE_ALARM, 35),
    (Outcome.HELP_BY_PHONE, 30),
    (Outcome.FAMILY_CAME, 15),
    (Outcome.AMBULANCE, 10),
    (Outcome.SOCIAL_WORKER_VISIT, 10),
]


def _pick(rng: random.Random, weighted):
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def _senior(org, index, data, programme, coordinator) -> Person:
    first, last, birth, sex, street, phone = data[:6]
    number = pesel.make(birth, 700 + index, sex)
    person = Person.objects.filter(organisation=org, pesel=number).first()
    if person is None:
        person = create_object(
            actor=coordinator,
            instance=Person(
                organisation=org,
                pesel=number,
                first_name=first,
                last_name=last,
                birth_date=birth,
                sex=sex,
                phone=phone,
                street=street,
                postal_code="09-400",
                city="Płock",
                teryt="1462011",
            ),
        )
    if programme is not None and not Application.objects.filter(programme=programme, person=person).exists():
        create_object(
            actor=coordinator,
            instance=Application(
                organisation=org,
                programme=programme,
                person=person,
                status=ApplicationStatus.ENROLLED,
                enrolled_on=dt.date(2023, 6, 1),
                declaration_signed_on=dt.date(2023, 5, 29),
                notes="Moduł II – opaska bezpieczeństwa (dane demonstracyjne teleopieki).",
            ),
        )
    return person


def _history(device: Device, person: Person, card: Card, operator, rng: random.Random, now: dt.datetime) -> None:
    """A few months of handled alarms of one device (fixed event ids: loaded once)."""
    contacts = list(card.contacts.order_by("position"))
    for n in range(rng.randint(6, 10)):
        event_id = f"demo-{device.serial}-{n:02d}"
        raised = now - dt.timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        kind = _pick(rng, KIND_WEIGHTS)
        take_after = rng.choice([8, 12, 15, 20, 25, 30, 40, 55, 75, 110, 180])
        close_after = take_after + rng.randint(90, 2400)
        outcome = _pick(rng, OUTCOME_WEIGHTS)
        battery = rng.randint(35, 100)  # every draw happens before the skip: the sequence is the same on every run
        if Event.objects.filter(device=device, event_id=event_id).exists():
            continue
        event = rules.EventIn(
            event_id=event_id,
            serial=device.serial,
            type=kind,
            occurred_at=raised - dt.timedelta(seconds=2),
            battery=battery,
        )
        [result] = services.events_ingest(events=[event], channel="demo", received_at=raised)
        alarm = Alarm.objects.get(pk=result.alarm_pk)
        taken = raised + dt.timedelta(seconds=take_after)
        services.alarm_take(actor=operator, alarm=alarm, at=taken)
        services.alarm_add_action(
            actor=operator,
            alarm=alarm,
            kind=ActionKind.CALLED_SENIOR,
            at=taken + dt.timedelta(seconds=20),
            note="Odebrała/odebrał." if outcome in (Outcome.FALSE_ALARM, Outcome.HELP_BY_PHONE) else "Nie odbiera.",
        )
        if outcome in (Outcome.FAMILY_CAME, Outcome.AMBULANCE, Outcome.SOCIAL_WORKER_VISIT) and contacts:
            services.alarm_add_action(
                actor=operator,
                alarm=alarm,
                kind=ActionKind.CALLED_CONTACT,
                contact=contacts[0],
                at=taken + dt.timedelta(seconds=60),
                note="Jedzie na miejsce." if outcome == Outcome.FAMILY_CAME else "",
            )
        if outcome == Outcome.AMBULANCE:
            services.alarm_add_action(
                actor=operator,
                alarm=alarm,
                kind=ActionKind.CALLED_112,
                at=taken + dt.timedelta(seconds=90),
                note="Zgłoszono upadek, senior nie może wstać.",
            )
        if outcome == Outcome.SOCIAL_WORKER_VISIT:
            services.alarm_add_action(
                actor=operator, alarm=alarm, kind=ActionKind.SENT_SOCIAL_WORKER, at=taken + dt.timedelta(seconds=120)
            )
        services.alarm_close(
            actor=operator,
            alarm=alarm,
            outcome=outcome,
            at=raised + dt.timedelta(seconds=close_after),
            note="Przypadkowe wciśnięcie przycisku." if outcome == Outcome.FALSE_ALARM else "",
        )


def load(actor="demo-loader") -> None:
    org = Organisation.objects.filter(slug=ORG).first()
    User = get_user_model()
    coordinator = User.objects.filter(username=f"coordinator@{ORG}").first()
    operator = User.objects.filter(username=f"telecare_operator@{ORG}").first()
    if org is None or coordinator is None or operator is None:
        return  # the core demo (organisations and logins) comes first
    programme = Programme.objects.filter(organisation=org, slug=PROGRAMME).first()
    enrolled = []
    if programme is not None:
        enrolled = list(
            Person.objects.filter(applications__programme=programme, applications__status=ApplicationStatus.ENROLLED)
            .order_by("pk")
            .distinct()[: len(SENIORS)]
        )
    if not TelecareSettings.objects.filter(organisation=org).exists():
        services.settings_save(
            actor=coordinator,
            organisation=org,
            escalate_after_seconds=60,
            offline_after_minutes=30,
            low_battery_percent=20,
            supervisor=coordinator,
        )
    now = timezone.now().replace(microsecond=0)
    rng = random.Random(2023)
    for index, data in enumerate(SENIORS):
        person = enrolled[index] if index < len(enrolled) else _senior(org, index, data, programme, coordinator)
        health, access, code, contacts = data[6:]
        card = Card.objects.filter(person=person).first()
        if card is None:
            address = f"{person.street or data[4]}, 09-400 Płock"
            card = services.card_save(
                actor=coordinator,
                person=person,
                address=address,
                access_notes=access,
                has_key_safe="sejf" in access.lower(),
                health_notes=health,
                door_code=code or None,
            )
            for name, kind, relation, phone in contacts:
                services.contact_add(actor=coordinator, card=card, name=name, kind=kind, relation=relation, phone=phone)
        serial = f"KWS-PLO-{index + 1:04d}"
        device = Device.objects.filter(serial=serial).first()
        if device is None:
            kind, model, capabilities = MODELS[0] if index % 3 else MODELS[index % len(MODELS)]
            device, _token = services.device_register(
                actor=coordinator,
                organisation=org,
                serial=serial,
                model=model,
                kind=kind,
                capabilities=capabilities,
                person=person,
                valid_from=dt.date(2023, 6, 1),
            )
            # A first sign of life, so the device does not count as silent right after loading.
            services.events_ingest(
                events=[
                    rules.EventIn(
                        event_id=f"demo-{serial}-hello",
                        serial=serial,
                        type="heartbeat",
                        occurred_at=now,
                        battery=90 - index * 5,
                    )
                ],
                channel="demo",
                received_at=now,
            )
        _history(device, person, card, operator, rng, now)
    # Live items for the desk: a waiting SOS and a low battery (loaded once).
    live = [("KWS-PLO-0003", "demo-live-sos", "sos", None), ("KWS-PLO-0005", "demo-live-battery", "low_battery", 12)]
    for serial, event_id, kind, battery in live:
        if (
            Device.objects.filter(serial=serial).exists()
            and not Event.objects.filter(device__serial=serial, event_id=event_id).exists()
        ):
            services.events_ingest(
                events=[rules.EventIn(event_id=event_id, serial=serial, type=kind, occurred_at=now, battery=battery)],
                channel="demo",
                received_at=now,
            )


#: How often the demo wristbands report that they are alive (``make run``).
HEARTBEAT_EVERY = dt.timedelta(minutes=5)


def heartbeats(now: dt.datetime | None = None) -> int:
    """One heartbeat from every active demo wristband, as a real one sends (through the same
    intake), so that the demo desk does not fill with "device offline" alarms while ``make run``
    serves. The event id is per device and minute: a repeat within a minute is stored once.
    Returns how many events were new."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    org = Organisation.objects.filter(slug=ORG).first()
    if org is None:
        return 0
    serials = list(
        Device.objects.filter(organisation=org, serial__startswith="KWS-PLO-", is_active=True)
        .order_by("serial")
        .values_list("serial", flat=True)
    )
    if not serials:
        return 0
    results = services.events_ingest(
        events=[
            rules.EventIn(
                event_id=f"demo-{serial}-hb-{now:%Y%m%d%H%M}", serial=serial, type="heartbeat", occurred_at=now
            )
            for serial in serials
        ],
        channel="demo",
        received_at=now,
    )
    return sum(1 for result in results if result.outcome == "created")
