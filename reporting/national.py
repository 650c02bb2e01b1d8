"""What the federation's administrator registers in Försäkringskassan's *Uppföljning Finsam*
for a year, computed from finsam's records with the annual report's definitions:

- the federation: its allocated funds (the members' contributions of the year, as the books
  have them, else as budgeted), its equity at the year's end, and the budget and outcome of
  its administrative costs;
- each intervention it funds that ran in the year or has money in it: its kind, precise
  orientation, follow-up method, ESF or other external funding, budget and outcome (the
  federation's budget lines), budgeted participants (the year's grant) and participants —
  an individual-oriented one's as the annual report counts them (the federation's own
  residents active in the year, by gender), a structural one's as the attendances at its
  events of the year (the register of structural events; no gender is kept).

Small-number protection does not apply: the figures go to the authority, not to the public.
``missing`` lists what the office has still to record before it registers."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from finances.statements import year_end
from interventions.figures import money_by_intervention, participant_table, structural_attendance
from interventions.models import ExternalFunding, Funding, Intervention, InterventionYear


@dataclass
class InterventionFigures:
    intervention: Intervention
    budgeted: object  # kr, or None
    actual: object
    budgeted_participants: object  # a number, or None
    women: object = None  # individual-oriented: counts; structural: None (not kept)
    men: object = None
    participants: object = None  # structural: attendances at its events, or None without any
    external: list = field(default_factory=list)  # ExternalFunding of the year

    @property
    def individual(self):
        return self.intervention.kind == Intervention.Kind.INDIVIDUAL

    @property
    def esf(self):
        return any(funding.source == ExternalFunding.Source.ESF for funding in self.external)


@dataclass
class NationalFollowUp:
    federation: object
    year: int
    until: date
    allocated: object  # kr
    allocated_as: str  # "actual" or "budget": where the allocated funds come from
    equity: object  # kr at the year's end, or None
    administration_budget: object
    administration_actual: object
    interventions: list
    missing: list


def national_follow_up(federation, year, until=None):
    """The year's figures for Uppföljning Finsam; participants counted up to ``until``."""
    until = until or date(year, 12, 31)
    accounts = year_end(federation, year)
    notes = accounts.notes
    columns = notes.columns if notes else []
    actual_index = columns.index(accounts.actual) if accounts.actual in columns else None
    budget_index = columns.index(accounts.budget) if accounts.budget in columns else None
    if actual_index is not None:
        allocated, allocated_as = notes.contributions[actual_index], "actual"
    elif budget_index is not None:
        allocated, allocated_as = notes.contributions[budget_index], "budget"
    else:
        allocated, allocated_as = None, ""
    lines = intervention_figures(federation, year, until)
    report = NationalFollowUp(
        federation=federation,
        year=year,
        until=until,
        allocated=allocated,
        allocated_as=allocated_as,
        equity=accounts.balance.equity if accounts.balance else None,
        administration_budget=notes.administration_total[budget_index] if budget_index is not None else None,
        administration_actual=notes.administration_total[actual_index] if actual_index is not None else None,
        interventions=lines,
        missing=[],
    )
    report.missing = what_is_missing(report)
    return report


def intervention_figures(federation, year, until):
    """A line per intervention the federation funds that ran in the year or has its money in it."""
    table = participant_table(federation, year, until=None if until == date(year, 12, 31) else until)
    counted = {row.intervention.pk: row for row in table.rows}
    funded = Intervention.objects.filter(pk__in=Funding.objects.filter(federation=federation).values("intervention"))
    candidates = list(funded.select_related("orientation").order_by("kind", "name"))
    money = money_by_intervention(candidates, federation, years=50)
    of_year = {pk: next((row for row in rows if row["year"] == year), None) for pk, rows in money.items()}
    running = set(
        Intervention.objects.running_in(year).filter(pk__in=[i.pk for i in candidates]).values_list("pk", flat=True)
    )
    budgeted_participants = dict(
        InterventionYear.objects.filter(federation=federation, year=year, intervention__in=candidates).values_list(
            "intervention", "budgeted_participants"
        )
    )
    attendance, _by_kind = structural_attendance([federation], year, None if until == date(year, 12, 31) else until)
    external = {}
    for funding in ExternalFunding.objects.filter(intervention__in=candidates, year=year):
        external.setdefault(funding.intervention_id, []).append(funding)
    lines = []
    for intervention in candidates:
        money_row = of_year[intervention.pk]
        has_money = money_row and (money_row["budgeted"] is not None or money_row["actual"] is not None)
        if intervention.pk not in running and intervention.pk not in counted and not has_money:
            continue
        line = InterventionFigures(
            intervention=intervention,
            budgeted=money_row["budgeted"] if money_row else None,
            actual=money_row["actual"] if money_row else None,
            budgeted_participants=budgeted_participants.get(intervention.pk),
            external=external.get(intervention.pk, []),
        )
        if line.individual:
            row = counted.get(intervention.pk)
            line.women, line.men = (row.counts.women, row.counts.men) if row else (0, 0)
            line.participants = row.counts.active if row else 0
        elif (federation.pk, intervention.pk) in attendance:
            line.participants = attendance[(federation.pk, intervention.pk)].attendees
        lines.append(line)
    return lines


def what_is_missing(report):
    """What the office has to record before it registers the year."""
    missing = []
    if report.allocated is None:
        missing.append(_("The members' contributions of %(year)s are not recorded.") % {"year": report.year})
    if report.equity is None:
        missing.append(
            _("The balance sheet at the end of %(year)s is not recorded: no equity.") % {"year": report.year}
        )
    for line in report.interventions:
        name = line.intervention
        if line.intervention.orientation_id is None:
            missing.append(_("%(intervention)s has no precise orientation.") % {"intervention": name})
        if not line.intervention.follow_up_method:
            missing.append(_("%(intervention)s has no follow-up method.") % {"intervention": name})
        if line.budgeted is not None and line.actual is None:
            missing.append(_("%(intervention)s has a budget but no outcome.") % {"intervention": name})
        if line.budgeted_participants is None and line.individual:
            missing.append(_("%(intervention)s has no budgeted number of participants.") % {"intervention": name})
        if not line.individual and line.participants is None:
            missing.append(
                _("%(intervention)s is structural and no event of it is recorded in the year: how many took part?")
                % {"intervention": name}
            )
    return missing


def figures(report):
    """Every figure of ``report`` as (intervention or "", what, value): the page's content
    in one long table, for the CSV and Excel exports."""
    rows = [
        ("", _("Allocated funds (kr)"), report.allocated),
        ("", _("Equity at the year's end (kr)"), report.equity),
        ("", _("Administrative costs, budget (kr)"), report.administration_budget),
        ("", _("Administrative costs, outcome (kr)"), report.administration_actual),
    ]
    for line in report.interventions:
        name = str(line.intervention)
        rows += [
            (name, _("Orientation"), line.intervention.get_kind_display()),
            (name, _("Precise orientation"), str(line.intervention.orientation or "")),
            (name, _("Follow-up method"), line.intervention.get_follow_up_method_display()),
            (name, _("Financed by ESF"), _("yes") if line.esf else _("no")),
            (name, _("Budget (kr)"), line.budgeted),
            (name, _("Outcome (kr)"), line.actual),
            (name, _("Budgeted participants"), line.budgeted_participants),
        ]
        if line.individual:
            rows += [(name, _("Participants, women"), line.women), (name, _("Participants, men"), line.men)]
        rows.append((name, _("Participants, in all"), line.participants))
    return rows
