"""Writes of the register and of online applications. Every write goes through
``core.services`` (full_clean, audit trail) or the people/enrolment services."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsparcie.core.errors import ApplicationError
from wsparcie.core.services import create_object, delete_object, update_object
from wsparcie.directory import rules
from wsparcie.directory.models import (
    Contact,
    DirectoryOrganisation,
    Location,
    OnlineApplication,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    SubmittedDocument,
)

# --- providers and locations ---------------------------------------------------------------


def provider_create(*, actor, organisation, name: str, **fields: Any) -> DirectoryOrganisation:
    return create_object(actor=actor, instance=DirectoryOrganisation(organisation=organisation, name=name, **fields))


def provider_update(*, actor, provider: DirectoryOrganisation, data: dict[str, Any]) -> DirectoryOrganisation:
    return update_object(actor=actor, instance=provider, data=data)


def location_create(*, actor, organisation, name: str, city: str, **fields: Any) -> Location:
    location = Location(organisation=organisation, name=name, city=city, **fields)
    _same_tenant(location, location.provider, field="provider")
    return create_object(actor=actor, instance=location)


def location_update(*, actor, location: Location, data: dict[str, Any]) -> Location:
    if "provider" in data:
        _same_tenant(location, data["provider"], field="provider")
    return update_object(actor=actor, instance=location, data=data)


# --- services ------------------------------------------------------------------------------


def service_create(
    *, actor, organisation, provider: DirectoryOrganisation, name: str, slug: str, **fields: Any
) -> Service:
    partners = fields.pop("partners", None)
    service = create_object(
        actor=actor, instance=Service(organisation=organisation, provider=provider, name=name, slug=slug, **fields)
    )
    if partners is not None:
        service_set_partners(actor=actor, service=service, partners=partners)
    return service


@transaction.atomic
def service_update(*, actor, service: Service, data: dict[str, Any]) -> Service:
    data = dict(data)
    partners = data.pop("partners", None)
    service = update_object(actor=actor, instance=service, data=data)
    if partners is not None:
        service_set_partners(actor=actor, service=service, partners=partners)
    return service


@transaction.atomic
def service_set_partners(*, actor, service: Service, partners) -> None:
    partners = list(partners)
    for partner in partners:
        _same_tenant(service, partner, field="partners")
        if partner.pk == service.provider_id:
            raise ValidationError({"partners": _("Organizacja świadcząca nie może być jednocześnie partnerem.")})
    before = sorted(str(pk) for pk in service.partners.values_list("pk", flat=True))
    after = sorted(str(p.pk) for p in partners)
    if before != after:
        service.partners.set(partners)
        update_object(actor=actor, instance=service, data={}, note=f"partnerzy: {before} -> {after}")


def service_mark_checked(*, actor, service: Service, on: dt.date | None = None) -> Service:
    """Record that the entry was checked with the provider (HSDS ``assured_date``)."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"last_checked": _("Data sprawdzenia nie może być z przyszłości.")})
    return update_object(actor=actor, instance=service, data={"last_checked": on})


# --- parts of a service: schedules, areas, documents, contacts, phones, places ---------------

CHILD_MODELS: dict[str, type[models.Model]] = {
    "schedule": Schedule,
    "area": ServiceArea,
    "document": RequiredDocument,
    "contact": Contact,
    "phone": Phone,
    "at_location": ServiceAtLocation,
}


def service_part_save(
    *, actor, service: Service, instance: models.Model, data: dict[str, Any] | None = None
) -> models.Model:
    """Create or change one part of ``service`` (a schedule, area, document, contact, phone or
    place). The part always belongs to the service's organisation."""
    if type(instance) not in CHILD_MODELS.values():
        raise ValueError(f"Not a part of a service: {type(instance).__name__}")
    if getattr(instance, "service_id", None) not in (None, service.pk) and not isinstance(instance, Phone):
        raise ValidationError(_("Ta pozycja należy do innej usługi."))
    data = dict(data or {})
    for key, value in data.items():
        if (
            isinstance(value, models.Model)
            and getattr(value, "organisation_id", service.organisation_id) != service.organisation_id
        ):
            raise ValidationError({key: _("Można wskazać tylko pozycję z rejestru tej samej organizacji.")})
    if instance._state.adding:
        for key, value in data.items():
            setattr(instance, key, value)
        instance.organisation_id = service.organisation_id
        if not isinstance(instance, Phone) or not (instance.contact_id or instance.location_id or instance.provider_id):
            instance.service = service
        return create_object(actor=actor, instance=instance)
    return update_object(actor=actor, instance=instance, data=data)


