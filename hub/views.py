"""The hub's own views: the low-vision switch and presets, the account page, error pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import ProfileForm
from .health import check_parts
from .panels import collect
from .preferences import low_vision_from_cookie, low_vision_with
from .services import user_update_profile

ONE_YEAR = 365 * 24 * 60 * 60


def _safe_next(request, fallback="/"):
    target = request.GET.get("next") or request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@require_GET
def alive(request):
    """Liveness for process supervisors; also the floor the load benchmark compares pages with."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@never_cache
def health(request):
    """Readiness for load balancers and monitoring: one line per part, 503 when any part fails."""
    results = [*check_parts(), *collect("health_check")]
    lines = [f"{part['part']}: {part['error'] or 'ok'}" for part in results]
    status = 503 if any(part["error"] for part in results) else 200
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=status)


@require_GET
def low_vision_toggle(request):
    """Switch the low-vision version on or off, or choose one of its presets; return to the same page."""
    response = HttpResponseRedirect(_safe_next(request))
    current = low_vision_from_cookie(request.COOKIES.get(settings.LOW_VISION_COOKIE))
    choices = {key: request.GET[key] for key in ("size", "scheme", "images") if key in request.GET}
    if current is not None and not choices:
        response.delete_cookie(settings.LOW_VISION_COOKIE, samesite="Lax")
        return response
    chosen = low_vision_with(current, **choices)
    response.set_cookie(
        settings.LOW_VISION_COOKIE, str(chosen), max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
    )
    return response


@login_required
def account_home(request):
    """'My account': profile, language for emails, links to email and password changes."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("account_home")
    sections = collect("account_section", request=request)
    return render(request, "account/home.html", {"form": form, "account_sections": sections})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
