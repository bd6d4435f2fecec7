"""Follow and stop following, the inbox, and the email preferences (also by signed token, without signing in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hub.views import _safe_next

from . import registry, services, wording
from .forms import MarkReadForm, PreferenceForm
from .models import Notification, Preference

INBOX_SIZE = 100


def _target(request):
    """The thing named by the posted ``target`` key and ``id``, or 404."""
    entry = registry.by_key(request.POST.get("target", ""))
    object_id = request.POST.get("id", "")
    if entry is None or not entry.followable or not object_id.isascii() or not object_id.isdigit():
        raise Http404
    obj = entry.model._default_manager.filter(pk=int(object_id)).first()
    if obj is None or not services.may_hear(request.user, obj):
        raise Http404
    return obj


@require_POST
@login_required
def follow_toggle(request):
    """Follow the posted thing, or stop following it (``action=stop``)."""
    obj = _target(request)
    if request.POST.get("action") == "stop":
        services.unfollow(user=request.user, obj=obj)
        messages.success(request, _("You no longer follow “%(thing)s”.") % {"thing": obj})
    else:
        try:
            services.follow(user=request.user, obj=obj)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You now follow “%(thing)s”.") % {"thing": obj})
    return redirect(_safe_next(request, fallback=registry.of(obj).url_of(obj)))


@login_required
def inbox(request):
    """The user's notifications, grouped by what they follow, newest first."""
    notifications = Notification.objects.filter(user=request.user).for_display()[:INBOX_SIZE]
    groups = wording.grouped(notifications)
    return render(
        request,
        "follows/inbox.html",
        {"groups": groups, "unread": services.unread_count(request.user), "limit": INBOX_SIZE},
    )


@require_POST
@login_required
def inbox_mark_read(request):
    """Mark one notification (posted ``notification``) or all of them read."""
    form = MarkReadForm(request.POST)
    one = form.cleaned_data["notification"] if form.is_valid() else None
    services.notifications_mark_read(user=request.user, ids=[one] if one else None)
    if not one:
        messages.success(request, _("Everything in your inbox is marked read."))
    return redirect("follows:inbox")


@require_POST
@login_required
def preferences_save(request):
    """The email choice on "My account"."""
    return _save_preferences(request, request.user, redirect_to="account_home")


def preferences_token(request, token):
    """The email choice reached from an email's link, without signing in."""
    user = services.user_from_token(token)
    if user is None:
        raise Http404
    if request.method == "POST":
        return _save_preferences(request, user, redirect_to=request.path)
    form = PreferenceForm(instance=Preference(user=user, email=services.email_frequency(user)))
    return render(request, "follows/preferences.html", {"form": form, "person": user})


def _save_preferences(request, user, *, redirect_to):
    form = PreferenceForm(request.POST, instance=Preference(user=user))
    if not form.is_valid():
        return render(request, "follows/preferences.html", {"form": form, "person": user}, status=400)
    services.preference_set(user=user, email=form.cleaned_data["email"])
    messages.success(request, _("Your email preferences have been saved."))
    return redirect(redirect_to)


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" without a session or token
def unsubscribe(request, token):
    """One-click unsubscribe: a POST stops all email about followed things; a GET asks first."""
    user = services.user_from_token(token)
    if user is None:
        raise Http404
    if request.method == "POST":
        services.preference_set(user=user, email=Preference.Email.NEVER)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You will get no more email about what you follow."), content_type="text/plain")
        return render(request, "follows/unsubscribed.html", {"token": token})
    return render(request, "follows/unsubscribe.html", {"token": token, "person": user})
