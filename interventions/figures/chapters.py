"""The figures of an intervention's chapter: end classes, ages, support before and after,
follow-up, money, profiles and the figures since the start."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from ..models import (
    FOLLOW_UP_MONTHS,
    EndReason,
    FollowUp,
    Gender,
    Intervention,
    InterventionYear,
    Participant,
    ParticipantSupport,
    Support,
)
from .base import Figure, before_and_after, share


def _end_class_rows(participants, interventions):
    # Counted by intervention, the reading names each of ``interventions`` whatever else
    # ``participants`` hold (every caller's are of those interventions already): the county
    # deck names every federation's, and writing them into each federation's part of the
    # query cost time for nothing.
    return participants.values("intervention", "end_class").annotate(n=Count("id")).order_by()


def _endings_by_class_of(rows, interventions):
    counts = {(row["intervention"], row["end_class"]): row["n"] for row in rows}
    return {
        intervention.pk: [
            (end_class, counts.get((intervention.pk, end_class.pk), 0)) for end_class in intervention.end_classes.all()
        ]
        for intervention in interventions
    }


endings_by_class = Figure(
    _end_class_rows,
    _endings_by_class_of,
    doc="""Endings per each intervention's own end classes, of ``participants``
    (those who ended): ``endings_by_class(ended, interventions)``, the interventions prefetched with
    their end classes → {intervention pk: [(end class, count)]}.""",
)


AGE_BANDS = [(16, 19), (20, 24), (25, 29), (30, 49), (50, 64)]
YOUNG_ADULTS = (18, 29)  # a row of its own under the bands, which it overlaps: "of whom"


def age_band_label(low, high):
    if (low, high) == YOUNG_ADULTS:
        return _("of whom %(low)s–%(high)s") % {"low": low, "high": high}
    return f"{low}–{high}"


def _age_rows(participants, by_intervention=False):
    """Each (age at enrolment, gender) counted once — the age computed once a row; the few
    dozen counts are put in their bands in ``_ages_of``."""
    keys = ["intervention"] if by_intervention else []
    return (
        participants.annotate(age=ExtractYear("enrolled_on") - F("birth_year"))
        .values(*keys, "gender", "age")
        .annotate(n=Count("id"))
        .order_by()
    )


def _ages_of(rows, by_intervention=False):
    bands = AGE_BANDS + [YOUNG_ADULTS]
    groups = set() if by_intervention else {None}
    cells = defaultdict(int)  # (group, low, high, gender) → participants
    for row in rows:
        group = row["intervention"] if by_intervention else None
        groups.add(group)
        for low, high in bands:
            if row["age"] is not None and low <= row["age"] <= high:
                cells[group, low, high, row["gender"]] += row["n"]
    ages = {
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
    return ages if by_intervention else ages[None]


age_distribution = Figure(
    _age_rows,
    _ages_of,
    doc="""Participants by age at enrolment and gender: [(band label, women, men)],
    with "young adults 18–29" as the last row; with ``by_intervention=True`` {intervention pk: rows}.""",
)


def _support_rows(participants):
    return (
        ParticipantSupport.objects.filter(participant__in=participants)
        .values("phase", "kind", "participant__gender")
        .annotate(n=Count("id"))
        .order_by()
    )


def _supports_of(rows):
    counts = {(row["phase"], row["kind"], row["participant__gender"]): row["n"] for row in rows}
    return before_and_after(counts, Support.choices)


support_before_and_after = Figure(
    _support_rows,
    _supports_of,
    doc="""For ``participants`` (those who ended): how many women and men had each kind of
    public support at the start and at the end: [(label, women at start, men at start,
    women at end, men at end)], as ``occupation_before_and_after`` counts occupations.""",
)


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


def _follow_up_rows(ended, by_intervention=False):
    """``ended`` counted by where they stood at each follow-up (and intervention): a few
    dozen groups, read by ``_follow_up_table_of``."""
    keys = ["intervention"] if by_intervention else []
    fields = [f"follow_up_{months}_months" for months in FOLLOW_UP_MONTHS]
    return ended.values(*keys, *fields).annotate(n=Count("id")).order_by()


def _follow_up_table_of(groups):
    """A FollowUpRow for each follow-up, of ``_follow_up_rows``' groups."""
    table = []
    for months in FOLLOW_UP_MONTHS:
        counted = Counter()
        for group in groups:
            counted[group[f"follow_up_{months}_months"]] += group["n"]
        table.append(FollowUpRow(months, [counted[status] for status in FollowUp], counted[""]))
    return table


def _follow_ups_of(rows, by_intervention=False):
    if not by_intervention:
        return _follow_up_table_of(list(rows))
    groups = defaultdict(list)
    for row in rows:
        groups[row["intervention"]].append(row)
    return {pk: _follow_up_table_of(each) for pk, each in groups.items()}


follow_up_table = Figure(
    _follow_up_rows,
    _follow_ups_of,
    doc="""The follow-up 6 and 12 months after the end of ``ended`` (participants who
    ended): one row per follow-up; with ``by_intervention=True`` {intervention pk: rows}.""",
)


