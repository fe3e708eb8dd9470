"""The plan as a PDF for signature (WeasyPrint, shared/RECIPES.md): diagnosis, goals, actions,
reviews, outcome and signature fields for the participant and the social worker."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from wsparcie.plans.models import Assessment, SupportPlan

ASSESSMENT_LABELS = [
    ("problems", "Problemy"),
    ("resources", "Zasoby"),
    ("potential", "Potencjał"),
    ("predispositions", "Predyspozycje"),
    ("needs", "Potrzeby"),
]


def plan_pdf_context(plan: SupportPlan) -> dict:
    try:
        assessment = plan.assessment
    except Assessment.DoesNotExist:
        assessment = None
    return {
        "plan": plan,
        "organisation": plan.organisation,
        "person": plan.person,
        "assessment": assessment,
        "assessment_parts": [(label, getattr(assessment, name, "")) for name, label in ASSESSMENT_LABELS]
        if assessment
        else [],
        "goals": list(plan.goals.all()),
        "actions": list(plan.actions.select_related("goal", "service").all()),
        "reviews": list(plan.reviews.all()),
        "printed_at": timezone.localtime(),
    }


def plan_pdf_filename(plan: SupportPlan) -> str:
    return f"plan-{plan.pk}-{slugify(plan.person.last_name) or 'uczestnik'}.pdf"


def render_plan_pdf(plan: SupportPlan) -> bytes:
    from weasyprint import HTML

    html = render_to_string("plans/plan_pdf.html", plan_pdf_context(plan))
    return HTML(string=html).write_pdf(
        pdf_variant="pdf/ua-1",
        custom_metadata=False,
    )
