"""What every figure stands on: a share in percent, a year's period, and ``Figure``, a
figure counted in one grouped query, for some participants or for several federations."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Value

from finsam.disclosure import DERIVED, is_withheld

from ..models import EndReason, Gender

REASONS = EndReason.counted()
GENDERS = list(Gender)


def share(part, whole):
    """``part`` of ``whole`` in whole percent, rounded half up; ``None`` for 0 of 0;
    withheld where either is (finsam.disclosure)."""
    if is_withheld(part, whole):
        return DERIVED
    if not whole:
        return None
    return int((Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def before_and_after(counts, choices):
    """[(label, women at start, men at start, women at end, men at end)] of each of ``choices``
    someone had, from ``counts`` {(phase "start"/"end", value, gender): count}."""
    table = []
    for value, label in choices:
        cells = [counts.get((phase, value, gender), 0) for phase in ("start", "end") for gender in GENDERS]
        if any(cells):
            table.append((label, *cells))
    return table


def period(year, until=None):
    return date(year, 1, 1), until or date(year, 12, 31)


@dataclass
class Figure:
    """A figure counted from participants in one grouped query: ``rows(participants, ...)``
    builds the query (or a dict of named queries), ``read(rows, ...)`` makes the figure of
    what it returns. The same arguments go to both; ``doc`` says what the figure is."""

    rows: Callable
    read: Callable
    doc: str = ""

    def __post_init__(self):
        self.__doc__ = self.doc

    def __call__(self, participants, *args, **options):
        return self.read(self.rows(participants, *args, **options), *args, **options)

    def per_federation(self, federations, participants, *args, **options):
        """{federation pk: the figure of ``participants(federation)``}, every federation's
        rows in the same query (see ``_per_federation``)."""
        queries = {federation.pk: self.rows(participants(federation), *args, **options) for federation in federations}
        named = queries and all(isinstance(query, dict) for query in queries.values())
        if named:  # a figure of several named queries (the occupations): one UNION ALL a name
            names = next(iter(queries.values()))
            rows = {name: _per_federation(federations, lambda f, name=name: queries[f.pk][name]) for name in names}
            grouped = {pk: {name: rows[name][pk] for name in names} for pk in queries}
        else:
            grouped = _per_federation(federations, lambda federation: queries[federation.pk])
        return {pk: self.read(rows, *args, **options) for pk, rows in grouped.items()}


def _per_federation(federations, rows):
    """``rows(federation)``, a values() queryset, for each of ``federations`` in one query:
    {federation pk: [row]}. A UNION ALL keeps each federation's own conditions (its
    residents, its interventions) and the plan the database makes for them alone, and a
    county of six federations asks one query as one federation does."""
    parts = [rows(federation).annotate(of_federation=Value(federation.pk)).order_by() for federation in federations]
    grouped = {federation.pk: [] for federation in federations}
    if parts:
        for row in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
            grouped[row.pop("of_federation")].append(row)
    return grouped
