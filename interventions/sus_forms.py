"""The forms of what SUS asked that only the federation keeps now: the waiting list and the
federation's own supplementary questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput, FederationScopedForm
from federations.imports.files import normalise
from federations.models import MemberOrganisation, Municipality

from .importers import COLUMNS
from .models import Gender, Intervention, Referral, SupplementaryQuestion


class ReferralForm(FederationScopedForm):
    """Someone referred to one of the federation's individual interventions, until they
    enrol or withdraw."""

    class Meta:
        model = Referral
        fields = [
            "intervention",
            "code",
            "gender",
            "municipality",
            "referred_on",
            "referred_by",
            "closed_on",
            "outcome",
        ]
        widgets = {"referred_on": DateInput(), "closed_on": DateInput(), "gender": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = (
            Intervention.objects.of_federation(self.federation).individual().order_by("name")
        )
        self.fields["gender"].choices = Gender.choices
        self.fields["municipality"].queryset = Municipality.objects.of_members(self.federation)
        self.fields["referred_by"].queryset = MemberOrganisation.objects.of_members(self.federation)


class SupplementaryQuestionForm(FederationScopedForm):
    class Meta:
        model = SupplementaryQuestion
        fields = ["text", "answer_kind", "options", "asked_at", "asked_from", "asked_until", "column"]
        widgets = {"asked_from": DateInput(), "asked_until": DateInput()}

    def clean_column(self):
        column = self.cleaned_data["column"]
        if normalise(column) in COLUMNS:
            raise forms.ValidationError(
                _("The participant import already has a column “%(column)s”.") % {"column": column}
            )
        return column
