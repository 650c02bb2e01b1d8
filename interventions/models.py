"""Interventions the federations fund, their goals, and the participants who go
through them — as pseudonymous codes, never as people."""

import calendar
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import (
    DiaryEntry,
    Federation,
    FederationScopedQuerySet,
    MeetingDecision,
    MemberOrganisation,
    Municipality,
)
from finsam.privacy import validate_no_identity_number

from .validators import validate_pseudonymous_code

MONEY = {"max_digits": 14, "decimal_places": 2}


class EndReason(models.TextChoices):
    """The standard end classes of the federations' participant tables."""

    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    WORK_REHABILITATION = "work_rehabilitation", _("Work-oriented rehabilitation")
    ILLNESS = "illness", _("Illness")
    OTHER = "other", _("Other reason")

    @classmethod
    def to_work_or_studies(cls):
        return [cls.WORK, cls.STUDIES]


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")


class Registration(models.TextChoices):
    """How a participant is registered, as the national follow-up (SUS) asks."""

    CONSENT = "consent", _("With consent")
    ANONYMOUS = "anonymous", _("Anonymously")


class FollowUp(models.TextChoices):
    """Where a participant is some months after the end, as the intervention follows it up."""

    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    PUBLIC_SUPPORT = "public_support", _("Public support")
    UNKNOWN = "unknown", _("Unknown")


FOLLOW_UP_MONTHS = (6, 12)


