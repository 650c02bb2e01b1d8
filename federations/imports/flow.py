"""The browser's and the command line's way through an import, for a federation: upload,
check, confirm, save — the check and the save as a background task (``run_import``), so that
no request waits on a big file; the page shows the task's progress until the outcome is
there. The reading of files, rows and problems is ``files``; the uploaded file is kept as an
``ImportBatch``, the record of who imported what.
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView
from django_tasks import task
from django_tasks.exceptions import TaskResultDoesNotExist

from finsam.privacy import looks_like_identity_number
from finsam.tasks import collecting_only_its_own_objects, presumed_dead

from ..models import Federation, ImportBatch
from ..permissions import EDIT, FederationMixin
from .files import ImportResult, Problem, recorded_as, recorded_as_user
from .progress import forget_progress, import_progress, record_progress


@task()
def run_import(batch_pk, importer_path, save):
    """Check (or, with ``save``, check and save) an uploaded file as its uploader, keeping
    the outcome on the batch. A save writes what the check found, unless something the file
    was checked against has changed since: then it checks the file again as it saves it. A
    worker's task; the tests run it at once."""
    batch = ImportBatch.objects.select_related("federation", "uploaded_by").get(pk=batch_pk)
    importer_class = import_string(importer_path)

    def progress(done, total):
        record_progress(batch, done, total)

    try:
        with recorded_as_user(batch.uploaded_by), collecting_only_its_own_objects():
            importer = importer_class(batch.federation, batch.uploaded_by, progress=progress)
            result = importer.save_checked(bytes(batch.checked)) if save and batch.checked else None
            if result is None:
                result = importer.run(bytes(batch.content), batch.filename, save=save)
    except Exception:
        result = ImportResult()
        result.problems.append(Problem(1, _("file"), _("The file could not be handled; nothing was saved.")))
        raise
    finally:
        batch.record(result)
        batch.save()
        forget_progress(batch)
    return result.saved


class ImportForm(forms.Form):
    # A file of MAX_ROWS rows with every column of the participants' import, written out in
    # full, is about 17 MB (tests/interventions/test_import.py): the rows are the cap that counts.
    MAX_BYTES = 25 * 1024 * 1024
    EXTENSIONS = (".csv", ".txt", ".xlsx")

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, comma or semicolon separated) or Excel (.xlsx), at most 25 MB and 50 000 rows."
        ),
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
            raise forms.ValidationError(_("The file is larger than 25 MB; split it in parts."))
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
        task_id = run_import.enqueue(batch.pk, importer, save).id
        ImportBatch.objects.filter(pk=batch.pk).update(task_id=task_id)

    def take_up_again(self, batch):
        """A batch whose task's worker was killed: a save that never ended saved nothing (its
        one transaction died with the worker), so the file is confirmable again; a check that
        never ended is started again."""
        try:
            result = run_import.get_result(batch.task_id)
        except (TaskResultDoesNotExist, NotImplementedError):
            return
        if not presumed_dead(result):
            return
        if batch.status == ImportBatch.Status.SAVING:
            ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKED)
            messages.warning(
                self.request, _("Saving the file stopped before it ended; nothing was saved. Confirm again.")
            )
        else:
            self.start(batch, save=False)
        batch.refresh_from_db()

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
            plan_headers=self.importer_class.plan_headers,
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

    def get_object(self, queryset=None):
        batch = super().get_object(queryset)
        if batch.working and batch.task_id:
            self.take_up_again(batch)
        return batch

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
        try:
            federation = Federation.objects.get(slug=federation)
        except Federation.DoesNotExist:
            raise CommandError(f"No federation with the slug {federation!r}.") from None
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        with recorded_as(user), collecting_only_its_own_objects():
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
