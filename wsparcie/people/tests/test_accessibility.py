"""The main staff pages of the registry pass axe (WCAG 2.1 AA) in a real browser."""

import datetime as dt

import pytest

from wsparcie.people.tests.factories import CertificateFactory, PersonFactory


@pytest.mark.django_db(transaction=True)
def test_registry_pages_are_accessible(page, login_page, axe, make_user, org):
    user = make_user("coordinator", org)
    person = PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1))
    CertificateFactory(person=person)
    login_page(user.username)
    for path in [
        "/staff/people/",
        f"/staff/people/{person.pk}/",
        f"/staff/people/{person.pk}/certificates/",
        f"/staff/people/{person.pk}/relations/",
        "/staff/people/new/",
        "/staff/people/import/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.goto("/staff/people/")
    page.get_by_label("Imię lub nazwisko").fill(person.last_name[:6])
    page.wait_for_selector(f"text={person.first_name}")
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_pesel_typed_into_name_search_stays_out_of_the_url(page, login_page, make_user, org):
    user = make_user("coordinator", org)
    person = PersonFactory(organisation=org)
    login_page(user.username)
    page.goto("/staff/people/")
    field = page.get_by_label("Imię lub nazwisko")
    field.fill(person.pesel)
    field.press("Enter")
    page.wait_for_selector(".pesel-warning")
    assert person.pesel not in page.url
    page.get_by_label("Numer PESEL").fill(person.pesel)
    page.get_by_role("button", name="Szukaj").first.click()
    page.wait_for_url(f"**/staff/people/{person.pk}/")
    assert person.pesel not in page.url
