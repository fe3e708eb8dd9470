"""Another organisation's administrator sees none of ``org``'s plans, groups, teams or
initiatives: every page and endpoint answers 404 for its objects and lists never show them.
A user without ``plans.view`` (an assistant, a telecare operator) is refused (403)."""

import pytest
from django.urls import reverse

from wsparcie.plans import api_urls, urls

pytestmark = pytest.mark.django_db

SECRET = "Haliny"  # every name in the ``world`` fixture contains it

# url name -> the world object whose pk goes in the URL (None: no argument)
PAGES = {
    "list": None,
    "reviews": None,
    "create": None,
    "detail": "plan",
    "edit": "plan",
    "pdf": "plan",
    "assessment": "plan",
    "goal_add": "plan",
    "action_add": "plan",
    "review_add": "plan",
    "activate": "plan",
    "complete": "plan",
    "discontinue": "plan",
    "goal_status": "goal",
    "goal_delete": "goal",
    "action_done": "action",
    "action_delete": "action",
    "review_record": "review",
    "review_cancel": "review",
    "pal": None,
    "pal_create": None,
    "round_create": "pal",
    "group_create": "round",
    "group": "group",
    "group_member_add": "group",
    "group_member_remove": "member",
    "session_create": "group",
    "session": "session",
    "teams": None,
    "team_create": None,
    "team": "team",
    "team_member_add": "team",
    "team_member_leave": "team_member",
    "initiatives": None,
    "initiative_create": None,
    "initiative_edit": "initiative",
}
LISTS = {"list", "reviews", "pal", "teams", "initiatives"}
#: Pages that only show (GET) or only act (POST): the other method answers 405, which reveals nothing.
GET_ONLY = {"detail", "pdf", "group", "team"}
POST_ONLY = {"activate", "goal_delete", "action_done", "action_delete", "review_cancel", "group_member_remove"}
CREATE_FORMS = {"create", "pal_create", "team_create", "initiative_create"}

# (method, path template, world object or None)
ENDPOINTS = [
    ("get", "/api/v1/plans/{}/", "plan"),
    ("patch", "/api/v1/plans/{}/", "plan"),
    ("put", "/api/v1/plans/{}/", "plan"),
    ("get", "/api/v1/plans/{}/pdf/", "plan"),
    ("post", "/api/v1/plans/{}/activate/", "plan"),
    ("post", "/api/v1/plans/{}/complete/", "plan"),
    ("post", "/api/v1/plans/{}/discontinue/", "plan"),
    ("put", "/api/v1/plans/{}/assessment/", "plan"),
    ("post", "/api/v1/plans/{}/goals/", "plan"),
    ("post", "/api/v1/plans/{}/actions/", "plan"),
    ("post", "/api/v1/plans/{}/reviews/", "plan"),
    ("get", "/api/v1/plan-goals/{}/", "goal"),
    ("patch", "/api/v1/plan-goals/{}/", "goal"),
    ("delete", "/api/v1/plan-goals/{}/", "goal"),
    ("get", "/api/v1/plan-actions/{}/", "action"),
    ("patch", "/api/v1/plan-actions/{}/", "action"),
    ("delete", "/api/v1/plan-actions/{}/", "action"),
    ("post", "/api/v1/plan-actions/{}/done/", "action"),
    ("get", "/api/v1/plan-reviews/{}/", "review"),
    ("delete", "/api/v1/plan-reviews/{}/", "review"),
    ("post", "/api/v1/plan-reviews/{}/record/", "review"),
    ("get", "/api/v1/pal-programmes/{}/", "pal"),
    ("patch", "/api/v1/pal-programmes/{}/", "pal"),
    ("get", "/api/v1/pal-rounds/{}/", "round"),
    ("patch", "/api/v1/pal-rounds/{}/", "round"),
    ("get", "/api/v1/pal-groups/{}/", "group"),
    ("patch", "/api/v1/pal-groups/{}/", "group"),
    ("get", "/api/v1/pal-groups/{}/sessions/", "group"),
    ("post", "/api/v1/pal-groups/{}/sessions/", "group"),
    ("get", "/api/v1/pal-groups/{}/members/", "group"),
    ("post", "/api/v1/pal-groups/{}/members/", "group"),
    ("get", "/api/v1/pal-sessions/{}/", "session"),
    ("patch", "/api/v1/pal-sessions/{}/", "session"),
    ("post", "/api/v1/pal-sessions/{}/attendance/", "session"),
    ("get", "/api/v1/cooperation-teams/{}/", "team"),
    ("patch", "/api/v1/cooperation-teams/{}/", "team"),
    ("get", "/api/v1/cooperation-teams/{}/members/", "team"),
    ("post", "/api/v1/cooperation-teams/{}/members/", "team"),
    ("get", "/api/v1/cooperation-team-members/{}/", "team_member"),
    ("patch", "/api/v1/cooperation-team-members/{}/", "team_member"),
    ("get", "/api/v1/social-initiatives/{}/", "initiative"),
    ("patch", "/api/v1/social-initiatives/{}/", "initiative"),
    ("delete", "/api/v1/social-initiatives/{}/", "initiative"),
]
LIST_ENDPOINTS = [
    "/api/v1/plans/",
    "/api/v1/plans/?review_due=365",
    "/api/v1/pal-programmes/",
    "/api/v1/pal-rounds/",
    "/api/v1/pal-groups/",
    "/api/v1/pal-sessions/",
    "/api/v1/cooperation-teams/",
    "/api/v1/cooperation-team-members/",
    "/api/v1/social-initiatives/",
]


