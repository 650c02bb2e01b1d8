"""The registry of coordination federations: who they are, who their members are,
and who governs and staffs them, year by year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.privacy import redact_identity_numbers, validate_no_identity_number

from .validators import ORGANISATION_NUMBER, validate_organisation_number


class Period(models.Model):
    """Something valid from a date until (and including) an optional end date."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while current."))

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    def overlapping(self, queryset):
        """The rows of ``queryset`` whose period overlaps this one, this row excluded."""
        queryset = queryset.exclude(pk=self.pk) if self.pk else queryset
        queryset = queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
        if self.ends_on:
            queryset = queryset.filter(starts_on__lte=self.ends_on)
        return queryset


class PeriodQuerySet(models.QuerySet):
    def current_in(self, year):
        """Rows valid at some time during the calendar year ``year``."""
        return self.filter(starts_on__year__lte=year).filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))


# --- The county and its shared reference data -------------------------------------


class CountyQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(federations__in=Federation.objects.visible_to(user)).distinct()


class County(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_no_identity_number])
    slug = models.SlugField(_("short address"), unique=True, validators=[validate_no_identity_number])

    objects = CountyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CountyScopedQuerySet(models.QuerySet):
    """Reference data shared by the federations of a county."""

    def visible_to(self, user):
        if user.is_superuser:
            return self
        return self.filter(county__in=County.objects.visible_to(user))

    def of_federation(self, federation):
        return self.filter(county=federation.county_id)


class MemberOrganisationQuerySet(CountyScopedQuerySet):
    def of_members(self, federation):
        """The organisations that are (or were) members of the federation."""
        return self.filter(pk__in=federation.memberships.values("organisation"))


class MunicipalityQuerySet(CountyScopedQuerySet):
    def of_members(self, federation):
        """The municipalities that are (or were) members of the federation."""
        return self.filter(pk__in=Membership.objects.filter(federation=federation).values("organisation__municipality"))

    def with_latest_population(self):
        latest = Population.objects.filter(municipality=models.OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_population_year=models.Subquery(latest.values("year")[:1]),
            latest_population=models.Subquery(latest.values("inhabitants")[:1]),
        )


class Municipality(models.Model):
    county = models.ForeignKey(County, models.PROTECT, related_name="municipalities", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=100, validators=[validate_no_identity_number])
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        help_text=_("Statistics Sweden's four-digit code, e.g. 0680 for Jönköping."),
        validators=[RegexValidator(r"^\d{4}$", _("The municipality code has four digits."))],
    )

    objects = MunicipalityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="unique_municipality_code"),
            models.UniqueConstraint(fields=["county", "name"], name="unique_municipality_name_in_county"),
        ]

    def __str__(self):
        return self.name


