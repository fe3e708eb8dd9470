import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wsparcie.telecare import credentials, services
from wsparcie.telecare.models import Alarm, Device, Event
from wsparcie.telecare.tests.factories import (
    AlarmFactory,
    CardFactory,
    ContactFactory,
    DeviceFactory,
    PersonFactory,
    event_payload,
    token_for,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/telecare/events/"
DEVICES = "/api/v1/telecare/devices/"
ALARMS = "/api/v1/telecare/alarms/"


def device_client(token: str | None) -> APIClient:
    client = APIClient()
    if token is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Device {token}")
    return client


# --- Registering a device ----------------------------------------------------------------------


def test_register_returns_the_token_once_and_it_works(api, coordinator, org):
    person = PersonFactory(organisation=org)
    response = api(coordinator).post(
        DEVICES, {"serial": "KWS-API-01", "model": "GT-300", "person": person.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    token = response.json()["token"]
    assert len(token) >= 40
    device = Device.objects.get(serial="KWS-API-01")
    assert device.person == person and device.organisation == org and device.token_hash == credentials.token_hash(token)
    # Never shown again.
    assert "token" not in api(coordinator).get(f"{DEVICES}{device.pk}/").json()
    assert all("token" not in row for row in api(coordinator).get(DEVICES).json()["results"])
    # It authenticates the device.
    assert device_client(token).post(EVENTS, event_payload("KWS-API-01"), format="json").status_code == 201


def test_register_needs_telecare_manage(api, operator, org):
    person = PersonFactory(organisation=org)
    response = api(operator).post(DEVICES, {"serial": "KWS-API-02", "model": "X", "person": person.pk}, format="json")
    assert response.status_code == 403
    assert not Device.objects.exists()


def test_register_refuses_another_organisations_person_and_a_duplicate_serial(api, coordinator, org, other_org):
    stranger = PersonFactory(organisation=other_org)
    response = api(coordinator).post(
        DEVICES, {"serial": "KWS-API-03", "model": "X", "person": stranger.pk}, format="json"
    )
    assert response.status_code == 400 and "person" in response.json()
    DeviceFactory(organisation=org, serial="KWS-API-04")
    mine = PersonFactory(organisation=org)
    response = api(coordinator).post(DEVICES, {"serial": "KWS-API-04", "model": "X", "person": mine.pk}, format="json")
    assert response.status_code == 400 and "serial" in response.json()


def test_rotating_the_token_locks_out_the_old_one(api, coordinator, device):
    old = token_for(device)
    response = api(coordinator).post(f"{DEVICES}{device.pk}/rotate-token/")
    assert response.status_code == 200
    assert device_client(old).post(EVENTS, event_payload(device, event_id="a"), format="json").status_code == 401
    new = response.json()["token"]
    assert device_client(new).post(EVENTS, event_payload(device, event_id="b"), format="json").status_code == 201


# --- The event intake ----------------------------------------------------------------------------


def test_new_event_201_repeat_200_stored_once(device):
    client = device_client(token_for(device))
    body = event_payload(device, event_id="evt-1", type="sos", location={"lat": 52.546, "lon": 19.706}, battery=77)
    first = client.post(EVENTS, body, format="json")
    assert first.status_code == 201, first.content
    data = first.json()
    assert data["event_id"] == "evt-1" and data["device"] == device.serial and data["alarm"] is not None
    again = client.post(EVENTS, body, format="json")
    assert again.status_code == 200 and again.json()["id"] == data["id"] and again.json()["duplicate"] is True
    assert Event.objects.count() == 1 and Alarm.objects.count() == 1
    assert Alarm.objects.get().location == {"lat": 52.546, "lon": 19.706}


@pytest.mark.django_db(transaction=True)
def test_the_event_is_committed_before_the_answer(org):
    import psycopg
    from django.db import connection

    device = DeviceFactory(organisation=org)
    response = device_client(token_for(device)).post(EVENTS, event_payload(device, event_id="c1"), format="json")
    assert response.status_code == 201
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params) as other:  # another session sees only committed rows
        assert other.execute("SELECT count(*) FROM telecare_event WHERE event_id = 'c1'").fetchone()[0] == 1


@pytest.mark.parametrize(
    "header",
    [None, "Device wrong-token", "Token abc", "Device", "Bearer x"],
)
def test_wrong_or_missing_token_is_401(device, header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post(EVENTS, event_payload(device), format="json")
    assert response.status_code == 401
    assert not Event.objects.exists()


def test_a_token_used_for_another_device_is_401(org, device):
    other = DeviceFactory(organisation=org)
    response = device_client(token_for(device)).post(EVENTS, event_payload(other), format="json")
    assert response.status_code == 401
    assert not Event.objects.exists()


def test_inactive_device_is_401(org):
    device = DeviceFactory(organisation=org, is_active=False)
    response = device_client(token_for(device)).post(EVENTS, event_payload(device), format="json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"event_id": None}, "event_id"),
        ({"type": None}, "type"),
        ({"occurred_at": None}, "occurred_at"),
        ({"device": None}, "device"),
        ({"type": "explosion"}, "type"),
        ({"occurred_at": "wczoraj"}, "occurred_at"),
        ({"occurred_at": "2024-13-45T99:00:00Z"}, "occurred_at"),
        ({"battery": 140}, "battery"),
        ({"battery": "full"}, "battery"),
        ({"location": {"lat": 200, "lon": 0}}, "location"),
        ({"location": "Płock"}, "location"),
        ({"event_id": "has space"}, "event_id"),
    ],
)
def test_malformed_event_is_400_with_a_reason(device, change, field):
    body = {k: v for k, v in {**event_payload(device), **change}.items() if v is not None}
    response = device_client(token_for(device)).post(EVENTS, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json() and response.json()[field][0]
    assert not Event.objects.exists()


def test_not_json_is_400(device):
    response = device_client(token_for(device)).post(EVENTS, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_an_event_far_in_the_future_is_refused(device):
    future = timezone.now() + dt.timedelta(hours=2)
    response = device_client(token_for(device)).post(EVENTS, event_payload(device, occurred_at=future), format="json")
    assert response.status_code == 400
    assert "przyszłości" in response.json()["occurred_at"][0]
    slightly = timezone.now() + dt.timedelta(seconds=30)  # clock drift is tolerated
    assert (
        device_client(token_for(device))
        .post(EVENTS, event_payload(device, event_id="ok", occurred_at=slightly), format="json")
        .status_code
        == 201
    )


def test_a_replayed_event_id_is_not_stored_twice_even_with_other_content(device):
    client = device_client(token_for(device))
    assert client.post(EVENTS, event_payload(device, event_id="r1", type="test"), format="json").status_code == 201
    replay = client.post(EVENTS, event_payload(device, event_id="r1", type="sos"), format="json")
    assert replay.status_code == 200 and replay.json()["type"] == "test"
    assert not Alarm.objects.exists()


# --- Alarms for operators ------------------------------------------------------------------------


def test_open_alarms_are_listed_for_the_organisations_operator_only(
    api, operator, outsider, org, django_assert_max_num_queries
):
    mine = [AlarmFactory(organisation=org) for _ in range(3)]
    closed = AlarmFactory(organisation=org)
    services.alarm_take(actor=operator, alarm=closed)
    services.alarm_close(actor=operator, alarm=closed, outcome="false_alarm")
    with django_assert_max_num_queries(8):
        response = api(operator).get(ALARMS, {"status": "open"})
    assert response.status_code == 200
    data = response.json()
    assert {row["id"] for row in data["results"]} == {a.pk for a in mine}
    assert data["count"] == 3 and set(data) >= {"count", "next", "previous", "results"}
    row = data["results"][0]
    assert (
        row["status"] == "open"
        and row["person"] == mine[0].person_id
        and row["person_name"] == str(mine[0].person)
        and row["kind"] == "sos"
    )
    assert api(outsider).get(ALARMS, {"status": "open"}).json()["count"] == 0
    assert api(outsider).get(f"{ALARMS}{mine[0].pk}/").status_code == 404


def test_open_alarm_list_query_count_does_not_grow(api, operator, org, django_assert_max_num_queries):
    for _ in range(12):
        AlarmFactory(organisation=org)
    with django_assert_max_num_queries(8):
        assert api(operator).get(ALARMS, {"status": "open"}).json()["count"] == 12


def test_alarms_are_ordered_by_priority_then_waiting_time(api, operator, org):
    now = timezone.now()
    geofence = AlarmFactory(organisation=org, kind="geofence", priority=3, raised_at=now - dt.timedelta(minutes=10))
    late_sos = AlarmFactory(organisation=org, raised_at=now - dt.timedelta(minutes=1))
    early_fall = AlarmFactory(organisation=org, kind="fall", raised_at=now - dt.timedelta(minutes=5))
    ids = [row["id"] for row in api(operator).get(ALARMS, {"status": "open"}).json()["results"]]
    assert ids == [early_fall.pk, late_sos.pk, geofence.pk]


def test_take_race_second_operator_gets_409_already_taken(api, operator, operator2, org):
    alarm = AlarmFactory(organisation=org)
    first = api(operator).post(f"{ALARMS}{alarm.pk}/take/")
    assert first.status_code == 200 and first.json()["taken_by"] == operator.username
    second = api(operator2).post(f"{ALARMS}{alarm.pk}/take/")
    assert second.status_code == 409
    body = second.json()
    assert body["code"] == "already_taken" and "przyjął" in body["detail"]


def test_handle_an_alarm_through_the_api(api, operator, org):
    card = CardFactory(organisation=org)
    contact = ContactFactory(card=card, position=1)
    alarm = AlarmFactory(organisation=org, device=DeviceFactory(organisation=org, person=card.person))
    client = api(operator)
    client.post(f"{ALARMS}{alarm.pk}/take/")
    assert client.post(f"{ALARMS}{alarm.pk}/actions/", {"kind": "called_senior"}, format="json").status_code == 201
    called = client.post(
        f"{ALARMS}{alarm.pk}/actions/", {"kind": "called_contact", "contact": contact.pk}, format="json"
    )
    assert called.status_code == 201 and "Anna Nowak" in called.json()["contact_label"]
    assert client.post(f"{ALARMS}{alarm.pk}/actions/", {"kind": "note"}, format="json").status_code == 400
    assert len(client.get(f"{ALARMS}{alarm.pk}/actions/").json()) == 2
    assert client.post(f"{ALARMS}{alarm.pk}/close/", {"outcome": "nonsense"}, format="json").status_code == 400
    closed = client.post(
        f"{ALARMS}{alarm.pk}/close/", {"outcome": "family_came", "note": "Córka na miejscu"}, format="json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.get(ALARMS, {"status": "open"}).json()["count"] == 0


def test_a_social_worker_may_look_but_not_take(api, make_user, org):
    social = make_user("social_worker", org)
    alarm = AlarmFactory(organisation=org)
    assert api(social).get(ALARMS, {"status": "open"}).json()["count"] == 1
    assert api(social).post(f"{ALARMS}{alarm.pk}/take/").status_code == 403


# --- Statistics ----------------------------------------------------------------------------------


def _handled(org, operator, raised, take_s, close_s, outcome="help_by_phone", kind="sos", person=None):
    device = DeviceFactory(organisation=org, person=person) if person else DeviceFactory(organisation=org)
    alarm = AlarmFactory(organisation=org, device=device, kind=kind, raised_at=raised)
    services.alarm_take(actor=operator, alarm=alarm, at=raised + dt.timedelta(seconds=take_s))
    services.alarm_close(actor=operator, alarm=alarm, outcome=outcome, at=raised + dt.timedelta(seconds=close_s))
    return alarm


def test_stats_percentiles_and_false_alarm_share(api, operator, org, other_org, make_user):
    base = timezone.make_aware(dt.datetime(2024, 5, 10, 12, 0))
    senior = PersonFactory(organisation=org)
    takes = [10, 20, 30, 40, 100]
    for i, take in enumerate(takes):
        _handled(
            org,
            operator,
            base + dt.timedelta(hours=i),
            take,
            take + 600 * (i + 1),
            outcome="false_alarm" if i < 2 else "help_by_phone",
            kind="fall" if i == 4 else "sos",
            person=senior,
        )
    _handled(org, operator, base - dt.timedelta(days=30), 5, 50)  # April: not counted
    foreign_op = make_user("telecare_operator", other_org)
    _handled(other_org, foreign_op, base, 999, 9999)  # other organisation: not counted
    response = api(operator).get("/api/v1/telecare/stats/", {"month": "2024-05"})
    assert response.status_code == 200
    data = response.json()
    assert data["month"] == "2024-05" and data["alarms"] == 5
    assert data["by_type"]["sos"] == 4 and data["by_type"]["fall"] == 1
    # percentile_cont: median of 10,20,30,40,100 = 30; p90 = 40 + 0.6 * (100 - 40) = 76
    assert data["time_to_take"] == {"median": 30.0, "p90": 76.0}
    assert sorted(t + 600 * (i + 1) for i, t in enumerate(takes)) == [610, 1220, 1830, 2440, 3100]
    assert data["time_to_close"]["median"] == 1830.0
    assert data["time_to_close"]["p90"] == pytest.approx(2440 + 0.6 * (3100 - 2440))
    assert data["false_alarm_share"] == 0.4
    [row] = data["seniors"]
    assert row["person"] == senior.pk and row["alarms"] == 5 and row["time_to_take"]["median"] == 30.0


def test_stats_bad_month_is_400_and_outsiders_see_nothing(api, operator, outsider, org):
    _handled(org, operator, timezone.make_aware(dt.datetime(2024, 5, 10, 12, 0)), 10, 100)
    assert api(operator).get("/api/v1/telecare/stats/", {"month": "2024-13"}).status_code == 400
    assert api(operator).get("/api/v1/telecare/stats/", {"month": "maj"}).status_code == 400
    assert api(outsider).get("/api/v1/telecare/stats/", {"month": "2024-05"}).json()["alarms"] == 0
    assert (
        api(outsider).get("/api/v1/telecare/stats/", {"month": "2024-05", "organisation": org.slug}).status_code == 404
    )
