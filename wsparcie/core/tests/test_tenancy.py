import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from wsparcie.core import tenancy
from wsparcie.core.models import Membership, Organisation


@pytest.mark.django_db
def test_scope_and_get_for_user(make_user, org, other_org):
    user = make_user("auditor", org)
    qs = Membership.objects.all()
    assert set(tenancy.scope(qs, user, "audit.view").values_list("organisation__slug", flat=True)) == {"org-a"}
    with pytest.raises(Http404):
        tenancy.get_for_user(Organisation.objects.all(), user, "audit.view", field="pk", pk=other_org.pk)


@pytest.mark.django_db
def test_roles_in_several_organisations(make_user, org, other_org):
    user = make_user("coordinator", org)
    Membership.objects.create(user=user, organisation=other_org, role="auditor")
    tenancy.forget_permissions(user)
    assert tenancy.organisation_ids(user, "programmes.view") == sorted([org.pk, other_org.pk])
    assert tenancy.organisation_ids(user, "programmes.edit") == [org.pk]
    assert tenancy.organisation_for_write(user, "programmes.edit") == org
    with pytest.raises(ValidationError):
        tenancy.organisation_for_write(user, "programmes.edit", "org-b")


@pytest.mark.django_db
def test_write_without_any_role_is_denied(make_user, org):
    with pytest.raises(PermissionDenied):
        tenancy.organisation_for_write(make_user("worker", org), "programmes.edit")
