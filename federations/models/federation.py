"""The federation: its members, board, groups and staff year by year, and its fiscal years."""

import base64

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.privacy import GuardedCharField, GuardedEmailField, GuardedSlugField, GuardedTextField, GuardedURLField

from ..validators import ORGANISATION_NUMBER, validate_organisation_number
from .county import County, MemberOrganisation, Person
from .periods import Period, PeriodQuerySet


class FederationQuerySet(models.QuerySet):
    # Role (federations.models.roles) builds on Federation: it is imported where it is asked.

    def visible_to(self, user):
        """The federations where ``user`` holds a role; nothing for anyone else."""
        from .roles import Role

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pk__in=Role.objects.filter(user=user).values("federation"))

    def with_role_of(self, user):
        """Annotate ``user_role``, the user's role in each federation, and
        ``user_is_administrator`` (office and administrator for a superuser)."""
        from .roles import Role

        if user.is_superuser:
            return self.annotate(user_role=models.Value(Role.Kind.OFFICE), user_is_administrator=models.Value(True))
        role = Role.objects.filter(user=user, federation=models.OuterRef("pk")).order_by()
        return self.annotate(
            user_role=models.Subquery(role.values("kind")[:1]),
            user_is_administrator=models.Subquery(role.values("is_administrator")[:1]),
        )

    def of_federation(self, federation):
        return self.filter(pk=federation.pk)


class SocioEconomicBasis(models.TextChoices):
    """Whom the socio-economic model counts: federations differ (reporting.SocioEconomicModel)."""

    WORK_OR_STUDIES = "work_or_studies", _("those who went to work or studies")
    WORK = "work", _("those who went to work")


class Federation(models.Model):
    county = models.ForeignKey(County, models.PROTECT, related_name="federations", verbose_name=_("county"))
    name = GuardedCharField(_("name"), max_length=150, unique=True)
    short_name = GuardedCharField(_("short name"), max_length=30, help_text=_("E.g. SV."))
    slug = GuardedSlugField(_("short address"), unique=True)
    organisation_number = GuardedCharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_("Ten digits, written NNNNNN-NNNN."),
    )
    founded_on = models.DateField(_("founded"))
    vision = GuardedTextField(_("vision"), blank=True)
    protect_small_numbers_in_reports = models.BooleanField(
        _("protect small numbers in the annual and interim reports"),
        default=False,
        help_text=_(
            "Show counts of 1–4 people as “<5” in the reports, and withhold the figures they could be "
            "worked out from. Pages for the board, the auditors and the county are always protected."
        ),
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        _("small numbers are counts under"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "What leaves the office shows a count of fewer people as “<N”. Leave it empty for the "
            "installation's threshold; a federation may only protect more."
        ),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years participant records are kept after they end"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("After that a record is anonymised: its counts stay in the figures."),
    )
    socioeconomic_basis = models.CharField(
        _("the socio-economic effect counts"),
        max_length=20,
        choices=SocioEconomicBasis.choices,
        blank=True,
        help_text=_("Leave it empty to count as the installation's model does."),
    )
    contact_phone = GuardedCharField(
        _("phone"), max_length=40, blank=True, help_text=_("The office's, in the public service catalogue.")
    )
    contact_email = GuardedEmailField(_("e-mail"), blank=True, help_text=_("The office's, in the service catalogue."))
    contact_web = GuardedURLField(_("web site"), blank=True, help_text=_("In the service catalogue."))
    logo = models.BinaryField(default=b"", editable=False)  # PNG, printed on the documents' covers

    objects = FederationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["logo"])

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

    @property
    def logo_data_uri(self):
        """The logo as the documents embed it, or ""."""
        return f"data:image/png;base64,{base64.b64encode(bytes(self.logo)).decode()}" if self.logo else ""

    @property
    def protection_threshold(self):
        """Counts below this are small where the federation's figures leave the office."""
        return max(self.small_number_threshold or 0, settings.SMALL_NUMBER_THRESHOLD)

    def clean(self):
        super().clean()
        if self.small_number_threshold is not None and self.small_number_threshold < settings.SMALL_NUMBER_THRESHOLD:
            raise ValidationError(
                {
                    "small_number_threshold": _(
                        "At least the installation's %(limit)s: a federation may only protect more."
                    )
                    % {"limit": settings.SMALL_NUMBER_THRESHOLD}
                }
            )
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
    role = GuardedCharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("E.g. chair, federation chief."),
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
    note = GuardedCharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. bought from another federation."),
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
