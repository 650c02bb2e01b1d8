"""What is valid from a date until an optional end: seats, posts, memberships."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
