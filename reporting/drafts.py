"""A draft PDF is rendered once for the figures as they stand, and not while a reader
waits: the request asks a background task (django-tasks, database backend) to render it,
shows that it is being made, and serves it from the cache as soon as it is there.

The cache key is what the PDF shows (report, its arguments, language) and the data
version of its federations (``data_version``), so that a board of ten downloading the same
draft costs one rendering and any change to a figure makes a new one (a change to what a
kind of draft never shows does not: ``renderings.UNREAD``; nor does another federation's);
while a render waits for the worker, changes to the figures ask for no other (it draws them
as they are when it runs). An adopted report is not a draft:
its PDF is kept at adoption and served as stored."""

import hashlib
from datetime import date

from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from finsam import versions
from finsam.disclosure import protecting, threshold
from finsam.tasks import collecting_only_its_own_objects, presumed_dead

CACHE = "drafts"
TIMEOUT = 7 * 24 * 3600
# Renders one reader may have waiting for the worker at once: a reader asking for many
# years or periods in a row waits for the first few instead of filling the queue.
MAX_WAITING_PER_USER = 3


def data_version(kind=None, federations=None, year=None):
    """The version of the figures a kind of draft of ``federations`` (pks) may show: of every
    recorded change to what they hold, but to the records that kind never shows
    (``renderings.UNREAD``) and, for a document of ``year``, to participants enrolled after it
    (``versions.BEGINS``)."""
    from .renderings import UNREAD

    until = date(year, 12, 31) if year else None
    return versions.data_version(federations, leaving_out=UNREAD.get(kind, ()), until=until)


def document(kind, args):
    """What a draft shows, but for the figures: its report, arguments, language and the
    small-number threshold of its federation (or county)."""
    return (kind, *args, translation.get_language(), threshold())


def draft_key(kind, args, version):
    what = (*document(kind, args), version)
    return "draft:" + hashlib.sha256(repr(what).encode()).hexdigest()


def pending_key(kind, args):
    return "pending:" + hashlib.sha256(repr(document(kind, args)).encode()).hexdigest()


@task()
def render_draft(kind, args, language, limit=None, federations=None, year=None):
    """Render one draft PDF and keep it under its key (a worker's task); ``limit``: the
    small-number threshold of the page that asked for it; ``federations``: whose data it
    shows; ``year``: the year it reports on."""
    from .renderings import RENDERINGS

    with translation.override(language), protecting(limit), collecting_only_its_own_objects():
        # The key of the figures as they are before it draws them: a save while it draws
        # leaves this PDF under the older version, and the next request asks for a new one.
        key = draft_key(kind, args, data_version(kind, federations, year))
        caches[CACHE].set(key, RENDERINGS[kind](*args), TIMEOUT)


def draft_pdf_response(request, kind, args, filename, federations, year=None):
    """The draft PDF as an attachment when it is made; else start making it (once) and
    answer with a page that says so and comes back for it. ``federations``: the pks of those
    whose data the draft shows (for the deck, those it covers), whose changes alone make it
    anew; ``year``: the year the document reports on, whose later participants change nothing
    of it (``data_version``).

    One render at a time is asked for a document, whatever the figures: while it waits
    for the worker, every request for the document waits for it, and it draws the figures
    as they are when it runs. A render is asked again only once the last one has run (or
    is running) on figures that have changed since — so an office saving all day costs
    the worker one render a document at a time, not one for each save."""
    cache = caches[CACHE]
    federations = sorted(federations)
    version = data_version(kind, federations, year)
    key = draft_key(kind, args, version)
    pdf = cache.get(key)
    if pdf is None:
        pending = pending_key(kind, args)
        result, asked_at = pending_result(pending)
        if render_needed(result, asked_at, version, again=request.GET.get("again")):
            waiting = waiting_renders(request.user)
            if len(waiting) >= MAX_WAITING_PER_USER:
                return too_many_waiting(request, filename)
            result = render_draft.enqueue(kind, list(args), translation.get_language(), threshold(), federations, year)
            cache.set(pending, (result.id, version), TIMEOUT)
            cache.set(renders_key(request.user), [*waiting, result.id], TIMEOUT)
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


def renders_key(user):
    return f"renders-of:{user.pk}"


def waiting_renders(user):
    """The renders ``user`` asked for that the worker has not finished (one query each)."""
    waiting = []
    for result_id in caches[CACHE].get(renders_key(user), []):
        try:
            status = render_draft.get_result(result_id).status
        except (TaskResultDoesNotExist, NotImplementedError):
            continue
        if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
            waiting.append(result_id)
    return waiting


def too_many_waiting(request, filename):
    response = TemplateResponse(
        request,
        "reporting/pdf_in_progress.html",
        {"title": _("Your other PDFs are being made"), "busy": True, "filename": filename},
        status=429,
    )
    response["Retry-After"] = "10"
    return response


def render_needed(result, asked_at, version, again):
    """Whether to ask for a render of a document whose PDF of figures ``version`` is not
    made: none is asked; the last one has run (on figures changed since, or its PDF would
    be there); it is running on figures that were changed after it was asked, or for so
    long that its worker must be dead; or it failed and the reader asks again. A render
    waiting for the worker will do."""
    if result is None or result.status == TaskResultStatus.SUCCESSFUL:
        return True
    if result.status == TaskResultStatus.RUNNING:
        return asked_at != version or presumed_dead(result)  # a worker killed mid-render
    return result.status == TaskResultStatus.FAILED and bool(again)


def forget_all_drafts(connection=connection):
    """Empty the draft cache, if its table is there yet (``createcachetable`` makes it)."""
    if caches[CACHE]._table in connection.introspection.table_names():
        caches[CACHE].clear()


def pending_result(pending):
    """The last render asked for a document, and the data version it was asked at."""
    asked = caches[CACHE].get(pending)
    if asked is None:
        return None, None
    result_id, version = asked
    try:
        return render_draft.get_result(result_id), version
    except (TaskResultDoesNotExist, NotImplementedError):  # a backend that runs a task when asked keeps none
        return None, None
