"""Rate limits of the public side, per client address, shared by the API and the pages.

The rates are the ``public`` and ``public_apply`` scopes of ``REST_FRAMEWORK
["DEFAULT_THROTTLE_RATES"]``; ``status_lookup`` limits guesses on the status page.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

#: Wrong reference/birth-date pairs one address may try per hour on the status page.
STATUS_LOOKUP_RATE = "20/hour"


class PublicThrottle(SimpleRateThrottle):
    """Per client address, for everyone (logged in or not).

    ``X-Forwarded-For`` is believed only when ``REST_FRAMEWORK["NUM_PROXIES"]`` says how many
    proxies stand in front (DRF would otherwise take any client-sent header, so a script could
    dodge the limit by inventing addresses)."""

    scope = "public"

    def get_ident(self, request):
        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR") or "unknown"
        return super().get_ident(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicApplyThrottle(PublicThrottle):
    """Sending an online application (and checking eligibility before it)."""

    scope = "public_apply"


class StatusLookupThrottle(PublicThrottle):
    scope = "status_lookup"

    def get_rate(self):
        return STATUS_LOOKUP_RATE


def allow(request, throttle_class: type[PublicThrottle]) -> bool:
    """Count one request of ``request`` 's address against ``throttle_class``; False when over."""
    return throttle_class().allow_request(request, None)
