"""In a real browser: a coordinator logs in through /login/ and creates a programme."""

from decimal import Decimal as D

import pytest

from wsparcie.programmes.models import Programme


@pytest.mark.django_db(transaction=True)
def test_coordinator_logs_in_and_creates_a_programme(page, login_page, make_user, org, axe):
    coordinator = make_user("coordinator", org)
    login_page(coordinator.username)
    page.goto("/staff/programmes/")
    page.get_by_role("link", name="Dodaj program lub projekt").click()
    page.locator("#id_name").fill("Korpus Wsparcia Seniorów na rok 2023")
    page.locator("#id_kind").select_option("ministry_programme")
    page.locator("#id_edition").fill("2023")
    page.get_by_label("Całkowita wartość").fill("25 053,00")
    page.get_by_label("Dofinansowanie").fill("20 042,00")
    page.get_by_label("Wkład własny").fill("5 011")
    page.locator("#id_period_start").fill("2023-06-01")
    page.locator("#id_period_end").fill("2023-12-31")
    page.locator("#id_planned_participants").fill("60")
    page.get_by_role("button", name="Zapisz").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Korpus Wsparcia Seniorów na rok 2023")
    content = page.content()
    assert "25 053,00 zł" in content and "80,00%" in content
    programme = Programme.objects.get()
    assert (programme.organisation, programme.grant_amount, programme.co_financing_rate) == (
        org,
        D("20042.00"),
        D("80.00"),
    )
    axe(page)

    # a wrong sum comes back as an announced Polish error, the typed amounts kept
    page.goto(f"/staff/programmes/{programme.pk}/edit/")
    page.get_by_label("Wkład własny").fill("5 000,00")
    page.get_by_role("button", name="Zapisz").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "Popraw" in alert.inner_text()
    assert "dają razem 25 042,00 zł, a całkowita wartość to 25 053,00 zł" in page.content()
    assert page.get_by_label("Wkład własny").input_value() == "5 000,00"


@pytest.mark.django_db(transaction=True)
def test_live_filtering_in_the_browser(page, login_page, make_user, org):
    from wsparcie.programmes.tests.factories import ProgrammeFactory

    ProgrammeFactory(organisation=org, name="SmartCare")
    ProgrammeFactory(organisation=org, name="Asystent osobisty")
    coordinator = make_user("coordinator", org)
    login_page(coordinator.username)
    page.goto("/staff/programmes/")
    page.get_by_label("Szukaj").fill("smart")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('Asystent osobisty')")
    results = page.locator("#results").inner_text()
    assert "SmartCare" in results and "Asystent osobisty" not in results
    assert "q=smart" in page.url
