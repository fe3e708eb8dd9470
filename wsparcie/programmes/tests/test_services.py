from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings

from wsparcie.core.errors import Conflict
from wsparcie.core.models import AuditEntry
from wsparcie.programmes import services
from wsparcie.programmes.choices import DocumentKind, LimitPeriod, ProgrammeKind, TargetKind
from wsparcie.programmes.models import Programme, ProgrammeDocument
from wsparcie.programmes.tests.factories import FundingSourceFactory, ProgrammeFactory, ProgrammeSeriesFactory

pytestmark = pytest.mark.django_db


def create(org, actor="tester", **fields):
    fields.setdefault("name", "Korpus Wsparcia Seniorów")
    fields.setdefault("kind", ProgrammeKind.MINISTRY)
    return services.programme_create(actor=actor, organisation=org, **fields)


def test_create_derives_the_rate_and_a_slug(org, coordinator):
    programme = create(
        org,
        actor=coordinator,
        edition="2023",
        total_value=D("25053.00"),
        grant_amount=D("20042.00"),
        own_contribution=D("5011.00"),
    )
    assert programme.co_financing_rate == D("80.00")
    assert programme.slug == "korpus-wsparcia-seniorow-2023"
    entry = AuditEntry.objects.get(object_type="programmes.programme", object_id=str(programme.pk))
    assert entry.action == "create"
    assert entry.organisation_id == org.pk
    assert entry.actor == coordinator
    assert entry.changes["new"]["grant_amount"] == "20042.00"


def test_rate_is_the_eu_share_when_given(org):
    programme = create(
        org,
        name="Deinstytucjonalizacja",
        total_value=D("1371668.60"),
        grant_amount=D("1371668.60"),
        eu_contribution=D("1156042.29"),
    )
    assert programme.co_financing_rate == D("84.28")
    assert Programme.objects.get(pk=programme.pk).co_financing_rate == D("84.28")


def test_rate_follows_an_update(org):
    programme = create(org, total_value=D("1000.00"), grant_amount=D("800.00"))
    services.programme_update(actor="tester", programme=programme, grant_amount=D("900.00"))
    assert programme.co_financing_rate == D("90.00")


def test_slugs_stay_unique_within_the_organisation(org, other_org):
    first = create(org, name="Opieka wytchnieniowa")
    second = create(org, name="Opieka wytchnieniowa")
    elsewhere = create(other_org, name="Opieka wytchnieniowa")
    assert (first.slug, second.slug, elsewhere.slug) == (
        "opieka-wytchnieniowa",
        "opieka-wytchnieniowa-2",
        "opieka-wytchnieniowa",
    )
    with pytest.raises(ValidationError) as exc:
        create(org, name="Inny", slug="opieka-wytchnieniowa")
    assert exc.value.message_dict == {
        "slug": ["W tej organizacji jest już program o identyfikatorze „opieka-wytchnieniowa”."]
    }


def test_inconsistent_money_is_refused_with_a_specific_message(org):
    with pytest.raises(ValidationError) as exc:
        create(org, total_value=D("25000.00"), grant_amount=D("20042.00"), own_contribution=D("5011.00"))
    assert list(exc.value.message_dict) == ["total_value"]
    assert "25 053,00 zł" in exc.value.message_dict["total_value"][0]
    assert not Programme.objects.exists()


def test_eu_share_above_the_grant_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        create(org, grant_amount=D("1000.00"), eu_contribution=D("1000.01"))
    assert "eu_contribution" in exc.value.message_dict


def test_negative_amount_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        create(org, own_contribution=D("-5"))
    assert exc.value.message_dict == {"own_contribution": ["Kwota nie może być ujemna (podano -5,00 zł)."]}


def test_end_before_start_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        create(org, period_start=date(2023, 6, 1), period_end=date(2023, 1, 1))
    assert "period_end" in exc.value.message_dict


def test_failed_update_changes_nothing(org):
    programme = create(org, total_value=D("100.00"), grant_amount=D("80.00"), own_contribution=D("20.00"))
    with pytest.raises(ValidationError):
        services.programme_update(actor="tester", programme=programme, grant_amount=D("90.00"))
    assert programme.grant_amount == D("80.00")
    programme.refresh_from_db()
    assert programme.grant_amount == D("80.00")


