"""The navigation of a federation's pages: a main bar, and a second bar on the
registry pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import EDIT, HISTORY, role_allows


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False
    children: tuple = ()


def federation_nav(federation, current_path):
    from federations.views import REGISTRIES

    def url(name):
        return reverse(name, kwargs={"slug": federation.slug})

    registry = [
        NavItem(
            entry.title,
            url(f"federations:{entry.name}-list"),
            current_path.startswith(url(f"federations:{entry.name}-list")),
        )
        for entry in REGISTRIES
    ]
    items = [
        NavItem(_("Overview"), url("federations:detail"), current_path == url("federations:detail")),
        *(
            [NavItem(_("At a glance"), url("reporting:dashboard"), current_path == url("reporting:dashboard"))]
            if role_allows(federation.user_role, EDIT)
            else []
        ),
        NavItem(_("Interventions"), url("interventions:list"), current_path.startswith(url("interventions:list"))),
        NavItem(
            _("Participants"),
            url("interventions:participant-list"),
            current_path.startswith(url("interventions:participant-list")),
        ),
        NavItem(_("Budget"), url("finances:budget"), current_path.startswith(url("finances:budget"))),
        NavItem(_("Accounts"), url("finances:accounts"), current_path.startswith(url("finances:accounts"))),
        NavItem(
            _("Reports"),
            url("reporting:annual"),
            current_path.startswith(url("reporting:annual").rsplit("annual/", 1)[0]),
            (
                NavItem(_("Annual report"), url("reporting:annual"), current_path.startswith(url("reporting:annual"))),
                NavItem(
                    _("Interim report"), url("reporting:interim"), current_path.startswith(url("reporting:interim"))
                ),
                NavItem(_("Business plan"), url("reporting:plan"), current_path.startswith(url("reporting:plan"))),
            ),
        ),
        NavItem(_("Registry"), registry[0].url, any(item.active for item in registry), tuple(registry)),
    ]
    if role_allows(federation.user_role, HISTORY):
        items.append(NavItem(_("Auditors"), url("reporting:auditors"), current_path == url("reporting:auditors")))
        items.append(NavItem(_("History"), url("federations:history"), current_path == url("federations:history")))
    return items