def service_part_delete(*, actor, service: Service, instance: models.Model) -> None:
    owner = getattr(instance, "service_id", None)
    if owner != service.pk:
        raise ValidationError(_("Ta pozycja należy do innej usługi."))
    delete_object(actor=actor, instance=instance)


@transaction.atomic
def service_parts_replace(
    *, actor, service: Service, kind: str, rows: list[dict[str, Any]], key: tuple[str, ...]
) -> None:
    """Make the service's parts of ``kind`` exactly ``rows`` (matched on ``key``): used by the
    demo loader, so a second run changes nothing."""
    model = CHILD_MODELS[kind]
    existing = {tuple(_key_value(getattr(obj, k)) for k in key): obj for obj in model.objects.filter(service=service)}
    wanted = set()
    for row in rows:
        row = dict(row)
        phones = row.pop("phones", None)
        row_key = tuple(_key_value(row.get(k)) for k in key)
        wanted.add(row_key)
        obj = existing.get(row_key)
        if obj is None:
            obj = service_part_save(actor=actor, service=service, instance=model(), data=row)
        else:
            changed = {k: v for k, v in row.items() if getattr(obj, k) != v}
            if changed:
                obj = service_part_save(actor=actor, service=service, instance=obj, data=changed)
        if phones is not None and isinstance(obj, Contact):
            phones_replace(actor=actor, owner=obj, phones=phones)
    for row_key, obj in existing.items():
        if row_key not in wanted:
            delete_object(actor=actor, instance=obj)


def phones_replace(*, actor, owner: models.Model, phones: list[dict[str, Any] | str]) -> None:
    """Make ``owner`` 's phone numbers exactly ``phones`` (a service, contact, location or provider)."""
    field = {Service: "service", Contact: "contact", Location: "location", DirectoryOrganisation: "provider"}[
        type(owner)
    ]
    existing = {p.number: p for p in Phone.objects.filter(**{field: owner})}
    wanted = []
    for phone in phones:
        row = {"number": phone} if isinstance(phone, str) else dict(phone)
        wanted.append(row["number"])
        current = existing.get(row["number"])
        if current is None:
            create_object(actor=actor, instance=Phone(organisation_id=owner.organisation_id, **{field: owner}, **row))
        else:
            changed = {k: v for k, v in row.items() if getattr(current, k) != v}
            if changed:
                update_object(actor=actor, instance=current, data=changed)
    for number, phone in existing.items():
        if number not in wanted:
            delete_object(actor=actor, instance=phone)


def _key_value(value):
    return value.pk if isinstance(value, models.Model) else value


def _same_tenant(owner: models.Model, other, *, field: str | None) -> None:
    """``other`` (a register row) must belong to ``owner`` 's organisation."""
    if other is None or not hasattr(other, "organisation_id") or not owner.organisation_id:
        return
    if other.organisation_id != owner.organisation_id:
        message = _("Można wskazać tylko pozycję z rejestru tej samej organizacji.")
        raise ValidationError({field: message} if field else message)


# --- online applications --------------------------------------------------------------------

#: Who the audit trail names for writes made by the public form.
ONLINE_ACTOR = "formularz online"
#: Version of the information clause the applicant acknowledged (see templates/directory/clause.html).
INFORMATION_CLAUSE_VERSION = "klauzula-rejestr-2026-11"


class RepeatedApplication(ApplicationError):
    """The same person already has an open online application to the edition (or the same form
    was sent twice): ``existing`` is that application; ``same_person`` says whether the names
    typed match the registry, so its reference may be shown."""

    code = "repeated_application"

    def __init__(self, message: str, *, existing=None, same_person: bool = False):
        super().__init__(message)
        self.existing = existing
        self.same_person = same_person


def _same_name(person, first_name: str, last_name: str) -> bool:
    from wsparcie.people.rules import normalise_text

    return normalise_text(person.first_name) == normalise_text(first_name) and normalise_text(
        person.last_name
    ) == normalise_text(last_name)


