"""Demo register: every service the five seed pages (shared/seeds/) list, with the contacts and
addresses the pages give. What a page does not give is left empty rather than invented; the few
assumptions are marked ``[G]`` next to the data.

Idempotent: rows are found by natural keys (provider by name, location by name and street,
service by slug) and only changed fields are written. Runs after the programmes demo (it links
services to programme editions by (organisation slug, programme slug); a missing programme only
leaves the link empty) and opens recruitment of Słupsk's project, which its seed page announces
("Aktualnie trwa rekrutacja").
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from wsparcie.core.models import Organisation
from wsparcie.directory import services
from wsparcie.directory.choices import Audience as W
from wsparcie.directory.choices import Need as N
from wsparcie.directory.models import DirectoryOrganisation, Location, Service

ACTOR = "demo-loader"

#: Editions whose recruitment the demo opens (organisation slug, programme slug), with the
#: criteria set when the edition has none yet (the recruitment demo sets Płock's editions only).
OPEN_RECRUITMENT = [("mopr-slupsk", "uslugi-spoleczne-obszar-rewitalizowany")]
OPEN_RECRUITMENT_CRITERIA = {
    "uslugi-spoleczne-obszar-rewitalizowany": [
        {
            "code": "obszar-rewitalizowany",
            "name": "Zamieszkanie na obszarze rewitalizowanym Słupska",
            "kind": "residence",
            # the named area of the people demo (people.NamedArea "obszar-rewitalizowany")
            "params": {"teryt": ["2263011"], "areas": ["obszar-rewitalizowany"], "label": "Słupsk"},
        },
        {
            "code": "zagrozenie-wykluczeniem",
            "name": "Zagrożenie ubóstwem lub wykluczeniem społecznym",
            "kind": "social_worker_judgement",
            "params": {"question": "Czy osoba lub jej rodzina jest zagrożona ubóstwem lub wykluczeniem społecznym?"},
        },
    ]
}

PLOCK = {"municipality": "Płock", "teryt": "1462011"}
SOPOT = {"municipality": "Sopot", "teryt": "2264011"}
SLUPSK_AREA = {
    "municipality": "Słupsk",
    "teryt": "2263011",
    "name": "obszar rewitalizowany",
    "description": "Centrum miasta wraz z ościennymi dzielnicami (obszar rewitalizowany Miasta Słupska).",
}
WROCLAW = {"municipality": "Wrocław", "teryt": "0264011"}

ESF_FREE = "Udział w projekcie współfinansowanym z Europejskiego Funduszu Społecznego jest bezpłatny."  # [G]

PROVIDERS: dict[str, list[dict[str, Any]]] = {
    "mops-plock": [
        {
            "key": "mops",
            "core": True,
            "name": "Miejski Ośrodek Pomocy Społecznej w Płocku",
            "alternate_name": "MOPS Płock",
            "website": "http://www.mopsplock.eu",
        },
    ],
    "mops-sopot": [
        {
            "key": "mops",
            "core": True,
            "name": "Miejski Ośrodek Pomocy Społecznej w Sopocie",
            "alternate_name": "MOPS Sopot",
        },
        {
            "key": "nde",
            "name": "Stowarzyszenie „Na Drodze Ekspresji”",
            "alternate_name": "Stowarzyszenie Na Drodze Ekspresji",
            "description": "Partner MOPS w Sopocie w projektach „Sopot – Dostępne Usługi (etap 2)” i „Sopot – Aktywni mieszkańcy (etap 2)”.",
        },
    ],
    "mopr-slupsk": [
        {
            "key": "mopr",
            "core": True,
            "name": "Miejski Ośrodek Pomocy Rodzinie w Słupsku",
            "alternate_name": "MOPR Słupsk",
            "email": "mopr@sl.home.pl",
            "phones": ["59 81 42 801", "59 81 42 802", "59 81 42 803 – faks"],
        },
        {
            "key": "krag",
            "name": "Słupskie Stowarzyszenie Pomocy Psychologicznej Dziecku i Rodzinie „Krąg”",
            "alternate_name": "Stowarzyszenie „Krąg”",
            "description": "Partner MOPR w projekcie „Usługi społeczne – innowacyjne i kompleksowe wsparcie na rzecz mieszkańców obszaru rewitalizowanego Miasta Słupska”.",
        },
        {
            "key": "progresja",
            "name": "Fundacja Progresja",
            "description": "Partner MOPR w projekcie „Usługi społeczne – innowacyjne i kompleksowe wsparcie na rzecz mieszkańców obszaru rewitalizowanego Miasta Słupska”.",
        },
    ],
    "mops-wroclaw": [
        {
            "key": "mops",
            "core": True,
            "name": "Miejski Ośrodek Pomocy Społecznej we Wrocławiu",
            "alternate_name": "MOPS Wrocław",
        },
    ],
}

LOCATIONS: dict[str, list[dict[str, Any]]] = {
    "mops-plock": [
        {
            "key": "siedziba",
            "provider": "mops",
            "name": "MOPS w Płocku – Dział Obsługi Projektów",
            "street": "ul. Zgliczyńskiego 4",
            "room": "pokój 107",
            "city": "Płock",
            "teryt": "1462011",
            "phones": ["24 364 02 78 – Dział Obsługi Projektów"],
        },
    ],
    "mops-sopot": [
        {
            "key": "kolejowa",
            "provider": "mops",
            "name": "MOPS w Sopocie",
            "street": "ul. Kolejowa",
            "city": "Sopot",
            "teryt": "2264011",
            "accessibility_description": (
                "W budynku przy ul. Kolejowej MOPS zaplanował montaż windy (projekt „Dostępny Samorząd – granty”), "
                "dzięki której osoby z niepełnosprawnościami ruchowymi będą mogły korzystać z pełnej dostępności "
                "do piętra i pomieszczeń ośrodka."
            ),
        },
    ],
    "mopr-slupsk": [
        {
            "key": "sloneczna",
            "provider": "mopr",
            "name": "MOPR w Słupsku",
            "street": "ul. Słoneczna 15D",
            "postal_code": "76-200",
            "city": "Słupsk",
            "teryt": "2263011",
            "phones": ["59 81 42 801", "59 81 42 802"],
        },
    ],
    "mops-wroclaw": [
        {
            "key": "hubska",
            "provider": "mops",
            "name": "MOPS Wrocław – Centrum Pracy Socjalnej i Rodziny (Zespół ds. Aktywizacji i Integracji)",
            "street": "ul. Hubska 30-32",
            "postal_code": "50-502",
            "city": "Wrocław",
            "teryt": "0264011",
            "phones": ["71 78 49 605 – Biuro Projektu", "71 78 23 573 – Biuro Projektu"],
        },
    ],
}

SLUPSK_DOCS = [
    {"document": "Formularz zgłoszeniowy (albo zgłoszenie przez internet)", "order": 1},
    {"document": "Deklaracja uczestnictwa w projekcie", "order": 2},
    {"document": "Regulamin rekrutacji i uczestnictwa (do zapoznania się)", "required": False, "order": 3},
]
SLUPSK_CERT_UPLOAD = {
    "document": "Orzeczenie o niepełnosprawności lub orzeczenie równoważne (jeśli dotyczy)",
    "required": False,
    "upload_online": True,
    "order": 4,
}
SLUPSK_COMMON = {
    "provider": "mopr",
    "partners": ["krag", "progresja"],
    "programme": "uslugi-spoleczne-obszar-rewitalizowany",
    "areas": [SLUPSK_AREA],
    "locations": ["sloneczna"],
    "eligibility_description": (
        "Mieszkańcy obszaru rewitalizowanego Słupska (centrum miasta wraz z ościennymi dzielnicami) zagrożeni "
        "ubóstwem lub wykluczeniem społecznym oraz ich rodziny, w szczególności seniorzy, osoby z "
        "niepełnosprawnościami, rodziny z trudnościami opiekuńczo-wychowawczymi oraz dzieci i młodzież z takich rodzin."
    ),
    "application_process": (
        "Wypełnij formularz zgłoszeniowy (także przez internet) i deklarację uczestnictwa w projekcie; "
        "zasady opisuje regulamin rekrutacji i uczestnictwa. Dokumenty przyjmuje MOPR w Słupsku, ul. Słoneczna 15D."
    ),
    "email": "mopr@sl.home.pl",
    "phones": ["59 81 42 801", "59 81 42 802"],
    "fee_description": ESF_FREE,
    "documents": SLUPSK_DOCS,
}

SOPOT_DU = {
    "provider": "mops",
    "partners": ["nde"],
    "programme": "sopot-dostepne-uslugi-2",
    "areas": [SOPOT],
    "locations": ["kolejowa"],
    "fee_description": ESF_FREE,
    "application_process": "Zgłoś się do MOPS w Sopocie (ul. Kolejowa). Projekt realizuje MOPS w partnerstwie ze Stowarzyszeniem Na Drodze Ekspresji.",
}
SOPOT_CAREGIVERS = {
    **SOPOT_DU,
    "audiences": [W.CAREGIVERS],
    "for_caregivers": True,
    "eligibility_description": (
        "Opiekunowie faktyczni (opiekunowie rodzinni) osób niesamodzielnych – seniorów, osób z niepełnosprawnościami "
        "i z chorobami przewlekłymi – mieszkający w Sopocie."
    ),
}
SOPOT_AM = {
    "provider": "mops",
    "partners": ["nde"],
    "programme": "sopot-aktywni-mieszkancy-2",
    "areas": [SOPOT],
    "locations": ["kolejowa"],
    "audiences": [W.AT_RISK, W.PEOPLE_WITH_DISABILITIES, W.ADULTS],
    "fee_description": ESF_FREE,
    "eligibility_description": (
        "Osoby zagrożone ubóstwem lub wykluczeniem społecznym, w szczególności osoby z niepełnosprawnościami; "
        "każdy uczestnik ma zaplanowaną ścieżkę reintegracji."
    ),
    "application_process": "Zgłoś się do MOPS w Sopocie. Po diagnozie funkcjonowania uczestnik otrzymuje indywidualną ścieżkę reintegracji.",
}
PLOCK_MOPS = {"provider": "mops", "areas": [PLOCK], "locations": ["siedziba"], "url": "http://www.mopsplock.eu"}
WROCLAW_PASJA = {
    "provider": "mops",
    "programme": "pas-ja",
    "areas": [
        {
            **WROCLAW,
            "name": "społeczności lokalne objęte Programami Aktywności Lokalnej",
            "description": "Działania kierowane do wybranych środowisk (osiedli) we Wrocławiu.",
        }
    ],
    "locations": ["hubska"],
    "audiences": [W.AT_RISK, W.ADULTS],
    "fee_description": ESF_FREE,
    "eligibility_description": (
        "Mieszkańcy Wrocławia zagrożeni ubóstwem lub wykluczeniem społecznym (lub już ich doświadczający), "
        "korzystający ze wsparcia MOPS."
    ),
    "application_process": (
        "Zgłoś się do Biura Projektu: MOPS, Centrum Pracy Socjalnej i Rodziny (Zespół ds. Aktywizacji i Integracji), "
        "ul. Hubska 30-32, 50-502 Wrocław. Uczestnicy mogą otrzymać wsparcie towarzyszące: opiekę nad osobą "
        "zależną lub dzieckiem i ubezpieczenie NNW."
    ),
    "contacts": [
        {
            "name": "Biuro Projektu „PAS – ja”",
            "department": "Zespół ds. Aktywizacji i Integracji",
            "phones": ["71 78 49 605", "71 78 23 573"],
        }
    ],
}

SERVICES: dict[str, list[dict[str, Any]]] = {
    "mops-plock": [
        {
            **PLOCK_MOPS,
            "slug": "teleopieka-opaska-bezpieczenstwa",
            "name": "Teleopieka – opaska bezpieczeństwa",
            "alternate_name": "Korpus Wsparcia Seniorów, Moduł II („opieka na odległość”)",
            "programme": "korpus-wsparcia-seniorow-2023",
            "description": (
                "Seniorzy otrzymują „opaskę bezpieczeństwa” i są objęci bieżącym monitorowaniem w miejscu zamieszkania, "
                "co pozwala na natychmiastową reakcję w sytuacji zagrożenia zdrowia lub życia. Celem jest poprawa "
                "bezpieczeństwa i możliwości samodzielnego funkcjonowania w domu."
            ),
            "needs": [N.TELECARE],
            "audiences": [W.SENIORS],
            "age_min": 65,
            "eligibility_description": (
                "Seniorzy w wieku 65+ mieszkający w Płocku, którzy mają problemy z samodzielnym funkcjonowaniem ze względu "
                "na stan zdrowia – prowadzący samodzielne gospodarstwa domowe lub mieszkający z bliskimi, którzy nie są "
                "w stanie zapewnić im wystarczającej opieki."
            ),
            "application_process": "Zgłoś się do MOPS w Płocku, Dział Obsługi Projektów, ul. Zgliczyńskiego 4, pokój 107.",
            "fee_description": "Finansowane z programu i wkładu własnego gminy.",  # [G] the page gives no fee rule
            "schedules": [
                {"description": "Monitorowanie bieżące – reakcja w każdej chwili zagrożenia zdrowia lub życia."}
            ],
            "phones": ["24 364 02 78 – Dział Obsługi Projektów"],
        },
        {
            **PLOCK_MOPS,
            "slug": "asystent-osobisty",
            "name": "Asystent osobisty osoby z niepełnosprawnością",
            "programme": "asystent-osobisty-2023",
            "description": (
                "Usługi asystenta wspierają w wykonywaniu codziennych czynności i w funkcjonowaniu w życiu społecznym: "
                "czynności dnia codziennego, wyjścia i dojazdy w wybrane przez uczestnika miejsce, załatwianie spraw "
                "urzędowych, korzystanie z dóbr kultury (muzeum, teatr, kino, galeria, wystawy). Asystent nie wyręcza, "
                "lecz wspiera; pod jego opieką jest jeden uczestnik w danym czasie (1 na 1)."
            ),
            "needs": [N.ASSISTANCE],
            "audiences": [W.PEOPLE_WITH_DISABILITIES, W.CHILDREN],
            "requires_disability_certificate": True,
            "eligibility_description": (
                "Osoby z orzeczeniem o znacznym lub umiarkowanym stopniu niepełnosprawności albo orzeczeniem równoważnym "
                "(art. 5 i art. 62 ustawy o rehabilitacji zawodowej i społecznej oraz zatrudnianiu osób niepełnosprawnych), "
                "a także dzieci do 16. roku życia z orzeczeniem o niepełnosprawności ze wskazaniami w punktach 7 i 8."
            ),
            "application_process": "Zgłoś się do MOPS w Płocku, Dział Obsługi Projektów, ul. Zgliczyńskiego 4, pokój 107.",
            "fee_description": "Uczestnik nie ponosi odpłatności za usługi asystenta.",
            "schedules": [{"description": "W terminach uzgodnionych z uczestnikiem; opieka 1 na 1."}],
            "documents": [
                {
                    "document": "Orzeczenie o niepełnosprawności lub orzeczenie równoważne",
                    "upload_online": True,
                    "order": 1,
                },
                {"document": "Karta zgłoszenia do Programu", "order": 2},  # [G] the programme's form
            ],
            "phones": ["24 364 02 78 – Dział Obsługi Projektów"],
        },
        {
            **PLOCK_MOPS,
            "slug": "opieka-wytchnieniowa",
            "name": "Opieka wytchnieniowa",
            "programme": "opieka-wytchnieniowa-2023",
            "description": (
                "Doraźne, czasowe odciążenie członków rodzin i opiekunów osób z niepełnosprawnościami od codziennych "
                "obowiązków opiekuńczych – czas na odpoczynek, regenerację, wizytę u lekarza, sprawy urzędowe czy zakupy. "
                "Usługi są realizowane w miejscu zamieszkania osoby z niepełnosprawnością, w ramach pobytu dziennego."
            ),
            "needs": [N.RESPITE],
            "audiences": [W.CAREGIVERS],
            "for_caregivers": True,
            "eligibility_description": (
                "Członkowie rodzin lub opiekunowie sprawujący bezpośrednią opiekę nad dziećmi z orzeczeniem o "
                "niepełnosprawności albo nad osobami z orzeczeniem o znacznym stopniu niepełnosprawności lub orzeczeniem "
                "równoważnym. Limit: nie więcej niż 240 godzin na uczestnika w okresie programu."
            ),
            "application_process": "Informacje: www.mopsplock.eu, tel. 24 364 02 23 lub 24 364 02 38.",
            "fee_description": "Finansowane z Funduszu Solidarnościowego.",
            "schedules": [{"description": "Pobyt dzienny w miejscu zamieszkania osoby z niepełnosprawnością."}],
            "phones": ["24 364 02 23", "24 364 02 38"],
        },
        {
            **PLOCK_MOPS,
            "slug": "uslugi-opiekuncze",
            "name": "Usługi opiekuńcze, w tym specjalistyczne, dla osób z niepełnosprawnościami",
            "programme": "uslugi-opiekuncze-2020",
            "description": (
                "Wsparcie społeczne w formie usług opiekuńczych, w tym specjalistycznych usług opiekuńczych, które "
                "umożliwia osobom z niepełnosprawnościami samodzielne funkcjonowanie w lokalnym środowisku."
            ),
            "needs": [N.CARE_AT_HOME],
            "audiences": [W.PEOPLE_WITH_DISABILITIES, W.CHILDREN],
            "age_max": 75,
            "requires_disability_certificate": True,
            "eligibility_description": (
                "Osoby z niepełnosprawnością w wieku do 75 lat z orzeczeniem o znacznym stopniu niepełnosprawności lub "
                "równoważnym oraz dzieci do 16. roku życia z orzeczeniem o niepełnosprawności ze wskazaniami konieczności "
                "stałej lub długotrwałej opieki i stałego współudziału opiekuna (z wyłączeniem specjalistycznych usług "
                "opiekuńczych dla osób z zaburzeniami psychicznymi)."
            ),
            "is_free": False,
            "fee_description": "Odpłatność ustala ośrodek w decyzji, zależnie od dochodu (art. 50 ustawy o pomocy społecznej).",
            "phones": ["24 364 02 78 – Dział Obsługi Projektów"],
        },
        {
            **PLOCK_MOPS,
            "slug": "posilek-w-szkole-i-w-domu",
            "name": "Posiłek w szkole i w domu",
            "programme": "posilek-w-szkole-i-w-domu-2021",
            "description": (
                "Pomoc w formie posiłku (wydawanego w stołówkach lub dowożonego do miejsca zamieszkania) albo zasiłku "
                "celowego na zakup posiłku lub żywności, dla dzieci i młodzieży oraz osób dorosłych."
            ),
            "needs": [N.FOOD],
            "audiences": [W.CHILDREN, W.FAMILIES, W.ADULTS, W.AT_RISK],
            "for_families": True,
            "income_criterion_percent": 150,
            "eligibility_description": (
                "Osoby spełniające warunki otrzymania pomocy z ustawy o pomocy społecznej, z dochodem do 150% kryterium "
                "dochodowego uprawniającego do świadczeń z pomocy społecznej."
            ),
            "application_process": "Złóż wniosek w MOPS w Płocku; pracownik socjalny ustali sytuację rodziny.",
            "fee_description": "Bezpłatnie dla osób z dochodem do 150% kryterium dochodowego.",
        },
        {
            **PLOCK_MOPS,
            "slug": "wypozyczalnia-sprzetu",
            "name": "Wypożyczalnia sprzętu medyczno-rehabilitacyjnego",
            "programme": "smartcare",
            "description": (
                "Wypożyczalnia utworzona w projekcie SmartCare działa w okresie trwałości projektu i bezpłatnie użycza "
                "sprzęt medyczno-rehabilitacyjny mieszkańcom Płocka."
            ),
            "needs": [N.EQUIPMENT],
            "audiences": [W.PEOPLE_WITH_DISABILITIES, W.SENIORS, W.CAREGIVERS],
            "eligibility_description": "Mieszkańcy Płocka.",
            "fee_description": "Użyczenie sprzętu jest bezpłatne.",
        },
        {
            **PLOCK_MOPS,
            "slug": "placowki-wsparcia-dziennego",
            "name": "Placówki wsparcia dziennego – świetlice środowiskowe",
            "programme": "uslugi-spoleczne-plock",
            "description": (
                "Świetlice środowiskowe MOPS w Płocku i placówka wsparcia dziennego utworzona w projekcie „Usługi "
                "społeczne świadczone w społeczności lokalnej na terenie m. Płocka” – zapobieganie dysfunkcjom i "
                "marginalizacji dzieci i młodzieży, wsparcie rodzin."
            ),
            "needs": [N.CHILDREN_FAMILY, N.COMMUNITY],
            "audiences": [W.CHILDREN, W.FAMILIES],
            "for_families": True,
            "capacity": 20,
            "eligibility_description": "Dzieci i młodzież z Płocka oraz ich rodziny.",
            "fee_description": "",  # [G] the page gives no fee rule; free for children in MOPS day centres
        },
    ],
    "mops-sopot": [
        {
            **SOPOT_CAREGIVERS,
            "slug": "telefon-wsparcia-opiekuna",
            "name": "Telefon wsparcia opiekuna",
            "description": "Telefon wsparcia dla opiekunów osób niesamodzielnych, pod którym mogą otrzymać wsparcie specjalisty – psychologa.",
            "needs": [N.PSYCHOLOGICAL, N.RESPITE],
        },
        {
            **SOPOT_CAREGIVERS,
            "slug": "wizyty-domowe-psychologa",
            "name": "Wizyty domowe psychologa dla opiekunów rodzinnych",
            "description": "Wzmacniające domowe wizyty psychologa dla opiekunów rodzinnych osób niesamodzielnych.",
            "needs": [N.PSYCHOLOGICAL, N.RESPITE],
        },
        {
            **SOPOT_CAREGIVERS,
            "slug": "grupy-wsparcia-opiekunow",
            "name": "Grupy wsparcia dla opiekunów",
            "description": "Udział opiekunów w grupach wsparcia nastawionych na dyskusję, wymianę doświadczeń i pomoc specjalisty.",
            "needs": [N.PSYCHOLOGICAL, N.COMMUNITY],
        },
        {
            **SOPOT_CAREGIVERS,
            "slug": "nauka-wytchnienia-dla-siebie",
            "name": "„Nauka wytchnienia dla siebie”",
            "alternate_name": "Pakiet rehabilitacyjno-leczniczy dla opiekunów rodzinnych",
            "description": "Pakiet rehabilitacyjno-leczniczy dla opiekunów rodzinnych osób niesamodzielnych.",
            "needs": [N.RESPITE],
        },
        {
            **SOPOT_CAREGIVERS,
            "slug": "szkolenia-opiekunow-rodzinnych",
            "name": "Szkolenia dla opiekunów rodzinnych",
            "description": "Szkolenia dla opiekunów rodzinnych z zakresu pielęgnacji i opieki nad osobami starszymi i niepełnosprawnymi.",
            "needs": [N.TRAINING],
        },
        {
            **SOPOT_CAREGIVERS,
            "slug": "opieka-na-czas-wsparcia-opiekuna",
            "name": "Usługi opiekuńcze na czas wsparcia opiekuna",
            "description": "Opcjonalnie, w zależności od potrzeb, zapewnienie osobie niesamodzielnej opieki w postaci usług opiekuńczych, gdy jej opiekun korzysta ze wsparcia.",
            "needs": [N.CARE_AT_HOME, N.RESPITE],
        },
        {
            **SOPOT_DU,
            "slug": "uslugi-asystenckie",
            "name": "Usługi asystenckie dla osób niesamodzielnych",
            "description": "Asystent osoby niesamodzielnej pełniący funkcje kompensacyjne, dostosowane do zindywidualizowanych potrzeb odbiorcy usługi.",
            "needs": [N.ASSISTANCE],
            "audiences": [W.PEOPLE_WITH_DISABILITIES, W.SENIORS],
            "eligibility_description": "Mieszkańcy Sopotu o różnym stopniu niesamodzielności, w szczególności osoby z niepełnosprawnościami, seniorzy i osoby z chorobami przewlekłymi.",
        },
        {
            **SOPOT_DU,
            "slug": "klub-dla-osob-z-niepelnosprawnosciami",
            "name": "Klub dla osób z niepełnosprawnościami",
            "description": "Miejsce opieki krótkoterminowej, które jest równocześnie miejscem animacji czasu wolnego i aktywizacji społecznej osób niesamodzielnych.",
            "needs": [N.COMMUNITY, N.RESPITE],
            "audiences": [W.PEOPLE_WITH_DISABILITIES],
            "eligibility_description": "Osoby z niepełnosprawnościami i osoby niesamodzielne mieszkające w Sopocie.",
        },
        {
            **SOPOT_AM,
            "slug": "poradnictwo-psychologiczne",
            "name": "Poradnictwo psychologiczne",
            "description": "Poradnictwo psychologiczne w ramach indywidualnej ścieżki reintegracji (projekt „Sopot – Aktywni mieszkańcy (etap 2)”).",
            "needs": [N.PSYCHOLOGICAL, N.COUNSELLING],
        },
        {
            **SOPOT_AM,
            "slug": "doradztwo-zawodowe",
            "name": "Doradztwo zawodowe",
            "description": "Doradztwo zawodowe, szkolenia i kursy w ramach ścieżki reintegracji – kompetencje i kwalifikacje potrzebne na rynku pracy.",
            "needs": [N.ACTIVATION, N.COUNSELLING, N.TRAINING],
        },
    ],
    "mopr-slupsk": [
        {
            **SLUPSK_COMMON,
            "slug": "praca-socjalna-sciezki-reintegracji",
            "name": "Praca socjalna i ścieżki reintegracji",
            "description": "Praca socjalna i opracowanie indywidualnych ścieżek reintegracji dla uczestników projektu.",
            "needs": [N.ACTIVATION, N.COUNSELLING],
            "audiences": [W.AT_RISK, W.FAMILIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "uslugi-opiekuncze",
            "name": "Usługi opiekuńcze (w tym specjalistyczne)",
            "description": "Świadczenie usług opiekuńczych, w tym specjalistycznych, w miejscu zamieszkania.",
            "needs": [N.CARE_AT_HOME],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
            "documents": [*SLUPSK_DOCS, SLUPSK_CERT_UPLOAD],
        },
        {
            **SLUPSK_COMMON,
            "slug": "sasiedzkie-uslugi-opiekuncze",
            "name": "Sąsiedzkie usługi opiekuńcze",
            "description": "Organizacja i prowadzenie sąsiedzkich usług opiekuńczych – pomocy sąsiadów w codziennych czynnościach.",
            "needs": [N.CARE_AT_HOME, N.COMMUNITY],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "teleopieka",
            "name": "Teleopieka",
            "description": "Nowoczesny system teleopieki dla seniorów i osób z niepełnosprawnościami mieszkających samodzielnie.",
            "needs": [N.TELECARE],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "asystenci-osob-niepelnosprawnych",
            "name": "Asystenci osób niepełnosprawnych",
            "description": "Wsparcie asystentów osób niepełnosprawnych w codziennym funkcjonowaniu i w życiu społecznym.",
            "needs": [N.ASSISTANCE],
            "audiences": [W.PEOPLE_WITH_DISABILITIES],
            "documents": [*SLUPSK_DOCS, SLUPSK_CERT_UPLOAD],
        },
        {
            **SLUPSK_COMMON,
            "slug": "telefon-zaufania",
            "name": "Telefon zaufania",
            "description": "Telefon zaufania dla mieszkańców w trudnej sytuacji życiowej.",
            "needs": [N.PSYCHOLOGICAL, N.CRISIS],
            "audiences": [W.AT_RISK, W.SENIORS, W.FAMILIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "zlota-raczka",
            "name": "Usługa „złotej rączki”",
            "description": "Drobne naprawy i prace w mieszkaniach seniorów i osób z niepełnosprawnościami.",
            "needs": [N.HOUSING],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "animator-lokalny",
            "name": "Animator lokalny ds. seniorów i osób z niepełnosprawnościami",
            "description": "Animator lokalny organizuje aktywność seniorów i osób z niepełnosprawnościami w ich sąsiedztwie.",
            "needs": [N.COMMUNITY],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "zajecia-grupowe-poradnictwo-seniorzy",
            "name": "Zajęcia grupowe i specjalistyczne poradnictwo dla seniorów i osób z niepełnosprawnościami",
            "description": "Zajęcia grupowe oraz specjalistyczne poradnictwo dla seniorów i osób z niepełnosprawnościami.",
            "needs": [N.COMMUNITY, N.COUNSELLING],
            "audiences": [W.SENIORS, W.PEOPLE_WITH_DISABILITIES],
        },
        {
            **SLUPSK_COMMON,
            "slug": "placowka-wsparcia-dziennego",
            "name": "Placówka wsparcia dziennego",
            "description": "Placówka wsparcia dziennego utworzona w projekcie dla dzieci i młodzieży z rodzin z obszaru rewitalizowanego.",
            "needs": [N.CHILDREN_FAMILY, N.COMMUNITY],
            "audiences": [W.CHILDREN, W.FAMILIES],
            "for_families": True,
        },
        {
            **SLUPSK_COMMON,
            # [G] run by "Krąg" (a psychological help association for children and families); the page
            # says only that MOPR runs the project with it and Fundacja Progresja.
            "provider": "krag",
            "partners": ["mopr", "progresja"],
            "slug": "psychologiczna-poradnia-rodzinna",
            "name": "Psychologiczna poradnia rodzinna z mieszkaniem terapeutycznym",
            "description": "Psychologiczna poradnia rodzinna wraz z mieszkaniem terapeutycznym dla rodzin w kryzysie.",
            "needs": [N.PSYCHOLOGICAL, N.CHILDREN_FAMILY, N.CRISIS],
            "audiences": [W.FAMILIES, W.CHILDREN],
            "for_families": True,
        },
    ],
    "mops-wroclaw": [
        {
            **WROCLAW_PASJA,
            "slug": "programy-aktywnosci-lokalnej",
            "name": "Programy Aktywności Lokalnej (PAL)",
            "alternate_name": "Projekt „PAS – ja”",
            "description": (
                "Działania w ramach Programów Aktywności Lokalnej kierowane do konkretnego środowiska lub społeczności "
                "lokalnej: intensywna praca socjalna, treningi rozwoju osobistego, aktywności społecznej, umiejętności "
                "życiowych i autoprezentacji, indywidualne wsparcie z zakresu nowoczesnych technologii, inicjatywy społeczne."
            ),
            "needs": [N.ACTIVATION, N.COMMUNITY, N.TRAINING],
        },
        {
            **WROCLAW_PASJA,
            "slug": "grupa-wsparcia-przemoc",
            "name": "Grupa wsparcia dla osób doświadczających przemocy",
            "description": "Grupa wsparcia dla osób doświadczających przemocy – jedna z usług aktywnej integracji w projekcie „PAS – ja”.",
            "needs": [N.CRISIS, N.PSYCHOLOGICAL],
        },
        {
            **WROCLAW_PASJA,
            "slug": "poradnictwo-indywidualne",
            "name": "Poradnictwo indywidualne",
            "description": "Poradnictwo indywidualne dla uczestników projektu „PAS – ja”.",
            "needs": [N.COUNSELLING],
        },
    ],
}


def _upsert_provider(actor, org: Organisation, data: dict[str, Any]) -> DirectoryOrganisation:
    data = dict(data)
    data.pop("key")
    phones = data.pop("phones", None)
    if data.pop("core", False):
        data["core_organisation"] = org
    existing = DirectoryOrganisation.objects.filter(organisation=org, name=data["name"]).first()
    if existing is None:
        provider = services.provider_create(actor=actor, organisation=org, **data)
    else:
        changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
        provider = services.provider_update(actor=actor, provider=existing, data=changed) if changed else existing
    if phones is not None:
        services.phones_replace(actor=actor, owner=provider, phones=_phones(phones))
    return provider


def _upsert_location(actor, org: Organisation, data: dict[str, Any], providers: dict) -> Location:
    data = dict(data)
    data.pop("key")
    phones = data.pop("phones", None)
    data["provider"] = providers[data["provider"]]
    existing = Location.objects.filter(organisation=org, name=data["name"], street=data.get("street", "")).first()
    if existing is None:
        location = services.location_create(actor=actor, organisation=org, **data)
    else:
        changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
        location = services.location_update(actor=actor, location=existing, data=changed) if changed else existing
    if phones is not None:
        services.phones_replace(actor=actor, owner=location, phones=_phones(phones))
    return location


def _phones(lines: list[str]) -> list[dict[str, str]]:
    from wsparcie.directory.forms import parse_phones

    return parse_phones("\n".join(lines))


def _upsert_service(actor, org: Organisation, data: dict[str, Any], providers: dict, locations: dict) -> Service:
    from wsparcie.programmes.models import Programme

    data = dict(data)
    parts = {key: data.pop(key, []) for key in ("schedules", "areas", "documents", "contacts")}
    phones = data.pop("phones", [])
    place_keys = data.pop("locations", [])
    partners = [providers[key] for key in data.pop("partners", [])]
    programme_slug = data.pop("programme", None)
    data["programme"] = (
        Programme.objects.filter(organisation=org, slug=programme_slug).first() if programme_slug else None
    )
    data["provider"] = providers[data["provider"]]
    existing = Service.objects.filter(organisation=org, slug=data["slug"]).first()
    if existing is None:
        service = services.service_create(
            actor=actor, organisation=org, partners=partners, last_checked=timezone.localdate(), **data
        )
    else:
        changed = {k: v for k, v in data.items() if getattr(existing, k) != v}
        if changed:
            service = services.service_update(actor=actor, service=existing, data=changed)
        else:
            service = existing
        services.service_set_partners(actor=actor, service=service, partners=partners)
    services.phones_replace(actor=actor, owner=service, phones=_phones(phones))
    services.service_parts_replace(
        actor=actor,
        service=service,
        kind="at_location",
        rows=[{"location": locations[key]} for key in place_keys],
        key=("location",),
    )
    services.service_parts_replace(
        actor=actor,
        service=service,
        kind="schedule",
        rows=[{"byday": [], "opens_at": None, "closes_at": None, **row} for row in parts["schedules"]],
        key=("description",),
    )
    services.service_parts_replace(
        actor=actor,
        service=service,
        kind="area",
        rows=[{"name": "", "description": "", **row} for row in parts["areas"]],
        key=("teryt", "name"),
    )
    services.service_parts_replace(
        actor=actor,
        service=service,
        kind="document",
        rows=[{"required": True, "upload_online": False, "uri": "", "order": 0, **row} for row in parts["documents"]],
        key=("document",),
    )
    services.service_parts_replace(
        actor=actor,
        service=service,
        kind="contact",
        rows=[
            {"title": "", "department": "", "email": "", **row, "phones": _phones(row.get("phones", []))}
            for row in parts["contacts"]
        ],
        key=("name",),
    )
    return service


def open_recruitment(actor=ACTOR) -> list:
    """Open the recruitment of the demo's editions through the programmes service."""
    from wsparcie.enrolment.models import EligibilityCriterion
    from wsparcie.enrolment.services import criteria_set
    from wsparcie.programmes.models import Programme
    from wsparcie.programmes.services import programme_update

    opened = []
    for org_slug, programme_slug in OPEN_RECRUITMENT:
        programme = Programme.objects.filter(organisation__slug=org_slug, slug=programme_slug).first()
        if programme is None:
            continue
        spec = OPEN_RECRUITMENT_CRITERIA.get(programme_slug)
        if spec and not EligibilityCriterion.objects.filter(programme=programme).exists():
            criteria_set(actor=actor, programme=programme, spec=spec)
        if not programme.recruitment_open:
            opened.append(programme_update(actor=actor, programme=programme, recruitment_open=True))
    return opened


def load(actor=ACTOR) -> dict[str, int]:
    counts = {"services": 0}
    for org_slug, service_rows in SERVICES.items():
        org = Organisation.objects.filter(slug=org_slug).first()
        if org is None:
            continue
        providers = {row["key"]: _upsert_provider(actor, org, row) for row in PROVIDERS[org_slug]}
        locations = {row["key"]: _upsert_location(actor, org, row, providers) for row in LOCATIONS[org_slug]}
        for row in service_rows:
            _upsert_service(actor, org, row, providers, locations)
            counts["services"] += 1
    open_recruitment(actor)
    return counts
