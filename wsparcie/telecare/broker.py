"""Keeping the Mosquitto broker in step with the device register (``telecare_sync_broker``).

The broker authenticates devices from a password file (user = serial number, password = the
device's token, stored here only as the Mosquitto ``$7$`` hash) and authorises them with an ACL:
a device may publish only to ``wsparcie/telecare/<its serial>/events``; the listener user may read
every device's topic. Inactive devices are left out, so they can no longer connect.
"""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

from django.conf import settings

from wsparcie.telecare import credentials, rules
from wsparcie.telecare.models import Device


def broker_files(
    *, listener_username: str = "", listener_password: str = "", gateways: list[tuple[str, str]] = ()
) -> tuple[str, str, int]:
    """(password file, ACL file, number of devices) for the active devices."""
    entries = []
    if listener_username:
        entries.append((listener_username, credentials.mosquitto_hash(listener_password)))
    for name, password in gateways:
        entries.append((name, credentials.mosquitto_hash(password)))
    devices = list(Device.objects.filter(is_active=True).order_by("serial").values_list("serial", "password"))
    reserved = {name for name, _hash in entries}
    for serial, hashed in devices:
        if serial in reserved:
            raise ValueError(f"Numer urządzenia {serial!r} pokrywa się z nazwą użytkownika brokera.")
        entries.append((serial, hashed))
    acl = rules.acl_file(listener_username=listener_username or None, gateways=[name for name, _p in gateways])
    return rules.passwd_file(entries), acl, len(devices)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step (the broker never reads a half-written file), mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def default_paths() -> tuple[Path, Path]:
    base = Path(settings.BASE_DIR) / "var" / "mosquitto"
    return (
        Path(getattr(settings, "TELECARE_MOSQUITTO_PASSWD", base / "passwd")),
        Path(getattr(settings, "TELECARE_MOSQUITTO_ACL", base / "acl")),
    )


def reload_broker(pid_or_file: str) -> int:
    """SIGHUP makes Mosquitto re-read its password and ACL files without dropping clients."""
    text = pid_or_file.strip()
    pid = int(Path(text).read_text().strip()) if not text.isdigit() else int(text)
    os.kill(pid, signal.SIGHUP)
    return pid
