"""Small-number protection (diskretionsskydd) for figures that leave the office.

A count of 1 to ``threshold() - 1`` people (the installation's ``SMALL_NUMBER_THRESHOLD``,
or a federation's own higher one) is shown as "<5" (primary suppression). A figure from which such a count could be worked back — a total less the
other cells, a subset less its whole — is withheld too, as "x" (secondary suppression).

The figures of a page are cells bound by the sums they take part in (a row's total is
the sum of its cells, a column's total the sum of its rows, "of whom new" is a part of
"participants" with the rest not shown). A reader knows every shown cell and every sum,
and can work a small count out in two ways, both checked:

- the sums *pin it down*: solving them for the cells not shown, its value is the same in
  every solution (linear algebra over the unknown cells, modulo a large prime);
- the sums *narrow it to one value* together with what the page says of the others: "<5"
  is 1 to 4, "x" and a cell not shown 0 or more (at least 1 where a row is listed only when
  someone is in it) — four "<5" endings under an "<5" ended are each 1.

Until neither is possible, the rule withholds the smallest shown cell that frees the count
(or shows a "<5" as "x", which says less). A share is shown only where its part, its base
and the rest are not small. The ranges are narrowed sum by sum, not by solving all the
inequalities at once; ``docs/security.md`` says what that leaves.
"""

import math
from collections import deque
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

# A federation may protect more than the installation does (Federation.small_number_threshold):
# its pages set their threshold for the rest of the request (``protect_as``), which
# ``finsam.middleware.ProtectionMiddleware`` ends; a background task sets it with ``protecting``.
_threshold = ContextVar("small_number_threshold", default=None)


def threshold():
    """The count below which a number of people is small, where figures are made now."""
    return _threshold.get() or settings.SMALL_NUMBER_THRESHOLD


def protect_as(limit):
    """Small counts are those below ``limit`` (None: the installation's) from now on."""
    return _threshold.set(limit)


@contextmanager
def protecting(limit):
    """Small counts are those below ``limit`` (None: the installation's) within the block."""
    token = _threshold.set(limit)
    try:
        yield
    finally:
        _threshold.reset(token)


class Withheld:
    """What a protected page shows instead of a figure: "<5" for a small count, "x" for a
    figure withheld so that a small count cannot be worked back from it."""

    def __init__(self, small):
        self.small = small

    def __str__(self):
        return f"<{threshold()}" if self.small else "x"

    def __repr__(self):  # charts are cached under the repr of their inputs
        return f"Withheld({self.small}, {threshold()})"

    def __eq__(self, other):
        return isinstance(other, Withheld) and other.small == self.small

    def __hash__(self):
        return hash(("Withheld", self.small))

    def __bool__(self):
        return True  # a withheld figure is not "none": "No one ended" would be a disclosure


SMALL = Withheld(small=True)
DERIVED = Withheld(small=False)


def is_withheld(*values):
    return any(isinstance(value, Withheld) for value in values)


def is_small(value):
    return 0 < value < threshold()


def small_withheld(value):
    """``value``, or "<5" where it is a small count: for a figure shown on its own, with no
    total beside it that could give it away."""
    return SMALL if is_small(value) else value


def share_or_withheld(part, whole):
    """``DERIVED`` where a share cannot be shown: its part or its base is withheld, or
    its part, its base or the rest is a small count; else ``None`` (the caller computes it)."""
    if is_withheld(part, whole):
        return DERIVED
    if whole and (is_small(part) or is_small(whole) or is_small(whole - part)):
        return DERIVED
    return None


def legend():
    return _(
        "Small-number protection: “<%(limit)s” is a count of 1–%(top)s people; “x” is a figure "
        "withheld so that such a count cannot be worked out from the others."
    ) % {"limit": threshold(), "top": threshold() - 1}


