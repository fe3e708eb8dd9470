import pytest
from django.db import DatabaseError, transaction

from wsparcie.core import audit
from wsparcie.core.models import AuditEntry, Organisation
from wsparcie.core.services import create_object, update_object


@pytest.mark.django_db
def test_create_and_update_are_recorded_with_old_and_new_values(coordinator, org):
    created = create_object(actor=coordinator, instance=Organisation(slug="nowy", name="Nowy ośrodek"))
    update_object(actor=coordinator, instance=created, data={"city": "Sopot"})
    entries = AuditEntry.objects.filter(object_type="core.organisation", object_id=str(created.pk)).order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["city"] == ["", "Sopot"]
    assert entries[1].actor == coordinator


@pytest.mark.django_db
def test_database_refuses_to_change_or_delete_an_entry(coordinator, org):
    entry = audit.record(actor=coordinator, action="view", instance=org)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(note="poprawka")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


@pytest.mark.django_db
def test_api_offers_no_way_to_change_entries(api, make_user, org):
    auditor = make_user("auditor", org)
    entry = audit.record(actor=auditor, action="view", instance=org)
    client = api(auditor)
    assert client.get(f"/api/v1/audit/{entry.pk}/").status_code == 200
    assert client.patch(f"/api/v1/audit/{entry.pk}/", {"note": "x"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/audit/{entry.pk}/").status_code == 405


@pytest.mark.django_db
def test_audit_trail_visible_to_auditor_and_admin_only_of_their_organisation(api, make_user, org, other_org):
    audit.record(actor=None, action="create", instance=org, organisation=org)
    audit.record(actor=None, action="create", instance=other_org, organisation=other_org)
    auditor = make_user("auditor", org)
    body = api(auditor).get("/api/v1/audit/").json()
    assert {row["organisation"] for row in body["results"]} == {"org-a"}
    assert api(make_user("social_worker", org)).get("/api/v1/audit/").json()["count"] == 0


@pytest.mark.django_db
def test_audit_page_for_auditor(client, make_user, org):
    auditor = make_user("auditor", org)
    audit.record(actor=auditor, action="view", instance=org)
    client.force_login(auditor)
    response = client.get("/staff/audit/?action=view")
    assert response.status_code == 200
    assert "Dziennik zdarzeń" in response.content.decode()
