"""The forms of the register of structural events: an event, and who came to it from which
member organisation, saved together or not at all."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federations.forms import DateInput, FederationScopedForm

from .models import EventAttendance, Intervention, StructuralEvent


class StructuralEventForm(FederationScopedForm):
    """An event of one of the federation's structural interventions; who came is its rows."""

    class Meta:
        model = StructuralEvent
        fields = ["intervention", "held_on", "kind", "title", "hours"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = (
            Intervention.objects.of_federation(self.federation)
            .filter(kind=Intervention.Kind.STRUCTURAL)
            .order_by("name")
        )


class EventAttendanceForm(FederationScopedForm):
    class Meta:
        model = EventAttendance
        fields = ["organisation", "attendees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = _("Elsewhere (not a member)")


class BaseEventAttendanceFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, form_kwargs={"federation": federation}, **kwargs)

    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("Say how many came, from at least one member organisation or from elsewhere."))


EventAttendanceFormSet = forms.inlineformset_factory(
    StructuralEvent,
    EventAttendance,
    form=EventAttendanceForm,
    formset=BaseEventAttendanceFormSet,
    extra=3,
    can_delete=True,
)
EventAttendanceFormSet.scoped = True  # built with the federation: its county's member organisations
