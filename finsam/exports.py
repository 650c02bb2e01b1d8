"""List exports (CSV, Excel) that are safe to open in a spreadsheet: a text cell that
starts like a formula is written with a leading apostrophe, so that a name such as
``=HYPERLINK(…)`` typed into a form stays text. Numbers stay numbers."""

from django_tables2.export import ExportMixin as BaseExportMixin
from django_tables2.export import TableExport
from tablib import Dataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        return Dataset(
            *([defuse(value) for value in row] for row in dataset),
            headers=[defuse(header) for header in dataset.headers or []],
            title=dataset.title,
        )


class ExportMixin(BaseExportMixin):
    export_class = SafeTableExport
    export_formats = ("csv", "xlsx")
