import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wsparcie.indicators.models import Indicator, IndicatorValue, ParticipantEUData
from wsparcie.indicators.tests.factories import (
    ApplicationFactory,
    DeliverableFactory,
    DurabilityFactory,
    IndicatorFactory,
    MilestoneFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(org):
    programme = ProgrammeFactory(
        organisation=org,
        name="Pomorskie Dzieciom",
        period_start=dt.date(2021, 9, 1),
        period_end=timezone.localdate() - dt.timedelta(days=280),
    )
    ApplicationFactory(programme=programme, enrolled_on=dt.date(2021, 9, 15))
    IndicatorFactory(programme=programme, name="Dzieci objęte wsparciem", target=Decimal("15"))
    DurabilityFactory(programme=programme, min_months=10)  # ends in about 20 days: flagged
    milestone = MilestoneFactory(
        programme=programme,
        name="I kamień milowy",
        start=dt.date(2021, 9, 1),
        end=dt.date(2021, 12, 31),
        status="in_progress",
    )
    DeliverableFactory(milestone=milestone, label="Liczba powołanych zespołów", value=8)
    return programme


def test_index_lists_programmes_and_flags(client, coordinator, programme, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("indicators:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pomorskie Dzieciom" in html and "Wymaga uwagi" in html and "kończy się za" in html


def test_dashboard_shows_targets_charts_milestones_and_durability(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.get(reverse("indicators:dashboard", args=[programme.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html and "Dzieci objęte wsparciem" in html
    assert "I kamień milowy" in html and "po terminie" in html and "Liczba powołanych zespołów" in html
    assert "15 miejsc świadczenia usług społecznych" in html and "kończy się za" in html
    assert "style=" not in html and "<script>" not in html  # strict CSP
    assert f"/api/v1/programmes/{programme.pk}/report/?format=pdf" in html


def test_create_indicator_through_the_form(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.post(
        reverse("indicators:indicator_create", args=[programme.pk]),
        {
            "name": "Seniorzy 65+",
            "code": "",
            "kind": "output",
            "source": "measured",
            "definition": "participants_aged_65_plus",
            "unit": "",
            "baseline": "0",
            "target": "60",
            "min_age": "65",
            "manual_aggregation": "latest",
            "order": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator = Indicator.objects.get(name="Seniorzy 65+")
    assert indicator.filters == {"min_age": 65} and indicator.unit == "osoby"
    bad = client.post(
        reverse("indicators:indicator_create", args=[programme.pk]),
        {
            "name": "Zły",
            "kind": "output",
            "source": "measured",
            "definition": "",
            "baseline": "0",
            "target": "1",
            "manual_aggregation": "latest",
            "order": "0",
        },
    )
    assert "Nieznana definicja" in bad.content.decode()


def test_manual_value_with_evidence_through_the_form(client, coordinator, programme, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(programme=programme, name="Raporty", source="manual", definition="")
    client.force_login(coordinator)
    page = client.get(reverse("indicators:indicator", args=[indicator.pk]))
    assert "Wpisz wartość" in page.content.decode()
    response = client.post(
        reverse("indicators:value_add", args=[indicator.pk]),
        {"measured_on": "2021-10-01", "value": "2", "evidence": SimpleUploadedFile("lista.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    download = client.get(reverse("indicators:evidence", args=[value.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4"
    missing = client.post(
        reverse("indicators:value_add", args=[indicator.pk]), {"measured_on": "2021-10-02", "value": "3"}
    )
    assert "Dołącz dowód" in missing.content.decode()


def test_snapshot_button_and_report_page(client, coordinator, programme):
    client.force_login(coordinator)
    assert client.post(reverse("indicators:snapshot", args=[programme.pk])).status_code == 302
    assert programme.indicators.get().snapshots.count() == 1
    report = client.get(
        reverse("indicators:report", args=[programme.pk]), {"date_from": "2021-09-01", "date_to": "2021-12-31"}
    )
    html = report.content.decode()
    assert (
        report.status_code == 200
        and "Raport z realizacji programu" in html
        and "Okres sprawozdawczy: 01.09.2021 – 31.12.2021" in html
    )
    assert "format=xlsx&amp;date_from=2021-09-01&amp;date_to=2021-12-31" in html


def test_eu_list_and_edit_form(client, coordinator, programme):
    client.force_login(coordinator)
    application = programme.applications.get()
    listing = client.get(reverse("indicators:eu_list", args=[programme.pk]))
    assert "uzupełnij" in listing.content.decode()
    response = client.post(
        reverse("indicators:eu_edit", args=[application.pk]),
        {"participant_kind": "individual", "education": "isced3_4", "homeless": "refused", "foreign_origin": "no"},
    )
    assert response.status_code == 302
    data = ParticipantEUData.objects.get()
    assert data.homeless == "refused" and data.foreign_origin == "no"
    form = client.get(reverse("indicators:eu_edit", args=[application.pk])).content.decode()
    assert "Odmowa podania informacji" in form and 'value="refused" selected' in form


def test_report_page_charts_spending_by_month_for_finance_readers(client, coordinator, kws, make_user, org):
    url = reverse("indicators:report", args=[kws.pk])
    client.force_login(coordinator)
    html = client.get(url, {"date_from": "2023-07-01", "date_to": "2023-12-31"}).content.decode()
    assert 'id="report-spending-title"' in html and "VII 2023: 5 000" in html

    client.force_login(make_user("social_worker", org))  # indicators, not finance
    response = client.get(url, {"date_from": "2023-07-01", "date_to": "2023-12-31"})
    assert response.status_code == 200 and "Usługi według miesięcy" in response.content.decode()
    assert "report-spending" not in response.content.decode()
