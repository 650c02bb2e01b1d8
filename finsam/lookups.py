"""Lookups the ORM writes less well than the database could read them."""

import json

from django.db.models import F
from django.db.models.lookups import In


class AnyOf(In):
    """``field IN (…)`` for many values, sent as one parameter: on PostgreSQL
    ``field = ANY(%s)`` with an array, on SQLite ``field IN (SELECT value FROM json_each(%s))``
    with a JSON list. An import's 50 000 codes as an ``IN`` list are 50 000 parameters for
    Django to compile and psycopg to parse, a second of work before the database sees the
    query — and more than SQLite takes at all (32 766)."""

    def values(self, connection):
        field = self.lhs.output_field
        return [field.get_db_prep_value(value, connection) for value in self.rhs if value is not None]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.values(connection))

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*lhs_params, json.dumps(self.values(connection)))


def any_of(field_name, values):
    """The condition ``field_name`` is one of ``values``, for ``QuerySet.filter()``."""
    return AnyOf(F(field_name), list(values))


class InListOf(In):
    """``field IN (subquery)`` that PostgreSQL reads as a list: ``field = ANY(ARRAY(subquery))``,
    the subquery's few values read once before the scan. As a join PostgreSQL guessed a few
    hundred of a federation's participants in each of its municipalities, where there were
    twelve thousand, and read them municipality by municipality: 2–2.5× the time of one scan
    for the list (a year's figures of 73 000 participants: 114–137 against 50–77 ms)."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def in_list_of(field_name, subquery):
    """The condition ``field_name`` is one of the values ``subquery`` selects, for ``Q()``."""
    return InListOf(F(field_name), subquery)


class AnyOfUnseen(AnyOf):
    """``field IN (…)`` for a few values PostgreSQL is not shown when it plans:
    ``field = ANY(ARRAY(SELECT unnest(%s)))``, planned as for ``InListOf``'s subquery (a few
    values read once before the scan), where the list itself made it read a large
    federation's rows by one column's index alone (``ParticipantQuerySet.residents_among``).
    The same plan for a third less of Django's work than a subquery naming the values."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array = f"%s::{self.lhs.output_field.cast_db_type(connection)}[]"  # typed, if empty too
        return f"{lhs} = ANY(ARRAY(SELECT unnest({array})))", (*lhs_params, self.values(connection))


def any_of_unseen(field_name, values):
    """The condition ``field_name`` is one of ``values``, unseen by PostgreSQL's planner, for ``Q()``."""
    return AnyOfUnseen(F(field_name), list(values))
