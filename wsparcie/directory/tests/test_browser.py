"""The register's pages in Chromium: no WCAG 2.1 AA violation (axe), the online application
works by keyboard alone, and form errors are announced (role="alert", focused, tied to fields)."""

import datetime as dt

import pytest

from wsparcie.core import pesel as pesel_lib
from wsparcie.directory.models import OnlineApplication
from wsparcie.directory.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

#: Born 3 March 1950: day and month are equal, so typing the date works whatever order the
#: browser's date field uses (dd.mm.rrrr or mm/dd/yyyy).
PESEL = pesel_lib.make(dt.date(1950, 3, 3), 7, "female")


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (fails if it never gets it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


@pytest.fixture
def register(org, edition):
    service = f.ServiceFactory(
        organisation=org,
        programme=edition,
        name="Teleopieka",
        needs=["telecare"],
        audiences=["seniors"],
        age_min=65,
        is_free=False,
        fee_description="Według dochodu.",
    )
    f.ServiceAtLocationFactory(
        service=service, location__accessibility=["lift"], location__accessibility_description="Winda."
    )
    f.ScheduleFactory(service=service)
    f.AreaFactory(service=service, name="obszar rewitalizowany")
    return service


def test_public_pages_pass_axe(page, axe, register, edition):
    page.goto("/services/")
    axe(page)
    page.get_by_label("Czego szukasz?").fill("teleopieka")
    page.get_by_role("button", name="Szukaj").click()
    page.wait_for_selector("#results h2")
    axe(page)
    page.goto(f"/services/{register.pk}/")
    assert page.locator("h1").inner_text() == "Teleopieka"
    axe(page)
    page.goto("/services/status/")
    axe(page)
    page.get_by_role("button", name="Sprawdź status").click()
    page.wait_for_selector("#form-errors")
    axe(page)


def test_apply_pages_pass_axe_and_errors_are_announced(page, axe, edition):
    page.goto(f"/services/apply/{edition.pk}/")
    axe(page)

    # Sending without answers: the summary is an alert, gets the focus and links to the fields.
    page.get_by_role("button", name="Dalej: sprawdź wstępnie, czy spełniasz kryteria").click()
    page.wait_for_selector("#form-errors")
    assert page.get_attribute("#form-errors", "role") == "alert"
    assert focused_id(page) == "form-errors"
    pesel = page.locator("#id_pesel")
    assert pesel.get_attribute("aria-invalid") == "true"
    described = pesel.get_attribute("aria-describedby").split()
    assert "id_pesel_error" in described
    assert page.locator("#id_pesel_error").inner_text() == "To pole jest wymagane."
    group = page.locator("#id_certificate_group")
    assert "id_certificate_error" in group.get_attribute("aria-describedby")
    assert page.locator("#form-errors a[href='#id_pesel']").count() == 1
    axe(page)

    # Step two: the likely answer, documents, declaration and clause.
    page.get_by_label("Imię").fill("Anna")
    page.get_by_label("Nazwisko").fill("Nowak")
    page.get_by_label("PESEL").fill(PESEL)
    page.get_by_label("Gmina, w której mieszkasz").select_option("2263011")
    page.get_by_label("nie mam orzeczenia o niepełnosprawności").check()
    page.get_by_role("button", name="Dalej: sprawdź wstępnie, czy spełniasz kryteria").click()
    page.wait_for_selector("#eligibility-title")
    assert focused_id(page) == "eligibility-title"
    assert "prawdopodobnie spełniasz kryteria" in page.locator("#eligibility-title").inner_text()
    axe(page)

    # Missing declaration: announced again, nothing stored.
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    page.wait_for_selector("#form-errors")
    assert focused_id(page) == "form-errors"
    assert page.locator("#id_declaration").get_attribute("aria-invalid") == "true"
    assert not OnlineApplication.objects.exists()
    axe(page)


def test_apply_by_keyboard_alone(page, axe, edition):
    page.goto(f"/services/apply/{edition.pk}/")
    for selector, text in [
        ("#id_first_name", "Anna"),
        ("#id_last_name", "Nowak"),
        ("#id_pesel", PESEL),
        ("#id_street", "ul. Długa 1"),
        ("#id_postal_code", "76-200"),
        ("#id_city", "Słupsk"),
    ]:
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#id_municipality")
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#id_municipality", "el => el.value") == "2263011"
    tab_to(page, "input[name=certificate]")
    page.keyboard.press("Space")
    assert page.eval_on_selector("#id_certificate_0", "el => el.checked")
    tab_to(page, "button[value=check]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#eligibility-title")
    assert focused_id(page) == "eligibility-title"

    tab_to(page, "#id_declaration")
    page.keyboard.press("Space")
    tab_to(page, "#id_information_clause")
    page.keyboard.press("Space")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".reference")
    reference = page.locator(".reference").inner_text()
    online = OnlineApplication.objects.get()
    assert reference == online.reference
    assert online.application.source == "online"
    axe(page)

    # The status page, by keyboard too.
    page.goto("/services/status/")
    tab_to(page, "#id_reference")
    page.keyboard.type(reference.lower())
    tab_to(page, "#id_birth_date")
    page.keyboard.type("03031950")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"h1:has-text('Status zgłoszenia {reference}')")
    assert "złożony" in page.content()
    axe(page)


def test_staff_pages_pass_axe(page, axe, login_page, coordinator, register):
    login_page(coordinator.username)
    page.goto("/services/staff/")
    assert page.locator("h1").inner_text() == "Rejestr usług – edycja"
    axe(page)
    page.goto(f"/services/staff/{register.pk}/")
    axe(page)
    page.goto("/services/staff/new/")
    page.get_by_role("button", name="Zapisz").click()
    page.wait_for_selector("#form-errors")
    assert focused_id(page) == "form-errors"
    axe(page)
    for url in [
        "/services/staff/locations/",
        "/services/staff/locations/new/",
        "/services/staff/providers/",
        "/services/staff/applications/",
    ]:
        page.goto(url)
        axe(page)
