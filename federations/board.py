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
    return boards_of_year([federation], year)[federation.pk]


def boards_of_year(federations, year):
    """``board_of_year`` of each of ``federations``, in one query: {federation pk: Board}."""
    seats = (
        BoardSeat.objects.filter(federation__in=federations)
        .current_in(year)
        .select_related("person", "appointed_by")
        .order_by("appointed_by__kind", "appointed_by__name", "starts_on")
    )
    boards = {federation.pk: Board(year=year, rows=[], chair=None, vice_chair=None) for federation in federations}
    rows = {}
    for seat in seats:
        board = boards[seat.federation_id]
        row = rows.get((seat.federation_id, seat.appointed_by_id))
        if row is None:
            row = rows[seat.federation_id, seat.appointed_by_id] = BoardRow(seat.appointed_by)
            board.rows.append(row)
        (row.ordinary if seat.kind == BoardSeat.Kind.ORDINARY else row.deputies).append(seat)
        if seat.office == BoardSeat.Office.CHAIR:
            board.chair = seat
        elif seat.office == BoardSeat.Office.VICE_CHAIR:
            board.vice_chair = seat
    return boards
