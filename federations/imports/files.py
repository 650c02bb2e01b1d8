"""What every import shares: reading a CSV or Excel file into rows and reporting problems
by row and column.

An importer is an :class:`Importer` taking ``(federation, user)`` whose ``run(content,
filename, save=False)`` returns an :class:`ImportResult`: with ``save`` it saves every row,
or — when any row has a problem — nothing. Its ``headers`` and ``required_headers`` name
the file's columns, for the upload page. The browser's and the command line's way through
an import is ``flow``.
"""

import csv
import functools
import io
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.numbers import group_digits

# A file larger than a federation's year is refused before it can hold a worker: reading
# stops as soon as a cap is passed.
MAX_ROWS = 50_000
MAX_COLUMNS = 50
# Problems kept and shown: the first ones, and how many more there were.
MAX_PROBLEMS = 500
# An Excel file is a zip archive. What its parts inflate to is read from the archive's
# directory before any part is parsed (and zipfile never inflates a part past the size its
# directory gives), so that no file under the upload cap unpacks into gigabytes. The sheets
# are read as a stream, a row at a time, but openpyxl builds each row whole: a sheet's rows
# are counted first, so that none holds more cells than any import reads. A part openpyxl
# holds whole in memory (the shared strings, styles) has a lower cap. A real year's file
# inflates to a few tens of MB; `make bench` measures what the worst file accepted costs.
MAX_XLSX_INFLATED = 150 * 2**20
MAX_XLSX_PART_IN_MEMORY = 10 * 2**20
MAX_CELLS_IN_A_ROW = 1_000
SHEET_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)[\s/>]")


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class Problem:
    row: int  # the row number in the file: the header is row 1
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)
    saved: bool = False
    planned: list = field(default_factory=list)  # the first MAX_PROBLEMS rows to be saved, for the preview
    # What the office could put right at once in the registry for the file to fit, offered on
    # the preview (e.g. "move_start": an intervention that starts after some rows enrol)
    suggestions: list = field(default_factory=list)
    # What a check of a valid file found to write, as its importer's ``save_checked`` reads
    # it (``Packed``), kept on the batch until the office confirms; empty if it keeps nothing.
    checked: bytes = b""

    def plan(self, row, code, record, action, columns=()):
        """Note what saving will do with a row: ``action`` "new", "changed" (``columns``) or "unchanged"."""
        if len(self.planned) < MAX_PROBLEMS:
            self.planned.append(
                {"row": row, "code": code, "record": str(record), "action": action, "columns": list(columns)}
            )

    def suggest(self, kind, **details):
        self.suggestions.append({"kind": kind, **details})

    @property
    def is_valid(self):
        return not self.problems

    @property
    def shown_problems(self):
        return self.problems[:MAX_PROBLEMS]

    @property
    def more_problems(self):
        return max(0, len(self.problems) - MAX_PROBLEMS)

    def summary(self):
        return _("%(rows)s rows: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.") % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class Importer:
    """What every importer shares: who imports for which federation, and a way to tell how
    far the check has come (``progress(done, total)``, called every ``PROGRESS_EVERY`` rows)."""

    PROGRESS_EVERY = 250
    headers, required_headers = [], []
    plan_headers = (gettext_lazy("Code"), gettext_lazy("Intervention"))  # what the preview lists of a row

    def __init__(self, federation, user=None, progress=None):
        self.federation = federation
        self.user = user
        self.progress = progress

    def advance(self, done, total):
        if self.progress is not None and (done % self.PROGRESS_EVERY == 0 or done == total):
            self.progress(done, total)

    def save_checked(self, checked):
        """Save what a check of the file found to write (its ``ImportResult.checked``) without
        checking the file again, if nothing it was checked against has changed since; None
        if something has, for the file to be checked again as it is saved (``run``). An
        importer that keeps nothing from its check always checks again."""
        return None


class UndoCheck(Exception):
    """Raised inside ``written_in_order``'s transaction to undo what it wrote."""


