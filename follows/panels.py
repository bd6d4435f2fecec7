"""Follows on "My account": what I follow (with stop buttons), the inbox link and the email choice."""

from . import registry, services
from .forms import PreferenceForm
from .models import Preference


def account_section(request):
    if not request.user.is_authenticated:
        return None
    follows = []
    for follow in services.follows_of(request.user):
        entry = registry.of(follow.target) if follow.target is not None else None
        if entry is not None:
            target = follow.target
            thing = {"key": entry.key, "id": target.pk, "thing": str(target), "label": entry.label}
            follows.append({**thing, "url": entry.url_of(target)})
    form = PreferenceForm(instance=Preference(user=request.user, email=services.email_frequency(request.user)))
    return {
        "template": "follows/includes/account_section.html",
        "follows": follows,
        "unread": services.unread_count(request.user),
        "form": form,
    }
