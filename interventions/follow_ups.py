"""The follow-up worklist: which participants' 6- and 12-month follow-ups fall due soon or
are overdue and not yet recorded — what SUS used to remind of, now kept here only. For
the office (every intervention) and for intervention staff (their own)."""

from dataclasses import dataclass
from datetime import date, timedelta

from .models import FOLLOW_UP_MONTHS, follow_up_due

AHEAD = timedelta(days=30)  # due within this: on the list
LATE_FOR = 6  # months: a follow-up missed longer ago can no longer be made, and leaves the list


@dataclass(frozen=True)
class DueFollowUp:
    participant: object
    months: int
    due_on: date
    today: date

    @property
    def overdue(self):
        return self.due_on < self.today

    @property
    def days_overdue(self):
        return (self.today - self.due_on).days

    @property
    def days_left(self):
        return (self.due_on - self.today).days


def due_follow_ups(participants, today):
    """Every unrecorded follow-up of ``participants`` (a queryset) due within 30 days or
    overdue by less than six months, soonest due first; a query for each follow-up."""
    due = []
    for months in FOLLOW_UP_MONTHS:
        # The participants whose follow-up can fall in the window: read with a day's margin
        # either side, as a month's last day moves the due day; the window decides below.
        first_end = follow_up_due(today, -(months + LATE_FOR)) - timedelta(days=3)
        last_end = follow_up_due(today + AHEAD, -months) + timedelta(days=3)
        candidates = participants.counted().filter(
            ended_on__range=(first_end, last_end), **{f"follow_up_{months}_months": ""}
        )
        for participant in candidates.select_related("intervention").order_by("ended_on", "code"):
            due_on = follow_up_due(participant.ended_on, months)
            if follow_up_due(today, -LATE_FOR) <= due_on <= today + AHEAD:
                due.append(DueFollowUp(participant, months, due_on, today))
    return sorted(due, key=lambda follow_up: (follow_up.due_on, follow_up.participant.code))


def by_intervention(follow_ups):
    """[(intervention, [DueFollowUp])], the interventions by name."""
    grouped = {}
    for follow_up in follow_ups:
        grouped.setdefault(follow_up.participant.intervention, []).append(follow_up)
    return sorted(grouped.items(), key=lambda item: item[0].name)
