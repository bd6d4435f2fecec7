"""What may be followed or told about, registered by the app that owns it.

``follows`` imports no domain app: each app registers its models here from its ``ready()``
with a key for forms, a label, and who may hear about an object (its *audience*):

``audience(obj)`` returns ``True`` (every active user), ``False`` (nobody: a draft, a hidden
page) or a ``Q`` on users (only those, e.g. members of an unverified organisation). It is asked
again when an event fans out, so a user who lost access hears nothing.
"""

import dataclasses
from collections.abc import Callable

from django.db.models import Q


def everyone(obj):
    return True


@dataclasses.dataclass(frozen=True)
class Followable:
    key: str
    model: type
    label: object
    audience: Callable = everyone
    url: Callable | None = None
    followable: bool = True

    def url_of(self, obj):
        return self.url(obj) if self.url else obj.get_absolute_url()


_by_key = {}
_by_model = {}


def register(key, model, *, label, audience=everyone, url=None, followable=True):
    """Register ``model``; ``followable=False`` for things events are about but nobody follows by hand."""
    entry = Followable(key=key, model=model, label=label, audience=audience, url=url, followable=followable)
    _by_key[key] = entry
    _by_model[model] = entry
    return entry


def of(obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _by_model.get(model._meta.concrete_model)


def by_key(key):
    return _by_key.get(key)


def audience_filter(obj):
    """A ``Q`` on users who may hear about ``obj`` (``None``: nobody)."""
    entry = of(obj)
    result = entry.audience(obj) if entry else False
    if result is True:
        return Q()
    if result is False:
        return None
    return result
