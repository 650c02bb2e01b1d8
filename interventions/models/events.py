"""What structural interventions do, counted: the courses, network meetings, inspiration days
and programmes a federation holds, with how many came from each member organisation and
for how many hours. Uppföljning Finsam asks each structural intervention's number of
participants; the annual report tells how many programmes and network meetings were held
and how many came to each inspiration day. People attending are professionals of the
members, counted per event, never named."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import Federation, FederationScopedQuerySet, MemberOrganisation
from finsam.privacy import GuardedCharField

from .interventions import Intervention


class StructuralEventQuerySet(FederationScopedQuerySet):
    def for_list(self):
        """With its number of attendees, for the register's list."""
        return self.annotate(attendee_count=models.Sum("attendances__attendees"))


class StructuralEvent(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        INSPIRATION_DAY = "inspiration_day", _("Inspiration day")
        PROGRAMME = "programme", _("Programme")
        OTHER = "other", _("Other event")

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="structural_events", verbose_name=_("federation")
    )
    intervention = models.ForeignKey(
        Intervention, models.PROTECT, related_name="events", verbose_name=_("intervention")
    )
    held_on = models.DateField(_("held on"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = GuardedCharField(_("title"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("How long each attendee took part."),
    )

    objects = StructuralEventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("structural event")
        verbose_name_plural = _("structural events")
        ordering = ["-held_on", "intervention__name"]

    def __str__(self):
        return f"{self.title or self.get_kind_display()} {self.held_on}"

    def clean(self):
        super().clean()
        if self.intervention_id and self.intervention.kind != Intervention.Kind.STRUCTURAL:
            raise ValidationError(
                {
                    "intervention": _("%(intervention)s is individual-oriented: its participants are kept one by one.")
                    % {"intervention": self.intervention}
                }
            )


class EventAttendance(models.Model):
    """How many came to an event from one member organisation (or from elsewhere)."""

    event = models.ForeignKey(StructuralEvent, models.CASCADE, related_name="attendances", verbose_name=_("event"))
    organisation = models.ForeignKey(
        MemberOrganisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="event_attendances",
        verbose_name=_("from"),
        help_text=_("Empty: from elsewhere than the members."),
    )
    attendees = models.PositiveIntegerField(_("attendees"), validators=[MinValueValidator(1)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["event", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="unique_event_attendance"),
        ]

    def __str__(self):
        return f"{self.organisation or _('others')}: {self.attendees}"
