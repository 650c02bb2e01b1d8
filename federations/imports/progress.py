"""How far a background import has come, where every web node reads it while the worker's
transaction — the whole file, saved all or nothing — is still open.

- With ``REDIS_URL`` set, in Redis (Django's Redis cache, the ``progress`` cache), which every
  node shares.
- Without it, or while Redis does not answer, on the batch's own row: written through a
  database connection of its own that commits at once, so the page sees it before the
  import's transaction ends.
- On SQLite, one machine's database whose single writer is the import itself, in a file
  cache beside it (the ``progress_files`` cache).

Progress is a courtesy to the reader: a store that fails is skipped, never the import."""

import logging
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)
TIMEOUT = 3600


def cache_key(batch):
    # With the upload's time: a database made anew (the demo's, a test's) reuses the pks.
    return f"import:{batch.pk}:{batch.uploaded_at.timestamp()}"


class CacheStore:
    def __init__(self, name):
        self.cache = caches[name]

    def write(self, batch, value):
        if value is None:
            self.cache.delete(cache_key(batch))
        else:
            self.cache.set(cache_key(batch), value, TIMEOUT)

    def read(self, batch):
        return self.cache.get(cache_key(batch))


class RowStore:
    """The batch's ``rows_done`` and ``rows_total``, written apart from the import's transaction
    through a connection of its own, opened at the first write of an import and closed at its
    last (a connection for each write cost the check of 50 000 rows a few seconds)."""

    apart = threading.local()

    def write(self, batch, value):
        done, total = value or (None, None)
        try:
            with self.connection().cursor() as cursor:
                cursor.execute(
                    "UPDATE federations_importbatch SET rows_done = %s, rows_total = %s WHERE id = %s",
                    [done, total, batch.pk],
                )
        except Exception:
            self.close()  # one that failed is not tried again
            raise
        if value is None:  # the import is over
            self.close()

    def connection(self):
        if getattr(self.apart, "connection", None) is None:
            connection = connections.create_connection(DEFAULT_DB_ALIAS)
            with connection.cursor() as cursor:
                # Never wait behind a lock for a courtesy: a second is plenty for one row.
                cursor.execute("SET lock_timeout = '1s'")
            self.apart.connection = connection
        return self.apart.connection

    def close(self):
        connection, self.apart.connection = getattr(self.apart, "connection", None), None
        if connection is not None:
            connection.close()

    def read(self, batch):
        fresh = type(batch).objects.filter(pk=batch.pk).values_list("rows_done", "rows_total").first()
        return fresh if fresh and fresh[1] is not None else None


def stores():
    """Where progress goes, the first that answers first."""
    listed = [CacheStore("progress")] if settings.REDIS_URL else []
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        return [*listed, CacheStore("progress_files")]
    return [*listed, RowStore()]


def record_progress(batch, done, total):
    """(rows done, rows in all) of the file being checked or saved, in the first store that answers."""
    for store in stores():
        if _write(store, batch, (done, total)):
            return


def forget_progress(batch):
    """In every store: one that was down may have been skipped for another."""
    for store in stores():
        _write(store, batch, None)


def _write(store, batch, value):
    try:
        store.write(batch, value)
    except Exception:  # a store down: the next one, or none
        logger.warning("Import progress not kept in %s", type(store).__name__, exc_info=True)
        return False
    return True


def import_progress(batch):
    """(rows done, rows in all) of a file being checked or saved, or None before it starts."""
    for store in stores():
        try:
            value = store.read(batch)
        except Exception:
            logger.warning("Import progress not read from %s", type(store).__name__, exc_info=True)
            continue
        if value is not None:
            return tuple(value)
    return None
