from django import forms
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput
from finsam.locking import VersionedModelForm

from .models import AnnualReportText


class AdoptionForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted by the board on"), widget=DateInput())
    registry_number = forms.CharField(label=_("Registry number"), max_length=40)


class AnnualReportTextForm(VersionedModelForm):
    class Meta:
        model = AnnualReportText
        fields = [
            "registry_number",
            "foreword",
            "mission",
            "important_conditions",
            "board_meetings",
            "personnel",
            "expected_development",
            "adopted_on",
        ]
        widgets = {"adopted_on": DateInput()}
