from django import template

from .. import registry, services

register = template.Library()


@register.inclusion_tag("follows/includes/follow_button.html", takes_context=True)
def follow_button(context, obj):
    """Follow / Stop following for signed-in users; for the public a sign-in link.

    The public gets no form: a form token would keep anonymous pages out of the page cache.
    """
    request = context["request"]
    entry = registry.of(obj)
    user = request.user
    shown = entry is not None and entry.followable
    signed_in = user.is_authenticated
    return {
        "shown": shown and (not signed_in or services.may_hear(user, obj)),
        "signed_in": signed_in,
        "following": shown and signed_in and services.is_following(user, obj),
        "key": entry.key if entry else "",
        "obj": obj,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
