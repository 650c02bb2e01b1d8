"""The board of a year, as reports and the federation page show it."""

from dataclasses import dataclass, field

from .models import BoardSeat


@dataclass
class BoardRow:
    organisation: object
    ordinary: list = field(default_factory=list)
    deputies: list = field(default_factory=list)


@dataclass
class Board:
    year: int
    rows: list
    chair: BoardSeat | None
    vice_chair: BoardSeat | None


def board_of_year(federation, year):
    """One row per appointing member with its ordinary members and deputies serving in
    ``year`` (a seat that changed hands during the year lists both people)."""
    seats = (
        BoardSeat.objects.of_federation(federation)
        .current_in(year)
        .select_related("person", "appointed_by")
        .order_by("appointed_by__kind", "appointed_by__name", "starts_on")
    )
    rows = {}
    chair = vice_chair = None
    for seat in seats:
        row = rows.setdefault(seat.appointed_by_id, BoardRow(seat.appointed_by))
        (row.ordinary if seat.kind == BoardSeat.Kind.ORDINARY else row.deputies).append(seat)
        if seat.office == BoardSeat.Office.CHAIR:
            chair = seat
        elif seat.office == BoardSeat.Office.VICE_CHAIR:
            vice_chair = seat
    return Board(year=year, rows=list(rows.values()), chair=chair, vice_chair=vice_chair)
