"""The joint member consultation (medlemssamråd) of a county's federations: the meeting,
its agenda and positions, the rotation of who convenes it, and who may open its deck."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from federations.models import County, Federation, MemberOrganisation, Role
from finsam.privacy import GuardedCharField, GuardedTextField


class CountyRole(models.Model):
    """A role across a county's federations: it opens the county's member consultations
    and their decks, but none of the federations' own pages."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office staff of the consultation")
        READER = "reader", _("Reader of the consultation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="county_roles", verbose_name=_("user")
    )
    county = models.ForeignKey(County, models.CASCADE, related_name="roles", verbose_name=_("county"))
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("county role")
        verbose_name_plural = _("county roles")
        constraints = [models.UniqueConstraint(fields=["user", "county"], name="one_role_per_county")]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}, {self.county}"


def federations_outside(user, kinds=None):
    """The federations where ``user`` holds no role (of ``kinds``, when given)."""
    roles = Role.objects.filter(user=user)
    if kinds:
        roles = roles.filter(kind__in=kinds)
    return Federation.objects.exclude(pk__in=roles.values("federation"))


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Consultations whose every federation the user holds a role in, and those of
        a county where the user holds a county role. One federation's staff see none."""
        return self._reachable_by(user, kinds=None, county_kinds=CountyRole.Kind.values)

    def editable_by(self, user):
        return self._reachable_by(user, kinds=[Role.Kind.OFFICE], county_kinds=[CountyRole.Kind.OFFICE])

    def _reachable_by(self, user, kinds, county_kinds):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        with_an_outside_federation = Consultation.federations.through.objects.filter(
            federation__in=federations_outside(user, kinds)
        ).values("consultation")
        county_roles = CountyRole.objects.filter(user=user, kind__in=county_kinds).values("county")
        return self.filter(
            Q(county__in=county_roles) | (Q(federations__isnull=False) & ~Q(pk__in=with_an_outside_federation))
        ).distinct()


class Consultation(models.Model):
    """One member consultation: the figures of ``year`` shown to the members the
    following spring."""

    county = models.ForeignKey(County, models.PROTECT, related_name="consultations", verbose_name=_("county"))
    held_on = models.DateField(_("date"))
    place = GuardedCharField(_("place"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(
        _("figures of the year"), help_text=_("Usually the year before the meeting.")
    )
    federations = models.ManyToManyField(Federation, related_name="consultations", verbose_name=_("federations"))
    convener = models.ForeignKey(
        "ConvenerTerm",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("convener"),
    )
    other_business = GuardedTextField(_("other business"), blank=True)
    next_meeting = GuardedCharField(
        _("next meeting"),
        max_length=150,
        blank=True,
        help_text=_("Date and place, when known."),
    )

    objects = ConsultationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member consultation")
        verbose_name_plural = _("member consultations")
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["county", "held_on"], name="one_consultation_a_day")]

    def __str__(self):
        return _("Member consultation %(date)s") % {"date": self.held_on}

    def previous(self):
        return Consultation.objects.filter(county=self.county_id, held_on__lt=self.held_on).order_by("-held_on").first()


class AgendaItem(models.Model):
    consultation = models.ForeignKey(
        Consultation, models.CASCADE, related_name="agenda", verbose_name=_("consultation")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = GuardedCharField(_("item"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Position(models.Model):
    """A position (ställningstagande) put to a consultation, and how it was followed up
    by the next one."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Not adopted")

    consultation = models.ForeignKey(
        Consultation, models.CASCADE, related_name="positions", verbose_name=_("consultation")
    )
    text = GuardedTextField(pgettext_lazy("member consultation", "position"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    follow_up = GuardedTextField(
        _("follow-up"),
        blank=True,
        help_text=_("What came of it, for the next meeting."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("member consultation", "position")
        verbose_name_plural = pgettext_lazy("member consultation", "positions")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]


class ConvenerTerm(models.Model):
    """Who convenes the county's member consultation for a term: one member
    organisation, or two together. The rotation is the list of terms."""

    county = models.ForeignKey(County, models.PROTECT, related_name="convener_terms", verbose_name=_("county"))
    term = GuardedCharField(_("term"), max_length=20, help_text=_("E.g. 2024-25."))
    starts_on = models.DateField(_("from"))
    convener = models.ForeignKey(MemberOrganisation, models.PROTECT, related_name="+", verbose_name=_("convener"))
    co_convener = models.ForeignKey(
        MemberOrganisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("together with")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("convener term")
        verbose_name_plural = _("convener rotation")
        ordering = ["-starts_on"]
        constraints = [models.UniqueConstraint(fields=["county", "starts_on"], name="one_convener_term_start")]

    def __str__(self):
        return f"{self.term} {self.conveners}"

    @property
    def conveners(self):
        if self.co_convener_id:
            return _("%(first)s and %(second)s") % {"first": self.convener.label, "second": self.co_convener.label}
        return self.convener.label
