"""The participant figures as cells of a ``finsam.disclosure.Disclosure``: each figure
a cell, and every sum a reader could use to work one back — women and men add up to the
total, the end reasons to those ended, the interventions to the federation's total, an age
table's rows to the participants of the year, "of whom new" is a part of the participants.

Register everything a page shows in one disclosure (``register_*`` returns a function that
gives the protected copy once the disclosure is protected), then ``protect()`` it, then
take the copies."""

from dataclasses import replace

from finsam.disclosure import Disclosure

from .figures import GENDERS, REASONS, YOUNG_ADULTS, Counts, FollowUpRow, ParticipantTable, TableRow, age_band_label
from .models import EndReason

FLAT = [
    "active",
    "new",
    "ended",
    "to_work_or_studies",
    "work_placement",
    "able_to_work",
    "completed_course",
    "able_to_work_to_work_or_studies",
    "with_health_follow_up",
    "improved_health",
    "followed_up_12_months",
    "in_work_or_studies_12_months",
]
BY_GENDER = ["active", "new", "ended", "to_work_or_studies"]
# What Counts.without_endings keeps of an intervention that counts its endings in its own classes.
KEPT_WITHOUT_ENDINGS = {"active", "new", "work_placement"}


# Every figure of a Counts, named as CountsCells.pairs names them.
ALL_FIGURES = {
    *FLAT,
    *((g, k) for g in GENDERS for k in BY_GENDER),
    *REASONS,
    *((r, g) for r in REASONS for g in GENDERS),
}
# Counted for goals only: a page shows them where a goal measures them.
GOAL_FIGURES = {
    "able_to_work",
    "completed_course",
    "able_to_work_to_work_or_studies",
    "followed_up_12_months",
    "in_work_or_studies_12_months",
}


class CountsCells:
    """The cells of one ``Counts``, with the sums between them."""

    def __init__(self, disclosure, counts, shows=None):
        """``shows``: the names (as ``pairs`` names them) of the figures the page shows, by
        default all; the others are cells a reader does not see, shown as "x" if asked for."""

        def cell(name, value):
            return disclosure.cell(value, shown=shows is None or name in shows)

        self.flat = {name: cell(name, getattr(counts, name)) for name in FLAT}
        self.by_gender = {g: {k: cell((g, k), counts.by_gender[g][k]) for k in BY_GENDER} for g in GENDERS}
        self.by_reason = {r: cell(r, counts.by_reason[r]) for r in REASONS}
        self.by_reason_and_gender = {
            r: {g: cell((r, g), counts.by_reason_and_gender[r][g]) for g in GENDERS} for r in REASONS
        }
        to_work = EndReason.to_work_or_studies()
        totals = [(self.flat, self.by_reason)] + [
            (self.by_gender[g], {r: self.by_reason_and_gender[r][g] for r in REASONS}) for g in GENDERS
        ]
        for name in BY_GENDER:
            disclosure.total(self.flat[name], [self.by_gender[g][name] for g in GENDERS])
        for reason in REASONS:
            disclosure.total(self.by_reason[reason], list(self.by_reason_and_gender[reason].values()))
        for figures, reasons in totals:
            disclosure.total(figures["ended"], list(reasons.values()))
            disclosure.total(figures["to_work_or_studies"], [reasons[r] for r in to_work])
            disclosure.part(figures["active"], figures["new"])
        flat = self.flat
        disclosure.part(flat["active"], flat["work_placement"])
        disclosure.part(flat["ended"], flat["with_health_follow_up"])
        disclosure.part(flat["with_health_follow_up"], flat["improved_health"])
        disclosure.part(flat["ended"], flat["able_to_work"])
        disclosure.part(flat["ended"], flat["completed_course"])
        disclosure.part(flat["able_to_work"], flat["able_to_work_to_work_or_studies"])
        disclosure.part(flat["to_work_or_studies"], flat["able_to_work_to_work_or_studies"])
        disclosure.part(flat["ended"], flat["followed_up_12_months"])
        disclosure.part(flat["followed_up_12_months"], flat["in_work_or_studies_12_months"])

    def pairs(self):
        """(name, cell) of every figure, the names a flat key."""
        yield from self.flat.items()
        for g in GENDERS:
            for k in BY_GENDER:
                yield (g, k), self.by_gender[g][k]
        for r in REASONS:
            yield r, self.by_reason[r]
            for g in GENDERS:
                yield (r, g), self.by_reason_and_gender[r][g]

    def shown(self):
        return Counts(
            **{name: cell.display for name, cell in self.flat.items()},
            by_gender={g: {k: cell.display for k, cell in self.by_gender[g].items()} for g in GENDERS},
            by_reason={r: cell.display for r, cell in self.by_reason.items()},
            by_reason_and_gender={
                r: {g: cell.display for g, cell in self.by_reason_and_gender[r].items()} for r in REASONS
            },
        )


