"""The half-year extract: per federation and half-year (to 30 June or 31 December), the
participants who started and who ended, by intervention, gender and age band, with their
end reasons and their public support at the start and at the end — the file the members
and the national follow-up ask for. Its columns are documented in docs/extract.md.

The file leaves the office, so its small numbers are protected (finsam.disclosure): each
row's ended is the sum of its reasons, each support count a part of those ended, and each
intervention's total row the sum of its rows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from tablib import Dataset

from finsam.disclosure import Disclosure, is_withheld
from finsam.exports import defuse

from .figures import AGE_BANDS, GENDERS, REASONS, band_label
from .models import Gender, Intervention, Participant, ParticipantSupport, Support

OTHER_AGES = "övriga"
ALL = "alla"
SUPPORTS = list(Support)


def half_year(period_end):
    """(first day, last day) of the half-year ending on ``period_end`` (30 June or 31 December)."""
    if (period_end.month, period_end.day) == (6, 30):
        return date(period_end.year, 1, 1), period_end
    if (period_end.month, period_end.day) == (12, 31):
        return date(period_end.year, 7, 1), period_end
    raise ValueError(f"{period_end} does not end a half-year")


def period_ends(federation, count=10):
    """The half-years an extract can be made for, the latest (possibly still running) first."""
    today = timezone.localdate()
    end = date(today.year, 6, 30) if today.month <= 6 else date(today.year, 12, 31)
    ends = []
    while len(ends) < count and end.year >= federation.founded_on.year:
        ends.append(end)
        end = date(end.year - 1, 12, 31) if end.month == 6 else date(end.year, 6, 30)
    return ends


def chosen_period_end(federation, text):
    """The half-year ``text`` ("2025-06-30") names among those offered, or the latest ended."""
    ends = period_ends(federation)
    return next((end for end in ends if str(end) == text), None) or next(
        (end for end in ends if end < timezone.localdate()), ends[0]
    )


def age_band(age):
    for low, high in AGE_BANDS:
        if age is not None and low <= age <= high:
            return band_label(low, high)
    return OTHER_AGES


def columns():
    """The file's columns, as docs/extract.md lists them."""
    return (
        ["period", "insats", "kon", "aldersgrupp", "paborjade", "avslutade"]
        + [f"avslut_{reason}" for reason in REASONS]
        + [f"start_{kind}" for kind in SUPPORTS]
        + [f"slut_{kind}" for kind in SUPPORTS]
    )


@dataclass
class ExtractRow:
    intervention: object  # an Intervention (its pk while counting)
    gender: str  # a Gender value, or "alla" in an intervention's total row
    band: str  # an age band, "övriga" or "alla"
    started: object
    ended: object
    reasons: dict  # reason → count
    at_start: dict  # support kind → count of those ended
    at_end: dict

    @property
    def is_total(self):
        return self.gender == ALL

    @property
    def gender_label(self):
        return Gender(self.gender).label if self.gender in Gender.values else _("All")


@dataclass
class Extract:
    federation: object
    period_end: date
    rows: list

    @property
    def start(self):
        return half_year(self.period_end)[0]

    @property
    def filename(self):
        return f"{slugify(self.federation.short_name)}-halvarsuttag-{self.period_end}"

    def dataset(self):
        """The rows as a tablib Dataset with the documented columns; withheld figures as
        written ("<5", "x"), text that looks like a formula defused."""
        data = Dataset(headers=columns(), title=f"Halvår {self.period_end}")
        for row in self.rows:
            figures = [row.started, row.ended, *row.reasons.values(), *row.at_start.values(), *row.at_end.values()]
            data.append(
                [str(self.period_end), defuse(row.intervention.name), row.gender, row.band]
                + [str(value) if is_withheld(value) else value for value in figures]
            )
        return data


def empty_row(intervention, gender, band):
    return ExtractRow(
        intervention,
        gender,
        band,
        0,
        0,
        dict.fromkeys(REASONS, 0),
        dict.fromkeys(SUPPORTS, 0),
        dict.fromkeys(SUPPORTS, 0),
    )


