"""axe (WCAG 2.1 A/AA) finds nothing on the public pages, in both colour modes."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.base import ContentFile

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.programmes import services
from wsparcie.programmes.choices import DocumentKind, PartnerRole, TargetKind
from wsparcie.programmes.tests.factories import FundingSourceFactory, ProgrammeFactory


@pytest.fixture
def published(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = OrganisationFactory(
        slug="mopr-test", name="Miejski Ośrodek Pomocy Rodzinie", street="ul. Słoneczna 15D", postal_code="76-200",
        city="Słupsk", phones=["59 81 42 801"], email="mopr@example.org", office_hours="pon.–pt. 7:30–15:30",
    )  # fmt: skip
    programme = ProgrammeFactory(
        organisation=org,
        name="Usługi społeczne – obszar rewitalizowany",
        slug="uslugi",
        kind="eu_project",
        total_value=D("6971351.71"),
        grant_amount=D("6625637.00"),
        eu_contribution=D("6625637.00"),
        own_contribution=None,
        operational_programme="RPO WP 2014–2020",
        measure="06.02. Usługi społeczne",
        sub_measure="06.02.02. Rozwój usług społecznych",
        period_start=date(2018, 1, 1),
        period_end=date(2021, 12, 31),
        period_label="I 2018 – XII 2021",
        period_precision="month",
        target_group="Mieszkańcy obszaru rewitalizowanego.",
        results="Dłuższa samodzielność seniorów.",
        contact="ul. Słoneczna 15D, 76-200 Słupsk",
    )
    services.funding_add(actor="t", programme=programme, source=FundingSourceFactory(), amount=D("6625637.00"))
    services.target_add(actor="t", programme=programme, label="seniorzy", count=40)
    services.target_add(actor="t", programme=programme, label="inicjatywy", count=15, kind=TargetKind.RESULT)
    services.activity_add(actor="t", programme=programme, text="praca socjalna", group="Usługi")
    services.activity_add(actor="t", programme=programme, text="teleopieka")
    services.limit_add(actor="t", programme=programme, label="Opieka", quantity=30, period="month")
    milestone = services.milestone_add(
        actor="t",
        programme=programme,
        name="I kamień milowy",
        start=date(2018, 3, 28),
        end=date(2019, 3, 27),
        description="Model.",
    )
    services.milestone_target_add(actor="t", milestone=milestone, label="Raporty", value=9)
    services.durability_add(actor="t", programme=programme, subject="Miejsca", places=15, min_months=10)
    services.partner_add(actor="t", programme=programme, name="Fundacja Progresja", role=PartnerRole.PARTNER)
    services.link_add(actor="t", programme=programme, label="Szczegółowe informacje", url="https://www.gov.pl/")
    services.document_add(
        actor="t", programme=programme, title="Regulamin", kind=DocumentKind.REGULATIONS,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="regulamin.pdf"),
    )  # fmt: skip
    services.document_add(actor="t", programme=programme, title="Formularz", declared_size_kb=319)
    ProgrammeFactory(
        organisation=org, name="Zakończony program", period_end=date(2019, 1, 1), period_start=date(2018, 1, 1)
    )
    return org, programme


PAGES = [
    "/",
    "/accessibility/",
    "/organisations/mopr-test/",
    "/organisations/mopr-test/?q=usługi",
    "/organisations/mopr-test/programmes/uslugi/",
]


@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_axe(page, axe, published):
    for url in PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page)


@pytest.mark.django_db(transaction=True)
def test_public_pages_pass_axe_in_high_contrast_and_english(page, axe, published):
    page.goto("/organisations/mopr-test/programmes/uslugi/")
    page.get_by_role("button", name="Wysoki kontrast").click()
    page.wait_for_load_state()
    assert "high-contrast" in (page.locator("html").get_attribute("class") or "")
    axe(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page)
    page.goto("/organisations/mopr-test/")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_skip_link_and_keyboard(page, published):
    page.goto("/organisations/mopr-test/programmes/uslugi/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
