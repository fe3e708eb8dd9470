"""Every staff page and API endpoint, run as a user of another organisation.

The whole demo (five organisations with their people, programmes, enrolments, sessions, alarms...)
is loaded; then a sixth organisation's user holding every role walks every URL pattern under
``/staff/`` and ``/api/v1/``:

- a pattern with an object id or slug, filled with ids and slugs of the demo's rows, must never
  answer 200 (404 is the expected answer; 403/405/400 are tolerated, 500 never);
- a pattern without parameters (lists, exports, dashboards, search) may answer 200 but must not
  contain any other organisation's person (PESEL or full name) or programme name.

New pages and endpoints are covered automatically: nothing to register.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from wsparcie.core.models import Membership, Organisation, TenantModel
from wsparcie.core.roles import Role

# Public or shared reference data (statutory income criteria are the same for every organisation).
PUBLIC_PREFIXES = (
    "api/v1/income-criteria/",
    "api/v1/indicator-definitions/",
    "api/v1/public/",
    "api/v1/organisations/",
    "api/v1/schema/",
    "api/v1/docs/",
    "api/v1/redoc/",
    "api/v1/auth/",
    "api/v1/telecare/events/",
)
STREAMING_HINTS = ("stream", "events/live", "sse")
ALLOWED_FOR_FOREIGN_IDS = {301, 302, 400, 403, 404, 405}


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _routes():
    routes = []
    for route, _pattern in _walk(get_resolver()):
        route = re.sub(r"\^|\$|\\Z", "", route)
        if not (route.startswith("staff/") or route.startswith("api/v1/")):
            continue
        if route.startswith(PUBLIC_PREFIXES) or any(h in route for h in STREAMING_HINTS):
            continue
        if "(?P<format>" in route or "\\.(?P" in route:
            continue
        routes.append(route)
    return sorted(set(routes))


_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def _fill(route: str, value) -> str:
    return "/" + _PARAM.sub(str(value), route)


@pytest.fixture
def demo(db, settings):
    settings.WSPARCIE_DEMO_PASSWORD = "demo"
    call_command("load_demo", verbosity=0)


@pytest.mark.django_db
def test_another_organisation_sees_nothing(demo):
    stranger_org = Organisation.objects.create(slug="obcy-osrodek", name="Obcy Ośrodek")
    stranger = get_user_model().objects.create(username="obcy")
    for role in Role.values:
        Membership.objects.create(user=stranger, organisation=stranger_org, role=role)

    tenant_models = [
        m
        for m in apps.get_models()
        if issubclass(m, TenantModel) or any(f.name == "organisation" for f in m._meta.concrete_fields)
    ]
    ids = set()
    for model in tenant_models:
        ids.update(model.objects.order_by("pk").values_list("pk", flat=True)[:15])
    uuids = sorted(str(i) for i in ids if not isinstance(i, int))[:10]
    ids = sorted(i for i in ids if isinstance(i, int))[:40] or [1]
    slugs = list(Organisation.objects.exclude(pk=stranger_org.pk).values_list("slug", flat=True))
    Programme = apps.get_model("programmes", "Programme")
    slugs += list(Programme.objects.values_list("slug", flat=True)[:5])

    Person = apps.get_model("people", "Person")
    secrets = set(Person.objects.exclude(pesel=None).values_list("pesel", flat=True))
    secrets |= {f"{f} {last}" for f, last in Person.objects.values_list("first_name", "last_name")}
    # Long programme names only: short ones ("Posiłek w szkole i w domu") are also page headings.
    secrets |= {name for name in Programme.objects.values_list("name", flat=True) if len(name) > 30}

    client = APIClient()
    client.force_login(stranger)
    failures = []
    for route in _routes():
        params = _PARAM.findall(route)
        if not params:
            response = client.get("/" + route)
            if response.status_code >= 500:
                failures.append(f"{route}: {response.status_code}")
            elif response.status_code == 200 and not getattr(response, "streaming", False):
                body = response.content.decode("utf-8", "replace")
                leaked = [s for s in secrets if s and s in body]
                if leaked:
                    failures.append(f"{route}: shows {leaked[:3]}")
            continue
        convs = {conv for conv, _n, _r in params}
        values = ids
        if convs & {"slug", "str"}:
            values = slugs
        elif "uuid" in convs:
            values = uuids
        for value in values:
            url = _fill(route, value)
            response = client.get(url)
            if response.status_code not in ALLOWED_FOR_FOREIGN_IDS:
                failures.append(f"{url}: {response.status_code}")
                break
    assert not failures, "\n".join(failures)


def test_the_walk_finds_the_api_and_staff_routes():
    routes = _routes()
    assert "api/v1/audit/" in routes
    assert any(route.startswith("staff/") for route in routes)
