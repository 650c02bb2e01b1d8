import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from federations.models import Role

from .models import AccessLink


def when(value):
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else "—"


class RoleTable(tables.Table):
    """The federation's users: their role, what they work in, whether their second factor
    is set up, and what the administrator can do."""

    username = tables.Column(
        accessor="user__username",
        verbose_name=_("Username"),
        linkify=lambda record: reverse("access:role-edit", kwargs={"slug": record.federation.slug, "pk": record.pk}),
        attrs={"a": {"title": _("Change role")}},
    )
    name = tables.Column(accessor="user", verbose_name=_("Name"), orderable=False)
    role = tables.Column(accessor="kind", verbose_name=_("Role"))
    interventions = tables.Column(empty_values=(), verbose_name=_("Interventions"), orderable=False)
    second_factor = tables.Column(empty_values=(), verbose_name=_("Second factor"), orderable=False)
    last_login = tables.Column(accessor="user__last_login", verbose_name=_("Last login"), default="—")
    actions = tables.TemplateColumn(
        template_name="access/_role_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = Role
        fields = []
        order_by = "username"

    def render_name(self, value):
        return value.get_full_name() or "—"

    def render_role(self, record):
        return record.title

    def render_interventions(self, record):
        # The user's assignments are prefetched for this federation's interventions only.
        if record.kind != Role.Kind.INTERVENTION:
            return "—"
        names = sorted(assignment.intervention.name for assignment in record.user.intervention_assignments.all())
        return ", ".join(names) or "—"

    def render_second_factor(self, record):
        confirmed = any(device.confirmed for device in record.user.totpdevice_set.all())
        return _("Set up") if confirmed else _("Not set up")

    def render_last_login(self, value):
        return date_format(localtime(value), "SHORT_DATE_FORMAT")


class LinkTable(tables.Table):
    """The links handed out and not yet used, withdrawn or expired."""

    name = tables.Column(verbose_name=_("For"))
    purpose = tables.Column(verbose_name=_("Purpose"))
    role = tables.Column(accessor="kind", verbose_name=_("Role"))
    created_by = tables.Column(
        accessor="created_by__username", verbose_name=_("Made by"), default=_("the installation")
    )
    created_at = tables.Column(verbose_name=_("Made"))
    expires_at = tables.Column(verbose_name=_("Valid until"))
    actions = tables.TemplateColumn(
        template_name="access/_link_actions.html", verbose_name=_("Actions"), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = AccessLink
        fields = []
        orderable = False

    def render_role(self, record):
        return record.role_title if record.kind else "—"

    def render_created_at(self, value):
        return when(value)

    def render_expires_at(self, value):
        return when(value)
