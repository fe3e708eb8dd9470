import datetime as dt

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.utils import timezone

from wsparcie.core.tests.factories import UserFactory


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    user = UserFactory()
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
def test_page_login_locks_out_after_repeated_failures(client, make_user, org):
    make_user("coordinator", org, username="anna")
    for _ in range(4):
        response = client.post("/login/", {"username": "anna", "password": "zle"})
        assert response.status_code == 200
    assert client.post("/login/", {"username": "anna", "password": "zle"}).status_code == 429
    locked = client.post("/login/", {"username": "anna", "password": "haslo-testowe-123"})
    assert locked.status_code == 429
    assert "Zbyt wiele nieudanych prób" in locked.content.decode()


@pytest.mark.django_db
def test_api_token_login_and_lockout(api, make_user, org):
    make_user("coordinator", org, username="jan")
    client = api()
    good = client.post("/api/v1/auth/token/", {"username": "jan", "password": "haslo-testowe-123"}, format="json")
    assert good.status_code == 200 and good.json()["token"]
    token_client = api()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {good.json()['token']}")
    assert token_client.get("/api/v1/me/").json()["memberships"] == [{"organisation": "org-a", "role": "coordinator"}]
    for _ in range(4):
        assert (
            client.post("/api/v1/auth/token/", {"username": "jan", "password": "x"}, format="json").status_code == 400
        )
    assert client.post("/api/v1/auth/token/", {"username": "jan", "password": "x"}, format="json").status_code == 429
    locked = client.post("/api/v1/auth/token/", {"username": "jan", "password": "haslo-testowe-123"}, format="json")
    assert locked.status_code == 429


@pytest.mark.django_db
def test_successful_login_reaches_dashboard(client, make_user, org):
    make_user("coordinator", org, username="ewa")
    response = client.post("/login/", {"username": "ewa", "password": "haslo-testowe-123"}, follow=True)
    assert response.status_code == 200
    assert "Pulpit" in response.content.decode()


@pytest.mark.django_db
def test_an_idle_session_ends_and_an_active_one_lives_on(client, make_user, org, monkeypatch):
    """30 idle minutes end the session; working on moves the end forward, with the session row
    written at most once a minute rather than on every page."""
    import time as time_module

    from django.contrib.sessions.models import Session as StoredSession
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_user("coordinator", org, username="ewa")
    assert client.post("/login/", {"username": "ewa", "password": "haslo-testowe-123"}).status_code == 302
    clock = [time_module.time()]
    monkeypatch.setattr("wsparcie.core.middleware.time.time", lambda: clock[0])
    assert client.get("/staff/").status_code == 200
    first_expiry = StoredSession.objects.get().expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staff/").status_code == 200  # seconds later: nothing written
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]]
    clock[0] += 61
    assert client.get("/staff/").status_code == 200  # a minute later: the expiry moves on
    assert StoredSession.objects.get().expire_date > first_expiry
    # Idle for longer than SESSION_COOKIE_AGE: the stored session has expired, the user is out.
    StoredSession.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/staff/")
    assert response.status_code == 302 and "/login/" in response.url


def test_security_settings(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_REFRESH_SECONDS <= 60
    script_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert "'unsafe-inline'" not in script_src


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