def test_update_is_audited_with_old_and_new_values(org):
    programme = create(org, total_value=D("100.00"), grant_amount=D("80.00"))
    services.programme_update(actor="tester", programme=programme, grant_amount=D("70.00"), goal="Nowy cel")
    entry = AuditEntry.objects.filter(action="update", object_type="programmes.programme").get()
    assert entry.changes["grant_amount"] == ["80.00", "70.00"]
    assert entry.changes["goal"] == ["", "Nowy cel"]


def test_unknown_fields_are_a_programming_error(org):
    with pytest.raises(TypeError):
        create(org, organisation_id=5)


def test_series_must_belong_to_the_same_organisation(org, other_org):
    foreign = ProgrammeSeriesFactory(organisation=other_org)
    with pytest.raises(ValidationError) as exc:
        create(org, series=foreign)
    assert "series" in exc.value.message_dict


def test_series_get_or_create_is_idempotent(org):
    first = services.series_get_or_create(actor="tester", organisation=org, name="Asystent osobisty")
    second = services.series_get_or_create(actor="tester", organisation=org, name="Asystent osobisty")
    assert first == second and first.slug == "asystent-osobisty"


# --- the database refuses inconsistent rows even when a service is bypassed --------------


@pytest.mark.parametrize(
    "fields",
    [
        {"total_value": D("-1")},
        {"grant_amount": D("-1")},
        {"eu_contribution": D("-1")},
        {"own_contribution": D("-1")},
        {"total_value": D("100"), "grant_amount": D("80"), "own_contribution": D("10")},
        {"grant_amount": D("80"), "eu_contribution": D("81")},
        {"period_start": date(2023, 2, 1), "period_end": date(2023, 1, 1)},
    ],
)
def test_database_constraints_refuse_inconsistent_money(org, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.create(organisation=org, name="X", slug="x", kind=ProgrammeKind.GRANT, **fields)


# --- child rows ---------------------------------------------------------------------------


def test_child_rows_are_audited_under_the_programmes_organisation(org, other_org):
    programme = ProgrammeFactory(organisation=org)
    partner = services.partner_add(actor="tester", programme=programme, name="Partner", organisation=other_org)
    entry = AuditEntry.objects.get(object_type="programmes.projectpartner", object_id=str(partner.pk))
    # ProjectPartner.organisation is the partner; the entry belongs to the owner of the programme.
    assert entry.organisation_id == org.pk
    services.programme_child_remove(actor="tester", instance=partner)
    removed = AuditEntry.objects.get(object_type="programmes.projectpartner", action="delete")
    assert removed.organisation_id == org.pk and removed.changes["old"]["name"] == "Partner"


def test_children_are_ordered_as_added(org):
    programme = ProgrammeFactory(organisation=org)
    for text in ["pierwsze", "drugie", "trzecie"]:
        services.activity_add(actor="tester", programme=programme, text=text)
    assert list(programme.activities.values_list("text", flat=True)) == ["pierwsze", "drugie", "trzecie"]


def test_limit_must_be_positive(org):
    programme = ProgrammeFactory(organisation=org)
    limit = services.limit_add(actor="tester", programme=programme, label="Opieka", quantity=240)
    assert limit.period == LimitPeriod.PROGRAMME and limit.quantity == D("240")
    with pytest.raises(ValidationError):
        services.limit_add(actor="tester", programme=programme, label="Opieka", quantity=0)


def test_milestone_dates_and_targets(org):
    programme = ProgrammeFactory(organisation=org)
    milestone = services.milestone_add(
        actor="tester", programme=programme, name="I kamień milowy", start=date(2018, 3, 28), end=date(2019, 3, 27)
    )
    services.milestone_target_add(actor="tester", milestone=milestone, label="Liczba raportów", value=9)
    assert milestone.targets.get().value == 9
    with pytest.raises(ValidationError) as exc:
        services.milestone_add(
            actor="tester", programme=programme, name="Zły", start=date(2019, 1, 1), end=date(2018, 1, 1)
        )
    assert "end" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.milestone_update(actor="tester", milestone=milestone, end=date(2017, 1, 1))


def test_durability_cannot_end_before_the_project(org):
    programme = ProgrammeFactory(organisation=org, period_start=date(2021, 9, 1), period_end=date(2022, 6, 30))
    duty = services.durability_add(actor="tester", programme=programme, subject="Miejsca", places=15, min_months=10)
    assert (duty.places, duty.min_months) == (15, 10)
    with pytest.raises(ValidationError) as exc:
        services.durability_add(actor="tester", programme=programme, subject="Miejsca", until=date(2022, 1, 1))
    assert "until" in exc.value.message_dict


def test_fundings_cannot_repeat_a_source_or_exceed_the_total(org):
    programme = ProgrammeFactory(
        organisation=org, total_value=D("176040.00"), grant_amount=D("176040.00"), own_contribution=None
    )
    efs = FundingSourceFactory(code="efs")
    state = FundingSourceFactory(code="budzet-panstwa", name="budżet państwa", is_eu=False)
    services.funding_add(actor="tester", programme=programme, source=efs, amount=D("166260.00"))
    with pytest.raises(ValidationError) as exc:
        services.funding_add(actor="tester", programme=programme, source=efs, amount=D("1.00"))
    assert "source" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.funding_add(actor="tester", programme=programme, source=state, amount=D("9780.01"))
    assert "176 040,00 zł" in exc.value.message_dict["amount"][0]
    services.funding_add(actor="tester", programme=programme, source=state, amount=D("9780.00"))
    assert programme.fundings.count() == 2


def test_target_kinds(org):
    programme = ProgrammeFactory(organisation=org)
    services.target_add(actor="tester", programme=programme, label="osoby z niepełnosprawnościami", count=62)
    services.target_add(actor="tester", programme=programme, label="inicjatywy", count=15, kind=TargetKind.RESULT)
    assert sorted(programme.targets.values_list("kind", "count")) == [("participants", 62), ("result", 15)]


PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


@override_settings(WSPARCIE_MAX_DOCUMENT_BYTES=1024)
def test_document_upload_checks_type_and_size(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory(organisation=org)
    upload = SimpleUploadedFile("Regulamin rekrutacji.pdf", PDF_BYTES, content_type="application/pdf")
    document = services.document_add(
        actor="tester", programme=programme, title="Regulamin", kind=DocumentKind.REGULATIONS, file=upload
    )
    assert document.original_filename == "Regulamin rekrutacji.pdf"
    assert document.content_type == "application/pdf" and document.size == len(PDF_BYTES)
    assert "Regulamin" not in document.file.name  # stored under a random name
    assert document.file.read() == PDF_BYTES

    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor="tester",
            programme=programme,
            title="X",
            file=SimpleUploadedFile("x.exe", b"MZ", content_type="application/pdf"),
        )
    assert "x.exe" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor="tester",
            programme=programme,
            title="X",
            file=SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf"),
        )
    assert "nie jest dokumentem PDF" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor="tester",
            programme=programme,
            title="X",
            file=SimpleUploadedFile("x.pdf", PDF_BYTES + b" " * 2000, content_type="application/pdf"),
        )
    assert "1 KB" in exc.value.message_dict["file"][0]
    assert ProgrammeDocument.objects.count() == 1
    assert len(list((tmp_path / "programmes").rglob("*.pdf"))) == 1


