"""What the real documents print that finsam held but never showed (issue 31, part 6):
public support before and after by gender, the participants' education and their
progression steps (SKAPA) in each intervention's chapter — small numbers protected."""

from datetime import date
from decimal import Decimal

import pytest

from interventions.figures import Progression
from interventions.models import ParticipantSupport
from reporting.annual import annual_report, protected_report
from tests.conftest import make_participants


@pytest.fixture
def ended(intervention, habo):
    """Nine who ended in 2024: six women, three men."""
    women = make_participants(intervention, habo, 6, ended_on=date(2024, 9, 1), end_reason="work")
    men = make_participants(intervention, habo, 3, start=10, gender="man", ended_on=date(2024, 9, 1), end_reason="work")
    return women, men


def test_support_before_and_after_is_counted_for_women_and_men_apart(federation, ended):
    women, men = ended
    for person in [*women, *men[:2]]:
        ParticipantSupport.objects.create(participant=person, phase="start", kind="income_support")
    for person in women[:5]:
        ParticipantSupport.objects.create(participant=person, phase="end", kind="none")
    report = annual_report(federation, 2024)
    assert report.supports == [("Försörjningsstöd", 6, 2, 0, 0), ("Ingen offentlig försörjning", 0, 0, 5, 0)]
    assert "<svg" in report.charts["supports"]  # four bars a support: women and men, at the start and the end


def test_a_chapter_prints_education_by_gender_and_the_progression_steps(federation, ended):
    women, men = ended
    for person, education in zip([*women, *men], ["compulsory"] * 4 + ["upper_secondary"] * 2 + ["post_secondary"] * 2):
        person.education = education
    for person, (start, end) in zip(women, [(1, 3), (2, 2), (3, 4), (2, 1), (1, 2), (4, 6)]):
        person.progression_start, person.progression_end = start, end
    type(women[0]).objects.bulk_update([*women, *men], ["education", "progression_start", "progression_end"])

    (chapter,) = annual_report(federation, 2024).chapters
    assert chapter.profile.education == [
        ("Grundskola", 4, 0),
        ("Gymnasieskola", 2, 0),
        ("Eftergymnasial utbildning", 0, 2),
        ("?", 0, 1),
    ]
    # Six with a step at both ends: four moved up; means (13/6, 18/6) to one decimal.
    assert chapter.progression == Progression(6, 4, Decimal("2.2"), Decimal("3.0"))


def test_few_with_progression_steps_are_withheld_and_so_are_their_means(federation, ended, client, office):
    women, _men = ended
    for person, (start, end) in zip(women[:3], [(1, 3), (2, 2), (3, 4)]):
        person.progression_start, person.progression_end = start, end
    type(women[0]).objects.bulk_update(women[:3], ["progression_start", "progression_end"])

    report = annual_report(federation, 2024)
    assert report.chapters[0].progression == Progression(3, 2, Decimal("2.0"), Decimal("3.0"))
    (chapter,) = protected_report(report).chapters
    assert (str(chapter.progression.assessed), str(chapter.progression.moved_up)) == ("<5", "<5")
    assert chapter.progression.mean_start is None and chapter.progression.mean_end is None
