"""The survey figures: the ended participants' answers, and the indicator survey beside
the national average."""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from finsam.disclosure import DERIVED, is_withheld, share_or_withheld, small_withheld

from ..models import (
    Gender,
    Indicator,
    NationalAverage,
    Participant,
    RespondentGroup,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResult,
    measurement_year,
)
from .base import GENDERS, Figure, share


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


def _survey_share_rows(participants, by_intervention=False):
    """The answers of ``participants`` counted per question and gender (and intervention)."""
    counts = {}
    for gender in GENDERS:
        counts[f"answered_{gender}"] = Count("id", filter=Q(participant__gender=gender))
        counts[f"positive_{gender}"] = Count(
            "id", filter=Q(participant__gender=gender, answer__in=SurveyAnswer.CLEARLY_POSITIVE)
        )
    keys = ["participant__intervention"] if by_intervention else []
    return (
        SurveyAnswer.objects.filter(participant__in=participants)
        .values(*keys, "question", "question__number", "question__text")
        .annotate(**counts)
        .order_by()
    )


def _survey_shares_of(rows, by_intervention=False):
    shares = {}
    for row in sorted(rows, key=lambda row: row["question__number"]):
        shares.setdefault(row["participant__intervention"] if by_intervention else None, []).append(
            SurveyShare(
                question={"number": row["question__number"], "text": row["question__text"]},
                answered={gender: row[f"answered_{gender}"] for gender in GENDERS},
                clearly_positive={gender: row[f"positive_{gender}"] for gender in GENDERS},
            )
        )
    return shares if by_intervention else shares.get(None, [])


survey_shares = Figure(
    _survey_share_rows,
    _survey_shares_of,
    doc="""Share of answers *clearly positive* (the two top steps) per question and
    gender, of the answers of ``participants``: [SurveyShare] in the order of the questions, or with
    ``by_intervention=True`` {intervention pk: [SurveyShare]}.""",
)


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
        return compared_with(self.percent, self.national)


def compared_with(percent, national):
    """ "above", "below" or "equal" to the national average, or "" when it is unknown."""
    if national is None or percent is None or is_withheld(percent):
        return ""
    difference = Decimal(percent) - national
    return "above" if difference > 0 else "below" if difference < 0 else "equal"


def indicator_table(federation, year, interventions=None):
    """The year's indicator survey, {intervention pk (None: the federation as a whole):
    [IndicatorRow]} by respondent group and question, for ``interventions`` (default: all).
    An intervention's ended participants count from the answers kept on their records
    where the survey's own figures for a question are not entered: those who ended in the
    survey's measurement year, November to October, as the survey counts them. Four queries, whatever
    the number of interventions and answers."""
    results = SurveyResult.objects.of_federation(federation).filter(year=year).select_related("question")
    ended = Participant.objects.filter(ended_on__range=measurement_year(year)).of_federation(federation, year)
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


GROUP_ORDER = list(RespondentGroup)


def pooled(table):
    """The rows of every intervention and of the federation as a whole in ``table``
    (``indicator_table``'s), added up question by question: the federation's own survey."""
    by_question = {}
    for row in (row for rows in table.values() for row in rows):
        known = by_question.get(row.question.pk)
        by_question[row.question.pk] = (
            row
            if known is None
            else replace(
                known,
                respondents=known.respondents + row.respondents,
                clearly_positive=known.clearly_positive + row.clearly_positive,
            )
        )
    return sorted(by_question.values(), key=lambda row: (GROUP_ORDER.index(row.question.group), row.question.number))


def mean(values, places):
    return (sum(Decimal(value) for value in values) / len(values)).quantize(places, rounding=ROUND_HALF_UP)


@dataclass
class IndicatorValue:
    """An indicator of the survey over some years: the mean share clearly positive of its
    questions answered each year, and the mean of their national averages."""

    indicator: object
    rows: dict  # year → [IndicatorRow] of its questions answered that year
    year: int

    def percent_in(self, year):
        """Whole percent; "x" where a question's share is withheld, so the others cannot
        give it away; ``None`` where none of its questions was answered."""
        shares = [row.percent for row in self.rows.get(year, []) if row.percent is not None]
        if any(is_withheld(value) for value in shares):
            return DERIVED
        return int(mean(shares, Decimal(1))) if shares else None

    @property
    def percent(self):
        return self.percent_in(self.year)

    @property
    def trend(self):
        return [self.percent_in(year) for year in sorted(self.rows)]

    @property
    def national(self):
        nationals = [row.national for row in self.rows.get(self.year, [])]
        return mean(nationals, Decimal("0.1")) if nationals and None not in nationals else None

    @property
    def compared(self):
        return compared_with(self.percent, self.national)


@dataclass
class IndicatorSummary:
    """The federation's indicators over ``years`` (the last one the report's), each beside
    the national average of the last year."""

    years: list
    values: list  # [IndicatorValue] of the indicators answered in the last year

    @property
    def compared(self):
        return sum(1 for value in self.values if value.compared)

    @property
    def measured(self):
        """The last year's measurement year: (first day, last day)."""
        return measurement_year(self.years[-1])

    @property
    def above(self):
        return sum(1 for value in self.values if value.compared == "above")

    def protected(self):
        return replace(
            self,
            values=[
                replace(
                    value,
                    rows={year: [replace(row, protected=True) for row in rows] for year, rows in value.rows.items()},
                )
                for value in self.values
            ],
        )


def indicator_summary(federation, year, interventions=None, current=None, span=3):
    """The federation's indicators in ``year`` and the ``span - 1`` years before it, from the
    whole federation's survey (``pooled``), or of ``interventions`` and the federation as a
    whole; ``current``: the year's ``indicator_table``, if already counted. At most four
    queries a year and two for the indicators."""
    years = list(range(year - span + 1, year + 1))
    tables = {each: indicator_table(federation, each, interventions) for each in years[:-1]}
    tables[year] = indicator_table(federation, year, interventions) if current is None else current
    answered = {each: {row.question.pk: row for row in pooled(table)} for each, table in tables.items()}
    values = []
    for indicator in Indicator.objects.prefetch_related("questions"):
        pks = [question.pk for question in indicator.questions.all()]
        rows = {each: [answered[each][pk] for pk in pks if pk in answered[each]] for each in years}
        if rows[year]:
            values.append(IndicatorValue(indicator, rows, year))
    return IndicatorSummary(years, values)
