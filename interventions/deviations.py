"""The deviation register's yearly summary (Lex Heller): how many cases, how far they have
come and which members they concerned — for the board, in the annual report."""

from dataclasses import dataclass

from django.db.models import Count

from .models import Deviation


@dataclass
class DeviationSummary:
    year: int
    count: int
    by_status: list  # [(status label, cases)]
    by_member: list  # [(member, cases)], most cases first

    def __bool__(self):
        return self.count > 0


def deviation_summary(federation, year):
    """The year's deviations of ``federation``, counted in two queries."""
    cases = Deviation.objects.of_federation(federation).filter(occurred_on__year=year)
    by_status = dict(cases.values_list("status").annotate(n=Count("id")).order_by())
    by_member = (
        cases.values("members__short_name", "members__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "members__name")
    )
    return DeviationSummary(
        year,
        sum(by_status.values()),
        [(label, by_status[status]) for status, label in Deviation.Status.choices if by_status.get(status)],
        [(row["members__short_name"] or row["members__name"], row["n"]) for row in by_member if row["members__name"]],
    )