def follow_up_due(ended_on, months):
    """The day a follow-up ``months`` after ``ended_on`` falls due (the month's last day
    where the month is shorter)."""
    month = ended_on.month - 1 + months
    year, month = ended_on.year + month // 12, month % 12 + 1
    return date(year, month, min(ended_on.day, calendar.monthrange(year, month)[1]))


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

    class Status(models.TextChoices):
        PROJECT = "project", _("Project")
        LONG_TERM = "long_term", _("Long-term (basverksamhet)")
        ENDED = "ended", _("Ended")
        ENDED_EARLY = "ended_early", _("Ended early")

    county = models.ForeignKey(
        "federations.County", models.PROTECT, related_name="interventions", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=150, validators=[validate_no_identity_number])
    short_name = models.CharField(_("short name"), max_length=40, blank=True, validators=[validate_no_identity_number])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INDIVIDUAL)
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
    responsible_unit = models.CharField(
        _("responsible unit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Arbetsmarknadsavdelningen, Jönköpings kommun."),
        validators=[validate_no_identity_number],
    )
    performer = models.CharField(
        _("performer"),
        max_length=200,
        blank=True,
        help_text=_("May be a non-member."),
        validators=[validate_no_identity_number],
    )
    target_group = models.TextField(_("target group"), blank=True, validators=[validate_no_identity_number])
    age_min = models.PositiveSmallIntegerField(_("youngest age"), default=16)
    age_max = models.PositiveSmallIntegerField(_("oldest age"), default=64)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="interventions", verbose_name=_("municipalities served")
    )
    method = models.TextField(_("method"), blank=True, validators=[validate_no_identity_number])
    steering_group = models.TextField(_("steering group"), blank=True, validators=[validate_no_identity_number])
    referral = models.TextField(
        _("how to be referred"),
        blank=True,
        validators=[validate_no_identity_number],
        help_text=_("For the public service catalogue: who may refer someone, and how."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        validators=[validate_no_identity_number],
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
    description = models.CharField(
        _("description"),
        max_length=150,
        blank=True,
        help_text=_("E.g. psychiatry, AME."),
        validators=[validate_no_identity_number],
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
    name = models.CharField(_("name"), max_length=60, validators=[validate_no_identity_number])
    description = models.CharField(
        _("description"), max_length=200, blank=True, validators=[validate_no_identity_number]
    )
    standard_reason = models.CharField(_("standard end reason"), max_length=30, choices=EndReason.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("end class")
        verbose_name_plural = _("end classes")
        ordering = ["intervention", "name"]
        constraints = [models.UniqueConstraint(fields=["intervention", "name"], name="unique_end_class")]

    def __str__(self):
        return self.name


# --- Goals ------------------------------------------------------------------------------


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
    text = models.TextField(_("goal"), validators=[validate_no_identity_number])
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
    comment = models.TextField(_("comment"), blank=True, validators=[validate_no_identity_number])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        ordering = ["goal", "-year"]
        constraints = [models.UniqueConstraint(fields=["goal", "year"], name="one_assessment_per_goal_and_year")]


# --- Participants -----------------------------------------------------------------------


def last_day():
    """A participation's last day, to compare with: its end, or for one not ended the last
    date there is. An index holds it (``participant_residence_active``), so that the rows
    active in a period are read as one range of it, not picked from every row."""
    return Coalesce("ended_on", Value(date.max))


def active_between(start, end):
    """Participants enrolled at some time between ``start`` and ``end``: every row a
    period's figures count, and the condition that lets the database read only those."""
    return Q(enrolled_on__lte=end) & Q(GreaterThanOrEqual(last_day(), start))


def residents_of(federation, year=None):
    """The condition on participants of the federation's interventions who live in one of
    its member municipalities (in ``year``, or ever)."""
    return Q(intervention__in=Intervention.objects.of_federation(federation)) & living_in_members(federation, year)


def living_in_members(federation, year=None):
    """The condition on participants living in one of the federation's member
    municipalities (in ``year``, or ever)."""
    from federations.models import Membership

    memberships = Membership.objects.filter(federation=federation)
    if year:
        memberships = memberships.current_in(year)
    return Q(
        municipality__in=memberships.filter(organisation__municipality__isnull=False).values(
            "organisation__municipality"
        )
    )


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user, federation=None):
        """Participants the user may see: in each federation where the user holds a role,
        the federation's own residents in the interventions the role there opens. A
        participant of a shared intervention who lives in another federation stays hidden."""
        if not user.is_authenticated:
            return self.none()
        if federation is not None:
            return self.residents_in(federation, Intervention.objects.visible_to(user, federation))
        if user.is_superuser:
            return self
        from federations.models import Federation

        condition = Q(pk__in=[])
        for each in Federation.objects.visible_to(user):
            condition |= residents_of(each) & Q(intervention__in=Intervention.objects.visible_to(user, each))
        return self.filter(condition)

    def residents_in(self, federation, interventions):
        """The federation's residents in ``interventions`` (some of its own), both read as
        lists of ids first: a page of a federation's participants in the list's order is
        then planned on what the database knows of those values — an index scan in that
        order for the first page of 73 000 rows, 0.2 ms — not on a guess for a subquery."""
        funded = interventions.of_federation(federation).values_list("pk", flat=True)
        municipalities = Municipality.objects.of_members(federation).values_list("pk", flat=True)
        return self.filter(intervention__in=list(funded), municipality__in=list(municipalities))

    def of_federation(self, federation, year=None):
        """Participants of the federation's interventions who live in one of its member
        municipalities (in ``year``, or ever): a shared intervention counts each
        federation's own residents."""
        return self.filter(residents_of(federation, year))

    def residents_among(self, federation, interventions, year=None):
        """The federation's residents (in ``year``, or ever) in ``interventions``: some of the
        interventions it funds (records or ids), as the caller read them from its own. They
        are named as they are, without asking again which interventions the federation
        funds: beside a list of interventions, that subquery made PostgreSQL expect a
        hundredth of the rows (and sort them on disk), 1.3–2× the time of a year's figures."""
        return self.filter(Q(intervention__in=interventions) & living_in_members(federation, year))

    def correctable(self):
        """Participants whose record may still change: not those anonymised past retention."""
        return self.filter(anonymised_on__isnull=True)

    def active_in(self, year):
        return self.filter(active_between(date(year, 1, 1), date(year, 12, 31)))

    def new_in(self, year):
        return self.filter(enrolled_on__year=year)

    def ended_in(self, year):
        return self.filter(ended_on__year=year)


class Participant(models.Model):
    class Education(models.TextChoices):
        NOT_COMPULSORY = "not_compulsory", _("Compulsory school not completed")
        COMPULSORY = "compulsory", _("Compulsory school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
        POST_SECONDARY = "post_secondary", _("Post-secondary education")

    intervention = models.ForeignKey(
        Intervention, models.PROTECT, related_name="participants", verbose_name=_("intervention")
    )
    code = models.CharField(
        _("participant code"),
        max_length=40,
        validators=[validate_pseudonymous_code],
        help_text=_("A pseudonymous code — never a personal identity number or a name."),
    )
    registration = models.CharField(
        _("registration"),
        max_length=10,
        choices=Registration.choices,
        default=Registration.CONSENT,
        help_text=_(
            "With the participant's written consent, or anonymously (no consent, or a protected identity): "
            "then the code is only the intervention's own reference. Figures count both."
        ),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="participants", verbose_name=_("municipality of residence")
    )
    referred_by = models.ForeignKey(
        MemberOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_participants",
        verbose_name=_("referred by"),
    )
    enrolled_on = models.DateField(_("enrolled"))
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    years_in_support = models.PositiveSmallIntegerField(
        _("years in public support before start"), null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=30, choices=EndReason.choices, blank=True)
    end_class = models.ForeignKey(
        EndClass,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("intervention's end class"),
    )
    able_to_work_at_end = models.BooleanField(_("judged able to work at end"), null=True, blank=True)
    had_work_placement = models.BooleanField(_("internship or work trial"), default=False)
    completed_course = models.BooleanField(
        _("completed the intervention's course"),
        null=True,
        blank=True,
        help_text=_("For an intervention built on a course or an education: did the participant complete it?"),
    )
    health_start = models.PositiveSmallIntegerField(
        _("health at start (VAS 0–100)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    health_end = models.PositiveSmallIntegerField(
        _("health at end (VAS 0–100)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    quality_of_life_start = models.PositiveSmallIntegerField(
        _("quality of life at start (0–10)"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    quality_of_life_end = models.PositiveSmallIntegerField(
        _("quality of life at end (0–10)"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    progression_start = models.PositiveSmallIntegerField(_("progression at start (SKAPA)"), null=True, blank=True)
    progression_end = models.PositiveSmallIntegerField(_("progression at end (SKAPA)"), null=True, blank=True)
    follow_up_6_months = models.CharField(
        _("6 months after the end"), max_length=20, choices=FollowUp.choices, blank=True, default="", db_default=""
    )
    follow_up_12_months = models.CharField(
        _("12 months after the end"), max_length=20, choices=FollowUp.choices, blank=True, default="", db_default=""
    )
    anonymised_on = models.DateField(
        _("anonymised"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Kept past the federation's retention: the code is a random token, the birth year an age band."),
    )

    objects = ParticipantQuerySet.as_manager()
    history = HistoricalRecords()

    # The federation whose office is entering or importing the participant (set by the
    # form): what a validation message may say depends on what that office may see.
    checked_for = None
    CODE_TAKEN = _("This code cannot be used in %(intervention)s for this period: choose another code.")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["-enrolled_on", "code"]
        indexes = [
            models.Index(fields=["intervention", "enrolled_on", "ended_on"]),
            models.Index(fields=["-enrolled_on", "code"], name="participant_list_order"),
            # A federation's own participants are its interventions' residents of its
            # municipalities: the list counts them from this index alone, and the year's
            # endings (survey, supports, follow-up, end classes) read only those rows.
            models.Index(fields=["intervention", "municipality", "ended_on"], name="participant_residence_ended"),
            # …and the rows active in a period, a range of their last day (an open one's is the last date there is).
            models.Index(F("intervention"), F("municipality"), last_day(), name="participant_residence_active"),
            models.Index(fields=["code"], name="participant_code"),  # the list sorted by code
        ]
        constraints = [
            # A participant's identity: two confirmations of one import cannot both add them.
            # Each federation keeps its own codes, so the residence is part of it (see duplicates()).
            models.UniqueConstraint(
                fields=["intervention", "municipality", "code", "enrolled_on"],
                name="unique_participant_identity",
                violation_error_message=_("This code cannot be used in this intervention for this period."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("enrolled_on")),
                name="participant_ends_after_enrolment",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_active(self):
        return self.ended_on is None

    def age_at_enrolment(self):
        if self.enrolled_on and self.birth_year:
            return self.enrolled_on.year - self.birth_year
        return None

    CHECKED_BY_CLEAN = {"participant_ends_after_enrolment", "unique_participant_identity"}

    def get_constraints(self):
        """The constraints validation asks the database about: not the check that an end
        follows the enrolment, nor the identity (one code, intervention and enrolment date),
        which clean() says in words — the identity as part of the overlapping periods it
        refuses — without a query per row (the database keeps both as the last guard)."""
        return [
            (model, [constraint for constraint in constraints if constraint.name not in self.CHECKED_BY_CLEAN])
            for model, constraints in super().get_constraints()
        ]

    ANONYMISED = _("The record was anonymised past its retention and can no longer be changed.")

    def clean(self):
        super().clean()
        if self.anonymised_on:
            raise ValidationError(self.ANONYMISED, code="anonymised")
        errors = {}
        if self.ended_on and self.enrolled_on and self.ended_on < self.enrolled_on:
            errors["ended_on"] = _("The end date cannot be before the enrolment date.")
        if self.ended_on and not self.end_reason:
            errors["end_reason"] = _("Give the end reason: the participant has an end date.")
        if self.end_reason and not self.ended_on:
            errors["ended_on"] = _("Give the end date: the participant has an end reason.")
        if not self.ended_on and (self.end_class_id or self.able_to_work_at_end is not None):
            errors.setdefault("ended_on", _("An end class or work-ability judgement needs an end date."))
        errors.update(self.follow_up_errors())
        if self.intervention_id:
            errors.update(self.intervention_errors())
        if errors:
            raise ValidationError(errors)

    def follow_up_errors(self):
        """A follow-up is of an ended participant, and not before its time has come."""
        errors = {}
        for months in FOLLOW_UP_MONTHS:
            field = f"follow_up_{months}_months"
            if not getattr(self, field):
                continue
            if not self.ended_on:
                errors[field] = _("A follow-up after the end needs an end date.")
            elif follow_up_due(self.ended_on, months) > timezone.localdate():
                errors[field] = _("The %(months)s-month follow-up is due on %(date)s.") % {
                    "months": months,
                    "date": follow_up_due(self.ended_on, months).isoformat(),
                }
        return errors

    def intervention_errors(self):
        intervention = self.intervention
        errors = {}
        if self.enrolled_on and self.enrolled_on < intervention.starts_on:
            errors["enrolled_on"] = _("%(intervention)s starts on %(date)s; no one can enrol before that.") % {
                "intervention": intervention,
                "date": intervention.starts_on.isoformat(),
            }
        age = self.age_at_enrolment()
        if age is not None and not intervention.age_min <= age <= intervention.age_max:
            errors["birth_year"] = _(
                "Age %(age)s at enrolment is outside %(intervention)s's range %(min)s–%(max)s."
            ) % {
                "age": age,
                "intervention": intervention,
                "min": intervention.age_min,
                "max": intervention.age_max,
            }
        if self.municipality_id and self.municipality_id not in intervention.served_municipality_ids():
            errors["municipality"] = _("%(intervention)s does not serve %(municipality)s.") % {
                "intervention": intervention,
                "municipality": self.municipality,
            }
        if self.end_class_id and self.end_class.intervention_id != intervention.pk:
            errors["end_class"] = _("The end class belongs to another intervention.")
        if self.end_class_id and self.end_reason and self.end_class.standard_reason != self.end_reason:
            errors["end_class"] = _("%(end_class)s counts as “%(reason)s” in the standard classes.") % {
                "end_class": self.end_class,
                "reason": EndReason(self.end_class.standard_reason).label,
            }
        duplicates = self.duplicates() if self.code and self.enrolled_on else []
        if duplicates:
            errors["code"] = self.duplicate_message(duplicates)
        return errors

    def duplicate_message(self, duplicates):
        return _("%(intervention)s already has participant %(code)s in an overlapping period.") % {
            "intervention": self.intervention,
            "code": self.code,
        }

    # For an import: {(intervention pk, code): [participant]} of the federation's participants
    # holding one of the file's codes, read once for the file instead of once per row.
    same_codes = None

    def duplicates(self):
        """The federation's participants of the same intervention with the same code whose
        period overlaps. Each federation keeps its own codes: a partner's participant of a
        shared intervention never blocks one, so that no message, status or count tells
        whether a code exists in another federation."""
        if self.same_codes is not None:
            same_code = self.same_codes.get((self.intervention_id, self.code), [])
        else:
            same_code = Participant.objects.filter(
                intervention_id=self.intervention_id, code=self.code, municipality__in=self.fellow_municipalities()
            ).only("pk", "enrolled_on", "ended_on")
        return [other for other in same_code if other.pk != self.pk and self.overlaps(other)]

    def fellow_municipalities(self):
        """The member municipalities of the federation the participant is checked for (or,
        saved past a form, of the federations the participant's municipality is a member of)."""
        if self.checked_for is not None:
            return Municipality.objects.of_members(self.checked_for)
        federations = Federation.objects.filter(memberships__organisation__municipality=self.municipality_id)
        return Municipality.objects.filter(member_organisations__memberships__federation__in=federations)

    def overlaps(self, other):
        """Whether ``other``'s period shares a day with this one's (an open period runs on)."""
        return (other.ended_on is None or other.ended_on >= self.enrolled_on) and (
            self.ended_on is None or other.enrolled_on <= self.ended_on
        )

    def warnings(self):
        """What a careful office would double-check, without refusing it."""
        age = self.age_at_enrolment()
        if age is not None and not 16 <= age <= 64:
            return [_("Age %(age)s at enrolment is outside the working age 16–64.") % {"age": age}]
        return []


class Support(models.TextChoices):
    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness benefit")
    REHABILITATION_BENEFIT = "rehabilitation_benefit", _("Rehabilitation benefit")
    SICKNESS_COMPENSATION = "sickness_compensation", _("Sickness compensation")
    ACTIVITY_COMPENSATION = "activity_compensation", _("Activity compensation")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    ACTIVITY_SUPPORT = "activity_support", _("Activity support")
    ESTABLISHMENT_SUPPORT = "establishment_support", _("Establishment support")
    INCOME_SUPPORT = "income_support", _("Municipal income support")
    OTHER = "other", _("Other support")
    NONE = "none", _("No public support")


class ParticipantSupport(models.Model):
    """A kind of public support a participant had at the start or at the end
    (several may apply)."""

    class Phase(models.TextChoices):
        START = "start", _("At start")
        END = "end", _("At end")

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="supports")
    phase = models.CharField(_("at start or end"), max_length=5, choices=Phase.choices)
    kind = models.CharField(_("support"), max_length=30, choices=Support.choices)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "phase", "kind"], name="unique_participant_support")
        ]


class RespondentGroup(models.TextChoices):
    """Who answers the national indicator survey."""

    ENDED_PARTICIPANTS = "ended_participants", _("Ended participants")
    CURRENT_PARTICIPANTS = "current_participants", _("Current participants")
    STAFF = "staff", _("Intervention staff")
    MANAGEMENT_GROUP = "management_group", _("Management group (preparatory group)")
    BOARD = "board", _("Board")


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
    text = models.CharField(_("question"), max_length=300, validators=[validate_no_identity_number])

    objects = SurveyQuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["group", "number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="one_question_number_per_group")]

    def __str__(self):
        return f"{self.number}. {self.text}"


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


class Anonymisation(models.Model):
    """A run of the retention rule (interventions.retention): who anonymised how many of
    a federation's participants, ended before which date."""

    federation = models.ForeignKey(
        "federations.Federation", models.PROTECT, related_name="anonymisations", verbose_name=_("federation")
    )
    performed_at = models.DateTimeField(_("performed"), auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("performed by")
    )
    ended_before = models.DateField(_("ended before"))
    participants = models.PositiveIntegerField(_("participants anonymised"))

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"{self.federation} {self.performed_at:%Y-%m-%d}: {self.participants}"


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
    description = models.TextField(_("what went wrong between the members"), validators=[validate_no_identity_number])
    handling = models.TextField(_("handling"), blank=True, validators=[validate_no_identity_number])
    outcome = models.TextField(_("outcome"), blank=True, validators=[validate_no_identity_number])
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
    title = models.CharField(_("intervention applied for"), max_length=150, validators=[validate_no_identity_number])
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
    after_project = models.TextField(
        _("after the project"),
        blank=True,
        validators=[validate_no_identity_number],
        help_text=_("How the members mean to carry the work on when the federation's money ends."),
    )
    recommendation = models.CharField(
        _("preparatory group's recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommended_on = models.DateField(_("recommended on"), null=True, blank=True)
    recommendation_text = models.TextField(
        _("the recommendation's grounds"), blank=True, validators=[validate_no_identity_number]
    )

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
    text = models.TextField(_("decision"), validators=[validate_no_identity_number])
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
    conditions = models.TextField(_("conditions"), blank=True, validators=[validate_no_identity_number])
    without_recommendation = models.TextField(
        _("why without the preparatory group's recommendation"),
        blank=True,
        validators=[validate_no_identity_number],
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
