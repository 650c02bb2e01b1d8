"""What the recorded data of some federations are now, as one short fingerprint
(``data_version``): each change to a record of finsam writes a row to its history, so the
highest history id of each table moves with any change. A draft PDF is kept under the
version of the figures it shows (``reporting.drafts``); an import's check is written
without checking its file again while the version it was checked at holds
(``federations.imports``)."""

import contextlib
import functools
import hashlib

import psycopg
from django.apps import apps
from django.db import connection
from django.db.models import Q

# Records whose changes always come with a change to the record they belong to, so that its
# history row stands for theirs: a participant's supports and survey answers are written only
# by saving the participant (its form, the import) or deleting it.
COVERED_BY = {"interventions.ParticipantSupport": "participant", "interventions.SurveyAnswer": "participant"}
# A federation's own record is its federation's, not its county's.
OWN_SCOPE = {"federations.Federation": ("id", "federation")}
# Records a document of a period shows only if they begin by its end: a participant enrolled
# after it — in every state recorded of it — changes no figure of a report of the year.
BEGINS = {"interventions.Participant": "enrolled_on"}


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


def data_version(federations=None, leaving_out=(), until=None):
    """A fingerprint of every recorded change to what ``federations`` (pks) hold, but the
    models ``leaving_out``. Of each table only the rows of those federations count — of their
    county for a county's records (its interventions and their participants, its member
    organisations), of everyone for a national one — so that another federation's saves leave
    it as it is; without ``federations``, every row. With ``until`` (a date), a record that
    ``BEGINS`` after it in every state recorded of it does not count: the office entering
    this year's participants leaves last year's report as it is. One query, whatever the
    number of tables."""
    unread = frozenset(model.history.model for model in leaving_out)
    sql, params = version_query(unread, None if federations is None else tuple(federations), until)
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


@contextlib.contextmanager
def prepared_cursor():
    """A cursor whose statements PostgreSQL plans once for its connection (prepared, with the
    parameters bound on the server): planning the version's 55 subqueries took 16 ms,
    reading them 2–4 ms, on each draft request and poll. Elsewhere, Django's own cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = PreparedCursor(connection.connection)
    wrapped = connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)
    with wrapped:
        yield wrapped


class PreparedCursor(psycopg.Cursor):
    """psycopg's server-binding cursor, preparing what it runs: Django's cursor wrapper, which
    counts and logs the query, passes no ``prepare`` of its own."""

    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, prepare=True, **kwargs)


@functools.lru_cache(maxsize=512)
def version_query(unread, federations, until):
    """The SQL and parameters of ``data_version``, built once for each set of arguments: a
    draft's page asks for the version on each request and poll, and building the 55
    subqueries through the ORM cost more than the database's answer (~8 ms of CPU a request)."""
    parts, params = [], []
    for history, (lookup, level) in sorted(history_scopes().items(), key=lambda item: item[0]._meta.db_table):
        if history in unread:
            continue
        rows = history.objects.order_by()
        if federations is not None and level == "federation":
            rows = rows.filter(**{f"{lookup}__in": list(federations)})
        elif federations is not None and level == "county":
            rows = rows.filter(**{f"{lookup}__federations__in": list(federations)})
        if until is not None and (begins := BEGINS.get(history.instance_type._meta.label)):
            # a record that has begun by then, or one whose earlier state had (moved out of it)
            key, begun = history.instance_type._meta.pk.attname, {f"{begins}__lte": until}
            rows = rows.filter(Q(**begun) | Q(**{f"{key}__in": rows.filter(**begun).values(key)}))
        sql, row_params = rows.values("history_id").query.sql_with_params()
        parts.append(f"(SELECT MAX(history_id) FROM ({sql}) AS {connection.ops.quote_name(history._meta.db_table)})")
        params += row_params
    return f"SELECT {', '.join(parts)}", tuple(params)
