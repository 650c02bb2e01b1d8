"""A federation's money: budgets, prognoses, plan years and actual outcomes as columns
of lines, and the balance items of the year-end accounts. Totals are never stored:
they are computed from the lines (``finances.tables``, ``finances.statements``)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import Federation, FederationScopedQuerySet, FiscalYear, MemberOrganisation
from federations.templatetags.finsam_format import group_digits
from finsam.privacy import GuardedCharField, GuardedTextField

MONEY = {"max_digits": 14, "decimal_places": 2}


def ensure_year_is_open(federation_id, year):
    """Figures of an adopted or closed fiscal year cannot change: a correction is a new entry.
    (The one exception, a past year's opening load, is the accounts import's: ``finances.importers``.)"""
    status = FiscalYear.objects.filter(federation_id=federation_id, year=year).values_list("status", flat=True).first()
    if status and status != FiscalYear.Status.OPEN:
        raise ValidationError(
            _("The fiscal year %(year)s is %(status)s; its figures cannot be changed. Record a correction instead.")
            % {"year": year, "status": FiscalYear.Status(status).label.lower()},
            code="year_locked",
        )


class BudgetQuerySet(FederationScopedQuerySet):
    def full_years(self):
        """Columns of a whole year (ending 31 December), not of a period within it."""
        return self.filter(period_end__month=12, period_end__day=31)


class Budget(models.Model):
    """One column of figures for a federation and year."""

    class Scenario(models.TextChoices):
        BUDGET = "budget", _("Budget")
        PROGNOSIS = "prognosis", _("Prognosis")
        PLAN = "plan", _("Plan")
        ACTUAL = "actual", _("Actual")

    federation = models.ForeignKey(Federation, models.CASCADE, related_name="budgets", verbose_name=_("federation"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2004), MaxValueValidator(2100)])
    scenario = models.CharField(_("scenario"), max_length=10, choices=Scenario.choices)
    period_end = models.DateField(
        _("period end"),
        help_text=_("The last day the figures cover: 31 December, or e.g. 30 June for an interim outcome."),
    )
    made_on = models.DateField(_("made on"), null=True, blank=True, help_text=_("When a prognosis was made."))
    carried_balance = models.DecimalField(
        _("balance carried from earlier years"),
        null=True,
        blank=True,
        help_text=_(
            "Equity at the start of the year, as the books open it. A budget, prognosis or plan takes it from the books "
            "of the year before and the forecasts after them: type it only where finsam holds neither."
        ),
        **MONEY,
    )

    objects = BudgetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget column")
        verbose_name_plural = _("budget columns")
        ordering = ["federation", "year", "period_end", "scenario"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "scenario", "period_end"], name="unique_budget_column"
            ),
        ]

    def __str__(self):
        return f"{self.federation.short_name}: {self.label}"

    @property
    def is_full_year(self):
        return self.period_end.month == 12 and self.period_end.day == 31

    @property
    def label(self):
        if self.scenario == self.Scenario.ACTUAL and not self.is_full_year:
            return _("Actual Jan–%(month)s %(year)s") % {
                "month": dateformat.format(self.period_end, "b"),
                "year": self.year,
            }
        return f"{self.get_scenario_display()} {self.year}"

    def clean(self):
        super().clean()
        if self.period_end and self.year and self.period_end.year != self.year:
            raise ValidationError({"period_end": _("The period must end within the year.")})


class Section(models.TextChoices):
    INCOME = "income", _("Income")
    ACTIVITIES = "activities", _("Activities")
    ADMINISTRATION = "administration", _("Administration")
    FINANCIAL = "financial", _("Financial costs")


class LineKind(models.TextChoices):
    # Income
    CONTRIBUTION = "contribution", _("Member contribution")
    OTHER_INCOME = "other_income", _("Other income")
    INTEREST = "interest", _("Interest")
    # Activities
    INTERVENTION = "intervention", _("Intervention")
    COMMON_PROJECT_COSTS = "common_project_costs", _("Common project costs")
    NEW_INTERVENTIONS = "new_interventions", _("Room for new interventions")
    DEVELOPMENT_OFFICER = "development_officer", _("Development officer")
    COMPETENCE_DEVELOPMENT = "competence_development", _("Competence development")
    OTHER_ACTIVITY = "other_activity", _("Other activity")
    # Administration
    OFFICE = "office", _("Office")
    INFORMATION = "information", _("Information")
    BOARD = "board", _("Board")
    ACCOUNTING = "accounting", _("Accounting services")
    AUDIT = "audit", _("Audit")
    OTHER_ADMINISTRATION = "other_administration", _("Other administration")
    # Financial costs: interest paid, bank charges — apart from the operating costs
    FINANCIAL_COSTS = "financial_costs", _("Financial costs")

    @property
    def section(self):
        if self in (LineKind.CONTRIBUTION, LineKind.OTHER_INCOME, LineKind.INTEREST):
            return Section.INCOME
        if self in ADMINISTRATION_KINDS:
            return Section.ADMINISTRATION
        if self == LineKind.FINANCIAL_COSTS:
            return Section.FINANCIAL
        return Section.ACTIVITIES


ADMINISTRATION_KINDS = {
    LineKind.OFFICE,
    LineKind.INFORMATION,
    LineKind.BOARD,
    LineKind.ACCOUNTING,
    LineKind.AUDIT,
    LineKind.OTHER_ADMINISTRATION,
}
KIND_ORDER = list(LineKind)


class BudgetLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(budget__in=Budget.objects.visible_to(user))

    def with_corrected_amount(self):
        """``corrected``: the booked amount with every later correction added."""
        corrections = (
            Correction.objects.filter(line=models.OuterRef("pk"))
            .values("line")
            .annotate(total=models.Sum("change"))
            .values("total")
        )
        return self.annotate(
            corrected=models.F("amount")
            + Coalesce(
                models.Subquery(corrections, output_field=models.DecimalField(**MONEY)), models.Value(Decimal(0))
            )
        )


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, models.CASCADE, related_name="lines", verbose_name=_("column"))
    kind = models.CharField(_("kind"), max_length=30, choices=LineKind.choices)
    label = GuardedCharField(
        _("label"),
        max_length=150,
        blank=True,
        help_text=_("Empty: the kind's, member's or intervention's name."),
    )
    organisation = models.ForeignKey(
        MemberOrganisation, models.PROTECT, null=True, blank=True, related_name="budget_lines", verbose_name=_("member")
    )
    intervention = models.ForeignKey(
        "interventions.Intervention",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("intervention"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order within its section."))
    footnote = GuardedCharField(
        _("footnote"),
        max_length=300,
        blank=True,
        help_text=_("Printed under the table, e.g. what a budget line includes."),
    )

    objects = BudgetLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.name}: {self.amount}"

    @property
    def section(self):
        return LineKind(self.kind).section

    @property
    def name(self):
        if self.label:
            return self.label
        if self.organisation_id:
            return self.organisation.name
        if self.intervention_id:
            return self.intervention.name
        return LineKind(self.kind).label

    @property
    def key(self):
        """What identifies the same line in another column."""
        return (self.kind, self.organisation_id, self.intervention_id, self.label)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == LineKind.CONTRIBUTION and not self.organisation_id:
            errors["organisation"] = _("A contribution line names the member that pays it.")
        if self.kind != LineKind.CONTRIBUTION and self.organisation_id:
            errors["organisation"] = _("Only a contribution line names a member.")
        if self.kind == LineKind.INTERVENTION and not self.intervention_id:
            errors["intervention"] = _("An intervention line names the intervention.")
        if self.kind != LineKind.INTERVENTION and self.intervention_id:
            errors["intervention"] = _("Only an intervention line names an intervention.")
        if errors:
            raise ValidationError(errors)
        try:
            budget = self.budget  # may be a column not saved yet, as in an import
        except Budget.DoesNotExist:
            return
        ensure_year_is_open(budget.federation_id, budget.year)


class Correction(models.Model):
    """A correction of a line in an adopted or closed year: a new, dated entry by a named
    person beside the line, never an edit of the line itself."""

    line = models.ForeignKey(BudgetLine, models.PROTECT, related_name="corrections", verbose_name=_("line"))
    change = models.DecimalField(_("change"), help_text=_("Added to the booked amount; negative to lower it."), **MONEY)
    reason = GuardedTextField(_("reason"))
    made_on = models.DateField(_("date"), default=timezone.localdate)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("made by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-made_on", "-pk"]

    def __str__(self):
        return f"{self.line.name} {self.change:+}"

    def clean(self):
        super().clean()
        if self.change == 0:
            raise ValidationError({"change": _("A correction changes the amount.")})


class BalanceItemQuerySet(FederationScopedQuerySet):
    def at_year_end(self):
        return self.filter(period_end__isnull=True)

    def at(self, period_end):
        """The items of an interim balance sheet (30 June …)."""
        return self.filter(period_end=period_end)


class BalanceItem(models.Model):
    """A line of the balance sheet at the end of a year, or of an interim period when
    ``period_end`` is set (equity is derived, not kept)."""

    class Kind(models.TextChoices):
        # Current receivables, in the order of the notes
        ACCOUNTS_RECEIVABLE = "accounts_receivable", _("Accounts receivable")
        TAX_ACCOUNT = "tax_account", _("Tax account")
        VAT_RECEIVABLE = "vat_receivable", _("VAT receivable")
        PREPAID = "prepaid", _("Prepaid expenses")
        ACCRUED_INCOME = "accrued_income", _("Accrued income")
        OTHER_RECEIVABLE = "other_receivable", _("Other receivables")
        # Liquid funds
        CASH = "cash", _("Cash and bank")
        # Provisions
        PROVISION = "provision", _("Provisions")
        # Current liabilities, in the order of the notes
        SUPPLIER_DEBTS = "supplier_debts", _("Supplier debts")
        TAXES = "taxes", _("Tax liabilities")
        VAT_LIABILITY = "vat_liability", _("VAT liability")
        PERSONNEL_TAX = "personnel_tax", _("Personnel tax")
        SOCIAL_FEES = "social_fees", _("Social fees settlement")
        HOLIDAY_PAY = "holiday_pay", _("Accrued holiday pay")
        ACCRUED_SOCIAL_FEES = "accrued_social_fees", _("Accrued social fees")
        OTHER_ACCRUALS = "other_accruals", _("Other accrued expenses and deferred income")

    RECEIVABLES = [
        Kind.ACCOUNTS_RECEIVABLE,
        Kind.TAX_ACCOUNT,
        Kind.VAT_RECEIVABLE,
        Kind.PREPAID,
        Kind.ACCRUED_INCOME,
        Kind.OTHER_RECEIVABLE,
    ]
    LIQUID = [Kind.CASH]
    PROVISIONS = [Kind.PROVISION]
    LIABILITIES = [
        Kind.SUPPLIER_DEBTS,
        Kind.TAXES,
        Kind.VAT_LIABILITY,
        Kind.PERSONNEL_TAX,
        Kind.SOCIAL_FEES,
        Kind.HOLIDAY_PAY,
        Kind.ACCRUED_SOCIAL_FEES,
        Kind.OTHER_ACCRUALS,
    ]

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="balance_items", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = GuardedCharField(
        _("label"),
        max_length=150,
        blank=True,
        help_text=_("E.g. the account, for several of one kind."),
    )
    period_end = models.DateField(
        _("period end"), null=True, blank=True, help_text=_("Empty: the year end. For an interim report: e.g. 30 June.")
    )
    amount = models.DecimalField(_("amount at the period end"), **MONEY)

    objects = BalanceItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("balance item")
        verbose_name_plural = _("balance items")
        ordering = ["federation", "-year", "kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "kind", "label"],
                condition=models.Q(period_end__isnull=True),
                name="unique_balance_item",
            ),
            models.UniqueConstraint(
                fields=["federation", "period_end", "kind", "label"],
                condition=models.Q(period_end__isnull=False),
                name="unique_interim_balance_item",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}: {self.amount}"

    def clean(self):
        super().clean()
        if self.period_end and self.year and (self.period_end.year != self.year or self.period_end.month == 12):
            raise ValidationError({"period_end": _("An interim period ends within the year, before December.")})
        if self.federation_id and self.year:
            ensure_year_is_open(self.federation_id, self.year)


class CostAllocation(models.Model):
    """How the office counts a cost line in the year's cost distribution: the shares that
    go to individual-oriented work, structural work, administration and new activity
    (e.g. 40 % of the office line is structural work), or the kronor of the line that go
    to each, whichever the office has. Lines without one follow the default: an
    intervention by its kind, room for new interventions as new activity, other activity
    lines as structural work, administration lines as administration."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("per cent")
        KRONOR = "kronor", _("kronor")

    PART = {"max_digits": 12, "decimal_places": 1, "validators": [MinValueValidator(0)]}
    PARTS = ["individual", "structural", "administration", "new_activity"]

    federation = models.ForeignKey(
        Federation, models.CASCADE, related_name="cost_allocations", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("line"), max_length=30, choices=LineKind.choices)
    label = GuardedCharField(
        _("label"),
        max_length=150,
        blank=True,
        help_text=_("Empty: every line of the kind."),
    )
    unit = models.CharField(
        _("given in"),
        max_length=10,
        choices=Unit.choices,
        default=Unit.PERCENT,
        help_text=_("Per cent of the line, or the kronor of it that go to each."),
    )
    individual = models.DecimalField(_("individual-oriented"), default=0, **PART)
    structural = models.DecimalField(_("structural"), default=0, **PART)
    administration = models.DecimalField(_("administration"), default=0, **PART)
    new_activity = models.DecimalField(_("new activity"), default=0, **PART)

    objects = FederationScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost allocation")
        verbose_name_plural = _("cost allocations")
        ordering = ["federation", "-year", "kind", "label"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year", "kind", "label"], name="unique_cost_allocation")
        ]

    def __str__(self):
        return self.label or self.get_kind_display()

    @property
    def parts(self):
        """{part: what the office gave for it}, in its unit."""
        return {part: getattr(self, part) for part in self.PARTS}

    @property
    def shares(self):
        """{part: per cent of the line}: as given, or from the kronor given."""
        if self.unit == self.Unit.PERCENT:
            return self.parts
        given = sum(self.parts.values())
        return {part: Decimal(100) * amount / given for part, amount in self.parts.items()}

    @property
    def given_in_kronor(self):
        return self.unit == self.Unit.KRONOR

    @property
    def summary(self):
        """What the office gave, as the statements print it."""
        if self.given_in_kronor:
            unit = "kr"
            parts = {part: group_digits(amount) for part, amount in self.parts.items()}
        else:
            unit = "%"
            parts = {
                part: str(share.to_integral_value())
                if share == share.to_integral_value()
                else str(share).replace(".", ",")
                for part, share in self.parts.items()
            }
        return _(
            "%(individual)s %(unit)s individual-oriented, %(structural)s %(unit)s structural, "
            "%(administration)s %(unit)s administration, %(new_activity)s %(unit)s new activity"
        ) % {**parts, "unit": unit}

    def clean(self):
        super().clean()
        if None in self.parts.values():
            return
        given = sum(self.parts.values())
        if self.unit == self.Unit.PERCENT:
            over = [part for part, share in self.parts.items() if share > 100]
            if over:
                raise ValidationError({part: _("A share is at most 100 %.") for part in over})
            if given != 100:
                raise ValidationError(_("The shares add up to %(sum)s %%, not 100 %%.") % {"sum": given})
        elif not given:
            raise ValidationError(_("Give the kronor of the line that go to at least one part."))
