"""The demo register holds every programme of the seed pages, with the published figures."""

from datetime import date
from decimal import Decimal as D

import pytest

from wsparcie.core import demo as core_demo
from wsparcie.core.models import AuditEntry
from wsparcie.programmes import demo
from wsparcie.programmes.models import (
    Milestone,
    MilestoneTarget,
    Programme,
    ProgrammeActivity,
    ProgrammeDocument,
    ProgrammeFunding,
    ProgrammeSeries,
    ProjectPartner,
)

pytestmark = pytest.mark.django_db

CONVENTION_SLUGS = {
    "mops-plock": {
        "korpus-wsparcia-seniorow-2023", "korpus-wsparcia-seniorow-2022", "asystent-osobisty-2023",
        "asystent-osobisty-2022", "asystent-osobisty-2021", "asystent-osobisty-2020", "opieka-wytchnieniowa-2023",
        "opieka-wytchnieniowa-2022", "opieka-wytchnieniowa-2021", "opieka-wytchnieniowa-2020",
        "posilek-w-szkole-i-w-domu-2021", "uslugi-opiekuncze-2020", "teleopieka-pilotaz",
        "wspolpraca-miedzysektorowa", "wsparcie-dzieci-piecza-covid", "smartcare", "moj-dom-moje-miejsce",
        "uslugi-spoleczne-plock", "zawodowe-metamorfozy", "centrum-wsparcia-rodzin", "aktywnosc-kompetencje-praca",
        "droga-do-aktywnosci", "kis-nowa-perspektywa", "rozwin-skrzydla",
    },
    "mops-sopot": {
        "deinstytucjonalizacja", "sopot-aktywni-mieszkancy-2", "sopot-dostepne-uslugi-2", "pomorskie-dzieciom",
        "zaangazowanie-zrozumienie-czas", "dostepny-samorzad",
    },
    "mops-wroclaw": {"pas-ja"},
    "mopr-slupsk": {"uslugi-spoleczne-obszar-rewitalizowany"},
    "powiat-plocki": {"liderzy-kooperacji"},
}  # fmt: skip


@pytest.fixture
def loaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    core_demo.load()
    demo.load()


def get(org: str, slug: str) -> Programme:
    return Programme.objects.get(organisation__slug=org, slug=slug)


def test_every_programme_of_the_seeds_once_with_the_convention_slugs(loaded):
    found: dict[str, set[str]] = {}
    for org, slug in Programme.objects.values_list("organisation__slug", "slug"):
        found.setdefault(org, set()).add(slug)
    assert found == CONVENTION_SLUGS
    # AOON 2023 and OW 2023 are repeated on seed 000: one record each.
    assert Programme.objects.filter(name__icontains="Asystent osobisty", edition="2023").count() == 1
    assert Programme.objects.filter(name__icontains="Opieka wytchnieniowa", edition="2023").count() == 1


def test_exact_figures(loaded):
    aoon = get("mops-plock", "asystent-osobisty-2023")
    assert (aoon.grant_amount, aoon.total_value, aoon.planned_participants) == (D("911001.37"), D("911001.37"), 70)
    assert (aoon.period_start, aoon.period_end) == (date(2023, 3, 1), date(2023, 12, 31))

    kws = get("mops-plock", "korpus-wsparcia-seniorow-2023")
    assert (kws.grant_amount, kws.own_contribution, kws.total_value) == (D("20042.00"), D("5011.00"), D("25053.00"))
    assert kws.co_financing_rate == D("80.00")

    di = get("mops-sopot", "deinstytucjonalizacja")
    assert (di.total_value, di.eu_contribution, di.co_financing_rate) == (D("1371668.60"), D("1156042.29"), D("84.28"))
    assert di.period_end == date(2023, 8, 31) and di.agreement_date == date(2022, 10, 12)

    ow = get("mops-plock", "opieka-wytchnieniowa-2023")
    assert (ow.grant_amount, ow.planned_participants) == (D("109774.94"), 11)
    limit = ow.limits.get()
    assert (limit.quantity, limit.unit, limit.period, limit.applies_to) == (
        D("240.00"),
        "hour",
        "programme",
        "participant",
    )

    aoon_2020 = get("mops-plock", "asystent-osobisty-2020")
    assert aoon_2020.limits.get().quantity == D("30.00") and aoon_2020.limits.get().period == "month"
    assert aoon_2020.grant_amount == D("422612.55") and aoon_2020.planned_participants == 44

    posilek = get("mops-plock", "posilek-w-szkole-i-w-domu-2021")
    assert (posilek.total_value, posilek.grant_amount, posilek.own_contribution) == (
        D("3000000.00"),
        D("1800000.00"),
        None,
    )

    teleopieka = get("mops-plock", "teleopieka-pilotaz")
    assert teleopieka.grant_amount == D("7414.50")
    assert (teleopieka.period_start, teleopieka.period_end) == (date(2020, 2, 21), date(2021, 12, 31))

    pas = get("mops-wroclaw", "pas-ja")
    assert (pas.total_value, pas.eu_contribution, pas.grant_amount) == (D("1478268.32"), D("1256528.05"), None)
    assert pas.co_financing_rate == D("85.00") and pas.planned_participants == 180

    slupsk = get("mopr-slupsk", "uslugi-spoleczne-obszar-rewitalizowany")
    assert (slupsk.total_value, slupsk.eu_contribution) == (D("6971351.71"), D("6625637.00"))
    assert slupsk.sub_measure.startswith("06.02.02") and slupsk.recruitment_open

    liderzy = get("powiat-plocki", "liderzy-kooperacji")
    assert liderzy.total_value == D("12893583.46") and liderzy.grant_amount is None

    # a figure the page does not give stays empty
    ow_2020 = get("mops-plock", "opieka-wytchnieniowa-2020")
    assert (ow_2020.total_value, ow_2020.grant_amount, ow_2020.planned_participants) == (None, None, 14)
    zm = get("mops-plock", "zawodowe-metamorfozy")
    assert (zm.period_start, zm.period_end, zm.period_label) == (None, None, "perspektywa finansowania 2014–2020")