@dataclass(eq=False)
class Cell:
    value: int
    shown: bool = True
    withheld: Withheld | None = None
    public: bool = False  # shown on another page too: withheld only if small itself
    floor: int = 0  # what a reader knows it is at least (1 where its row is listed only if it is)
    cost: int | None = None  # what withholding it hides from a reader, if not its value

    @property
    def loss(self):
        return self.value if self.cost is None else self.cost

    @property
    def display(self):
        """What a page shows: the value, or "<5" or "x" — "x" too for a cell the page was
        not meant to show, should a template ask for it."""
        if not self.shown:
            return DERIVED
        return self.withheld or self.value

    @property
    def known(self):
        """Whether a reader sees the value."""
        return self.shown and self.withheld is None


INFINITY = math.inf
PRIME = (1 << 61) - 1  # ranks modulo a large prime equal the rational ranks of these 0/±1 sums


@dataclass
class Disclosure:
    """The cells of one page or document and the sums between them."""

    cells: list = field(default_factory=list)
    sums: list = field(default_factory=list)  # [{id of a cell: coefficient}], each adding up to 0

    def cell(self, value, shown=True, public=False, floor=0):
        self.cells.append(Cell(int(value), shown, public=public, floor=floor))
        return self.cells[-1]

    def hidden(self, value):
        """A count the page does not show but a reader could work out (the rest of a part)."""
        return self.cell(value, shown=False)

    def total(self, whole, parts):
        """``whole`` is the sum of ``parts`` (cells); a part may be listed more than once."""
        coefficients = {}
        for part in parts:
            coefficients[id(part)] = coefficients.get(id(part), 0) + 1
        coefficients[id(whole)] = coefficients.get(id(whole), 0) - 1
        self.sums.append({key: value for key, value in coefficients.items() if value})
        return whole

    def part(self, whole, part):
        """``part`` counts some of ``whole``; the rest is not shown."""
        self.total(whole, [part, self.hidden(whole.value - part.value)])
        return part

    def protect(self):
        """Withhold the small counts and every further cell needed so that none of them
        can be worked back. Returns self; read each cell's ``display``."""
        self.by_id = {id(cell): cell for cell in self.cells}
        self.position = {id(cell): index for index, cell in enumerate(self.cells)}  # ties go in page order
        self.sums_of = {}
        for index, coefficients in enumerate(self.sums):
            for key in coefficients:
                self.sums_of.setdefault(key, []).append(index)
        for cell in self.cells:
            if cell.shown and is_small(cell.value):
                cell.withheld = SMALL
        self.unknown = {key for key, cell in self.by_id.items() if not cell.known}
        given_up = set()  # nothing shown is left around them: as hidden as they can be
        # Cells no sum links can tell nothing of each other: each linked group is protected
        # on its own, and what is withheld in one leaves the others' reckoning as it was.
        for keys, sums in self.linked():
            while exposed := [(cell, pinned) for cell, pinned in self.exposed(keys, sums) if id(cell) not in given_up]:
                cell, pinned = exposed[0]
                complement = self.complement_for(cell) if pinned else self.widening_for(cell)
                if complement is None:
                    given_up.add(id(cell))
                    continue
                complement.withheld = DERIVED
                self.unknown.add(id(complement))
        return self

    def linked(self):
        """The cells in groups linked by sums, each group's in page order with the sums that
        link them: [([key], [sum index])], the groups in the page order of their first cell."""
        groups, placed = [], set()
        for cell in self.cells:
            if id(cell) in placed:
                continue
            keys, sums, frontier = {id(cell)}, set(), [id(cell)]
            while frontier:
                for index in self.sums_of.get(frontier.pop(), ()):
                    if index not in sums:
                        sums.add(index)
                        frontier += [key for key in self.sums[index] if key not in keys]
                        keys.update(self.sums[index])
            placed |= keys
            groups.append((sorted(keys, key=self.position.get), sorted(sums)))
        return groups

    # --- the algebra -----------------------------------------------------------------

    def exposed(self, keys=None, sums=None):
        """Small counts not shown that a reader can work out: pinned down by the sums, or
        narrowed to one value by them and by what "<5" and "x" say: [(cell, pinned)], in
        page order. ``keys`` and ``sums``: a group of linked cells (``linked``) and the
        sums that link them, to look at those alone."""
        keys = [id(cell) for cell in self.cells] if keys is None else keys
        unknown = [key for key in keys if key in self.unknown]
        pinned = self.pinned(unknown)
        low, high = self.ranges(sums, keys)
        return [
            (self.by_id[key], key in pinned)
            for key in unknown
            if is_small(self.by_id[key].value) and (key in pinned or low[key] == high[key])
        ]

    def pinned(self, unknown):
        """The small ones among ``unknown`` (keys in page order) that the sums pin down."""
        found, covered = set(), set()
        for key in unknown:
            if key in covered or not is_small(self.by_id[key].value):
                continue
            group, fixed = self.determined(key, self.unknown)
            covered |= group
            found.update(each for each in fixed if is_small(self.by_id[each].value))
        return found

    def ranges(self, sums=None, keys=None):
        """({key: lowest}, {key: highest}) value a reader can give each cell: a shown cell
        its value, "<5" 1 to 4, "x" and a cell not shown 0 or more; then narrowed sum by
        sum until nothing changes (four "<5" endings under an "<5" ended are each 1).
        ``sums`` (indexes), if given, limits the narrowing to those: the sums that link a
        cell to the cells not shown are all that decide its range. ``keys``: the cells to
        give a range, every cell by default; given, they hold every cell of ``sums`` and of
        every sum those cells are in (a group of ``linked``)."""
        low, high = {}, {}
        most_small = threshold() - 1
        for key in self.by_id if keys is None else keys:
            cell = self.by_id[key]
            if cell.known:
                low[key] = high[key] = cell.value
            elif cell.withheld is SMALL:
                low[key], high[key] = max(1, cell.floor), most_small
            else:
                low[key], high[key] = cell.floor, INFINITY
        # A sum's cells of one value stay so: added up once, as the sum is first looked at
        # (most of a sum's cells are shown; its one or two others are what the loop narrows).
        settled, open_terms = {}, {}
        waiting = deque(range(len(self.sums)) if sums is None else sums)
        queued = set(waiting)
        while waiting:
            index = waiting.popleft()
            queued.discard(index)
            if index not in open_terms:
                terms = self.sums[index].items()
                settled[index] = sum(c * low[key] for key, c in terms if low[key] == high[key])
                open_terms[index] = [(key, c) for key, c in terms if low[key] != high[key]]
            terms = open_terms[index]
            for key, coefficient in terms:
                if low[key] == high[key]:
                    continue
                # coefficient × x = −(the others): bound x by the others' ranges
                least = most = settled[index]
                for other, c in terms:
                    if other != key:
                        if c > 0:
                            least, most = least + c * low[other], most + c * high[other]
                        else:
                            least, most = least + c * high[other], most + c * low[other]
                lowest, highest = sorted((-most / coefficient, -least / coefficient))
                new_low = max(low[key], math.ceil(lowest)) if lowest != -INFINITY else low[key]
                new_high = min(high[key], math.floor(highest)) if highest != INFINITY else high[key]
                if (new_low, new_high) != (low[key], high[key]) and new_low <= new_high:
                    low[key], high[key] = new_low, new_high
                    for other_index in self.sums_of[key]:
                        if other_index not in queued:
                            queued.add(other_index)
                            waiting.append(other_index)
        return low, high

    def widening_for(self, cell):
        """For a small count narrowed to one value by the ranges: the first of — itself or
        another "<5" of its sums shown as "x" instead (which says less), or the smallest
        shown cell of its sums withheld — that leaves it more than one value; the first
        of them if none does alone."""
        start = id(cell)
        keys = {key for index in self.sums_of.get(start, ()) for key in self.sums[index]}
        small = sorted(
            (key for key in keys if self.by_id[key].withheld is SMALL),
            key=lambda key: (key != start, self.by_id[key].value, self.position[key]),
        )
        candidates = small + self.smallest_first(keys)
        for key in candidates:
            each = self.by_id[key]
            before = each.withheld
            each.withheld = DERIVED
            low, high = self.ranges(self.group(start, self.unknown | {key})[1])
            each.withheld = before
            if low[start] != high[start]:
                return each
        return self.by_id[candidates[0]] if candidates else None

    def determined(self, start, unknown):
        """(the unknowns linked to ``start`` by sums, those of them the sums fix given every
        other cell): ``x`` is fixed when the unit vector of ``x`` lies in the row space of
        the sums restricted to the unknowns (Gauss–Jordan elimination modulo a large prime)."""
        group, touched = self.group(start, unknown)
        pivots, _rest = eliminate([self.sums[index] for index in sorted(touched)], unknown)
        return group, [key for key, row in pivots.items() if row.keys() & unknown == {key}]

    def group(self, start, unknown):
        """The unknowns linked to ``start`` through sums, and the sums that link them."""
        group, frontier, touched = {start}, [start], set()
        while frontier:
            for index in self.sums_of.get(frontier.pop(), ()):
                if index in touched:
                    continue
                touched.add(index)
                for key in self.sums[index]:
                    if key in unknown and key not in group:
                        group.add(key)
                        frontier.append(key)
        return group, touched

    def complement_for(self, cell):
        """The smallest shown cell whose withholding frees ``cell``, among the cells of the
        sums that pin it down. Where no single cell frees it, the smallest shown cell of a
        sum that has one unknown left (every sum needs two or none); the next round goes
        on from there; where no sum has one unknown left, the smallest shown cell that
        pins it.

        Eliminating on the unknowns only, with the shown cells carried along, leaves a row
        for ``cell`` (1 at ``cell``, the rest shown cells) and rows of shown cells only. A
        shown cell ``k`` frees ``cell`` within these sums exactly when it appears in the
        row of ``cell`` and in none of the others; its own sums beyond them may pin it
        again, so a cell that passes is checked in full."""
        start = id(cell)
        group, touched = self.group(start, self.unknown)
        pivots, rest = eliminate([self.sums[index] for index in sorted(touched)], self.unknown)
        pinned = {key for row in rest for key in row}
        keys = {key for index in touched for key in self.sums[index]}
        for key in self.smallest_first(keys):
            if key in pivots[start] and key not in pinned:
                if start not in self.determined(start, self.unknown | {key})[1]:
                    return self.by_id[key]
        lone = {
            key for index in touched if len(self.sums[index].keys() & self.unknown) == 1 for key in self.sums[index]
        }
        # Where no sum has one unknown left either, the cells that pin it down (those of its
        # row) are withheld one at a time, the one hiding least first, until none does.
        candidates = self.smallest_first(lone) or self.smallest_first(pivots[start].keys())
        return self.by_id[candidates[0]] if candidates else None

    def smallest_first(self, keys):
        """The shown cells among ``keys`` that may be withheld, those that hide least from a
        reader first (``Cell.loss``: a table's total, say, whose largest row still shows),
        a zero last (withholding a zero hides little: a reader guesses it)."""
        cells = self.by_id
        return sorted(
            (key for key in keys if cells[key].known and not cells[key].public),
            key=lambda key: (cells[key].value == 0, cells[key].loss, cells[key].value, self.position[key]),
        )


def eliminate(rows, pivotable):
    """Gauss–Jordan elimination modulo ``PRIME`` of sparse rows ({key: coefficient}),
    pivoting only on the keys in ``pivotable``: ({pivot key: row}, [rows with no pivotable
    key left]). Each pivot row is 1 at its pivot and 0 at every other pivot."""
    pivots, rest = {}, []
    for original in rows:
        row = {key: value % PRIME for key, value in original.items() if value % PRIME}
        for key, pivot_row in pivots.items():
            if key in row:
                reduce(row, pivot_row, row[key])
        key = next((key for key in row if key in pivotable), None)
        if key is None:
            if row:
                rest.append(row)
            continue
        inverse = pow(row[key], PRIME - 2, PRIME)
        row = {k: value * inverse % PRIME for k, value in row.items()}
        for other in [*pivots.values(), *rest]:
            if key in other:
                reduce(other, row, other[key])
        pivots[key] = row
    return pivots, rest


def reduce(row, pivot_row, factor):
    """row -= factor × pivot_row, in place, dropping zeros."""
    for key, value in pivot_row.items():
        result = (row.get(key, 0) - factor * value) % PRIME
        if result:
            row[key] = result
        else:
            row.pop(key, None)
