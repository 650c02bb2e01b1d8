"""The choices the participant figures are counted by: end reasons, gender, how a
participant is registered and followed up."""

import calendar
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class EndReason(models.TextChoices):
    """The standard end classes of the federations' participant tables."""

    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    WORK_REHABILITATION = "work_rehabilitation", _("Work-oriented rehabilitation")
    ILLNESS = "illness", _("Illness")
    OTHER = "other", _("Other reason")
    # Not an end at all: the registration was a mistake. It keeps the record (and its
    # history) but removes it from every count (ParticipantQuerySet.counted).
    MISREGISTRATION = "misregistration", _("Misregistration")

    @classmethod
    def to_work_or_studies(cls):
        return [cls.WORK, cls.STUDIES]

    @classmethod
    def counted(cls):
        """The end reasons the participant tables count, in their order."""
        return [reason for reason in cls if reason != cls.MISREGISTRATION]


class Occupation(models.TextChoices):
    """What a participant mainly does at enrolment and at the end, as SUS asked it."""

    EMPLOYED = "employed", _("Employed")
    SUBSIDISED_EMPLOYMENT = "subsidised_employment", _("Subsidised employment")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Job-seeking")
    SICK_LEAVE = "sick_leave", _("On sick leave")
    COMPENSATION = "compensation", _("Activity or sickness compensation")
    OTHER = "other", _("Other occupation")


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
