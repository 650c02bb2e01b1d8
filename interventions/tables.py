import django_tables2 as tables
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from federations.models import Municipality
from federations.tables import DateColumn, NumberColumn, RegistryTable
from federations.templatetags.finsam_format import number
from finsam.disclosure import is_withheld, small_withheld
from finsam.links import record_url
from finsam.tables import by_rank

from .models import (
    Application,
    Deviation,
    GrantDecision,
    Intervention,
    Participant,
    Referral,
    StructuralEvent,
    SupplementaryQuestion,
)


class InterventionTable(tables.Table):
    name = tables.Column(verbose_name=_("name"))
    active_participants = NumberColumn(verbose_name=_("active participants"))
    responsible_organisation = tables.Column(order_by=("responsible_organisation__name",))
    starts_on = DateColumn()

    class Meta:
        model = Intervention
        fields = ["name", "kind", "status", "starts_on", "responsible_organisation", "active_participants"]

    def __init__(self, *args, federation, protect=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.detail_url = record_url("interventions:detail", slug=federation.slug)
        self.protect = protect  # small numbers shown as "<5" (finsam.disclosure); no total is shown

    def shown(self, value):
        return small_withheld(value) if self.protect else value

    def render_active_participants(self, value):
        return number(self.shown(value))

    def value_active_participants(self, value):
        shown = self.shown(value)
        return str(shown) if is_withheld(shown) else shown

    def render_name(self, record):
        return format_html('<a href="{}">{}</a>', self.detail_url(record.pk), record.name)

    def value_name(self, record):
        return record.name


class ParticipantTable(tables.Table):
    code = tables.Column()
    intervention = tables.Column(order_by=("intervention__name",))
    municipality = tables.Column(order_by=("municipality__name",))
    enrolled_on = DateColumn()
    ended_on = DateColumn()
    actions = tables.Column(
        empty_values=(),
        orderable=False,
        verbose_name=_("Actions"),
        exclude_from_export=True,
    )

    class Meta:
        model = Participant
        fields = [
            "code",
            "intervention",
            "gender",
            "birth_year",
            "municipality",
            "enrolled_on",
            "ended_on",
            "end_reason",
            "end_class",
        ]

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.federation = federation
        self.urls = {
            name: record_url(f"interventions:participant-{name}", slug=federation.slug)
            for name in ("edit", "end", "history")
        }

    def url(self, name, record):
        return self.urls[name](record.pk)

    def order_intervention(self, queryset, is_descending):
        ordered = Intervention.objects.of_federation(self.federation).order_by("name")
        return by_rank(queryset, "intervention", ordered, is_descending), True

    def order_municipality(self, queryset, is_descending):
        ordered = Municipality.objects.of_members(self.federation).order_by("name")
        return by_rank(queryset, "municipality", ordered, is_descending), True

    def render_code(self, record):
        if record.anonymised_on:  # kept past retention: nothing left to correct
            return record.code
        return format_html('<a href="{}">{}</a>', self.url("edit", record), record.code)

    def value_code(self, record):
        return record.code

    def render_actions(self, record):
        history = format_html('<a href="{}">{}</a>', self.url("history", record), _("History"))
        if record.ended_on:
            return history
        return format_html('<a href="{}">{}</a> · {}', self.url("end", record), _("End"), history)


class DeviationTable(RegistryTable):
    edit_url_name = "interventions:deviation-edit"
    occurred_on = DateColumn()
    members = tables.Column(empty_values=(), orderable=False)
    description = tables.Column(orderable=False, attrs={"td": {"class": "prose"}})

    class Meta:
        model = Deviation
        fields = ["occurred_on", "members", "description", "status"]

    def render_members(self, record):
        return ", ".join(str(member.short_name or member.name) for member in record.members.all())

    def value_members(self, record):
        return self.render_members(record)

    def render_description(self, value):
        return Truncator(value).words(16)

    def value_description(self, value):
        return value


def registry_number_column():
    """The record's number in the diary, sorted by year and number."""
    return tables.Column(
        accessor="diary_entry__registry_number",
        verbose_name=_("Registry number"),
        order_by=("diary_entry__year", "diary_entry__number"),
    )


class ApplicationTable(RegistryTable):
    edit_url_name = "interventions:application-edit"
    registry_number = registry_number_column()
    received_on = DateColumn()
    title = tables.Column(verbose_name=_("Intervention"))
    applicants = tables.Column(empty_values=(), orderable=False, verbose_name=_("Applicants"))
    amount_per_year = NumberColumn(verbose_name=_("Per year"))
    years = tables.Column(verbose_name=_("Years"))
    recommendation = tables.Column(verbose_name=_("Recommendation"))
    decision = tables.Column(empty_values=(), orderable=False, verbose_name=_("Board's decision"))

    class Meta:
        model = Application
        fields = [
            "registry_number",
            "received_on",
            "title",
            "applicants",
            "amount_per_year",
            "years",
            "recommendation",
            "decision",
        ]

    def render_applicants(self, record):
        return ", ".join(str(member.short_name or member.name) for member in record.applicants.all())

    def value_applicants(self, record):
        return self.render_applicants(record)

    def render_decision(self, record):
        decisions = sorted(record.decisions.all(), key=lambda decision: (decision.decided_on, decision.pk))
        if not decisions:
            return "—"
        latest = decisions[-1]
        return f"{latest.get_outcome_display()} {latest.decided_on.isoformat()}"

    def value_decision(self, record):
        return self.render_decision(record)


class GrantDecisionTable(RegistryTable):
    edit_url_name = "interventions:grantdecision-edit"
    registry_number = registry_number_column()
    decided_on = DateColumn()
    application = tables.Column(accessor="application__title", verbose_name=_("Application"))
    granted_per_year = NumberColumn()
    period = tables.Column(empty_values=(), orderable=False, verbose_name=_("Years"))
    paragraph = tables.Column(verbose_name=_("In the minutes"), orderable=False)

    class Meta:
        model = GrantDecision
        fields = [
            "registry_number",
            "decided_on",
            "kind",
            "application",
            "outcome",
            "granted_per_year",
            "period",
            "paragraph",
        ]

    def render_period(self, record):
        return record.period or "—"

    def value_period(self, record):
        return record.period

    def render_paragraph(self, value):
        return f"{value.meeting} § {value.paragraph}"


class StructuralEventTable(RegistryTable):
    edit_url_name = "interventions:structuralevent-edit"
    held_on = DateColumn()
    intervention = tables.Column(order_by=("intervention__name",))
    attendee_count = tables.Column(
        verbose_name=_("Attendees"), attrs={"td": {"class": "number"}, "th": {"class": "number"}}
    )

    class Meta:
        model = StructuralEvent
        fields = ["held_on", "intervention", "kind", "title", "hours", "attendee_count"]


class ReferralTable(RegistryTable):
    edit_url_name = "interventions:referral-edit"
    referred_on = DateColumn()
    intervention = tables.Column(order_by=("intervention__name",))
    closed_on = DateColumn()

    class Meta:
        model = Referral
        fields = ["referred_on", "code", "intervention", "gender", "referred_by", "closed_on", "outcome"]


class SupplementaryQuestionTable(RegistryTable):
    edit_url_name = "interventions:supplementaryquestion-edit"
    asked_from = DateColumn()
    asked_until = DateColumn()

    class Meta:
        model = SupplementaryQuestion
        fields = ["text", "answer_kind", "asked_at", "asked_from", "asked_until", "column"]