def kept(name, endings_counted):
    """Whether figure ``name`` of a row goes into the table's total."""
    if endings_counted:
        return True
    if isinstance(name, tuple) and name[1] in KEPT_WITHOUT_ENDINGS and name[0] in GENDERS:
        return True
    return name in KEPT_WITHOUT_ENDINGS


def register_counts(disclosure, counts, shows=None):
    cells = CountsCells(disclosure, counts, shows)
    return cells, cells.shown


def register_table(disclosure, table, shows=None, total_shows=None):
    """A ParticipantTable: its rows and its total, which adds up the rows. ``shows`` (a
    function of a row) and ``total_shows``: the figures the page shows of a row and of the
    total (default all)."""
    rows = [(row, CountsCells(disclosure, row.counts, shows and shows(row))) for row in table.rows]
    total = CountsCells(disclosure, table.total, total_shows)
    named = [(row, dict(cells.pairs())) for row, cells in rows]
    for name, cell in total.pairs():
        parts = [cells[name] for row, cells in named if kept(name, row.endings_counted)]
        disclosure.total(cell, parts)
        # Withholding a total hides only what its largest row does not show: to protect a
        # small intervention beside a large one, its total goes before the large one's figure.
        cell.cost = cell.value - max((part.value for part in parts), default=0)

    def shown():
        return ParticipantTable(
            year=table.year,
            rows=[TableRow(row.intervention, cells.shown(), row.endings_counted, row.budgeted) for row, cells in rows],
            total=total.shown(),
        )

    return {row.intervention.pk: cells for row, cells in rows}, total, shown


def register_ages(disclosure, ages, counts_cells, shown=True):
    """An age table [(band, women, men)] of the participants ``counts_cells`` counts: the
    bands 16–19 … 50–64 are parts of the participants of a gender, 18–29 spans three of them."""
    cells = [(band, disclosure.cell(women, shown), disclosure.cell(men, shown)) for band, women, men in ages]
    by_band = {band: (women, men) for band, women, men in cells}
    for index, gender in enumerate(GENDERS):
        main = [by_band[band][index] for band in ("16–19", "20–24", "25–29", "30–49", "50–64") if band in by_band]
        outside = counts_cells.by_gender[gender]["active"].value - sum(cell.value for cell in main)
        disclosure.total(counts_cells.by_gender[gender]["active"], main + [disclosure.hidden(outside)])
        young_adults = age_band_label(*YOUNG_ADULTS)
        if {young_adults, "16–19", "20–24", "25–29"} <= by_band.keys():
            young = by_band[young_adults][index]
            eighteen = disclosure.hidden(young.value - by_band["20–24"][index].value - by_band["25–29"][index].value)
            disclosure.total(young, [eighteen, by_band["20–24"][index], by_band["25–29"][index]])
            disclosure.part(by_band["16–19"][index], eighteen)
    return lambda: [(band, women.display, men.display) for band, women, men in cells]


def register_by_gender(disclosure, rows, counts_cells, shown=True):
    """Rows (label, women, men) that together count the participants ``counts_cells``
    counts, each gender's column its active participants — education, say."""
    cells = [(label, disclosure.cell(women, shown), disclosure.cell(men, shown)) for label, women, men in rows]
    if cells:
        for index, gender in enumerate(GENDERS):
            active = counts_cells.by_gender[gender]["active"]
            column = [row[1 + index] for row in cells]
            disclosure.total(active, column + [disclosure.hidden(active.value - sum(cell.value for cell in column))])
    return lambda: [(label, women.display, men.display) for label, women, men in cells]


