"""The county and its shared reference data: municipalities and their population, the
member organisations, and the people of the county's federations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from finsam.privacy import GuardedCharField, GuardedEmailField, GuardedSlugField


class CountyQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_superuser:
            return self
        from .federation import Federation  # the federation module builds on this one

        return self.filter(federations__in=Federation.objects.visible_to(user)).distinct()


class County(models.Model):
    name = GuardedCharField(_("name"), max_length=100, unique=True)
    slug = GuardedSlugField(_("short address"), unique=True)

    objects = CountyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def protection_threshold(self):
        """The strictest of its federations' thresholds: what the county's deck protects by."""
        own = self.federations.aggregate(highest=models.Max("small_number_threshold"))["highest"]
        return max(own or 0, settings.SMALL_NUMBER_THRESHOLD)


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
        return self.filter(pk__in=federation.memberships.values("organisation__municipality"))

    def with_latest_population(self):
        latest = Population.objects.filter(municipality=models.OuterRef("pk")).order_by("-year")
        return self.annotate(
            latest_population_year=models.Subquery(latest.values("year")[:1]),
            latest_population=models.Subquery(latest.values("inhabitants")[:1]),
        )


class Municipality(models.Model):
    county = models.ForeignKey(County, models.PROTECT, related_name="municipalities", verbose_name=_("county"))
    name = GuardedCharField(_("name"), max_length=100)
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
    name = GuardedCharField(_("name"), max_length=150)
    short_name = GuardedCharField(
        _("short name"),
        max_length=30,
        blank=True,
        help_text=_("E.g. FK, AF, RJL."),
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
            Q(pk__in=federation.board_seats.values("person"))
            | Q(pk__in=federation.group_memberships.values("person"))
            | Q(pk__in=federation.staff_posts.values("person"))
        ).select_related("organisation")


class Person(models.Model):
    """Someone in the federations' organisation: board, groups, office. Never a
    participant — participants are pseudonymous codes."""

    county = models.ForeignKey(County, models.PROTECT, related_name="people", verbose_name=_("county"))
    name = GuardedCharField(_("name"), max_length=150)
    title = GuardedCharField(
        _("title"),
        max_length=150,
        blank=True,
        help_text=_("E.g. municipal councillor."),
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
    email = GuardedEmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
        help_text=_("The person's own login in finsam, with which a board member signs the annual report."),
    )

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
