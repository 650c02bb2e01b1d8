"""The small-number rule on plain tables, checked against an independent solver: a
withheld small count must not be the same in every solution of the sums a reader sees."""

from itertools import product

import pytest

from finsam.disclosure import DERIVED, SMALL, Disclosure, Withheld, share_or_withheld
from tests.disclosure_check import recoverable_small_counts


def crosstab(values):
    """A table with row totals, column totals and a grand total, as a reader sees it."""
    disclosure = Disclosure()
    cells = [[disclosure.cell(value) for value in row] for row in values]
    row_totals = [disclosure.total(disclosure.cell(sum(row)), cells_of_row) for row, cells_of_row in zip(values, cells)]
    column_totals = [
        disclosure.total(disclosure.cell(sum(column)), [cells[r][c] for r in range(len(values))])
        for c, column in enumerate(zip(*values))
    ]
    grand = disclosure.cell(sum(map(sum, values)))
    disclosure.total(grand, row_totals)
    disclosure.total(grand, column_totals)
    return disclosure, cells, row_totals, column_totals, grand


def test_a_small_count_shows_as_less_than_five_and_its_row_and_column_lose_a_cell_each():
    disclosure, cells, row_totals, column_totals, grand = crosstab([[2, 10], [12, 30]])
    disclosure.protect()
    assert str(cells[0][0].display) == "<5"
    assert cells[0][0].withheld is SMALL
    withheld = [cell for cell in disclosure.cells if cell.withheld]
    assert len(withheld) >= 4  # a small count in a table with margins takes a rectangle
    assert recoverable_small_counts(disclosure) == []
    assert grand.display == 54  # the grand total stays


def test_nothing_is_withheld_where_no_count_is_small():
    disclosure, *_ = crosstab([[0, 10], [12, 30]])
    disclosure.protect()
    assert not [cell for cell in disclosure.cells if cell.withheld]


def test_a_total_of_the_small_counts_is_small_itself():
    disclosure, cells, row_totals, *_ = crosstab([[1, 2], [12, 30]])
    disclosure.protect()
    assert row_totals[0].withheld is SMALL
    assert recoverable_small_counts(disclosure) == []


def test_the_complement_is_the_smallest_cell_that_frees_the_small_count():
    disclosure, cells, row_totals, *_ = crosstab([[3, 40, 7], [50, 60, 70]])
    disclosure.protect()
    assert cells[0][2].withheld is DERIVED  # 7, not 40, beside the 3
    assert cells[0][1].withheld is None


@pytest.mark.parametrize(
    "values",
    [
        [[1, 0, 9], [6, 1, 20], [0, 0, 7]],
        [[4, 4], [4, 4]],
        [[1, 2, 3], [4, 1, 2], [3, 4, 1]],
        [[30, 1, 12, 0], [5, 6, 2, 9], [3, 0, 0, 40]],
    ],
)
def test_no_small_count_can_be_worked_back_from_what_is_shown(values):
    disclosure, *_ = crosstab(values)
    disclosure.protect()
    assert recoverable_small_counts(disclosure) == []
    shown = [cell.value for cell in disclosure.cells if cell.known]
    assert not [value for value in shown if 0 < value < 5]


def test_every_small_table_of_two_by_two_is_protected():
    for values in product([0, 1, 3, 5, 8], repeat=4):
        disclosure, *_ = crosstab([list(values[:2]), list(values[2:])])
        disclosure.protect()
        assert recoverable_small_counts(disclosure) == [], values


def test_a_part_whose_rest_is_small_is_protected():
    """ "Participants 12, of whom new 10": the two continuing are a small count too."""
    disclosure = Disclosure()
    active = disclosure.cell(12)
    new = disclosure.part(active, disclosure.cell(10))
    disclosure.protect()
    assert new.withheld or active.withheld
    assert recoverable_small_counts(disclosure) == []


def test_shares_are_shown_only_on_parts_and_bases_that_are():
    assert share_or_withheld(SMALL, 20) == DERIVED
    assert share_or_withheld(8, DERIVED) == DERIVED
    assert share_or_withheld(3, 20) == DERIVED  # three of twenty
    assert share_or_withheld(18, 20) == DERIVED  # two of twenty did not
    assert share_or_withheld(5, 3) == DERIVED
    assert share_or_withheld(10, 20) is None
    assert share_or_withheld(0, 20) is None
    assert share_or_withheld(0, 0) is None


def test_withheld_figures_read_as_the_rule_says(settings):
    settings.SMALL_NUMBER_THRESHOLD = 3
    assert str(Withheld(small=True)) == "<3"
    assert str(Withheld(small=False)) == "x"


def test_four_small_endings_under_a_small_total_do_not_give_each_other_away():
    """Ended "<5" and four reasons "<5": a reader who knows each "<5" is at least 1 would
    know all five (4 = 1 + 1 + 1 + 1). One of them reads "x" instead, which says nothing."""
    disclosure = Disclosure()
    reasons = [disclosure.cell(value) for value in (1, 1, 1, 0, 1)]
    ended = disclosure.total(disclosure.cell(4), reasons)
    disclosure.protect()
    assert [str(cell.display) for cell in [ended, *reasons]].count("<5") < 5
    low, high = disclosure.ranges()
    assert all(low[id(cell)] != high[id(cell)] for cell in [ended, *reasons] if not cell.known)


def test_a_row_listed_only_when_someone_is_in_it_counts_as_at_least_one():
    """Five municipalities listed under a total of 5 have one participant each, whatever
    they show: a reader knows a listed row is at least 1, so the total goes too."""
    disclosure = Disclosure()
    rows = [disclosure.cell(1, floor=1) for _municipality in range(5)]
    total = disclosure.total(disclosure.cell(5), rows)
    disclosure.protect()
    assert total.withheld
    low, high = disclosure.ranges()
    assert all(low[id(cell)] != high[id(cell)] for cell in rows)


def test_tables_no_sum_links_are_protected_as_each_would_be_alone():
    """A page of two tables protects each as it would be protected on a page of its own,
    and reads them as two groups of linked cells (``Disclosure.linked``), each in page order."""
    alone = crosstab([[2, 10], [12, 30]])[0].protect()
    page, first, *_ = crosstab([[2, 10], [12, 30]])
    second = [page.cell(value) for value in (3, 1, 0)]
    page.total(page.cell(4), second)
    page.protect()
    assert [str(cell.display) for cell in page.cells[: len(alone.cells)]] == [str(cell.display) for cell in alone.cells]
    groups = page.linked()
    assert [len(keys) for keys, _sums in groups] == [len(alone.cells), 4]
    assert groups[0][0][0] == id(first[0][0]) and groups[1][0] == [id(cell) for cell in page.cells[len(alone.cells) :]]
    assert recoverable_small_counts(page) == []
