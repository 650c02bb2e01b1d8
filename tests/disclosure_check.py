"""A reader's check of protected figures, independent of finsam.disclosure: given what a
page shows and the sums between its figures, which small counts can be worked out?"""

from fractions import Fraction

from finsam.disclosure import is_withheld


def rank(matrix):
    """The rank of a list of rows of Fractions, by plain Gaussian elimination."""
    rows = [list(row) for row in matrix]
    found = 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found])]
        found += 1
    return found


def recoverable_small_counts(disclosure):
    """Small counts a reader can work out: unknown cells whose unit vector adds nothing to
    the rank of the sums restricted to the unknown cells."""
    unknown = [cell for cell in disclosure.cells if not cell.known]
    index = {id(cell): i for i, cell in enumerate(unknown)}
    matrix = []
    for coefficients in disclosure.sums:
        row = [Fraction(0)] * len(unknown)
        for key, value in coefficients.items():
            if key in index:
                row[index[key]] = Fraction(value)
        matrix.append(row)
    base = rank(matrix)
    found = []
    for cell in unknown:
        if 0 < cell.value < 5:
            unit = [Fraction(int(i == index[id(cell)])) for i in range(len(unknown))]
            if rank(matrix + [unit]) == base:
                found.append(cell.value)
    return found


def recomputable(values, sums):
    """The withheld small counts a reader can work out exactly from a page that shows
    ``values`` (a list of (true value, shown value or Withheld)) and whose figures obey
    ``sums`` [(index of a total, [indexes of its parts])]."""
    unknown = [i for i, (_true, shown) in enumerate(values) if is_withheld(shown)]
    position = {index: column for column, index in enumerate(unknown)}
    matrix = []
    for total, parts in sums:
        row = [Fraction(0)] * len(unknown)
        for index, coefficient in [(total, -1)] + [(part, 1) for part in parts]:
            if index in position:
                row[position[index]] += coefficient
        matrix.append(row)
    if not unknown:
        return []
    base = rank(matrix)
    found = []
    for index in unknown:
        true = values[index][0]
        if 0 < true < 5:
            unit = [Fraction(int(column == position[index])) for column in range(len(unknown))]
            if rank(matrix + [unit]) == base:
                found.append((index, true))
    return found
