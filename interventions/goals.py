"""Goal fulfilment: where a goal's target is measurable, the app computes the figure."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from finsam.disclosure import DERIVED, is_withheld

from .figures import share, since_start
from .models import Goal, Participant

# The participant figures (interventions.figures.Counts) a measurable goal shows.
MEASURED_FIGURES = {
    Goal.Measure.PARTICIPANTS_IN_YEAR: {"active"},
    Goal.Measure.WORK_OR_STUDIES_OF_ENDED: {"ended", "to_work_or_studies"},
    Goal.Measure.WORK_OR_STUDIES_OF_ABLE: {"able_to_work", "able_to_work_to_work_or_studies"},
    Goal.Measure.WORK_PLACEMENT_OF_ACTIVE: {"active", "work_placement"},
    Goal.Measure.IMPROVED_HEALTH: {"with_health_follow_up", "improved_health"},
    Goal.Measure.COMPLETION_OF_ENDED: {"ended", "completed_course"},
    Goal.Measure.WORK_OR_STUDIES_12_MONTHS_AFTER: {"followed_up_12_months", "in_work_or_studies_12_months"},
}


def measured_figures(goals):
    """The Counts figures that ``goals`` show."""
    return set().union(*(MEASURED_FIGURES.get(goal.measure, set()) for goal in goals))


@dataclass
class GoalResult:
    goal: Goal
    assessment: object  # GoalAssessment of the year, or None
    percent: int | None = None
    figure: str = ""
    target_reached: bool | None = None


def measure_goal(goal, counts, survey, year=None, since=None):
    """(figure, text) for a measurable goal, from the year's counts and survey shares: a
    percent, or for a goal counted in participants, their number (since the start: from
    ``since``, the intervention's ``SinceStart``, or counted here)."""
    if goal.measure == Goal.Measure.PARTICIPANTS_IN_YEAR:
        return counts.active, _("%(count)s participants during the year") % {"count": counts.active}
    if goal.measure == Goal.Measure.PARTICIPANTS_SINCE_START:
        start = since
        if start is None:
            participants = Participant.objects.filter(intervention=goal.intervention).of_federation(goal.federation)
            start = since_start(participants, year)
        return start.participants, _("%(count)s participants since the start") % {"count": start.participants}
    if goal.measure == Goal.Measure.WORK_OR_STUDIES_OF_ENDED:
        percent = counts.to_work_or_studies_percent
        text = _("%(ended)s ended, %(count)s to work or studies") % {
            "ended": counts.ended,
            "count": counts.to_work_or_studies,
        }
    elif goal.measure == Goal.Measure.WORK_OR_STUDIES_OF_ABLE:
        percent = share(counts.able_to_work_to_work_or_studies, counts.able_to_work)
        text = _("%(count)s of %(able)s judged able to work went to work or studies") % {
            "count": counts.able_to_work_to_work_or_studies,
            "able": counts.able_to_work,
        }
    elif goal.measure == Goal.Measure.WORK_PLACEMENT_OF_ACTIVE:
        percent = share(counts.work_placement, counts.active)
        text = _("%(count)s of %(active)s participants in work trial or internship") % {
            "count": counts.work_placement,
            "active": counts.active,
        }
    elif goal.measure == Goal.Measure.IMPROVED_HEALTH:
        percent = share(counts.improved_health, counts.with_health_follow_up)
        text = _("%(count)s of %(followed)s followed up with improved health or quality of life") % {
            "count": counts.improved_health,
            "followed": counts.with_health_follow_up,
        }
    elif goal.measure == Goal.Measure.COMPLETION_OF_ENDED:
        percent = share(counts.completed_course, counts.ended)
        text = _("%(count)s of %(ended)s ended completed the course") % {
            "count": counts.completed_course,
            "ended": counts.ended,
        }
    elif goal.measure == Goal.Measure.WORK_OR_STUDIES_12_MONTHS_AFTER:
        percent = share(counts.in_work_or_studies_12_months, counts.followed_up_12_months)
        text = _("%(count)s of %(followed)s followed up were in work or studies 12 months after the end") % {
            "count": counts.in_work_or_studies_12_months,
            "followed": counts.followed_up_12_months,
        }
    elif goal.measure == Goal.Measure.SURVEY_CLEARLY_POSITIVE:
        shares = [row.percent_all for row in survey if row.percent_all is not None]
        if any(is_withheld(each) for each in shares):
            return DERIVED, _("too few answers to a question to show")
        if not shares:
            return None, _("no answers")
        percent = min(shares)
        text = _("clearly positive %(low)s–%(high)s %% per question") % {"low": min(shares), "high": max(shares)}
        return percent, text
    else:
        return None, ""
    if percent is None or is_withheld(percent):
        return percent, text
    return percent, f"{text} ({percent} %)"


def goal_results(goals, year, counts, survey, since=None):
    """One result per goal: the year's assessment and, where measurable, the figure.
    ``goals`` should be prefetched with their assessments."""
    results = []
    for goal in goals:
        assessment = next((a for a in goal.assessments.all() if a.year == year), None)
        percent, figure = measure_goal(goal, counts, survey, year, since)
        reached = None if percent is None or is_withheld(percent) or goal.target is None else percent >= goal.target
        results.append(GoalResult(goal, assessment, percent, figure, reached))
    return results
