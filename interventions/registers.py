"""The registers of this app — lists with a filter, an export and a form each — that the
federation's registry shows beside its own (``federations.views.Registry``)."""

from django.utils.translation import gettext_lazy

from federations.views import Registry

from . import event_forms, filters, forms, sus_forms, tables
from .models import (
    Application,
    Deviation,
    GrantDecision,
    Referral,
    StructuralEvent,
    StructuralEventQuerySet,
    SupplementaryQuestion,
)

DEVIATIONS = Registry(
    "deviation",
    Deviation,
    tables.DeviationTable,
    filters.DeviationFilter,
    forms.DeviationForm,
    namespace="interventions",
    prefetch=("members",),
)

APPLICATIONS = Registry(
    "application",
    Application,
    tables.ApplicationTable,
    filters.ApplicationFilter,
    forms.ApplicationForm,
    ("diary_entry",),
    namespace="interventions",
    prefetch=("applicants", "decisions"),
)
GRANT_DECISIONS = Registry(
    "grantdecision",
    GrantDecision,
    tables.GrantDecisionTable,
    filters.GrantDecisionFilter,
    forms.GrantDecisionForm,
    ("diary_entry", "application", "paragraph__meeting"),
    namespace="interventions",
)

STRUCTURAL_EVENTS = Registry(
    "structuralevent",
    StructuralEvent,
    tables.StructuralEventTable,
    filters.StructuralEventFilter,
    event_forms.StructuralEventForm,
    ("intervention",),
    formset=event_forms.EventAttendanceFormSet,
    list_query=StructuralEventQuerySet.for_list,
    namespace="interventions",
    more_pages=((gettext_lazy("Import from a file"), "interventions:structuralevent-import"),),
)

REFERRALS = Registry(
    "referral",
    Referral,
    tables.ReferralTable,
    filters.ReferralFilter,
    sus_forms.ReferralForm,
    ("intervention", "referred_by"),
    namespace="interventions",
    more_pages=((gettext_lazy("Import from a file"), "interventions:referral-import"),),
)

SUPPLEMENTARY_QUESTIONS = Registry(
    "supplementaryquestion",
    SupplementaryQuestion,
    tables.SupplementaryQuestionTable,
    filters.SupplementaryQuestionFilter,
    sus_forms.SupplementaryQuestionForm,
    namespace="interventions",
)
