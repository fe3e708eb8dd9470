"""Every page and endpoint of the register, run as another organisation's administrator
(``outsider``: 404 or absent) and as users without the needed permission."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsparcie.core.tests.factories import UserFactory
from wsparcie.programmes import services
from wsparcie.programmes.models import Programme, ProgrammeDocument
from wsparcie.programmes.tests.factories import FundingSourceFactory, ProgrammeFactory
from wsparcie.programmes.views import CHILD_KINDS

pytestmark = pytest.mark.django_db

SECRET = "Tajny program ośrodka A"


@pytest.fixture
def programme(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory(organisation=org, name=SECRET, edition="2031")
    services.activity_add(actor="t", programme=programme, text="działanie")
    milestone = services.milestone_add(actor="t", programme=programme, name="KM")
    services.milestone_target_add(actor="t", milestone=milestone, label="wskaźnik", value=1)
    services.document_add(
        actor="t",
        programme=programme,
        title="Regulamin",
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    return programme


def detail_pages(programme) -> list[str]:
    document = programme.documents.get()
    return [
        reverse("programmes:detail", args=[programme.pk]),
        reverse("programmes:edit", args=[programme.pk]),
        reverse("programmes:delete", args=[programme.pk]),
        reverse("programmes:document", args=[programme.pk, document.pk]),
    ]


def child_instance(programme, kind):
    spec = CHILD_KINDS[kind]
    return spec.model.objects.filter(**{spec.lookup: programme}).first()


def test_outsider_gets_404_on_every_page(client, outsider, programme):
    client.force_login(outsider)
    for url in detail_pages(programme):
        assert client.get(url).status_code == 404, url
    for url in detail_pages(programme)[1:3]:
        assert client.post(url, {"name": "Przejęty", "kind": "grant"}).status_code == 404, url
    for kind in CHILD_KINDS:
        assert client.post(reverse("programmes:child_add", args=[programme.pk, kind]), {}).status_code == 404, kind
        instance = child_instance(programme, kind)
        if instance is not None:
            url = reverse("programmes:child_remove", args=[programme.pk, kind, instance.pk])
            assert client.post(url).status_code == 404, kind
    programme.refresh_from_db()
    assert programme.name == SECRET
    assert programme.activities.exists() and programme.documents.exists()


def test_outsider_never_sees_it_in_lists_filters_or_search(client, outsider, programme, other_org):
    ProgrammeFactory(organisation=other_org, name="Program ośrodka B")
    client.force_login(outsider)
    for params in [{}, {"organisation": "org-a"}, {"q": "Tajny"}, {"edition": "2031"}, {"status": "current"}]:
        page = client.get(reverse("programmes:list"), params).content.decode()
        assert SECRET not in page, params
    page = client.get(reverse("programmes:list")).content.decode()
    assert "Program ośrodka B" in page
    # the organisation filter offers only the user's organisations
    assert 'value="org-a"' not in page


def test_outsider_cannot_attach_rows_through_its_own_programme(client, outsider, programme, other_org):
    own = ProgrammeFactory(organisation=other_org)
    client.force_login(outsider)
    for kind in CHILD_KINDS:
        instance = child_instance(programme, kind)
        if instance is not None:
            url = reverse("programmes:child_remove", args=[own.pk, kind, instance.pk])
            assert client.post(url).status_code == 404, kind
    document = programme.documents.get()
    assert client.get(reverse("programmes:document", args=[own.pk, document.pk])).status_code == 404
    milestone = programme.milestones.get()
    response = client.post(
        reverse("programmes:child_add", args=[own.pk, "milestone-targets"]),
        {"milestone-targets-milestone": milestone.pk, "milestone-targets-label": "x", "milestone-targets-value": "1"},
    )
    assert response.status_code == 400  # not a choice: the other organisation's milestone is not offered
    assert milestone.targets.count() == 1


def test_outsider_gets_404_on_every_endpoint(api, outsider, programme):
    client = api(outsider)
    url = f"/api/v1/programmes/{programme.pk}/"
    assert client.get(url).status_code == 404
    assert client.put(url, {"name": "X", "kind": "grant"}, format="json").status_code == 404
    assert client.patch(url, {"name": "X"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    for params in [{}, {"organisation": "org-a"}, {"edition": "2031"}, {"q": "Tajny"}, {"kind": programme.kind}]:
        body = client.get("/api/v1/programmes/", params).json()
        assert all(item["id"] != programme.pk for item in body["results"]), params
        assert SECRET not in str(body)
    response = client.post(
        "/api/v1/programmes/", {"name": "X", "kind": "grant", "organisation": "org-a"}, format="json"
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(organisation__slug="org-a", name="X").exists()
    programme.refresh_from_db()
    assert programme.name == SECRET


def test_user_without_any_role(client, api, programme):
    user = UserFactory()
    client.force_login(user)
    assert SECRET not in client.get(reverse("programmes:list")).content.decode()
    for url in detail_pages(programme):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("programmes:create")).status_code == 403
    assert api(user).get(f"/api/v1/programmes/{programme.pk}/").status_code == 404
    assert api(user).get("/api/v1/programmes/").json()["count"] == 0
    assert api(user).post("/api/v1/programmes/", {"name": "X", "kind": "grant"}, format="json").status_code == 403


@pytest.mark.parametrize("role", ["social_worker", "worker", "auditor", "telecare_operator"])
def test_viewers_of_the_same_organisation_cannot_change_anything(client, make_user, org, programme, role):
    FundingSourceFactory()
    user = make_user(role, org)
    client.force_login(user)
    detail = client.get(reverse("programmes:detail", args=[programme.pk]))
    assert detail.status_code == 200
    assert reverse("programmes:edit", args=[programme.pk]) not in detail.content.decode()
    assert (
        client.get(reverse("programmes:document", args=[programme.pk, programme.documents.get().pk])).status_code == 200
    )
    assert client.get(reverse("programmes:create")).status_code == 403
    assert client.get(reverse("programmes:edit", args=[programme.pk])).status_code == 403
    assert client.post(reverse("programmes:delete", args=[programme.pk])).status_code == 403
    for kind in CHILD_KINDS:
        assert client.post(reverse("programmes:child_add", args=[programme.pk, kind]), {}).status_code == 403, kind
        instance = child_instance(programme, kind)
        if instance is not None:
            assert (
                client.post(reverse("programmes:child_remove", args=[programme.pk, kind, instance.pk])).status_code
                == 403
            )
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert ProgrammeDocument.objects.filter(programme=programme).exists()
