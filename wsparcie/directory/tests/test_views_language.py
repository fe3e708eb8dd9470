import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_page_titles_follow_the_chosen_language(client, make_user, org):
    """Class-level titles are lazy: translated per request, not once at import."""
    client.force_login(make_user("coordinator", org))
    url = reverse("directory:staff_location_create")
    assert "Nowe miejsce" in client.get(url).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(url).content.decode()
    assert "New location" in body and "Nowe miejsce" not in body
