"""Import budget lines and actuals from an accounting export (CSV or Excel), one line
of a column per row; the columns are documented in ``docs/import-formats.md``. The same
file carries the equity carried into a year ("balanserat resultat") and the balance
items of the year end (receivables, cash, liabilities …), one row each.

Rows that state a total ("summa kostnader" …) are not stored: they are compared with
the sum of the file's lines, and a total that does not add up stops the import. Nothing
is saved unless every row is valid; importing the same file twice changes nothing.

A year the board adopted or closed cannot change, with one exception: a past year that
holds no books yet — closed before the federation used finsam — takes them once, in one
import (its *opening load*), recorded on the fiscal year with who and when. After that,
corrections only.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import chain

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federations.imports.files import (
    Importer,
    Problem,
    acting_user,
    date_text,
    names_index,
    normalise,
    parse_number,
    read_rows,
)
from federations.models import FiscalYear, MemberOrganisation
from interventions.models import Intervention

from .checks import check_stated_totals
from .models import BalanceItem, Budget, BudgetLine, LineKind, Section, ensure_year_is_open

COLUMNS = ["scenario", "år", "periodslut", "typ", "namn", "belopp", "fotnot"]
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
    "finansiella kostnader": LineKind.FINANCIAL_COSTS,
    "räntekostnader": LineKind.FINANCIAL_COSTS,
    "bankavgifter": LineKind.FINANCIAL_COSTS,
} | {kind.value: kind for kind in LineKind}
# The equity carried into the year: set on the column, not a line.
CARRIED = "carried"
CARRIED_NAMES = {"balanserat resultat", "ingående eget kapital", "eget kapital vid årets början", CARRIED}
# Balance items of the year end, by the names of the notes.
K = BalanceItem.Kind
BALANCE_KINDS = {
    "kundfordringar": K.ACCOUNTS_RECEIVABLE,
    "skattekonto": K.TAX_ACCOUNT,
    "momsfordran": K.VAT_RECEIVABLE,
    "förutbetalda kostnader": K.PREPAID,
    "upplupna intäkter": K.ACCRUED_INCOME,
    "övriga fordringar": K.OTHER_RECEIVABLE,
    "kassa och bank": K.CASH,
    "likvida medel": K.CASH,
    "avsättningar": K.PROVISION,
    "leverantörsskulder": K.SUPPLIER_DEBTS,
    "skatteskulder": K.TAXES,
    "momsskuld": K.VAT_LIABILITY,
    "personalens källskatt": K.PERSONNEL_TAX,
    "avräkning sociala avgifter": K.SOCIAL_FEES,
    "upplupna semesterlöner": K.HOLIDAY_PAY,
    "upplupna sociala avgifter": K.ACCRUED_SOCIAL_FEES,
    "övriga upplupna kostnader och interimsskulder": K.OTHER_ACCRUALS,
    "övriga upplupna kostnader": K.OTHER_ACCRUALS,
} | {kind.value: kind for kind in K}
# Stated totals: compared with the lines, never stored.
TOTALS = {
    "summa intäkter": {Section.INCOME},
    "delsumma verksamheter": {Section.ACTIVITIES},
    "delsumma administration": {Section.ADMINISTRATION},
    "summa kostnader": {Section.ACTIVITIES, Section.ADMINISTRATION},
}


class AccountsImporter(Importer):
    headers, required_headers = COLUMNS, REQUIRED
    plan_headers = (gettext_lazy("Year"), gettext_lazy("What"))

    def __init__(self, federation, user=None, progress=None):
        super().__init__(federation, user, progress)
        self.organisations = names_index(
            MemberOrganisation.objects.of_members(federation),
            "name",
            "short_name",
        )
        self.interventions = names_index(Intervention.objects.of_federation(federation), "name", "short_name")

    def run(self, content, filename, save=False):
        result, rows = read_rows(content, filename, COLUMNS, REQUIRED)
        if rows is None:
            return result
        self.footnotes = {}  # row number → the line's footnote
        lines = []  # (row number, column key, line key, amount)
        stated = []  # (row number, column key, total name, sections, amount)
        carried = {}  # column key → (row number, amount)
        items = {}  # (year, interim period end or None, kind, label) → (row number, amount)
        seen = {}
        for number, row in rows:
            parsed = self.parse(number, row, result.problems)
            if parsed is None:
                continue
            column_key, kind_or_total, name, amount = parsed
            if kind_or_total in TOTALS:
                stated.append((number, column_key, row["typ"], TOTALS[kind_or_total], amount))
                continue
            if kind_or_total == CARRIED:
                if column_key in carried:
                    result.problems.append(
                        Problem(number, "typ", _("the same line as row %(row)s") % {"row": carried[column_key][0]})
                    )
                carried[column_key] = (number, amount)
                continue
            if kind_or_total in BalanceItem.Kind.values:
                scenario, year, period_end = column_key
                interim = None if (period_end.month, period_end.day) == (12, 31) else period_end
                identity = (year, interim, kind_or_total, name.strip())
                if scenario != Budget.Scenario.ACTUAL:
                    result.problems.append(
                        Problem(number, "scenario", _("a balance item is an actual (utfall) at a period end"))
                    )
                elif identity in items:
                    result.problems.append(
                        Problem(number, "namn", _("the same line as row %(row)s") % {"row": items[identity][0]})
                    )
                else:
                    items[identity] = (number, amount)
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
            self.footnotes[number] = row.get("fotnot", "").strip()
        self.check_totals(lines, stated, result.problems)
        self.lines = lines
        columns = self.columns({column_key for _n, column_key, _k, _a in lines} | set(carried))
        years = {column_key[1] for column_key in columns} | {year for year, _end, _kind, _label in items}
        self.opening_years = self.years_awaiting_books(years)
        self.years_to_close = self.past_years_without_fiscal_year(columns, items)
        for year in sorted(self.years_to_close):
            result.plan(
                self.years_to_close[year],
                str(year),
                _("Fiscal year %(year)s, closed: these books are its opening load") % {"year": year},
                "new",
            )
        for number, column_key, key, amount in lines:
            candidate = BudgetLine(budget=columns[column_key], amount=amount, **key)
            exclude = ["budget", "position"] if candidate.budget.pk is None else ["position"]
            self.check(candidate, column_key[1], number, "typ", result.problems, exclude=exclude)
        for column_key, (number, _amount) in carried.items():
            self.check_year(column_key[1], number, result.problems)
        for (year, period_end, kind, label), (number, amount) in items.items():
            candidate = BalanceItem(
                federation=self.federation, year=year, period_end=period_end, kind=kind, label=label, amount=amount
            )
            self.check(candidate, year, number, "typ", result.problems, exclude=[])
        if not result.problems:
            new_columns = {key for key, column in columns.items() if column.pk is None}
            with transaction.atomic():
                self.apply(columns, lines, result, save)
                self.apply_carried(columns, new_columns, carried, result, save)
                self.apply_items(items, result, save)
                if save:
                    self.record_opening_loads()
        return result

    def years_awaiting_books(self, years):
        """The adopted or closed years among ``years`` that hold no books yet: each takes one
        opening load."""
        closed = set(
            FiscalYear.objects.filter(federation=self.federation, year__in=years, opening_load_at__isnull=True)
            .exclude(status=FiscalYear.Status.OPEN)
            .values_list("year", flat=True)
        )
        return closed - self.years_with_books(closed)

    def years_with_books(self, years):
        return set(
            BudgetLine.objects.filter(budget__federation=self.federation, budget__year__in=years).values_list(
                "budget__year", flat=True
            )
        ) | set(BalanceItem.objects.filter(federation=self.federation, year__in=years).values_list("year", flat=True))

    def check(self, candidate, year, number, column, problems, exclude):
        """The record's own rules; a closed year's lock does not apply to its opening load."""
        try:
            # An existing item of the same identity is updated, not duplicated.
            candidate.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
            for each in chain.from_iterable(errors):
                if each.code == "year_locked" and year in self.opening_years:
                    continue
                problems.extend(Problem(number, column, message) for message in each.messages)

    def check_year(self, year, number, problems):
        try:
            ensure_year_is_open(self.federation.pk, year)
        except ValidationError as error:
            if year not in self.opening_years:
                problems.extend(Problem(number, "typ", message) for message in error.messages)

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
        known = kind in KINDS or kind in TOTALS or kind in CARRIED_NAMES or kind in BALANCE_KINDS
        if not known:
            problem("typ", _("unknown kind “%(value)s”") % {"value": row["typ"]})
        try:
            amount = parse_number(row["belopp"])
        except (InvalidOperation, ValueError):
            problem("belopp", _("not an amount: “%(value)s”") % {"value": row["belopp"]})
            amount = None
        if None in (scenario, year, period_end, amount) or not known:
            return None
        if kind in CARRIED_NAMES:
            kind = CARRIED
        elif kind in BALANCE_KINDS:
            kind = BALANCE_KINDS[kind]
        elif kind in KINDS:
            kind = KINDS[kind]
        return (scenario, year, period_end), kind, row.get("namn", ""), amount

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
            for number, column_key, key, amount in lines:
                footnote = self.footnotes.get(number, "")
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
                        BudgetLine.objects.create(budget=column, amount=amount, footnote=footnote, **key)
                elif (line.amount, line.footnote) != (amount, footnote):
                    result.updated += 1
                    if save:
                        line.amount, line.footnote = amount, footnote
                        line.save()
                else:
                    result.unchanged += 1
        result.saved = save

    def apply_carried(self, columns, new_columns, carried, result, save):
        for column_key, (_number, amount) in carried.items():
            column = columns[column_key]
            if column_key in new_columns:
                result.created += 1
            elif column.carried_balance == amount:
                result.unchanged += 1
                continue
            else:
                result.updated += 1
            if save:
                column.carried_balance = amount
                column.save()

    def apply_items(self, items, result, save):
        existing = {
            (item.year, item.period_end, item.kind, item.label): item
            for item in BalanceItem.objects.filter(
                federation=self.federation, year__in={year for year, _end, _kind, _label in items}
            )
        }
        for (year, period_end, kind, label), (_number, amount) in items.items():
            item = existing.get((year, period_end, kind, label))
            if item is None:
                result.created += 1
                if save:
                    BalanceItem.objects.create(
                        federation=self.federation,
                        year=year,
                        period_end=period_end,
                        kind=kind,
                        label=label,
                        amount=amount,
                    )
            elif item.amount != amount:
                result.updated += 1
                if save:
                    item.amount = amount
                    item.save()
            else:
                result.unchanged += 1

    def past_years_without_fiscal_year(self, columns, items):
        """{year: its first row}: the years before this one whose outcome the file brings and
        that have no fiscal year in finsam — a federation's past, loaded at onboarding. Saving
        creates each closed, with these books as its opening load (the preview says so), so
        that the order of onboarding does not matter; the office can reopen one with a reason."""
        this_year = timezone.localdate().year
        actual_years = {
            year
            for scenario, year, period_end in columns
            if scenario == Budget.Scenario.ACTUAL and (period_end.month, period_end.day) == (12, 31)
        } | {year for year, period_end, _kind, _label in items if period_end is None}
        past = {year for year in actual_years if year < this_year}
        known = set(FiscalYear.objects.filter(federation=self.federation, year__in=past).values_list("year", flat=True))
        known |= self.years_with_books(past - known)
        first_rows = {}
        for number, (scenario, year, _end), _key, _amount in self.lines:
            first_rows.setdefault(year, number)
        return {year: first_rows.get(year, 2) for year in past - known}

    def record_opening_loads(self):
        """Each past year loaded here has its books now: who loaded them, and when; a past
        year the file brought that had no fiscal year is created closed."""
        now, by = timezone.now(), self.user or acting_user()
        for year in self.years_to_close:
            FiscalYear.objects.create(
                federation=self.federation,
                year=year,
                status=FiscalYear.Status.CLOSED,
                opening_load_at=now,
                opening_load_by=by,
            )
        for fiscal_year in FiscalYear.objects.filter(federation=self.federation, year__in=self.opening_years):
            fiscal_year.opening_load_at, fiscal_year.opening_load_by = now, by
            fiscal_year.save()
