import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wsparcie.core.errors import NotAllowed
from wsparcie.core.models import AuditEntry
from wsparcie.core.pesel import make
from wsparcie.people import selectors, services
from wsparcie.people.models import DisabilityCertificate, DuplicateCandidate, IncomeRecord, Person, Relation
from wsparcie.people.tests.factories import CertificateFactory, HouseholdFactory, PersonFactory, RelationFactory

pytestmark = pytest.mark.django_db

BORN = dt.date(1948, 11, 2)
PESEL = make(BORN, 21, "male")


def create(org, actor="test", **kwargs):
    data = {"first_name": "Jan", "last_name": "Kowalski", "pesel": PESEL, **kwargs}
    return services.person_create(actor=actor, organisation=org, **data)


def test_birth_date_and_sex_come_from_pesel(org):
    person = create(org)
    assert (person.birth_date, person.sex) == (BORN, "male")
    assert AuditEntry.objects.filter(action="create", object_type="people.person", object_id=str(person.pk)).exists()


def test_given_birth_date_or_sex_disagreeing_with_pesel_is_refused(org):
    with pytest.raises(ValidationError) as exc:
        create(org, birth_date=dt.date(1948, 11, 3), sex="female")
    assert "02.11.1948" in exc.value.message_dict["birth_date"][0]
    assert "sex" in exc.value.message_dict
    assert not Person.objects.exists()
    assert create(org, birth_date=BORN, sex="male").pk


def test_invalid_pesel_says_which_part(org):
    with pytest.raises(ValidationError) as exc:
        create(org, pesel=PESEL[:10] + str((int(PESEL[10]) + 3) % 10))
    assert "kontrolna" in exc.value.message_dict["pesel"][0]


def test_foreigner_without_pesel_needs_a_document_and_birth_date(org):
    with pytest.raises(ValidationError) as exc:
        create(org, pesel="", citizenship="UA")
    assert "innego dokumentu" in exc.value.message_dict["pesel"][0]
    assert "datę urodzenia" in exc.value.message_dict["birth_date"][0]
    person = create(
        org,
        pesel="",
        citizenship="ua",
        other_id_type="paszport",
        other_id_number="FX123456",
        birth_date=dt.date(1990, 1, 5),
    )
    assert person.pesel is None and person.citizenship == "UA"


def test_teryt_postal_code_and_email_are_validated(org):
    with pytest.raises(ValidationError) as exc:
        create(org, teryt="1462", postal_code="09400", email="nie-email")
    assert set(exc.value.message_dict) == {"teryt", "postal_code", "email"}
    assert "7 cyfr" in exc.value.message_dict["teryt"][0]


def test_same_pesel_is_one_person_per_organisation(org, other_org):
    first = create(org)
    with pytest.raises(services.DuplicatePesel) as exc:
        create(org, first_name="Janek")
    assert f"nr {first.pk}" in exc.value.message and exc.value.extra["existing_person"] == first.pk
    assert create(other_org).pk != first.pk  # another organisation keeps its own registry


def test_similar_name_and_same_birth_date_is_flagged_not_merged(org):
    a = create(org)
    b = create(
        org,
        pesel="",
        first_name="Jan",
        last_name="Kowalsky",
        other_id_type="paszport",
        other_id_number="X1",
        birth_date=BORN,
        sex="male",
    )
    c = create(org, pesel=make(BORN, 22, "male"), first_name="Stanisław", last_name="Nowak")
    pair = DuplicateCandidate.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {a.pk, b.pk} and pair.status == "open"
    assert Person.objects.count() == 3 and c.pk


def test_update_with_new_pesel_rederives_birth_date(org):
    person = create(org)
    born = dt.date(1951, 1, 20)
    services.person_update(actor="t", person=person, data={"pesel": make(born, 3, "male")})
    person.refresh_from_db()
    assert person.birth_date == born
    with pytest.raises(ValidationError):
        services.person_update(actor="t", person=person, data={"birth_date": dt.date(1951, 1, 21)})


def test_named_area_assigns_people_by_street(org):
    inside = create(org, street="ul. Wojska Polskiego 3/4", teryt="2263011")
    outside = create(org, pesel=make(BORN, 30, "male"), street="ul. Słoneczna 15D", teryt="2263011")
    services.named_area_create(
        actor="t",
        organisation=org,
        code="obszar-rewitalizowany",
        name="Obszar rewitalizowany",
        streets="Wojska Polskiego\nDługa",
        teryt_codes=["2263011"],
    )
    inside.refresh_from_db(), outside.refresh_from_db()
    assert inside.areas == ["obszar-rewitalizowany"] and outside.areas == []
    newcomer = create(org, pesel=make(BORN, 31, "male"), street="Długa 1", teryt="2263011")
    assert newcomer.areas == ["obszar-rewitalizowany"]
    with pytest.raises(ValidationError):
        services.named_area_create(actor="t", organisation=org, code="pusty", name="Pusty")