def online_application_submit(
    *,
    programme,
    form_token: uuid.UUID,
    person_data: dict[str, Any],
    birth_date: dt.date,
    answers: dict[str, Any],
    evaluation: dict[str, Any],
    documents: list[tuple[Any, Any]] = (),
    contact_consent: bool = False,
    notes: str = "",
):
    """Store an application sent through the public form, all or nothing, and return its
    :class:`~wsparcie.directory.models.OnlineApplication`.

    The person is matched by PESEL in the programme's organisation (registry data is never
    changed from the public form; what was typed goes to the application's notes) or registered
    through ``people.services.person_create``; the application goes to the edition's recruitment
    queue through ``enrolment.services.application_submit(source="online")``. ``documents`` are
    ``(RequiredDocument, UploadedFile)`` pairs already checked by the form.

    Raises :class:`RepeatedApplication` when the same form token was already used or the person
    already has an open application to the edition, and the enrolment errors (e.g.
    ``RecruitmentClosed``) otherwise.
    """
    from wsparcie.directory import selectors
    from wsparcie.enrolment import services as enrolment_services
    from wsparcie.people import services as people_services

    existing = selectors.online_application_for_token(form_token)
    if existing is not None:
        raise RepeatedApplication(_("To zgłoszenie zostało już wysłane."), existing=existing, same_person=True)
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            person = selectors.person_for_online(programme.organisation_id, person_data["pesel"])
            if person is None:
                try:
                    person = people_services.person_create(
                        actor=ONLINE_ACTOR,
                        organisation=programme.organisation,
                        notes=_("Zarejestrowano ze zgłoszenia przez internet."),
                        **person_data,
                    )
                except people_services.DuplicatePesel:
                    # Registered a moment ago (e.g. the same form sent twice at once). Its message
                    # names the registry record, so it is never shown to the public.
                    person = selectors.person_for_online(programme.organisation_id, person_data["pesel"])
                    if person is None:
                        raise ApplicationError(
                            _("Nie udało się zapisać zgłoszenia. Spróbuj ponownie za chwilę.")
                        ) from None
            if person is not None:
                earlier = selectors.online_application_for_token(form_token) or selectors.online_application_for_person(
                    programme=programme, person=person
                )
                if earlier is not None:
                    raise RepeatedApplication(
                        _("Ta osoba ma już zgłoszenie do tego programu."),
                        existing=earlier,
                        same_person=earlier.form_token == form_token
                        or _same_name(person, person_data["first_name"], person_data["last_name"]),
                    )
            reference = _unused_reference()
            try:
                application = enrolment_services.application_submit(
                    actor=ONLINE_ACTOR,
                    programme=programme,
                    person=person,
                    source="online",
                    notes=notes.replace("{reference}", reference),
                )
            except enrolment_services.DuplicateApplication as exc:
                earlier = selectors.online_application_for_token(form_token) or selectors.online_application_for_person(
                    programme=programme, person=person
                )
                if earlier is not None:  # sent at the same moment by another request
                    raise RepeatedApplication(
                        _("Ta osoba ma już zgłoszenie do tego programu."),
                        existing=earlier,
                        same_person=earlier.form_token == form_token
                        or _same_name(person, person_data["first_name"], person_data["last_name"]),
                    ) from exc
                raise RepeatedApplication(
                    _(
                        "Ośrodek ma już zgłoszenie tej osoby do tego programu (przyjęte na miejscu lub telefonicznie). "
                        "W sprawie jego statusu skontaktuj się z ośrodkiem."
                    ),
                    existing=None,
                ) from exc
            online = create_object(
                actor=ONLINE_ACTOR,
                instance=OnlineApplication(
                    organisation_id=programme.organisation_id,
                    application=application,
                    programme=programme,
                    reference=reference,
                    form_token=form_token,
                    birth_date=birth_date,
                    answers=answers,
                    eligibility_preview=evaluation,
                    declaration_accepted_at=timezone.now(),
                    information_clause_version=INFORMATION_CLAUSE_VERSION,
                    contact_consent=contact_consent,
                ),
            )
            for required, upload in documents:
                document = SubmittedDocument(
                    organisation_id=programme.organisation_id,
                    online_application=online,
                    required_document=required,
                    title=required.document,
                    original_name=upload.name[:255],
                    content_type=getattr(upload, "checked_content_type", upload.content_type or ""),
                    size=upload.size,
                    sha256=_sha256(upload),
                )
                document.file.save(f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}", upload, save=False)
                saved_files.append(document.file.name)
                create_object(actor=ONLINE_ACTOR, instance=document)
    except IntegrityError:
        _remove_files(saved_files)
        # The same form sent twice at the same moment: the other request stored it.
        existing = selectors.online_application_for_token(form_token)
        if existing is None:
            raise
        raise RepeatedApplication(
            _("To zgłoszenie zostało już wysłane."), existing=existing, same_person=True
        ) from None
    except BaseException:
        _remove_files(saved_files)
        raise
    return online


def _unused_reference() -> str:
    for _attempt in range(10):
        reference = rules.new_reference()
        if not OnlineApplication.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not draw an unused reference number.")  # 40 random bits: never in practice


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _remove_files(names: list[str]) -> None:
    storage = SubmittedDocument._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            pass
