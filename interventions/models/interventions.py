"""Interventions the federations fund: who owns and funds each, its staff, its money per
year and its own end classes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import (
    Federation,
    MemberOrganisation,
    Municipality,
)
from finsam.privacy import GuardedCharField, GuardedTextField

from .choices import EndReason

MONEY = {"max_digits": 14, "decimal_places": 2}


class InterventionQuerySet(models.QuerySet):
    def visible_to(self, user, federation=None):
        """Interventions the user may see, decided in each federation from the role held in
        *that* federation: office staff, board and auditors see every intervention the
        federation funds; intervention staff only those they are assigned to. A role in one
        federation opens nothing in another, even where the two fund the same intervention.
        With ``federation``, only what the role there allows."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self if federation is None else self.of_federation(federation)
        from federations.models import Role

        roles = Role.objects.filter(user=user)
        if federation is not None:
            roles = roles.filter(federation=federation)
        wide = roles.exclude(kind=Role.Kind.INTERVENTION).values("federation")
        narrow = roles.filter(kind=Role.Kind.INTERVENTION).values("federation")
        assigned = InterventionAssignment.objects.filter(user=user).values("intervention")
        return self.filter(
            Q(pk__in=Funding.objects.filter(federation__in=wide).values("intervention"))
            | Q(pk__in=Funding.objects.filter(federation__in=narrow, intervention__in=assigned).values("intervention"))
        )

    def of_federation(self, federation):
        return self.filter(pk__in=Funding.objects.filter(federation=federation).values("intervention"))

    def individual(self):
        return self.filter(kind=Intervention.Kind.INDIVIDUAL)

    def running_in(self, year):
        """Interventions that ran at some time during ``year``."""
        return self.filter(starts_on__year__lte=year).filter(Q(ended_on__isnull=True) | Q(ended_on__year__gte=year))

    def current(self, day):
        """Interventions running on ``day`` and not recorded as ended."""
        return (
            self.filter(starts_on__lte=day)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
            .exclude(status__in=[Intervention.Status.ENDED, Intervention.Status.ENDED_EARLY])
        )


class Intervention(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual-oriented")
        STRUCTURAL = "structural", _("Structural")

    class FollowUpMethod(models.TextChoices):
        INDICATORS = "indicators", _("The indicators of financial coordination (the survey)")
        OWN = "own", _("The federation's own follow-up")
        EVALUATION = "evaluation", _("An external evaluation")

    class Status(models.TextChoices):
        PROJECT = "project", _("Project")
        LONG_TERM = "long_term", _("Long-term (basverksamhet)")
        ENDED = "ended", _("Ended")
        ENDED_EARLY = "ended_early", _("Ended early")

    county = models.ForeignKey(
        "federations.County", models.PROTECT, related_name="interventions", verbose_name=_("county")
    )
    name = GuardedCharField(_("name"), max_length=150)
    short_name = GuardedCharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL)
    orientation = models.ForeignKey(
        "Orientation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("precise orientation"),
        help_text=_("As Uppföljning Finsam lists them for the intervention's kind."),
    )
    follow_up_method = models.CharField(
        _("follow-up method"), max_length=20, choices=FollowUpMethod.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROJECT)
    starts_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    ended_on = models.DateField(_("actual end"), null=True, blank=True)
    responsible_organisation = models.ForeignKey(
        MemberOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("responsible member"),
    )
    responsible_unit = GuardedCharField(
        _("responsible unit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Arbetsmarknadsavdelningen, Jönköpings kommun."),
    )
    performer = GuardedCharField(
        _("performer"),
        max_length=200,
        blank=True,
        help_text=_("May be a non-member."),
    )
    target_group = GuardedTextField(_("target group"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest age"), default=16)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), default=64)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="interventions", verbose_name=_("municipalities served")
    )
    method = GuardedTextField(_("method"), blank=True)
    steering_group = GuardedTextField(_("steering group"), blank=True)
    referral = GuardedTextField(
        _("how to be referred"),
        blank=True,
        help_text=_("For the public service catalogue: who may refer someone, and how."),
    )
    contact = GuardedCharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("For the public service catalogue: a function address or telephone, not a participant."),
    )
    federations = models.ManyToManyField(
        Federation, through="Funding", related_name="interventions", verbose_name=_("funded by")
    )
    # The federation that registered it (its first funder): its office keeps the description
    # and decides with whom the intervention is shared (``InterventionForm``).
    owner = models.ForeignKey(
        Federation,
        models.PROTECT,
        null=True,
        editable=False,
        related_name="owned_interventions",
        verbose_name=_("owner"),
    )

    objects = InterventionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[municipalities])

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="unique_intervention_name_in_county")]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            errors["age_max"] = _("The oldest age cannot be below the youngest.")
        if self.orientation_id and self.orientation.kind != self.kind:
            errors["orientation"] = _("%(orientation)s is an orientation of another kind of intervention.") % {
                "orientation": self.orientation
            }
        for field in ("planned_end_on", "ended_on"):
            end = getattr(self, field)
            if end and self.starts_on and end < self.starts_on:
                errors[field] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self):
        return str(self)

    def served_municipality_ids(self):
        """The municipalities whose residents may take part: those served, or where none
        are named, those of the funding federations' members."""
        if not hasattr(self, "_served_municipality_ids"):
            served = set(self.municipalities.values_list("pk", flat=True))
            if not served:
                served = set(
                    Municipality.objects.filter(
                        member_organisations__memberships__federation__fundings__intervention=self
                    ).values_list("pk", flat=True)
                )
            self._served_municipality_ids = served
        return self._served_municipality_ids


