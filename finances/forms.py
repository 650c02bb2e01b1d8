from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput, FederationScopedForm
from federations.imports.files import unformatted
from federations.models import FiscalYear, MemberOrganisation
from finsam.forms import PlainEmptyChoice
from finsam.locking import VersionedFormMixin, fingerprint, last_change, locked
from interventions.models import Intervention

from .models import BalanceItem, Budget, BudgetLine, Correction, CostAllocation, LineKind


class BudgetColumnForm(FederationScopedForm):
    class Meta:
        model = Budget
        fields = ["scenario", "year", "period_end", "made_on", "carried_balance"]
        widgets = {"period_end": DateInput(), "made_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_end"].required = False
        self.fields["period_end"].help_text = _("Empty: 31 December of the year.")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("year") and not cleaned_data.get("period_end"):
            cleaned_data["period_end"] = date(cleaned_data["year"], 12, 31)
            self.instance.period_end = cleaned_data["period_end"]
        return cleaned_data


class AmountField(forms.DecimalField):
    """Kronor as people write them: "1 388 300", "−45 000,50" (the grid groups digits as
    they are typed)."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=2, required=False, localize=True, **kwargs)
        self.widget.attrs.update({"class": "amount", "inputmode": "decimal"})

    def to_python(self, value):
        return super().to_python(unformatted(value) if isinstance(value, str) else value)


def whole_if_possible(value):
    """519200.00 → 519200, so that the grid shows kronor as people write them."""
    if value is not None and value == value.to_integral_value():
        return int(value)
    return value


class BudgetGridForm(VersionedFormMixin, forms.Form):
    """The business-plan table as a grid: one amount field per line and column, and a
    few empty rows for new lines. Saved in one transaction; a column of an adopted or
    closed year is shown but cannot be changed."""

    NEW_ROWS = 3

    def __init__(self, *args, table, federation, **kwargs):
        self.table = table  # before the version is taken from it
        self.federation = federation
        super().__init__(*args, **kwargs)
        self.locked = self.locked_columns()
        # The years the person could edit when the page was drawn, to tell them on saving
        # that one has been adopted since.
        self.fields["open_years"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            initial=",".join(str(c.year) for c in table.columns if c.pk not in self.locked),
        )
        self.rows = []
        for r, row in enumerate(table.income + table.activities + table.administration + table.financial):
            cells = []
            for c, (column, value) in enumerate(zip(table.columns, row.cells)):
                name = f"cell_{r}_{c}"
                self.fields[name] = AmountField(
                    label=f"{row.name}, {column.label}",
                    initial=whole_if_possible(value),
                    disabled=column.pk in self.locked,
                )
                cells.append(self[name])
            self.rows.append((row, cells))
        kinds = [("", _("New line: kind")), *LineKind.choices]
        self.new_rows = []
        organisations = MemberOrganisation.objects.of_members(federation)
        interventions = Intervention.objects.of_federation(federation)
        for n in range(self.NEW_ROWS):
            prefix = f"new_{n}"
            self.fields[f"{prefix}_kind"] = forms.ChoiceField(label=_("Kind"), choices=kinds, required=False)
            self.fields[f"{prefix}_organisation"] = forms.ModelChoiceField(
                organisations, label=_("Member"), required=False, empty_label=_("Member (for a contribution)")
            )
            self.fields[f"{prefix}_intervention"] = forms.ModelChoiceField(
                interventions, label=_("Intervention"), required=False, empty_label=_("Intervention (for its line)")
            )
            self.fields[f"{prefix}_label"] = forms.CharField(
                label=_("Label"),
                max_length=150,
                required=False,
                widget=forms.TextInput(attrs={"placeholder": _("Label (optional)")}),
            )
            cells = []
            for c, column in enumerate(table.columns):
                name = f"{prefix}_{c}"
                self.fields[name] = AmountField(label=column.label, disabled=column.pk in self.locked)
                cells.append(self[name])
            self.new_rows.append(
                ([self[f"{prefix}_{part}"] for part in ("kind", "organisation", "intervention", "label")], cells)
            )

    @property
    def editable(self):
        """Whether any column can be changed: with every year locked there is nothing to save."""
        return any(column.pk not in self.locked for column in self.table.columns)

    @property
    def totals(self):
        """The rows under the grid: (label, what the live total adds up, one amount a column)."""
        table = self.table
        return [
            (_("Total income"), "income", table.income_total),
            (_("Subtotal activities"), "activities", table.activities_total),
            (_("Subtotal administration"), "administration", table.administration_total),
            (_("Total costs"), "costs", table.costs_total),
            (_("Result"), "result", table.result),
        ]

    @property
    def section_of_kind(self):
        """Each kind's section, for the grid's live totals of a new line."""
        return {kind.value: LineKind(kind).section.value for kind in LineKind}

    def columns(self):
        return Budget.objects.filter(pk__in=[column.pk for column in self.table.columns])

    def current_version(self, lock=False):
        """The table as it is in the database: its columns and every line. With ``lock``, the
        columns stay locked until the save commits; adopting a year takes the same lock."""
        if lock:
            list(locked(self.columns()).values_list("pk", flat=True))
        lines = (
            BudgetLine.objects.filter(budget__in=self.columns())
            .order_by("pk")
            .values_list("pk", "budget", "kind", "organisation", "intervention", "label", "amount")
        )
        return fingerprint([column.pk for column in self.table.columns] + list(lines))

    def locked_columns(self):
        """The columns of the table whose year is adopted or closed."""
        closed = set(
            FiscalYear.objects.filter(federation=self.federation, year__in=[c.year for c in self.table.columns])
            .exclude(status=FiscalYear.Status.OPEN)
            .values_list("year", flat=True)
        )
        return {column.pk for column in self.table.columns if column.year in closed}

    def last_change(self):
        return last_change(history=BudgetLine.history.filter(budget__in=[column.pk for column in self.table.columns]))

    def line_keys(self):
        """(row, column) → the BudgetLine fields that identify the line."""
        for r, (row, _cells) in enumerate(self.rows):
            key = {
                "kind": row.kind,
                "organisation": row.organisation,
                "intervention": row.intervention,
                "label": row.label,
            }
            for c, column in enumerate(self.table.columns):
                yield f"cell_{r}_{c}", column, key

    def clean(self):
        cleaned_data = super().clean()  # the columns are locked from here to the save
        self.changes = []
        # A year may have been adopted since the page was drawn: ask again, under the lock.
        self.locked = self.locked_columns()
        shown_open = {int(year) for year in cleaned_data.get("open_years", "").split(",") if year.isdigit()}
        years = sorted({column.year for column in self.table.columns if column.pk in self.locked} & shown_open)
        if years:
            self.add_error(
                None,
                _("The year %(years)s was adopted while you were editing; its figures can no longer change.")
                % {"years": ", ".join(map(str, years))},
            )
            return cleaned_data
        for name, column, key in self.line_keys():
            if column.pk not in self.locked and name in self.changed_data:
                self.changes.append((column, key, cleaned_data.get(name), name))
        for n in range(self.NEW_ROWS):
            prefix = f"new_{n}"
            kind = cleaned_data.get(f"{prefix}_kind")
            amounts = [(column, cleaned_data.get(f"{prefix}_{c}")) for c, column in enumerate(self.table.columns)]
            if not kind:
                if any(amount is not None for _column, amount in amounts):
                    self.add_error(f"{prefix}_kind", _("Choose the kind of the new line."))
                continue
            key = {
                "kind": kind,
                "organisation": cleaned_data.get(f"{prefix}_organisation"),
                "intervention": cleaned_data.get(f"{prefix}_intervention"),
                "label": cleaned_data.get(f"{prefix}_label", ""),
            }
            for column, amount in amounts:
                if amount is not None and column.pk not in self.locked:
                    self.changes.append((column, key, amount, f"{prefix}_kind"))
        # Each changed line must pass the line's own rules before anything is saved.
        for column, key, amount, field_name in self.changes:
            if amount is None:
                continue
            line = BudgetLine(budget=column, amount=amount, **key)
            try:
                line.full_clean(exclude=["position"])
            except ValidationError as error:
                for message in error.messages:
                    self.add_error(field_name, message)
        return cleaned_data

    @transaction.atomic
    def save(self):
        for column, key, amount, _field_name in self.changes:
            lines = BudgetLine.objects.filter(budget=column, **key)
            if amount is None:
                for line in lines:
                    line.delete()
                continue
            line = lines.first()
            if line is None:
                BudgetLine.objects.create(budget=column, amount=amount, **key)
            elif line.amount != amount:
                line.amount = amount
                line.save()


class BalanceItemForm(FederationScopedForm):
    """A balance item at the end of the year the page shows."""

    # The year end (no interim period end) is part of what makes an item unique.
    scope_fields = FederationScopedForm.scope_fields | {"year", "period_end"}

    class Meta:
        model = BalanceItem
        fields = ["kind", "label", "amount"]

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.year = year


class BaseBalanceItemFormSet(forms.BaseModelFormSet):
    def clean(self):
        """One item per kind and label: the database says so only for the year end (its rule
        has a condition, which a formset does not check across its rows)."""
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            key = (form.cleaned_data.get("kind"), form.cleaned_data.get("label", ""))
            if key in seen:
                kind = BalanceItem.Kind(key[0]).label if key[0] else ""
                raise ValidationError(_("Each kind and label once: %(kind)s is entered twice.") % {"kind": kind})
            seen.add(key)


BalanceItemFormSet = forms.modelformset_factory(
    BalanceItem, form=BalanceItemForm, formset=BaseBalanceItemFormSet, extra=3, can_delete=True
)


class CostAllocationForm(FederationScopedForm):
    """How one cost line of the year counts in the cost distribution."""

    scope_fields = FederationScopedForm.scope_fields | {"year"}

    class Meta:
        model = CostAllocation
        fields = ["kind", "label", "unit", "individual", "structural", "administration", "new_activity"]
        widgets = {part: forms.NumberInput(attrs={"class": "narrow"}) for part in CostAllocation.PARTS}

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.year = year
        self.fields["kind"].choices = [
            (kind, label) for kind, label in self.fields["kind"].choices if kind not in INCOME_KINDS
        ]


INCOME_KINDS = {LineKind.CONTRIBUTION, LineKind.OTHER_INCOME, LineKind.INTEREST, LineKind.FINANCIAL_COSTS}
CostAllocationFormSet = forms.modelformset_factory(CostAllocation, form=CostAllocationForm, extra=2, can_delete=True)


class CorrectionForm(PlainEmptyChoice, forms.ModelForm):
    """A correction of a line in an adopted or closed year of the federation."""

    class Meta:
        model = Correction
        fields = ["line", "change", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, federation, user, **kwargs):
        super().__init__(*args, **kwargs)
        closed = FiscalYear.objects.filter(federation=federation).exclude(status=FiscalYear.Status.OPEN).values("year")
        self.fields["line"].queryset = (
            BudgetLine.objects.filter(budget__federation=federation, budget__year__in=closed)
            .select_related("budget", "organisation", "intervention")
            .order_by("-budget__year", "budget__scenario", "kind")
        )
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.budget.label}: {line.name} ({line.amount:,.0f} kr)".replace(",", "\u00a0")
        )
        self.instance.made_by = user
