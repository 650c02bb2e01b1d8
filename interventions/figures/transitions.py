"""What SUS counted of each participant that only the federation keeps now: occupation at
enrolment and at the end, support after for each support before (by gender), the answers
to the federation's own questions, and who waits for an intervention at a day's end."""

from collections import defaultdict

from django.db.models import Count, IntegerField, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from ..models import Gender, Occupation, ParticipantSupport, Referral, SupplementaryQuestion, Support
from .base import Figure, before_and_after


def _occupation_rows(participants):
    return {
        phase: participants.exclude(**{f"occupation_{phase}": ""})
        .values(f"occupation_{phase}", "gender")
        .annotate(n=Count("id"))
        .order_by()
        for phase in ("start", "end")
    }


def _occupations_of(rows):
    counts = {
        (phase, row[f"occupation_{phase}"], row["gender"]): row["n"] for phase, query in rows.items() for row in query
    }
    return before_and_after(counts, Occupation.choices)


occupation_before_and_after = Figure(
    _occupation_rows,
    _occupations_of,
    doc="""For ``participants`` (those who ended): how many had each occupation at enrolment
    and at the end, by gender: [(label, women at start, men at start, women at end, men at end)].""",
)


def _transition_rows(participants):
    # One support at the start beside each support at the end of the same participant.
    return (
        ParticipantSupport.objects.filter(
            participant__in=participants, phase=ParticipantSupport.Phase.START, participant__supports__phase="end"
        )
        .values("kind", "participant__supports__kind", "participant__gender")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
    )


def _transitions_of(rows):
    counts = defaultdict(int)
    for row in rows:
        counts[(row["kind"], row["participant__supports__kind"], row["participant__gender"])] += row["n"]
    labels = dict(Support.choices)
    return [
        ((labels[before], labels[after]), *(counts.get((before, after, gender), 0) for gender in Gender))
        for before in labels
        for after in labels
        if any(counts.get((before, after, gender)) for gender in Gender)
    ]


support_transitions = Figure(
    _transition_rows,
    _transitions_of,
    doc="""For ``participants`` (those who ended), the transition table SUS printed: for each
    support at the start, how many women and men had each support at the end:
    [((before, after), women, men)]; one with two supports at either end counts in each pair.""",
)


def supplementary_answers(federation, enrolled, ended):
    """[(question, [(answer, count)])] of the federation's own questions: a question asked
    at enrolment counts ``enrolled``'s answers, one asked at the end ``ended``'s; a number
    question gives its count of answers and their sum. A query a question."""
    tallies = []
    for question in SupplementaryQuestion.objects.of_federation(federation):
        asked = ended if question.asked_at == SupplementaryQuestion.Moment.END else enrolled
        key = f"supplementary_answers__{question.field_name}"
        answered = asked.filter(**{f"{key}__isnull": False}).annotate(answer=KT(key))
        if question.answer_kind == SupplementaryQuestion.AnswerKind.NUMBER:
            numbers = answered.aggregate(n=Count("id"), total=Sum(Cast("answer", IntegerField())))
            tallies.append((question, [(_("Answered"), numbers["n"])], numbers["total"] or 0))
            continue
        counts = dict(answered.values_list("answer").annotate(n=Count("id")).order_by())
        options = question.option_list or ["ja", "nej"]
        tallies.append((question, [(option, counts.get(option, 0)) for option in options], None))
    return tallies


def waiting_at(federation, day):
    """{intervention: count} of those on the federation's waiting list at the end of ``day``."""
    rows = (
        Referral.objects.of_federation(federation)
        .waiting_on(day)
        .values("intervention__name")
        .annotate(n=Count("id"))
        .order_by("intervention__name")
    )
    return [(row["intervention__name"], row["n"]) for row in rows]
