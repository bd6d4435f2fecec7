"""Security headers the framework does not set by itself; hostile addresses refused early."""

from django.views.defaults import bad_request

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Wagtail's admin relies on inline styles and scripts; it is only for signed-in staff.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"


def _is_admin(request):
    return request.path.startswith("/admin/")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", ADMIN_CSP if _is_admin(request) else PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class AdminFramingMiddleware:
    """The admin previews pages in an iframe of its own; everything else stays unframeable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_admin(request):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


class TrustedProxyMiddleware:
    """Take the client's address from X-Forwarded-For when ``TRUSTED_PROXY_COUNT`` proxies stand in front.

    Only the address the nearest trusted proxy saw is used, so a client cannot forge it.
    """

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.proxies:
            forwarded = [
                part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
            ]
            if len(forwarded) >= self.proxies:
                request.META["REMOTE_ADDR"] = forwarded[-self.proxies]
        return self.get_response(request)


def _query_has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


class RejectNulMiddleware:
    """A NUL byte in an address or a query is never meant, and PostgreSQL refuses it in a query
    with an error: answer 400 before any view reads it. Form fields refuse it themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _query_has_nul(request.GET):
            return bad_request(request, exception=None)
        return self.get_response(request)
