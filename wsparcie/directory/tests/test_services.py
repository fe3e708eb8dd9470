import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wsparcie.core import pesel as pesel_lib
from wsparcie.core.models import AuditEntry
from wsparcie.directory import services
from wsparcie.directory.models import OnlineApplication, Schedule, Service, SubmittedDocument
from wsparcie.directory.tests import factories as f

pytestmark = pytest.mark.django_db

ACTOR = "test"


class TestRegister:
    def test_service_create_is_audited(self, org):
        provider = f.ProviderFactory(organisation=org)
        service = services.service_create(
            actor=ACTOR,
            organisation=org,
            provider=provider,
            name="Teleopieka",
            slug="teleopieka",
            description="Opaska.",
        )
        assert AuditEntry.objects.filter(
            object_type="directory.service", object_id=str(service.pk), action="create"
        ).exists()

    def test_provider_of_another_organisation_refused(self, org, other_org):
        foreign = f.ProviderFactory(organisation=other_org)
        with pytest.raises(ValidationError) as exc:
            services.service_create(
                actor=ACTOR, organisation=org, provider=foreign, name="X", slug="x", description="d"
            )
        assert "provider" in exc.value.message_dict

    def test_programme_of_another_organisation_refused(self, org, other_org):
        provider = f.ProviderFactory(organisation=org)
        foreign = f.programme(other_org)
        with pytest.raises(ValidationError) as exc:
            services.service_create(
                actor=ACTOR, organisation=org, provider=provider, programme=foreign, name="X", slug="x", description="d"
            )
        assert "programme" in exc.value.message_dict

    def test_age_range_and_free_fee_checked(self, org):
        provider = f.ProviderFactory(organisation=org)
        with pytest.raises(ValidationError) as exc:
            services.service_create(
                actor=ACTOR,
                organisation=org,
                provider=provider,
                name="X",
                slug="x",
                description="d",
                age_min=70,
                age_max=60,
            )
        assert "„Wiek od” nie może być większy niż „wiek do”." in str(exc.value)
        with pytest.raises(ValidationError):
            services.service_create(
                actor=ACTOR,
                organisation=org,
                provider=provider,
                name="Y",
                slug="y",
                description="d",
                is_free=True,
                fee_amount=10,
            )
        with pytest.raises(ValidationError) as exc:
            services.service_create(
                actor=ACTOR, organisation=org, provider=provider, name="Z", slug="z", description="d", is_free=False
            )
        assert "fee_description" in exc.value.message_dict

    def test_location_teryt_validated(self, org):
        with pytest.raises(ValidationError) as exc:
            services.location_create(actor=ACTOR, organisation=org, name="Siedziba", city="Płock", teryt="14620")
        assert "teryt" in exc.value.message_dict

    def test_mark_checked_today_and_not_future(self, org):
        service = f.ServiceFactory(organisation=org, last_checked=None)
        services.service_mark_checked(actor=ACTOR, service=service)
        service.refresh_from_db()
        assert service.last_checked == timezone.localdate()
        with pytest.raises(ValidationError):
            services.service_mark_checked(actor=ACTOR, service=service, on=timezone.localdate() + dt.timedelta(days=1))

    def test_partner_cannot_be_the_provider(self, org):
        service = f.ServiceFactory(organisation=org)
        with pytest.raises(ValidationError):
            services.service_set_partners(actor=ACTOR, service=service, partners=[service.provider])

    def test_parts_replace_is_idempotent(self, org):
        service = f.ServiceFactory(organisation=org)
        rows = [{"byday": ["MO"], "opens_at": dt.time(8), "closes_at": dt.time(15), "description": "biuro"}]
        services.service_parts_replace(actor=ACTOR, service=service, kind="schedule", rows=rows, key=("description",))
        before = AuditEntry.objects.count()
        services.service_parts_replace(actor=ACTOR, service=service, kind="schedule", rows=rows, key=("description",))
        assert AuditEntry.objects.count() == before
        assert Schedule.objects.filter(service=service).count() == 1
        services.service_parts_replace(actor=ACTOR, service=service, kind="schedule", rows=[], key=("description",))
        assert not Schedule.objects.filter(service=service).exists()

    def test_schedule_needs_hours_or_description(self, org):
        service = f.ServiceFactory(organisation=org)
        with pytest.raises(ValidationError):
            services.service_part_save(actor=ACTOR, service=service, instance=Schedule(), data={"byday": ["MO"]})
        with pytest.raises(ValidationError):
            services.service_part_save(
                actor=ACTOR,
                service=service,
                instance=Schedule(),
                data={"byday": ["MO"], "opens_at": dt.time(15), "closes_at": dt.time(8)},
            )

    def test_part_cannot_point_at_another_organisations_location(self, org, other_org):
        from wsparcie.directory.models import ServiceAtLocation

        service = f.ServiceFactory(organisation=org)
        foreign = f.LocationFactory(organisation=other_org)
        with pytest.raises(ValidationError):
            services.service_part_save(
                actor=ACTOR, service=service, instance=ServiceAtLocation(), data={"location": foreign}
            )


