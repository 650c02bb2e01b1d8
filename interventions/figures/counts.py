"""The participant table: each intervention's participants of a year, counted in one
query, for one federation or for several."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q

from ..models import (
    EndReason,
    FollowUp,
    Funding,
    Gender,
    Intervention,
    InterventionYear,
    Participant,
    active_between,
)
from .base import GENDERS, REASONS, _per_federation, period, share


def _participant_groups(participants, year, until=None, by_intervention=True):
    """``participants`` of ``year`` (up to ``until``, an interim report's period end) counted
    once for each combination of what the participant table tells apart — gender, new or
    ended in the period, end reason, work placement, able to work, course, health, the
    12-month follow-up — a few hundred groups for 30 000 participants, added up by
    ``Counts.of_groups``. Fifty counts each with its own condition made the database test
    fifty conditions on every row and Django build and compile fifty expressions for each
    federation: twice the time, for the table of 73 000 participants and for a deck's."""
    start, end = period(year, until)
    keys = ["intervention"] if by_intervention else []
    return (
        participants.filter(active_between(start, end))
        .annotate(
            is_new=ExpressionWrapper(Q(enrolled_on__gte=start, enrolled_on__lte=end), BooleanField()),
            is_ended=ExpressionWrapper(Q(ended_on__gte=start, ended_on__lte=end), BooleanField()),
            health_followed_up=ExpressionWrapper(
                Q(health_start__isnull=False, health_end__isnull=False)
                | Q(quality_of_life_start__isnull=False, quality_of_life_end__isnull=False),
                BooleanField(),
            ),
            health_improved=ExpressionWrapper(
                Q(health_end__gt=F("health_start")) | Q(quality_of_life_end__gt=F("quality_of_life_start")),
                BooleanField(),
            ),
        )
        .values(*keys, *GROUP_KEYS)
        .annotate(n=Count("id"))
        .order_by()
    )


GROUP_KEYS = (
    "gender",
    "is_new",
    "is_ended",
    "end_reason",
    "had_work_placement",
    "able_to_work_at_end",
    "completed_course",
    "health_followed_up",
    "health_improved",
    "follow_up_12_months",
)
TO_WORK_OR_STUDIES = set(EndReason.to_work_or_studies())
IN_WORK_OR_STUDIES = {FollowUp.WORK, FollowUp.STUDIES}


@dataclass
class Counts:
    """Participants of one intervention (or a total) in one year."""

    active: int = 0
    new: int = 0
    ended: int = 0
    to_work_or_studies: int = 0
    work_placement: int = 0
    able_to_work: int = 0
    completed_course: int = 0
    able_to_work_to_work_or_studies: int = 0
    with_health_follow_up: int = 0
    improved_health: int = 0  # better health or quality of life at the end than at the start
    followed_up_12_months: int = 0  # of the ended, those whose 12-month follow-up is recorded
    in_work_or_studies_12_months: int = 0  # of those, in work or studies then
    by_gender: dict = field(default_factory=dict)  # gender → {"active", "new", "ended", "to_work_or_studies"}
    by_reason: dict = field(default_factory=dict)  # reason → count
    by_reason_and_gender: dict = field(default_factory=dict)  # reason → gender → count

    @classmethod
    def of_groups(cls, groups):
        """The counts of ``_participant_groups``' rows (of one intervention, or a total):
        every participant of them is active in the period; what each counts besides is
        read from its group's keys. A reason not among the table's, or a gender not among
        its columns, is counted where the table has room for it only."""
        counts = _empty_counts()
        for group in groups:
            n, new, ended = group["n"], group["is_new"], group["is_ended"]
            to_work_or_studies = ended and group["end_reason"] in TO_WORK_OR_STUDIES
            counts.active += n
            counts.new += n if new else 0
            counts.work_placement += n if group["had_work_placement"] else 0
            if gender := counts.by_gender.get(group["gender"]):
                gender["active"] += n
                gender["new"] += n if new else 0
                gender["ended"] += n if ended else 0
                gender["to_work_or_studies"] += n if to_work_or_studies else 0
            if not ended:
                continue
            counts.ended += n
            counts.to_work_or_studies += n if to_work_or_studies else 0
            if group["able_to_work_at_end"] is True:
                counts.able_to_work += n
                counts.able_to_work_to_work_or_studies += n if to_work_or_studies else 0
            counts.completed_course += n if group["completed_course"] else 0
            counts.with_health_follow_up += n if group["health_followed_up"] else 0
            counts.improved_health += n if group["health_improved"] else 0
            counts.followed_up_12_months += n if group["follow_up_12_months"] else 0
            counts.in_work_or_studies_12_months += n if group["follow_up_12_months"] in IN_WORK_OR_STUDIES else 0
            if reason := counts.by_reason_and_gender.get(group["end_reason"]):
                counts.by_reason[group["end_reason"]] += n
                if group["gender"] in reason:
                    reason[group["gender"]] += n
        return counts

    @property
    def women(self):
        return self.by_gender[Gender.WOMAN]["active"]

    @property
    def men(self):
        return self.by_gender[Gender.MAN]["active"]

    @property
    def to_work_or_studies_percent(self):
        return share(self.to_work_or_studies, self.ended)

    @property
    def work_placement_percent(self):
        return share(self.work_placement, self.active)

    @property
    def improved_health_percent(self):
        return share(self.improved_health, self.with_health_follow_up)

    @property
    def reason_cells(self):
        """The ended-by-reason cells in the order of the standard table."""
        return [self.by_reason[reason] for reason in REASONS]

    def without_endings(self):
        """The same participants with their endings left out of the counts."""
        return Counts(
            active=self.active,
            new=self.new,
            work_placement=self.work_placement,
            by_gender={
                gender: {**values, "ended": 0, "to_work_or_studies": 0} for gender, values in self.by_gender.items()
            },
            by_reason=dict.fromkeys(REASONS, 0),
            by_reason_and_gender={reason: dict.fromkeys(GENDERS, 0) for reason in REASONS},
        )

    def __add__(self, other):
        return Counts(
            active=self.active + other.active,
            new=self.new + other.new,
            ended=self.ended + other.ended,
            to_work_or_studies=self.to_work_or_studies + other.to_work_or_studies,
            work_placement=self.work_placement + other.work_placement,
            able_to_work=self.able_to_work + other.able_to_work,
            completed_course=self.completed_course + other.completed_course,
            able_to_work_to_work_or_studies=self.able_to_work_to_work_or_studies
            + other.able_to_work_to_work_or_studies,
            with_health_follow_up=self.with_health_follow_up + other.with_health_follow_up,
            improved_health=self.improved_health + other.improved_health,
            followed_up_12_months=self.followed_up_12_months + other.followed_up_12_months,
            in_work_or_studies_12_months=self.in_work_or_studies_12_months + other.in_work_or_studies_12_months,
            by_gender={
                gender: {
                    key: self.by_gender[gender][key] + other.by_gender[gender][key] for key in self.by_gender[gender]
                }
                for gender in GENDERS
            },
            by_reason={reason: self.by_reason[reason] + other.by_reason[reason] for reason in REASONS},
            by_reason_and_gender={
                reason: {
                    gender: self.by_reason_and_gender[reason][gender] + other.by_reason_and_gender[reason][gender]
                    for gender in GENDERS
                }
                for reason in REASONS
            },
        )


def _empty_counts():
    return Counts(
        by_gender={gender: dict.fromkeys(("active", "new", "ended", "to_work_or_studies"), 0) for gender in GENDERS},
        by_reason=dict.fromkeys(REASONS, 0),
        by_reason_and_gender={reason: dict.fromkeys(GENDERS, 0) for reason in REASONS},
    )


@dataclass
class TableRow:
    intervention: Intervention
    counts: Counts
    endings_counted: bool  # False: the intervention reports its endings in its own classes
    budgeted: int | None = None  # the participants the federation budgeted for the year


@dataclass
class ParticipantTable:
    """The federation's participant table of a year: one row per individual-oriented
    intervention and a total, as in the annual report and the member consultation."""

    year: int
    rows: list
    total: Counts

    @property
    def endings_elsewhere(self):
        """The rows whose endings the total leaves out, their intervention reporting them in
        its own classes: every place that prints the total names them."""
        return [row for row in self.rows if not row.endings_counted]

    @property
    def has_budgeted(self):
        return any(row.budgeted is not None for row in self.rows)

    @property
    def budgeted_total(self):
        return sum(row.budgeted for row in self.rows if row.budgeted is not None)


class ParticipantTables:
    """``participant_table(federation, year, until=None)``: the federation's participant
    table of ``year`` (up to ``until``), a row per individual-oriented intervention that
    ran; ``participant_table.per_federation(federations, year, until=None)``: each one's,
    {federation pk: ParticipantTable}. Three queries, whatever the number of federations
    (the fundings, the counts, the budgeted participants of the year)."""

    def __call__(self, federation, year, until=None):
        return self.per_federation([federation], year, until)[federation.pk]

    def per_federation(self, federations, year, until=None, members=None):
        """``members``: each federation's member municipalities of the year where the
        caller read them (``member_municipalities``, for many federations at once)."""
        running = Intervention.objects.individual().running_in(year)
        fundings = list(
            Funding.objects.filter(federation__in=federations, intervention__in=running)
            .select_related("intervention")
            .order_by("intervention__name", "intervention")
        )
        funded = defaultdict(list)  # federation pk → its running interventions, the rows of its table
        for funding in fundings:
            funded[funding.federation_id].append(funding.intervention_id)
        members = members or {}
        counted = _per_federation(
            federations,
            lambda federation: _participant_groups(
                Participant.objects.residents_among(
                    federation, funded[federation.pk], year, members.get(federation.pk)
                ),
                year,
                until,
            ),
        )
        groups = defaultdict(list)  # (federation pk, intervention pk) → its groups
        for pk, federation_groups in counted.items():
            for group in federation_groups:
                groups[pk, group.pop("intervention")].append(group)
        budgeted = {
            (grant["federation"], grant["intervention"]): grant["budgeted_participants"]
            for grant in InterventionYear.objects.filter(
                federation__in=federations, year=year, budgeted_participants__isnull=False
            ).values("federation", "intervention", "budgeted_participants")
        }
        tables = {
            federation.pk: ParticipantTable(year=year, rows=[], total=_empty_counts()) for federation in federations
        }
        for funding in fundings:
            table = tables[funding.federation_id]
            counts = Counts.of_groups(groups.get((funding.federation_id, funding.intervention_id), []))
            table.rows.append(
                TableRow(
                    funding.intervention,
                    counts,
                    funding.counts_endings_in_totals,
                    budgeted.get((funding.federation_id, funding.intervention_id)),
                )
            )
            table.total = table.total + (counts if funding.counts_endings_in_totals else counts.without_endings())
        return tables


participant_table = ParticipantTables()


def intervention_counts(intervention, year, federation=None):
    """One intervention's counts in ``year``: for one federation's residents, or all."""
    if federation is None:
        participants = Participant.objects.filter(intervention=intervention).counted()
    else:
        participants = Participant.objects.residents_among(federation, [intervention], year)
    return Counts.of_groups(_participant_groups(participants, year, by_intervention=False))