def test_milestones_of_liderzy_kooperacji(loaded):
    milestones = list(Milestone.objects.filter(programme__slug="liderzy-kooperacji").order_by("order"))
    assert len(milestones) == 4
    assert [(m.start, m.end) for m in milestones] == [
        (date(2018, 3, 28), date(2019, 3, 27)),
        (date(2019, 3, 28), date(2020, 9, 27)),
        (date(2020, 9, 28), date(2020, 12, 27)),
        (date(2020, 12, 28), date(2021, 3, 27)),
    ]
    first = milestones[0].targets.all()
    assert [t.value for t in first] == [14, 1, 14, 1, 1, 3, 9, 8, 1]
    assert [t.value for t in milestones[1].targets.all()] == [10, 10, 5, 1, 6, 1, 3]
    partners = ProjectPartner.objects.filter(programme__slug="liderzy-kooperacji")
    assert partners.filter(role="leader").get().name.startswith("Regionalny Ośrodek Polityki Społecznej w Rzeszowie")
    assert partners.filter(role="partner").count() == 4


def test_durability_partners_and_fundings(loaded):
    pomorskie = get("mops-sopot", "pomorskie-dzieciom")
    duty = pomorskie.durability.get()
    assert (duty.places, duty.min_months) == (15, 10)
    assert pomorskie.agreement_number == "23/U-ROPS-EFS/2021"
    assert {(f.source.code, f.amount) for f in pomorskie.fundings.all()} == {
        ("efs", D("166260.00")),
        ("budzet-panstwa", D("9780.00")),
    }
    assert pomorskie.partners.filter(role="grantee").count() == 2
    piecza = get("mops-plock", "wsparcie-dzieci-piecza-covid")
    assert [(p.name, p.role) for p in piecza.partners.all()] == [
        ("Ministerstwo Rodziny, Pracy i Polityki Społecznej", "leader"),
        ("Wojewoda Mazowiecki", "partner"),
    ]
    assert get("mops-plock", "uslugi-spoleczne-plock").durability.get().places == 20
    assert get("mops-plock", "korpus-wsparcia-seniorow-2022").fundings.get().source.code == "fundusz-covid-19"


def test_series_join_the_editions(loaded):
    assert ProgrammeSeries.objects.filter(organisation__slug="mops-plock").count() == 3
    assert sorted(get("mops-plock", "asystent-osobisty-2021").series.editions.values_list("edition", flat=True)) == [
        "2020",
        "2021",
        "2022",
        "2023",
    ]
    assert get("mops-plock", "opieka-wytchnieniowa-2020").series.slug == "opieka-wytchnieniowa"
    assert get("mops-plock", "korpus-wsparcia-seniorow-2022").series.slug == "korpus-wsparcia-seniorow"
    assert get("mops-plock", "smartcare").series is None


def test_documents_and_links(loaded):
    documents = ProgrammeDocument.objects.filter(programme__slug="uslugi-spoleczne-obszar-rewitalizowany")
    assert sorted((d.kind, d.declared_size_kb) for d in documents) == [
        ("application_form", 319),
        ("declaration", 697),
        ("regulations", 448),
    ]
    for document in documents:
        assert document.file.read(5) == b"%PDF-"
    assert ProgrammeDocument.objects.get(title="SmarCare").declared_size_kb == 181
    aoon = get("mops-plock", "asystent-osobisty-2023")
    assert aoon.links.get().url.startswith("https://www.gov.pl/web/rodzina/ogloszenie-o-naborze-wnioskow")


def test_a_second_load_does_not_duplicate(loaded):
    counts = [
        model.objects.count()
        for model in (
            Programme,
            ProgrammeSeries,
            ProgrammeFunding,
            ProjectPartner,
            ProgrammeActivity,
            Milestone,
            MilestoneTarget,
            ProgrammeDocument,
        )
    ]
    audit_count = AuditEntry.objects.count()
    demo.load()
    assert [
        model.objects.count()
        for model in (
            Programme,
            ProgrammeSeries,
            ProgrammeFunding,
            ProjectPartner,
            ProgrammeActivity,
            Milestone,
            MilestoneTarget,
            ProgrammeDocument,
        )
    ] == counts
    assert AuditEntry.objects.count() == audit_count
