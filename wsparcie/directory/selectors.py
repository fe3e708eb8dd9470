"""Reads of the register. The public register is every tenant's published services; staff
editing is narrowed by ``core.tenancy`` to the organisations where the user holds ``directory.edit``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from wsparcie.core import tenancy
from wsparcie.directory import rules
from wsparcie.directory.choices import AVAILABLE_STATUSES, ServiceStatus
from wsparcie.directory.models import (
    Contact,
    DirectoryOrganisation,
    Location,
    OnlineApplication,
    Service,
    ServiceAtLocation,
)
from wsparcie.enrolment.choices import CAPACITY_COUNTED
from wsparcie.enrolment.models import Application

EDIT = "directory.edit"


def with_places(queryset: QuerySet) -> QuerySet:
    """Annotate ``capacity_total`` (the service's own capacity, else the programme's planned
    participants) and ``places_taken``: the programme's applications that hold a place
    (qualified, enrolled) or used it (completed), the same count the enrolment app's
    qualification checks against ``planned_participants``. One query for any number of rows."""
    taken = (
        Application.objects.filter(programme_id=OuterRef("programme_id"), status__in=CAPACITY_COUNTED)
        .order_by()
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        capacity_total=Coalesce("capacity", "programme__planned_participants"),
        places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0),
    )


def free_places(service: Service) -> int | None:
    """Free places of a service annotated by :func:`with_places`."""
    return rules.free_places(
        capacity=getattr(service, "capacity_total", None),
        taken=getattr(service, "places_taken", 0),
        from_recruitment=service.programme_id is not None,
    )


def _full(queryset: QuerySet) -> QuerySet:
    """Everything a service page, the API and open data show, in a fixed number of queries."""
    return with_places(
        queryset.select_related("provider", "provider__core_organisation", "programme", "organisation")
    ).prefetch_related(
        "partners",
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related("location__phones"),
        ),
        "schedules",
        "areas",
        "documents",
        Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
        "phones",
        "provider__phones",
    )


def public_services(*, include_inactive: bool = False) -> QuerySet:
    """The public register: services of organisations using the system, never defunct ones;
    only available ones (active or temporarily closed) unless ``include_inactive``."""
    statuses = [s.value for s in ServiceStatus if s != ServiceStatus.DEFUNCT]
    if not include_inactive:
        statuses = [s.value for s in AVAILABLE_STATUSES]
    return _full(Service.objects.filter(status__in=statuses, organisation__is_tenant=True)).order_by("name", "id")


def open_data_services() -> QuerySet:
    """The whole register as published: every status except defunct (HSDS ``status`` says which)."""
    return public_services(include_inactive=True)


def service_get_public(pk) -> Service:
    service = public_services(include_inactive=True).filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


def service_get_for_staff(user, pk) -> Service:
    return tenancy.get_for_user(_full(Service.objects.all()), user, EDIT, pk=pk)


def location_get_for_staff(user, pk) -> Location:
    return tenancy.get_for_user(Location.objects.all(), user, EDIT, pk=pk)


def provider_get_for_staff(user, pk) -> DirectoryOrganisation:
    return tenancy.get_for_user(DirectoryOrganisation.objects.all(), user, EDIT, pk=pk)


def municipality_choices(queryset: QuerySet | None = None) -> list[tuple[str, str]]:
    """``(teryt, name)`` of every municipality the public register's services cover, by name."""
    from wsparcie.directory.models import ServiceArea

    services = (
        queryset
        if queryset is not None
        else Service.objects.filter(organisation__is_tenant=True).exclude(status=ServiceStatus.DEFUNCT)
    )
    pairs = (
        ServiceArea.objects.filter(service__in=services.values("pk")).values_list("teryt", "municipality").distinct()
    )
    names: dict[str, str] = {}
    for teryt, name in pairs:
        names.setdefault(teryt, name)
    return sorted(names.items(), key=lambda item: item[1])


def online_application_lookup(*, reference: str, birth_date: dt.date) -> OnlineApplication | None:
    """The application with this reference whose applicant was born on ``birth_date`` (both
    must match; a wrong one gives the same ``None`` as a missing one)."""
    normalised = rules.normalise_reference(reference)
    if not normalised:
        return None
    return (
        OnlineApplication.objects.select_related("application", "programme", "organisation")
        .filter(reference=normalised, birth_date=birth_date)
        .first()
    )


def online_application_for_token(form_token) -> OnlineApplication | None:
    return OnlineApplication.objects.filter(form_token=form_token).first()


def online_application_for_person(*, programme, person) -> OnlineApplication | None:
    """The live online application of ``person`` to ``programme`` (a repeated submission)."""
    return (
        OnlineApplication.objects.filter(programme=programme, application__person=person)
        .exclude(application__status__in=["withdrawn", "rejected"])
        .first()
    )


def online_applications_for_staff(user) -> QuerySet:
    return tenancy.scope(
        OnlineApplication.objects.select_related("application", "application__person", "programme"),
        user,
        "enrolment.view",
    )


