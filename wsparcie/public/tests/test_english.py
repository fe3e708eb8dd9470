"""The public pages switch to English with the language button (POST /i18n/setlang/) and stay
Polish otherwise. Needs the compiled catalogue locale/en/LC_MESSAGES/django.mo."""

import pytest
from django.urls import reverse

from wsparcie.core.tests.factories import OrganisationFactory
from wsparcie.programmes.choices import ProgrammeKind
from wsparcie.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

# (Polish msgid, English translation) that must appear on every public page (base.html).
BASE = [
    ("Przejdź do treści", "Skip to content"),
    ("Wysoki kontrast", "High contrast"),
    ("Deklaracja dostępności", "Accessibility statement"),
    ("Logowanie dla pracowników", "Staff login"),
    ("Strona główna", "Home"),
]
INDEX = [
    ("Ośrodki pomocy społecznej i ich programy", "Social welfare centres and their programmes"),
    ("Godziny pracy", "Opening hours"),
]
ACCESSIBILITY = [
    ("Status pod względem zgodności z ustawą", "Compliance status"),
    ("Procedura odwoławcza", "Appeal procedure"),
    ("Ułatwienia", "Accessibility features"),
]
ORGANISATION = [
    ("Dane kontaktowe", "Contact details"),
    ("Szukaj programu lub projektu", "Search for a programme or project"),
    ("Programy i projekty w realizacji", "Current programmes and projects"),
    ("Zrealizowane programy i projekty", "Completed programmes and projects"),
    ("Całkowita wartość", "Total value"),
    ("Dofinansowanie", "Grant"),
    ("program resortowy", "ministry programme"),
]


@pytest.fixture
def centre(db):
    organisation = OrganisationFactory(
        slug="mops-test",
        name="Miejski Ośrodek Pomocy Społecznej w Testowie",
        office_hours="pn.–pt. 7:30–15:30",
        phones=["24 364 02 78"],
    )
    ProgrammeFactory(organisation=organisation, name="Opieka wytchnieniowa – edycja 2023", kind=ProgrammeKind.MINISTRY)
    return organisation


def pages(organisation):
    return [
        ("/", BASE + INDEX),
        ("/accessibility/", BASE + ACCESSIBILITY),
        (reverse("public:organisation", kwargs={"slug": organisation.slug}), BASE + ORGANISATION),
    ]


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_pages_are_polish_by_default(client, centre):
    for url, texts in pages(centre):
        page = get(client, url)
        assert '<html lang="pl"' in page, url
        assert 'value="en"' in page and ">English</button>" in page, url
        for polish, english in texts:
            assert polish in page, (url, polish)
            assert english not in page, (url, english)


def test_language_button_switches_public_pages_to_english(client, centre):
    switch_to_english(client)
    for url, texts in pages(centre):
        page = get(client, url)
        assert '<html lang="en"' in page, url
        # the button now offers the way back to Polish
        assert 'value="pl"' in page and ">Polski</button>" in page, url
        for polish, english in texts:
            assert english in page, (url, english)
            assert polish not in page, (url, polish)


def test_proper_names_stay_polish_in_english(client, centre):
    switch_to_english(client)
    page = get(client, reverse("public:organisation", kwargs={"slug": centre.slug}))
    assert "Miejski Ośrodek Pomocy Społecznej w Testowie" in page
    assert "Opieka wytchnieniowa – edycja 2023" in page


def test_search_message_keeps_its_placeholders_in_english(client, centre):
    switch_to_english(client)
    url = reverse("public:organisation", kwargs={"slug": centre.slug})
    page = get(client, f"{url}?q=wytchnieniowa")
    assert "Search results for “wytchnieniowa”: 1." in page
    assert "Wyniki wyszukiwania" not in page


def test_switching_back_to_polish(client, centre):
    switch_to_english(client)
    client.post("/i18n/setlang/", {"language": "pl", "next": "/accessibility/"})
    page = get(client, "/accessibility/")
    assert "Przejdź do treści" in page and "Skip to content" not in page