def test_family_guardian_and_coresident_are_detected(org):
    participant, spouse, guardian, neighbour, carer = PersonFactory.create_batch(5, organisation=org)
    RelationFactory(person=spouse, relative=participant, kind="spouse")
    RelationFactory(person=guardian, relative=participant, kind="legal_guardian")
    RelationFactory(person=carer, relative=participant, kind="actual_caregiver", is_caregiver=True)
    assert selectors.person_family_or_coresident(participant, spouse)
    assert selectors.person_family_or_coresident(guardian, participant)
    assert "opiekunem prawnym" in selectors.family_or_coresident_reason(participant, guardian)
    assert not selectors.person_family_or_coresident(participant, neighbour)
    assert not selectors.person_family_or_coresident(participant, carer)  # an actual caregiver alone is not family
    household = HouseholdFactory(organisation=org)
    services.person_set_household(actor="t", person=participant, household=household)
    services.person_set_household(actor="t", person=neighbour, household=household)
    assert "mieszkają razem" in selectors.family_or_coresident_reason(participant, neighbour)
    assert list(selectors.caregivers_of(participant)) == [carer]
    assert list(selectors.cared_for_by(carer)) == [participant]


def test_relation_rules(org, other_org):
    a, b = PersonFactory.create_batch(2, organisation=org)
    relation = services.relation_create(actor="t", person=a, relative=b, kind="actual_caregiver", is_caregiver=False)
    assert relation.is_caregiver  # an actual caregiver cares by definition
    with pytest.raises(ValidationError):
        services.relation_create(actor="t", person=a, relative=b, kind="actual_caregiver")
    with pytest.raises(ValidationError):
        services.relation_create(actor="t", person=a, relative=a, kind="parent")
    with pytest.raises(ValidationError):
        services.relation_create(actor="t", person=a, relative=PersonFactory(organisation=other_org), kind="parent")


def test_certificates_history_and_validity_on_a_date(org):
    person = PersonFactory(organisation=org, birth_date=dt.date(1950, 1, 1))
    old = services.certificate_create(
        actor="t",
        person=person,
        kind="adult",
        degree="moderate",
        symbols=["05-R"],
        issued_on=dt.date(2015, 1, 1),
        valid_until=dt.date(2020, 12, 31),
    )
    new = services.certificate_create(
        actor="t", person=person, kind="equivalent", equivalent_type="group_i", issued_on=dt.date(2021, 3, 1)
    )
    assert new.degree == "significant"  # counts as a significant degree
    assert selectors.certificate_valid_on(person, dt.date(2019, 6, 1)) == old
    assert selectors.certificate_valid_on(person, dt.date(2021, 1, 15)) is None
    assert selectors.certificate_valid_on(person, dt.date(2030, 1, 1)) == new
    assert DisabilityCertificate.objects.filter(person=person).count() == 2


def test_child_certificate_with_indications(org):
    child = PersonFactory(organisation=org, birth_date=dt.date(2015, 5, 5))
    cert = services.certificate_create(
        actor="t",
        person=child,
        kind="child",
        indications=True,
        issued_on=dt.date(2020, 1, 1),
        valid_until=dt.date(2031, 5, 4),
    )
    assert cert.degree == "" and cert.indications
    with pytest.raises(ValidationError) as exc:
        services.certificate_create(
            actor="t",
            person=child,
            kind="equivalent",
            equivalent_type="group_ii",
            degree="significant",
            issued_on=dt.date(2020, 1, 1),
        )
    assert "umiarkowany" in exc.value.message_dict["degree"][0]


def test_income_criterion_by_date(income_criteria):
    assert selectors.income_criterion_on(dt.date(2021, 12, 31)) is None
    early = selectors.income_criterion_on(dt.date(2024, 12, 31))
    late = selectors.income_criterion_on(dt.date(2025, 1, 1))
    assert (early.single_person, early.per_person_in_family) == (Decimal("776.00"), Decimal("600.00"))
    assert (late.single_person, late.per_person_in_family) == (Decimal("1010.00"), Decimal("823.00"))


