"""Demo data of the plans app, built on the seed pages (shared/seeds/):

- MOPS Sopot, "deinstytucjonalizacja": "objęcie 20 osób indywidualnym planem
  deinstytucjonalizacji" – 20 plans, most completed by the end of the grant (31.08.2023), some
  with progress, some still running with reviews coming up.
- MOPS Wrocław, "pas-ja": "Programy Aktywności Lokalnych (2 tury po 8 grup)" with made-up
  sessions and attendance; reintegration paths for a sample of 40 participants (the project's
  targets: 180 participants, 62 with disabilities, 110 with progress); 11 of the 15 planned
  social initiatives.
- Powiat płocki, "liderzy-kooperacji": the Zespół ds. Modelu, 8 G-PZK (milestone I, 8 gminy in
  6 powiaty) and 6 PZK (milestone II) with their member institutions.

Names, dates and texts below the seed figures are made up. Participants come first from the
programme's enrolled applications (when the enrolment demo made them), the rest are demo persons
with valid PESELs. Idempotent: everything is looked up by its natural key first; a programme
that does not exist (the programmes demo did not run) is skipped.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from wsparcie.core.errors import ApplicationError
from wsparcie.core.models import Organisation
from wsparcie.core.pesel import make as make_pesel
from wsparcie.enrolment.models import Application
from wsparcie.people.models import Person
from wsparcie.plans import services
from wsparcie.plans.choices import CLOSED_STATUSES, ActionKind, PlanKind, TeamKind
from wsparcie.plans.models import (
    Attendance,
    CooperationTeam,
    CooperationTeamMember,
    Group,
    GroupMember,
    GroupSession,
    LocalActivityProgramme,
    Round,
    SocialInitiative,
    SupportPlan,
)
from wsparcie.programmes.models import Programme

ACTOR = "demo-loader"
D = dt.date

FEMALE = ["Anna", "Barbara", "Krystyna", "Maria", "Elżbieta", "Teresa", "Halina", "Danuta", "Jadwiga", "Irena",
          "Agnieszka", "Katarzyna", "Małgorzata", "Ewa", "Joanna", "Beata", "Dorota", "Renata", "Marta", "Natalia"]  # fmt: skip
MALE = ["Jan", "Stanisław", "Andrzej", "Józef", "Tadeusz", "Jerzy", "Zbigniew", "Krzysztof", "Henryk", "Ryszard",
        "Marek", "Tomasz", "Paweł", "Piotr", "Grzegorz", "Marcin", "Dariusz", "Wojciech", "Kamil", "Łukasz"]  # fmt: skip
SURNAMES = [("Kowalski", "Kowalska"), ("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
            ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
            ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"),
            ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"), ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"),
            ("Grabowski", "Grabowska"), ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Adamczyk", "Adamczyk"),
            ("Dudek", "Dudek"), ("Zając", "Zając"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
            ("Król", "Król"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"), ("Jaworski", "Jaworska"),
            ("Wróbel", "Wróbel"), ("Malinowski", "Malinowska"), ("Pawlak", "Pawlak"), ("Witkowski", "Witkowska"),
            ("Walczak", "Walczak"), ("Stępień", "Stępień"), ("Górski", "Górska"), ("Rutkowski", "Rutkowska"),
            ("Michalak", "Michalak"), ("Sikora", "Sikora"), ("Ostrowski", "Ostrowska"), ("Baran", "Baran")]  # fmt: skip


def _programme(org_slug: str, slug: str) -> Programme | None:
    return Programme.objects.filter(organisation__slug=org_slug, slug=slug).first()


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _demo_pesel(index: int, *, born_from: int, born_to: int, seed: int) -> tuple[str, str, random.Random]:
    rng = random.Random(seed * 10_000 + index)
    sex = "female" if index % 2 == 0 else "male"
    birth = D(rng.randint(born_from, born_to), rng.randint(1, 12), rng.randint(1, 28))
    return make_pesel(birth, 700 + (index * 7 + seed) % 300, sex), sex, rng


def _demo_person(
    actor, organisation: Organisation, index: int, *, born_from: int, born_to: int, seed: int, address: dict
) -> Person:
    """The ``index``-th demo person of ``organisation``: same name and PESEL on every run."""
    from wsparcie.people.services import person_create

    pesel, sex, rng = _demo_pesel(index, born_from=born_from, born_to=born_to, seed=seed)
    person = Person.objects.filter(organisation=organisation, pesel=pesel).first()
    if person is not None:
        return person
    male, female = SURNAMES[(index * 3 + seed) % len(SURNAMES)]
    first = (FEMALE if sex == "female" else MALE)[(index * 7 + seed) % 20]
    street, postal = address["streets"][index % len(address["streets"])]
    return person_create(
        actor=actor,
        organisation=organisation,
        first_name=first,
        last_name=female if sex == "female" else male,
        pesel=pesel,
        street=f"{street} {rng.randint(1, 60)}{'/' + str(rng.randint(1, 30)) if rng.random() < 0.7 else ''}",
        postal_code=postal,
        city=address["city"],
        teryt=organisation.teryt,
    )


def _participants(
    programme: Programme, count: int, **person_kwargs
) -> list[tuple[Person | None, Application | None, int]]:
    """``count`` participant slots of ``programme``: its enrolled applications made by other
    demos first (``(person, application, -1)``), then demo person indexes (``(None, None, i)``).
    The same list on every run: demo persons are told apart by their PESELs."""
    ours = {_demo_pesel(i, **person_kwargs)[0] for i in range(count)}
    enrolled = [
        a
        for a in Application.objects.filter(programme=programme, status__in=services.PARTICIPANT_STATUSES)
        .select_related("person")
        .order_by("id")
        if a.person.pesel not in ours
    ][:count]
    slots: list[tuple[Person | None, Application | None, int]] = [(a.person, a, -1) for a in enrolled]
    slots += [(None, None, i) for i in range(count - len(slots))]
    return slots


def _enrol(actor, programme: Programme, person: Person, on: dt.date) -> Application | None:
    """The person's participation in ``programme``, made through the enrolment services when
    missing; ``None`` when they do not qualify (the plan is then kept without an enrolment)."""
    from wsparcie.enrolment import services as enrolment

    existing = (
        Application.objects.filter(programme=programme, person=person)
        .exclude(status__in=["withdrawn", "rejected"])
        .first()
    )
    if existing is not None:
        return existing if existing.status in services.PARTICIPANT_STATUSES else None
    try:
        with transaction.atomic():
            application = enrolment.application_submit(actor=actor, programme=programme, person=person, on=on)
            application = enrolment.application_qualify(
                actor=actor, application=application, on=on, declaration_signed_on=on
            )
    except (ApplicationError, ValidationError):
        return None
    return application if application.status == "enrolled" else None


def _end_participation(actor, application: Application | None, ended_on: dt.date) -> None:
    from wsparcie.enrolment import services as enrolment

    if application is None or application.status != "enrolled" or ended_on > timezone.localdate():
        return
    try:
        with transaction.atomic():
            enrolment.application_complete(actor=actor, application=application, ended_on=ended_on)
    except (ApplicationError, ValidationError):
        pass


def _certificate(actor, person: Person, index: int) -> None:
    """A disability certificate for some demo participants (PAS-ja: 62 of 180 had one)."""
    from wsparcie.people.services import certificate_create

    if person.certificates.exists():
        return
    degree, symbols = [("moderate", ["05-R"]), ("mild", ["02-P"]), ("significant", ["04-O"]), ("moderate", ["01-U"])][
        index % 4
    ]
    certificate_create(
        actor=actor,
        person=person,
        kind="adult",
        degree=degree,
        symbols=symbols,
        issued_on=D(2016, 3, 1) + dt.timedelta(days=37 * index),
        issuer="Powiatowy Zespół do Spraw Orzekania o Niepełnosprawności",
    )


def _ensure_pending_review(actor, plan: SupportPlan, due_in_days: int | None) -> None:
    """A running plan keeps one review ahead, due ``due_in_days`` from today (negative: overdue)."""
    if due_in_days is None or plan.status in CLOSED_STATUSES or plan.reviews.filter(held_on__isnull=True).exists():
        return
    due_on = max(timezone.localdate() + dt.timedelta(days=due_in_days), plan.started_on + dt.timedelta(days=1))
    services.review_schedule(actor=actor, plan=plan, due_on=due_on)


def _build_plan(
    actor,
    *,
    programme: Programme,
    person: Person,
    application: Application | None,
    kind: str,
    started_on: dt.date,
    social_worker,
    assessment: dict,
    goals: list[str],
    actions: list[tuple[str, str, str, str]],
    outcome: tuple | None,
    review_findings: str,
    pending_review_in: int | None = None,
) -> SupportPlan:
    """One plan with its diagnosis, goals, actions (description, kind, institution, reference),
    a held review and an outcome: ``("completed", progress, note, ended_on)`` or
    ``("discontinued", reason, ended_on)``; ``None`` keeps it running with a review due in
    ``pending_review_in`` days."""
    plan = SupportPlan.objects.filter(person=person, kind=kind, programme=programme).first()
    if plan is not None:
        _ensure_pending_review(actor, plan, pending_review_in)
        return plan
    if application is not None and application.enrolled_on and application.enrolled_on > started_on:
        started_on = application.enrolled_on
    # closed plans were planned until the end of the project; running ones go on after it
    end = (
        programme.period_end
        if outcome is not None and programme.period_end and programme.period_end > started_on
        else None
    )
    last_done_on = outcome[-1] if outcome is not None and outcome[0] == "completed" else timezone.localdate()
    plan = services.plan_create(
        actor=actor,
        organisation=programme.organisation,
        person=person,
        kind=kind,
        started_on=started_on,
        enrolment=application,
        programme=None if application is not None else programme,
        social_worker=social_worker,
        planned_end_on=end,
        assessment={**assessment, "assessed_on": started_on},
    )
    goal_rows = [services.goal_create(actor=actor, plan=plan, description=text, target_date=end) for text in goals]
    for index, (description, action_kind, institution, reference) in enumerate(actions):
        done_on = started_on + dt.timedelta(days=14 * (index + 1) + 60)
        services.action_create(
            actor=actor,
            plan=plan,
            description=description,
            kind=action_kind,
            goal=goal_rows[index % len(goal_rows)],
            institution_name=institution,
            delivery_reference=reference,
            planned_start=started_on + dt.timedelta(days=14 * (index + 1)),
            planned_end=started_on + dt.timedelta(days=14 * (index + 1) + 90),
            done_on=done_on if done_on <= last_done_on and (outcome is None or outcome[0] == "completed") else None,
        )
    services.plan_activate(actor=actor, plan=plan)
    review = services.review_schedule(actor=actor, plan=plan, due_on=started_on + dt.timedelta(days=90))
    if review.due_on <= timezone.localdate() and (outcome is None or review.due_on <= outcome[-1]):
        services.review_record(actor=actor, review=review, held_on=review.due_on, findings=review_findings)
    if outcome is None:
        _ensure_pending_review(actor, plan, pending_review_in)
    elif outcome[0] == "completed":
        _kind, progress, note, ended_on = outcome
        services.plan_complete(actor=actor, plan=plan, progress_achieved=progress, outcome_note=note, ended_on=ended_on)
    else:
        _kind, reason, ended_on = outcome
        services.plan_discontinue(actor=actor, plan=plan, reason=reason, ended_on=ended_on)
    return plan


# --- MOPS Sopot: 20 individual deinstitutionalisation plans --------------------------------------

SOPOT_ADDRESS = {
    "city": "Sopot",
    "streets": [("ul. Bohaterów Monte Cassino", "81-759"), ("ul. Kolejowa", "81-726"), ("al. Niepodległości", "81-805"),
                ("ul. Grunwaldzka", "81-759"), ("ul. Chopina", "81-786"), ("ul. 23 Marca", "81-808"), ("ul. Armii Krajowej", "81-844")],
}  # fmt: skip

DI_ASSESSMENTS = [
    {
        "problems": "Od 6 lat w domu pomocy społecznej; ograniczona samodzielność w czynnościach dnia codziennego po udarze.",
        "resources": "Renta, wsparcie siostrzenicy, dobry kontakt z pracownikiem socjalnym.",
        "potential": "Chęć powrotu do mieszkania w środowisku; samodzielnie przygotowuje proste posiłki.",
        "predispositions": "Systematyczność, gotowość do korzystania z rehabilitacji.",
        "needs": "Mieszkanie wspomagane, usługi asystenckie, rehabilitacja w domu.",
    },
    {
        "problems": "Niepełnosprawność intelektualna w stopniu umiarkowanym; ryzyko umieszczenia w DPS po śmierci matki.",
        "resources": "Mieszkanie po rodzicach, zaangażowany brat, zajęcia w warsztacie terapii zajęciowej.",
        "potential": "Umiejętność prowadzenia prostych zakupów i korzystania z komunikacji miejskiej.",
        "predispositions": "Otwartość na kontakty, zainteresowania plastyczne.",
        "needs": "Trening samodzielnego życia, asystent osobisty, wsparcie w zarządzaniu budżetem.",
    },
    {
        "problems": "Choroba psychiczna, nawracające hospitalizacje; samotność i wycofanie z kontaktów.",
        "resources": "Stałe leczenie w poradni zdrowia psychicznego, mieszkanie komunalne.",
        "potential": "Stabilny stan zdrowia od roku, gotowość do udziału w zajęciach klubowych.",
        "predispositions": "Dobra pamięć, zainteresowanie muzyką.",
        "needs": "Środowiskowe wsparcie psychiatryczne, klub samopomocy, wizyty asystenta.",
    },
    {
        "problems": "Senior 80+, niesamodzielny po złamaniu szyjki kości udowej; opiekunka rodzinna na granicy wypalenia.",
        "resources": "Córka mieszkająca w Sopocie, emerytura, mieszkanie bez barier na parterze.",
        "potential": "Poprawa sprawności po rehabilitacji, chęć pozostania w domu.",
        "predispositions": "Współpraca z fizjoterapeutą, pogodne usposobienie.",
        "needs": "Usługi opiekuńcze, opieka wytchnieniowa dla córki, teleopieka, sprzęt rehabilitacyjny.",
    },
]
DI_GOALS = [
    [
        "Zamieszkanie w mieszkaniu wspomaganym zamiast w DPS",
        "Samodzielne przygotowywanie posiłków i zakupy z asystentem",
    ],
    ["Utrzymanie samodzielnego mieszkania z pomocą asystenta", "Zarządzanie własnym budżetem domowym"],
    [
        "Stabilizacja zdrowia bez hospitalizacji",
        "Udział w zajęciach klubu co najmniej raz w tygodniu",
        "Odbudowa kontaktów z rodziną",
    ],
    ["Pozostanie w domu z usługami opiekuńczymi", "Odciążenie opiekunki rodzinnej"],
]
DI_ACTIONS = [
    [("Trening mieszkaniowy w mieszkaniu treningowym", ActionKind.INSTITUTION, "Stowarzyszenie „Na Drodze Ekspresji”", ""),
     ("Usługi asystenckie", ActionKind.SERVICE, "", "usługi asystenckie, 20 h miesięcznie"),
     ("Rehabilitacja domowa", ActionKind.INSTITUTION, "Poradnia rehabilitacyjna NFZ", "")],
    [("Trening budżetowy z pracownikiem socjalnym", ActionKind.SOCIAL_WORK, "", "praca socjalna, 2 spotkania w miesiącu"),
     ("Asystent osobisty", ActionKind.SERVICE, "", "asystencja osobista, 30 h miesięcznie"),
     ("Zajęcia w warsztacie terapii zajęciowej", ActionKind.INSTITUTION, "Warsztat Terapii Zajęciowej w Sopocie", "")],
    [("Zespół leczenia środowiskowego", ActionKind.INSTITUTION, "Centrum Zdrowia Psychicznego", ""),
     ("Klub dla osób z niepełnosprawnościami", ActionKind.SESSION, "", "klub – zajęcia grupowe, raz w tygodniu"),
     ("Mediacja rodzinna", ActionKind.COUNSELLING, "", "3 spotkania z mediatorem")],
    [("Usługi opiekuńcze w domu", ActionKind.SERVICE, "", "usługi opiekuńcze, 2 h dziennie"),
     ("Opieka wytchnieniowa dla opiekunki", ActionKind.SERVICE, "", "opieka wytchnieniowa, 8 dni w roku"),
     ("Wypożyczenie łóżka rehabilitacyjnego", ActionKind.SERVICE, "", "wypożyczalnia sprzętu, umowa na 4 miesiące"),
     ("Grupa wsparcia dla opiekunów", ActionKind.SESSION, "", "telefon wsparcia opiekuna i grupa wsparcia")],
]  # fmt: skip
DI_PROGRESS = [
    "Zamieszkał(a) w mieszkaniu wspomaganym; samodzielnie robi zakupy z pomocą asystenta.",
    "Utrzymuje samodzielne mieszkanie; rachunki opłacane terminowo.",
    "Rok bez hospitalizacji, regularny udział w klubie.",
    "Pozostaje w domu z usługami opiekuńczymi; opiekunka korzysta z wytchnienia.",
]
DI_NO_PROGRESS = "Pogorszenie stanu zdrowia; konieczne dalsze wsparcie w formie usług opiekuńczych, cele przeniesione do nowego planu."
DI_PENDING_IN = [-3, 2, 5, 9, 13, 25, 40]


def load_sopot(actor) -> None:
    programme = _programme("mops-sopot", "deinstytucjonalizacja")
    if programme is None:
        return
    worker = _user("social_worker@mops-sopot")
    people = {"born_from": 1940, "born_to": 1985, "seed": 1}
    for index, (person, application, demo_index) in enumerate(_participants(programme, 20, **people)):
        variant = index % len(DI_ASSESSMENTS)
        started_on = D(2022, 11, 14) + dt.timedelta(days=5 * index)
        if person is None:
            person = _demo_person(actor, programme.organisation, demo_index, address=SOPOT_ADDRESS, **people)
            application = _enrol(actor, programme, person, started_on)
        if index < 9:
            outcome = ("completed", True, DI_PROGRESS[variant], D(2023, 8, 31) - dt.timedelta(days=index))
        elif index < 12:
            outcome = ("completed", False, DI_NO_PROGRESS, D(2023, 8, 31))
        elif index == 12:
            outcome = ("discontinued", "Uczestnik przeprowadził się do rodziny poza Sopot.", D(2023, 5, 19))
        else:
            outcome = None
        _build_plan(
            actor,
            programme=programme,
            person=person,
            application=application,
            kind=PlanKind.DEINSTITUTIONALISATION_PLAN,
            started_on=started_on,
            social_worker=worker,
            assessment=DI_ASSESSMENTS[variant],
            goals=DI_GOALS[variant],
            actions=DI_ACTIONS[variant],
            outcome=outcome,
            review_findings="Plan realizowany zgodnie z harmonogramem; uczestnik(-czka) aktywnie współpracuje.",
            pending_review_in=DI_PENDING_IN[index - 13] if outcome is None else None,
        )
        if outcome is not None:
            _end_participation(actor, application, outcome[-1])


# --- MOPS Wrocław: PAS-ja ------------------------------------------------------------------------

WROCLAW_ADDRESS = {
    "city": "Wrocław",
    "streets": [("ul. Jedności Narodowej", "50-260"), ("ul. Roosevelta", "50-236"), ("ul. Hubska", "50-502"),
                ("ul. Kozanowska", "54-152"), ("ul. Popowicka", "54-237"), ("ul. Sępolińska", "51-660"),
                ("ul. Trzebnicka", "50-231"), ("ul. Traugutta", "50-416")],
}  # fmt: skip
DISTRICTS = ["Nadodrze", "Przedmieście Oławskie", "Kozanów", "Gądów Mały", "Popowice", "Karłowice", "Sępolno", "Huby"]
GROUP_TOPICS = [
    ("trening rozwoju osobistego", ["Poznajmy się – kontrakt grupy", "Moje mocne strony", "Radzenie sobie ze stresem", "Asertywność na co dzień"]),
    ("trening aktywności społecznej", ["Moja dzielnica – mapa zasobów", "Planujemy inicjatywę sąsiedzką", "Wolontariat – jak zacząć", "Podsumowanie inicjatywy"]),
    ("trening umiejętności życiowych", ["Budżet domowy", "Załatwianie spraw urzędowych", "Zdrowe i tanie gotowanie", "Prawa lokatora"]),
    ("trening autoprezentacji", ["Pierwsze wrażenie", "CV i list motywacyjny", "Rozmowa kwalifikacyjna – symulacja", "Mowa ciała"]),
    ("nowoczesne technologie", ["Smartfon od podstaw", "Bankowość elektroniczna bezpiecznie", "Profil zaufany i e-urząd", "Wideorozmowy z bliskimi"]),
    ("grupa wsparcia dla osób doświadczających przemocy", ["Bezpieczne miejsce", "Granice i prawo do ochrony", "Gdzie szukać pomocy", "Plan bezpieczeństwa"]),
    ("trening rozwoju osobistego", ["Poznajmy się – kontrakt grupy", "Komunikacja bez przemocy", "Motywacja do zmiany", "Moje cele na rok"]),
    ("trening aktywności społecznej", ["Aktywni w sąsiedztwie", "Organizujemy spotkanie mieszkańców", "Dzielnica bez barier", "Podsumowanie"]),
]  # fmt: skip
FACILITATORS = ["Agnieszka Kowalczyk", "Michał Nowicki", "Justyna Lis", "Rafał Kaczmarek", "Monika Sadowska",
                "Paulina Wrona", "Tomasz Ziółkowski", "Karolina Bielecka"]  # fmt: skip
ROUNDS = [(1, D(2018, 10, 15), D(2019, 6, 28)), (2, D(2019, 9, 16), D(2020, 6, 26))]
#: Participants per group (2 rounds x 8 groups x 5 = 80, reintegration paths for every other: 40)
#: and meetings per group (one about every four weeks). Tests run the demo smaller.
PAL_GROUP_SIZE = 5
SESSIONS_PER_GROUP = 8
INITIATIVES = [
    ("Piknik sąsiedzki na Nadodrzu", D(2019, 5, 25), 140, "Festyn na podwórku przy ul. Roosevelta przygotowany przez grupę z Nadodrza."),
    ("Sprzątanie podwórka przy ul. Jedności Narodowej", D(2019, 4, 13), 35, "Akcja mieszkańców z udziałem uczestników PAL."),
    ("Kiermasz rękodzieła na Przedmieściu Oławskim", D(2019, 6, 8), 60, "Sprzedaż prac z warsztatów; dochód na świetlicę osiedlową."),
    ("Warsztaty kulinarne międzypokoleniowe", D(2019, 3, 23), 28, "Seniorzy i młodzież gotują tradycyjne potrawy."),
    ("Spacer historyczny po Kozanowie", D(2019, 5, 11), 45, "Spacer z przewodnikiem przygotowany przez uczestników."),
    ("Wigilia osiedlowa na Popowicach", D(2018, 12, 20), 90, "Wspólna wieczerza dla samotnych mieszkańców."),
    ("Turniej gier planszowych w Karłowicach", D(2019, 10, 19), 40, "Popołudnie gier dla rodzin z dziećmi."),
    ("Dzień Sąsiada na Sępolnie", D(2019, 11, 16), 75, "Spotkanie mieszkańców i lokalnych organizacji."),
    ("Zbiórka książek „Książka za książkę”", D(2019, 12, 7), 55, "Wymiana książek w filii biblioteki na Hubach."),
    ("Mikołajki dla dzieci z Gądowa", D(2019, 12, 6), 65, "Paczki i zabawy przygotowane przez grupę z Gądowa Małego."),
    ("Warsztaty ogrodnicze – skwer przy ul. Hubskiej", D(2020, 3, 7), 30, "Nasadzenia na skwerze, ostatnie spotkanie przed pandemią."),
]  # fmt: skip
PATH_ASSESSMENTS = [
    {
        "problems": "Długotrwałe bezrobocie, zadłużenie czynszowe, izolacja społeczna.",
        "resources": "Wykształcenie zawodowe (sprzedawca), wsparcie córki.",
        "potential": "Doświadczenie w handlu, gotowość do podjęcia pracy w niepełnym wymiarze.",
        "predispositions": "Komunikatywność, punktualność.",
        "needs": "Trening autoprezentacji, doradztwo zawodowe, pomoc w spłacie zadłużenia.",
    },
    {
        "problems": "Niepełnosprawność ruchowa (stopień umiarkowany), samotność, trudności w załatwianiu spraw urzędowych.",
        "resources": "Renta, mieszkanie dostosowane, znajomość obsługi komputera.",
        "potential": "Chęć działania na rzecz sąsiadów, umiejętności organizacyjne.",
        "predispositions": "Cierpliwość, zainteresowanie nowymi technologiami.",
        "needs": "Wsparcie w zakresie e-usług, udział w grupie aktywności społecznej.",
    },
    {
        "problems": "Doświadczenie przemocy domowej, niska samoocena, brak stałego źródła dochodu.",
        "resources": "Dwoje dzieci w wieku szkolnym, wsparcie ośrodka interwencji kryzysowej.",
        "potential": "Wykształcenie średnie, doświadczenie w opiece nad dziećmi.",
        "predispositions": "Zaangażowanie, odpowiedzialność.",
        "needs": "Grupa wsparcia, poradnictwo psychologiczne i prawne, opieka nad dziećmi podczas zajęć.",
    },
]
PATH_GOALS = [
    ["Podjęcie zatrudnienia lub stażu", "Uregulowanie zaległości czynszowych"],
    ["Samodzielne korzystanie z e-usług urzędowych", "Udział w inicjatywie sąsiedzkiej"],
    ["Wzmocnienie poczucia bezpieczeństwa i samooceny", "Usamodzielnienie finansowe"],
]
PATH_ACTIONS = [
    [("Trening autoprezentacji w grupie PAL", ActionKind.SESSION, "", "PAL – trening autoprezentacji, 4 spotkania"),
     ("Doradztwo zawodowe", ActionKind.COUNSELLING, "", "poradnictwo indywidualne, 3 spotkania"),
     ("Porozumienie o spłacie zadłużenia", ActionKind.INSTITUTION, "Zarząd Zasobu Komunalnego", "")],
    [("Indywidualne wsparcie z nowoczesnych technologii", ActionKind.TRAINING, "", "6 spotkań z trenerem"),
     ("Udział w grupie aktywności społecznej", ActionKind.SESSION, "", "PAL – trening aktywności społecznej")],
    [("Grupa wsparcia dla osób doświadczających przemocy", ActionKind.SESSION, "", "PAL – grupa wsparcia"),
     ("Poradnictwo prawne", ActionKind.INSTITUTION, "Ośrodek Interwencji Kryzysowej", ""),
     ("Opieka nad dziećmi w czasie zajęć", ActionKind.SERVICE, "", "wsparcie towarzyszące – opieka nad dzieckiem")],
]  # fmt: skip
PATH_PROGRESS = [
    "Podjął(-ęła) pracę na umowę o pracę w niepełnym wymiarze; spłaca zadłużenie w ratach.",
    "Samodzielnie korzysta z profilu zaufanego; współorganizował(a) inicjatywę sąsiedzką.",
    "Zakończyła udział w grupie wsparcia; podjęła kurs zawodowy.",
]


def _wroclaw_outcome(index: int, ended_on: dt.date):
    """40 paths: 25 with progress, 9 without, 6 discontinued (about the project's 110 of 180)."""
    position = index % 40
    if position in {3, 11, 19, 27, 33, 38}:
        return (
            "discontinued",
            "Rezygnacja z udziału w projekcie (podjęcie pracy poza Wrocławiem lub przeprowadzka).",
            ended_on - dt.timedelta(days=120),
        )
    if position in {5, 9, 14, 17, 22, 25, 30, 35, 39}:
        return (
            "completed",
            False,
            "Ukończono zajęcia, ale bez zmiany sytuacji społecznej; zalecona dalsza praca socjalna.",
            ended_on,
        )
    return ("completed", True, PATH_PROGRESS[index % len(PATH_PROGRESS)], ended_on)


def load_wroclaw(actor) -> None:
    programme = _programme("mops-wroclaw", "pas-ja")
    if programme is None:
        return
    worker = _user("social_worker@mops-wroclaw")
    people = {"born_from": 1958, "born_to": 2000, "seed": 2}
    participants: list[tuple[Person, Application | None]] = []
    per_round = 8 * PAL_GROUP_SIZE
    for index, (person, application, demo_index) in enumerate(_participants(programme, 2 * per_round, **people)):
        if person is None:
            person = _demo_person(actor, programme.organisation, demo_index, address=WROCLAW_ADDRESS, **people)
            if index % 20 in {1, 4, 6, 9, 12, 15, 18}:  # 35%: 28 of 80, as 62 of 180
                _certificate(actor, person, index)
            application = _enrol(
                actor, programme, person, (ROUNDS[0] if index < per_round else ROUNDS[1])[1] - dt.timedelta(days=10)
            )
        participants.append((person, application))
    pal = LocalActivityProgramme.objects.filter(programme=programme, name="PAL PAS-ja").first() or services.pal_create(
        actor=actor,
        programme=programme,
        name="PAL PAS-ja",
        area="Wrocław: Nadodrze, Przedmieście Oławskie, Kozanów, Gądów Mały, Popowice, Karłowice, Sępolno, Huby",
        description="Programy Aktywności Lokalnych (2 tury po 8 grup): usługi aktywnej integracji o charakterze społecznym.",
    )
    today = timezone.localdate()
    for number, starts_on, ends_on in ROUNDS:
        round_ = Round.objects.filter(pal=pal, number=number).first() or services.round_create(
            actor=actor, pal=pal, number=number, starts_on=starts_on, ends_on=ends_on
        )
        members = participants[(number - 1) * per_round : number * per_round]
        for g in range(8):
            name = f"Grupa {g + 1} – {DISTRICTS[g]}"
            topic, session_topics = GROUP_TOPICS[g]
            group = Group.objects.filter(round=round_, name=name).first() or services.group_create(
                actor=actor, round=round_, name=name, facilitator=f"{FACILITATORS[(g + number) % 8]} ({topic})"
            )
            group_people = [person for person, _a in members[g * PAL_GROUP_SIZE : (g + 1) * PAL_GROUP_SIZE]]
            for person in group_people:
                if not GroupMember.objects.filter(group=group, person=person).exists():
                    services.group_member_add(actor=actor, group=group, person=person, joined_on=starts_on)
            rng = random.Random(number * 100 + g)
            for k in range(SESSIONS_PER_GROUP):
                date = starts_on + dt.timedelta(days=7 + 28 * k + g % 5)
                if date > ends_on or date > today:
                    break
                remote = date >= D(2020, 3, 12)
                session_topic = session_topics[k % len(session_topics)] + (" (zdalnie)" if remote else "")
                session = GroupSession.objects.filter(
                    group=group, date=date, topic=session_topic
                ).first() or services.group_session_create(
                    actor=actor, group=group, date=date, topic=session_topic, duration_minutes=90 if remote else 180
                )
                if not Attendance.objects.filter(session=session).exists():
                    services.attendance_record(
                        actor=actor, session=session, entries=[(person, rng.random() < 0.82) for person in group_people]
                    )
    for index, (person, application) in enumerate(participants):
        if index % 2:  # reintegration paths for a sample: every other participant, 40 in all
            continue
        path_index = index // 2
        round_start, round_end = (ROUNDS[0][1], ROUNDS[0][2]) if index < per_round else (ROUNDS[1][1], ROUNDS[1][2])
        variant = path_index % len(PATH_ASSESSMENTS)
        if index % 8 == 4:
            variant = 2  # the violence support group of each round draws its own participants' paths
        _build_plan(
            actor,
            programme=programme,
            person=person,
            application=application,
            kind=PlanKind.REINTEGRATION_PATH,
            started_on=round_start - dt.timedelta(days=7) + dt.timedelta(days=path_index % 5),
            social_worker=worker,
            assessment=PATH_ASSESSMENTS[variant],
            goals=PATH_GOALS[variant],
            actions=PATH_ACTIONS[variant],
            outcome=_wroclaw_outcome(path_index, round_end),
            review_findings="Regularny udział w zajęciach grupy; działania realizowane zgodnie ze ścieżką.",
        )
    for index, (_person, application) in enumerate(participants):
        _end_participation(actor, application, (ROUNDS[0] if index < per_round else ROUNDS[1])[2])
    for name, held_on, people, description in INITIATIVES:
        if (
            held_on <= today
            and not SocialInitiative.objects.filter(programme=programme, name=name, held_on=held_on).exists()
        ):
            services.initiative_create(
                actor=actor,
                programme=programme,
                name=name,
                held_on=held_on,
                participants_count=people,
                description=description,
            )


# --- Powiat płocki: Liderzy kooperacji ----------------------------------------------------------

# gmina (name, locative, powiat, powiat seat in locative)
GMINY = [
    ("Bodzanów", "Bodzanowie", "płocki", "Płocku"),
    ("Słubice", "Słubicach", "płocki", "Płocku"),
    ("Bielsk", "Bielsku", "płocki", "Płocku"),
    ("Sochocin", "Sochocinie", "płoński", "Płońsku"),
    ("Zawidz", "Zawidzu", "sierpecki", "Sierpcu"),
    ("Iłów", "Iłowie", "sochaczewski", "Sochaczewie"),
    ("Lubowidz", "Lubowidzu", "żuromiński", "Żurominie"),
    ("Szczawin Kościelny", "Szczawinie Kościelnym", "gostyniński", "Gostyninie"),
]


def _gpzk_members(gmina: str, loc: str, seat: str) -> list[tuple[str, str, str]]:
    return [
        (f"Gminny Ośrodek Pomocy Społecznej w {loc}", "ops", "animator – pracownik socjalny"),
        (f"Urząd Gminy {gmina}", "local_government", "sekretarz gminy"),
        (f"Szkoła Podstawowa w {loc}", "education", "pedagog szkolny"),
        (f"Gminna Biblioteka Publiczna w {loc}", "culture", "dyrektor"),
        (f"Posterunek Policji w {loc}", "police", "dzielnicowy"),
        (f"Koło Gospodyń Wiejskich w {loc}", "ngo", "przewodnicząca"),
        (f"Poradnia Psychologiczno-Pedagogiczna w {seat}", "counselling", "psycholog"),
        (f"Ośrodek Zdrowia w {loc}", "health", "pielęgniarka środowiskowa"),
    ]


def _pzk_members(gmina: str, loc: str, seat: str, with_pcpr: bool) -> list[tuple[str, str, str]]:
    members = [
        (f"Gminny Ośrodek Pomocy Społecznej w {loc}", "ops", "animator – pracownik socjalny"),
        (f"Szkoła Podstawowa w {loc}", "education", "pedagog szkolny"),
        (f"Posterunek Policji w {loc}", "police", "dzielnicowy"),
        (f"Sąd Rejonowy w {seat} – zespół kuratorskiej służby sądowej", "court", "kurator rodzinny"),
        (f"Powiatowy Urząd Pracy w {seat}", "labour_market", "doradca zawodowy"),
        (f"Ochotnicza Straż Pożarna w {loc}", "ngo", "prezes"),
    ]
    if with_pcpr:
        members.append((f"Powiatowe Centrum Pomocy Rodzinie w {seat}", "pcpr", "koordynator pieczy zastępczej"))
    return members


def _team(actor, programme, *, name, kind, formed_on, area, milestone, members) -> CooperationTeam:
    team = CooperationTeam.objects.filter(programme=programme, name=name).first() or services.team_create(
        actor=actor, programme=programme, name=name, kind=kind, formed_on=formed_on, area=area, milestone=milestone
    )
    present = set(team.members.annotate(key=Lower("institution_name")).values_list("key", flat=True))
    for index, (institution, institution_type, representative) in enumerate(members):
        if institution.lower() in present:
            continue
        joined_on = formed_on + dt.timedelta(days=0 if index < 4 else 7 * (index - 3))
        services.team_member_add(
            actor=actor,
            team=team,
            institution_name=institution,
            institution_type=institution_type,
            joined_on=joined_on,
            representative=representative,
        )
    return team


def load_liderzy(actor) -> None:
    programme = _programme("powiat-plocki", "liderzy-kooperacji")
    if programme is None:
        return
    _team(
        actor,
        programme,
        name="Zespół ds. Modelu – województwo mazowieckie",
        kind=TeamKind.MODEL_TEAM,
        formed_on=D(2018, 5, 7),
        area="województwo mazowieckie",
        milestone=1,
        members=[
            ("Mazowieckie Centrum Polityki Społecznej w Warszawie", "regional", "koordynator projektu"),
            ("Starostwo Powiatowe w Płocku", "local_government", "naczelnik wydziału"),
            ("Powiatowe Centrum Pomocy Rodzinie w Płocku", "pcpr", "dyrektor"),
        ],
    )
    for index, (gmina, loc, powiat, seat) in enumerate(GMINY):
        _team(
            actor,
            programme,
            name=f"G-PZK Gmina {gmina}",
            kind=TeamKind.G_PZK,
            formed_on=D(2018, 6, 4) + dt.timedelta(days=7 * index),
            area=f"gmina {gmina}, powiat {powiat}",
            milestone=1,
            members=_gpzk_members(gmina, loc, seat)[: 6 + index % 3],
        )
    for index, (gmina, loc, powiat, seat) in enumerate(GMINY[:6]):  # "Dobór 6G i 4P do udziału w pilotażu"
        _team(
            actor,
            programme,
            name=f"PZK Gmina {gmina}",
            kind=TeamKind.PZK,
            formed_on=D(2019, 5, 6) + dt.timedelta(days=7 * index),
            area=f"gmina {gmina}, powiat {powiat}",
            milestone=2,
            members=_pzk_members(gmina, loc, seat, with_pcpr=index in {0, 3, 4, 5}),
        )
    # One institution left its team after the pilot: the history stays, the count of joins too.
    member = CooperationTeamMember.objects.filter(
        team__programme=programme,
        team__name="G-PZK Gmina Lubowidz",
        institution_name__startswith="Koło Gospodyń",
        left_on__isnull=True,
    ).first()
    if member is not None:
        services.team_member_leave(actor=actor, member=member, left_on=D(2019, 3, 27))


def load(actor=ACTOR) -> None:
    load_sopot(actor)
    load_wroclaw(actor)
    load_liderzy(actor)