def written_in_order(rows, write_row, result, save, advance=None):
    """Write ``rows`` (row number, row) one after the other with ``write_row(number, row,
    result)`` inside a transaction that is undone for a check, or when any row has a problem:
    each row is checked by the models' own rules against the rows above it, as forms saved one
    after the other would be. ``result.saved`` says whether the rows stayed."""
    try:
        with transaction.atomic():
            for done, (number, row) in enumerate(rows, start=1):
                write_row(number, row, result)
                if advance is not None:
                    advance(done, len(rows))
            if result.problems or not save:
                raise UndoCheck  # a check, or a file with problems: nothing stays
    except UndoCheck:
        return result
    result.saved = True
    return result


class Packed:
    """Values (JSON, dates as ISO text) written one after the other into the few bytes a batch
    keeps: a line each, compressed as they come, so that a large file's are not all held at
    once. ``unpacked`` reads them back."""

    def __init__(self):
        self.compressor = zlib.compressobj(1)
        self.encoder = DjangoJSONEncoder(separators=(",", ":"))
        self.parts = []

    def add(self, value):
        self.parts.append(self.compressor.compress(self.encoder.encode(value).encode() + b"\n"))

    def bytes(self):
        return b"".join(self.parts) + self.compressor.flush()


def unpacked(data):
    """The values ``Packed`` wrote, each as its line of JSON (``json.loads`` reads one)."""
    return zlib.decompress(data).splitlines()


@functools.lru_cache(maxsize=2**14)  # a file's names repeat row after row (its codes do not)
def normalise(text):
    """Case, spacing and underscores do not matter in headers and names."""
    return " ".join(str(text or "").replace("_", " ").split()).casefold()


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def unformatted(text):
    """An amount as people write it without its dressing: spaces of any kind between the
    thousands ("1 388 300"), the typographic minus ("−45 000")."""
    return "".join(text.split()).replace("\u2212", "-")


