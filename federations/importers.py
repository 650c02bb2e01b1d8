"""Import the board, the groups and the people in them from CSV or Excel: one row for each
seat or place, as the office keeps them in a spreadsheet or as a term's list of members
comes from the member organisations. The columns are in ``docs/import-formats.md``.

Each row is checked by the rules of the forms of the registers (``BoardSeat.clean``,
``GroupMembership.clean``, the people's guarded fields), and against the rows above it as
much as against the register: the check writes each row, in file order, inside a
transaction it then undoes — so that two chairs, or two seats of one organisation, in the
same file are found as they would be one form after the other. Nothing is kept unless
every row is right and the office confirms. A person is found by name in the county, or
added; a seat or place is the same one when person, seat (or group) and start agree, so
that importing the same file again changes nothing.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .imports.files import Importer, Problem, date_text, names_index, normalise, read_rows, written_in_order
from .models import BoardSeat, GroupMembership, MemberOrganisation, Person

COLUMNS = ["namn", "uppdrag", "ersättare", "funktion", "organisation", "titel", "e-post", "från", "till"]
REQUIRED = ["namn", "uppdrag", "från"]

BOARD = "styrelse"
ASSIGNMENTS = {
    BOARD: None,
    "arbetsutskott": GroupMembership.Group.WORKING_COMMITTEE,
    "au": GroupMembership.Group.WORKING_COMMITTEE,
    "beredningsgrupp": GroupMembership.Group.PREPARATORY_GROUP,
}
YES = {"ja", "j", "x", "1", "yes"}
NO = {"", "nej", "n", "0", "no"}
BOARD_OFFICES = {
    "ordförande": BoardSeat.Office.CHAIR,
    "ordf": BoardSeat.Office.CHAIR,
    "vice ordförande": BoardSeat.Office.VICE_CHAIR,
    "vice ordf": BoardSeat.Office.VICE_CHAIR,
    "": BoardSeat.Office.NONE,
}

# Where a register's rule about a field is told, in the file's terms.
COLUMN_OF_FIELD = {
    "name": "namn",
    "title": "titel",
    "email": "e-post",
    "person": "namn",
    "appointed_by": "organisation",
    "representing": "organisation",
    "office": "funktion",
    "role": "funktion",
    "kind": "ersättare",
    "is_deputy": "ersättare",
    "starts_on": "från",
    "ends_on": "till",
}


class BoardImporter(Importer):
    headers, required_headers = COLUMNS, REQUIRED
    plan_headers = (gettext_lazy("Name"), gettext_lazy("Seat or place"))

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.organisations = names_index(
            MemberOrganisation.objects.of_federation(federation), "name", "short_name", "label"
        )
        self.people = {}
        for person in Person.objects.of_federation(federation):
            self.people.setdefault(normalise(person.name), []).append(person)

    def run(self, content, filename, save=False):
        result, rows = read_rows(content, filename, COLUMNS, REQUIRED)
        if rows is None:
            return result
        return written_in_order(rows, self.write_row, result, save, self.advance)

    def write_row(self, number, row, result):
        problems = []

        def problem(column, message):
            problems.append(Problem(number, column, message))

        assignment = normalise(row["uppdrag"])
        if assignment not in ASSIGNMENTS:
            problem(
                "uppdrag",
                _("write styrelse, arbetsutskott or beredningsgrupp, not “%(value)s”") % {"value": row["uppdrag"]},
            )
        deputy = normalise(row.get("ersättare", ""))
        if deputy not in YES | NO:
            problem("ersättare", _("write ja or leave it empty, not “%(value)s”") % {"value": row["ersättare"]})
        organisation = None
        if row.get("organisation"):
            organisation = self.organisations.get(normalise(row["organisation"]))
            if organisation is None:
                problem(
                    "organisation",
                    _("“%(value)s” is not a member organisation of the federation") % {"value": row["organisation"]},
                )
        elif assignment == BOARD:
            problem("organisation", _("a board seat is appointed by a member organisation"))
        starts_on, ends_on = self.day(row, "från", problem), self.day(row, "till", problem)
        if assignment == BOARD and normalise(row.get("funktion", "")) not in BOARD_OFFICES:
            problem("funktion", _("write ordförande or vice ordförande, or leave it empty"))
        person = self.person(row, organisation, problem)
        if problems or person is None:
            result.problems += problems
            return
        if assignment == BOARD:
            record, key = self.board_seat(row, person, deputy in YES, organisation, starts_on, ends_on)
        else:
            record, key = self.group_place(
                row, person, ASSIGNMENTS[assignment], deputy in YES, organisation, starts_on, ends_on
            )
        self.keep(number, row, record, key, result)

    def day(self, row, column, problem):
        if not row.get(column):
            return None
        try:
            return date.fromisoformat(date_text(row[column]))
        except ValueError:
            problem(column, _("write the date as YYYY-MM-DD, not “%(value)s”") % {"value": row[column]})
            return None

    def person(self, row, organisation, problem):
        """The county's person of that name, or a new one (written, as the check undoes it)."""
        found = self.people.get(normalise(row["namn"]), [])
        if len(found) > 1:
            problem(
                "namn",
                _("%(count)s people in the county are called “%(name)s”: enter this one by hand")
                % {"count": len(found), "name": row["namn"]},
            )
            return None
        if found:
            return found[0]
        person = Person(
            county=self.federation.county,
            name=row["namn"],
            title=row.get("titel", ""),
            email=row.get("e-post", ""),
            organisation=organisation,
        )
        try:
            person.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    problem(COLUMN_OF_FIELD.get(field, "namn"), message)
            return None
        person.save()
        self.people[normalise(person.name)] = [person]
        return person

    def board_seat(self, row, person, deputy, organisation, starts_on, ends_on):
        kind = BoardSeat.Kind.DEPUTY if deputy else BoardSeat.Kind.ORDINARY
        existing = BoardSeat.objects.filter(
            federation=self.federation, person=person, kind=kind, starts_on=starts_on
        ).first()
        seat = existing or BoardSeat(federation=self.federation, person=person, kind=kind, starts_on=starts_on)
        seat.appointed_by, seat.ends_on = organisation, ends_on
        seat.office = BOARD_OFFICES[normalise(row.get("funktion", ""))]
        return seat, ("appointed_by_id", "ends_on", "office")

    def group_place(self, row, person, group, deputy, organisation, starts_on, ends_on):
        existing = GroupMembership.objects.filter(
            federation=self.federation, person=person, group=group, starts_on=starts_on
        ).first()
        place = existing or GroupMembership(federation=self.federation, person=person, group=group, starts_on=starts_on)
        place.representing, place.is_deputy, place.ends_on = organisation, deputy, ends_on
        place.role = row.get("funktion", "")
        return place, ("representing_id", "is_deputy", "ends_on", "role")

    def keep(self, number, row, record, compared, result):
        """Check ``record`` by its register's rules and write it; count and plan what saving does."""
        before = None
        if record.pk:
            before = type(record).objects.values(*compared).get(pk=record.pk)
        changed = [field for field in compared if before is not None and before[field] != getattr(record, field)]
        try:
            record.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = COLUMN_OF_FIELD.get(field, "uppdrag")
                result.problems += [Problem(number, column, message) for message in messages]
            return
        if before is None:
            record.save()
            result.created += 1
            result.plan(number, row["namn"], record, "new")
        elif changed:
            record.save()
            result.updated += 1
            result.plan(number, row["namn"], record, "changed", [field.removesuffix("_id") for field in changed])
        else:
            result.unchanged += 1
            result.plan(number, row["namn"], record, "unchanged")
