"""What every import shares: reading a CSV or Excel file into rows, reporting problems
by row and column, and the browser's check-then-save flow.

An importer is an :class:`Importer` taking ``(federation, user)`` whose ``run(content,
filename, save=False)`` returns an :class:`ImportResult`: with ``save`` it saves every row,
or — when any row has a problem — nothing. Its ``headers`` and ``required_headers`` name
the file's columns, for the upload page.

In the browser the check and the save run as a background task (``run_import``), so that no
request waits on a big file; the page shows the task's progress until the outcome is there.
"""

import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView
from django_tasks import task

from federations.models import ImportBatch

from .permissions import EDIT, FederationMixin
from .privacy import looks_like_identity_number

# A file larger than a federation's year is refused before it can hold a worker: reading
# stops as soon as a cap is passed.
MAX_ROWS = 50_000
MAX_COLUMNS = 50
# Problems kept and shown: the first ones, and how many more there were.
MAX_PROBLEMS = 500


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

    def plan(self, row, code, record, action, columns=()):
        """Note what saving will do with a row: ``action`` "new", "changed" (``columns``) or "unchanged"."""
        if len(self.planned) < MAX_PROBLEMS:
            self.planned.append(
                {"row": row, "code": code, "record": str(record), "action": action, "columns": list(columns)}
            )

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

    def __init__(self, federation, user=None, progress=None):
        self.federation = federation
        self.user = user
        self.progress = progress

    def advance(self, done, total):
        if self.progress is not None and (done % self.PROGRESS_EVERY == 0 or done == total):
            self.progress(done, total)


# How far a background import has come, where the page can read it while the task's own
# transaction is still open: not the database (the default is a file cache, shared by the
# web server and the worker on one machine; point it at Redis when they are on several).
PROGRESS_CACHE = "progress"


def progress_key(batch):
    # With the upload's time: a database made anew (the demo's, a test's) reuses the pks.
    return f"import:{batch.pk}:{batch.uploaded_at.timestamp()}"


def import_progress(batch):
    """(rows done, rows in all) of a file being checked or saved, or None before it starts."""
    return caches[PROGRESS_CACHE].get(progress_key(batch))


@task()
def run_import(batch_pk, importer_path, save):
    """Check (or, with ``save``, check and save) an uploaded file as its uploader, keeping
    the outcome on the batch. A worker's task; the tests run it at once."""
    batch = ImportBatch.objects.select_related("federation", "uploaded_by").get(pk=batch_pk)
    importer_class = import_string(importer_path)
    cache = caches[PROGRESS_CACHE]

    def progress(done, total):
        cache.set(progress_key(batch), (done, total), 3600)

    try:
        with recorded_as_user(batch.uploaded_by):
            importer = importer_class(batch.federation, batch.uploaded_by, progress=progress)
            result = importer.run(bytes(batch.content), batch.filename, save=save)
    except Exception:
        result = ImportResult()
        result.problems.append(Problem(1, _("file"), _("The file could not be handled; nothing was saved.")))
        raise
    finally:
        batch.record(result)
        batch.save()
        cache.delete(progress_key(batch))
    return result.saved


def normalise(text):
    """Case, spacing and underscores do not matter in headers and names."""
    return " ".join(str(text or "").replace("_", " ").split()).casefold()


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def parse_number(text):
    """Swedish or plain: ``-1 388 300``, ``1388300,50``, ``1388300.50``. Raises
    ``decimal.InvalidOperation`` for anything else."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    return Decimal(cleaned.replace(",", "."))


def date_text(value):
    """Excel gives dates as ``2024-03-01 00:00:00``; keep the date."""
    return value[:10] if len(value) >= 10 and value[4] == "-" else value


def capped(rows):
    """The rows, stopping with a message as soon as there are too many of them or of their cells."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS + 1:
            raise ImportFileError(
                _("The file has more than %(rows)s rows; split it in parts.")
                % {"rows": f"{MAX_ROWS:,}".replace(",", " ")}
            )
        if len(row) > MAX_COLUMNS and any(row[MAX_COLUMNS:]):
            raise ImportFileError(
                _("Row %(row)s has more than %(columns)s columns.") % {"row": number, "columns": MAX_COLUMNS}
            )
        yield row[:MAX_COLUMNS]


def read_cells(content, filename):
    """The file's rows as lists of text cells, the header row first."""
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
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


class ImportForm(forms.Form):
    MAX_BYTES = 5 * 1024 * 1024
    EXTENSIONS = (".csv", ".txt", ".xlsx")

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8, comma or semicolon separated) or Excel (.xlsx), at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if looks_like_identity_number(upload.name):
            raise forms.ValidationError(
                _(
                    "The file's name looks like it holds a personal identity number. Rename the file and upload it again."
                )
            )
        if not upload.name.lower().endswith(self.EXTENSIONS):
            raise forms.ValidationError(_("Choose a CSV or Excel (.xlsx) file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it in parts."))
        return upload


