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

import functools
import hashlib

from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from finsam.disclosure import protecting, threshold
from finsam.tasks import presumed_dead

CACHE = "drafts"
TIMEOUT = 7 * 24 * 3600
# Renders one reader may have waiting for the worker at once: a reader asking for many
# years or periods in a row waits for the first few instead of filling the queue.
MAX_WAITING_PER_USER = 3


# Records whose changes always come with a change to the record they belong to, so that its
# history row stands for theirs: a participant's supports and survey answers are written only
# by saving the participant (its form, the import) or deleting it.
COVERED_BY = {"interventions.ParticipantSupport": "participant", "interventions.SurveyAnswer": "participant"}
# A federation's own record is its federation's, not its county's.
OWN_SCOPE = {"federations.Federation": ("id", "federation")}


def scope_of(model, depth=2):
    """The lookup from a ``model`` row to the federation it belongs to ("federation",
    "budget__federation") or to its county ("county", "intervention__county"), with which of
    the two it reaches; (None, None) for a record of every federation (a national average)."""
    names = {field.name: field for field in model._meta.concrete_fields}
    for level in ("federation", "county"):
        if level in names and names[level].is_relation:
            return level, level
    if depth:
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model not in (None, model):
                lookup, level = scope_of(field.related_model, depth - 1)
                if level == "federation" or (level == "county" and not _reaches_federation(model, depth)):
                    return f"{field.name}__{lookup}", level
    return None, None


def _reaches_federation(model, depth):
    """Whether some foreign key of ``model`` leads to a federation (better than a county)."""
    return any(
        scope_of(field.related_model, depth - 1)[1] == "federation"
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model not in (None, model)
    )


@functools.cache
def history_scopes():
    """{historical model: (lookup to a federation or county, its level)} of every model with a
    history, but those ``COVERED_BY`` another's (the models do not change while the app runs)."""
    historical = [
        model for model in apps.get_models() if any(f.name == "history_id" for f in model._meta.concrete_fields)
    ]
    return {
        history: OWN_SCOPE.get(history.instance_type._meta.label) or scope_of(history.instance_type)
        for history in historical
        if history.instance_type._meta.label not in COVERED_BY
    }


def data_version(kind=None, federations=None):
    """A fingerprint of every recorded change a kind of draft of ``federations`` (pks) may show:
    each change to a record of finsam writes a row to its history, so the highest history id
    of each table moves with any change. Of each table only the rows of those federations
    count — of their county for a county's records (its interventions and their participants,
    its member organisations), of everyone for a national one — so that another federation's
    saves leave their drafts as they are; without ``federations``, every row. One query,
    whatever the number of tables."""
    from .renderings import UNREAD

    unread = {model.history.model for model in UNREAD.get(kind, ())}
    parts, params = [], []
    for history, (lookup, level) in sorted(history_scopes().items(), key=lambda item: item[0]._meta.db_table):
        if history in unread:
            continue
        rows = history.objects.order_by()
        if federations is not None and level == "federation":
            rows = rows.filter(**{f"{lookup}__in": list(federations)})
        elif federations is not None and level == "county":
            rows = rows.filter(**{f"{lookup}__federations__in": list(federations)})
        sql, row_params = rows.values("history_id").query.sql_with_params()
        parts.append(f"(SELECT MAX(history_id) FROM ({sql}) AS {connection.ops.quote_name(history._meta.db_table)})")
        params += row_params
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


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
def render_draft(kind, args, language, limit=None, federations=None):
    """Render one draft PDF and keep it under its key (a worker's task); ``limit``: the
    small-number threshold of the page that asked for it; ``federations``: whose data it shows."""
    from .renderings import RENDERINGS

    with translation.override(language), protecting(limit):
        # The key of the figures as they are before it draws them: a save while it draws
        # leaves this PDF under the older version, and the next request asks for a new one.
        key = draft_key(kind, args, data_version(kind, federations))
        caches[CACHE].set(key, RENDERINGS[kind](*args), TIMEOUT)


def draft_pdf_response(request, kind, args, filename, federations):
    """The draft PDF as an attachment when it is made; else start making it (once) and
    answer with a page that says so and comes back for it. ``federations``: the pks of those
    whose data the draft shows (for the deck, those it covers), whose changes alone make it anew.

    One render at a time is asked for a document, whatever the figures: while it waits
    for the worker, every request for the document waits for it, and it draws the figures
    as they are when it runs. A render is asked again only once the last one has run (or
    is running) on figures that have changed since — so an office saving all day costs
    the worker one render a document at a time, not one for each save."""
    cache = caches[CACHE]
    federations = sorted(federations)
    version = data_version(kind, federations)
    key = draft_key(kind, args, version)
    pdf = cache.get(key)
    if pdf is None:
        pending = pending_key(kind, args)
        result, asked_at = pending_result(pending)
        if render_needed(result, asked_at, version, again=request.GET.get("again")):
            waiting = waiting_renders(request.user)
            if len(waiting) >= MAX_WAITING_PER_USER:
                return too_many_waiting(request, filename)
            result = render_draft.enqueue(kind, list(args), translation.get_language(), threshold(), federations)
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
