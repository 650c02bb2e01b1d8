"""Import the structural interventions' events from CSV or Excel, as an intervention's own
attendance lists have them: one row for each event and member organisation that came (the
format is in ``docs/import-formats.md``). Rows with the same intervention, day, kind and
title are one event. Each row is checked by the register's rules (``StructuralEvent.clean``,
an attendance of at least one) against the rows above it, written in file order inside a
transaction that a check undoes; all or nothing. An event and an attendance already there
are updated, so that the same file imported again changes nothing."""

from datetime import date
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federations.imports.files import (
    Importer,
    Problem,
    date_text,
    names_index,
    normalise,
    parse_number,
    read_rows,
    written_in_order,
)
from federations.models import MemberOrganisation

from .models import EventAttendance, Intervention, StructuralEvent

COLUMNS = ["insats", "datum", "typ", "titel", "timmar", "organisation", "deltagare"]
REQUIRED = ["insats", "datum", "typ", "timmar", "deltagare"]
KINDS = {
    "utbildning": StructuralEvent.Kind.COURSE,
    "kurs": StructuralEvent.Kind.COURSE,
    "nätverksträff": StructuralEvent.Kind.NETWORK_MEETING,
    "inspirationsdag": StructuralEvent.Kind.INSPIRATION_DAY,
    "utbildningsprogram": StructuralEvent.Kind.PROGRAMME,
    "program": StructuralEvent.Kind.PROGRAMME,
    "annan": StructuralEvent.Kind.OTHER,
    "annan aktivitet": StructuralEvent.Kind.OTHER,
}
COLUMN_OF_FIELD = {"intervention": "insats", "held_on": "datum", "kind": "typ", "title": "titel", "hours": "timmar"}


class EventImporter(Importer):
    headers, required_headers = COLUMNS, REQUIRED
    plan_headers = (gettext_lazy("Day"), gettext_lazy("Event"))

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.interventions = names_index(
            Intervention.objects.of_federation(federation).filter(kind=Intervention.Kind.STRUCTURAL),
            "name",
            "short_name",
        )
        self.organisations = names_index(MemberOrganisation.objects.of_federation(federation), "name", "short_name")

    def run(self, content, filename, save=False):
        result, rows = read_rows(content, filename, COLUMNS, REQUIRED)
        if rows is None:
            return result
        return written_in_order(rows, self.write_row, result, save, self.advance)

    def write_row(self, number, row, result):
        problems = []

        def problem(column, message):
            problems.append(Problem(number, column, message))

        intervention = self.interventions.get(normalise(row["insats"]))
        if intervention is None:
            problem(
                "insats", _("“%(value)s” is no structural intervention of the federation") % {"value": row["insats"]}
            )
        try:
            held_on = date.fromisoformat(date_text(row["datum"]))
        except ValueError:
            problem("datum", _("write the date as YYYY-MM-DD, not “%(value)s”") % {"value": row["datum"]})
            held_on = None
        kind = KINDS.get(normalise(row["typ"]))
        if kind is None:
            problem(
                "typ",
                _("write utbildning, nätverksträff, inspirationsdag, utbildningsprogram or annan, not “%(value)s”")
                % {"value": row["typ"]},
            )
        try:
            hours = parse_number(row["timmar"])
        except InvalidOperation:
            problem("timmar", _("not a number of hours: “%(value)s”") % {"value": row["timmar"]})
            hours = None
        organisation = None
        if row.get("organisation"):
            organisation = self.organisations.get(normalise(row["organisation"]))
            if organisation is None:
                problem("organisation", _("unknown member organisation “%(value)s”") % {"value": row["organisation"]})
        try:
            attendees = int(row["deltagare"])
        except ValueError:
            problem("deltagare", _("not a number of people: “%(value)s”") % {"value": row["deltagare"]})
            attendees = None
        if problems:
            result.problems += problems
            return
        title = row.get("titel", "")
        event = StructuralEvent.objects.filter(
            federation=self.federation, intervention=intervention, held_on=held_on, kind=kind, title=title
        ).first() or StructuralEvent(
            federation=self.federation, intervention=intervention, held_on=held_on, kind=kind, title=title
        )
        new_event = event.pk is None
        event_changed = new_event or event.hours != hours
        event.hours = hours
        try:
            event.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                result.problems += [Problem(number, COLUMN_OF_FIELD.get(field, "insats"), m) for m in messages]
            return
        if event_changed:
            event.save()
        attendance = EventAttendance.objects.filter(event=event, organisation=organisation).first()
        before = attendance.attendees if attendance else None
        attendance = attendance or EventAttendance(event=event, organisation=organisation)
        attendance.attendees = attendees
        try:
            attendance.full_clean()
        except ValidationError as error:
            result.problems += [Problem(number, "deltagare", m) for ms in error.message_dict.values() for m in ms]
            return
        if before is None:
            attendance.save()
            result.created += 1
            result.plan(number, str(held_on), f"{event} – {attendance}", "new")
        elif before != attendees or event_changed:
            attendance.save()
            result.updated += 1
            result.plan(number, str(held_on), f"{event} – {attendance}", "changed", ["deltagare"])
        else:
            result.unchanged += 1
            result.plan(number, str(held_on), f"{event} – {attendance}", "unchanged")
