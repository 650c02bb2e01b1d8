"""Retention: a federation keeps a participant's record for its chosen number of years
after the participant ended (``Federation.retention_years``, five by default); after that
the record is anonymised in place, so that every figure of the past years still counts it.

Anonymising replaces the code by a random token and the birth year by the one that puts
the age at enrolment at the start of its age band (the bands every table of the app uses
begin at 16, 18, 20, 25, 30, 50 and 65), in the record and in every history row of it; a
participant import waiting for confirmation is deleted (its file may name them), and a saved
one keeps no file nor rows.
What the figures count — gender, municipality, dates, end reason, support, health scores,
survey answers — stays, so no published figure changes. The participant has no free-text
field to clear."""

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from federations.models import ImportBatch

from .models import Anonymisation, Participant, Referral
from .validators import ANONYMISED_PREFIX

# Where the age bands of the figures (interventions.figures.AGE_BANDS, and 18–29) begin.
BAND_STARTS = [0, 16, 18, 20, 25, 30, 50, 65]


def band_start(age):
    return max(start for start in BAND_STARTS if start <= age) if age >= 0 else 0


def ended_before(federation, today=None):
    """The date before which a participant must have ended to be anonymised."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - federation.retention_years)
    except ValueError:  # 29 February
        return date(today.year - federation.retention_years, 2, 28)


def due(federation, today=None):
    """The federation's residents past its retention and not yet anonymised."""
    return Participant.objects.residents(federation).filter(
        ended_on__lt=ended_before(federation, today), anonymised_on__isnull=True
    )


@dataclass
class RetentionPlan:
    federation: object
    ended_before: date
    by_intervention: list  # [(intervention name, participants)]

    @property
    def count(self):
        return sum(count for _name, count in self.by_intervention)


def plan(federation, today=None):
    """What the retention rule would anonymise now, by intervention."""
    return RetentionPlan(
        federation,
        ended_before(federation, today),
        [
            (row["intervention__name"], row["n"])
            for row in due(federation, today)
            .values("intervention__name")
            .annotate(n=Count("id"))
            .order_by("intervention__name")
        ],
    )


def anonymise_referrals(federation, left_before):
    """The codes of those who left the waiting list before ``left_before`` replaced by random
    tokens, in their history too: the waiting-list counts stay, nobody can be found by them."""
    referrals = list(
        Referral.objects.of_federation(federation)
        .filter(closed_on__lt=left_before)
        .exclude(code__startswith=ANONYMISED_PREFIX)
        .only("id")
    )
    for referral in referrals:
        referral.code = ANONYMISED_PREFIX + secrets.token_hex(8)
    Referral.objects.bulk_update(referrals, ["code"], batch_size=1000)
    if referrals:
        Referral.history.model.objects.filter(id__in=[referral.id for referral in referrals]).update(
            code=Subquery(Referral.objects.filter(pk=OuterRef("id")).values("code")[:1])
        )


def anonymise(federation, user=None, today=None):
    """Anonymise the federation's participants past its retention, in one transaction,
    and record who did it. Returns the number anonymised."""
    today = today or timezone.localdate()
    with transaction.atomic():
        participants = list(due(federation, today).select_for_update().only("id", "enrolled_on", "birth_year"))
        for participant in participants:
            participant.code = ANONYMISED_PREFIX + secrets.token_hex(8)
            if participant.birth_year:
                age = participant.enrolled_on.year - participant.birth_year
                participant.birth_year = participant.enrolled_on.year - band_start(age)
            participant.anonymised_on = today
        Participant.objects.bulk_update(participants, ["code", "birth_year", "anonymised_on"], batch_size=1000)
        anonymise_referrals(federation, ended_before(federation, today))
        if not participants:
            return 0
        anonymised = Participant.objects.filter(pk=OuterRef("id"))
        Participant.history.model.objects.filter(id__in=[participant.id for participant in participants]).update(
            code=Subquery(anonymised.values("code")[:1]), birth_year=Subquery(anonymised.values("birth_year")[:1])
        )
        # An import waiting for confirmation may name them, in its file, its rows or its
        # problems: it is uploaded again. A saved one keeps nothing of its rows.
        ImportBatch.objects.filter(federation=federation, kind=ImportBatch.Kind.PARTICIPANTS).unconfirmed_before(
            timezone.now()
        ).delete()
        Anonymisation.objects.create(
            federation=federation,
            performed_by=user,
            ended_before=ended_before(federation, today),
            participants=len(participants),
        )
    return len(participants)
