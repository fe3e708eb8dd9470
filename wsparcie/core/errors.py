"""The one family of rule-violation errors services raise.

Bad input raises Django's ``ValidationError``; a domain rule that refuses an otherwise valid
request (capacity full, hour limit reached, overlapping session) raises an
:class:`ApplicationError` subclass with a stable machine-readable ``code``. The API turns them
into RFC 7807 problem documents (``wsparcie.core.api.exception_handler``) and pages into form
errors (``wsparcie.core.views.ServiceFormView``).
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    code = "application_error"
    status = 409

    def __init__(self, message: str, *, code: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.extra = extra or {}


class NotAllowed(ApplicationError):
    code = "not_allowed"
    status = 403


class Conflict(ApplicationError):
    code = "conflict"
    status = 409
