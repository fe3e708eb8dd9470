import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.mark.django_db
def test_public_index_and_accessibility_statement(client):
    assert client.get("/").status_code == 200
    assert "Deklaracja dostępności" in client.get("/accessibility/").content.decode()


def test_production_settings_pass_check_deploy_without_warnings():
    import os
    import subprocess
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "WSPARCIE_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "wsparcie.example.gov.pl",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:5432/not_used_by_check",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        {
            "WSPARCIE_ENV": "production",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:5432/x",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_polish_by_default_even_for_an_english_browser_and_english_on_request(client):
    assert "Przejdź do treści" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Skip to content" in client.get("/").content.decode()


def test_polish_words_with_two_meanings_are_translated_by_context():
    """ "Realizator" is the worker delivering a service and also who implements a programme;
    "Edycja" is a programme's edition and also the edit column. English keeps them apart."""
    from django.utils import translation

    from wsparcie.delivery.models import Session
    from wsparcie.programmes.choices import PartnerRole

    with translation.override("en"):
        assert str(Session._meta.get_field("worker").verbose_name) == "provider"
        assert translation.gettext("Realizator") == "Provider"
        assert translation.pgettext("programme", "Realizator") == "Implemented by"
        assert str(PartnerRole.IMPLEMENTER.label) == "implementer"
        assert translation.gettext("Edycja") == "Edition"
        assert translation.pgettext("action", "Edycja") == "Edit"
    assert str(PartnerRole.IMPLEMENTER.label) == "realizator"
