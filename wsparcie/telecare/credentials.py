"""Secrets of telecare: device tokens, the broker's password hashes, the encrypted door code.

- A device token is 32 random bytes (URL-safe text). The database keeps only its SHA-256
  (``Device.token_hash``, looked up on every HTTP event) and its Mosquitto hash
  (``Device.password``, written to the broker's password file by ``telecare_sync_broker``).
- Door and key-safe codes are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the
  ``cryptography`` package) under a key derived from ``TELECARE_CARD_KEY`` (or ``SECRET_KEY``);
  ``TELECARE_CARD_KEY_FALLBACKS`` / ``SECRET_KEY_FALLBACKS`` still decrypt after a key change.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

TOKEN_BYTES = 32
#: Mosquitto 2.x ``mosquitto_passwd`` defaults: PBKDF2-SHA512, 101 iterations, 12-byte salt.
MOSQUITTO_ITERATIONS = 101
MOSQUITTO_SALT_BYTES = 12


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def mosquitto_hash(password: str, *, salt: bytes | None = None, iterations: int = MOSQUITTO_ITERATIONS) -> str:
    """The ``$7$`` line part ``mosquitto_passwd`` writes for ``password`` (Mosquitto 2.0+)."""
    salt = salt if salt is not None else secrets.token_bytes(MOSQUITTO_SALT_BYTES)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, iterations)
    return f"$7${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def mosquitto_check(password: str, hashed: str) -> bool:
    try:
        _empty, kind, iterations, salt, digest = hashed.split("$")
    except ValueError:
        return False
    if kind != "7":
        return False
    expected = mosquitto_hash(password, salt=base64.b64decode(salt), iterations=int(iterations))
    return hmac.compare_digest(expected, hashed)


def _fernet_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(f"wsparcie.telecare.card:{secret}".encode()).digest())


def _cipher() -> MultiFernet:
    primary = getattr(settings, "TELECARE_CARD_KEY", "") or settings.SECRET_KEY
    fallbacks = list(getattr(settings, "TELECARE_CARD_KEY_FALLBACKS", []) or []) + list(
        getattr(settings, "SECRET_KEY_FALLBACKS", []) or []
    )
    return MultiFernet([Fernet(_fernet_key(key)) for key in [primary, *fallbacks]])


def encrypt(plain: str) -> str:
    if not plain:
        return ""
    return _cipher().encrypt(plain.encode("utf-8")).decode("ascii")


class CannotDecrypt(Exception):
    """The stored code was encrypted under a key this installation no longer has."""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise CannotDecrypt from exc