class Population(models.Model):
    """A municipality's population on 1 July of a year: the key that splits the
    municipalities' quarter of the contributions."""

    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="populations", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    inhabitants = models.PositiveIntegerField(_("inhabitants"), validators=[MinValueValidator(1)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_population_per_year"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}: {self.inhabitants}"


class MemberOrganisation(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_INSURANCE = "fk", _("Swedish Social Insurance Agency (Försäkringskassan)")
        EMPLOYMENT_SERVICE = "af", _("Swedish Public Employment Service (Arbetsförmedlingen)")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")

    county = models.ForeignKey(County, models.PROTECT, related_name="member_organisations", verbose_name=_("county"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, validators=[validate_no_identity_number])
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        blank=True,
        help_text=_("E.g. FK, AF, RJL."),
        validators=[validate_no_identity_number],
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="member_organisations",
        verbose_name=_("municipality"),
        help_text=_("Only for a municipality: which one, for the population key."),
    )

    objects = MemberOrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="unique_member_name_in_county"),
            models.CheckConstraint(
                condition=Q(kind="municipality", municipality__isnull=False)
                | (~Q(kind="municipality") & Q(municipality__isnull=True)),
                name="municipality_iff_member_is_municipality",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        is_municipality = self.kind == self.Kind.MUNICIPALITY
        if is_municipality and not self.municipality_id:
            raise ValidationError({"municipality": _("Choose which municipality this member is.")})
        if not is_municipality and self.municipality_id:
            raise ValidationError({"municipality": _("Only a municipality member has a municipality.")})
        if self.municipality_id and self.county_id and self.municipality.county_id != self.county_id:
            raise ValidationError({"municipality": _("The municipality lies in another county.")})


class PersonQuerySet(CountyScopedQuerySet):
    def serving(self, federation):
        """People who sit or sat on the federation's board or in its groups, or work in its office."""
        return self.filter(
            Q(pk__in=BoardSeat.objects.filter(federation=federation).values("person"))
            | Q(pk__in=GroupMembership.objects.filter(federation=federation).values("person"))
            | Q(pk__in=StaffPost.objects.filter(federation=federation).values("person"))
        ).select_related("organisation")


class Person(models.Model):
    """Someone in the federations' organisation: board, groups, office. Never a
    participant — participants are pseudonymous codes."""

    county = models.ForeignKey(County, models.PROTECT, related_name="people", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=150, validators=[validate_no_identity_number])
    title = models.CharField(
        _("title"),
        max_length=150,
        blank=True,
        help_text=_("E.g. municipal councillor."),
        validators=[validate_no_identity_number],
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("The member organisation the person comes from, if any."),
    )
    email = models.EmailField(_("email"), blank=True, validators=[validate_no_identity_number])

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.organisation_id and self.county_id and self.organisation.county_id != self.county_id:
            raise ValidationError({"organisation": _("The organisation belongs to another county.")})


# --- The federation ---------------------------------------------------------------


class FederationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The federations where ``user`` holds a role; nothing for anyone else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=Role.objects.filter(user=user).values("federation"))

    def with_role_of(self, user):
        """Annotate ``user_role``: the user's role in each federation (office for a superuser)."""
        if user.is_superuser:
            return self.annotate(user_role=models.Value(Role.Kind.OFFICE))
        role = Role.objects.filter(user=user, federation=models.OuterRef("pk")).values("kind")[:1]
        return self.annotate(user_role=models.Subquery(role))

    def of_federation(self, federation):
        return self.filter(pk=federation.pk)


class Federation(models.Model):
    county = models.ForeignKey(County, models.PROTECT, related_name="federations", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=150, unique=True, validators=[validate_no_identity_number])
    short_name = models.CharField(
        _("short name"), max_length=30, help_text=_("E.g. SV."), validators=[validate_no_identity_number]
    )
    slug = models.SlugField(_("short address"), unique=True, validators=[validate_no_identity_number])
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        validators=[validate_no_identity_number, validate_organisation_number],
        help_text=_("Ten digits, written NNNNNN-NNNN."),
    )
    founded_on = models.DateField(_("founded"))
    vision = models.TextField(_("vision"), blank=True, validators=[validate_no_identity_number])
    protect_small_numbers_in_reports = models.BooleanField(
        _("protect small numbers in the annual and interim reports"),
        default=False,
        help_text=_(
            "Show counts of 1–4 people as “<5” in the reports, and withhold the figures they could be "
            "worked out from. Pages for the board, the auditors and the county are always protected."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years participant records are kept after they end"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("After that a record is anonymised: its counts stay in the figures."),
    )

    objects = FederationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def years(self, ahead=0):
        """The years a page may show, newest first: from the federation's founding to this
        year (a plan looks ``ahead``)."""
        return range(timezone.localdate().year + ahead, self.founded_on.year - 1, -1)

    def get_absolute_url(self):
        return reverse("federations:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        match = ORGANISATION_NUMBER.match(self.organisation_number or "")
        if match:
            self.organisation_number = "-".join(match.groups())


class FederationScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(federation__in=Federation.objects.visible_to(user))

    def of_federation(self, federation):
        return self.filter(federation=federation)


class FederationScopedPeriodQuerySet(FederationScopedQuerySet, PeriodQuerySet):
    pass


class Membership(Period):
    """A member organisation's membership of a federation, from joining to leaving."""

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="memberships", verbose_name=_("federation"))
    organisation = models.ForeignKey(
        MemberOrganisation, models.PROTECT, related_name="memberships", verbose_name=_("member organisation")
    )

    objects = FederationScopedPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__kind", "organisation__name", "starts_on"]

    def __str__(self):
        return f"{self.organisation} – {self.federation}"

    def clean(self):
        super().clean()
        if not (self.federation_id and self.organisation_id and self.starts_on):
            return
        if self.organisation.county_id != self.federation.county_id:
            raise ValidationError({"organisation": _("The organisation belongs to another county.")})
        if self.overlapping(
            Membership.objects.filter(federation=self.federation, organisation=self.organisation)
        ).exists():
            raise ValidationError(
                _("%(organisation)s is already a member during this period.") % {"organisation": self.organisation}
            )


class BoardSeat(Period):
    """A seat on the board for a term: one ordinary member and one personal deputy per
    member organisation; the board elects a chair and a vice chair among the ordinary."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary member")
        DEPUTY = "deputy", _("Deputy")

    class Office(models.TextChoices):
        NONE = "", _("—")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="board_seats", verbose_name=_("federation"))
    person = models.ForeignKey(Person, models.PROTECT, related_name="board_seats", verbose_name=_("person"))
    kind = models.CharField(_("seat"), max_length=10, choices=Kind.choices, default=Kind.ORDINARY)
    appointed_by = models.ForeignKey(
        MemberOrganisation, models.PROTECT, related_name="board_seats", verbose_name=_("appointed by")
    )
    office = models.CharField(_("office"), max_length=10, choices=Office.choices, blank=True, default="")

    objects = FederationScopedPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = ["-starts_on", "appointed_by__kind", "appointed_by__name", "-kind"]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()}, {self.appointed_by.label})"

    def clean(self):
        super().clean()
        if not (self.federation_id and self.appointed_by_id and self.person_id and self.starts_on):
            return
        errors = {}
        memberships = Membership.objects.filter(federation=self.federation, organisation=self.appointed_by)
        if (
            not memberships.filter(starts_on__lte=self.starts_on)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
            .exists()
        ):
            errors["appointed_by"] = _("%(organisation)s is not a member of the federation when the term starts.") % {
                "organisation": self.appointed_by
            }
        same_seat = self.overlapping(
            BoardSeat.objects.filter(federation=self.federation, appointed_by=self.appointed_by, kind=self.kind)
        )
        if same_seat.exists():
            errors["kind"] = _("%(organisation)s already has a seat of this kind in this period.") % {
                "organisation": self.appointed_by.label
            }
        if self.office and self.kind != self.Kind.ORDINARY:
            errors["office"] = _("Only an ordinary member can be chair or vice chair.")
        elif (
            self.office
            and self.overlapping(BoardSeat.objects.filter(federation=self.federation, office=self.office)).exists()
        ):
            errors["office"] = _("The board already has a %(office)s in this period.") % {
                "office": self.get_office_display().lower()
            }
        if self.overlapping(BoardSeat.objects.filter(federation=self.federation, person=self.person)).exists():
            errors["person"] = _("%(person)s already holds a seat on this board in this period.") % {
                "person": self.person
            }
        if errors:
            raise ValidationError(errors)


class GroupMembership(Period):
    """A place in the working committee or the preparatory group."""

    class Group(models.TextChoices):
        WORKING_COMMITTEE = "working_committee", _("Working committee")
        PREPARATORY_GROUP = "preparatory_group", _("Preparatory group")

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="group_memberships", verbose_name=_("federation")
    )
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    person = models.ForeignKey(Person, models.PROTECT, related_name="group_memberships", verbose_name=_("person"))
    representing = models.ForeignKey(
        MemberOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("representing"),
    )
    is_deputy = models.BooleanField(_("deputy"), default=False)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("E.g. chair, federation chief."),
        validators=[validate_no_identity_number],
    )

    objects = FederationScopedPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "is_deputy", "representing__kind", "representing__name", "person__name"]

    def __str__(self):
        return f"{self.person} – {self.get_group_display()}"

    def clean(self):
        super().clean()
        if not (self.federation_id and self.person_id and self.group and self.starts_on):
            return
        same = GroupMembership.objects.filter(federation=self.federation, group=self.group, person=self.person)
        if self.overlapping(same).exists():
            raise ValidationError(
                {"person": _("%(person)s is already in this group in this period.") % {"person": self.person}}
            )


class StaffPost(Period):
    """A post in the federation's office, as a share of full time."""

    class Title(models.TextChoices):
        CHIEF = "chief", _("Federation chief")
        DEVELOPMENT_OFFICER = "development_officer", _("Development officer")
        OTHER = "other", _("Other")

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="staff_posts", verbose_name=_("federation"))
    person = models.ForeignKey(Person, models.PROTECT, related_name="staff_posts", verbose_name=_("person"))
    title = models.CharField(_("post"), max_length=30, choices=Title.choices)
    share_percent = models.PositiveSmallIntegerField(
        _("share of full time (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. bought from another federation."),
        validators=[validate_no_identity_number],
    )

    objects = FederationScopedPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff post")
        verbose_name_plural = _("staff posts")
        ordering = ["title", "person__name", "starts_on"]

    def __str__(self):
        return f"{self.person}, {self.get_title_display()} {self.share_percent} %"

    def clean(self):
        super().clean()
        if not (self.person_id and self.starts_on and self.share_percent):
            return
        # A person's posts in all federations together cannot pass full time.
        others = self.overlapping(StaffPost.objects.filter(person=self.person))
        taken = sum(post.share_percent for post in others)
        if taken + self.share_percent > 100:
            raise ValidationError(
                {
                    "share_percent": _(
                        "%(person)s already works %(taken)s %% in this period; at most %(left)s %% is left."
                    )
                    % {"person": self.person, "taken": taken, "left": max(0, 100 - taken)}
                }
            )


class FiscalYear(models.Model):
    """A federation's calendar fiscal year. Once the board adopts its annual report the
    year is adopted, and closed when the books are final; it never goes back."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        CLOSED = "closed", _("Closed")

    ORDER = [Status.OPEN, Status.ADOPTED, Status.CLOSED]

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="fiscal_years", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    employees = models.DecimalField(
        _("average number of employees"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For the five-year overview. Empty: counted from the year's staff posts."),
    )
    # A year closed before the federation used finsam takes its books once, by the accounts
    # import; who loaded them and when is kept here (and in the history).
    opening_load_at = models.DateTimeField(_("books loaded"), null=True, blank=True, editable=False)
    opening_load_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("books loaded by"),
    )

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["federation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year"], name="unique_fiscal_year"),
        ]

    def __str__(self):
        return f"{self.federation.short_name} {self.year}"

    @property
    def is_editable(self):
        return self.status == self.Status.OPEN

    def clean(self):
        super().clean()
        errors = {}
        if self.pk:
            previous = FiscalYear.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if previous and self.ORDER.index(self.status) < self.ORDER.index(previous):
                errors["status"] = _("A fiscal year cannot be reopened once it is %(status)s.") % {
                    "status": self.Status(previous).label.lower()
                }
        if self.status != self.Status.OPEN and not self.adopted_on:
            errors["adopted_on"] = _("Give the date the board adopted the year.")
        if self.adopted_on and self.year and self.adopted_on.year <= self.year:
            errors["adopted_on"] = _("A year is adopted after it has ended.")
        if errors:
            raise ValidationError(errors)


# --- Who may do what ----------------------------------------------------------------


class Role(models.Model):
    """A user's role in one federation. A user holds at most one role per federation,
    and sees nothing of a federation where they hold none."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office staff")
        INTERVENTION = "intervention", _("Intervention staff")
        BOARD = "board", _("Board")
        AUDITOR = "auditor", _("Auditor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="finsam_roles", verbose_name=_("user")
    )
    federation = models.ForeignKey(Federation, models.CASCADE, related_name="roles", verbose_name=_("federation"))
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["federation", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "federation"], name="one_role_per_federation"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}, {self.federation.short_name}"


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
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_identity_number])
    counterpart = models.CharField(
        _("from or to"), max_length=150, blank=True, validators=[validate_no_identity_number]
    )

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
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_identity_number])
    adopted_on = models.DateField(_("adopted"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    filename = models.CharField(_("file"), max_length=200, editable=False, validators=[validate_no_identity_number])
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
    place = models.CharField(_("place"), max_length=150, blank=True, validators=[validate_no_identity_number])
    agenda = models.TextField(_("agenda"), blank=True, validators=[validate_no_identity_number])
    attendees = models.ManyToManyField(Person, blank=True, related_name="meetings", verbose_name=_("attended"))
    minutes_filename = models.CharField(
        _("minutes"), max_length=200, blank=True, editable=False, validators=[validate_no_identity_number]
    )
    minutes = models.BinaryField(default=b"", editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[attendees], excluded_fields=["minutes"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "body"]

    def __str__(self):
        return f"{self.get_body_display()} {self.held_on.isoformat()}"


class MeetingDecisionQuerySet(models.QuerySet):
    def of_federation(self, federation):
        return self.filter(meeting__federation=federation)


class MeetingDecision(models.Model):
    """A decision in a meeting's minutes: its paragraph (§), what was decided and, for a
    decision that is registered, its registry number."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    paragraph = models.PositiveSmallIntegerField(_("§"), validators=[MinValueValidator(1)])
    title = models.CharField(_("matter"), max_length=200, validators=[validate_no_identity_number])
    decision = models.TextField(_("decision"), blank=True, validators=[validate_no_identity_number])
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
    filename = models.CharField(max_length=200, validators=[validate_no_identity_number])
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # the first MAX_PROBLEMS; problem_count has them all
    problem_count = models.PositiveIntegerField(default=0)
    planned = models.JSONField(default=list)  # what saving does with the first rows (ImportResult.plan)

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
        self.planned = [] if result.problems else [{**row, "code": stored_text(row["code"])} for row in result.planned]
        if result.problems or result.saved:
            self.content = b""
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
