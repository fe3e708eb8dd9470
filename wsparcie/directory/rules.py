"""Pure rules of the register and the online application (no ORM; messages through gettext)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils.translation import gettext

#: Reference numbers: 8 characters from 32 that cannot be confused when read aloud or typed
#: (no 0/O, 1/I), 40 random bits, e.g. ``WSP-7K3Q-9XD2``.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "WSP"

#: What may be uploaded: content type -> (accepted extensions, leading bytes of the file).
ALLOWED_UPLOADS: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "application/pdf": ((".pdf",), (b"%PDF-",)),
    "image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
}


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{body[:4]}-{body[4:]}"


def normalise_reference(value: str) -> str:
    """What a person typed (lower case, spaces, no dashes) -> ``WSP-XXXX-XXXX``."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if raw.startswith(REFERENCE_PREFIX):
        raw = raw[len(REFERENCE_PREFIX) :]
    if len(raw) != 8:
        return ""
    return f"{REFERENCE_PREFIX}-{raw[:4]}-{raw[4:]}"


def free_places(*, capacity: int | None, taken: int, from_recruitment: bool) -> int | None:
    """Free places of a service: its capacity minus the places held in the recruitment of its
    programme (applications qualified or enrolled). ``None`` when it cannot be known (no capacity,
    or no recruitment to count from). Never negative: an over-full edition has 0 free places."""
    if capacity is None or not from_recruitment:
        return None
    return max(capacity - taken, 0)


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def check_upload(*, name: str, size: int, head: bytes, max_bytes: int) -> tuple[str | None, str]:
    """``(error message or None, content type)`` for an uploaded file: PDF, JPG or PNG, by its
    extension AND its first bytes (a renamed executable is refused), at most ``max_bytes``."""
    lowered = (name or "").lower()
    if size <= 0:
        return gettext("Plik „%(name)s” jest pusty.") % {"name": name}, ""
    if size > max_bytes:
        size_mb = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        limit_mb = f"{max_bytes / (1024 * 1024):g}".replace(".", ",")
        return (
            gettext("Plik „%(name)s” ma %(size)s MB, a można załączyć najwyżej %(limit)s MB.")
            % {"name": name, "size": size_mb, "limit": limit_mb},
            "",
        )
    for content_type, (extensions, signatures) in ALLOWED_UPLOADS.items():
        if lowered.endswith(extensions):
            if any(head.startswith(signature) for signature in signatures):
                return None, content_type
            return (
                gettext("Plik „%(name)s” nie jest prawidłowym plikiem %(type)s.")
                % {"name": name, "type": extensions[0][1:].upper()},
                "",
            )
    return gettext("Plik „%(name)s” ma niedozwolony typ: można załączyć PDF, JPG lub PNG.") % {"name": name}, ""
