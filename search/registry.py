"""Which things are searchable: each app describes its own in ``<app>/searchable.py``.

An app's module subclasses :class:`Searchable` and registers it::

    from search.registry import Searchable, register

    @register
    class OrganisationSearch(Searchable):
        type = "organisation"
        label = _("Organisation")
        model = Organisation

        def public_objects(self):
            return Organisation.objects.verified()

        def to_document(self, obj):
            return Document(type=self.type, key=str(obj.pk), title=..., body=..., url=...)

Only what :meth:`Searchable.public_objects` returns is ever indexed: when a saved object
falls out of it (unpublished, unverified, deleted) its document is removed.
"""

import logging
from functools import cache
from importlib import import_module
from importlib.util import find_spec

logger = logging.getLogger(__name__)

APPS = ["hub", "ngos", "roadmaps", "meetings", "anticorruption"]

_registry = {}


class Searchable:
    """How one type of thing becomes search documents. Subclass and :func:`register`."""

    type = ""
    label = ""
    model = None
    # Other models whose changes change this type's documents: {model: function(instance) -> keys}.
    watches = {}

    def public_objects(self):
        raise NotImplementedError

    def to_document(self, obj):
        raise NotImplementedError

    def key_of(self, obj):
        return str(obj.pk)

    def keys_for(self, sender, instance):
        """The document keys a saved or deleted instance of ``sender`` affects."""
        if self.model is not None and issubclass(sender, self.model):
            return [self.key_of(instance)]
        for model, function in self.watches.items():
            if issubclass(sender, model):
                return [key for key in function(instance) if key is not None]
        return []

    def document(self, key):
        """The current public document for ``key``, or None when it must not be found."""
        obj = self.public_objects().filter(pk=key).first()
        return self.to_document(obj) if obj is not None else None

    def documents_for(self, keys):
        """``{key: document or None}`` for many keys, in a fixed number of queries where possible."""
        keys = list(dict.fromkeys(keys))
        overridden = type(self).document is not Searchable.document or type(self).key_of is not Searchable.key_of
        if overridden:
            return {key: self.document(key) for key in keys}
        result = dict.fromkeys(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for obj in self.public_objects().filter(pk__in=chunk):
                result[self.key_of(obj)] = self.to_document(obj)
        return result

    def documents(self):
        for obj in self.public_objects().iterator(chunk_size=500):
            try:
                document = self.to_document(obj)
            except Exception:
                # One broken object must not stop a rebuild of everything else.
                logger.exception("Could not build the search document of %s %r.", self.type, obj.pk)
                continue
            if document is not None:
                yield document

    # A function giving ``{slug: label}`` of the values of this type's "field" facet (active
    # language); types sharing one vocabulary give the same function, and it is read once.
    field_labels = None


def register(cls):
    _registry[cls.type] = cls()
    return cls


@cache
def _discover():
    for app in APPS:
        if find_spec(f"{app}.searchable") is not None:
            import_module(f"{app}.searchable")


def searchables():
    _discover()
    return dict(_registry)


def get(type_):
    return searchables().get(type_)


def type_labels():
    return {type_: searchable.label for type_, searchable in searchables().items()}


def field_labels():
    labels = {}
    for vocabulary in dict.fromkeys(s.field_labels for s in searchables().values() if s.field_labels):
        labels.update(vocabulary())
    return labels


def district_labels():
    from hub.models import District

    return {district.slug: district.name for district in District.objects.all()}
