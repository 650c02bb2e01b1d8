"""A file the office imports: checked, previewed, confirmed — kept as what it did, not
as the file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.privacy import GuardedCharField, redact_identity_numbers

from .federation import Federation


class ImportBatchQuerySet(models.QuerySet):
    def unconfirmed_before(self, moment):
        """Files checked (or left being checked by a worker that stopped) but never saved."""
        return self.filter(status__in=[ImportBatch.Status.CHECKED, ImportBatch.Status.CHECKING], uploaded_at__lt=moment)


def stored_text(text):
    """A problem's text as the database may keep it: no identity number, and no NUL
    character (a file's bytes may hold one; PostgreSQL refuses it in text and JSON)."""
    return redact_identity_numbers(str(text)).replace("\x00", "")


class ImportBatch(models.Model):
    """An uploaded file (participants, accounts …): checked first, saved only when the
    office confirms and every row is valid. Kept as the record of who imported how many
    rows when: once saved, it keeps neither the file nor its rows."""

    class Kind(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        ACCOUNTS = "accounts", _("Budget lines and actuals")
        SURVEY = "survey", _("Indicator survey")
        BOARD = "board", _("Board, groups and people")
        EVENTS = "events", _("Structural events")
        REFERRALS = "referrals", _("Waiting list")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked")
        SAVING = "saving", _("Being saved")
        SAVED = "saved", _("Saved")

    WORKING = {Status.CHECKING, Status.SAVING}  # a background task has the file

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="imports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    filename = GuardedCharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # the first MAX_PROBLEMS; problem_count has them all
    problem_count = models.PositiveIntegerField(default=0)
    planned = models.JSONField(default=list)  # what saving does with the first rows (ImportResult.plan)
    suggestions = models.JSONField(default=list)  # what the office could put right (ImportResult.suggest)
    checked = models.BinaryField(default=b"")  # what the check found to write (ImportResult.checked)
    # How far the task has come, where no Redis keeps it (federations/imports/progress.py).
    task_id = models.CharField(max_length=64, blank=True)  # the task checking or saving it
    rows_done = models.PositiveIntegerField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def record(self, result):
        """Keep the outcome of a check. A refused file keeps nothing but its problems, and
        they never repeat what looks like a personal identity number."""
        self.rows, self.created, self.updated, self.unchanged = (
            result.rows,
            result.created,
            result.updated,
            result.unchanged,
        )
        self.problems = [
            {"row": p.row, "column": stored_text(p.column), "message": stored_text(p.message)}
            for p in result.shown_problems
        ]
        self.problem_count = len(result.problems)
        self.suggestions = [] if result.saved else result.suggestions
        self.planned = [] if result.problems else [{**row, "code": stored_text(row["code"])} for row in result.planned]
        if result.problems or result.saved:
            self.content = b""
        self.checked = b"" if result.problems or result.saved else result.checked
        if result.saved:  # what it named is in the records now; the import keeps counts, who and when
            self.planned = []
        self.status = self.Status.SAVED if result.saved else self.Status.CHECKED

    @property
    def working(self):
        return self.status in self.WORKING

    @property
    def more_problems(self):
        return self.problem_count - len(self.problems)

    @property
    def more_planned(self):
        return max(0, self.rows - len(self.planned)) if self.planned else 0
