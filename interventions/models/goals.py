"""Goals of the interventions and of the federation's plan, and the yearly assessment of each."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import (
    Federation,
)
from finsam.privacy import GuardedTextField

from .interventions import Intervention


class GoalQuerySet(models.QuerySet):
    def commitments(self, federation, year):
        """The commitments (åtaganden) of the federation's business plan for ``year``."""
        return self.filter(federation=federation, intervention=None, plan_year=year)


class Goal(models.Model):
    """A goal of an intervention, or a commitment of the federation's business plan of a
    year, with an optional measurable target the app computes itself."""

    class Measure(models.TextChoices):
        NONE = "", _("Not measurable")
        WORK_OR_STUDIES_OF_ENDED = "work_or_studies_of_ended", _("Share of ended going to work or studies")
        WORK_OR_STUDIES_OF_ABLE = (
            "work_or_studies_of_able",
            _("Share of those judged able to work going to work or studies"),
        )
        SURVEY_CLEARLY_POSITIVE = "survey_clearly_positive", _("Share of survey answers clearly positive")
        WORK_PLACEMENT_OF_ACTIVE = (
            "work_placement_of_active",
            _("Share of the year's participants in work trial or internship"),
        )
        IMPROVED_HEALTH = "improved_health", _("Share with improved health or quality of life")
        PARTICIPANTS_IN_YEAR = "participants_in_year", _("Participants during the year (number)")
        PARTICIPANTS_SINCE_START = "participants_since_start", _("Participants since the start (number)")
        COMPLETION_OF_ENDED = "completion_of_ended", _("Share of ended who completed the intervention's course")
        WORK_OR_STUDIES_12_MONTHS_AFTER = (
            "work_or_studies_12_months_after",
            _("Share of the ended followed up in work or studies 12 months after the end"),
        )

    COUNTED = {Measure.PARTICIPANTS_IN_YEAR, Measure.PARTICIPANTS_SINCE_START}

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="goals", verbose_name=_("federation"))
    intervention = models.ForeignKey(
        Intervention, models.CASCADE, null=True, blank=True, related_name="goals", verbose_name=_("intervention")
    )
    plan_year = models.PositiveSmallIntegerField(
        _("business plan of"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2004), MaxValueValidator(2100)],
        help_text=_("For a commitment of the business plan: the plan's year."),
    )
    text = GuardedTextField(_("goal"))
    measure = models.CharField(_("measure"), max_length=40, choices=Measure.choices, blank=True, default="")
    target_percent = models.DecimalField(
        _("target (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    target_count = models.PositiveIntegerField(
        _("target (number)"), null=True, blank=True, help_text=_("For a goal counted in participants.")
    )

    objects = GoalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["intervention", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def target(self):
        return self.target_count if self.measure in self.COUNTED else self.target_percent

    @property
    def target_text(self):
        if self.measure in self.COUNTED and self.target_count is not None:
            return _("target %(count)s participants") % {"count": self.target_count}
        if self.target_percent is not None:
            return _("target %(percent)s %%") % {"percent": f"{self.target_percent:.0f}"}
        return ""

    def clean(self):
        super().clean()
        if self.measure in self.COUNTED and self.target_count is None:
            raise ValidationError({"target_count": _("A goal counted in participants needs a target number.")})
        if self.measure and self.measure not in self.COUNTED and self.target_percent is None:
            raise ValidationError({"target_percent": _("A measurable goal needs a target.")})
        if self.intervention_id is None and self.plan_year is None:
            raise ValidationError({"plan_year": _("A commitment belongs to the business plan of a year.")})


class GoalAssessment(models.Model):
    class Status(models.TextChoices):
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        NOT_MET = "not_met", _("Not met")
        EVALUATED_AT_END = "evaluated_at_end", _("Evaluated after the project ends")

    goal = models.ForeignKey(Goal, models.CASCADE, related_name="assessments", verbose_name=_("goal"))
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("assessment"), max_length=20, choices=Status.choices)
    comment = GuardedTextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        ordering = ["goal", "-year"]
        constraints = [models.UniqueConstraint(fields=["goal", "year"], name="one_assessment_per_goal_and_year")]
