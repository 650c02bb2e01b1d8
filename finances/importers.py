"""Import budget lines and actuals from an accounting export (CSV or Excel), one line
of a column per row; the columns are documented in ``docs/import-formats.md``.

Rows that state a total ("summa kostnader" …) are not stored: they are compared with
the sum of the file's lines, and a total that does not add up stops the import. Nothing
is saved unless every row is valid; importing the same file twice changes nothing.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federations.models import MemberOrganisation
from finsam.imports import ImportFileError, ImportResult, Problem, date_text, names_index, normalise, read_table
from interventions.models import Intervention

from .checks import check_stated_totals
from .models import Budget, BudgetLine, LineKind, Section

COLUMNS = {"scenario", "år", "periodslut", "typ", "namn", "belopp"}
REQUIRED = ["scenario", "år", "typ", "belopp"]

SCENARIOS = {
    "budget": Budget.Scenario.BUDGET,
    "prognos": Budget.Scenario.PROGNOSIS,
    "prognosis": Budget.Scenario.PROGNOSIS,
    "plan": Budget.Scenario.PLAN,
    "utfall": Budget.Scenario.ACTUAL,
    "actual": Budget.Scenario.ACTUAL,
}
KINDS = {
    "medlemsbidrag": LineKind.CONTRIBUTION,
    "övriga intäkter": LineKind.OTHER_INCOME,
    "ränta": LineKind.INTEREST,
    "ränteintäkter": LineKind.INTEREST,
    "insats": LineKind.INTERVENTION,
    "utrymme nya insatser": LineKind.NEW_INTERVENTIONS,
    "nya insatser": LineKind.NEW_INTERVENTIONS,
    "gemensamma projektkostnader": LineKind.COMMON_PROJECT_COSTS,
    "verksamhetsutvecklare": LineKind.DEVELOPMENT_OFFICER,
    "kompetensutveckling": LineKind.COMPETENCE_DEVELOPMENT,
    "övrig verksamhet": LineKind.OTHER_ACTIVITY,
    "kansli": LineKind.OFFICE,
    "information": LineKind.INFORMATION,
    "styrelse": LineKind.BOARD,
    "ekonomihantering": LineKind.ACCOUNTING,
    "revision": LineKind.AUDIT,
    "övrig administration": LineKind.OTHER_ADMINISTRATION,
} | {kind.value: kind for kind in LineKind}
# Stated totals: compared with the lines, never stored.
TOTALS = {
    "summa intäkter": {Section.INCOME},
    "delsumma verksamheter": {Section.ACTIVITIES},
    "delsumma administration": {Section.ADMINISTRATION},
    "summa kostnader": {Section.ACTIVITIES, Section.ADMINISTRATION},
}


def parse_amount(text):
    """Swedish or plain: ``-1 388 300``, ``1388300,50``, ``1388300.50``."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    return Decimal(cleaned.replace(",", "."))


