"""The participant figures the federations report, counted in the database.

Each function takes a federation and a year and returns plain data: one query groups
the participants by intervention with one ``Count(filter=...)`` per column, whatever
the number of participants. A table several documents count for several federations at
once (the county's deck) is split in two: ``*_rows`` builds its query, ``*_of`` reads the
rows, and ``per_federation`` asks the query of each federation in one go.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from finsam.disclosure import DERIVED, is_withheld, share_or_withheld, small_withheld

from .models import (
    FOLLOW_UP_MONTHS,
    EndReason,
    FollowUp,
    Funding,
    Gender,
    Intervention,
    InterventionYear,
    NationalAverage,
    Participant,
    ParticipantSupport,
    RespondentGroup,
    Support,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResult,
    active_between,
)

REASONS = list(EndReason)
GENDERS = list(Gender)


def share(part, whole):
    """``part`` of ``whole`` in whole percent, rounded half up; ``None`` for 0 of 0;
    withheld where either is (finsam.disclosure)."""
    if is_withheld(part, whole):
        return DERIVED
    if not whole:
        return None
    return int((Decimal(100) * part / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def period(year, until=None):
    return date(year, 1, 1), until or date(year, 12, 31)


def participant_counts(year, until=None):
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


def empty_counts():
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


def per_federation(federations, rows):
    """``rows(federation)``, a values() queryset, for each of ``federations`` in one query:
    {federation pk: [row]}. A UNION ALL keeps each federation's own conditions (its
    residents, its interventions) and the plan the database makes for them alone, and a
    county of six federations asks one query as one federation does."""
    parts = [rows(federation).annotate(of_federation=Value(federation.pk)).order_by() for federation in federations]
    grouped = {federation.pk: [] for federation in federations}
    if parts:
        for row in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
            grouped[row.pop("of_federation")].append(row)
    return grouped


def participant_table(federation, year, until=None):
    """The federation's participant table of ``year`` (up to ``until``): a row per
    individual-oriented intervention that ran, in two queries."""
    return participant_tables([federation], year, until)[federation.pk]


def participant_tables(federations, year, until=None):
    """``participant_table`` of each of ``federations``, in two queries whatever their
    number: {federation pk: ParticipantTable}."""
    running = Intervention.objects.individual().running_in(year)
    fundings = list(
        Funding.objects.filter(federation__in=federations, intervention__in=running)
        .select_related("intervention")
        .order_by("intervention__name", "intervention")
    )
    funded = defaultdict(list)  # federation pk → its running interventions, the rows of its table
    for funding in fundings:
        funded[funding.federation_id].append(funding.intervention_id)
    counted = per_federation(
        federations,
        lambda federation: (
            Participant.objects.residents_among(federation, funded[federation.pk], year)
            .filter(active_between(*period(year, until)))
            .values("intervention")
            .annotate(**participant_counts(year, until))
        ),
    )
    rows = {(pk, row["intervention"]): row for pk, federation_rows in counted.items() for row in federation_rows}
    tables = {federation.pk: ParticipantTable(year=year, rows=[], total=empty_counts()) for federation in federations}
    for funding in fundings:
        table = tables[funding.federation_id]
        row = rows.get((funding.federation_id, funding.intervention_id))
        counts = Counts.from_row(row) if row else empty_counts()
        table.rows.append(TableRow(funding.intervention, counts, funding.counts_endings_in_totals))
        table.total = table.total + (counts if funding.counts_endings_in_totals else counts.without_endings())
    return tables


def participants_of(interventions, federation=None, year=None):
    """The participants of ``interventions``: the federation's residents (in ``year``) in
    them when a federation is given (they are some of those it funds), else everyone."""
    if federation is None:
        return Participant.objects.filter(intervention__in=interventions)
    return Participant.objects.residents_among(federation, interventions, year)


def intervention_counts(intervention, year, federation=None):
    """One intervention's counts in ``year``: for one federation's residents, or all."""
    participants = participants_of([intervention], federation, year).filter(active_between(*period(year)))
    row = participants.aggregate(**participant_counts(year))
    return Counts.from_row(row)


def endings_by_class(intervention, year, federation=None):
    """Endings in ``year`` per the intervention's own end classes: [(end class, count)]."""
    return endings_by_class_by_intervention([intervention], year, federation)[intervention.pk]


