"""In a real browser: a social worker filters plans, reads a plan, completes it and takes attendance."""

import pytest

from wsparcie.plans.models import Attendance, SupportPlan
from wsparcie.plans.tests.factories import PersonFactory, PlanFactory


@pytest.mark.django_db(transaction=True)
def test_social_worker_works_with_plans_and_attendance(page, login_page, make_user, org, world, axe):
    PlanFactory(person=PersonFactory(organisation=org, last_name="Kontraktowa"), kind="social_contract")
    worker = make_user("social_worker", org)
    login_page(worker.username)

    page.goto("/staff/plans/")
    page.get_by_label("Rodzaj planu").select_option("social_contract")
    page.wait_for_function("() => !document.querySelector('#results').textContent.includes('Halina')")
    assert "Kontraktowa" in page.locator("#results").inner_text()
    axe(page)

    plan = world["plan"]
    page.goto(f"/staff/plans/{plan.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ścieżka reintegracji: Halina Testowa"
    axe(page)

    page.get_by_role("link", name="Zakończ plan").click()
    page.get_by_role("button", name="Zakończ plan").click()
    page.wait_for_load_state()
    assert "Popraw zaznaczone pola" in page.get_by_role("alert").inner_text()
    assert "Nie można zakończyć planu bez wyniku" in page.content()
    axe(page)
    page.get_by_label("Czy osiągnięto postęp").select_option("yes")
    page.get_by_label("Opis wyniku").fill("Podjęła pracę w sklepie osiedlowym.")
    page.get_by_label("Data zakończenia").fill("2024-06-28")
    page.get_by_role("button", name="Zakończ plan").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == "completed" and plan.progress_achieved is True
    assert SupportPlan.objects.filter(status="completed").count() == 1

    page.goto(f"/staff/plans/pal/sessions/{world['session'].pk}/")
    page.get_by_label("Halina Testowa").uncheck()
    page.get_by_role("button", name="Zapisz obecność").click()
    page.wait_for_load_state()
    assert Attendance.objects.get(session=world["session"], person=world["person"]).present is False
    page.goto(f"/staff/plans/pal/sessions/{world['session'].pk}/")
    axe(page)
