"""The indicator survey: its questions, the answers of those who ended, the results per
respondent group and the national averages they are compared with."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import (
    Federation,
)
from finsam.privacy import GuardedCharField

from .interventions import Intervention
from .participants import Participant


class RespondentGroup(models.TextChoices):
    """Who answers the national indicator survey."""

    ENDED_PARTICIPANTS = "ended_participants", _("Ended participants")
    CURRENT_PARTICIPANTS = "current_participants", _("Current participants")
    STAFF = "staff", _("Intervention staff")
    MANAGEMENT_GROUP = "management_group", _("Management group (preparatory group)")
    BOARD = "board", _("Board")
    REFERRERS = "referrers", _("Referrers")


class SurveyQuestionQuerySet(models.QuerySet):
    def answered_by_participants(self):
        """The questions an ended participant answers, kept with the participant's record."""
        return self.filter(group=RespondentGroup.ENDED_PARTICIPANTS)


class SurveyQuestion(models.Model):
    """A question of the national indicator survey (Indikatorer för finansiell samordning),
    numbered within its respondent group."""

    group = models.CharField(
        _("respondent group"),
        max_length=30,
        choices=RespondentGroup.choices,
        default=RespondentGroup.ENDED_PARTICIPANTS,
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = GuardedCharField(_("question"), max_length=300)

    objects = SurveyQuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["group", "number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="one_question_number_per_group")]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Indicator(models.Model):
    """One of the survey's indicators (*indikatorer*), built from several of its questions,
    perhaps of several respondent groups. Its share clearly positive is the mean of its
    questions' shares; so is its national average, of theirs."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = GuardedCharField(_("indicator"), max_length=200)
    questions = models.ManyToManyField(SurveyQuestion, related_name="indicators", verbose_name=_("questions"))

    history = HistoricalRecords(m2m_fields=[questions])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


def measurement_year(year):
    """The survey's measurement year ``year``: November the year before to October, as
    the national survey counts it (*mätår*), beside the calendar year of the accounts."""
    return date(year - 1, 11, 1), date(year, 10, 31)


class SurveyAnswer(models.Model):
    class Scale(models.IntegerChoices):
        NOT_AT_ALL = 1, _("Not at all")
        TO_SMALL_EXTENT = 2, _("To a small extent")
        TO_SOME_EXTENT = 3, _("To some extent")
        TO_LARGE_EXTENT = 4, _("To a large extent")
        TO_VERY_LARGE_EXTENT = 5, _("To a very large extent")
        COMPLETELY = 6, _("Completely")

    CLEARLY_POSITIVE = [Scale.TO_VERY_LARGE_EXTENT, Scale.COMPLETELY]

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="survey_answers")
    question = models.ForeignKey(SurveyQuestion, models.PROTECT, related_name="answers", verbose_name=_("question"))
    answer = models.PositiveSmallIntegerField(_("answer"), choices=Scale.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "question"], name="one_answer_per_question")]


class SurveyResultQuerySet(models.QuerySet):
    def of_federation(self, federation):
        return self.filter(federation=federation)


class SurveyResult(models.Model):
    """How one respondent group of an intervention (or, with no intervention, of the
    federation as a whole) answered one question of the indicator survey in a year: the
    number of answers on each step of the scale, as the survey's export gives them."""

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="survey_results", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    intervention = models.ForeignKey(
        Intervention,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_results",
        verbose_name=_("intervention"),
        help_text=_("Empty for answers about the federation as a whole (board, management group)."),
    )
    question = models.ForeignKey(SurveyQuestion, models.PROTECT, related_name="results", verbose_name=_("question"))
    completely = models.PositiveIntegerField(_("completely"), default=0)
    very_large_extent = models.PositiveIntegerField(_("to a very large extent"), default=0)
    large_extent = models.PositiveIntegerField(_("to a large extent"), default=0)
    some_extent = models.PositiveIntegerField(_("to some extent"), default=0)
    small_extent = models.PositiveIntegerField(_("to a small extent"), default=0)
    not_at_all = models.PositiveIntegerField(_("not at all"), default=0)

    STEPS = ["completely", "very_large_extent", "large_extent", "some_extent", "small_extent", "not_at_all"]

    objects = SurveyResultQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator survey result")
        verbose_name_plural = _("indicator survey results")
        ordering = ["year", "intervention__name", "question__group", "question__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "intervention", "question"],
                condition=Q(intervention__isnull=False),
                name="one_survey_result_per_intervention_question",
            ),
            models.UniqueConstraint(
                fields=["federation", "year", "question"],
                condition=Q(intervention__isnull=True),
                name="one_survey_result_per_federation_question",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.intervention or self.federation}: {self.question}"

    def clean(self):
        super().clean()
        funded = Intervention.objects.of_federation(self.federation).filter(pk=self.intervention_id)
        if self.intervention_id and self.federation_id and not funded.exists():
            raise ValidationError({"intervention": _("The federation does not fund this intervention.")})

    @property
    def respondents(self):
        return sum(getattr(self, step) for step in self.STEPS)

    @property
    def clearly_positive(self):
        """The two top steps, *helt och hållet* and *till mycket stor del*."""
        return self.completely + self.very_large_extent


class NationalAverage(models.Model):
    """The national share of answers clearly positive to a question in a year, as the
    survey's report gives it."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    question = models.ForeignKey(
        SurveyQuestion, models.PROTECT, related_name="national_averages", verbose_name=_("question")
    )
    percent = models.DecimalField(
        _("clearly positive (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("national average")
        verbose_name_plural = _("national averages")
        constraints = [models.UniqueConstraint(fields=["year", "question"], name="one_national_average_per_question")]

    def __str__(self):
        return f"{self.year} {self.question}: {self.percent} %"
