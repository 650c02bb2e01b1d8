"""The office's registers about interventions: deviations (Lex Heller), applications and
the board's grant decisions."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import (
    DiaryEntry,
    Federation,
    FederationScopedQuerySet,
    MeetingDecision,
    MemberOrganisation,
)
from finsam.privacy import GuardedCharField, GuardedTextField

from .interventions import MONEY, Funding, Intervention


class Deviation(models.Model):
    """A case in the deviation register (Lex Heller): where the members' cooperation
    failed someone — what happened between which members, how it was handled and with what
    outcome. It names no participant: the description refuses identity numbers, and the
    form asks for none."""

    class Status(models.TextChoices):
        OPEN = "open", _("Reported")
        HANDLING = "handling", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed without measure")

    federation = models.ForeignKey(Federation, models.PROTECT, related_name="deviations", verbose_name=_("federation"))
    occurred_on = models.DateField(_("date"))
    members = models.ManyToManyField(MemberOrganisation, related_name="deviations", verbose_name=_("members involved"))
    description = GuardedTextField(_("what went wrong between the members"))
    handling = GuardedTextField(_("handling"), blank=True)
    outcome = GuardedTextField(_("outcome"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return _("Deviation %(date)s") % {"date": self.occurred_on.isoformat()}


class Application(models.Model):
    """A member's application to the federation for funding — for a new intervention or
    for continuing one —, registered in the diary on arrival, and the preparatory group's
    recommendation on it. The board decides on it (``GrantDecision``)."""

    class Kind(models.TextChoices):
        NEW = "new", _("New intervention")
        CONTINUATION = "continuation", _("Continued funding")

    class Recommendation(models.TextChoices):
        GRANT = "grant", _("Grant")
        PARTLY = "partly", _("Grant in part")
        REJECT = "reject", _("Reject")

    federation = models.ForeignKey(
        Federation, models.PROTECT, related_name="applications", verbose_name=_("federation")
    )
    diary_entry = models.OneToOneField(
        DiaryEntry, models.PROTECT, editable=False, related_name="application", verbose_name=_("registry number")
    )
    received_on = models.DateField(_("received"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEW)
    title = GuardedCharField(_("intervention applied for"), max_length=150)
    intervention = models.ForeignKey(
        Intervention,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("intervention"),
        help_text=_("The intervention the money is for, once it is registered."),
    )
    applicants = models.ManyToManyField(
        MemberOrganisation, related_name="applications", verbose_name=_("applying members")
    )
    amount_per_year = models.DecimalField(_("applied for per year"), validators=[MinValueValidator(0)], **MONEY)
    years = models.PositiveSmallIntegerField(
        _("years applied for"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Empty when the application leaves it open."),
    )
    after_project = GuardedTextField(
        _("after the project"),
        blank=True,
        help_text=_("How the members mean to carry the work on when the federation's money ends."),
    )
    recommendation = models.CharField(
        _("preparatory group's recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommended_on = models.DateField(_("recommended on"), null=True, blank=True)
    recommendation_text = GuardedTextField(_("the recommendation's grounds"), blank=True)

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[applicants])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.diary_entry.registry_number} {self.title}" if self.diary_entry_id else self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.recommendation and not self.recommended_on:
            errors["recommended_on"] = _("Give the date of the preparatory group's recommendation.")
        if self.recommended_on and not self.recommendation:
            errors["recommendation"] = _("Give the recommendation, or leave its date empty.")
        if self.recommended_on and self.received_on and self.recommended_on < self.received_on:
            errors["recommended_on"] = _("The recommendation cannot come before the application.")
        if self.intervention_id and not self.funded_by_federation():
            errors["intervention"] = _(
                "The federation does not fund this intervention: the office of the federation that registered it "
                "shares it first."
            )
        if errors:
            raise ValidationError(errors)

    def funded_by_federation(self):
        """Whether the intervention applied for is one the federation funds: its own, or shared
        with it by its owner. A decision never makes a federation a funder."""
        return Funding.objects.filter(intervention=self.intervention_id, federation=self.federation_id).exists()


class GrantDecisionQuerySet(FederationScopedQuerySet):
    def of_intervention(self, intervention):
        return self.filter(application__intervention=intervention)


class GrantDecision(models.Model):
    """The board's decision on an application: to grant (an amount per year, from a year,
    for at most some years, on conditions) or not; later each year's re-trial of a
    multi-year grant, and at last its end or handover to the members' ordinary activity.
    The intervention's grant per year comes from these decisions (interventions/decisions.py)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision on the application")
        RETRIAL = "retrial", _("Yearly re-trial")
        END = "end", _("End of funding")
        HANDOVER = "handover", _("Handover to ordinary activity")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY = "partly", _("Granted in part")
        REJECTED = "rejected", _("Rejected")

    GRANTING = {Outcome.GRANTED, Outcome.PARTLY}
    ENDING = {Kind.END, Kind.HANDOVER}

    federation = models.ForeignKey(
        Federation, models.PROTECT, related_name="grant_decisions", verbose_name=_("federation")
    )
    application = models.ForeignKey(
        Application, models.PROTECT, related_name="decisions", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DECISION)
    decided_on = models.DateField(_("decided"))
    diary_entry = models.OneToOneField(
        DiaryEntry, models.PROTECT, editable=False, related_name="grant_decision", verbose_name=_("registry number")
    )
    paragraph = models.ForeignKey(
        MeetingDecision,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_decisions",
        verbose_name=_("in the minutes"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.GRANTED)
    text = GuardedTextField(_("decision"))
    granted_per_year = models.DecimalField(
        _("granted per year"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    first_year = models.PositiveSmallIntegerField(
        _("from year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2004), MaxValueValidator(2100)],
        help_text=_("The first year the decision grants, re-tries or ends."),
    )
    max_years = models.PositiveSmallIntegerField(
        _("for at most (years)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    conditions = GuardedTextField(_("conditions"), blank=True)
    without_recommendation = GuardedTextField(
        _("why without the preparatory group's recommendation"),
        blank=True,
        help_text=_("Only when the board decides before the preparatory group has given its recommendation."),
    )

    objects = GrantDecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant decision")
        verbose_name_plural = _("grant decisions")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        number = self.diary_entry.registry_number if self.diary_entry_id else ""
        return f"{number} {self.get_kind_display()}: {self.application.title}".strip()

    @property
    def grants(self):
        return self.kind not in self.ENDING and self.outcome in self.GRANTING

    @property
    def period(self):
        """The years granted as text: "2026–2028"."""
        years = self.years
        if not years:
            return ""
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"

    @property
    def years(self):
        """The years the decision grants."""
        if not self.grants or not self.first_year:
            return range(0)
        return range(self.first_year, self.first_year + (self.max_years or 1))

    def clean(self):
        super().clean()
        errors = {}
        application = self.application if self.application_id else None
        if application and self.federation_id and application.federation_id != self.federation_id:
            errors["application"] = _("The application was made to another federation.")
        if application and not application.recommendation and not self.without_recommendation.strip():
            errors["without_recommendation"] = _(
                "The preparatory group has not given its recommendation: record why the board decides without it."
            )
        if application and self.decided_on and self.decided_on < application.received_on:
            errors["decided_on"] = _("The decision cannot come before the application.")
        if self.kind not in self.ENDING and self.outcome in self.GRANTING:
            if not self.granted_per_year:
                errors["granted_per_year"] = _("Give the amount granted per year.")
            if not self.first_year:
                errors["first_year"] = _("Give the first year the grant is for.")
        elif self.kind in self.ENDING and not self.first_year:
            errors["first_year"] = _("Give the first year without the federation's money.")
        if self.kind == self.Kind.RETRIAL and application and application.pk:
            earlier = application.decisions.filter(kind=self.Kind.DECISION).exclude(pk=self.pk)
            if not any(decision.grants for decision in earlier):
                errors["kind"] = _("Only a granted multi-year decision is re-tried.")
        if errors:
            raise ValidationError(errors)
