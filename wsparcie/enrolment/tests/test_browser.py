"""The recruitment pages in a real browser: they work and pass axe (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt

import pytest

from wsparcie.enrolment import services
from wsparcie.enrolment.tests.factories import CertificateFactory, PersonFactory, ProgrammeFactory


@pytest.mark.django_db(transaction=True)
def test_queue_detail_criteria_screening_are_accessible(page, login_page, axe, make_user, org):
    user = make_user("coordinator", org)
    programme = ProgrammeFactory(organisation=org, planned_participants=1, name="Usługi opiekuńcze 2020")
    services.criteria_set(
        actor="t",
        programme=programme,
        spec=[
            {
                "code": "adresaci",
                "name": "Adresaci",
                "kind": "any_of",
                "children": [
                    {"code": "wiek", "name": "Wiek do 75 lat", "kind": "age", "params": {"max": 75}},
                    {
                        "code": "dziecko",
                        "name": "Dziecko ze wskazaniami",
                        "kind": "certificate",
                        "params": {"child": "with_indications"},
                    },
                ],
            }
        ],
    )
    person = PersonFactory(organisation=org, birth_date=dt.date(1940, 1, 1), last_name="Kamińska")
    CertificateFactory(person=person)
    application = services.application_submit(actor="t", programme=programme, person=person)

    login_page(user.username)
    page.goto("/staff/enrolment/")
    assert page.get_by_role("heading", name="Rekrutacja: zgłoszenia").is_visible()
    axe(page)
    page.get_by_role("link", name="Kamińska").first.click()
    page.wait_for_load_state()
    assert "żaden wariant nie jest spełniony" in page.content()
    axe(page)
    page.goto(f"/staff/enrolment/{application.pk}/qualify/")
    page.get_by_role("button", name="Kwalifikacja").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    axe(page)
    page.goto(f"/staff/enrolment/programmes/{programme.pk}/criteria/")
    axe(page)
    page.goto(f"/staff/enrolment/programmes/{programme.pk}/screening/")
    axe(page)
    page.goto(f"/staff/enrolment/programmes/{programme.pk}/waiting-list/")
    axe(page)