def endings_by_class_by_intervention(interventions, year, federation=None):
    """``endings_by_class`` for several interventions (prefetched with their end classes)
    in one query: {intervention pk: [(end class, count)]}."""
    participants = participants_of(interventions, federation, year).filter(ended_on__year=year)
    return endings_by_class_of(interventions, end_class_rows(participants))


def end_class_rows(participants):
    return participants.values("intervention", "end_class").annotate(n=Count("id")).order_by()


def endings_by_class_of(interventions, rows):
    counts = {(row["intervention"], row["end_class"]): row["n"] for row in rows}
    return {
        intervention.pk: [
            (end_class, counts.get((intervention.pk, end_class.pk), 0)) for end_class in intervention.end_classes.all()
        ]
        for intervention in interventions
    }


@dataclass
class SurveyShare:
    question: object
    answered: dict  # gender → number answering
    clearly_positive: dict  # gender → number clearly positive
    protected: bool = False  # a share on few answers is withheld (finsam.disclosure)

    def percent(self, gender=None):
        if gender is None:
            part, whole = sum(self.clearly_positive.values()), sum(self.answered.values())
        else:
            part, whole = self.clearly_positive[gender], self.answered[gender]
        return (self.protected and share_or_withheld(part, whole)) or share(part, whole)

    @property
    def percent_women(self):
        return self.percent(Gender.WOMAN)

    @property
    def percent_men(self):
        return self.percent(Gender.MAN)

    @property
    def percent_all(self):
        return self.percent()


def survey_shares(participants):
    """Share of answers *clearly positive* (the two top steps) per question and gender,
    for the answers of ``participants``."""
    return survey_shares_by(participants).get(None, [])


def survey_shares_by_intervention(participants):
    """``survey_shares`` for each intervention of ``participants`` at once, in one query:
    {intervention pk: [SurveyShare]}."""
    return survey_shares_by(participants, "participant__intervention")


def survey_shares_by(participants, key=None):
    return survey_shares_of(survey_share_rows(participants, key), key)


def survey_share_rows(participants, key=None):
    """The answers of ``participants`` counted per question and gender (and ``key``)."""
    counts = {}
    for gender in GENDERS:
        counts[f"answered_{gender}"] = Count("id", filter=Q(participant__gender=gender))
        counts[f"positive_{gender}"] = Count(
            "id", filter=Q(participant__gender=gender, answer__in=SurveyAnswer.CLEARLY_POSITIVE)
        )
    keys = [key] if key else []
    return (
        SurveyAnswer.objects.filter(participant__in=participants)
        .values(*keys, "question", "question__number", "question__text")
        .annotate(**counts)
        .order_by()
    )


def survey_shares_of(rows, key=None):
    """{key: [SurveyShare] in the order of the questions} of ``survey_share_rows``."""
    shares = {}
    for row in sorted(rows, key=lambda row: row["question__number"]):
        shares.setdefault(row[key] if key else None, []).append(
            SurveyShare(
                question={"number": row["question__number"], "text": row["question__text"]},
                answered={gender: row[f"answered_{gender}"] for gender in GENDERS},
                clearly_positive={gender: row[f"positive_{gender}"] for gender in GENDERS},
            )
        )
    return shares


@dataclass
class IndicatorRow:
    """The share clearly positive to one question of the indicator survey, beside the
    national average of the year where it is known."""

    group: str
    question: object
    respondents: int
    clearly_positive: int
    national: Decimal | None
    protected: bool = False  # a share on few answers is withheld (finsam.disclosure)

    @property
    def percent(self):
        return (self.protected and share_or_withheld(self.clearly_positive, self.respondents)) or share(
            self.clearly_positive, self.respondents
        )

    @property
    def shown_respondents(self):
        return small_withheld(self.respondents) if self.protected else self.respondents

    @property
    def compared(self):
        """ "above", "below" or "equal" to the national average, or "" when it is unknown."""
        if self.national is None or self.percent is None or is_withheld(self.percent):
            return ""
        difference = Decimal(self.percent) - self.national
        return "above" if difference > 0 else "below" if difference < 0 else "equal"


