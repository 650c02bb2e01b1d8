"""The participants who go through the interventions — as pseudonymous codes, never as
people — their supports, and the runs of the retention rule that anonymise them."""

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
    Federation,
    MemberOrganisation,
    Municipality,
)
from finsam.lookups import any_of_unseen, in_list_of

from ..validators import validate_pseudonymous_code
from .choices import FOLLOW_UP_MONTHS, EndReason, FollowUp, Gender, Occupation, Registration, follow_up_due
from .interventions import EndClass, Intervention


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
    return Q(in_list_of("municipality", municipal_memberships([federation], year).values("organisation__municipality")))


def member_municipalities(federations, year=None):
    """{federation pk: [the ids of its member municipalities (in ``year``, or ever)]} for
    ``federations`` in one query: what ``ParticipantQuerySet.residents_among`` takes as read
    where it makes the residents of many federations at once."""
    found = {federation.pk: set() for federation in federations}
    memberships = municipal_memberships(federations, year)
    for federation, municipality in memberships.values_list("federation", "organisation__municipality"):
        found[federation].add(municipality)
    return {pk: sorted(municipalities) for pk, municipalities in found.items()}


def municipal_memberships(federations, year=None):
    """The memberships of municipalities in ``federations`` (in ``year``, or ever): whose
    residents a federation counts."""
    from federations.models import Membership

    memberships = Membership.objects.filter(federation__in=federations, organisation__municipality__isnull=False)
    return (memberships.current_in(year) if year else memberships).order_by()  # a condition: no display order


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
        """The participants the federation counts: of its interventions, living in one of
        its member municipalities (in ``year``, or ever) — a shared intervention counts each
        federation's own residents — and not registered by mistake."""
        return self.residents(federation, year).counted()

    def residents(self, federation, year=None):
        """Every record of the federation's residents in its interventions, those registered
        by mistake too: what an import matches its rows with and the retention rule reaches."""
        return self.filter(residents_of(federation, year))

    def counted(self):
        """Without the registrations ended as a mistake (felregistrering): no figure counts them."""
        return self.exclude(end_reason=EndReason.MISREGISTRATION)

    def residents_among(self, federation, interventions, year=None, municipalities=None):
        """The federation's residents (in ``year``, or ever) in ``interventions``: some of the
        interventions it funds (records or ids), as the caller read them from its own. They
        are named as they are, without asking again which interventions the federation
        funds: beside a list of interventions, that subquery made PostgreSQL expect a
        hundredth of the rows (and sort them on disk), 1.3–2× the time of a year's figures.
        As counted: without the registrations ended as a mistake.

        ``municipalities``: the ids of its member municipalities (in ``year``, or ever) where
        the caller read them with those of other federations (``member_municipalities``):
        the residents of each of 24 federations are then not each a query of the memberships
        to write out. They are kept out of PostgreSQL's sight all the same (``any_of_unseen``),
        so that it plans as for the memberships' subquery (``in_list_of``): given the list
        itself, it read a large federation's 73 000 rows by municipality alone (38 against 28 ms)."""
        if municipalities is None:
            living = living_in_members(federation, year)
        else:
            living = any_of_unseen("municipality", municipalities)
        return self.filter(Q(intervention__in=interventions) & living).counted()

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
    occupation_start = models.CharField(
        _("occupation at enrolment"), max_length=30, choices=Occupation.choices, blank=True, default="", db_default=""
    )
    occupation_start_extent = models.PositiveSmallIntegerField(
        _("extent at enrolment (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Of full time, for work, studies or sick leave."),
    )
    occupation_end = models.CharField(
        _("occupation at the end"), max_length=30, choices=Occupation.choices, blank=True, default="", db_default=""
    )
    occupation_end_extent = models.PositiveSmallIntegerField(
        _("extent at the end (%)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
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
    # {"question_<pk>": answer} of the federation's supplementary questions: a key the
    # database's JSON path never takes for an array position, as it would a bare number.
    supplementary_answers = models.JSONField(_("answers to the federation's own questions"), default=dict, blank=True)
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
        errors.update(self.occupation_errors())
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

    def occupation_errors(self):
        """An extent is of an occupation; the occupation at the end of an ended participant."""
        errors = {}
        for phase in ("start", "end"):
            if getattr(self, f"occupation_{phase}_extent") is not None and not getattr(self, f"occupation_{phase}"):
                errors[f"occupation_{phase}_extent"] = _("Give the occupation the extent is of.")
        if self.occupation_end and not self.ended_on:
            errors.setdefault("occupation_end", _("The occupation at the end needs an end date."))
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
