"""A draft PDF is rendered once for the figures as they stand, and not while a reader
waits: the request asks a background task (django-tasks, database backend) to render it,
shows that it is being made, and serves it from the cache as soon as it is there.

The cache key is what the PDF shows (report, its arguments, language) and the data
version, so that a board of ten downloading the same draft costs one rendering and any
change to a figure makes a new one. An adopted report is not a draft: its PDF is kept at
adoption and served as stored."""

import functools
import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

CACHE = "drafts"
TIMEOUT = 7 * 24 * 3600


@functools.cache
def historical_tables():
    """The tables simple-history writes to (the models do not change while the app runs)."""
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


def draft_key(kind, args):
    what = (kind, *args, translation.get_language(), settings.SMALL_NUMBER_THRESHOLD, data_version())
    return "draft:" + hashlib.sha256(repr(what).encode()).hexdigest()


@task()
def render_draft(kind, args, language):
    """Render one draft PDF and keep it under its key (a worker's task)."""
    from .renderings import RENDERINGS

    with translation.override(language):
        caches[CACHE].set(draft_key(kind, args), RENDERINGS[kind](*args), TIMEOUT)


def draft_pdf_response(request, kind, args, filename):
    """The draft PDF as an attachment when it is made; else start making it (once) and
    answer with a page that says so and comes back for it."""
    cache = caches[CACHE]
    key = draft_key(kind, args)
    pdf = cache.get(key)
    if pdf is None:
        result = pending_result(key)
        if result is None or result.status == TaskResultStatus.FAILED and request.GET.get("again"):
            result = render_draft.enqueue(kind, list(args), translation.get_language())
            cache.set("pending:" + key, result.id, TIMEOUT)
        if result.status == TaskResultStatus.SUCCESSFUL:
            pdf = cache.get(key)
        if pdf is None:
            failed = result.status == TaskResultStatus.FAILED
            response = TemplateResponse(
                request,
                "reporting/pdf_in_progress.html",
                {"title": _("The PDF is being made"), "failed": failed, "filename": filename},
                status=500 if failed else 202,
            )
            if not failed:
                response["Refresh"] = "2"  # the browser asks again, and gets the PDF once it is made
            return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def forget_all_drafts(connection=connection):
    """Empty the draft cache, if its table is there yet (``createcachetable`` makes it)."""
    if caches[CACHE]._table in connection.introspection.table_names():
        caches[CACHE].clear()


def pending_result(key):
    result_id = caches[CACHE].get("pending:" + key)
    if result_id is None:
        return None
    try:
        return render_draft.get_result(result_id)
    except TaskResultDoesNotExist:
        return None