def parse_number(text):
    """Swedish or plain: ``-1 388 300``, ``1388300,50``, ``1388300.50``. Raises
    ``decimal.InvalidOperation`` for anything else."""
    cleaned = unformatted(text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    return Decimal(cleaned.replace(",", "."))


def date_text(value):
    """Excel gives dates as ``2024-03-01 00:00:00``; keep the date."""
    return value[:10] if len(value) >= 10 and value[4] == "-" else value


def capped(rows):
    """The rows, stopping with a message as soon as there are too many of them or of their
    cells. A text repeated in many cells (an intervention, a municipality, a date) is kept
    once: a large file's cells are mostly repeats, and a fifth of what its check holds."""
    kept = {}
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise ImportFileError(
                _("The file has more than %(rows)s rows; split it in parts.") % {"rows": group_digits(MAX_ROWS)}
            )
        if len(row) > MAX_COLUMNS and any(row[MAX_COLUMNS:]):
            raise ImportFileError(
                _("Row %(row)s has more than %(columns)s columns.") % {"row": number, "columns": MAX_COLUMNS}
            )
        yield [kept.setdefault(cell, cell) for cell in row[:MAX_COLUMNS]]


def check_excel_archive(content):
    """Refuse an Excel file whose parts would inflate past the caps, or a sheet with a row of
    more cells than the cap, before openpyxl reads any of it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
        check_inflated_sizes(parts)
        for part in parts:
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                with archive.open(part) as sheet:
                    check_row_widths(sheet)


def check_row_widths(sheet):
    """Count the cells of each row of a sheet's XML, read as a stream in chunks of 1 MB."""
    cells, carried = 0, b""
    while True:
        chunk = sheet.read(2**20)
        text = carried + chunk
        cut = max(0, len(text) - 16) if chunk else len(text)  # a token may straddle two chunks
        for token in SHEET_TOKEN.finditer(text):
            if token.start() >= cut:
                break
            cells = 0 if token.group(1) == b"row" else cells + 1
            if cells > MAX_CELLS_IN_A_ROW:
                raise ImportFileError(
                    _("A row of the Excel file has more than %(cells)s cells; save it as CSV instead.")
                    % {"cells": group_digits(MAX_CELLS_IN_A_ROW)}
                )
        if not chunk:
            return
        carried = text[cut:]


def check_inflated_sizes(parts):
    if sum(part.file_size for part in parts) > MAX_XLSX_INFLATED:
        raise ImportFileError(
            _("The Excel file unpacks to more than %(megabytes)s MB; save it as CSV or split it in parts.")
            % {"megabytes": MAX_XLSX_INFLATED // 2**20}
        )
    for part in parts:
        if not part.filename.startswith("xl/worksheets/") and part.file_size > MAX_XLSX_PART_IN_MEMORY:
            raise ImportFileError(
                _("The Excel file's %(part)s unpacks to more than %(megabytes)s MB; save it as CSV instead.")
                % {"part": part.filename, "megabytes": MAX_XLSX_PART_IN_MEMORY // 2**20}
            )


def read_cells(content, filename):
    """The file's rows as lists of text cells, the header row first."""
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            check_excel_archive(content)
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            return list(capped([cell_text(value) for value in row] for row in rows))
        text = content.decode("utf-8-sig").replace("\x00", "")  # a NUL is never part of a value
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as CSV UTF-8 or as an Excel file.")) from error
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on a broken file
        raise ImportFileError(_("The file could not be read as Excel: %(error)s") % {"error": error}) from error
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(
            capped([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), dialect))
        )
    except csv.Error as error:
        raise ImportFileError(_("The file could not be read as CSV: %(error)s") % {"error": error}) from error


def read_table(content, filename, columns, required):
    """The file's rows as (row number, dict keyed by normalised header), and the problems
    of rows that do not fit the header. ``columns`` are the known headers."""
    cells = read_cells(content, filename)
    if not cells:
        raise ImportFileError(_("The file is empty."))
    headers = [normalise(header) for header in cells[0]]
    while headers and not headers[-1]:
        headers.pop()
    repeated = sorted({header for header in headers if header and headers.count(header) > 1})
    if repeated:
        raise ImportFileError(
            _("The header row names a column more than once: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    unknown = [header for header in headers if header and header not in columns]
    missing = [header for header in required if header not in headers]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        raise ImportFileError(
            _("The header row does not match the import format (%(problems)s).") % {"problems": "; ".join(parts)}
        )
    rows, problems = [], []
    for number, row in enumerate(cells[1:], start=2):
        if not any(row):
            continue
        if any(row[len(headers) :]):
            problems.append(
                Problem(
                    number,
                    _("row"),
                    _("%(cells)s cells, but the header has %(columns)s columns")
                    % {"cells": len(row), "columns": len(headers)},
                )
            )
            continue
        rows.append((number, dict(zip(headers, row + [""] * (len(headers) - len(row))))))
    return rows, problems


def read_rows(content, filename, columns, required):
    """(result, rows): the file read into rows and a result counting them, with the
    problems of rows that do not fit the header; rows is None when the file as a whole
    cannot be read, and the result says why."""
    result = ImportResult()
    try:
        rows, result.problems = read_table(content, filename, columns, required)
    except ImportFileError as error:
        result.problems.append(Problem(1, _("file"), str(error)))
        return result, None
    result.rows = len(rows) + len(result.problems)
    return result, rows


def acting_user():
    """The user the history records for what is written now: the request's, or the one a
    command named with ``--user`` (``recorded_as``)."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


@contextmanager
def recorded_as(username):
    """For a command: attribute the history rows written inside to ``username``, as a
    request would."""
    if not username:
        yield
        return
    try:
        user = get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"No user {username!r}.") from None
    with recorded_as_user(user):
        yield


@contextmanager
def recorded_as_user(user):
    """Attribute the history rows written inside to ``user`` — unless a request already
    does (a task run at once, inside the request that asked for it)."""
    from simple_history.models import HistoricalRecords

    if user is None or getattr(HistoricalRecords.context, "request", None) is not None:
        yield
        return
    HistoricalRecords.context.request = type("ScriptRequest", (), {"user": user})()
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def names_index(objects, *attributes):
    """normalised name → object, for each of ``attributes`` (name, short name …) that is set."""
    return {
        normalise(getattr(obj, attribute)): obj
        for obj in objects
        for attribute in attributes
        if getattr(obj, attribute)
    }
