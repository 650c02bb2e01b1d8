"""The survey figures: the ended participants' answers, and the indicator survey beside
the national average."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from finsam.disclosure import is_withheld, share_or_withheld, small_withheld

from ..models import Gender, NationalAverage, Participant, RespondentGroup, SurveyAnswer, SurveyQuestion, SurveyResult
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


GROUP_ORDER = list(RespondentGroup)
