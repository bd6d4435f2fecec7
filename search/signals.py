"""Index upkeep: the one place where signals fit (see STYLE.md).

Saving or deleting an instance of a registered model (and publishing or unpublishing a
Wagtail page) marks the affected documents; after the transaction commits a worker reads
them again from the database and indexes or removes them (a task, retried with back-off;
tests run it at once). Nothing here may fail the request: errors are logged and the retry,
the next save, or ``manage.py rebuild_search_index``, repairs the index.
"""

import logging
import threading

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from hub.page_cache import bump_generation
from hub.tasks import background_task

from . import registry

logger = logging.getLogger(__name__)
_local = threading.local()


class Batch:
    """The documents one transaction touched; refreshed once, after commit."""

    def __init__(self):
        self.keys = {}
        self.flushed = False

    def add(self, type_, key):
        self.keys.setdefault(type_, set()).add(key)

    def flush(self):
        self.flushed = True
        for type_, keys in self.keys.items():
            try:
                refresh_documents.enqueue(type_, sorted(keys))
            except Exception:
                logger.exception("Search index update failed for %s %s; it will be repaired on rebuild.", type_, keys)


@background_task()
def refresh_documents(type_, keys):
    from . import services

    try:
        services.refresh(type_, keys)
    except Exception:
        logger.exception("Search index update failed for %s %s; it will be tried again.", type_, keys)
        raise
    # Lists and pages that read the index keep shared copies keyed by the content's generation,
    # which was bumped at save time, before the index changed: bump it again now that it has.
    bump_generation()


def _batch_pending(batch):
    # Django drops the callbacks of a transaction (or savepoint) that rolls back; a batch is
    # only reused while its flush is still queued at the current savepoint level.
    if batch is None or batch.flushed:
        return False
    savepoints = set(connection.savepoint_ids)
    return any(entry[1] == batch.flush and entry[0] == savepoints for entry in connection.run_on_commit)


def schedule(type_, key):
    batch = getattr(_local, "batch", None)
    if not _batch_pending(batch):
        batch = _local.batch = Batch()
        batch.add(type_, key)
        transaction.on_commit(batch.flush, robust=True)
    else:
        batch.add(type_, key)


def on_change(sender, instance, **kwargs):
    try:
        for type_, searchable in registry.searchables().items():
            for key in searchable.keys_for(sender, instance):
                schedule(type_, key)
    except Exception:
        logger.exception("Could not schedule a search index update for %r.", instance)


def on_m2m_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Fields of activity or districts added or removed change the document's facets."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        on_change(type(instance), instance)
        return
    for pk in pk_set or ():
        on_change(model, model(pk=pk))


def watched_models():
    models = []
    for searchable in registry.searchables().values():
        for model in [searchable.model, *searchable.watches]:
            if model is not None and model not in models:
                models.append(model)
    return models


def connect():
    for model in watched_models():
        uid = f"search:{model._meta.label}"
        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(on_m2m_change, sender=through, weak=False, dispatch_uid=f"{uid}:{field.name}")
    # Publishing saves the page too; these catch publishing paths that bypass save signals.
    page_published.connect(on_change, weak=False, dispatch_uid="search:page_published")
    page_unpublished.connect(on_change, weak=False, dispatch_uid="search:page_unpublished")
