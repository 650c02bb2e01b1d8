"""The participant table: each intervention's participants of a year, counted in one
query, for one federation or for several."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

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


def _participant_counts(year, until=None):
    """The annotations of one row of a participant table for ``year``, or for the part of
    it up to ``until`` (an interim report's period end)."""
    start, end = period(year, until)
    active = active_between(start, end)
    ended = Q(ended_on__gte=start, ended_on__lte=end)
    enrolled = Q(enrolled_on__gte=start, enrolled_on__lte=end)
    counts = {
        "active": Count("id", filter=active),
        "new": Count("id", filter=enrolled),
        "ended": Count("id", filter=ended),
        "to_work_or_studies": Count("id", filter=ended & Q(end_reason__in=EndReason.to_work_or_studies())),
        "work_placement": Count("id", filter=active & Q(had_work_placement=True)),
        "able_to_work": Count("id", filter=ended & Q(able_to_work_at_end=True)),
        "completed_course": Count("id", filter=ended & Q(completed_course=True)),
        "able_to_work_to_work_or_studies": Count(
            "id", filter=ended & Q(able_to_work_at_end=True, end_reason__in=EndReason.to_work_or_studies())
        ),
        "with_health_follow_up": Count(
            "id",
            filter=ended
            & (
                Q(health_start__isnull=False, health_end__isnull=False)
                | Q(quality_of_life_start__isnull=False, quality_of_life_end__isnull=False)
            ),
        ),
        "improved_health": Count(
            "id",
            filter=ended
            & (Q(health_end__gt=F("health_start")) | Q(quality_of_life_end__gt=F("quality_of_life_start"))),
        ),
        "followed_up_12_months": Count("id", filter=ended & ~Q(follow_up_12_months="")),
        "in_work_or_studies_12_months": Count(
            "id", filter=ended & Q(follow_up_12_months__in=[FollowUp.WORK, FollowUp.STUDIES])
        ),
    }
    for gender in GENDERS:
        counts[f"active_{gender}"] = Count("id", filter=active & Q(gender=gender))
        counts[f"new_{gender}"] = Count("id", filter=enrolled & Q(gender=gender))
        counts[f"ended_{gender}"] = Count("id", filter=ended & Q(gender=gender))
        counts[f"to_work_or_studies_{gender}"] = Count(
            "id", filter=ended & Q(gender=gender, end_reason__in=EndReason.to_work_or_studies())
        )
    for reason in REASONS:
        counts[f"reason_{reason}"] = Count("id", filter=ended & Q(end_reason=reason))
        for gender in GENDERS:
            counts[f"reason_{reason}_{gender}"] = Count("id", filter=ended & Q(end_reason=reason, gender=gender))
    return counts


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
    def from_row(cls, row):
        return cls(
            active=row["active"],
            new=row["new"],
            ended=row["ended"],
            to_work_or_studies=row["to_work_or_studies"],
            work_placement=row["work_placement"],
            able_to_work=row["able_to_work"],
            completed_course=row["completed_course"],
            able_to_work_to_work_or_studies=row["able_to_work_to_work_or_studies"],
            with_health_follow_up=row["with_health_follow_up"],
            improved_health=row["improved_health"],
            followed_up_12_months=row["followed_up_12_months"],
            in_work_or_studies_12_months=row["in_work_or_studies_12_months"],
            by_gender={
                gender: {key: row[f"{key}_{gender}"] for key in ("active", "new", "ended", "to_work_or_studies")}
                for gender in GENDERS
            },
            by_reason={reason: row[f"reason_{reason}"] for reason in REASONS},
            by_reason_and_gender={
                reason: {gender: row[f"reason_{reason}_{gender}"] for gender in GENDERS} for reason in REASONS
            },
        )

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

    def per_federation(self, federations, year, until=None):
        running = Intervention.objects.individual().running_in(year)
        fundings = list(
            Funding.objects.filter(federation__in=federations, intervention__in=running)
            .select_related("intervention")
            .order_by("intervention__name", "intervention")
        )
        funded = defaultdict(list)  # federation pk → its running interventions, the rows of its table
        for funding in fundings:
            funded[funding.federation_id].append(funding.intervention_id)
        counted = _per_federation(
            federations,
            lambda federation: (
                Participant.objects.residents_among(federation, funded[federation.pk], year)
                .filter(active_between(*period(year, until)))
                .values("intervention")
                .annotate(**_participant_counts(year, until))
            ),
        )
        rows = {(pk, row["intervention"]): row for pk, federation_rows in counted.items() for row in federation_rows}
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
            row = rows.get((funding.federation_id, funding.intervention_id))
            counts = Counts.from_row(row) if row else _empty_counts()
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
    row = participants.filter(active_between(*period(year))).aggregate(**_participant_counts(year))
    return Counts.from_row(row)
