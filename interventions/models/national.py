"""What the national follow-up, Försäkringskassan's *Uppföljning Finsam*, asks of each
intervention beside its participants: its precise orientation from the list the follow-up
uses (kept by the installation, changeable without a release), and who else pays for it —
ESF or another external funder, how much, which years — and how far such a project has come
against its own targets."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.privacy import GuardedCharField

from .interventions import MONEY, Intervention


class Orientation(models.Model):
    """A precise orientation of an intervention, as Uppföljning Finsam lists them for each
    kind (individual-oriented or structural)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Intervention.Kind.choices)
    name = GuardedCharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_use = models.BooleanField(_("in use"), default=True, help_text=_("Offered for new choices."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("precise orientation")
        verbose_name_plural = _("precise orientations")
        ordering = ["kind", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="unique_orientation")]

    def __str__(self):
        return self.name


class ExternalFunding(models.Model):
    """Money for an intervention from outside the federation and its members: the EU's social
    fund (ESF) or another funder, year by year."""

    class Source(models.TextChoices):
        ESF = "esf", _("European Social Fund (ESF)")
        OTHER = "other", _("Other external funder")

    intervention = models.ForeignKey(
        Intervention, models.CASCADE, related_name="external_funding", verbose_name=_("intervention")
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ESF)
    funder = GuardedCharField(_("funder"), max_length=150, blank=True, help_text=_("E.g. Svenska ESF-rådet."))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    amount = models.DecimalField(_("amount (kr)"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external funding")
        verbose_name_plural = _("external funding")
        ordering = ["intervention", "-year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "source", "funder", "year"], name="unique_external_funding")
        ]

    def __str__(self):
        return f"{self.funder or self.get_source_display()} {self.year}"


class ProjectResult(models.Model):
    """How far a co-financed project (an ESF project, say) has come against its own targets,
    as the project reports it: unique participants and hours, to a day. The county's deck
    prints the latest ("74 % – 226 of 307 unique participants, 4 427 of 5 992 hours")."""

    intervention = models.ForeignKey(
        Intervention, models.CASCADE, related_name="project_results", verbose_name=_("intervention")
    )
    reported_on = models.DateField(_("as of"))
    participants = models.PositiveIntegerField(_("unique participants"))
    participants_target = models.PositiveIntegerField(_("target, participants"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    hours_target = models.PositiveIntegerField(_("target, hours"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project result")
        verbose_name_plural = _("project results")
        ordering = ["intervention", "-reported_on"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "reported_on"], name="unique_project_result"),
        ]

    def __str__(self):
        return f"{self.intervention} {self.reported_on}"

    def clean(self):
        super().clean()
        if self.hours_target is not None and self.hours is None:
            raise ValidationError({"hours": _("Give the hours reached beside their target.")})

    @property
    def participants_percent(self):
        """The share of the participant target reached, in whole percent (half up)."""
        if not self.participants_target:
            return None
        return (200 * self.participants + self.participants_target) // (2 * self.participants_target)