class AccountsImporter:
    def __init__(self, federation, user=None):
        self.federation = federation
        self.organisations = names_index(
            MemberOrganisation.objects.filter(pk__in=federation.memberships.values("organisation")),
            "name",
            "short_name",
        )
        self.interventions = names_index(Intervention.objects.of_federation(federation), "name", "short_name")

    def run(self, content, filename, save=False):
        result = ImportResult()
        try:
            rows, result.problems = read_table(content, filename, COLUMNS, REQUIRED)
        except ImportFileError as error:
            result.problems.append(Problem(1, _("file"), str(error)))
            return result
        result.rows = len(rows) + len(result.problems)
        lines = []  # (row number, column key, line key, amount)
        stated = []  # (row number, column key, total name, sections, amount)
        seen = {}
        for number, row in rows:
            parsed = self.parse(number, row, result.problems)
            if parsed is None:
                continue
            column_key, kind_or_total, name, amount = parsed
            if kind_or_total in TOTALS:
                stated.append((number, column_key, row["typ"], TOTALS[kind_or_total], amount))
                continue
            key = self.line_key(number, kind_or_total, name, result.problems)
            if key is None:
                continue
            identity = (column_key, tuple(sorted((k, getattr(v, "pk", v)) for k, v in key.items())))
            if identity in seen:
                result.problems.append(
                    Problem(number, "namn", _("the same line as row %(row)s") % {"row": seen[identity]})
                )
                continue
            seen[identity] = number
            lines.append((number, column_key, key, amount))
        self.check_totals(lines, stated, result.problems)
        columns = self.columns({column_key for _n, column_key, _k, _a in lines})
        for number, column_key, key, amount in lines:
            column = columns.get(column_key)
            if column is None:
                continue
            candidate = BudgetLine(budget=column, amount=amount, **key)
            try:
                candidate.full_clean(exclude=["budget", "position"] if column.pk is None else ["position"])
            except ValidationError as error:
                for message in error.messages:
                    result.problems.append(Problem(number, "typ", message))
        if not result.problems:
            self.apply(columns, lines, result, save)
        return result

    def parse(self, number, row, problems):
        def problem(column, message):
            problems.append(Problem(number, column, message))

        scenario = SCENARIOS.get(normalise(row["scenario"]))
        if scenario is None:
            problem(
                "scenario", _("write budget, prognos, plan or utfall, not “%(value)s”") % {"value": row["scenario"]}
            )
        try:
            year = int(row["år"])
            if not 2004 <= year <= 2100:
                raise ValueError
        except ValueError:
            problem("år", _("not a year: “%(value)s”") % {"value": row["år"]})
            year = None
        period_end = None
        if row.get("periodslut"):
            try:
                period_end = date.fromisoformat(date_text(row["periodslut"]))
            except ValueError:
                problem("periodslut", _("write the date as YYYY-MM-DD, not “%(value)s”") % {"value": row["periodslut"]})
        elif year:
            period_end = date(year, 12, 31)
        if year and period_end and period_end.year != year:
            problem("periodslut", _("the period must end within the year"))
        kind = normalise(row["typ"])
        if kind not in KINDS and kind not in TOTALS:
            problem("typ", _("unknown kind “%(value)s”") % {"value": row["typ"]})
        try:
            amount = parse_amount(row["belopp"])
        except (InvalidOperation, ValueError):
            problem("belopp", _("not an amount: “%(value)s”") % {"value": row["belopp"]})
            amount = None
        if None in (scenario, year, period_end, amount) or (kind not in KINDS and kind not in TOTALS):
            return None
        return (scenario, year, period_end), (kind if kind in TOTALS else KINDS[kind]), row.get("namn", ""), amount

    def line_key(self, number, kind, name, problems):
        key = {"kind": kind, "organisation": None, "intervention": None, "label": ""}
        if kind == LineKind.CONTRIBUTION:
            key["organisation"] = self.organisations.get(normalise(name))
            if key["organisation"] is None:
                problems.append(Problem(number, "namn", _("no member named “%(value)s”") % {"value": name}))
                return None
        elif kind == LineKind.INTERVENTION:
            key["intervention"] = self.interventions.get(normalise(name))
            if key["intervention"] is None:
                problems.append(
                    Problem(number, "namn", _("the federation funds no intervention “%(value)s”") % {"value": name})
                )
                return None
        else:
            key["label"] = name.strip()
        return key

    def check_totals(self, lines, stated, problems):
        sums = defaultdict(Decimal)
        for _number, column_key, key, amount in lines:
            sums[(column_key, LineKind(key["kind"]).section)] += amount
        for number, column_key, name, sections, amount in stated:
            computed = sum((sums[(column_key, section)] for section in sections), Decimal(0))
            for message in check_stated_totals(name, amount, computed):
                problems.append(Problem(number, "belopp", message))

    def columns(self, keys):
        """The Budget of each (scenario, year, period end): existing, or new and unsaved."""
        existing = {
            (c.scenario, c.year, c.period_end): c
            for c in Budget.objects.filter(federation=self.federation, year__in={year for _s, year, _p in keys})
        }
        return {
            key: existing.get(key)
            or Budget(federation=self.federation, scenario=key[0], year=key[1], period_end=key[2])
            for key in keys
        }

    def apply(self, columns, lines, result, save):
        existing = {}
        for line in BudgetLine.objects.filter(budget__in=[c for c in columns.values() if c.pk]):
            existing[(line.budget_id, line.kind, line.organisation_id, line.intervention_id, line.label)] = line
        with transaction.atomic():
            for _number, column_key, key, amount in lines:
                column = columns[column_key]
                line = existing.get(
                    (
                        column.pk,
                        key["kind"],
                        getattr(key["organisation"], "pk", None),
                        getattr(key["intervention"], "pk", None),
                        key["label"],
                    )
                )
                if line is None:
                    result.created += 1
                    if save:
                        if column.pk is None:
                            column.save()
                        BudgetLine.objects.create(budget=column, amount=amount, **key)
                elif line.amount != amount:
                    result.updated += 1
                    if save:
                        line.amount = amount
                        line.save()
                else:
                    result.unchanged += 1
        result.saved = save
