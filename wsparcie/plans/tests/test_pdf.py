import io

import pytest
from pypdf import PdfReader

from wsparcie.plans.pdf import render_plan_pdf
from wsparcie.plans.tests.factories import AssessmentFactory, GoalFactory, PersonFactory, PlanFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_plan_pdf_has_assessment_goals_and_signature_fields(org):
    plan = PlanFactory(
        person=PersonFactory(organisation=org, first_name="Żaneta", last_name="Łęcka"), title="Powrót na rynek pracy"
    )
    AssessmentFactory(plan=plan, problems="Zadłużenie czynszowe")
    GoalFactory(plan=plan, description="Spłata zaległości w 12 ratach", order=1)
    GoalFactory(plan=plan, description="Udział w kursie kasjera", order=2)
    data = render_plan_pdf(plan)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Ścieżka reintegracji" in text
    assert "Żaneta Łęcka" in text and plan.person.pesel in text
    assert "Zadłużenie czynszowe" in text
    assert "Spłata zaległości w 12 ratach" in text and "Udział w kursie kasjera" in text
    assert "Podpis uczestnika" in text and "Podpis pracownika socjalnego" in text
