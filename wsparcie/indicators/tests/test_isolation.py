"""Another organisation's user gets 404 on every indicators page and endpoint and sees nothing
in lists and exports; users without the permission are refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wsparcie.indicators.tests.factories import (
    ApplicationFactory,
    EUDataFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(org, other_org):
    programme = ProgrammeFactory(organisation=org, name="Tajny projekt A")
    application = ApplicationFactory(programme=programme, enrolled_on=dt.date(2023, 6, 1))
    EUDataFactory(enrolment=application, homeless="refused")
    indicator = IndicatorFactory(programme=programme, name="Wskaźnik A", target=Decimal("5"))
    manual = IndicatorFactory(programme=programme, name="Ręczny A", source="manual", definition="")
    value = IndicatorValueFactory(indicator=manual, evidence="indicators/x/secret.pdf")
    ProgrammeFactory(organisation=other_org, name="Projekt B")
    return {
        "programme": programme,
        "application": application,
        "indicator": indicator,
        "manual": manual,
        "value": value,
    }


def pages(d):
    p, i = d["programme"].pk, d["indicator"].pk
    return [
        reverse("indicators:dashboard", args=[p]),
        reverse("indicators:indicator_create", args=[p]),
        reverse("indicators:report", args=[p]),
        reverse("indicators:eu_list", args=[p]),
        reverse("indicators:eu_edit", args=[d["application"].pk]),
        reverse("indicators:indicator", args=[i]),
        reverse("indicators:indicator_edit", args=[i]),
        reverse("indicators:value_add", args=[d["manual"].pk]),
        reverse("indicators:milestone_target", args=[i]),
        reverse("indicators:evidence", args=[d["value"].pk]),
    ]


def endpoints(d):
    p, i = d["programme"].pk, d["indicator"].pk
    return [
        f"/api/v1/programmes/{p}/indicators/",
        f"/api/v1/projects/{p}/indicators/",
        f"/api/v1/programmes/{p}/report/",
        f"/api/v1/programmes/{p}/report/?format=xlsx",
        f"/api/v1/programmes/{p}/report/?format=csv",
        f"/api/v1/programmes/{p}/report/?format=pdf",
        f"/api/v1/programmes/{p}/eu-participants/?format=xlsx",
        f"/api/v1/programmes/{p}/eu-participants/?format=csv",
        f"/api/v1/indicators/{i}/",
        f"/api/v1/indicators/{i}/values/",
        f"/api/v1/indicators/{i}/snapshots/",
        f"/api/v1/eu-data/{d['application'].pk}/",
    ]


def test_outsider_gets_404_everywhere(client, api, outsider, data):
    client.force_login(outsider)
    for url in pages(data):
        assert client.get(url).status_code == 404, url
    for url in pages(data)[1:2] + pages(data)[4:5] + pages(data)[6:9]:
        assert client.post(url, {}).status_code == 404, url
    assert client.post(reverse("indicators:snapshot", args=[data["programme"].pk])).status_code == 404
    api_client = api(outsider)
    for url in endpoints(data):
        assert api_client.get(url).status_code == 404, url
    i = data["indicator"].pk
    assert api_client.patch(f"/api/v1/indicators/{i}/", {"target": "1"}, format="json").status_code == 404
    assert api_client.delete(f"/api/v1/indicators/{i}/").status_code == 404
    assert api_client.post(f"/api/v1/indicators/{i}/snapshot/").status_code == 404
    assert (
        api_client.post(
            f"/api/v1/indicators/{data['manual'].pk}/values/",
            {"measured_on": "2023-01-01", "value": "1", "evidence_note": "x"},
            format="json",
        ).status_code
        == 404
    )
    assert (
        api_client.put(f"/api/v1/eu-data/{data['application'].pk}/", {"education": "isced0"}, format="json").status_code
        == 404
    )
    created = api_client.post(
        "/api/v1/indicators/",
        {"programme": data["programme"].pk, "name": "X", "target": "1", "source": "manual"},
        format="json",
    )
    assert created.status_code == 404


def test_outsider_lists_do_not_show_other_organisations(client, api, outsider, data):
    client.force_login(outsider)
    index = client.get(reverse("indicators:index")).content.decode()
    assert "Tajny projekt A" not in index and "Projekt B" in index
    listing = api(outsider).get("/api/v1/indicators/").json()
    assert listing["count"] == 0
    assert api(outsider).get("/api/v1/indicators/", {"programme": data["programme"].pk}).json()["count"] == 0


@pytest.mark.parametrize("role", ["worker", "telecare_operator"])
def test_users_without_indicator_permission(client, api, make_user, org, data, role):
    user = make_user(role, org)
    client.force_login(user)
    assert client.get(reverse("indicators:index")).status_code == 403
    for url in pages(data):
        assert client.get(url).status_code == 404, url
    api_client = api(user)
    for url in endpoints(data):
        assert api_client.get(url).status_code == 404, url
    assert api_client.get("/api/v1/indicators/").json()["count"] == 0


def test_social_worker_reads_but_does_not_edit_indicators(client, api, make_user, org, data):
    worker = make_user("social_worker", org)
    client.force_login(worker)
    assert client.get(reverse("indicators:dashboard", args=[data["programme"].pk])).status_code == 200
    assert client.get(reverse("indicators:indicator_create", args=[data["programme"].pk])).status_code == 403
    assert client.post(reverse("indicators:snapshot", args=[data["programme"].pk])).status_code == 403
    assert (
        api(worker).patch(f"/api/v1/indicators/{data['indicator'].pk}/", {"target": "1"}, format="json").status_code
        == 403
    )
    # Social workers fill in participants' EU data (enrolment.edit + health.view).
    assert client.get(reverse("indicators:eu_edit", args=[data["application"].pk])).status_code == 200


def test_auditor_may_not_edit_eu_data(client, make_user, org, data):
    auditor = make_user("auditor", org)
    client.force_login(auditor)
    assert client.get(reverse("indicators:eu_list", args=[data["programme"].pk])).status_code == 200
    assert client.get(reverse("indicators:eu_edit", args=[data["application"].pk])).status_code == 403


def test_anonymous(client, data):
    response = client.get(reverse("indicators:dashboard", args=[data["programme"].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    from rest_framework.test import APIClient

    assert APIClient().get(f"/api/v1/programmes/{data['programme'].pk}/indicators/").status_code in (401, 403)
    assert APIClient().get(f"/api/v1/programmes/{data['programme'].pk}/report/?format=xlsx").status_code in (401, 403)
