"""Golden tests: the participant tables published for 2024 (the 2025 member
consultation, in shared/domain.md), computed from the demo data, cell by cell."""

import pytest

from federations.models import Federation
from interventions.figures import endings_by_class, intervention_counts, participant_table
from interventions.models import Intervention, Participant, member_municipalities

# Kvinnor, Män, Varav nya, Avslutade, Arbete, Studier, Arb.rehab, Sjukdom, Annat skäl
SODRA_VATTERBYGDEN_2024 = {
    "Enter": (41, 39, 38, 23, 6, 3, 2, 12, 0),
    "NOVA": (42, 28, 66, 46, 1, 3, 18, 16, 8),
    "FIA": (19, 14, 11, 10, 4, 1, 1, 0, 4),
    "IT-spåret": (1, 5, 2, 0, 0, 0, 0, 0, 0),
    "Koll på förmåga": (31, 33, 45, None, None, None, None, None, None),  # endings in its own Spår
    "Totalt": (134, 119, 162, 79, 11, 7, 21, 28, 12),
}


def cells(counts, endings_counted=True):
    head = (counts.women, counts.men, counts.new)
    if not endings_counted:
        return head + (None,) * 6
    return head + (counts.ended, *counts.reason_cells)


def federation(slug):
    return Federation.objects.get(slug=slug)


def test_sodra_vatterbygden_participant_table_2024(demo):
    table = participant_table(federation("sodra-vatterbygden"), 2024)
    computed = {row.intervention.label: cells(row.counts, row.endings_counted) for row in table.rows}
    computed["Totalt"] = cells(table.total)
    assert computed == SODRA_VATTERBYGDEN_2024


def test_sodra_vatterbygden_sends_18_to_work_or_studies(demo):
    assert participant_table(federation("sodra-vatterbygden"), 2024).total.to_work_or_studies == 18


def test_koll_pa_formaga_reports_its_endings_in_spar_1_to_4(demo):
    koll = Intervention.objects.get(name="Koll på förmåga")
    ended = Participant.objects.residents_among(federation("sodra-vatterbygden"), [koll], 2024).filter(
        ended_on__year=2024
    )
    by_class = {end_class.name: count for end_class, count in endings_by_class(ended, [koll])[koll.pk]}
    assert by_class == {"Spår 1": 9, "Spår 2": 14, "Spår 3": 2, "Spår 4": 16}


def test_se_hoglandet_2024(demo):
    counts = intervention_counts(Intervention.objects.get(name="SE-Höglandet"), 2024, federation("hoglandet"))
    assert counts.active == 220
    assert counts.ended == 74
    assert (counts.by_gender["woman"]["ended"], counts.by_gender["man"]["ended"]) == (32, 42)
    assert counts.to_work_or_studies == 42
    assert counts.to_work_or_studies_percent == 57


def test_it_sparet_is_shared_and_each_federation_counts_its_own_residents(demo):
    it = Intervention.objects.get(name="IT-spåret")
    by_federation = {
        slug: intervention_counts(it, 2024, federation(slug))
        for slug in ["sodra-vatterbygden", "hoglandet", "finnveden"]
    }
    assert {slug: c.active for slug, c in by_federation.items()} == {
        "sodra-vatterbygden": 6,
        "hoglandet": 12,
        "finnveden": 1,
    }
    assert intervention_counts(it, 2024).active == 19
    hoglandet = by_federation["hoglandet"]
    assert (hoglandet.ended, hoglandet.by_gender["man"]["ended"], hoglandet.to_work_or_studies) == (4, 4, 2)


def test_hoglandet_sends_44_to_work_or_studies(demo):
    assert participant_table(federation("hoglandet"), 2024).total.to_work_or_studies == 44


def test_samverkansteam_finnveden_2024(demo):
    counts = intervention_counts(
        Intervention.objects.get(name="Samverkansteam Finnveden"), 2024, federation("finnveden")
    )
    assert (counts.women, counts.men, counts.active) == (47, 26, 73)
    assert counts.ended == 36
    assert counts.to_work_or_studies == 4
    assert counts.by_reason["work_rehabilitation"] == 15  # work-oriented activities in regular services
    assert counts.by_reason["illness"] == 10
    assert counts.by_reason["other"] == 7


def test_finnveden_sends_4_to_work_or_studies(demo):
    assert participant_table(federation("finnveden"), 2024).total.to_work_or_studies == 4


@pytest.mark.parametrize("slug", ["sodra-vatterbygden", "hoglandet", "finnveden"])
def test_every_total_is_the_sum_of_its_rows(demo, slug):
    table = participant_table(federation(slug), 2024)
    counted = [row.counts for row in table.rows if row.endings_counted]
    assert table.total.women == sum(row.counts.women for row in table.rows)
    assert table.total.ended == sum(c.ended for c in counted)
    assert table.total.ended == sum(table.total.reason_cells)


def test_the_tables_of_many_federations_read_with_their_members_at_once_are_each_ones_own(demo):
    """The deck reads every federation's member municipalities in one query and names
    them to each one's residents: each table is the one the federation's own report has."""
    federations = list(Federation.objects.order_by("pk"))
    members = member_municipalities(federations, 2024)
    together = participant_table.per_federation(federations, 2024, members=members)
    for each in federations:
        alone = participant_table(each, 2024)
        assert [(row.intervention.pk, cells(row.counts)) for row in together[each.pk].rows] == [
            (row.intervention.pk, cells(row.counts)) for row in alone.rows
        ]
        assert cells(together[each.pk].total) == cells(alone.total)
        assert members[each.pk]
    ever = member_municipalities(federations)
    for each in federations:
        interventions = Intervention.objects.of_federation(each)
        assert set(Participant.objects.residents_among(each, interventions, None, ever[each.pk])) == set(
            Participant.objects.residents_among(each, interventions)
        )
