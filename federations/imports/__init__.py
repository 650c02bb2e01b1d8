"""Every import, in one place: participants, the indicator survey, the accounts, the board
and the structural events.

1. **The file** (``files``): a CSV or Excel file read into rows under caps — rows, columns,
   problems, an Excel file's inflated size — each problem by row and column
   (``ImportResult``, ``Problem``), identity numbers refused.
2. **The batch** (``federations.models.ImportBatch``): the uploaded file kept while it is
   checked and waits for confirmation, then only its counts, who and when.
3. **The flow** (``flow``): the upload page, the preview page with its progress, the
   background task that checks and then saves (``run_import``), and the command line's
   ``ImportCommand`` — the same steps for every importer. How far the task has come
   (``progress``) is kept where every web node reads it: Redis, or the batch's own row.
4. **The importers**, each beside the rules it applies: ``interventions.importers``'
   ``ParticipantImporter`` (the participant form's checks, ``interventions.participant_forms.ParticipantRows``),
   ``interventions.survey_import``'s ``SurveyImporter``, ``interventions.event_import``'s ``EventImporter``,
   ``finances.importers``' ``AccountsImporter`` and ``federations.importers``' ``BoardImporter``.
   An importer is a ``files.Importer``: ``run(content, filename, save=False)`` saves every row
   or none. A register's importer whose rows check one another (two chairs in one file) writes
   them in file order in a transaction a check undoes: ``files.written_in_order``.
"""

from .files import (
    MAX_COLUMNS,
    MAX_PROBLEMS,
    MAX_ROWS,
    Importer,
    ImportFileError,
    ImportResult,
    Problem,
    read_rows,
    recorded_as,
    recorded_as_user,
)
from .flow import ImportCommand, ImportPreviewView, ImportView, run_import
from .progress import import_progress, record_progress

__all__ = [
    "MAX_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "ImportCommand",
    "ImportFileError",
    "ImportPreviewView",
    "ImportResult",
    "ImportView",
    "Importer",
    "Problem",
    "import_progress",
    "record_progress",
    "read_rows",
    "recorded_as",
    "recorded_as_user",
    "run_import",
]