def indicator_table(federation, year, interventions=None):
    """The year's indicator survey, {intervention pk (None: the federation as a whole):
    [IndicatorRow]} by respondent group and question, for ``interventions`` (default: all).
    An intervention's ended participants count from the answers kept on their records
    where the survey's own figures for a question are not entered. Four queries, whatever
    the number of interventions and answers."""
    results = SurveyResult.objects.of_federation(federation).filter(year=year).select_related("question")
    ended = Participant.objects.filter(ended_on__year=year).of_federation(federation, year)
    if interventions is not None:
        results = results.filter(Q(intervention__in=interventions) | Q(intervention__isnull=True))
        ended = ended.filter(intervention__in=interventions)
    counted = {}  # intervention pk → [(question, respondents, clearly positive)]
    for result in results:
        counted.setdefault(result.intervention_id, []).append(
            (result.question, result.respondents, result.clearly_positive)
        )
    entered = {(pk, question.pk) for pk, rows in counted.items() for question, _n, _p in rows}
    answers = [
        row
        for row in SurveyAnswer.objects.filter(participant__in=ended)
        .values("participant__intervention", "question")
        .annotate(respondents=Count("id"), positive=Count("id", filter=Q(answer__in=SurveyAnswer.CLEARLY_POSITIVE)))
        if (row["participant__intervention"], row["question"]) not in entered
    ]
    questions = SurveyQuestion.objects.in_bulk([row["question"] for row in answers])
    for row in answers:
        counted.setdefault(row["participant__intervention"], []).append(
            (questions[row["question"]], row["respondents"], row["positive"])
        )
    national = dict(NationalAverage.objects.filter(year=year).values_list("question", "percent"))
    return {
        pk: [
            IndicatorRow(
                group=question.get_group_display(),
                question=question,
                respondents=respondents,
                clearly_positive=positive,
                national=national.get(question.pk),
            )
            for question, respondents, positive in sorted(
                rows, key=lambda row: (GROUP_ORDER.index(row[0].group), row[0].number)
            )
        ]
        for pk, rows in counted.items()
    }


def indicator_results(federation, year, intervention=None):
    """The indicator rows of one intervention, or of the federation as a whole."""
    table = indicator_table(federation, year, [intervention] if intervention else [])
    return table.get(intervention.pk if intervention else None, [])


GROUP_ORDER = list(RespondentGroup)


AGE_BANDS = [(16, 19), (20, 24), (25, 29), (30, 49), (50, 64)]
YOUNG_ADULTS = (18, 29)  # a row of its own under the bands, which it overlaps: "of whom"


def age_band_label(low, high):
    if (low, high) == YOUNG_ADULTS:
        return _("of whom %(low)s–%(high)s") % {"low": low, "high": high}
    return f"{low}–{high}"


def age_distribution(participants):
    """Participants by age at enrolment and gender: [(band label, women, men)], with
    "young adults 18–29" as the last row."""
    return age_distribution_by_intervention(participants, key=None)[None]


def age_distribution_by_intervention(participants, key="intervention"):
    """``age_distribution`` per intervention of ``participants`` in one query:
    {intervention pk: [(band label, women, men)]} (``key=None``: {None: …} of them all).
    The database counts each (age, gender) once — the age computed once a row — and the
    few dozen counts are put in their bands here."""
    return ages_of(age_rows(participants, key), key)


def age_rows(participants, key="intervention"):
    keys = [key] if key else []
    return (
        participants.annotate(age=ExtractYear("enrolled_on") - F("birth_year"))
        .values(*keys, "gender", "age")
        .annotate(n=Count("id"))
        .order_by()
    )


def ages_of(rows, key="intervention"):
    bands = AGE_BANDS + [YOUNG_ADULTS]
    groups = set() if key else {None}
    cells = defaultdict(int)  # (group, low, high, gender) → participants
    for row in rows:
        group = row[key] if key else None
        groups.add(group)
        for low, high in bands:
            if row["age"] is not None and low <= row["age"] <= high:
                cells[group, low, high, row["gender"]] += row["n"]
    return {
        group: [
            (
                age_band_label(low, high),
                cells.get((group, low, high, Gender.WOMAN), 0),
                cells.get((group, low, high, Gender.MAN), 0),
            )
            for low, high in bands
        ]
        for group in groups
    }