def test_income_within_percent_of_criterion(org, income_criteria):
    person = PersonFactory(organisation=org)
    assert selectors.income_within_percent(person, dt.date(2025, 6, 1), 150) is None
    services.income_record_create(
        actor="t", person=person, established_on=dt.date(2025, 2, 1), household_size=4, income_per_person="1234.50"
    )
    assert selectors.income_within_percent(person, dt.date(2025, 6, 1), 150) is True
    assert selectors.income_within_percent(person, dt.date(2025, 6, 1), 100) is False
    with pytest.raises(ValidationError):
        services.income_record_create(
            actor="t", person=person, established_on=dt.date(2025, 2, 1), household_size=1, income_per_person="-1"
        )


def test_merge_moves_everything_and_is_audited(org, make_user):
    admin = make_user("coordinator", org)
    keep = PersonFactory(organisation=org, phone="")
    remove = PersonFactory(
        organisation=org, phone="501 000 000", pesel=None, other_id_type="paszport", other_id_number="Q1"
    )
    other = PersonFactory(organisation=org)
    RelationFactory(person=remove, relative=other, kind="parent")
    RelationFactory(person=other, relative=remove, kind="actual_caregiver", is_caregiver=True)
    RelationFactory(person=keep, relative=remove, kind="spouse")  # would point at itself: dropped
    CertificateFactory(person=remove)
    IncomeRecord.objects.create(
        organisation=org, person=remove, established_on=dt.date(2025, 1, 2), income_per_person=100
    )
    removed_pk = remove.pk
    services.person_merge(actor=admin, keep=keep, remove=remove, note="ta sama osoba")
    keep.refresh_from_db()
    assert not Person.objects.filter(pk=removed_pk).exists()
    assert keep.phone == "501 000 000"
    assert set(Relation.objects.values_list("person_id", "relative_id", "kind")) == {
        (keep.pk, other.pk, "parent"),
        (other.pk, keep.pk, "actual_caregiver"),
    }
    assert keep.certificates.count() == 1 and keep.incomes.count() == 1
    entry = AuditEntry.objects.get(action="action", object_id=str(keep.pk))
    assert entry.changes["merged_from"] == removed_pk and entry.actor == admin and "ta sama osoba" in entry.note


def test_merge_needs_the_permission(org, make_user):
    a, b = PersonFactory.create_batch(2, organisation=org)
    with pytest.raises(NotAllowed):
        services.person_merge(actor=make_user("social_worker", org), keep=a, remove=b)
    assert Person.objects.count() == 2


def test_merge_refuses_conflicting_applications(org, make_user):
    from wsparcie.enrolment.models import Application
    from wsparcie.programmes.models import Programme

    programme = Programme.objects.create(organisation=org, name="Program", slug="program", kind="programme")
    a, b = PersonFactory.create_batch(2, organisation=org)
    Application.objects.create(organisation=org, programme=programme, person=a)
    Application.objects.create(organisation=org, programme=programme, person=b)
    with pytest.raises(services.MergeConflict):
        services.person_merge(actor=make_user("coordinator", org), keep=a, remove=b)
    assert Person.objects.count() == 2 and Application.objects.filter(person=b).count() == 1


def test_merge_moves_applications(org, make_user):
    from wsparcie.enrolment.models import Application
    from wsparcie.programmes.models import Programme

    programme = Programme.objects.create(organisation=org, name="Program", slug="program", kind="programme")
    a, b = PersonFactory.create_batch(2, organisation=org)
    application = Application.objects.create(organisation=org, programme=programme, person=b)
    services.person_merge(actor=make_user("coordinator", org), keep=a, remove=b)
    application.refresh_from_db()
    assert application.person_id == a.pk


def test_dismissed_pair_is_not_flagged_again(org):
    a = create(org)
    b = create(org, pesel=make(BORN, 40, "male"), last_name="Kowalsky")
    pair = DuplicateCandidate.objects.get()
    services.duplicate_dismiss(actor="t", candidate=pair, note="bliźniacy")
    services.person_update(actor="t", person=b, data={"first_name": "Jan "})
    services.duplicates_flag(person_ids=[a.pk, b.pk], organisation_id=org.pk)
    assert DuplicateCandidate.objects.get().status == "dismissed"


def test_view_is_recorded(org, coordinator):
    person = PersonFactory(organisation=org)
    services.person_record_view(actor=coordinator, person=person)
    entry = AuditEntry.objects.get(action="view")
    assert entry.actor == coordinator and entry.object_id == str(person.pk) and entry.organisation_id == org.pk
