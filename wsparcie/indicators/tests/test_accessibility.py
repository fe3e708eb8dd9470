"""The indicators pages (list, dashboard with its charts, funder's report, indicator, EU list)
pass axe (WCAG 2.1 AA) in a real browser, in Polish and in English."""

import pytest

from wsparcie.telecare.tests.factories import AlarmFactory, DeviceFactory


@pytest.mark.django_db(transaction=True)
def test_indicator_pages_are_accessible(page, login_page, axe, coordinator, kws, org):
    device = DeviceFactory(organisation=org, person=kws.applications.get(status="enrolled").person)
    AlarmFactory(organisation=org, device=device)
    indicator = kws.indicators.get()
    login_page(coordinator.username)
    paths = [
        "/staff/indicators/",
        f"/staff/indicators/programmes/{kws.pk}/",
        f"/staff/indicators/programmes/{kws.pk}/report/?date_from=2023-06-01&date_to=2023-12-31",
        f"/staff/indicators/{indicator.pk}/",
        f"/staff/indicators/programmes/{kws.pk}/eu/",
    ]
    for path in paths:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.goto(paths[2])
    assert page.locator("#report-spending-title").count() == 1  # the spending chart is on the page

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])
    for path in paths[1:3]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en", path
        axe(page)
