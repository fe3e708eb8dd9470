"""Demo data of the register: every programme and project on the five seed pages
(shared/seeds/), with the figures exactly as published. What a page does not give is left
empty (``None``); an entry a page repeats (AOON 2023 and OW 2023 on seed 000) is one record.

Idempotent: programmes are looked up by (organisation slug, programme slug), child rows by
their natural key (source, name, label, text, url, title), and only what is missing is added.
Notes on reading the pages are in docs/programmes.md.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from wsparcie.core.models import Organisation
from wsparcie.programmes import services
from wsparcie.programmes.choices import (
    DocumentKind,
    LimitAppliesTo,
    LimitPeriod,
    LimitUnit,
    MilestoneStatus,
    PartnerRole,
    PeriodPrecision,
    ProgrammeKind,
    ProgrammeStatus,
    TargetKind,
)
from wsparcie.programmes.models import Programme

ACTOR = "demo-loader"
D = Decimal

SERIES = {
    ("mops-plock", "asystent-osobisty"): "Asystent osobisty osoby niepełnosprawnej",
    ("mops-plock", "opieka-wytchnieniowa"): "Opieka wytchnieniowa",
    ("mops-plock", "korpus-wsparcia-seniorow"): "Korpus Wsparcia Seniorów",
}

PLOCK_CONTACT = "Siedziba Działu Obsługi Projektów: MOPS w Płocku, ul. Zgliczyńskiego 4, pokój 107\ntel. 24/364 02 78"
FS_BASIS = "Dofinansowany ze środków Państwowego Funduszu Celowego Funduszu Solidarnościowego."
AOON_GOAL = (
    "Głównym celem Programu jest wprowadzenie usług asystenta jako formy ogólnodostępnego wsparcia "
    "w wykonywaniu codziennych czynności oraz funkcjonowaniu w życiu społecznym."
)
AOON_GROUP = (
    "Osoby posiadające orzeczenie o niepełnosprawności:\n"
    "a. w stopniu znacznym lub\n"
    "b. w stopniu umiarkowanym lub\n"
    "c. traktowane na równi do wyżej wymienionych zgodnie z art. 5 i art. 62 ustawy z dnia 27 sierpnia 1997 r. "
    "o rehabilitacji zawodowej i społecznej oraz zatrudnianiu osób niepełnosprawnych (Dz. U. z 2021 r. poz. 573)."
)
AOON_ACTIVITIES = [
    "wykonywanie czynności dnia codziennego dla uczestnika Programu",
    "wyjście, powrót lub dojazdy z uczestnikiem Programu w wybrane przez uczestnika miejsce",
    "załatwianie spraw urzędowych",
    "korzystanie z dóbr kultury (np. muzeum, teatr, kino, galeria sztuki, wystawy)",
]
OW_GOAL = (
    "Głównym celem Programu jest doraźne, czasowe wsparcie opiekunów osób niepełnosprawnych mające odciążyć ich "
    "od codziennych obowiązków związanych ze sprawowaniem opieki i zapewnić czas na odpoczynek i regenerację."
)
OW_GROUP = (
    "Opiekunowie lub członkowie rodzin sprawujący bezpośrednią opiekę nad:\n"
    "1. dziećmi z orzeczeniem o niepełnosprawności,\n"
    "2. osobami posiadającymi orzeczenie o znacznym stopniu niepełnosprawności lub orzeczenie równoważne."
)
OW_LIMIT = {
    "label": "Usługi opieki wytchnieniowej",
    "quantity": D("240"),
    "unit": LimitUnit.HOUR,
    "period": LimitPeriod.PROGRAMME,
    "applies_to": LimitAppliesTo.PARTICIPANT,
    "note": "Limit usług opieki wytchnieniowej przypadających na 1 uczestnika wynosi nie więcej niż 240 godzin "
    "przez cały okres trwania Programu.",
}
KWS_BASIS_2023 = (
    "Finansowany ze środków pochodzących z dotacji celowej budżetu państwa w zakresie realizacji przez gminy "
    "zadania własnego, określonego w art. 17 ust. 2 pkt 4 ustawy z dnia 12 marca 2004 r. o pomocy społecznej "
    "(Dz. U. z 2021 r. poz. 2268, z późn. zm.), zwanej dalej „ustawą o pomocy społecznej”."
)
KWS_GOAL = (
    "Głównym celem Programu (Moduł II) jest poprawa bezpieczeństwa oraz możliwości samodzielnego funkcjonowania "
    "w miejscu zamieszkania dla osób starszych przez zwiększanie dostępu do tzw. „opieki na odległość”."
)
KWS_GROUP = (
    "60 seniorów w wieku 65+ zamieszkujących na terenie Miasta Płocka, którzy mają problemy związane "
    "z samodzielnym funkcjonowaniem ze względu na stan zdrowia, prowadzących samodzielne gospodarstwa domowe lub "
    "mieszkający z osobami bliskimi, które nie są w stanie zapewnić im wystarczającej opieki w codziennym "
    "funkcjonowaniu w zakresie odpowiadającym ich potrzebom."
)
KWS_ACTIVITIES = [
    "udzielenie seniorom tzw. „opaski bezpieczeństwa”",
    "bieżące monitorowanie w miejscu zamieszkania, co pozwala na natychmiastową reakcję w sytuacji zagrożenia "
    "zdrowia lub życia",
]
RPO_WM = "Regionalny Program Operacyjny Województwa Mazowieckiego na lata 2014–2020"
AXIS_IX = "IX. Wspieranie włączenia społecznego i walka z ubóstwem"
MEASURE_91 = "9.1 Aktywizacja społeczno-zawodowa osób wykluczonych i przeciwdziałanie wykluczeniu społecznemu"
MEASURE_92 = "9.2 Usługi społeczne i usługi opieki zdrowotnej"
SUB_921 = "9.2.1 Zwiększenie dostępności usług społecznych"
POKL = "Program Operacyjny Kapitał Ludzki"
PRIORITY_VII = "VII. Promocja integracji społecznej"
MEASURE_72 = "7.2 Przeciwdziałanie wykluczeniu i wzmocnienie sektora ekonomii społecznej"
POWER = "Program Operacyjny Wiedza Edukacja Rozwój 2014–2020"
AXIS_II = "II. Efektywne polityki publiczne dla rynku pracy, gospodarki i edukacji"
RPO_WP = "Regionalny Program Operacyjny Województwa Pomorskiego na lata 2014–2020"
PERSPECTIVE_2014 = "perspektywa finansowania 2014–2020"
PERSPECTIVE_2007 = "perspektywa finansowania 2007–2013"


def _plock(**entry) -> dict:
    entry.setdefault("organisation", "mops-plock")
    entry.setdefault("contact", PLOCK_CONTACT)
    entry.setdefault("status", ProgrammeStatus.COMPLETED)  # seed 000: „Zrealizowane programy i projekty”
    return entry


PROGRAMMES: list[dict] = [
    # ---------------------------------------------------------------- seed 000: MOPS Płock
    _plock(
        slug="korpus-wsparcia-seniorow-2023",
        series="korpus-wsparcia-seniorow",
        name="Korpus Wsparcia Seniorów na rok 2023",
        kind=ProgrammeKind.MINISTRY,
        edition="2023",
        legal_basis=KWS_BASIS_2023,
        grant_amount=D("20042.00"),
        own_contribution=D("5011.00"),
        total_value=D("25053.00"),
        period_start=date(2023, 6, 1),
        period_end=date(2023, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="VI–XII 2023",
        goal=KWS_GOAL,
        target_group=KWS_GROUP,
        planned_participants=60,
        fundings=[("budzet-panstwa", D("20042.00")), ("srodki-wlasne-gminy", D("5011.00"))],
        partners=[("Ministerstwo Rodziny, Pracy i Polityki Społecznej", PartnerRole.FUNDER)],
        activities=KWS_ACTIVITIES,
        links=[
            (
                "Szczegółowe informacje (gov.pl)",
                "https://www.gov.pl/web/uw-mazowiecki/korpus-wsparcia-seniorow-na-rok-2023",
            )
        ],
    ),
    _plock(
        slug="asystent-osobisty-2023",
        series="asystent-osobisty",
        name="Asystent osobisty osoby niepełnosprawnej – edycja 2023",
        kind=ProgrammeKind.MINISTRY,
        edition="2023",
        legal_basis=FS_BASIS,
        grant_amount=D("911001.37"),
        total_value=D("911001.37"),
        period_start=date(2023, 3, 1),
        period_end=date(2023, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="III–XII 2023",
        goal=AOON_GOAL,
        target_group=AOON_GROUP,
        planned_participants=70,
        fundings=[("fundusz-solidarnosciowy", D("911001.37"))],
        activities=AOON_ACTIVITIES,
        links=[
            (
                "Szczegółowe informacje (gov.pl)",
                "https://www.gov.pl/web/rodzina/ogloszenie-o-naborze-wnioskow-w-ramach-programu-resortowego-ministra-"
                "rodziny-i-polityki-spoecznej-asystent-osobisty-osoby-niepelnosprawnej---edycja-2023",
            )
        ],
    ),
    _plock(
        slug="opieka-wytchnieniowa-2023",
        series="opieka-wytchnieniowa",
        name="Opieka wytchnieniowa – edycja 2023",
        kind=ProgrammeKind.MINISTRY,
        edition="2023",
        legal_basis=FS_BASIS,
        grant_amount=D("109774.94"),
        total_value=D("109774.94"),
        period_start=date(2023, 3, 1),
        period_end=date(2023, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="III–XII 2023",
        goal=OW_GOAL,
        target_group=OW_GROUP,
        planned_participants=11,
        fundings=[("fundusz-solidarnosciowy", D("109774.94"))],
        limits=[OW_LIMIT],
        links=[
            # The page repeats this entry; each copy links a slightly different address. Both are kept.
            (
                "Szczegółowe informacje (gov.pl)",
                "https://www.gov.pl/web/rodzina/ogloszenie-o-naborze-wnioskow-w-ramach-programu-resortowego-ministra-"
                "rodziny-i-polityki-spoecznej-opieka-wytchnieniowa---edycja-2023",
            ),
            (
                "Szczegółowe informacje (gov.pl, drugi odnośnik ze strony)",
                "https://www.gov.pl/web/rodzina/ogloszenie-o-naborze-wnioskow-w-ramach-programu-resortowego-ministra-"
                "rodziny-i-polityki-spolecznej-opieka-wytchnieniowa---edycja-2023",
            ),
        ],
    ),
    _plock(
        slug="asystent-osobisty-2022",
        series="asystent-osobisty",
        name="Asystent osobisty osoby niepełnosprawnej – edycja 2022",
        kind=ProgrammeKind.MINISTRY,
        edition="2022",
        legal_basis=FS_BASIS,
        grant_amount=D("906971.25"),
        total_value=D("906971.25"),
        period_start=date(2022, 3, 1),
        period_end=date(2022, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="III–XII 2022",
        goal=AOON_GOAL,
        target_group=AOON_GROUP,
        planned_participants=60,
        fundings=[("fundusz-solidarnosciowy", D("906971.25"))],
        activities=AOON_ACTIVITIES,
        links=[
            (
                "Szczegółowe informacje (gov.pl)",
                "https://www.gov.pl/web/rodzina/Program-Asystent-osobisty-osoby-niepełnosprawnej-edycja-2022",
            )
        ],
    ),
    _plock(
        slug="opieka-wytchnieniowa-2022",
        series="opieka-wytchnieniowa",
        name="Opieka wytchnieniowa – edycja 2022",
        kind=ProgrammeKind.MINISTRY,
        edition="2022",
        legal_basis=FS_BASIS,
        grant_amount=D("97920.00"),
        total_value=D("97920.00"),
        period_start=date(2022, 5, 1),
        period_end=date(2022, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="V–XII 2022",
        goal=OW_GOAL,
        target_group=OW_GROUP,
        planned_participants=10,
        fundings=[("fundusz-solidarnosciowy", D("97920.00"))],
        limits=[OW_LIMIT],
        links=[
            (
                "Szczegółowe informacje (gov.pl)",
                "https://www.gov.pl/web/rodzina/program-opieka-wytchnieniowa---edycja-2022",
            )
        ],
    ),
    _plock(
        slug="korpus-wsparcia-seniorow-2022",
        series="korpus-wsparcia-seniorow",
        name="Korpus Wsparcia Seniorów na rok 2022",
        kind=ProgrammeKind.MINISTRY,
        edition="2022",
        legal_basis="Finansowany z Funduszu Przeciwdziałania COVID-19.",
        grant_amount=D("69000.00"),
        total_value=D("69000.00"),
        period_start=date(2022, 5, 1),
        period_end=date(2022, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="V–XII 2022",
        goal=KWS_GOAL,
        target_group=KWS_GROUP,
        planned_participants=60,
        fundings=[("fundusz-covid-19", D("69000.00"))],
        partners=[("Ministerstwo Rodziny i Polityki Społecznej", PartnerRole.FUNDER)],
        activities=KWS_ACTIVITIES,
        links=[
            ("Szczegółowe informacje (gov.pl)", "https://www.gov.pl/attachment/19fb12c6-89f6-45b9-9c4e-0e6d225c9544")
        ],
    ),
    _plock(
        slug="posilek-w-szkole-i-w-domu-2021",
        name="Posiłek w szkole i w domu",
        kind=ProgrammeKind.GOVERNMENT,
        edition="2021",
        legal_basis=(
            "Realizacja na terenie Gminy – Miasto Płock wieloletniego programu rządowego „Posiłek w szkole i w domu” "
            "w 2021 r. dofinansowana jest ze środków budżetu państwa w ramach dotacji celowej."
        ),
        total_value=D("3000000.00"),
        grant_amount=D("1800000.00"),
        period_start=date(2021, 1, 1),
        period_end=date(2021, 12, 31),
        period_precision=PeriodPrecision.YEAR,
        period_label="2021",
        goal=(
            "Program „Posiłek w szkole i w domu” zapewnia udzielanie pomocy m.in. w formie posiłku, świadczenia "
            "pieniężnego w postaci zasiłku celowego na zakup posiłku lub żywności."
        ),
        target_group=(
            "Dzieci i młodzież oraz osoby dorosłe – spełniające warunki otrzymania pomocy wskazane w ustawie z dnia "
            "12 marca 2004 r. o pomocy społecznej oraz kryterium dochodowe, tj. 150% kryterium dochodowego "
            "uprawniającego do świadczeń z pomocy społecznej."
        ),
        description=(
            "W ramach realizacji zapewniana jest pomoc mieszkańcom miasta Płocka w formie zakupu posiłków wydawanych "
            "w stołówkach, jak też dowożonych osobom do miejsca ich zamieszkania oraz zasiłków celowych "
            "przeznaczonych na zakup posiłków lub żywności. Realizatorem Programu jest Miejski Ośrodek Pomocy "
            "Społecznej w Płocku."
        ),
        fundings=[("budzet-panstwa", D("1800000.00"))],
        activities=[
            "zakup posiłków wydawanych w stołówkach",
            "posiłki dowożone osobom do miejsca zamieszkania",
            "zasiłki celowe przeznaczone na zakup posiłków lub żywności",
        ],
    ),
    _plock(
        slug="asystent-osobisty-2021",
        series="asystent-osobisty",
        name="Asystent osobisty osoby niepełnosprawnej – edycja 2021",
        kind=ProgrammeKind.MINISTRY,
        edition="2021",
        legal_basis="Dofinansowano ze środków Państwowego Funduszu Celowego Funduszu Solidarnościowego.",
        grant_amount=D("224903.33"),
        total_value=D("224903.33"),
        goal=(
            "Program ma na celu zapewnienie dostępności do usługi asystenta tj. wsparcia w wykonywaniu codziennych "
            "czynności oraz funkcjonowaniu w życiu społecznym osób niepełnosprawnych."
        ),
        target_group=(
            "1. Dzieci do 16 roku życia z orzeczeniem o niepełnosprawności łącznie ze wskazaniem: konieczności stałej "
            "lub długotrwałej opieki lub pomocy innej osoby w związku ze znacznie ograniczoną możliwością samodzielnej "
            "egzystencji oraz konieczności stałego współdziałania na co dzień opiekuna dziecka w procesie jego "
            "leczenia, rehabilitacji i edukacji.\n"
            "2. Osoby niepełnosprawne posiadające orzeczenie o znacznym lub umiarkowanym stopniu niepełnosprawności "
            "wydane na podstawie ustawy z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz "
            "zatrudnieniu osób niepełnosprawnych albo orzeczenie równoważne do wyżej wymienionego."
        ),
        planned_participants=30,
        description=(
            "Asystent nie wykonuje działań za osobę niepełnosprawną (nie wyręcza jej), lecz wspiera ją w "
            "funkcjonowaniu.\n"
            "Uczestnik nie ponosi odpłatności za usługi asystenta.\n"
            "Pod opieką asystenta pozostaje tylko 1 uczestnik programu w danym czasie (opieka 1 na 1)."
        ),
        fundings=[("fundusz-solidarnosciowy", D("224903.33"))],
        activities=[
            "wspomaganie osoby niepełnosprawnej w komunikacji z otoczeniem, w tym pomoc w załatwianiu spraw urzędowych "
            "i innych",
            "pomoc w poruszaniu się po mieście i w korzystaniu ze środków transportu",
            "pomoc w docieraniu do szkół, miejsc pracy, na szkolenia oraz do placówek zajmujących się aktywizacją "
            "zawodową osób niepełnosprawnych",
            "towarzyszenie osobie niepełnosprawnej w kontaktach społecznych – udział w imprezach kulturalnych, wyjściach "
            "do kin, teatrów, muzeów, na koncerty, na spotkania towarzyskie, na zakupy itp.",
            "wspólne spędzanie czasu wolnego mające na celu rozwój zainteresowań",
            "wykonywanie czynności dnia codziennego",
        ],
        documents=[
            {
                "title": "Asystent osobisty osoby niepełnosprawnej 2021",
                "filename": "Asystent osobisty osoby niepełnosprawnej 2021.PDF",
                "size_kb": 75,
            }
        ],
    ),
    _plock(
        slug="wspolpraca-miedzysektorowa",
        name="Współpraca międzysektorowa na rzecz aktywnej integracji mieszkańców Miasta Płocka",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego w ramach Programu "
            "Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        grant_amount=D("414660.00"),
        eu_contribution=D("414660.00"),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_91,
        period_start=date(2020, 9, 1),
        period_end=date(2021, 8, 31),
        goal=(
            "Nabycie/podniesienie kompetencji lub kwalifikacji zawodowych i umiejętności społecznych adekwatnych do "
            "potrzeb rynku pracy przez 45 osób z niepełnosprawnościami zamieszkujących na terenie m. Płocka poprzez "
            "objęcie ich kompleksowym wsparciem w ramach instrumentów aktywnej integracji."
        ),
        target_group="Osoby z niepełnosprawnościami zamieszkujące na terenie m. Płocka.",
        planned_participants=45,
        fundings=[("efs", D("414660.00"))],
        documents=[
            {"title": "Współpraca międzysektorowa", "filename": "Współpraca międzysektorowa.PDF", "size_kb": 85}
        ],
    ),
    _plock(
        slug="teleopieka-pilotaz",
        name="Pilotażowy program wdrożenia usług opiekuńczych w formie teleopieki",
        kind=ProgrammeKind.REGIONAL,
        legal_basis="Program współfinansowany ze środków budżetu Województwa Mazowieckiego.",
        grant_amount=D("7414.50"),
        period_start=date(2020, 2, 21),
        period_end=date(2021, 12, 31),
        goal=(
            "Objęcie 30 osób zamieszkujących na terenie m. Płocka w wieku 60+ specjalistycznymi usługami opiekuńczymi "
            "w formie teleopieki."
        ),
        target_group="Osoby w wieku 60+ zamieszkujące na terenie m. Płocka.",
        planned_participants=30,
        fundings=[("budzet-wojewodztwa-mazowieckiego", D("7414.50"))],
        documents=[
            {"title": "Pilotażowy program teleopieki", "filename": "Pilotażowy program teleopieki.PDF", "size_kb": 95}
        ],
    ),
    _plock(
        slug="opieka-wytchnieniowa-2021",
        series="opieka-wytchnieniowa",
        name="Opieka wytchnieniowa – edycja 2021",
        kind=ProgrammeKind.MINISTRY,
        edition="2021",
        legal_basis=(
            "Program Ministra Rodziny i Polityki Społecznej, finansowany z Funduszu Solidarnościowego – Państwowych "
            "Funduszy Celowych."
        ),
        total_value=D("97920.00"),
        grant_amount=D("97920.00"),
        period_start=date(2021, 6, 1),
        period_end=date(2021, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="czerwiec–grudzień 2021",
        goal=(
            "Czasowe odciążenie członków rodzin lub opiekunów sprawujących bezpośrednią opiekę nad osobami "
            "niepełnosprawnymi od codziennych obowiązków związanych ze sprawowaniem opieki, zapewnienie czasu na "
            "regenerację i odpoczynek. W tym czasie opiekun może np. pójść na wizytę do lekarza, załatwić sprawę "
            "w urzędzie czy zrobić zakupy nie martwiąc się, że bliska mu osoba nie ma zapewnionej opieki."
        ),
        target_group=(
            "Członkowie rodzin lub opiekunowie sprawujący bezpośrednią opiekę nad:\n"
            "– dziećmi niepełnosprawnymi z orzeczeniem o niepełnosprawności,\n"
            "– osobami ze znacznym stopniem niepełnosprawności."
        ),
        planned_participants=10,
        description=(
            "Usługi opieki wytchnieniowej będą realizowane w miejscu zamieszkania osoby niepełnosprawnej w ramach "
            "pobytu dziennego. Realizatorem Programu będzie Miejski Ośrodek Pomocy Społecznej w Płocku "
            "ul. Zgliczyńskiego 4."
        ),
        contact=(
            "Więcej informacji można uzyskać na stronie www.mopsplock.eu lub pod numerem telefonu "
            "24 364 02 23, 24 364 02 38."
        ),
        fundings=[("fundusz-solidarnosciowy", D("97920.00"))],
        targets=[
            ("osoby ze znacznym stopniem niepełnosprawności", 5, TargetKind.PARTICIPANTS),
            ("dzieci niepełnosprawne", 5, TargetKind.PARTICIPANTS),
        ],
        limits=[
            {
                "label": "Usługi opieki wytchnieniowej dla członka rodziny lub opiekuna",
                "quantity": D("240"),
                "unit": LimitUnit.HOUR,
                "period": LimitPeriod.PROGRAMME,
                "applies_to": LimitAppliesTo.PARTICIPANT,
                "note": "W okresie czerwiec–grudzień 2021 r. w ilości 240 godzin dla członka rodziny lub opiekuna.",
            }
        ],
        links=[("Miejski Ośrodek Pomocy Społecznej w Płocku", "http://www.mopsplock.eu")],
    ),
    _plock(
        slug="wsparcie-dzieci-piecza-covid",
        name="Wsparcie dzieci umieszczonych w pieczy zastępczej w okresie epidemii COVID-19",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego i budżetu państwa "
            "w ramach Programu Operacyjnego Wiedza Edukacja Rozwój na lata 2014–2020."
        ),
        grant_amount=D("434577.18"),
        eu_contribution=D("434577.18"),
        operational_programme=POWER,
        priority_axis=AXIS_II,
        measure="2.8 Rozwój usług społecznych świadczonych w środowisku lokalnym",
        period_start=date(2020, 7, 30),
        period_end=date(2020, 11, 30),
        goal="Zapobieganie i ograniczenie negatywnych skutków wystąpienia COVID-19 w obszarze pieczy zastępczej.",
        fundings=[("efs", D("434577.18")), ("budzet-panstwa", None)],
        partners=[
            ("Ministerstwo Rodziny, Pracy i Polityki Społecznej", PartnerRole.LEADER),
            ("Wojewoda Mazowiecki", PartnerRole.PARTNER),
        ],
        durability=[
            {
                "subject": "Sprzęt multimedialny i miejsca kwarantanny",
                "description": (
                    "Zakupiony sprzęt multimedialny wykorzystywany jest przez dzieci i młodzież przebywające w rodzinnej "
                    "i instytucjonalnej pieczy zastępczej. Stworzone w ramach projektu miejsca kwarantanny nadal "
                    "funkcjonują i służą izolacji osób z podejrzeniem zarażenia wirusem Sars-Cov-2 lub chorych na "
                    "COVID-19."
                ),
            }
        ],
        documents=[
            {
                "title": "Wsparcie dzieci umieszczonych w pieczy zastępczej",
                "filename": "Wsparcie dzieci umieszczonych w pieczy zastępczej.PDF",
                "size_kb": 103,
            }
        ],
    ),
    _plock(
        slug="uslugi-opiekuncze-2020",
        name="Usługi opiekuńcze dla osób niepełnosprawnych – edycja 2020",
        kind=ProgrammeKind.MINISTRY,
        edition="2020",
        legal_basis="Program współfinansowany ze środków Solidarnościowego Funduszu Wsparcia Osób Niepełnosprawnych.",
        grant_amount=D("487515.00"),
        period_start=date(2020, 7, 1),
        period_end=date(2020, 12, 31),
        period_precision=PeriodPrecision.MONTH,
        period_label="VII–XII 2020",
        goal=(
            "Wsparcie społeczne w formie usług opiekuńczych, w tym specjalistycznych usług opiekuńczych adresowanych "
            "do osób z niepełnosprawnościami."
        ),
        target_group=(
            "– osoby niepełnosprawne w wieku do 75 roku życia z orzeczeniem o znacznym stopniu niepełnosprawności lub "
            "równoważnym,\n"
            "– dzieci do 16 roku życia z orzeczeniem o niepełnosprawności ze szczególnymi wskazaniem – konieczności "
            "stałej lub długotrwałej opieki lub pomocy innej osoby w związku ze znacznie ograniczoną możliwością "
            "samodzielnej egzystencji oraz konieczności stałego współudziału na co dzień opiekuna dziecka w procesie "
            "jego leczenia, rehabilitacji i edukacji,\n"
            "z wyłączeniem specjalistycznych usług opiekuńczych dla osób z zaburzeniami psychicznymi."
        ),
        results=(
            "Rezultatem realizacji programu będzie umożliwienie osobom niepełnosprawnym samodzielnego funkcjonowania "
            "w lokalnym środowisku."
        ),
        fundings=[("sfwon", D("487515.00"))],
        documents=[{"title": "Usługi opiekuńcze 2020", "filename": "Usługi opiekuńcze 2020.PDF", "size_kb": 67}],
    ),
    _plock(
        slug="opieka-wytchnieniowa-2020",
        series="opieka-wytchnieniowa",
        name="Opieka wytchnieniowa – edycja 2020",
        kind=ProgrammeKind.MINISTRY,
        edition="2020",
        legal_basis="Program współfinansowany ze środków Solidarnościowego Funduszu Wsparcia Osób Niepełnosprawnych.",
        period_start=date(2020, 7, 1),
        period_end=date(2020, 12, 31),
        goal="Objęcie 14 osób niepełnosprawnych opieką wytchnieniową świadczoną w miejscu zamieszkania.",
        planned_participants=14,
        fundings=[("sfwon", None)],
    ),
    _plock(
        slug="asystent-osobisty-2020",
        series="asystent-osobisty",
        name="Asystent osobisty osoby niepełnosprawnej – edycja 2020",
        kind=ProgrammeKind.MINISTRY,
        edition="2020",
        legal_basis="Program współfinansowany ze środków Solidarnościowego Funduszu Wsparcia Osób Niepełnosprawnych.",
        grant_amount=D("422612.55"),
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
        goal=(
            "Objęcie 44 osób ze znacznym lub umiarkowanym stopniem niepełnosprawności specjalistycznymi usługami "
            "opiekuńczymi w formie usług asystenckich w wymiarze 30 h miesięcznie."
        ),
        target_group="Osoby ze znacznym lub umiarkowanym stopniem niepełnosprawności.",
        planned_participants=44,
        description=(
            "Zakres realizowanych usług dostosowany jest do indywidualnych potrzeb, możliwości i ograniczeń osoby "
            "niepełnosprawnej. Asystenci udzielają wsparcia w zakresie wykonywania czynności dnia codziennego, "
            "załatwiania spraw urzędowych, przemieszczania się, uczestnictwa osoby niepełnosprawnej w życiu kulturalnym "
            "i społecznym."
        ),
        results=(
            "Projekt wspiera ideę deinstytucjonalizacji, a jego rezultatem jest umożliwienie osobom niepełnosprawnym "
            "samodzielnego funkcjonowania w lokalnym środowisku."
        ),
        fundings=[("sfwon", D("422612.55"))],
        activities=[
            "wykonywanie czynności dnia codziennego",
            "załatwianie spraw urzędowych",
            "przemieszczanie się",
            "uczestnictwo osoby niepełnosprawnej w życiu kulturalnym i społecznym",
        ],
        limits=[
            {
                "label": "Usługi asystenckie",
                "quantity": D("30"),
                "unit": LimitUnit.HOUR,
                "period": LimitPeriod.MONTH,
                "applies_to": LimitAppliesTo.PARTICIPANT,
                "note": "W wymiarze 30 h miesięcznie.",
            }
        ],
        documents=[{"title": "Asystent osobisty 202", "filename": "Asystent osobisty 202.PDF", "size_kb": 88}],
    ),
    _plock(
        slug="smartcare",
        name="SmartCare – organizacja usług społecznych z wykorzystaniem nowoczesnych TIK",
        short_name="SmartCare",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego w ramach Programu "
            "Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        grant_amount=D("1130611.20"),
        eu_contribution=D("1130611.20"),
        operational_programme=RPO_WM,
        priority_axis="IX. Wsparcie włączenia społecznego i walka z ubóstwem",
        measure=MEASURE_92,
        sub_measure=SUB_921,
        period_start=date(2018, 9, 1),
        period_end=date(2020, 8, 31),
        goal=(
            "Zwiększenie niezależnego funkcjonowania w środowisku zapobiegającym odizolowaniu od rodziny i lokalnej "
            "społeczności 40 osób niepełnosprawnych korzystających z pomocy społecznej oraz wsparcie 10 opiekunów "
            "faktycznych w okresie realizacji projektu."
        ),
        planned_participants=50,
        fundings=[("efs", D("1130611.20"))],
        targets=[
            ("osoby niepełnosprawne korzystające z pomocy społecznej", 40, TargetKind.PARTICIPANTS),
            ("opiekunowie faktyczni", 10, TargetKind.PARTICIPANTS),
        ],
        durability=[
            {
                "subject": "Miejsca świadczenia usług społecznych (opiekuńczych i asystenckich) i wypożyczalnia sprzętu",
                "description": (
                    "Beneficjent zapewnia trwałość miejsc świadczenia usług społecznych: opiekuńczych i asystenckich. "
                    "Utworzona w ramach projektu wypożyczalnia sprzętu medyczno-rehabilitacyjnego nadal funkcjonuje "
                    "i oferuje bezpłatną możliwość użyczenia sprzętu mieszkańcom Płocka. Zakupiony sprzęt "
                    "rehabilitacyjny wykorzystywany jest w ramach działalności wypożyczalni."
                ),
            }
        ],
        documents=[{"title": "SmarCare", "filename": "SmarCare.PDF", "size_kb": 181}],
    ),
    _plock(
        slug="moj-dom-moje-miejsce",
        name="Mój dom – moje miejsce",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego i budżetu państwa "
            "w ramach Regionalnego Programu Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        grant_amount=D("774539.08"),
        eu_contribution=D("774539.08"),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_92,
        sub_measure=SUB_921,
        period_start=date(2018, 5, 1),
        period_end=date(2020, 4, 30),
        goal=(
            "Rozwój usług świadczonych na poziomie lokalnych społeczności na rzecz 18 rodzin oraz 14 dzieci poprzez "
            "realizację w Mieście Płocku programu deinstytucjonalizacji usług społecznych, w tym doskonalenia "
            "zawodowego 31 osób zajmujących się pieczą zastępczą w okresie 24 miesięcy realizacji projektu."
        ),
        fundings=[("efs", D("774539.08")), ("budzet-panstwa", None)],
        targets=[
            ("rodziny", 18, TargetKind.PARTICIPANTS),
            ("dzieci", 14, TargetKind.PARTICIPANTS),
            ("osoby zajmujące się pieczą zastępczą (doskonalenie zawodowe)", 31, TargetKind.PARTICIPANTS),
        ],
        durability=[
            {
                "subject": "Wiedza i umiejętności opiekuńczo-wychowawcze rodzin",
                "description": (
                    "Rodziny objęte wsparciem w ramach projektu zdobyły wiedzę i umiejętności opiekuńczo-wychowawcze "
                    "pozwalające im na prawidłowe pełnienie ról rodzicielskich."
                ),
            }
        ],
        documents=[{"title": "Mój dom", "filename": "Mój dom.PDF", "size_kb": 123}],
    ),
    _plock(
        slug="uslugi-spoleczne-plock",
        name="Usługi społeczne świadczone w społeczności lokalnej na terenie m. Płocka",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego i budżetu państwa "
            "w ramach Regionalnego Programu Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        grant_amount=D("850575.36"),
        eu_contribution=D("850575.36"),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_92,
        sub_measure=SUB_921,
        period_start=date(2018, 1, 1),
        period_end=date(2019, 12, 31),
        goal=(
            "Zapobieganie rozwojowi dysfunkcji i marginalizacji społecznej wśród 181 dzieci i młodzieży oraz 50 rodzin "
            "poprzez wzmacnianie działań interwencyjnych prowadzonych przez placówki wsparcia dziennego na terenie "
            "miasta Płocka w okresie 01.01.2018 r. – 31.12.2019 r."
        ),
        fundings=[("efs", D("850575.36")), ("budzet-panstwa", None)],
        targets=[
            ("dzieci i młodzież", 181, TargetKind.PARTICIPANTS),
            ("rodziny", 50, TargetKind.PARTICIPANTS),
        ],
        durability=[
            {
                "subject": "Placówka wsparcia dziennego i miejsca świadczenia usług społecznych",
                "places": 20,
                "description": (
                    "Beneficjent zapewnia trwałość miejsc świadczenia usług społecznych. Utworzona placówka wsparcia "
                    "dziennego funkcjonuje po zakończeniu projektu i umożliwi wsparcie 20 dzieci. Pomoce dydaktyczne "
                    "oraz sprzęt zakupione w ramach projektu wykorzystywane są na realizację zadań w świetlicach "
                    "środowiskowych MOPS w Płocku."
                ),
            }
        ],
        documents=[{"title": "Usługi społeczne", "filename": "Usługi społeczne.PDF", "size_kb": 240}],
    ),
    _plock(
        slug="zawodowe-metamorfozy",
        name="Zawodowe metamorfozy",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego w ramach Regionalnego "
            "Programu Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_91,
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2014,
        goal=(
            "Zwiększenie aktywności społeczno-zawodowej oraz zapobieganie zjawisku wykluczenia społecznego i ubóstwa "
            "wśród 48 mieszkańców m. Płocka pozostających bez zatrudnienia, zagrożonych ubóstwem lub wykluczeniem "
            "społecznym, korzystających z pomocy MOPS w Płocku poprzez objęcie ich wsparciem w ramach instrumentów "
            "aktywnej integracji w okresie realizacji projektu."
        ),
        planned_participants=48,
        fundings=[("efs", None)],
    ),
    _plock(
        slug="centrum-wsparcia-rodzin",
        name="Centrum Wsparcia Rodzin – Płock dla rodziny",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego w ramach Regionalnego "
            "Programu Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_91,
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2014,
        goal=(
            "Podniesienie poziomu aktywizacji społecznej i zawodowej 50 rodzin pełnych zagrożonych ubóstwem "
            "i wykluczeniem społecznym, korzystających ze świadczeń Miejskiego Ośrodka Pomocy Społecznej w Płocku."
        ),
        planned_participants=50,
        fundings=[("efs", None)],
        targets=[("rodziny pełne zagrożone ubóstwem i wykluczeniem społecznym", 50, TargetKind.PARTICIPANTS)],
    ),
    _plock(
        slug="aktywnosc-kompetencje-praca",
        name="Aktywność – kompetencje – praca",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis=(
            "Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego w ramach Regionalnego "
            "Programu Operacyjnego Województwa Mazowieckiego na lata 2014–2020."
        ),
        operational_programme=RPO_WM,
        priority_axis=AXIS_IX,
        measure=MEASURE_91,
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2014,
        goal=(
            "Zwiększenie szans na aktywizację społeczną i zawodową osób wykluczonych/zagrożonych wykluczeniem "
            "społecznym oraz zapobieganie zjawisku wykluczenia społecznego i ubóstwa, poprzez objęcie wsparciem "
            "w ramach instrumentów aktywnej integracji 120 osób zagrożonych ubóstwem i wykluczeniem społecznym "
            "korzystających z pomocy Miejskiego Ośrodka Pomocy Społecznej w Płocku."
        ),
        planned_participants=120,
        fundings=[("efs", None)],
    ),
    _plock(
        slug="droga-do-aktywnosci",
        name="Droga do aktywności",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis="Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego.",
        operational_programme=POKL,
        priority_axis=PRIORITY_VII,
        measure="7.1 Rozwój i upowszechnianie aktywnej integracji",
        sub_measure=(
            "7.1.1 Rozwój i upowszechnianie aktywnej integracji przez ośrodki pomocy społecznej\n"
            "7.1.2 Rozwój i upowszechnianie aktywnej integracji przez powiatowe centra pomocy rodzinie"
        ),
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2007,
        goal=(
            "Zwiększenie aktywności zawodowej lub społecznej wśród 440 mieszkańców miasta Płocka (nieaktywnych "
            "zawodowo, w tym rodziców posiadających dzieci wymagające opieki, bezrobotnych niepełnosprawnych, osób "
            "w wieku aktywności zawodowej, zagrożonych wykluczeniem społecznym, korzystających z pomocy MOPS w Płocku)."
        ),
        planned_participants=440,
        fundings=[("efs", None)],
    ),
    _plock(
        slug="kis-nowa-perspektywa",
        name="KIS – Nowa Perspektywa",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis="Projekt współfinansowany przez Unię Europejską z Europejskiego Funduszu Społecznego.",
        operational_programme=POKL,
        priority_axis=PRIORITY_VII,
        measure=MEASURE_72,
        sub_measure="7.2.1 Aktywizacja zawodowa i społeczna osób zagrożonych wykluczeniem społecznym",
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2007,
        goal=(
            "Zwiększenie aktywności zawodowej lub społecznej mieszkańców miasta Płocka, którzy są zagrożeni "
            "wykluczeniem społecznym, poprzez objęcie 60 osób bezrobotnych oraz nieaktywnych zawodowo korzystających "
            "z pomocy Miejskiego Ośrodka Pomocy Społecznej w Płocku kompleksowym wsparciem szkoleniowo-doradczym "
            "w ramach działania Klubu Integracji Społecznej."
        ),
        planned_participants=60,
        fundings=[("efs", None)],
    ),
    _plock(
        slug="rozwin-skrzydla",
        name="Rozwiń skrzydła",
        kind=ProgrammeKind.EU_PROJECT,
        legal_basis="Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego.",
        operational_programme=POKL,
        priority_axis=PRIORITY_VII,
        measure=MEASURE_72,
        sub_measure="7.2.1 Aktywizacja zawodowa zagrożonych wykluczeniem społecznym",
        period_precision=PeriodPrecision.PERSPECTIVE,
        period_label=PERSPECTIVE_2007,
        goal=(
            "Ograniczenie zjawiska pozostawania bez zatrudnienia i poprawa dostępu do rynku pracy 84 mieszkańców "
            "województwa mazowieckiego – Miasta Płocka oraz 16 mieszkańców Gminy Sanniki."
        ),
        planned_participants=100,
        fundings=[("efs", None)],
        targets=[
            ("mieszkańcy Miasta Płocka", 84, TargetKind.PARTICIPANTS),
            ("mieszkańcy Gminy Sanniki", 16, TargetKind.PARTICIPANTS),
        ],
    ),
    # ---------------------------------------------------------------- seed 001: MOPS Sopot
    {
        "organisation": "mops-sopot",
        "slug": "deinstytucjonalizacja",
        "name": "Opracowanie i pilotażowe wdrożenie mechanizmów i planów deinstytucjonalizacji usług społecznych",
        "kind": ProgrammeKind.GRANT,
        "legal_basis": (
            "12 października 2022 r. Minister Rodziny i Polityki Społecznej podpisał z Gminą Miasta Sopotu Umowę "
            "o powierzenie grantu w ramach projektu grantowego realizowanego przez Ministerstwo Rodziny i Polityki "
            "Społecznej pt. „Opracowanie i pilotażowe wdrożenie mechanizmów i planów deinstytucjonalizacji usług "
            "społecznych”."
        ),
        "total_value": D("1371668.60"),
        "grant_amount": D("1371668.60"),
        "eu_contribution": D("1156042.29"),
        "operational_programme": POWER,
        "priority_axis": AXIS_II,
        "measure": "2.8 Rozwój usług społecznych świadczonych w środowisku lokalnym",
        "agreement_date": date(2022, 10, 12),
        "period_end": date(2023, 8, 31),
        "period_label": "do 31.08.2023 r.",
        "planned_participants": 20,
        "fundings": [("efs", D("1156042.29"))],
        "partners": [
            ("Ministerstwo Rodziny i Polityki Społecznej", PartnerRole.LEADER),
            ("Gmina Miasta Sopotu", PartnerRole.GRANTEE),
        ],
        "activities": [
            "opracowanie i wdrożenie lokalnego planu deinstytucjonalizacji usług społecznych",
            "objęcie 20 osób indywidualnym planem deinstytucjonalizacji",
            "szkolenia pracowników opieki instytucjonalnej",
        ],
        "targets": [("osoby objęte indywidualnym planem deinstytucjonalizacji", 20, TargetKind.PARTICIPANTS)],
    },
    {
        "organisation": "mops-sopot",
        "slug": "sopot-aktywni-mieszkancy-2",
        "name": "Sopot – Aktywni mieszkańcy (etap 2)",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": (
            "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego w ramach Regionalnego Programu "
            "Operacyjnego Województwa Pomorskiego na lata 2014–2020."
        ),
        "total_value": D("866140.81"),
        "grant_amount": D("736219.69"),
        "eu_contribution": D("736219.69"),
        "operational_programme": RPO_WP,
        "priority_axis": "6 „Integracja”",
        "measure": "6.1 „Aktywna integracja”",
        "sub_measure": "6.1.1 „Aktywizacja społeczno-zawodowa – mechanizm ZIT”",
        "goal": (
            "Zwiększenie aktywności społeczno-zawodowej osób zagrożonych ubóstwem lub wykluczeniem społecznym, w tym "
            "w szczególności osób z niepełnosprawnościami, poprzez realizację ścieżki reintegracji z wykorzystaniem "
            "usług aktywnej integracji o charakterze społecznym, zawodowym i edukacyjnym."
        ),
        "target_group": (
            "Osoby zagrożone ubóstwem lub wykluczeniem społecznym, w tym w szczególności osoby z niepełnosprawnościami."
        ),
        "description": (
            "Projekt „Sopot – Aktywni mieszkańcy (etap 2)” jest częścią Metropolitalnego Systemu Aktywizacji "
            "Społeczno-Zawodowej.\n\n"
            "W wyniku realizacji działań projektowych dla każdego uczestnika zostanie zaplanowana ścieżka reintegracji "
            "z wykorzystaniem zindywidualizowanych form wsparcia w celu wzmocnienia kompetencji społecznych, a także "
            "wyposażenia w kompetencje i kwalifikacje potrzebne na rynku pracy. Ponadto, każdy z uczestników zostanie "
            "objęty dodatkowymi działaniami, które będą wynikały z indywidualnych potrzeb odbiorców.\n\n"
            "Projekt realizowany jest przez Gminę Miasta Sopotu – realizatorem jest Miejski Ośrodek Pomocy Społecznej "
            "w Sopocie, w partnerstwie ze Stowarzyszeniem „Na Drodze Ekspresji”."
        ),
        "fundings": [("efs", D("736219.69"))],
        "partners": [
            ("Gmina Miasta Sopotu – realizator: Miejski Ośrodek Pomocy Społecznej w Sopocie", PartnerRole.IMPLEMENTER),
            ("Stowarzyszenie „Na Drodze Ekspresji”", PartnerRole.PARTNER),
        ],
        "activities": [
            "diagnoza funkcjonowania odbiorcy projektu",
            "stworzenie ścieżki",
            "poradnictwo psychologiczne",
            "doradztwo zawodowe",
            "szkolenia i kursy",
        ],
    },
    {
        "organisation": "mops-sopot",
        "slug": "sopot-dostepne-uslugi-2",
        "name": "Sopot – Dostępne Usługi (etap 2)",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": (
            "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego w ramach Regionalnego Programu "
            "Operacyjnego Województwa Pomorskiego na lata 2014–2020."
        ),
        "total_value": D("642808.05"),
        "grant_amount": D("546386.84"),
        "eu_contribution": D("546386.84"),
        "operational_programme": RPO_WP,
        "priority_axis": "6 „Integracja”",
        "measure": "6.2 „Usługi społeczne”",
        "sub_measure": "6.2.1 „Rozwój usług społecznych – mechanizm ZIT”",
        "goal": (
            "Zwiększenie dostępności do spersonalizowanych i zintegrowanych usług społecznych, świadczonych "
            "w lokalnej społeczności Sopotu."
        ),
        "target_group": (
            "Mieszkańcy o różnym stopniu niesamodzielności, w szczególności seniorzy, osoby z niepełnosprawnościami "
            "i z chorobami przewlekłymi oraz ich opiekunowie."
        ),
        "fundings": [("efs", D("546386.84"))],
        "partners": [
            ("Miejski Ośrodek Pomocy Społecznej w Sopocie", PartnerRole.IMPLEMENTER),
            ("Stowarzyszenie Na Drodze Ekspresji", PartnerRole.PARTNER),
        ],
        "activities": [
            (
                "Działania wspierające opiekunów faktycznych w opiece nad osobami niesamodzielnymi w postaci usług "
                "z zakresu wsparcia wytchnieniowego",
                "Telefon wsparcia opiekuna – telefon wsparcia dla opiekunów, gdzie będą mogli otrzymać wsparcie "
                "specjalisty – psychologa.",
            ),
            (
                "Działania wspierające opiekunów faktycznych w opiece nad osobami niesamodzielnymi w postaci usług "
                "z zakresu wsparcia wytchnieniowego",
                "Wizyty domowe psychologa – wzmacniające domowe wizyty psychologa dla opiekunów rodzinnych.",
            ),
            (
                "Działania wspierające opiekunów faktycznych w opiece nad osobami niesamodzielnymi w postaci usług "
                "z zakresu wsparcia wytchnieniowego",
                "Grupy wsparcia – udział opiekunów w grupach wsparcia nastawionych na dyskusję, wymianę doświadczeń, "
                "pomoc specjalisty.",
            ),
            (
                "Działania wspierające opiekunów faktycznych w opiece nad osobami niesamodzielnymi w postaci usług "
                "z zakresu wsparcia wytchnieniowego",
                "„Nauka wytchnienia dla siebie” – pakiet rehabilitacyjno-leczniczy dla opiekunów rodzinnych, osób "
                "niesamodzielnych. Szkolenia dla opiekunów rodzinnych z zakresu pielęgnacji i opieki nad osobami "
                "starszymi i niepełnosprawnymi.",
            ),
            (
                "Działania wspierające opiekunów faktycznych w opiece nad osobami niesamodzielnymi w postaci usług "
                "z zakresu wsparcia wytchnieniowego",
                "Opcjonalne, w zależności od potrzeb, zapewnienie opieki w postaci usług opiekuńczych.",
            ),
            (
                "Działania kompleksowe w zakresie rozwoju usług asystenckich dla osób z niepełnosprawnościami wraz "
                "ze wsparciem i aktywizacją społeczną osób niesamodzielnych",
                "Zapewnienie usług w postaci asystenta osoby niesamodzielnej, pełniącego funkcje kompensacyjne "
                "dostosowanej do zindywidualizowanych potrzeb beneficjenta usługi.",
            ),
            (
                "Działania kompleksowe w zakresie rozwoju usług asystenckich dla osób z niepełnosprawnościami wraz "
                "ze wsparciem i aktywizacją społeczną osób niesamodzielnych",
                "Działania klubu dla osób z niepełnosprawnościami – miejsca opieki krótkoterminowej stanowiącego "
                "równocześnie element w postaci m.in. animacji czasu wolnego odbiorców.",
            ),
        ],
    },
    {
        "organisation": "mops-sopot",
        "slug": "pomorskie-dzieciom",
        "name": "Pomorskie Dzieciom",
        "kind": ProgrammeKind.GRANT,
        "legal_basis": "Projekt grantowy realizowany w ramach Regionalnego Programu Operacyjnego Województwa Pomorskiego "
        "na lata 2014–2020.",
        "total_value": D("176040.00"),
        "grant_amount": D("176040.00"),
        "eu_contribution": D("166260.00"),
        "operational_programme": RPO_WP,
        "sub_measure": "6.2.2 Rozwój usług społecznych",
        "agreement_number": "23/U-ROPS-EFS/2021",
        "period_start": date(2021, 9, 1),
        "period_end": date(2022, 6, 30),
        "period_precision": PeriodPrecision.MONTH,
        "period_label": "09.2021–30.06.2022",
        "goal": (
            "Wsparcie w walce z epidemią COVID-19 osób zagrożonych ubóstwem lub wykluczeniem społecznym, tj. dzieci "
            "i młodzieży przebywających w rodzinnej i instytucjonalnej pieczy zastępczej (w tym opuszczających pieczę "
            "zastępczą) lub objętych opieką hospicjów domowych, jak również wsparcie kadry placówek instytucjonalnej "
            "pieczy zastępczej (placówek opiekuńczo-wychowawczych – POW i regionalnej placówki "
            "opiekuńczo-terapeutycznej – RPOT), wsparcie rodzin zastępczych i rodzinnych domów dziecka, pracowników "
            "organizatorów rodzinnej pieczy zastępczej pracujących bezpośrednio z rodzinami zastępczymi oraz kadry "
            "realizującej specjalistyczne usługi w hospicjach domowych dla dzieci."
        ),
        "target_group": (
            "Dzieci umieszczone w rodzinnej pieczy zastępczej, rodzice zastępczy, usamodzielniający się wychowankowie "
            "pieczy zastępczej oraz pracownicy organizatora rodzinnej pieczy zastępczej."
        ),
        "description": (
            "Projekt realizowany jest przez Gminę Miasta Sopotu – Grantobiorcą nr 1 jest Miejski Ośrodek Pomocy "
            "Społecznej w Sopocie, a Grantobiorcą nr 2 Dom Dziecka „Na Wzgórzu” w Sopocie."
        ),
        "fundings": [("efs", D("166260.00")), ("budzet-panstwa", D("9780.00"))],
        "partners": [
            ("Gmina Miasta Sopotu", PartnerRole.IMPLEMENTER),
            ("Miejski Ośrodek Pomocy Społecznej w Sopocie (Grantobiorca nr 1)", PartnerRole.GRANTEE),
            ("Dom Dziecka „Na Wzgórzu” w Sopocie (Grantobiorca nr 2)", PartnerRole.GRANTEE),
        ],
        "activities": [
            "sporządzenie diagnozy FAS",
            "organizacja terapii logopedycznej",
            "organizacja psychoterapii",
            "organizacja pomocy w zakresie korepetycji",
            "doposażenie pracowników organizatora pieczy zastępczej w sprzęt komputerowy",
            "przekazanie bonów edukacyjnych wychowankom pieczy zastępczej",
        ],
        "durability": [
            {
                "subject": "Miejsca świadczenia usług społecznych",
                "places": 15,
                "min_months": 10,
                "description": (
                    "Po zakończeniu realizacji grantu Miejski Ośrodek Pomocy Społecznej w Sopocie zobowiązuje się do "
                    "zachowania trwałości 15 miejsc świadczenia usług społecznych. W tym czasie będzie pozostawał "
                    "w gotowości do świadczenia wyżej wymienionych form wsparcia przez okres minimum 10 miesięcy. "
                    "Wskazane formy wsparcia świadczone będą w zakresie zbliżonym do usług świadczonych w ramach "
                    "projektu i w podobnej jakości, w zależności od indywidualnych potrzeb dzieci przebywających "
                    "w pieczy zastępczej i usamodzielniających się wychowanków."
                ),
            }
        ],
    },
    {
        "organisation": "mops-sopot",
        "slug": "zaangazowanie-zrozumienie-czas",
        "name": "Zaangażowanie – Zrozumienie – Czas. Wysoka jakość usług opiekuńczych w gminnych środowiskach lokalnych",
        "short_name": "Zaangażowanie – Zrozumienie – Czas",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": (
            "Projekt współfinansowany jest ze środków Europejskiego Funduszu Społecznego w ramach Programu Operacyjnego "
            "Województwa Pomorskiego na lata 2014–2020."
        ),
        "grant_amount": D("2014783.23"),
        "eu_contribution": D("2014783.23"),
        "operational_programme": RPO_WP,
        "priority_axis": "6. Integracja",
        "measure": "6.2. Usługi społeczne",
        "sub_measure": "6.2.2. Rozwój usług społecznych",
        "goal": (
            "– podniesienie jakości życia osób niesamodzielnych poprzez zapewnienie opieki i wsparcia aktywizacyjnego "
            "w miejscu zamieszkania i w najbliższym otoczeniu;\n"
            "– integracja samotnych seniorów ze społecznością lokalną, z rodzinami poprzez zajęcia animacyjne, "
            "środowiskowe, edukacyjne, międzypokoleniowe w małych grupach;\n"
            "– podniesienie wiedzy i umiejętności opiekuńczych opiekunów, sąsiedztwa, wolontariuszy, przygotowanie ich "
            "do świadczenia usług opiekuńczych w społeczności lokalnej;\n"
            "– wsparcie psychologiczne, specjalistyczne w realizacji usług opiekuńczych."
        ),
        "target_group": (
            "Osoby zagrożone ubóstwem lub wykluczeniem społecznym oraz ich rodziny, w tym przede wszystkim: seniorzy, "
            "osoby z niepełnosprawnościami i chorobami przewlekłymi, dzieci i młodzież, opiekunowie osób "
            "potrzebujących wsparcia w codziennym funkcjonowaniu, kandydaci oraz osoby sprawujące rodzinną pieczę "
            "zastępczą, usamodzielniani wychowankowie pieczy zastępczej."
        ),
        "description": (
            "Projekt partnerski Fundacji Niesiemy Pomoc, Gminy Miasta Sopotu (w której imieniu realizatorem jest "
            "Miejski Ośrodek Pomocy Społecznej w Sopocie) i sektora prywatnego.\n\n"
            "Projekt realizowany jest na terenie siedmiu gmin wiejskich i wiejsko-miejskich o wysokim stopniu "
            "wykluczenia społecznego, w powiatach: chojnickim, kościerskim, starogardzkim."
        ),
        "fundings": [("efs", D("2014783.23"))],
        "partners": [
            ("Fundacja Niesiemy Pomoc", PartnerRole.PARTNER),
            ("Gmina Miasta Sopotu – realizator: Miejski Ośrodek Pomocy Społecznej w Sopocie", PartnerRole.PARTNER),
            ("Partner z sektora prywatnego", PartnerRole.PARTNER),
        ],
        "activities": [
            "Trening dla kadr opiekuńczych w gminach objętych działaniami projektowymi, prowadzony przez Miejski Ośrodek "
            "Pomocy Społecznej w Sopocie. Zajęcia dotyczyć będą dobrych praktyk i standardów wsparcia opiekuńczego."
        ],
    },
    {
        "organisation": "mops-sopot",
        "slug": "dostepny-samorzad",
        "name": "Dostępny Samorząd – granty",
        "kind": ProgrammeKind.GRANT,
        "legal_basis": (
            "Dofinansowanie w ramach projektu „Dostępny Samorząd – granty”, realizowanego przez Państwowy Fundusz "
            "Rehabilitacji Osób Niepełnosprawnych, działanie 2.18 Programu Operacyjnego Wiedza Edukacja Rozwój na lata "
            "2014–2020."
        ),
        "operational_programme": POWER,
        "measure": "2.18",
        "goal": (
            "Poprawa dostępności do usług publicznych dla osób ze szczególnymi potrzebami, w tym osób "
            "z niepełnosprawnościami."
        ),
        "target_group": "Osoby ze szczególnymi potrzebami, w tym osoby z niepełnosprawnościami.",
        "description": (
            "Przedsięwzięcie pt. „Likwidacja barier w sopockich jednostkach miejskich w celu poprawy dostępności usług "
            "publicznych”."
        ),
        "fundings": [("pfron", None)],
        "partners": [("Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych", PartnerRole.FUNDER)],
        "activities": [
            "Montaż windy w budynku przy ul. Kolejowej, dzięki czemu osoby z niepełnosprawnościami ruchowymi będą mogły "
            "korzystać z pełnej dostępności do piętra i pomieszczeń MOPS.",
            "Wsparcie doradcze dla pracowników MOPS w zakresie dostępności cyfrowej i informacyjno-komunikacyjnej.",
        ],
    },
    # ---------------------------------------------------------------- seed 002: Powiat Płocki
    {
        "organisation": "powiat-plocki",
        "slug": "liderzy-kooperacji",
        "name": "Liderzy kooperacji",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": "Projekt finansowany ze środków EFS na lata 2014–2020.",
        "total_value": D("12893583.46"),
        "operational_programme": "Program Operacyjny Wiedza, Edukacja, Rozwój",
        "priority_axis": AXIS_II,
        "measure": "2.5 Skuteczna pomoc społeczna",
        "period_start": date(2018, 4, 1),
        "period_end": date(2021, 3, 31),
        "goal": (
            "Wypracowanie i wdrożenie modelu kooperacji pomiędzy instytucjami pomocy i integracji społecznej, "
            "a podmiotami innych polityk sektorowych istotnych z punktu widzenia włączenia społecznego i zwalczania "
            "ubóstwa dla gmin wiejskich na obszarze makroregionu i województw: lubelskiego, mazowieckiego, "
            "podkarpackiego, podlaskiego i świętokrzyskiego. Cel zostanie osiągnięty poprzez opracowanie oraz "
            "pilotażowe wdrożenie modelu kooperacji pomiędzy instytucjami pomocy i integracji społecznej, a podmiotami "
            "innych polityk sektorowych dla gmin wiejskich."
        ),
        "target_group": (
            "350 podmiotów gminnych, powiatowych oraz wojewódzkich z obszaru pomocy i integracji społecznej oraz "
            "polityk sektorowych istotnych z punktu widzenia włączenia społecznego i zwalczania ubóstwa na terenach "
            "wiejskich woj. mazowieckiego, lubelskiego, podkarpackiego i świętokrzyskiego, wśród nich:\n"
            "– jednostki samorządu terytorialnego, gminy i powiatu oraz ich jednostki organizacyjne pomocy społecznej "
            "(OPS, PCPR), edukacji (przedszkola, szkoły) i kultury (ośrodki kultury, biblioteki);\n"
            "– inne instytucje pomocy i integracji społecznej (domy pomocy społecznej, ośrodki wsparcia, WTZ, ZAZ);\n"
            "– NGO;\n"
            "– podmioty realizujące działania na rzecz dziecka i rodziny (placówki opiekuńczo-wychowawcze);\n"
            "– inne podmioty sektorowe (sądy, powiatowe podmioty policji, poradnie psychologiczne, instytucje rynku "
            "pracy itp.);\n"
            "– podmioty samorządowe i administracji rządowej realizujące zadania na poziomie wojewódzkim (kuratoria "
            "oświaty, komendy wojewódzkie policji, Wojewódzkie Urzędy Pracy, Regionalne Ośrodki Polityki Społecznej)."
        ),
        "planned_participants": 350,
        "fundings": [("efs", None)],
        "partners": [
            (
                "Regionalny Ośrodek Polityki Społecznej w Rzeszowie (reprezentujący województwo podkarpackie)",
                PartnerRole.LEADER,
            ),
            ("Regionalny Ośrodek Polityki Społecznej w Białymstoku", PartnerRole.PARTNER),
            ("Regionalny Ośrodek Polityki Społecznej w Lublinie", PartnerRole.PARTNER),
            ("Regionalny Ośrodek Polityki Społecznej w Kielcach", PartnerRole.PARTNER),
            ("Mazowieckie Centrum Polityki Społecznej w Warszawie", PartnerRole.PARTNER),
        ],
        "targets": [
            (
                "podmioty gminne, powiatowe i wojewódzkie z obszaru pomocy i integracji społecznej oraz polityk "
                "sektorowych",
                350,
                TargetKind.PARTICIPANTS,
            )
        ],
        "milestones": [
            {
                "name": "I kamień milowy – opracowanie modelu (12 miesięcy)",
                "start": date(2018, 3, 28),
                "end": date(2019, 3, 27),
                "description": (
                    "Działania dla G/P:\n"
                    "• Udział G-PZK (Gminno-Powiatowe Zespoły Kooperacji) w badaniu fokusowym, które określi "
                    "potrzeby/trudności/zasoby potrzebne do budowania kooperacji (czerwiec – sierpień 2018 r.). Na "
                    "podstawie badań zostanie opracowanych 8 raportów cząstkowych oraz 1 raport podsumowujący/wojewódzki.\n"
                    "• Udział w Szkole Kooperacji (lipiec – wrzesień 2018 r.): 2 jednodniowe szkolenia po 8 h oraz "
                    "3-dniowe spotkanie. Tematyka pierwszych 8 szkoleń: zasady i formy współpracy, partycypacja, "
                    "budowanie zespołu, metody kooperacji; drugich 8 szkoleń: efektywna praca z rodziną, nowe metody "
                    "pracy z rodziną (genogram, empowerment, TSR), praca środowiskowa, wykorzystywanie potencjału "
                    "podmiotów pomocowych. Szkolenia na terenie 8 gmin z 6 powiatów woj. mazowieckiego; spotkanie "
                    "3-dniowe w hotelu na terenie województwa mazowieckiego.\n"
                    "• Powołanie animatora w każdej gminie – animacja, organizacja i wsparcie G-PZK oraz PZK, ze "
                    "wsparciem coacha.\n"
                    "Przez 6 miesięcy G-PZK wspólnie wypracują z Zespołem ds. Modelu założenia Modelu Kooperacji. Po "
                    "opracowaniu Modelu Kooperacji zostaną przeprowadzone konsultacje modelu w podmiotach, które nie "
                    "brały udziału w przygotowaniu modelu."
                ),
                "targets": [
                    ("Liczba pracowników OPS/PCPR, którzy skorzystają z doradztwa w projekcie", 14),
                    ("Liczba powołanych Zespołów ds. Modelu", 1),
                    ("Liczba pracowników socjalnych objętych coachingiem", 14),
                    (
                        "Liczba wypracowanych Modeli Kooperacji pomiędzy instytucjami pomocy i integracji społecznej "
                        "a podmiotami innych polityk sektorowych",
                        1,
                    ),
                    ("Liczba partnerskich spotkań wymiany doświadczeń", 1),
                    ("Liczba działań edukacyjno-szkoleniowych", 3),
                    ("Liczba raportów z przeprowadzonych badań fokusowych", 9),
                    ("Liczba powołanych Gminno-Powiatowych Zespołów Kooperacji", 8),
                    ("Liczba uruchomionych i prowadzonych platform edukacyjnych", 1),
                ],
            },
            {
                "name": "II kamień milowy – testowanie modelu (18 miesięcy)",
                "start": date(2019, 3, 28),
                "end": date(2020, 9, 27),
                "description": (
                    "• Dobór 6G i 4P do udziału w pilotażu\n"
                    "• Zawiązanie 6 Partnerskich Zespołów Kooperacyjnych (PZK)\n"
                    "• Wybór osób/rodzin do udziału w pilotażu\n"
                    "• Opracowanie kontraktów socjalnych/rodzinnych\n"
                    "• Pilotaż Modelu\n"
                    "• Wypracowanie rekomendacji do Modelu\n"
                    "• Podsumowanie efektów oddziaływań PZK\n"
                    "Działania dla G/P: udział PZK w badaniach fokusowych (czerwiec – lipiec 2019 r. i lipiec – sierpień "
                    "2020 r.), po 6 raportów cząstkowych i 1 raport podsumowujący/wojewódzki; projekt socjalny "
                    "przygotowany przez Zespoły ds. Modelu wraz z każdym PZK; spotkania diagnostyczne – pilotażem "
                    "zostanie objętych 5–10 osób/rodzin na województwo (jednodniowe, 6-godzinne warsztaty "
                    "diagnostyczne)."
                ),
                "targets": [
                    ("Liczba pracowników OPS/PCPR, którzy skorzystają z doradztwa w projekcie", 10),
                    (
                        "Liczba jednostek samorządu terytorialnego, w których pilotażowo wdrożono wypracowany Model "
                        "Kooperacji instytucji pomocy i integracji społecznej oraz podmiotów innych polityk sektorowych",
                        10,
                    ),
                    ("Liczba partnerskich spotkań wymiany doświadczeń", 5),
                    ("Liczba sprawozdań z przeprowadzonego pilotażu na terenie makroregionu", 1),
                    ("Liczba zawiązanych Partnerskich Zespołów Kooperacyjnych", 6),
                    ("Liczba wypracowanych rekomendacji dla Modelu", 1),
                    ("Liczba działań edukacyjno-szkoleniowych", 3),
                ],
            },
            {
                "name": "III kamień milowy – podsumowanie testów (3 miesiące)",
                "start": date(2020, 9, 28),
                "end": date(2020, 12, 27),
                "description": (
                    "Podsumowanie wyników pilotażu i opracowanie Księgi Rekomendacyjnej. Efekty pilotażu zostaną "
                    "opublikowane na platformie edukacyjnej. Platforma edukacyjna będzie upowszechniała wypracowane "
                    "3 modele kooperacji (dla gmin wiejskich, wiejsko-miejskich, miejskich), materiały ze "
                    "spotkań/konferencji, sprawozdanie z przeprowadzonego pilotażu, Księgę rekomendacyjną."
                ),
                "targets": [("Liczba opracowanych raportów – Księga rekomendacyjna", 1)],
            },
            {
                "name": "IV kamień milowy – działania edukacyjne (3 miesiące)",
                "start": date(2020, 12, 28),
                "end": date(2021, 3, 27),
                "description": (
                    "1. Wydanie publikacji – Księga rekomendacyjna.\n"
                    "2. Upowszechnienie informacji na platformie edukacyjnej.\n"
                    "3. Prezentacje efektów testów modelu w makroregionie poprzez realizację 1 konferencji edukacyjnej "
                    "dla przedstawicieli JST, pracowników socjalnych oraz 4 spotkań seminaryjno-warsztatowych dla "
                    "podmiotów sektorowych.\n"
                    "4. Przyznanie certyfikatów Lider Kooperacji dla G/P, animatorów, podmiotów sektorowych PZK."
                ),
                "targets": [
                    ("Konferencje edukacyjne dla przedstawicieli JST i pracowników socjalnych", 1),
                    ("Spotkania seminaryjno-warsztatowe dla podmiotów sektorowych", 4),
                ],
            },
        ],
    },
    # ---------------------------------------------------------------- seed 003: MOPS Wrocław
    {
        "organisation": "mops-wroclaw",
        "slug": "pas-ja",
        "name": "PAS – ja",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": (
            "Projekt dofinansowany w ramach Regionalnego Programu Operacyjnego Województwa Dolnośląskiego 2014–2020 "
            "współfinansowanego ze środków Europejskiego Funduszu Społecznego. Realizuje Miejski Ośrodek Pomocy "
            "Społecznej w imieniu Gminy Wrocław."
        ),
        "total_value": D("1478268.32"),
        "eu_contribution": D("1256528.05"),
        "operational_programme": "Regionalny Program Operacyjny Województwa Dolnośląskiego 2014–2020",
        "period_start": date(2018, 9, 25),
        "period_end": date(2020, 6, 30),
        "goal": (
            "Zwiększenie szans na integrację społeczną (w tym: na podniesienie zdolności do zatrudnienia) 180 zagrożonych "
            "ubóstwem i wykluczeniem społecznym klientów MOPS Wrocław poprzez zastosowanie wobec nich instrumentów "
            "aktywnej integracji w okresie 25.09.2018 – 30.06.2020. Osiągnięcie celu głównego przybliży realizacja "
            "celów szczegółowych, tj.: wzmocnienie więzi w środowiskach lokalnych oraz zwiększenie poziomu aktywności "
            "społecznej, kompetencji osobistych i umiejętności życiowych uczestników projektu."
        ),
        "target_group": (
            "Mieszkańcy Wrocławia zagrożeni wykluczeniem społecznym lub ubóstwem (lub już ich doświadczający), "
            "korzystający ze wsparcia MOPS."
        ),
        "planned_participants": 180,
        "description": (
            "Projekt odpowiada na problem pogłębiającego się osamotnienia społecznego i trudności z integracją "
            "społeczną, w tym zawodową, mieszkańców Wrocławia zagrożonych wykluczeniem społecznym lub ubóstwem (lub już "
            "ich doświadczających), korzystających ze wsparcia MOPS.\n\n"
            "Program Aktywności Lokalnej (PAL) jest to działanie skierowane do konkretnego środowiska lub członków danej "
            "społeczności lokalnej (np. gminy, dzielnicy, osiedla) i ich otoczenia. PAL umożliwia realizację działań "
            "na rzecz aktywizacji społecznej i rozwiązywania problemów grup oraz środowisk zagrożonych wykluczeniem "
            "społecznym poprzez usługi aktywnej integracji o charakterze społecznym, zawodowym, edukacyjnym, "
            "zdrowotnym. Narzędzie to określa: cele oraz przewidywane rezultaty PAL, jego adresatów, opis planowanych "
            "działań i metody realizacji PAL, czas trwania i harmonogram realizacji poszczególnych działań, diagnozę "
            "opartą na wskaźnikach lub badaniach uzasadniającą wybór środowiska zagrożonego wykluczeniem społecznym "
            "i wymagającego wsparcia."
        ),
        "contact": (
            "Biuro Projektu: Miejski Ośrodek Pomocy Społecznej, Centrum Pracy Socjalnej i Rodziny (Zespół "
            "ds. Aktywizacji i Integracji)\n"
            "ul. Hubska 30-32, 50-502 Wrocław\n"
            "tel. 71/78-49-605, 71/78-23-573"
        ),
        "fundings": [("efs", D("1256528.05"))],
        "partners": [("Gmina Wrocław – realizator: Miejski Ośrodek Pomocy Społecznej", PartnerRole.IMPLEMENTER)],
        "targets": [
            (
                "Liczba osób zagrożonych ubóstwem lub wykluczeniem społecznym objętych wsparciem w programie",
                180,
                TargetKind.PARTICIPANTS,
            ),
            ("Liczba osób z niepełnosprawnościami objętych wsparciem w programie", 62, TargetKind.PARTICIPANTS),
            (
                "Liczba osób zagrożonych ubóstwem lub wykluczeniem społecznym, które osiągnęły postęp w rozumieniu "
                "efektywności społecznej",
                110,
                TargetKind.RESULT,
            ),
            ("Liczba przeprowadzonych inicjatyw społecznych", 15, TargetKind.RESULT),
        ],
        "activities": [
            "Programy Aktywności Lokalnej (2 tury po 8 grup)",
            "intensywna praca socjalna",
            "treningi rozwoju osobistego/aktywności społecznej/umiejętności życiowych/autoprezentacji",
            "poradnictwo indywidualne",
            "indywidualne wsparcie z zakresu nowoczesnych technologii",
            "grupa wsparcia dla osób doświadczających przemocy",
            "wsparcie towarzyszące, m.in. opieka nad osobą zależną/dzieckiem i ubezpieczenie NNW",
        ],
    },
    # ---------------------------------------------------------------- seed 004: MOPR Słupsk
    {
        "organisation": "mopr-slupsk",
        "slug": "uslugi-spoleczne-obszar-rewitalizowany",
        "name": "Usługi społeczne – innowacyjne i kompleksowe wsparcie na rzecz mieszkańców obszaru rewitalizowanego "
        "Miasta Słupska",
        "short_name": "Usługi społeczne – obszar rewitalizowany",
        "kind": ProgrammeKind.EU_PROJECT,
        "legal_basis": "Projekt współfinansowany jest ze środków Europejskiego Funduszu Społecznego.",
        "total_value": D("6971351.71"),
        "grant_amount": D("6625637.00"),
        "eu_contribution": D("6625637.00"),
        "operational_programme": RPO_WP,
        "measure": "06.02. Usługi społeczne",
        "sub_measure": "06.02.02. Rozwój usług społecznych",
        "period_start": date(2018, 1, 1),
        "period_end": date(2021, 12, 31),
        "period_precision": PeriodPrecision.MONTH,
        "period_label": "I 2018 – XII 2021",
        "goal": (
            "Stworzenie nowych, trwałych miejsc świadczenia usług społecznych oraz rozbudowa i udoskonalenie "
            "istniejącego systemu wsparcia przy wykorzystaniu infrastruktury powstałej w procesie rewitalizacji."
        ),
        "target_group": (
            "Mieszkańcy obszaru rewitalizowanego (centrum miasta wraz z ościennymi dzielnicami) – osoby zagrożone "
            "ubóstwem lub wykluczeniem społecznym oraz ich rodziny, a w szczególności seniorzy, osoby "
            "z niepełnosprawnościami, rodziny charakteryzujące się bezradnością w sprawach opiekuńczo-wychowawczych "
            "oraz dzieci i młodzież pochodzące z takich rodzin."
        ),
        "results": (
            "Podejmowane w ramach projektu działania przyczynią się do podniesienia standardu życia seniorów oraz osób "
            "z niepełnosprawnościami, wydłużona lub zwiększona zostanie ich samodzielność bądź możliwe będzie "
            "funkcjonowanie przy wsparciu z zewnątrz ale w miejscu zamieszkania, a konieczność pobytu w placówkach "
            "zapewniających całodobowe usługi zostanie odsunięta w czasie, ewentualnie całkowicie zniwelowana. "
            "Z kolei działania skierowane do rodzin nie w pełni wydolnych wychowawczo, przyczynią się do podniesienia "
            "poziomu pedagogizacji rodziców, zahamowany zostanie proces wykluczania społecznego dzieci i młodzieży, co "
            "w efekcie ograniczy ilość dzieci kierowanych do pieczy zastępczej."
        ),
        "contact": (
            "Miejski Ośrodek Pomocy Rodzinie w Słupsku\n"
            "ul. Słoneczna 15D, 76-200 Słupsk\n"
            "e-mail: mopr@sl.home.pl\n"
            "tel. 59 81 42 801, 59 81 42 802\n"
            "faks 59 81 42 803"
        ),
        "recruitment_open": True,
        "fundings": [("efs", D("6625637.00"))],
        "partners": [
            ("Miejski Ośrodek Pomocy Rodzinie w Słupsku", PartnerRole.IMPLEMENTER),
            ("Słupskie Stowarzyszenie Pomocy Psychologicznej Dziecku i Rodzinie „Krąg”", PartnerRole.PARTNER),
            ("Fundacja Progresja", PartnerRole.PARTNER),
        ],
        "activities": [
            "praca socjalna, opracowanie ścieżek reintegracji dla uczestników projektu",
            "świadczenie usług opiekuńczych (w tym specjalistycznych)",
            "organizacja i prowadzenie sąsiedzkich usług opiekuńczych",
            "rozwój nowoczesnego systemu teleopieki",
            "działalność asystentów osób niepełnosprawnych",
            "funkcjonowanie telefonu zaufania",
            "usługa „złotej rączki”",
            "działalność animatora lokalnego ds. seniorów i osób z niepełnosprawnościami",
            "zajęcia grupowe i specjalistyczne poradnictwo dla seniorów i osób z niepełnosprawnościami",
            "wdrożenie Informatycznego Rejestru Dostępnych Usług Społecznych",
            "utworzenie i prowadzenie placówki wsparcia dziennego",
            "utworzenie i prowadzenie psychologicznej poradni rodzinnej z mieszkaniem terapeutycznym",
        ],
        "documents": [
            {
                "title": "Regulamin rekrutacji i uczestnictwa",
                "kind": DocumentKind.REGULATIONS,
                "filename": "Regulamin rekrutacji i uczestnictwa.pdf",
                "size_kb": 448,
                "placeholder": True,
            },
            {
                "title": "Deklaracja uczestnictwa w projekcie",
                "kind": DocumentKind.DECLARATION,
                "filename": "Deklaracja uczestnictwa w projekcie.pdf",
                "size_kb": 697,
                "placeholder": True,
            },
            {
                "title": "Formularz zgłoszeniowy",
                "kind": DocumentKind.APPLICATION_FORM,
                "filename": "Formularz zgłoszeniowy.pdf",
                "size_kb": 319,
                "placeholder": True,
            },
        ],
    },
]

CHILD_KEYS = (
    "fundings",
    "partners",
    "targets",
    "activities",
    "limits",
    "milestones",
    "durability",
    "links",
    "documents",
)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(str.maketrans({"ł": "l", "Ł": "L"})))
    return text.encode("ascii", "ignore").decode("ascii")


def placeholder_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines (ASCII, Helvetica): a stand-in for a document the
    seed page links but the demo does not copy."""

    def escape(line: str) -> str:
        return _ascii(line).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 12 Tf 16 TL 72 770 Td " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def _add_children(actor, programme: Programme, entry: dict, sources: dict) -> None:
    existing_sources = set(programme.fundings.values_list("source__code", flat=True))
    for code, amount in entry.get("fundings", []):
        if code not in existing_sources:
            services.funding_add(actor=actor, programme=programme, source=sources[code], amount=amount)

    names = set(programme.partners.values_list("name", flat=True))
    for name, role in entry.get("partners", []):
        if name not in names:
            services.partner_add(actor=actor, programme=programme, name=name, role=role)

    labels = set(programme.targets.values_list("label", "kind"))
    for label, count, kind in entry.get("targets", []):
        if (label, kind) not in labels:
            services.target_add(actor=actor, programme=programme, label=label, count=count, kind=kind)

    texts = set(programme.activities.values_list("text", flat=True))
    for item in entry.get("activities", []):
        group, text = item if isinstance(item, tuple) else ("", item)
        if text not in texts:
            services.activity_add(actor=actor, programme=programme, text=text, group=group)

    limit_labels = set(programme.limits.values_list("label", flat=True))
    for limit in entry.get("limits", []):
        if limit["label"] not in limit_labels:
            services.limit_add(actor=actor, programme=programme, **limit)

    for data in entry.get("milestones", []):
        data = dict(data)
        targets = data.pop("targets", [])
        milestone = programme.milestones.filter(name=data["name"]).first()
        if milestone is None:
            milestone = services.milestone_add(
                actor=actor, programme=programme, status=MilestoneStatus.COMPLETED, **data
            )
        target_labels = set(milestone.targets.values_list("label", flat=True))
        for label, value in targets:
            if label not in target_labels:
                services.milestone_target_add(actor=actor, milestone=milestone, label=label, value=value)

    subjects = set(programme.durability.values_list("subject", flat=True))
    for duty in entry.get("durability", []):
        if duty["subject"] not in subjects:
            services.durability_add(actor=actor, programme=programme, **duty)

    urls = set(programme.links.values_list("url", flat=True))
    for label, url in entry.get("links", []):
        if url not in urls:
            services.link_add(actor=actor, programme=programme, label=label, url=url)

    titles = set(programme.documents.values_list("title", flat=True))
    for doc in entry.get("documents", []):
        if doc["title"] in titles:
            continue
        file = None
        if doc.get("placeholder"):
            content = placeholder_pdf(
                [
                    "Dokument zastepczy - dane demonstracyjne systemu wsparcie.",
                    f"Oryginal: {doc['title']} (plik PDF, {doc['size_kb']} KB),",
                    f"opublikowany przez: {programme.organisation.name}.",
                    f"Projekt: {programme.display_name}.",
                ]
            )
            file = ContentFile(content, name=doc["filename"])
        services.document_add(
            actor=actor,
            programme=programme,
            title=doc["title"],
            kind=doc.get("kind", DocumentKind.OTHER),
            file=file,
            original_filename=doc["filename"],
            declared_size_kb=doc["size_kb"],
        )


