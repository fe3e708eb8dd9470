"""Reads of the programme register.

Staff reads go through ``core.tenancy`` (another organisation's programme is simply absent);
public reads return only what an organisation publishes (``is_public``) and need no login.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wsparcie.core import tenancy
from wsparcie.core.models import Organisation
from wsparcie.programmes.choices import ProgrammeStatus, StatusFilter
from wsparcie.programmes.models import Milestone, Programme, ProgrammeDocument, ProgrammeSeries

VIEW = "programmes.view"
EDIT = "programmes.edit"

SEARCH_FIELDS = (
    "name",
    "short_name",
    "edition",
    "goal",
    "target_group",
    "description",
    "operational_programme",
    "partners__name",
)


def completed_q(today: date | None = None) -> Q:
    """Completed: declared so, or the implementation period has ended (see ``Programme.is_completed``)."""
    today = today or timezone.localdate()
    return Q(status=ProgrammeStatus.COMPLETED) | Q(period_end__lt=today)


def filter_status(queryset: QuerySet, status: str, today: date | None = None) -> QuerySet:
    if status == StatusFilter.COMPLETED:
        return queryset.filter(completed_q(today))
    if status == StatusFilter.CURRENT:
        return queryset.exclude(completed_q(today))
    return queryset


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Every word must match one of the searched fields (case-insensitive)."""
    words = [word for word in (text or "").split() if word]
    if not words:
        return queryset
    for word in words:
        condition = Q()
        for field in SEARCH_FIELDS:
            condition |= Q(**{f"{field}__icontains": word})
        matching = Programme.objects.filter(condition).values("pk")
        queryset = queryset.filter(pk__in=matching)
    return queryset


def programmes_for_user(user, perm: str = VIEW) -> QuerySet:
    return tenancy.scope(Programme.objects.select_related("organisation", "series"), user, perm)


def with_details(queryset: QuerySet) -> QuerySet:
    """Everything a detail page or API detail shows, in a fixed number of queries."""
    return queryset.select_related("organisation", "series").prefetch_related(
        "fundings__source",
        "partners__organisation",
        "targets",
        "activities",
        "limits",
        Prefetch("milestones", queryset=Milestone.objects.prefetch_related("targets")),
        "durability",
        "links",
        "documents",
    )


def programme_get_for_user(user, pk: int, perm: str = VIEW) -> Programme:
    """One programme the user may see (or edit, with ``perm=EDIT``), or 404."""
    return tenancy.get_for_user(with_details(Programme.objects.all()), user, perm, pk=pk)


def series_for_user(user, perm: str = EDIT) -> QuerySet:
    return tenancy.scope(ProgrammeSeries.objects.select_related("organisation"), user, perm)


def document_get_for_user(user, programme_pk: int, pk: int) -> ProgrammeDocument:
    return tenancy.get_for_user(
        ProgrammeDocument.objects.select_related("programme"),
        user,
        VIEW,
        field="programme__organisation",
        programme_id=programme_pk,
        pk=pk,
    )


# --- Public pages (no login) ---------------------------------------------------------------


def public_organisations() -> QuerySet:
    return Organisation.objects.filter(is_tenant=True).order_by("city", "name")


def public_organisation_get(slug: str) -> Organisation:
    organisation = public_organisations().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def public_programmes(organisation: Organisation, *, q: str = "") -> QuerySet:
    queryset = Programme.objects.filter(organisation=organisation, is_public=True).select_related("organisation")
    return search(queryset, q)


def public_programmes_split(organisation: Organisation, *, q: str = "", today: date | None = None) -> dict[str, list]:
    """``{"current": [...], "completed": [...]}`` of the organisation's published programmes."""
    today = today or timezone.localdate()
    queryset = public_programmes(organisation, q=q)
    return {
        "current": list(filter_status(queryset, StatusFilter.CURRENT, today)),
        "completed": list(filter_status(queryset, StatusFilter.COMPLETED, today)),
    }


def public_programme_get(organisation_slug: str, slug: str) -> Programme:
    programme = (
        with_details(Programme.objects.filter(is_public=True, organisation__is_tenant=True))
        .filter(organisation__slug=organisation_slug, slug=slug)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def public_document_get(organisation_slug: str, programme_slug: str, pk: int) -> ProgrammeDocument:
    document = (
        ProgrammeDocument.objects.select_related("programme")
        .filter(
            pk=pk,
            programme__slug=programme_slug,
            programme__organisation__slug=organisation_slug,
            programme__organisation__is_tenant=True,
            programme__is_public=True,
        )
        .exclude(file="")
        .first()
    )
    if document is None:
        raise Http404
    return document
