"""What SUS asked about each participant that only the federation keeps now: who waits for
an intervention (referred, not yet enrolled) and the federation's own supplementary
questions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import Federation, FederationScopedQuerySet, MemberOrganisation, Municipality
from finsam.privacy import GuardedCharField

from ..validators import validate_pseudonymous_code
from .choices import Gender
from .interventions import Intervention


class ReferralQuerySet(FederationScopedQuerySet):
    def waiting_on(self, day):
        """Referred by ``day`` and neither enrolled nor withdrawn by then."""
        return self.filter(Q(referred_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day)))


class Referral(models.Model):
    """Someone referred to an intervention who is not yet enrolled: the waiting list. Real
    annual reports count those waiting at the year's end."""

    class Outcome(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WITHDRAWN = "withdrawn", _("Withdrawn or not suited")

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="referrals", verbose_name=_("federation"))
    intervention = models.ForeignKey(
        Intervention, models.PROTECT, related_name="referrals", verbose_name=_("intervention")
    )
    code = models.CharField(
        _("participant code"),
        max_length=40,
        validators=[validate_pseudonymous_code],
        help_text=_("A pseudonymous code — never a personal identity number or a name."),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="referrals", verbose_name=_("municipality of residence")
    )
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        MemberOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    closed_on = models.DateField(
        _("left the waiting list"), null=True, blank=True, help_text=_("Enrolled or withdrawn on this day.")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)

    objects = ReferralQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("waiting list")
        ordering = ["referred_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("referred_on")),
                name="referral_closes_after_referral",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.referred_on})"

    def clean(self):
        super().clean()
        errors = {}
        if self.closed_on and self.referred_on and self.closed_on < self.referred_on:
            errors["closed_on"] = _("One leaves the waiting list on or after the day of referral.")
        if self.closed_on and not self.outcome:
            errors["outcome"] = _("Say whether they enrolled or withdrew.")
        if self.outcome and not self.closed_on:
            errors["closed_on"] = _("Give the day they left the waiting list.")
        if self.intervention_id and self.intervention.kind != Intervention.Kind.INDIVIDUAL:
            errors["intervention"] = _("%(intervention)s is structural: it has no waiting list.") % {
                "intervention": self.intervention
            }
        if errors:
            raise ValidationError(errors)


class SupplementaryQuestionQuerySet(FederationScopedQuerySet):
    def asked_on(self, day):
        return self.filter(Q(asked_from__lte=day) & (Q(asked_until__isnull=True) | Q(asked_until__gte=day)))


class SupplementaryQuestion(models.Model):
    """A question of the federation's own, asked of each participant at enrolment or at the
    end for a period (SUS let a federation add its own). The answers are kept on the
    participant (``Participant.supplementary_answers``); the import reads them from a column
    named by ``column``."""

    class AnswerKind(models.TextChoices):
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("A whole number")
        CHOICE = "choice", _("One of given options")

    class Moment(models.TextChoices):
        ENROLMENT = "enrolment", _("At enrolment")
        END = "end", _("At the end")

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="supplementary_questions", verbose_name=_("federation")
    )
    text = GuardedCharField(_("question"), max_length=300)
    column = GuardedCharField(
        _("column in the import file"),
        max_length=40,
        help_text=_("The header of the participant import's column holding the answers, e.g. “fråga boende”."),
    )
    answer_kind = models.CharField(_("answer kind"), max_length=10, choices=AnswerKind.choices)
    options = GuardedCharField(
        _("options"), max_length=300, blank=True, help_text=_("For one of given options: the options, separated by ;")
    )
    asked_at = models.CharField(_("asked"), max_length=10, choices=Moment.choices)
    asked_from = models.DateField(_("asked from"))
    asked_until = models.DateField(_("asked until"), null=True, blank=True)

    objects = SupplementaryQuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplementary question")
        verbose_name_plural = _("supplementary questions")
        ordering = ["asked_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "column"],
                name="unique_supplementary_question_column",
                violation_error_message=_("Another question already has this column."),
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def option_list(self):
        return [option.strip() for option in self.options.split(";") if option.strip()]

    @property
    def field_name(self):
        return f"question_{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.answer_kind == self.AnswerKind.CHOICE and len(self.option_list) < 2:
            errors["options"] = _("Give at least two options, separated by ;")
        if self.answer_kind != self.AnswerKind.CHOICE and self.options:
            errors["options"] = _("Only a question answered by one of given options has options.")
        if self.asked_until and self.asked_from and self.asked_until < self.asked_from:
            errors["asked_until"] = _("The last day cannot be before the first.")
        if errors:
            raise ValidationError(errors)

    def applies_to(self, participant):
        """Whether the participant is asked: at enrolment by its enrolment date, at the end by its end date."""
        day = participant.enrolled_on if self.asked_at == self.Moment.ENROLMENT else participant.ended_on
        return day is not None and self.asked_from <= day and (self.asked_until is None or day <= self.asked_until)
