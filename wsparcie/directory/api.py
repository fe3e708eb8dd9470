"""Public API of the register: ``GET /api/v1/public/services/`` (HSDS 3.0 shaped, no login)."""

from __future__ import annotations

from rest_framework import permissions, viewsets

from wsparcie.directory import selectors
from wsparcie.directory.filters import ServiceFilter
from wsparcie.directory.hsds import HSDSServiceSerializer
from wsparcie.directory.throttling import PublicThrottle


class PublicServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The public register of services. Filters: ``q`` (text), ``need``, ``audience``,
    ``municipality`` (TERYT), ``age``, ``free`` (``true``), ``status`` (by default only services
    that are available: active or temporarily closed)."""

    serializer_class = HSDSServiceSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicThrottle]
    filterset_class = ServiceFilter
    queryset = selectors.public_services()

    def get_queryset(self):
        status = self.request.query_params.get("status")
        if self.action == "retrieve" or status:
            return selectors.public_services(include_inactive=True)
        return selectors.public_services()