# --- online applications --------------------------------------------------------------------

PESEL = pesel_lib.make(dt.date(1950, 3, 1), 7, "female")


def submit(programme, *, token=None, pesel=PESEL, first_name="Anna", last_name="Nowak", documents=()):
    return services.online_application_submit(
        programme=programme,
        form_token=token or uuid.uuid4(),
        person_data={
            "first_name": first_name,
            "last_name": last_name,
            "pesel": pesel,
            "street": "ul. Długa 1",
            "postal_code": "76-200",
            "city": "Słupsk",
            "teryt": "2263011",
            "phone": "",
            "email": "",
        },
        birth_date=pesel_lib.parse(pesel).birth_date,
        answers={"certificate": "none"},
        evaluation={"eligible": None, "criteria": []},
        documents=list(documents),
        notes="Zgłoszenie {reference}",
    )


class TestOnlineApplication:
    def test_lands_in_the_recruitment_queue_as_online(self, org):
        programme = f.programme(org)
        online = submit(programme)
        application = online.application
        assert application.source == "online"
        assert application.status == "submitted"
        assert application.programme == programme
        assert application.person.pesel == PESEL and application.person.organisation == org
        assert online.reference.startswith("WSP-") and online.reference in application.notes
        assert online.birth_date == dt.date(1950, 3, 1)

    def test_matches_the_registered_person_by_pesel_without_changing_the_record(self, org):
        from wsparcie.people.models import Person

        registered = f.person(
            org, birth=dt.date(1950, 3, 1), serial=7, first_name="Anna", last_name="Nowak", phone="111"
        )
        assert registered.pesel == PESEL
        online = submit(f.programme(org), first_name="Anna", last_name="Nowak-Zmieniona")
        assert online.application.person == registered
        assert Person.objects.filter(pesel=PESEL).count() == 1
        registered.refresh_from_db()
        assert registered.last_name == "Nowak" and registered.phone == "111"

    def test_same_pesel_in_another_organisation_is_another_person(self, org, other_org):
        f.person(other_org, birth=dt.date(1950, 3, 1), serial=7)
        online = submit(f.programme(org))
        assert online.application.person.organisation == org

    def test_repeated_identity_is_recognised(self, org):
        programme = f.programme(org)
        first = submit(programme)
        with pytest.raises(services.RepeatedApplication) as exc:
            submit(programme)
        assert exc.value.existing == first and exc.value.same_person
        assert OnlineApplication.objects.count() == 1

    def test_repeated_identity_with_other_names_does_not_reveal_the_reference(self, org):
        programme = f.programme(org)
        submit(programme)
        with pytest.raises(services.RepeatedApplication) as exc:
            submit(programme, first_name="Ktoś", last_name="Inny")
        assert not exc.value.same_person

    def test_same_form_token_twice(self, org):
        programme = f.programme(org)
        token = uuid.uuid4()
        first = submit(programme, token=token)
        with pytest.raises(services.RepeatedApplication) as exc:
            submit(programme, token=token, pesel=pesel_lib.make(dt.date(1960, 1, 1), 3, "male"))
        assert exc.value.existing == first

    def test_application_entered_by_staff_is_recognised(self, org):
        programme = f.programme(org)
        registered = f.person(org, birth=dt.date(1950, 3, 1), serial=7)
        f.application(programme, registered)
        with pytest.raises(services.RepeatedApplication) as exc:
            submit(programme)
        assert exc.value.existing is None
        assert not OnlineApplication.objects.exists()

    def test_closed_recruitment_refused_and_nothing_stored(self, org):
        from wsparcie.enrolment.services import RecruitmentClosed
        from wsparcie.people.models import Person

        programme = f.programme(org, recruitment_open=False)
        with pytest.raises(RecruitmentClosed):
            submit(programme)
        assert not Person.objects.exists() and not OnlineApplication.objects.exists()

    def test_documents_stored_privately(self, org, settings, tmp_path):
        programme = f.programme(org)
        document = f.DocumentFactory(
            service=f.ServiceFactory(organisation=org, programme=programme), document="Orzeczenie"
        )
        upload = SimpleUploadedFile("skan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        online = submit(programme, documents=[(document, upload)])
        stored = SubmittedDocument.objects.get(online_application=online)
        assert stored.title == "Orzeczenie" and stored.size == len(b"%PDF-1.4 test") and len(stored.sha256) == 64
        path = stored.file.path
        assert path.startswith(settings.WSPARCIE_PRIVATE_MEDIA_ROOT)
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert stored.file.storage.base_url is None

    def test_failure_leaves_no_file_behind(self, org, settings, monkeypatch):
        import os

        programme = f.programme(org)
        document = f.DocumentFactory(service=f.ServiceFactory(organisation=org, programme=programme))
        upload = SimpleUploadedFile("skan.pdf", b"%PDF-1.4 test", content_type="application/pdf")

        def boom(**kwargs):
            raise RuntimeError("disk full")

        original = services.create_object

        def failing_create(*, actor, instance, **kw):
            if isinstance(instance, SubmittedDocument):
                boom()
            return original(actor=actor, instance=instance, **kw)

        monkeypatch.setattr(services, "create_object", failing_create)
        with pytest.raises(RuntimeError):
            submit(programme, documents=[(document, upload)])
        root = settings.WSPARCIE_PRIVATE_MEDIA_ROOT
        files = [name for _dir, _sub, names in os.walk(root) for name in names] if os.path.exists(root) else []
        assert files == []
        assert not OnlineApplication.objects.exists()


def test_service_model_has_str_and_labels(db, org):
    service = f.ServiceFactory(organisation=org, needs=["telecare"], audiences=["seniors"], name="Teleopieka")
    assert str(service) == "Teleopieka"
    assert service.need_labels == ["teleopieka i bezpieczeństwo"] and service.audience_labels == ["seniorzy"]
    assert Service.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_is_stored_once(org):
    """Two requests with one form token racing: one application, the other sees it."""
    import threading

    from django.db import connection

    programme = f.programme(org)
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            barrier.wait()
            outcomes.append(("stored", submit(programme, token=token).pk))
        except services.RepeatedApplication as exc:
            outcomes.append(("repeated", exc.existing.pk if exc.existing else None, exc.same_person))
        except Exception as exc:  # noqa: BLE001 - the test reports what happened
            outcomes.append(("error", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    stored = OnlineApplication.objects.get()
    assert sorted(o[0] for o in outcomes) == ["repeated", "stored"], outcomes
    assert ("repeated", stored.pk, True) in outcomes