def counted_rows(federation, period_end):
    """{(intervention pk, gender, band): ExtractRow} of exact counts, in two queries."""
    start, end = half_year(period_end)
    started = Q(enrolled_on__gte=start, enrolled_on__lte=end)
    ended = Q(ended_on__gte=start, ended_on__lte=end)
    participants = (
        Participant.objects.of_federation(federation, end.year)
        .filter(started | ended)
        .annotate(age=ExtractYear("enrolled_on") - F("birth_year"))
    )
    rows = {}

    def row(intervention, gender, band):
        return rows.setdefault((intervention, gender, band), empty_row(intervention, gender, band))

    counts = {"started": Count("id", filter=started), "ended": Count("id", filter=ended)}
    counts |= {f"reason_{reason}": Count("id", filter=ended & Q(end_reason=reason)) for reason in REASONS}
    for values in participants.values("intervention", "gender", "age").annotate(**counts).order_by():
        each = row(values["intervention"], values["gender"], age_band(values["age"]))
        each.started += values["started"]
        each.ended += values["ended"]
        for reason in REASONS:
            each.reasons[reason] += values[f"reason_{reason}"]
    supports = (
        ParticipantSupport.objects.filter(participant__in=participants.filter(ended))
        .annotate(age=ExtractYear("participant__enrolled_on") - F("participant__birth_year"))
        .values("participant__intervention", "participant__gender", "age", "phase", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for values in supports:
        each = row(values["participant__intervention"], values["participant__gender"], age_band(values["age"]))
        (each.at_start if values["phase"] == "start" else each.at_end)[values["kind"]] += values["n"]
    return rows


def half_year_extract(federation, period_end):
    """The federation's extract for the half-year ending on ``period_end``, protected."""
    counted = counted_rows(federation, period_end)
    interventions = Intervention.objects.in_bulk({pk for pk, _gender, _band in counted})
    bands = [band_label(low, high) for low, high in AGE_BANDS] + [OTHER_AGES]
    disclosure = Disclosure()
    registered = []
    for pk in sorted(interventions, key=lambda pk: interventions[pk].name):
        # Every gender and band, an empty one too: a row that is there only when someone is
        # in it would say "at least one" of a withheld count.
        rows = [counted.get((pk, gender, band)) or empty_row(pk, gender, band) for gender in GENDERS for band in bands]
        total = ExtractRow(
            pk,
            ALL,
            ALL,
            sum(row.started for row in rows),
            sum(row.ended for row in rows),
            {reason: sum(row.reasons[reason] for row in rows) for reason in REASONS},
            {kind: sum(row.at_start[kind] for row in rows) for kind in SUPPORTS},
            {kind: sum(row.at_end[kind] for row in rows) for kind in SUPPORTS},
        )
        cells = [register_row(disclosure, row) for row in rows]
        total_cells = register_row(disclosure, total)
        for name, cell in total_cells.items():
            disclosure.total(cell, [each[name] for each in cells])
        registered += [(pk, row, each) for row, each in zip(rows, cells)] + [(pk, total, total_cells)]
    disclosure.protect()
    return Extract(
        federation,
        period_end,
        [
            ExtractRow(
                interventions[pk],
                row.gender,
                row.band,
                cells["started"].display,
                cells["ended"].display,
                {reason: cells["reason", reason].display for reason in REASONS},
                {kind: cells["start", kind].display for kind in SUPPORTS},
                {kind: cells["end", kind].display for kind in SUPPORTS},
            )
            for pk, row, cells in registered
        ],
    )


def register_row(disclosure, row):
    """The cells of one row: ended is the sum of its reasons; each support count, at the
    start or at the end, is a part of those ended."""
    cells = {"started": disclosure.cell(row.started), "ended": disclosure.cell(row.ended)}
    cells |= {("reason", reason): disclosure.cell(row.reasons[reason]) for reason in REASONS}
    disclosure.total(cells["ended"], [cells["reason", reason] for reason in REASONS])
    for phase, counts in (("start", row.at_start), ("end", row.at_end)):
        for kind in SUPPORTS:
            cells[phase, kind] = disclosure.part(cells["ended"], disclosure.cell(counts[kind]))
    return cells
