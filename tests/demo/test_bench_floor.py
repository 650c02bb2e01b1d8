"""The bench compares the app's participant figures with one hand-written SQL query, the floor
the ORM's query should come close to (issue 32): that floor must count all that the app
counts — the follow-up at 12 months, and without the registrations made by mistake — or the
ratio it prints flatters the app."""

from demo.management.commands.bench import hand_written_table
from federations.models import Federation
from interventions.disclosure import FLAT
from interventions.figures import REASONS, participant_table


def test_the_hand_written_floor_counts_what_the_app_counts(demo):
    federation = Federation.objects.get(slug="sodra-vatterbygden")
    followed_up = 0
    for year in (2024, 2025):
        app = {row.intervention.pk: row.counts for row in participant_table(federation, year).rows}
        floor = {row[0]: row[1:] for row in hand_written_table(federation, year)}
        assert floor and set(floor) <= set(app)
        for intervention, figures in floor.items():
            counts = app[intervention]
            expected = [getattr(counts, name) for name in FLAT] + [counts.by_reason[reason] for reason in REASONS]
            assert list(figures[: len(expected)]) == expected, intervention
            followed_up += counts.followed_up_12_months
    assert followed_up, "the demo follows some up at 12 months"