def test_document_record_without_a_file(org):
    programme = ProgrammeFactory(organisation=org)
    document = services.document_add(
        actor="tester", programme=programme, title="SmarCare", original_filename="SmarCare.PDF", declared_size_kb=181
    )
    assert not document.file and document.declared_size_kb == 181


def test_delete_removes_children_and_is_audited(org, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory(organisation=org)
    services.activity_add(actor="tester", programme=programme, text="działanie")
    services.document_add(
        actor="tester",
        programme=programme,
        title="R",
        file=SimpleUploadedFile("r.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.programme_delete(actor="tester", programme=programme)
    assert not Programme.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="programmes.programme").count() == 1
    assert list((tmp_path / "programmes").rglob("*.pdf")) == []


def test_delete_is_refused_while_applications_refer_to_it(org):
    from wsparcie.enrolment.models import Application
    from wsparcie.people.models import Person

    programme = ProgrammeFactory(organisation=org)
    person = Person.objects.create(
        organisation=org, first_name="Anna", last_name="Nowak", other_id_type="paszport", other_id_number="AB123"
    )
    Application.objects.create(organisation=org, programme=programme, person=person)
    with pytest.raises(Conflict) as exc:
        services.programme_delete(actor="tester", programme=programme)
    assert exc.value.code == "programme_in_use"
    assert Programme.objects.filter(pk=programme.pk).exists()
