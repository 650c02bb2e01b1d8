"""Writing many new records at once with their history, as an import does.

On PostgreSQL the records and their "created" history rows are streamed with COPY, their
keys drawn from the table's sequence in one query first; elsewhere (the SQLite demo)
``bulk_create_with_history`` writes them. Either way each record gets its key, and its
history row says who created it and when, as a save would.

COPY sends each value as Python holds it, so it serves models whose fields hold what the
database stores (keys, text, numbers, dates, booleans) — and JSON, prepared by its field as a
save would: :func:`create_with_history` refuses any other, and a field computed on save
(``auto_now``, ``auto_now_add``) or by the database alone.
"""

from django.db import connections, router
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

# The fields whose Python value is the database's: nothing to prepare before COPY.
PLAIN_FIELDS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
    "JSONField",  # prepared by the field (PREPARED_FIELDS)
}
PREPARED_FIELDS = {"JSONField"}


def create_with_history(records, model, user=None):
    """Save ``records`` (new instances of ``model``) and a "created" history row for each,
    recorded as by ``user``; return them with their keys."""
    records = list(records)
    connection = connections[router.db_for_write(model)]
    if not records or connection.vendor != "postgresql":
        return bulk_create_with_history(records, model, default_user=user)
    refuse_unplain(model)
    history = model.history.model
    refuse_unplain(history)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for record, pk in zip(records, next_keys(connection, model, len(records)), strict=True):
        record.pk = pk
        record._state.adding, record._state.db = False, connection.alias
    copy(connection, model, [model._meta.pk, *fields], records)
    now, user_id = timezone.now(), getattr(user, "pk", None)
    tracked = history.tracked_fields
    rows = ((*(value(connection, record, field) for field in tracked), now, user_id, None, "+") for record in records)
    columns = [field.column for field in tracked] + [
        history._meta.get_field(name).column
        for name in ("history_date", "history_user", "history_change_reason", "history_type")
    ]
    copy_rows(connection, history._meta.db_table, columns, rows)
    return records


def refuse_unplain(model):
    for field in model._meta.concrete_fields:
        on_save = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        computed = on_save or (field.has_db_default() and not field.has_default())
        if field.get_internal_type() not in PLAIN_FIELDS or computed:
            raise ValueError(f"{model.__name__}.{field.name} cannot be written by COPY as it is held.")


def next_keys(connection, model, count):
    """``count`` new keys from the sequence behind the model's primary key, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def value(connection, record, field):
    held = getattr(record, field.attname)
    if field.get_internal_type() in PREPARED_FIELDS:
        return field.get_db_prep_value(held, connection)
    return held


def copy(connection, model, fields, records):
    rows = (tuple(value(connection, record, field) for field in fields) for record in records)
    copy_rows(connection, model._meta.db_table, [field.column for field in fields], rows)


def copy_rows(connection, table, columns, rows):
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    # Django's errors (IntegrityError for a key written meanwhile), as for any statement.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(statement) as stream:
        for row in rows:
            stream.write_row(row)
