"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from wsparcie.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _polish_first():
    """Every test starts in Polish, whatever language an earlier request in this thread chose:
    Django's LocaleMiddleware leaves the last request's language active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def org(db):
    return OrganisationFactory(slug="org-a", name="Ośrodek A")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(slug="org-b", name="Ośrodek B")


@pytest.fixture
def make_user(db):
    """``make_user(role, org)`` -> a user holding ``role`` in ``org``."""

    def _make(role: str, organisation, **kwargs):
        user = UserFactory(**kwargs)
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return _make


@pytest.fixture
def coordinator(make_user, org):
    return make_user("coordinator", org)


@pytest.fixture
def outsider(make_user, other_org):
    """An administrator of another organisation: must see none of ``org``'s data."""
    return make_user("administrator", other_org)


@pytest.fixture
def api():
    """``api(user)`` -> an APIClient authenticated as ``user`` (or anonymous)."""

    def _client(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _client


# --- Browser tests (Playwright with Debian's Chromium) and accessibility (axe) -------------
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (``/usr/bin/chromium``) for the whole run."""
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; ``page.base_url`` is the live server's address."""
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    new_page = context.new_page()
    new_page.base_url = live_server.url
    yield new_page
    context.close()


@pytest.fixture
def login_page(page):
    """``login_page(username, password)`` logs the browser in through the login form."""

    def _login(username: str, password: str = "haslo-testowe-123"):
        page.goto("/login/")
        page.get_by_label("Nazwa użytkownika").fill(username)
        page.get_by_label("Hasło").fill(password)
        page.get_by_role("button", name="Zaloguj").click()
        page.wait_for_load_state()
        return page

    return _login


def assert_accessible(page) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert result.violations_count == 0, result.generate_report()


@pytest.fixture
def axe():
    """``axe(page)`` asserts no WCAG 2.1 AA violation (see :func:`assert_accessible`)."""
    return assert_accessible
