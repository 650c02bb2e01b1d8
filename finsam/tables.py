"""How every list's table reads a page and writes its rows, for lists of tens of thousands."""

import inspect
from functools import partial, partialmethod

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, F, Model, Value, When
from django.db.models.query import ModelIterable
from django.template.base import render_value_in_context
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django_tables2.columns import ManyToManyColumn
from django_tables2.data import TableQuerysetData
from django_tables2.utils import Accessor, signature


class KeysFirstData(TableQuerysetData):
    """A table's queryset whose page is read in two steps: the page's keys, sorted and
    counted off by the database on narrow rows, then the page's rows by key. Sorting whole
    rows to reach a deep page (60 000 of 73 000 participants) spilled the sort to disk and
    took twice the time of sorting the keys. A page past the middle is counted off from the
    end, in the reverse order: the database keeps the fewer rows of the two ends. Ties are
    broken by the key, so that a row is on one page only, from either end."""

    @classmethod
    def of(cls, data):
        """``data`` as such, unless it is a queryset of records that can be read this way."""
        readable = (
            hasattr(data, "query")
            and data._iterable_class is ModelIterable
            and not data.query.distinct
            and not data.query.combinator
        )
        return cls(data.order_by(*(data.query.order_by or data.model._meta.ordering), "pk")) if readable else data

    def order_by(self, aliases):
        super().order_by(aliases)
        self.data = self.data.order_by(*self.data.query.order_by, "pk")

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return super().__getitem__(key)
        count = len(self)
        start, stop, _step = key.indices(count)
        if start > count - stop:
            keys = list(self.data.reverse().values_list("pk", flat=True)[count - stop : count - start])
            keys.reverse()
        else:
            keys = list(self.data.values_list("pk", flat=True)[start:stop])
        rows = self.data.order_by().in_bulk(keys)
        return [rows[pk] for pk in keys if pk in rows]  # one deleted in between is left out


def by_rank(queryset, field, ordered, is_descending):
    """``queryset`` sorted on its related record ``field`` (an intervention, a
    municipality) in the order of ``ordered``, those records sorted by name: each row
    sorted on a small whole number, its record's place, instead of the record's name
    joined and compared as text for every row (the keys of a page of 73 000 participants
    by municipality: 100 against 150 ms). A record not among ``ordered`` comes after them."""
    places = [
        When(**{f"{field}_id": pk}, then=Value(place)) for place, pk in enumerate(ordered.values_list("pk", flat=True))
    ]
    place = Case(*places, default=Value(len(places)))
    return queryset.alias(**{f"{field}_place": place}).order_by(
        F(f"{field}_place").desc() if is_descending else F(f"{field}_place")
    )


def table_rows(table, context):
    """The ``<tr>`` of the table's page, written as django-tables2's own template writes
    them, in Python: through the template engine, 50 rows of 10 cells were two thirds of a
    list page's time. A column's cell attributes are worked out once, unless a callable
    in them asks for each record, and so is what its cells are read with (``cell_reader``)."""
    columns = list(table.columns)
    fixed = {column.name: column.attrs["td"].as_html() for column in columns if not varies(table, column)}
    readers = [(column, cell_reader(table, column)) for column in columns]
    lines = []
    for row in table.paginated_rows:
        cells = []
        for column, read in readers:
            cell = read(row)  # before the attributes, which may be computed from it
            cells.append(f"<td {cell_attributes(column, fixed)}>{written(cell, column, context)}</td>")
        lines.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
    if not lines and table.empty_text:
        lines.append(format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text))
    return mark_safe("\n".join(lines))


def cell_reader(table, column):
    """``row → cell``: the cell of ``column`` (a bound column) as django-tables2's
    ``BoundRow.get_cell`` makes it — the value its accessor reaches (a field with choices
    by its display), the column's default for an empty one, else its render method called
    with the arguments it names — with what is the same on every row worked out once: the
    accessor's field and the render method's arguments. A cell the row makes for itself
    (``row.get_cell``, ~60 µs) took a 50-row page of 10 columns 30 ms; a column with a
    link, of many-to-many values or with attributes computed from each cell is still
    read that way."""
    model = getattr(table.data, "model", None)
    if model is None or column.link or isinstance(column.column, ManyToManyColumn) or varies(table, column):
        return partial(cell_of_row, column)
    accessor = Accessor(column.accessor)
    try:
        field = accessor.get_field(model)
    except FieldDoesNotExist:
        field = None
    display = displayed(field) if getattr(field, "choices", ()) else None
    names, takes_any = signature(column.render)
    render, empty, default = column.render, column.column.empty_values, column.default

    def read(row):
        record = row.record
        try:
            value = display(accessor.penultimate(record)[0]) if display else accessor.resolve(record)
        except Exception:  # as BoundRow: a value the accessor cannot reach is empty
            value = None
        if value in empty:
            return default
        offered = {
            "value": value,
            "record": record,
            "column": column.column,
            "bound_column": column,
            "bound_row": row,
            "table": table,
        }
        if takes_any:
            return render(**offered)
        if any(name not in offered for name in names):
            return None
        return render(**{name: offered[name] for name in names})

    return read


def cell_of_row(column, row):
    """The cell as ``BoundRow.items`` makes it, leaving it and its record on the column for
    attributes computed from them."""
    column.current_value = row.get_cell(column.name)
    column.current_record = row.record
    return column.current_value


def displayed(field):
    """``record → label``: the record's ``get_<field>_display()``. Django's own builds the
    dictionary of the field's choices at each call (~70 µs); where the model keeps Django's
    method, the dictionary is built here once."""
    name = f"get_{field.name}_display"
    method = inspect.getattr_static(field.model, name, None)
    if not (isinstance(method, partialmethod) and method.func is Model._get_FIELD_display):
        return lambda record: getattr(record, name)()
    labels = dict(make_hashable(field.flatchoices))

    def label(record):
        value = getattr(record, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)

    return label


def cell_attributes(column, fixed):
    return fixed[column.name] if column.name in fixed else column.attrs["td"].as_html()


def varies(table, column):
    """Whether the column's cell attributes depend on the record (a callable among them)."""
    attrs = {**table.attrs, **column.column.attrs}
    return any(contains_callable(attrs.get(name, {})) for name in ("td", "cell"))


def contains_callable(value):
    if callable(value):
        return True
    return isinstance(value, dict) and any(contains_callable(each) for each in value.values())


def written(cell, column, context):
    """A cell as the template's ``{{ cell }}``, ``|localize`` or ``|unlocalize`` writes it."""
    if column.localize is None:
        return render_value_in_context(cell, context)
    return conditional_escape(localize(cell, use_l10n=column.localize))