def page_url(name, world):
    key = PAGES[name]
    return reverse(f"plans:{name}", args=[world[key].pk] if key else [])


def test_every_page_and_endpoint_is_listed_here():
    assert {p.name for p in urls.urlpatterns} == set(PAGES)
    prefixes = {prefix for prefix, _viewset, _basename in api_urls.router.registry}
    covered = {path.split("/")[3] for path in LIST_ENDPOINTS} | {
        template.split("/")[3] for _m, template, _o in ENDPOINTS
    }
    assert prefixes == covered
    for prefix, viewset, _basename in api_urls.router.registry:
        for extra in viewset.get_extra_actions():
            assert any(template == f"/api/v1/{prefix}/{{}}/{extra.url_path}/" for _m, template, _o in ENDPOINTS), (
                prefix,
                extra.url_path,
            )


@pytest.mark.parametrize("name", sorted(set(PAGES) - LISTS - CREATE_FORMS))
def test_outsider_gets_404_on_object_pages(client, outsider, world, name):
    client.force_login(outsider)
    url = page_url(name, world)
    assert client.get(url).status_code == (405 if name in POST_ONLY else 404)
    assert client.post(url, {}).status_code == (405 if name in GET_ONLY else 404)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_outsider_lists_show_nothing_of_org(client, outsider, world, name):
    client.force_login(outsider)
    response = client.get(page_url(name, world) + ("?days=365" if name == "reviews" else ""))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_outsider_cannot_use_org_rows_in_create_forms(client, outsider, world):
    client.force_login(outsider)
    response = client.post(
        reverse("plans:create"),
        {"person": world["person"].pesel, "kind": "social_contract", "started_on": "2024-01-01"},
    )
    assert response.status_code == 200 and "Nie znaleziono w rejestrze osoby" in response.content.decode()
    response = client.post(
        reverse("plans:initiative_create"), {"programme": world["programme"].pk, "name": "x", "held_on": "2019-06-01"}
    )
    assert response.status_code == 200 and "Wybierz poprawną wartość" in response.content.decode()
    assert SECRET not in client.get(reverse("plans:team_create")).content.decode()


@pytest.mark.parametrize("method,template,key", ENDPOINTS)
def test_outsider_gets_404_from_the_api(api, outsider, world, method, template, key):
    response = getattr(api(outsider), method)(template.format(world[key].pk), {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_outsider_api_lists_show_nothing_of_org(api, outsider, world, path):
    response = api(outsider).get(path)
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_outsider_api_cannot_point_at_org_rows(api, outsider, world):
    client = api(outsider)
    response = client.post(
        "/api/v1/plans/",
        {"person": world["person"].pk, "kind": "social_contract", "started_on": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400 and "person" in response.json()
    response = client.post("/api/v1/pal-groups/", {"round": world["round"].pk, "name": "x"}, format="json")
    assert response.status_code == 400 and "round" in response.json()
    response = client.post(
        "/api/v1/social-initiatives/",
        {"programme": world["programme"].pk, "name": "x", "held_on": "2019-06-01"},
        format="json",
    )
    assert response.status_code == 400 and "programme" in response.json()
    response = client.get(f"/api/v1/plans/?programme={world['programme'].pk}")
    assert response.status_code == 400 or response.json()["count"] == 0


@pytest.mark.parametrize("role", ["worker", "telecare_operator"])
def test_role_without_plans_permission_is_refused(client, api, make_user, org, world, role):
    user = make_user(role, org)
    client.force_login(user)
    for name in PAGES:
        url = page_url(name, world)
        assert client.get(url).status_code in (403, 404), url
        if PAGES[name] is not None:
            assert client.get(url).status_code != 200
    assert client.get(reverse("plans:list")).status_code == 403
    for path in LIST_ENDPOINTS:
        assert api(user).get(path).status_code == 403, path
    for method, template, key in ENDPOINTS:
        assert getattr(api(user), method)(template.format(world[key].pk), {}, format="json").status_code in (403, 404)