class Funding(models.Model):
    """A federation's part in funding an intervention. A federation that only
    part-finances an intervention may leave its endings out of its standard totals
    (the intervention reports them in its own classes)."""

    intervention = models.ForeignKey(
        Intervention, models.CASCADE, related_name="fundings", verbose_name=_("intervention")
    )
    federation = models.ForeignKey(Federation, models.CASCADE, related_name="fundings", verbose_name=_("federation"))
    counts_endings_in_totals = models.BooleanField(
        _("count endings in the federation's totals"),
        default=True,
        help_text=_(
            "Off when the federation only part-finances the intervention and it reports endings in its own classes."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [models.UniqueConstraint(fields=["intervention", "federation"], name="unique_funding")]

    def __str__(self):
        return f"{self.federation.short_name}: {self.intervention}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The first federation to fund an intervention is the one that registered it.
        Intervention.objects.filter(pk=self.intervention_id, owner=None).update(owner=self.federation_id)


class InterventionAssignment(models.Model):
    """Intervention staff see and edit only the interventions they are assigned to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="intervention_assignments")
    intervention = models.ForeignKey(Intervention, models.CASCADE, related_name="assignments")

    class Meta:
        verbose_name = _("intervention staff assignment")
        verbose_name_plural = _("intervention staff assignments")
        constraints = [models.UniqueConstraint(fields=["user", "intervention"], name="unique_assignment")]


class Staffing(models.Model):
    intervention = models.ForeignKey(
        Intervention, models.CASCADE, related_name="staffing", verbose_name=_("intervention")
    )
    organisation = models.ForeignKey(
        MemberOrganisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    description = GuardedCharField(
        _("description"),
        max_length=150,
        blank=True,
        help_text=_("E.g. psychiatry, AME."),
    )
    full_time_equivalents = models.DecimalField(
        _("full-time equivalents"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staffing")
        verbose_name_plural = _("staffing")

    def __str__(self):
        return f"{self.organisation or self.description} {self.full_time_equivalents}"


class InterventionYear(models.Model):
    """What a federation granted an intervention for a year (the decision's maximum), and
    the members' own co-financing outside its books. What was budgeted and spent is in
    the federation's budget lines (``finances``), not typed here again."""

    intervention = models.ForeignKey(Intervention, models.CASCADE, related_name="years", verbose_name=_("intervention"))
    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="intervention_years", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    granted = models.DecimalField(_("granted"), null=True, blank=True, **MONEY)
    co_financing = models.DecimalField(
        _("members' own co-financing"), null=True, blank=True, help_text=_("Outside the federation's books."), **MONEY
    )
    budgeted_participants = models.PositiveIntegerField(
        _("budgeted participants"), null=True, blank=True, help_text=_("How many the year is planned for.")
    )
    # The board's decision the grant comes from (interventions/decisions.py writes it);
    # a grant without one was typed, as for years before the decisions were registered.
    decision = models.ForeignKey(
        "GrantDecision",
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="intervention_years",
        verbose_name=_("decision"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["intervention", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "federation", "year"], name="unique_intervention_year")
        ]


class EndClass(models.Model):
    """An intervention's own end class (e.g. Koll på förmåga's Spår 1–4), mapped onto
    a standard end reason for the federation's totals."""

    intervention = models.ForeignKey(
        Intervention, models.CASCADE, related_name="end_classes", verbose_name=_("intervention")
    )
    name = GuardedCharField(_("name"), max_length=60)
    description = GuardedCharField(_("description"), max_length=200, blank=True)
    standard_reason = models.CharField(_("standard end reason"), max_length=30, choices=EndReason.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("end class")
        verbose_name_plural = _("end classes")
        ordering = ["intervention", "name"]
        constraints = [models.UniqueConstraint(fields=["intervention", "name"], name="unique_end_class")]

    def __str__(self):
        return self.name