def register_progression(disclosure, progression, counts_cells, shown=True):
    """Those who ended with a progression step at both ends are some of the ended; those who
    moved up some of them. The mean steps are shown only beside a count that is."""
    if progression is None:
        return lambda: None
    assessed = disclosure.part(counts_cells.flat["ended"], disclosure.cell(progression.assessed, shown))
    moved_up = disclosure.part(assessed, disclosure.cell(progression.moved_up, shown))

    def displayed():
        means = {} if assessed.known else {"mean_start": None, "mean_end": None}
        return replace(progression, assessed=assessed.display, moved_up=moved_up.display, **means)

    return displayed


def register_parts(disclosure, rows, whole, shown=True):
    """Rows (label, count, …) each of whose counts is a part of the cell ``whole`` — the
    supports before and after of those who ended, say."""
    cells = [
        (label, [disclosure.part(whole, disclosure.cell(value, shown)) for value in values]) for label, *values in rows
    ]
    return lambda: [(label, *(cell.display for cell in row)) for label, row in cells]


def register_breakdown(disclosure, rows, whole, shown=True, listed_if_any=False):
    """Rows (label, count) that together count ``whole`` — participants by municipality,
    say. ``listed_if_any``: a row is there only when someone is in it, so a reader knows
    each count is at least 1."""
    cells = [(label, disclosure.cell(value, shown, floor=int(listed_if_any))) for label, value in rows]
    disclosure.total(whole, [cell for _label, cell in cells])
    return lambda: [(label, cell.display) for label, cell in cells]


def register_endings_by_class(disclosure, rows, counts_cells, shown=True):
    """An intervention's endings in its own classes [(end class, count)]: those of a class
    are some of the endings of the standard reason the class counts as."""
    cells = [(end_class, disclosure.cell(count, shown)) for end_class, count in rows]
    for reason in REASONS:
        of_reason = [cell for end_class, cell in cells if end_class.standard_reason == reason]
        if of_reason:
            whole = counts_cells.by_reason[reason]
            rest = disclosure.hidden(whole.value - sum(cell.value for cell in of_reason))
            disclosure.total(whole, of_reason + [rest])
    return lambda: [(end_class, cell.display) for end_class, cell in cells]


def register_follow_up(disclosure, rows, counts_cells, shown=True):
    """The follow-up table (interventions.figures.FollowUpRow): each row counts the ended;
    the 12-month row's statuses are those followed up then, its work and studies those in
    work or studies then (the goal figures)."""
    registered = []
    for row in rows:
        cells = [disclosure.cell(value, shown) for value in row.cells]
        disclosure.total(counts_cells.flat["ended"], cells)
        if row.months == 12:
            statuses = cells[:-1]
            disclosure.total(counts_cells.flat["followed_up_12_months"], statuses)
            disclosure.total(counts_cells.flat["in_work_or_studies_12_months"], statuses[:2])
        registered.append((row, cells))
    return lambda: [
        FollowUpRow(row.months, [cell.display for cell in cells[:-1]], cells[-1].display) for row, cells in registered
    ]


def register_since_start(disclosure, since):
    """Participants since the start ⊇ those of them ended ⊇ those of them to work or studies."""
    participants = disclosure.cell(since.participants)
    ended = disclosure.part(participants, disclosure.cell(since.ended))
    to_work = disclosure.part(ended, disclosure.cell(since.to_work_or_studies))
    return lambda: replace(
        since, participants=participants.display, ended=ended.display, to_work_or_studies=to_work.display
    )


def protected_survey(rows):
    return [replace(row, protected=True) for row in rows]


def protected_table(table):
    """A ParticipantTable on its own, protected."""
    disclosure = Disclosure()
    *_cells, shown = register_table(disclosure, table)
    disclosure.protect()
    return shown()
