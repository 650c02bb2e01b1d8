"""List exports (CSV, Excel) that are safe to open in a spreadsheet: a text cell that
starts like a formula is written with a leading apostrophe, so that a name such as
``=HYPERLINK(…)`` typed into a form stays text. Numbers stay numbers."""

import unicodedata

from django_tables2.export import ExportMixin as BaseExportMixin
from django_tables2.export import TableExport
from tablib import Dataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def defuse(value):
    """A text cell a spreadsheet could take for a formula, with a leading apostrophe: one
    that starts with a formula sign as it reads it — after spaces and line breaks, and in
    any of its compatible forms (fullwidth ＝ ＋ － ＠, the minus sign)."""
    if isinstance(value, str) and value and looks_like_formula(value):
        return "'" + value
    return value


def looks_like_formula(text):
    plain = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return plain.startswith(FORMULA_STARTS) or plain.lstrip().startswith(FORMULA_STARTS)


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
