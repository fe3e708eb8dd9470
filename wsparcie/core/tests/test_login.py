import pytest
from django.contrib.auth.hashers import identify_hasher

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


def test_security_settings(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_AGE <= 3600
    script_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert "'unsafe-inline'" not in script_src


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