def support_before_and_after(participants):
    """For ``participants`` (those who ended): how many had each kind of public support
    at the start and at the end: [(label, at start, at end)]."""
    return supports_of(support_rows(participants))


def support_rows(participants):
    return (
        ParticipantSupport.objects.filter(participant__in=participants)
        .values("phase", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )


def supports_of(rows):
    counts = {(row["phase"], row["kind"]): row["n"] for row in rows}
    return [
        (label, counts.get(("start", kind), 0), counts.get(("end", kind), 0))
        for kind, label in Support.choices
        if counts.get(("start", kind)) or counts.get(("end", kind))
    ]


@dataclass
class FollowUpRow:
    """How those who ended stood some months after the end: a count per status (in the
    order of ``FollowUp``) and of those not (yet) followed up; together, the ended."""

    months: int
    statuses: list
    not_followed_up: int

    @property
    def label(self):
        return _("%(months)s months after") % {"months": self.months}

    @property
    def cells(self):
        return [*self.statuses, self.not_followed_up]


FOLLOW_UP_HEADINGS = [*FollowUp.labels]


def follow_up_counts():
    counts = {}
    for months in FOLLOW_UP_MONTHS:
        field_name = f"follow_up_{months}_months"
        for status in FollowUp:
            counts[f"m{months}_{status}"] = Count("id", filter=Q(**{field_name: status}))
        counts[f"m{months}_none"] = Count("id", filter=Q(**{field_name: ""}))
    return counts


def follow_up_rows(row):
    return [
        FollowUpRow(months, [row[f"m{months}_{status}"] for status in FollowUp], row[f"m{months}_none"])
        for months in FOLLOW_UP_MONTHS
    ]


def follow_up_table(ended):
    """The follow-up 6 and 12 months after the end of ``ended`` (participants who ended):
    one row per follow-up, counted in one query."""
    return follow_up_rows(ended.aggregate(**follow_up_counts()))


def follow_up_by_intervention(ended):
    """``follow_up_table`` per intervention of ``ended``, in one query: {pk: rows}."""
    return follow_ups_of(follow_up_rows_by_intervention(ended))


def follow_up_rows_by_intervention(ended):
    return ended.values("intervention").annotate(**follow_up_counts()).order_by()


def follow_ups_of(rows):
    return {row["intervention"]: follow_up_rows(row) for row in rows}


def intervention_money(intervention, federation, years=5):
    """Granted, budgeted, actual and co-financing per year, newest first: the grant from
    the decision, budgeted and actual from the federation's full-year budget lines."""
    return money_by_intervention([intervention], federation, years)[intervention.pk]


def money_by_intervention(interventions, federation, years=5):
    """``intervention_money`` for several interventions in two queries:
    {intervention pk: [{"year", "granted", "budgeted", "actual", "co_financing"}]}."""
    money = {intervention.pk: {} for intervention in interventions}

    def year_of(pk, year):  # every figure named, None where the year has none
        return money[pk].setdefault(
            year,
            {"year": year, "granted": None, "decision": None, "co_financing": None, "budgeted": None, "actual": None},
        )

    grants = InterventionYear.objects.filter(intervention__in=interventions, federation=federation).select_related(
        "decision__diary_entry"
    )
    for grant in grants:
        year_of(grant.intervention_id, grant.year).update(
            granted=grant.granted, decision=grant.decision, co_financing=grant.co_financing
        )
    lines = (
        Intervention.objects.filter(
            pk__in=[intervention.pk for intervention in interventions],
            budget_lines__budget__federation=federation,
            budget_lines__budget__scenario__in=["budget", "actual"],
            budget_lines__budget__period_end__month=12,
            budget_lines__budget__period_end__day=31,
        )
        .values("pk", "budget_lines__budget__year", "budget_lines__budget__scenario")
        .annotate(total=Sum("budget_lines__amount"))
        .order_by()
    )
    for line in lines:
        year = line["budget_lines__budget__year"]
        row = year_of(line["pk"], year)
        row["budgeted" if line["budget_lines__budget__scenario"] == "budget" else "actual"] = line["total"]
    return {pk: [rows[year] for year in sorted(rows, reverse=True)[:years]] for pk, rows in money.items()}


SUPPORT_YEAR_BANDS = [(0, 1), (2, 4), (5, 9), (10, None)]


def band_label(low, high):
    return f"{low}–{high}" if high is not None else f"{low}–"


SUPPORT_YEAR_LABELS = [band_label(low, high) for low, high in SUPPORT_YEAR_BANDS]


@dataclass
class Profile:
    """Who the year's participants of an intervention were: by gender where it is kept."""

    ages: list  # [(band, women, men)]
    municipalities: list  # [(name, count)]
    referrals: list  # [(member or "—", count)]
    years_in_support: list  # [(band, count)], with the unknown last


def participant_profiles(participants):
    """Ages, municipality of residence, referral source and years in public support of
    ``participants``, per intervention: {intervention pk: Profile}, in two grouped
    queries whatever the number of interventions and participants."""
    return profiles_of(profile_rows(participants))


def profile_rows(participants):
    """The two grouped queries of ``participant_profiles``, by name: the ages, and the
    places — participants counted by municipality and referral source together (a few
    hundred groups), each with their years in public support, so that the three tables
    read the year's rows once."""
    bands = {
        band_label(low, high): Count(
            "id", filter=Q(years_in_support__gte=low) & (Q() if high is None else Q(years_in_support__lte=high))
        )
        for low, high in SUPPORT_YEAR_BANDS
    }
    return {
        "places": participants.values(
            "intervention", "municipality__name", "referred_by__short_name", "referred_by__name"
        )
        .annotate(n=Count("id"), **bands, unknown=Count("id", filter=Q(years_in_support__isnull=True)))
        .order_by(),
        "ages": age_rows(participants),
    }


def profiles_of(rows):
    """{intervention pk: Profile} of ``profile_rows``' rows: the most common first."""
    municipalities, referrals, support_years = Counter(), Counter(), defaultdict(Counter)
    for row in rows["places"]:
        pk = row["intervention"]
        municipalities[pk, row["municipality__name"]] += row["n"]
        referrals[pk, row["referred_by__short_name"], row["referred_by__name"]] += row["n"]
        support_years[pk].update({label: row[label] for label in [*SUPPORT_YEAR_LABELS, "unknown"]})

    def most_first(item):
        (_pk, *names), n = item
        return -n, names[-1] is None, names[-1] or ""

    profiles = defaultdict(lambda: Profile(ages=[], municipalities=[], referrals=[], years_in_support=[]))
    for (pk, name), n in sorted(municipalities.items(), key=most_first):
        profiles[pk].municipalities.append((name, n))
    for (pk, short_name, name), n in sorted(referrals.items(), key=most_first):
        profiles[pk].referrals.append((short_name or name or "—", n))
    for pk, years in support_years.items():
        profiles[pk].years_in_support = [(label, years[label]) for label in SUPPORT_YEAR_LABELS] + [
            ("?", years["unknown"])
        ]
    for pk, ages in ages_of(rows["ages"]).items():
        profiles[pk].ages = ages
    return profiles


@dataclass
class SinceStart:
    participants: int
    ended: int
    to_work_or_studies: int

    @property
    def to_work_or_studies_percent(self):
        return share(self.to_work_or_studies, self.ended)


def since_start(participants, year):
    """Figures from the intervention's start to the end of ``year``."""
    return since_start_by_intervention(participants, year, key=None)[None]


def since_start_by_intervention(participants, year, key="intervention"):
    """``since_start`` per intervention of ``participants`` in one query:
    {intervention pk: SinceStart} (``key=None``: {None: SinceStart} of them all)."""
    if key is None:
        return {
            None: SinceStart(**participants.filter(enrolled_on__year__lte=year).aggregate(**since_start_counts(year)))
        }
    return since_start_of(since_start_rows(participants, year, key), key)


def since_start_counts(year):
    return {
        "participants": Count("id"),
        "ended": Count("id", filter=Q(ended_on__year__lte=year)),
        "to_work_or_studies": Count(
            "id", filter=Q(ended_on__year__lte=year, end_reason__in=EndReason.to_work_or_studies())
        ),
    }


def since_start_rows(participants, year, key="intervention"):
    return participants.filter(enrolled_on__year__lte=year).values(key).annotate(**since_start_counts(year)).order_by()


def since_start_of(rows, key="intervention"):
    return {row.pop(key): SinceStart(**row) for row in rows}
