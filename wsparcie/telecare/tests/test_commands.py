import os
import stat

import pytest
from django.core.management import CommandError, call_command

from wsparcie.telecare import credentials
from wsparcie.telecare.tests.factories import DeviceFactory, token_for

pytestmark = pytest.mark.django_db


def test_sync_broker_writes_password_file_and_acl_from_the_register(tmp_path, org):
    active = DeviceFactory(organisation=org)
    off = DeviceFactory(organisation=org, is_active=False)
    passwd, acl = tmp_path / "passwd", tmp_path / "acl"
    call_command(
        "telecare_sync_broker", passwd_file=str(passwd), acl_file=str(acl), listener_user="listener",
        listener_password="pw", gateway=["gw:secret"], stdout=open(os.devnull, "w"),
    )  # fmt: skip
    lines = dict(line.split(":", 1) for line in passwd.read_text().splitlines())
    assert set(lines) == {"listener", "gw", active.serial}
    assert off.serial not in lines
    assert credentials.mosquitto_check(token_for(active), lines[active.serial])
    assert credentials.mosquitto_check("pw", lines["listener"])
    assert stat.S_IMODE(passwd.stat().st_mode) == 0o600
    text = acl.read_text()
    assert "user listener\ntopic read wsparcie/telecare/+/events" in text
    assert "pattern write wsparcie/telecare/%u/events" in text


def test_sync_broker_refuses_a_bad_gateway_and_a_listener_without_password(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "telecare_sync_broker",
            passwd_file=str(tmp_path / "p"),
            acl_file=str(tmp_path / "a"),
            gateway=["nopassword"],
        )
    with pytest.raises(CommandError):
        call_command(
            "telecare_sync_broker",
            passwd_file=str(tmp_path / "p"),
            acl_file=str(tmp_path / "a"),
            listener_user="x",
            listener_password="",
        )
