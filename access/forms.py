from django import forms
from django.utils.translation import gettext_lazy as _

from federations.models import Role
from finsam.locking import VersionedModelForm
from finsam.privacy import validate_no_identity_number
from interventions.models import Intervention


class RoleFields(forms.Form):
    """The role a colleague is given: its kind, whether they administer the federation, and
    for intervention staff the interventions they work in — checked the same way whether
    it is offered by invitation or changed later."""

    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    is_administrator = forms.BooleanField(
        label=_("Federation administrator"),
        required=False,
        help_text=_("Gives colleagues their roles, ends them and resets their second factor. Office staff only."),
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Interventions"),
        queryset=Intervention.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For intervention staff: the interventions they work in, and see only."),
    )

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interventions"].queryset = Intervention.objects.of_federation(federation).order_by("name")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if cleaned.get("is_administrator") and kind != Role.Kind.OFFICE:
            self.add_error("is_administrator", _("Only office staff can be the federation's administrators."))
        if kind == Role.Kind.INTERVENTION and not cleaned.get("interventions"):
            self.add_error("interventions", _("Choose the interventions intervention staff work in."))
        if kind != Role.Kind.INTERVENTION:
            cleaned["interventions"] = []
        return cleaned


class InvitationForm(RoleFields):
    name = forms.CharField(
        label=_("For"),
        max_length=150,
        validators=[validate_no_identity_number],
        help_text=_("The colleague's name, as the list of users shows the invitation until it is used."),
    )
    field_order = ["name", "kind", "is_administrator", "interventions"]


class RoleForm(RoleFields, VersionedModelForm):
    """A colleague's role, changed by an administrator (version-locked like every record)."""

    class Meta:
        model = Role
        fields = ["kind", "is_administrator"]

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, federation=federation, **kwargs)
        self.initial.setdefault(
            "interventions",
            list(
                self.fields["interventions"]
                .queryset.filter(assignments__user=self.instance.user)
                .values_list("pk", flat=True)
            ),
        )