def money_by_intervention(interventions, federation, years=5):
    """Granted, budgeted, actual and co-financing per year, newest first, of each of
    ``interventions`` in two queries: the grant from the decision, budgeted and actual from
    the federation's full-year budget lines. {intervention pk: [{"year", "granted",
    "budgeted", "actual", "co_financing"}]}."""
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
    education: list = ()  # [(level, women, men)], with the unknown last


def _profile_rows(participants):
    """``participants`` counted once for each combination of what the profiles tell apart —
    intervention, municipality, referral source, years in public support, education,
    gender and age at enrolment — about 1 400 groups for 30 000 participants, so that the
    five tables read the year's rows once (three queries, one a table, took 1.6–2× the time)."""
    return (
        participants.annotate(age=ExtractYear("enrolled_on") - F("birth_year"))
        .values(
            "intervention",
            "municipality__name",
            "referred_by__short_name",
            "referred_by__name",
            "years_in_support",
            "education",
            "gender",
            "age",
        )
        .annotate(n=Count("id"))
        .order_by()
    )


def support_years_label(years):
    """The band of ``SUPPORT_YEAR_BANDS`` that ``years`` in public support fall in; "unknown"."""
    if years is None:
        return "unknown"
    return next(
        band_label(low, high) for low, high in SUPPORT_YEAR_BANDS if years >= low and (high is None or years <= high)
    )


def _profiles_of(rows):
    """The most common first."""
    rows = list(rows)
    municipalities, referrals, support_years, education = Counter(), Counter(), defaultdict(Counter), Counter()
    for row in rows:
        pk, n = row["intervention"], row["n"]
        municipalities[pk, row["municipality__name"]] += n
        referrals[pk, row["referred_by__short_name"], row["referred_by__name"]] += n
        support_years[pk][support_years_label(row["years_in_support"])] += n
        education[pk, row["education"], row["gender"]] += n

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
    for pk, ages in _ages_of(rows, by_intervention=True).items():
        profiles[pk].ages = ages
    levels = [*Participant.Education.choices, ("", "?")]
    for pk in {pk for pk, _level, _gender in education}:
        profiles[pk].education = [
            (label, education[pk, level, Gender.WOMAN], education[pk, level, Gender.MAN])
            for level, label in levels
            if education[pk, level, Gender.WOMAN] or education[pk, level, Gender.MAN]
        ]
    return profiles


participant_profiles = Figure(
    _profile_rows,
    _profiles_of,
    doc="""Ages, municipality of residence, referral source, years in public support and
    education of ``participants``, per intervention: {intervention pk: Profile}, in one grouped query
    whatever the number of interventions and participants.""",
)


@dataclass
class Progression:
    """The progression steps (SKAPA) of those who ended with a step recorded at both ends."""

    assessed: int
    moved_up: int  # at least one step higher at the end than at the start
    mean_start: Decimal | None = None
    mean_end: Decimal | None = None


def _progression_rows(participants):
    return (
        participants.filter(progression_start__isnull=False, progression_end__isnull=False)
        .values("intervention")
        .annotate(
            assessed=Count("id"),
            moved_up=Count("id", filter=Q(progression_end__gt=F("progression_start"))),
            mean_start=Avg("progression_start"),
            mean_end=Avg("progression_end"),
        )
        .order_by()
    )


def _progressions_of(rows):
    def mean(value):
        return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    return {
        row["intervention"]: Progression(
            row["assessed"], row["moved_up"], mean(row["mean_start"]), mean(row["mean_end"])
        )
        for row in rows
    }


progression_steps = Figure(
    _progression_rows,
    _progressions_of,
    doc="""Of ``participants`` (those who ended), per intervention, those with a progression
    step (SKAPA) at enrolment and at the end: how many, how many moved up, and the mean step at
    each end to one decimal: {intervention pk: Progression}.""",
)


@dataclass
class SinceStart:
    participants: int
    ended: int
    to_work_or_studies: int

    @property
    def to_work_or_studies_percent(self):
        return share(self.to_work_or_studies, self.ended)


def _since_start_counts(year):
    return {
        "participants": Count("id"),
        "ended": Count("id", filter=Q(ended_on__year__lte=year)),
        "to_work_or_studies": Count(
            "id", filter=Q(ended_on__year__lte=year, end_reason__in=EndReason.to_work_or_studies())
        ),
    }


def _since_start_rows(participants, year, by_intervention=False):
    participants = participants.filter(enrolled_on__year__lte=year)
    if by_intervention:
        return participants.values("intervention").annotate(**_since_start_counts(year)).order_by()
    return [participants.aggregate(**_since_start_counts(year))]


def _since_start_of(rows, year, by_intervention=False):
    if by_intervention:
        return {row.pop("intervention"): SinceStart(**row) for row in rows}
    return SinceStart(**rows[0])


since_start = Figure(
    _since_start_rows,
    _since_start_of,
    doc="""Figures of ``participants`` from the intervention's start to the end of
    ``year``: a SinceStart; with ``by_intervention=True`` {intervention pk: SinceStart}.""",
)
