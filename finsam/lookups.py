"""Lookups the ORM writes less well than the database could read them."""

from django.db.models import F
from django.db.models.lookups import In


class AnyOf(In):
    """``field IN (…)`` for many values: on PostgreSQL ``field = ANY(%s)``, the values sent
    as one array. An import's 50 000 codes as an ``IN`` list are 50 000 parameters for Django
    to compile and psycopg to parse, a second of work before the database sees the query."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection) for value in self.rhs if value is not None]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


def any_of(field_name, values):
    """The condition ``field_name`` is one of ``values``, for ``QuerySet.filter()``."""
    return AnyOf(F(field_name), list(values))
