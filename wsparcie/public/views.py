"""Public pages: no login, only what an organisation publishes."""

from __future__ import annotations

from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from wsparcie.programmes import selectors as programme_selectors
from wsparcie.programmes.documents import document_response


class IndexView(TemplateView):
    template_name = "public/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisations"] = programme_selectors.public_organisations()
        return context


class AccessibilityView(TemplateView):
    template_name = "public/accessibility.html"


class OrganisationView(TemplateView):
    """An organisation's programmes and projects, current and completed, searchable (``?q=``)."""

    template_name = "public/organisation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = programme_selectors.public_organisation_get(self.kwargs["slug"])
        q = self.request.GET.get("q", "").strip()[:200]
        programmes = programme_selectors.public_programmes_split(organisation, q=q)
        context.update(
            {
                "organisation": organisation,
                "q": q,
                "programmes": programmes,
                "found": len(programmes["current"]) + len(programmes["completed"]),
            }
        )
        return context


class ProgrammeView(TemplateView):
    template_name = "public/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = programme_selectors.public_programme_get(self.kwargs["slug"], self.kwargs["programme_slug"])
        for document in programme.documents.all():
            document.download_url = (
                reverse(
                    "public:document",
                    kwargs={"slug": programme.organisation.slug, "programme_slug": programme.slug, "pk": document.pk},
                )
                if document.file
                else ""
            )
        context.update({"programme": programme, "organisation": programme.organisation, "manage": False})
        return context


class DocumentView(View):
    def get(self, request, slug, programme_slug, pk):
        return document_response(programme_selectors.public_document_get(slug, programme_slug, pk))
