import time

from django.conf import settings

from wsparcie.core.audit import current_ip


class AuditContextMiddleware:
    """Makes the client's address available to audit records written during the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class PolishFirstMiddleware:
    """Polish by default: the browser's Accept-Language is ignored, so English is shown only
    when the visitor chooses it (the language button sets Django's language cookie).
    Must come before ``LocaleMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class IdleSessionMiddleware:
    """A signed-in session ends after ``SESSION_COOKIE_AGE`` seconds without a request.

    Each request moves the session's expiry forward, but the session row is written at most once
    every ``SESSION_REFRESH_SECONDS`` (instead of ``SESSION_SAVE_EVERY_REQUEST``, which costs
    every page a write and a commit): the idle limit holds to within that much. Visitors without
    a session get none. Must come right after ``SessionMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get("_refreshed", 0) >= settings.SESSION_REFRESH_SECONDS:
                session["_refreshed"] = now  # saved by SessionMiddleware, with a new expiry
        return self.get_response(request)
