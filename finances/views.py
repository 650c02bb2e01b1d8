from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, FormView, TemplateView

from federations.imports import ImportPreviewView, ImportView
from federations.models import ImportBatch
from federations.permissions import EDIT, FederationMixin
from federations.years import YearFormsetView, YearMixin

from . import checks, forms
from .contributions import MissingPopulation, contribution_split
from .figures import grants_against_budget, plan_table
from .importers import AccountsImporter
from .models import BalanceItem, Budget, Correction, CostAllocation
from .statements import year_end


class BudgetMixin(YearMixin):
    def table(self):
        return plan_table(self.federation, self.year)


class BudgetTableView(BudgetMixin, TemplateView):
    """The business plan's budget table: every subtotal, total and balance computed."""

    template_name = "finances/budget_table.html"

    def get_context_data(self, **kwargs):
        table = self.table()
        budget_column = next(
            (c for c in table.columns if c.year == self.year and c.scenario == Budget.Scenario.BUDGET), None
        )
        findings = checks.check_plan(table)
        for column in table.columns:
            findings += checks.check_contribution_key(column)
        return super().get_context_data(
            title=_("Budget %(year)s and plan %(next)s–%(last)s")
            % {"year": self.year, "next": self.year + 1, "last": self.year + 2},
            year=self.year,
            years=self.federation.years(ahead=2),
            table=table,
            findings=findings,
            grants=grants_against_budget(table, budget_column) if budget_column else [],
            **kwargs,
        )


class BudgetGridView(BudgetMixin, FormView):
    capability = EDIT
    template_name = "finances/budget_grid.html"
    form_class = forms.BudgetGridForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "table": self.table(), "federation": self.federation}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Saved the budget."))
        return redirect(self.year_url("finances:budget"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit budget %(year)s") % {"year": self.year}, year=self.year, **kwargs)


class BudgetColumnCreateView(FederationMixin, CreateView):
    capability = EDIT
    form_class = forms.BudgetColumnForm
    template_name = "federations/registry_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation}

    def get_success_url(self):
        return reverse("finances:budget-edit", kwargs={"slug": self.federation.slug}) + f"?year={self.object.year}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("New budget column"), **kwargs)


class CorrectionCreateView(FederationMixin, CreateView):
    """Correct a figure of an adopted or closed year: a new, dated, attributed entry."""

    capability = EDIT
    form_class = forms.CorrectionForm
    template_name = "federations/registry_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation, "user": self.request.user}

    def form_valid(self, form):
        messages.success(self.request, _("Recorded the correction."))
        return super().form_valid(form)

    def get_success_url(self):
        return (
            reverse("finances:accounts", kwargs={"slug": self.federation.slug})
            + f"?year={self.object.line.budget.year}"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record a correction"), **kwargs)


class YearEndView(BudgetMixin, TemplateView):
    """The year-end accounts: statements, key figures and what an auditor would flag."""

    template_name = "finances/year_end.html"

    def get_context_data(self, **kwargs):
        accounts = year_end(self.federation, self.year)
        return super().get_context_data(
            title=_("Year-end accounts %(year)s") % {"year": self.year},
            year=self.year,
            years=self.federation.years(),
            accounts=accounts,
            checks=checks.year_end_checks(accounts),
            corrections=Correction.objects.filter(
                line__budget__federation=self.federation, line__budget__year=self.year
            ).select_related("line__budget", "line__organisation", "line__intervention", "made_by"),
            **kwargs,
        )


class BalanceItemsView(YearFormsetView):
    """The balance items at the end of a year."""

    done_url_name = "finances:accounts"

    def queryset(self):
        return super().queryset().at_year_end()

    formset_class = forms.BalanceItemFormSet
    model = BalanceItem
    title = gettext_lazy("Balance items %(year)s")
    saved = gettext_lazy("Saved the balance items of %(year)s.")


class CostAllocationView(YearFormsetView):
    """How the year's cost lines count in the cost distribution."""

    done_url_name = "finances:accounts"
    formset_class = forms.CostAllocationFormSet
    model = CostAllocation
    form_width = "full"
    title = gettext_lazy("Cost distribution %(year)s: how the lines count")
    saved = gettext_lazy("Saved how the lines of %(year)s count in the cost distribution.")
    help = gettext_lazy(
        "Lines not named here follow the default: an intervention by its kind, room for new interventions as new "
        "activity, other activity lines as structural work, administration lines as administration. Name a line "
        "by its label, or leave the label empty for every line of the kind."
    )


class ContributionsView(BudgetMixin, TemplateView):
    """The contribution calculator: from the state's contribution to every member's."""

    template_name = "finances/contributions.html"

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", "").replace(" ", "").replace("\u00a0", "")
        split, error = [], ""
        if state:
            try:
                amount = Decimal(state)
                if amount <= 0:
                    raise InvalidOperation
                split = contribution_split(self.federation, self.year, amount)
            except InvalidOperation:
                error = _("Give the state's contribution as a positive amount in kronor.")
            except MissingPopulation as missing:
                error = str(missing)
        return super().get_context_data(
            title=_("Contributions %(year)s") % {"year": self.year},
            year=self.year,
            state=state,
            split=split,
            total=sum((amount for _organisation, amount in split), Decimal(0)),
            error=error,
            **kwargs,
        )


class AccountsImportMixin:
    importer_class = AccountsImporter
    kind = ImportBatch.Kind.ACCOUNTS
    url_names = {"upload": "finances:import", "preview": "finances:import-preview", "done": "finances:budget"}
    title = gettext_lazy("Import budget lines and actuals")
    example = "import/accounts-example.csv"
    help = gettext_lazy(
        "Upload an export from the accounting system: one row per line of a budget, prognosis, plan or "
        "actual. Stated totals are compared with the lines. Nothing is saved until every row is right and "
        "you confirm; importing the same file again changes nothing."
    )


class AccountsImportView(AccountsImportMixin, ImportView):
    pass


class AccountsImportPreviewView(AccountsImportMixin, ImportPreviewView):
    pass
