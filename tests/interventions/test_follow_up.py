"""Follow-up 6 and 12 months after the end: entered in the form or imported, for an ended
participant once the time has come; shown on the intervention page, protected like the
other tables; measured by a goal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interventions.figures import follow_up_table, intervention_counts
from interventions.goals import goal_results
from interventions.importers import ParticipantImporter
from interventions.models import Goal, Participant, follow_up_due


def test_a_follow_up_falls_due_months_after_the_end():
    assert follow_up_due(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert follow_up_due(date(2024, 3, 15), 12) == date(2025, 3, 15)


def test_a_follow_up_needs_an_end_and_its_time(participant):
    participant.follow_up_6_months = "work"
    with pytest.raises(ValidationError) as refused:
        participant.full_clean()
    assert "follow_up_6_months" in refused.value.message_dict
    participant.ended_on, participant.end_reason = date.today(), "work"
    with pytest.raises(ValidationError) as refused:
        participant.full_clean()
    assert "follow_up_6_months" in refused.value.message_dict
    participant.ended_on = date(2024, 9, 30)
    participant.full_clean()


def test_the_import_reads_the_follow_up_columns(federation, intervention, habo):
    content = (
        "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak;uppföljning 6 mån;uppföljning 12 mån\n"
        "Enter;ENT-1;kvinna;1990;Habo;2024-02-01;2024-06-30;Arbete;arbete;studier\n"
        "Enter;ENT-2;man;1985;Habo;2024-03-01;;;arbete;\n"
        "Enter;ENT-3;man;1985;Habo;2024-03-01;2024-05-31;Sjukdom;semester;\n"
    ).encode()
    result = ParticipantImporter(federation).run(content, "deltagare.csv", save=True)
    assert [(p.row, p.column) for p in result.problems] == [(3, "uppföljning 6 mån"), (4, "uppföljning 6 mån")]
    assert not Participant.objects.exists()
    fixed = content.replace(b"Enter;ENT-2;man;1985;Habo;2024-03-01;;;arbete;\n", b"").replace(
        b"semester", "okänd".encode()
    )
    assert ParticipantImporter(federation).run(fixed, "deltagare.csv", save=True).saved
    assert Participant.objects.get(code="ENT-1").follow_up_12_months == "studies"
    assert Participant.objects.get(code="ENT-3").follow_up_6_months == "unknown"


@pytest.fixture
def ended(intervention, habo):
    statuses = ["work", "work", "studies", "public_support", "unknown", "", "work", "public_support"]
    for number, status in enumerate(statuses):
        Participant.objects.create(
            intervention=intervention,
            code=f"E-{number}",
            gender="woman" if number % 2 else "man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 1, 10),
            ended_on=date(2024, 3, 31),
            end_reason="work",
            follow_up_6_months="work",
            follow_up_12_months=status,
        )


def test_the_table_counts_each_follow_up_of_the_ended(ended, intervention):
    six, twelve = follow_up_table(Participant.objects.filter(intervention=intervention))
    assert (six.statuses, six.not_followed_up) == ([8, 0, 0, 0], 0)
    assert (twelve.statuses, twelve.not_followed_up) == ([3, 1, 2, 1], 1)


def test_a_goal_measures_work_or_studies_twelve_months_after(ended, federation, intervention):
    goal = Goal.objects.create(
        federation=federation,
        intervention=intervention,
        text="Hälften i arbete",
        measure="work_or_studies_12_months_after",
        target_percent=50,
    )
    [result] = goal_results([goal], 2024, intervention_counts(intervention, 2024, federation), [])
    assert result.percent == 57  # 4 of the 7 followed up
    assert result.target_reached


def test_the_page_shows_the_follow_up_and_protects_it_for_the_board(
    client, office, board_member, federation, intervention, ended
):
    url = reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk})
    client.force_login(office)
    rows = client.get(url, {"year": 2024}).context["follow_up"]
    assert rows[1].cells == [3, 1, 2, 1, 1]
    client.force_login(board_member)
    rows = client.get(url, {"year": 2024}).context["follow_up"]
    # 8 ended: every count of 1–4 is "<5", and no small count can be worked back.
    assert rows[0].cells == [8, 0, 0, 0, 0]
    shown = [str(cell) for cell in rows[1].cells]
    assert set(shown) <= {"<5", "x", "0"} and "<5" in shown
