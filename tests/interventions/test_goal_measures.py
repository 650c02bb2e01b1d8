"""Goal measures the federations' reports use, computed from the year's participants."""

from datetime import date

from interventions.figures import intervention_counts
from interventions.goals import measure_goal
from interventions.models import Goal, Participant


def enrol(intervention, habo, code, **values):
    defaults = {"gender": "woman", "birth_year": 1990, "municipality": habo, "enrolled_on": date(2024, 2, 1)}
    return Participant.objects.create(intervention=intervention, code=code, **(defaults | values))


def test_share_in_work_trial_of_the_years_participants(intervention, habo):
    enrol(intervention, habo, "E-1", had_work_placement=True)
    enrol(intervention, habo, "E-2", had_work_placement=True)
    enrol(intervention, habo, "E-3")
    enrol(intervention, habo, "E-4", enrolled_on=date(2022, 1, 1), ended_on=date(2022, 6, 1), end_reason="work")
    goal = Goal(intervention=intervention, measure=Goal.Measure.WORK_PLACEMENT_OF_ACTIVE, target_percent=50)
    percent, text = measure_goal(goal, intervention_counts(intervention, 2024), [])
    assert (percent, text) == (67, "2 av 3 deltagare i arbetsträning eller praktik (67 %)")


def test_share_with_improved_health_of_those_followed_up(intervention, habo):
    ended = {"ended_on": date(2024, 9, 1), "end_reason": "work"}
    enrol(intervention, habo, "E-1", health_start=40, health_end=60, **ended)
    enrol(intervention, habo, "E-2", quality_of_life_start=5, quality_of_life_end=4, **ended)
    enrol(intervention, habo, "E-3", **ended)  # not followed up
    goal = Goal(intervention=intervention, measure=Goal.Measure.IMPROVED_HEALTH, target_percent=75)
    percent, _text = measure_goal(goal, intervention_counts(intervention, 2024), [])
    assert percent == 50
