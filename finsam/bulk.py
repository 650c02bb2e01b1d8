"""Writing many records at once with their history, as an import does: new ones
(:func:`create_with_history`, or :func:`create_rows_with_history` from their values),
changed ones (:func:`update_with_history`) and removed ones (:func:`delete_with_history`).

On PostgreSQL the records and their history rows are streamed with COPY — new records' keys
drawn from the table's sequence in one query first, changed records copied into a temporary
table and written with one UPDATE; elsewhere (the SQLite demo) django-simple-history's bulk
functions, or a delete, write them. Either way each history row says who created, changed
or removed the record and when, as a save or a delete would.

COPY sends each value as Python holds it, so it serves models whose fields hold what the
database stores (keys, text, numbers, dates, booleans) — and JSON, prepared by its field as a
save would: :func:`create_with_history` refuses any other, and a field computed on save
(``auto_now``, ``auto_now_add``) or by the database alone.
"""

from operator import attrgetter

from django.db import connections, router, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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
    copy_history(connection, model, records, user, "+")
    return records


def create_rows_with_history(model, rows, user=None):
    """Save ``rows`` as new records of ``model`` — each row the values of its concrete fields
    but the key, in their order, as a checked import keeps them (a date as ISO text too) —
    and a "created" history row for each, recorded as by ``user``; return their new keys in
    order. On PostgreSQL no record is made of a row: making an import's 150 000 records (its
    participants and their supports) only to read their values straight back was a quarter of
    the time it took to save them."""
    rows = list(rows)
    connection = connections[router.db_for_write(model)]
    if not rows or connection.vendor != "postgresql":
        return [record.pk for record in create_with_history([model(None, *row) for row in rows], model, user)]
    refuse_unplain(model)
    history = model.history.model
    refuse_unplain(history)
    fields = model._meta.concrete_fields  # the key first
    prepare = preparing(connection, fields)
    keys = next_keys(connection, model, len(rows))
    written = [prepare([pk, *row]) for pk, row in zip(keys, rows, strict=True)]
    copy_rows(connection, model._meta.db_table, [field.column for field in fields], written)
    position = {field.attname: n for n, field in enumerate(fields)}
    tracked = [position[field.attname] for field in history.tracked_fields]
    copy_history_rows(connection, history, ([values[n] for n in tracked] for values in written), user, "+")
    return keys


def update_with_history(records, model, user=None):
    """Write every field of ``records`` (saved instances of ``model``, changed in Python) and a
    "changed" history row for each, recorded as by ``user``."""
    records = list(records)
    if not records:
        return
    connection = connections[router.db_for_write(model)]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    if connection.vendor != "postgresql":
        bulk_update_with_history(records, model, [field.name for field in fields], default_user=user)
        return
    refuse_unplain(model)
    refuse_unplain(model.history.model)
    quote, table = connection.ops.quote_name, model._meta.db_table
    pk, columns = model._meta.pk.column, [quote(field.column) for field in fields]
    staging = quote(f"{table}_changed")
    # One transaction: a failure anywhere takes the staging table away with the rest.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {staging} AS SELECT * FROM {quote(table)} WITH NO DATA")
        copy(connection, model, [model._meta.pk, *fields], records, table=f"{table}_changed")
        assignments = ", ".join(f"{column} = changed.{column}" for column in columns)
        cursor.execute(
            f"UPDATE {quote(table)} SET {assignments} FROM {staging} AS changed"
            f" WHERE {quote(table)}.{quote(pk)} = changed.{quote(pk)}"
        )
        cursor.execute(f"DROP TABLE {staging}")
        copy_history(connection, model, records, user, "~")


def delete_with_history(records, model, user=None):
    """Delete ``records`` (saved instances of ``model``, with nothing depending on them) and
    write a "deleted" history row for each, recorded as by ``user``."""
    records = list(records)
    if not records:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        for record in records:  # django-simple-history records each delete
            if user is not None:
                record._history_user = user
            record.delete()
        return
    refuse_unplain(model.history.model)
    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        copy_history(connection, model, records, user, "-")
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = ANY(%s)",
            [[record.pk for record in records]],
        )


def copy_history(connection, model, records, user, history_type):
    """A history row of ``history_type`` ("+", "~", "-") for each record, now, by ``user``."""
    history = model.history.model
    values = values_of(connection, history.tracked_fields)
    copy_history_rows(connection, history, map(values, records), user, history_type)


def copy_history_rows(connection, history, rows, user, history_type):
    """A row of the ``history`` table for each of ``rows`` (the values of its tracked fields,
    as COPY sends them): of ``history_type``, now, by ``user``."""
    now, user_id = timezone.now(), getattr(user, "pk", None)
    columns = [field.column for field in history.tracked_fields] + [
        history._meta.get_field(name).column
        for name in ("history_date", "history_user", "history_change_reason", "history_type")
    ]
    copy_rows(connection, history._meta.db_table, columns, ((*row, now, user_id, None, history_type) for row in rows))


def refuse_unplain(model):
    for field in model._meta.concrete_fields:
        on_save = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        computed = on_save or (field.has_db_default() and not field.has_default())
        if field.get_internal_type() not in PLAIN_FIELDS or computed:
            raise ValueError(f"{model.__name__}.{field.name} cannot be written by COPY as it is held.")


def next_keys(connection, model, count):
    """``count`` new keys from the sequence behind the model's primary key. The sequence is
    named first: named within the query, it was looked up again for every key (100 ms for
    34 000 keys, against 16)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
        ((sequence,),) = cursor.fetchall()
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
        return [pk for (pk,) in cursor.fetchall()]


def values_of(connection, fields):
    """A function giving a record's values of ``fields`` as COPY sends them: read in one
    ``attrgetter`` (a million values for a large import), the prepared fields' then prepared."""
    held = attrgetter(*(field.attname for field in fields))
    prepare = preparing(connection, fields)

    def values(record):
        return prepare(list(held(record)) if len(fields) > 1 else [held(record)])

    return values


def preparing(connection, fields):
    """A function preparing, in place, a row of values of ``fields`` (in their order) as COPY
    sends them: the ``PREPARED_FIELDS``' by their field, as a save would."""
    prepared = [(n, field) for n, field in enumerate(fields) if field.get_internal_type() in PREPARED_FIELDS]

    def prepare(row):
        for n, field in prepared:
            row[n] = field.get_db_prep_value(row[n], connection)
        return row

    return prepare


def copy(connection, model, fields, records, table=None):
    values = values_of(connection, fields)
    copy_rows(connection, table or model._meta.db_table, [field.column for field in fields], map(values, records))


def copy_rows(connection, table, columns, rows):
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    # Django's errors (IntegrityError for a key written meanwhile), as for any statement.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(statement) as stream:
        for row in rows:
            stream.write_row(row)
