"""Error messages follow the language the user chose (the language cookie); Polish by default.
The machine-readable parts (field names, codes) do not change with the language."""

import pytest

from wsparcie.people.tests.test_api import PESEL, post_person

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_pesel_error_in_polish_by_default_and_in_english_when_chosen(api, coordinator):
    polish = post_person(api(coordinator), pesel="1234567890")
    assert polish.status_code == 400
    assert polish.json()["pesel"] == ["PESEL ma 11 cyfr, a podano 10."]

    response = post_person(english(api(coordinator)), pesel="1234567890")
    assert response.status_code == 400
    assert response.json()["pesel"] == ["A PESEL has 11 digits; the number given has 10."]

    response = post_person(english(api(coordinator)), pesel=PESEL[:10] + str((int(PESEL[10]) + 1) % 10))
    assert response.status_code == 400
    [message] = response.json()["pesel"]
    assert "PESEL" in message and "kontrolna" not in message


def test_import_errors_in_english(api, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = english(api(coordinator))
    file = SimpleUploadedFile("osoby.csv", b"pesel;first_name\n44051401359;Jan\n", content_type="text/csv")
    response = client.post("/api/v1/imports/", {"file": file, "kind": "persons", "mode": "valid_rows"})
    job = client.get(f"/api/v1/imports/{response.json()['id']}/").json()

    assert job["status"] == "failed"
    assert job["errors"] == [
        {"row": 1, "column": "last_name", "message": "Column “last_name” is missing from the header (the first row)."}
    ]
    assert job["message"] == "Nothing was imported: the header is missing the columns last_name."