def load(actor=ACTOR) -> dict[tuple[str, str], Programme]:
    sources = services.funding_sources_ensure()
    organisations = {
        org.slug: org for org in Organisation.objects.filter(slug__in={e["organisation"] for e in PROGRAMMES})
    }
    series = {}
    for (org_slug, slug), name in SERIES.items():
        if org_slug in organisations:
            series[(org_slug, slug)] = services.series_get_or_create(
                actor=actor, organisation=organisations[org_slug], name=name, slug=slug
            )
    loaded = {}
    for entry in PROGRAMMES:
        organisation = organisations.get(entry["organisation"])
        if organisation is None:  # the core demo creates the organisations first
            continue
        fields = {key: value for key, value in entry.items() if key not in CHILD_KEYS and key not in {"organisation"}}
        series_slug = fields.pop("series", None)
        fields["series"] = series[(entry["organisation"], series_slug)] if series_slug else None
        programme = Programme.objects.filter(organisation=organisation, slug=entry["slug"]).first()
        if programme is None:
            programme = services.programme_create(actor=actor, organisation=organisation, **fields)
        else:
            fields.pop("slug")
            changed = {key: value for key, value in fields.items() if getattr(programme, key) != value}
            if changed:
                programme = services.programme_update(actor=actor, programme=programme, **changed)
        _add_children(actor, programme, entry, sources)
        loaded[(entry["organisation"], entry["slug"])] = programme
    return loaded
