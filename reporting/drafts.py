"""A draft PDF is rendered once for the figures as they stand: cached under what it shows
(report, federation, year, period, language) and the data version, so that a board of ten
downloading the same draft costs one rendering. An adopted report is not cached here: its
PDF is kept at adoption and served as stored."""

import hashlib

from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.utils import translation

CACHE = "drafts"
TIMEOUT = 7 * 24 * 3600


def historical_tables():
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if any(field.name == "history_id" for field in model._meta.concrete_fields)
    )


def data_version():
    """A fingerprint of every recorded change: each change to a record of finsam writes a
    row to its history, so the highest history id of each table moves with any change.
    One query, whatever the number of tables."""
    tables = historical_tables()
    columns = ", ".join(f"(SELECT MAX(history_id) FROM {connection.ops.quote_name(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


def cached_pdf(render, *what):
    """The PDF ``render()`` makes, from the cache when the same draft was made for the same data."""
    key = "draft:" + hashlib.sha256(repr((*what, translation.get_language(), data_version())).encode()).hexdigest()
    cache = caches[CACHE]
    pdf = cache.get(key)
    if pdf is None:
        pdf = render()
        cache.set(key, pdf, TIMEOUT)
    return pdf
