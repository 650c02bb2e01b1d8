"""The participant figures the federations report, counted in the database.

One public name per figure. A figure counted from some participants is a ``Figure``: call
it with the participants (a queryset: an intervention's, a federation's residents, those
who ended in a year) for the figure of them all, with ``by_intervention=True`` for each
intervention's in the same query, or ask ``figure.per_federation(federations, participants)``
for several federations' at once (the county's deck), still one query. Whatever the number
of participants, one query groups them with one ``Count(filter=...)`` per column; the rows
are read into plain data here. The private ``_*_rows`` and ``_*_of`` functions are a
figure's two halves. The participant table is asked the same way:
``participant_table(federation, year)``, or ``participant_table.per_federation(federations, year)``.

``base`` holds ``Figure``; ``counts`` the participant table, ``surveys`` the survey figures,
``chapters`` the figures of an intervention's chapter, ``events`` the structural
interventions' events, ``transitions`` what SUS counted of each participant (occupation and
support before and after, the federation's own questions, the waiting list). Import them from here.
"""

from .base import GENDERS, REASONS, Figure, period, share
from .chapters import (
    AGE_BANDS,
    FOLLOW_UP_HEADINGS,
    YOUNG_ADULTS,
    FollowUpRow,
    Profile,
    Progression,
    SinceStart,
    age_band_label,
    age_distribution,
    band_label,
    endings_by_class,
    follow_up_table,
    money_by_intervention,
    participant_profiles,
    progression_steps,
    since_start,
    support_before_and_after,
)
from .counts import Counts, ParticipantTable, TableRow, intervention_counts, participant_table
from .events import Attendance, structural_attendance
from .surveys import IndicatorRow, IndicatorSummary, SurveyShare, indicator_summary, indicator_table, survey_shares
from .transitions import occupation_before_and_after, supplementary_answers, support_transitions, waiting_at

__all__ = [
    "AGE_BANDS",
    "Attendance",
    "structural_attendance",
    "FOLLOW_UP_HEADINGS",
    "GENDERS",
    "REASONS",
    "YOUNG_ADULTS",
    "Counts",
    "Figure",
    "FollowUpRow",
    "IndicatorRow",
    "ParticipantTable",
    "Profile",
    "Progression",
    "SinceStart",
    "SurveyShare",
    "TableRow",
    "age_band_label",
    "age_distribution",
    "band_label",
    "endings_by_class",
    "follow_up_table",
    "indicator_summary",
    "indicator_table",
    "IndicatorSummary",
    "intervention_counts",
    "money_by_intervention",
    "participant_profiles",
    "participant_table",
    "progression_steps",
    "period",
    "share",
    "since_start",
    "support_before_and_after",
    "survey_shares",
    "occupation_before_and_after",
    "supplementary_answers",
    "support_transitions",
    "waiting_at",
]
