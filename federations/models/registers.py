"""The office's registers of the federation's governance: the diary, the governing
documents, and the meetings with their decisions."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.privacy import GuardedCharField, GuardedTextField

from .county import Person
from .federation import Federation, FederationScopedQuerySet


class DiaryEntry(models.Model):
    """A document registered in the federation's diary (diarium): a number in a series
    per federation and year, "Dnr 2025:07", given to applications, decisions and adopted
    reports. federations/diary.py hands out the numbers."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application")
        DECISION = "decision", _("Decision")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other")

    federation = models.ForeignKey(
        Federation, models.PROTECT, related_name="diary_entries", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    registered_on = models.DateField(_("registered"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = GuardedCharField(_("title"), max_length=200)
    counterpart = GuardedCharField(_("from or to"), max_length=150, blank=True)

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registered document")
        verbose_name_plural = _("diary")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["federation", "year", "number"], name="one_number_per_series")]

    def __str__(self):
        return f"{self.registry_number} {self.title}"

    @property
    def registry_number(self):
        return f"Dnr {self.year}:{self.number:02d}"


class GoverningDocumentQuerySet(FederationScopedQuerySet):
    def without_files(self):
        """The documents' facts, leaving the adopted files in the database."""
        return self.defer("content")


class GoverningDocument(models.Model):
    """A governing document the board adopts — internal control plan, gender-equality
    plan, communication plan —, its next review and the adopted file (a PDF, kept in the
    database like the adopted reports, served only to the federation's roles)."""

    class Kind(models.TextChoices):
        INTERNAL_CONTROL = "internal_control", _("Internal control plan")
        GENDER_EQUALITY = "gender_equality", _("Gender-equality plan")
        COMMUNICATION = "communication", _("Communication plan")
        OTHER = "other", _("Other governing document")

    federation = models.ForeignKey(
        Federation, models.PROTECT, related_name="governing_documents", verbose_name=_("federation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = GuardedCharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    filename = GuardedCharField(_("file"), max_length=200, editable=False)
    content = models.BinaryField(editable=False)

    objects = GoverningDocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("governing document")
        verbose_name_plural = _("governing documents")
        ordering = ["kind", "-adopted_on"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.adopted_on and self.next_review_on and self.next_review_on <= self.adopted_on:
            raise ValidationError({"next_review_on": _("The next review comes after the adoption.")})


class MeetingQuerySet(FederationScopedQuerySet):
    def without_minutes(self):
        """The meetings' facts, leaving the minutes' files in the database."""
        return self.defer("minutes")

    def for_list(self):
        """Without the files, with how many attended and how many decisions were taken."""
        return (
            self.without_minutes()
            .annotate(
                attendee_count=models.Count("attendees", distinct=True),
                decision_count=models.Count("decisions", distinct=True),
            )
            .order_by(*Meeting._meta.ordering)  # a GROUP BY query leaves Meta.ordering out
        )

    def of_board(self, year, until=None):
        """The board's meetings held in ``year`` (up to and including ``until``)."""
        meetings = self.filter(body=Meeting.Body.BOARD, held_on__year=year)
        return meetings.filter(held_on__lte=until) if until else meetings


class Meeting(models.Model):
    """A meeting of the board, the working committee, the preparatory group or the member
    consultation: when and where, the agenda, who attended, the minutes as the adopted PDF
    and the decisions it took, numbered by paragraph (§)."""

    class Body(models.TextChoices):
        BOARD = "board", _("Board")
        WORKING_COMMITTEE = "working_committee", _("Working committee")
        PREPARATORY_GROUP = "preparatory_group", _("Preparatory group")
        MEMBER_CONSULTATION = "member_consultation", _("Member consultation")

    federation = models.ForeignKey(Federation, models.PROTECT, related_name="meetings", verbose_name=_("federation"))
    body = models.CharField(_("body"), max_length=20, choices=Body.choices, default=Body.BOARD)
    held_on = models.DateField(_("date"))
    place = GuardedCharField(_("place"), max_length=150, blank=True)
    agenda = GuardedTextField(_("agenda"), blank=True)
    attendees = models.ManyToManyField(Person, blank=True, related_name="meetings", verbose_name=_("attended"))
    minutes_filename = GuardedCharField(_("minutes"), max_length=200, blank=True, editable=False)
    minutes = models.BinaryField(default=b"", editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[attendees], excluded_fields=["minutes"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "body"]

    def __str__(self):
        return f"{self.get_body_display()} {self.held_on.isoformat()}"


class MeetingCount(models.Model):
    """How many times a body met in a past year, where the meeting register does not hold
    that year (one loaded at onboarding): what the reports say of the year ("7 gånger")."""

    federation = models.ForeignKey(
        Federation, models.PROTECT, related_name="meeting_counts", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    body = models.CharField(_("body"), max_length=20, choices=Meeting.Body.choices, default=Meeting.Body.BOARD)
    count = models.PositiveSmallIntegerField(_("number of meetings"), validators=[MaxValueValidator(100)])
    note = GuardedTextField(_("note"), blank=True, help_text=_("E.g. where the minutes are kept."))

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meetings of a past year")
        verbose_name_plural = _("meetings of past years")
        ordering = ["-year", "body"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year", "body"], name="one_meeting_count_a_year_and_body")
        ]

    def __str__(self):
        return f"{self.get_body_display()} {self.year}: {self.count}"

    def clean(self):
        super().clean()
        if self.federation_id and self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("A count is for a year that has passed.")})
        registered = Meeting.objects.filter(federation_id=self.federation_id, body=self.body, held_on__year=self.year)
        if self.federation_id and self.year and registered.exists():
            raise ValidationError(
                {
                    "year": _(
                        "The meeting register holds %(count)s meetings of this body in %(year)s; the reports count "
                        "those."
                    )
                    % {"count": registered.count(), "year": self.year}
                }
            )


def board_meetings(federation, year, until=None):
    """How many times the board met in ``year`` (up to ``until``), as the reports say it:
    from the meeting register, or — for a whole past year the register does not hold — the
    number the office recorded (MeetingCount)."""
    registered = Meeting.objects.of_federation(federation).of_board(year, until).count()
    if registered or until:
        return registered
    recorded = MeetingCount.objects.filter(federation=federation, year=year, body=Meeting.Body.BOARD).first()
    return recorded.count if recorded else 0


class MeetingDecisionQuerySet(models.QuerySet):
    def of_federation(self, federation):
        return self.filter(meeting__federation=federation)


class MeetingDecision(models.Model):
    """A decision in a meeting's minutes: its paragraph (§), what was decided and, for a
    decision that is registered, its registry number."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    paragraph = models.PositiveSmallIntegerField(_("§"), validators=[MinValueValidator(1)])
    title = GuardedCharField(_("matter"), max_length=200)
    decision = GuardedTextField(_("decision"), blank=True)
    diary_entry = models.ForeignKey(
        DiaryEntry,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_decisions",
        verbose_name=_("registry number"),
    )

    objects = MeetingDecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision (§)")
        verbose_name_plural = _("decisions (§)")
        ordering = ["meeting", "paragraph"]
        constraints = [models.UniqueConstraint(fields=["meeting", "paragraph"], name="one_decision_per_paragraph")]

    def __str__(self):
        return f"{self.meeting} § {self.paragraph} {self.title}"
