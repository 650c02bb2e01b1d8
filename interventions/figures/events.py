"""What the structural interventions' events add up to in a year: for each federation and
intervention, how many events and how many attendances, and the same by kind of event."""

from dataclasses import dataclass

from django.db.models import Count, Sum

from ..models import StructuralEvent
from .base import period


@dataclass(frozen=True)
class Attendance:
    events: int = 0
    attendees: int = 0  # attendances: one who came to two events counts twice


def structural_attendance(federations, year, until=None):
    """{(federation pk, intervention pk): Attendance} of the events held in ``year`` (up to
    ``until``), and {(federation pk, kind): Attendance}; two queries, however many federations."""
    start, end = period(year, until)
    events = StructuralEvent.objects.filter(federation__in=federations, held_on__range=(start, end))
    by_intervention = {
        (row["federation"], row["intervention"]): Attendance(row["events"], row["attendees"] or 0)
        for row in events.values("federation", "intervention")
        .annotate(events=Count("id", distinct=True), attendees=Sum("attendances__attendees"))
        .order_by()
    }
    by_kind = {
        (row["federation"], row["kind"]): Attendance(row["events"], row["attendees"] or 0)
        for row in events.values("federation", "kind")
        .annotate(events=Count("id", distinct=True), attendees=Sum("attendances__attendees"))
        .order_by()
    }
    return by_intervention, by_kind
