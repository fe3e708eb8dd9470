"""Demo data of the core: the five organisations of the seed pages and one login per role.

Addresses, phone numbers and office hours are those the seed pages give (shared/seeds/); what a
page does not give is left empty. Loaded by ``manage.py load_demo`` (idempotent).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from wsparcie.core.models import Organisation
from wsparcie.core.roles import Role
from wsparcie.core.services import membership_grant, organisation_upsert, user_create

ACTOR = "demo-loader"

ORGANISATIONS: list[dict] = [
    {
        "slug": "mops-plock",
        "name": "Miejski Ośrodek Pomocy Społecznej w Płocku",
        "short_name": "MOPS Płock",
        "kind": Organisation.Kind.WELFARE_CENTRE,
        "street": "ul. Zgliczyńskiego 4",
        "city": "Płock",
        "teryt": "1462011",
        "phones": ["24 364 02 78 (Dział Obsługi Projektów, pokój 107)", "24 364 02 23", "24 364 02 38"],
        "website": "http://www.mopsplock.eu",
        "description": "Siedziba Działu Obsługi Projektów: MOPS w Płocku, ul. Zgliczyńskiego 4, pokój 107.",
    },
    {
        "slug": "mops-sopot",
        "name": "Miejski Ośrodek Pomocy Społecznej w Sopocie",
        "short_name": "MOPS Sopot",
        "kind": Organisation.Kind.WELFARE_CENTRE,
        "street": "ul. Kolejowa",
        "city": "Sopot",
        "teryt": "2264011",
        "description": "Realizator projektów Gminy Miasta Sopotu.",
    },
    {
        "slug": "powiat-plocki",
        "name": "Starostwo Powiatowe w Płocku",
        "short_name": "Powiat Płocki",
        "kind": Organisation.Kind.COUNTY,
        "street": "ul. Bielska 59",
        "postal_code": "09-400",
        "city": "Płock",
        "phones": ["24 267 68 00", "Wydział Komunikacji: 24 267 68 22, 24 267 68 18, 734 464 308"],
        "fax": "24 267 68 48",
        "website": "http://www.powiat-plock.pl",
        "office_hours": "od poniedziałku do piątku w godz. 7:30–15:30",
    },
    {
        "slug": "mops-wroclaw",
        "name": "Miejski Ośrodek Pomocy Społecznej we Wrocławiu",
        "short_name": "MOPS Wrocław",
        "kind": Organisation.Kind.WELFARE_CENTRE,
        "street": "ul. Hubska 30-32",
        "postal_code": "50-502",
        "city": "Wrocław",
        "teryt": "0264011",
        "phones": [
            "71 78 49 605 (Biuro Projektu)",
            "71 78 23 573 (Biuro Projektu)",
            "71 782 23 22 (świadczenia rodzinne)",
            "71 799 92 74, 501 928 501, 71 782 23 26 – wypłata (500+)",
            "71 782 23 46, 71 782 23 48 (dodatki mieszkaniowe)",
        ],
        "office_hours": (
            "Karta Rodzina Plus i Karta Dużej Rodziny, ul. Strzegomska 6, pokój 26:\n"
            "pon., śr., pt. 8.00–15.00; wt. 11.00–15.00; czw. 9.00–17.00"
        ),
        "description": "Biuro Projektu: Centrum Pracy Socjalnej i Rodziny (Zespół ds. Aktywizacji i Integracji).",
    },
    {
        "slug": "mopr-slupsk",
        "name": "Miejski Ośrodek Pomocy Rodzinie w Słupsku",
        "short_name": "MOPR Słupsk",
        "kind": Organisation.Kind.WELFARE_CENTRE,
        "street": "ul. Słoneczna 15D",
        "postal_code": "76-200",
        "city": "Słupsk",
        "teryt": "2263011",
        "phones": ["59 81 42 801", "59 81 42 802"],
        "fax": "59 81 42 803",
        "email": "mopr@sl.home.pl",
    },
]


def username(role: str, slug: str) -> str:
    return f"{role}@{slug}"


def load(actor=ACTOR) -> dict[str, Organisation]:
    orgs = {}
    for data in ORGANISATIONS:
        data = dict(data)
        slug = data.pop("slug")
        orgs[slug] = organisation_upsert(actor=actor, slug=slug, **data)
    password = settings.WSPARCIE_DEMO_PASSWORD
    User = get_user_model()
    for slug, org in orgs.items():
        for role in Role.values:
            name = username(role, slug)
            user = User.objects.filter(username=name).first()
            if user is None:
                user = user_create(
                    actor=actor, username=name, password=password, first_name=role, last_name=org.short_name
                )
            elif not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            membership_grant(actor=actor, user=user, organisation=org, role=role)
    return orgs
