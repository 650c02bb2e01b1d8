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


def test_goals_counted_in_participants(federation, intervention, habo):
    from interventions.goals import goal_results

    enrol(intervention, habo, "E-1", enrolled_on=date(2022, 3, 1), ended_on=date(2022, 9, 1), end_reason="work")
    enrol(intervention, habo, "E-2")
    enrol(intervention, habo, "E-3")
    volume = Goal.objects.create(
        federation=federation,
        intervention=intervention,
        text="Minst 2 deltagare per år",
        measure=Goal.Measure.PARTICIPANTS_IN_YEAR,
        target_count=2,
    )
    cumulative = Goal.objects.create(
        federation=federation,
        intervention=intervention,
        text="100 deltagare sedan starten",
        measure=Goal.Measure.PARTICIPANTS_SINCE_START,
        target_count=100,
    )
    results = goal_results([volume, cumulative], 2024, intervention_counts(intervention, 2024), [])
    assert [(r.percent, r.target_reached) for r in results] == [(2, True), (3, False)]
    assert volume.target_text == "mål 2 deltagare"


def test_a_counted_goal_needs_a_target_number(federation, intervention):
    import pytest
    from django.core.exceptions import ValidationError

    goal = Goal(federation=federation, intervention=intervention, text="x", measure=Goal.Measure.PARTICIPANTS_IN_YEAR)
    with pytest.raises(ValidationError) as caught:
        goal.full_clean()
    assert "target_count" in caught.value.error_dict


def test_share_of_ended_who_completed_the_course(intervention, habo):
    ended = {"ended_on": date(2024, 9, 1), "end_reason": "studies"}
    enrol(intervention, habo, "E-1", completed_course=True, **ended)
    enrol(intervention, habo, "E-2", completed_course=False, **ended)
    enrol(intervention, habo, "E-3", **ended)  # not recorded: counts as not completed
    enrol(intervention, habo, "E-4", completed_course=True)  # still taking part
    goal = Goal(intervention=intervention, measure=Goal.Measure.COMPLETION_OF_ENDED, target_percent=70)
    percent, text = measure_goal(goal, intervention_counts(intervention, 2024), [])
    assert (percent, text) == (33, "1 av 3 avslutade fullföljde utbildningen (33 %)")


def test_the_import_takes_course_completion(federation, intervention, habo):
    from interventions.importers import ParticipantImporter

    content = (
        "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak;fullföljd utbildning\n"
        "Enter;E-1;K;1990;Habo;2024-02-01;2024-09-01;Studier;ja\n"
        "Enter;E-2;M;1991;Habo;2024-02-01;2024-09-01;Annat skäl;nej\n"
        "Enter;E-3;M;1992;Habo;2024-02-01;;;\n"
    ).encode()
    result = ParticipantImporter(federation).run(content, "deltagare.csv", save=True)
    assert result.problems == []
    assert dict(Participant.objects.values_list("code", "completed_course")) == {
        "E-1": True,
        "E-2": False,
        "E-3": None,
    }
    wrong = content.replace(b"Studier;ja", b"Studier;kanske")
    assert [p.column for p in ParticipantImporter(federation).run(wrong, "d.csv").problems] == ["fullföljd utbildning"]