class ImportMixin(FederationMixin):
    """Configure: ``importer_class``, ``kind`` (an ``ImportBatch.Kind``), ``url_names``
    ({"upload", "preview", "done"}), ``title``, ``example`` (a static path) and ``help``."""

    capability = EDIT
    importer_class = None
    kind = None
    url_names = {}
    example = ""
    help = ""

    def start(self, batch, save):
        """Hand the file to a background task, which checks it (and with ``save`` saves it)."""
        batch.status = ImportBatch.Status.SAVING if save else ImportBatch.Status.CHECKING
        batch.save()
        importer = f"{self.importer_class.__module__}.{self.importer_class.__qualname__}"
        run_import.enqueue(batch.pk, importer, save)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upload_url_name=self.url_names["upload"],
            done_url_name=self.url_names["done"],
            example=self.example,
            help=self.help,
            headers=sorted(
                self.importer_class.headers, key=lambda header: header not in self.importer_class.required_headers
            ),
            required_headers=self.importer_class.required_headers,
            **kwargs,
        )


class ImportView(ImportMixin, FormView):
    """Upload a file: every row is checked and the problems listed before anything is saved."""

    form_class = ImportForm
    template_name = "import.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        # The file is kept only until it is confirmed, and only if every row is right.
        batch = ImportBatch(
            federation=self.federation,
            kind=self.kind,
            uploaded_by=self.request.user,
            filename=upload.name[:200],
            content=upload.read(),
        )
        self.start(batch, save=False)
        return redirect(self.url_names["preview"], slug=self.federation.slug, pk=batch.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class ImportPreviewView(ImportMixin, DetailView):
    """The check's outcome; confirming saves every row, or nothing. While a task checks or
    saves the file, the page shows how far it has come and asks again every two seconds."""

    template_name = "import_preview.html"
    context_object_name = "batch"

    def get_queryset(self):
        return ImportBatch.objects.filter(federation=self.federation, kind=self.kind, uploaded_by=self.request.user)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.working:
            response["Refresh"] = "2"
        return response

    def post(self, request, *args, **kwargs):
        # The request is one transaction: the batch stays locked until its rows are saved, so
        # that simultaneous confirmations save it once.
        batch = self.get_object(self.get_queryset().select_for_update())
        if batch.status == ImportBatch.Status.SAVED:
            messages.info(request, _("This file is already imported."))
            return redirect(self.url_names["done"], slug=self.federation.slug)
        if batch.working:
            return redirect(self.url_names["preview"], slug=self.federation.slug, pk=batch.pk)
        if batch.problem_count:
            messages.error(request, _("This file has problems; correct it and check it again."))
            return redirect(self.url_names["preview"], slug=self.federation.slug, pk=batch.pk)
        self.start(batch, save=True)
        batch.refresh_from_db()
        if batch.status == ImportBatch.Status.SAVED:  # the task has already run (as in the tests)
            summary = ImportResult(batch.rows, batch.created, batch.updated, batch.unchanged).summary()
            messages.success(request, _("Imported %(summary)s") % {"summary": summary})
            return redirect(self.url_names["done"], slug=self.federation.slug)
        return redirect(self.url_names["preview"], slug=self.federation.slug, pk=batch.pk)

    def get_context_data(self, **kwargs):
        progress = import_progress(self.object) if self.object.working else None
        return super().get_context_data(
            title=_("Check of %(file)s") % {"file": self.object.filename},
            progress=progress,
            **kwargs,
        )


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


class ImportCommand(BaseCommand):
    """``manage.py import_… FILE --federation SLUG [--user NAME] [--check]``: prints each
    bad row's problems and exits with status 1, saving nothing, when any row is bad.
    Subclasses name their ``importer_class``."""

    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--federation", required=True, help="the federation's slug, e.g. sodra-vatterbygden")
        parser.add_argument("--user", help="record the import in the history as this user")
        parser.add_argument("--check", action="store_true", help="only check the file")

    def handle(self, *args, file, federation, user, check, **options):
        from federations.models import Federation

        try:
            federation = Federation.objects.get(slug=federation)
        except Federation.DoesNotExist:
            raise CommandError(f"No federation with the slug {federation!r}.") from None
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        with recorded_as(user):
            result = self.importer_class(federation).run(file.read_bytes(), file.name, save=not check)
        for problem in result.shown_problems:
            self.stderr.write(str(problem))
        if result.more_problems:
            self.stderr.write(f"… and {result.more_problems} more problems.")
        if result.problems:
            raise CommandError(
                f"{len(result.problems)} problems in {result.rows} rows; nothing was saved.", returncode=1
            )
        self.stdout.write(self.style.SUCCESS(f"{'Checked' if check else 'Imported'} {result.summary()}"))


def names_index(objects, *attributes):
    """normalised name → object, for each of ``attributes`` (name, short name …) that is set."""
    return {
        normalise(getattr(obj, attribute)): obj
        for obj in objects
        for attribute in attributes
        if getattr(obj, attribute)
    }
