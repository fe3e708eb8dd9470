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
