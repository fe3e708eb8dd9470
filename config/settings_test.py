"""Settings for the test run: the base settings with ``WSPARCIE_ENV=test``."""

import os

os.environ["WSPARCIE_ENV"] = "test"
os.environ.setdefault("DEBUG", "0")

from config.settings import *  # noqa: E402,F403  (the base settings, then the test overrides)

# Argon2 stays (hashes look as in production) but cheap, so creating users is fast.
PASSWORD_HASHERS = ["wsparcie.core.hashers.FastArgon2PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the same
# test (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