def submitted_document_get_for_staff(user, pk):
    from wsparcie.directory.models import SubmittedDocument

    return tenancy.get_for_user(SubmittedDocument.objects.all(), user, "enrolment.view", pk=pk)


def programmes_open_for_online() -> QuerySet:
    """Programme editions that accept online applications: the enrolment app's "in recruitment"
    (published, recruitment open), of organisations using the system."""
    from wsparcie.enrolment.selectors import programmes_in_recruitment

    return programmes_in_recruitment().filter(organisation__is_tenant=True)


def programme_get_open(programme_id: int):
    programme = programmes_open_for_online().select_related("organisation").filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def services_of_programme(programme) -> QuerySet:
    return Service.objects.filter(programme=programme).exclude(status=ServiceStatus.DEFUNCT)


def upload_documents_for(programme) -> list:
    """Documents the edition asks for in the online form (from its services in the register),
    each name once (several services of one project often list the same document)."""
    from wsparcie.directory.models import RequiredDocument

    rows = RequiredDocument.objects.filter(
        service__in=services_of_programme(programme).values("pk"), upload_online=True
    ).order_by("-required", "order", "document", "id")
    seen: dict[str, RequiredDocument] = {}
    for row in rows:
        seen.setdefault(row.document.strip().lower(), row)
    return sorted(seen.values(), key=lambda d: (d.order, d.document))


def search_filter(queryset: QuerySet, text: str) -> QuerySet:
    """Every word must appear (accents and case ignored) in the name, other name, description,
    who-it-is-for text or the provider's name."""
    for word in text.split()[:8]:
        queryset = queryset.filter(
            Q(name__unaccent__icontains=word)
            | Q(alternate_name__unaccent__icontains=word)
            | Q(description__unaccent__icontains=word)
            | Q(eligibility_description__unaccent__icontains=word)
            | Q(provider__name__unaccent__icontains=word)
        )
    return queryset


def person_for_online(organisation_id: int, pesel: str):
    """The registry's person with this PESEL in the organisation (the online form matches by it;
    nothing of the record is shown to the applicant)."""
    from wsparcie.people.models import Person

    return Person.objects.filter(organisation_id=organisation_id, pesel=pesel).first()


def area_codes_for_address(organisation_id: int, *, street: str, teryt: str) -> list[str] | None:
    """The organisation's named areas (people.NamedArea) an address lies in; None when the
    organisation defines no areas (then it cannot be known from the address)."""
    from wsparcie.people import rules as people_rules
    from wsparcie.people import selectors as people_selectors

    area_rules = people_selectors.area_rules_for(organisation_id)
    if not area_rules:
        return None
    return people_rules.areas_for_address(area_rules, street=street, teryt=teryt)


def municipality_options(programme, criteria=()) -> list[tuple[str, str]]:
    """Municipalities to choose from in the online form: those the edition's residence criteria
    name, the programme's organisation's own and those its services cover, by name."""
    from wsparcie.core.models import Organisation
    from wsparcie.directory.models import ServiceArea

    names: dict[str, str] = {}

    def walk(items):
        for criterion in items:
            if criterion.kind == "residence":
                codes = list(criterion.params.get("teryt") or [])
                label = criterion.params.get("label") or ""
                for code in codes:
                    if label and len(codes) == 1:
                        names.setdefault(code, label)
                    else:
                        names.setdefault(code, "")
            walk(criterion.children)

    walk(criteria)
    for teryt, name in ServiceArea.objects.filter(service__programme=programme).values_list("teryt", "municipality"):
        if not names.get(teryt):
            names[teryt] = name
    org = programme.organisation
    if org.teryt and not names.get(org.teryt):
        names[org.teryt] = org.city
    missing = [code for code, name in names.items() if not name]
    if missing:
        for teryt, city in Organisation.objects.filter(teryt__in=missing).values_list("teryt", "city"):
            names[teryt] = names.get(teryt) or city
    return sorted(((code, name or code) for code, name in names.items()), key=lambda item: item[1])


def _reverse_or_none(name: str, **kwargs) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def programme_public_links(programme) -> dict:
    """The edition's public page and its recruitment documents to print (regulations, form,
    declaration), with download links where the public app serves the file."""
    org_slug = programme.organisation.slug
    documents = []
    for document in programme.documents.all():
        url = None
        if document.file:
            url = _reverse_or_none("public:document", slug=org_slug, programme_slug=programme.slug, pk=document.pk)
        documents.append({"title": document.title, "kind": document.get_kind_display(), "url": url})
    return {
        "url": _reverse_or_none("public:programme", slug=org_slug, programme_slug=programme.slug)
        if programme.is_public
        else None,
        "documents": documents,
    }


def online_application_for_confirmation(pk) -> OnlineApplication | None:
    """The application whose id the applicant's session holds (the confirmation page)."""
    if not pk:
        return None
    return OnlineApplication.objects.select_related("programme", "organisation", "application").filter(pk=pk).first()
