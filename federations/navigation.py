"""The navigation of a federation's pages: a main bar, and a second bar for a section
(reports, the registry). A user sees only the links their role may follow."""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

from .permissions import ADMINISTER, EDIT, HISTORY, INTERVENTION_TEXTS, PARTICIPANTS, VIEW, federation_allows


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False
    children: tuple = ()


def section(label, children):
    """A main-bar item leading to its first child, with the children as the second bar."""
    return NavItem(label, children[0].url, any(child.active for child in children), tuple(children))


@functools.lru_cache(maxsize=4096)
def federation_url(name, slug, script_prefix):
    """The address of a federation's page, worked out once: the nav's thirty-odd links
    were half a millisecond of every page."""
    return reverse(name, kwargs={"slug": slug})


def federation_nav(federation, current_path):
    from .views import REGISTRIES

    def link(label, name, exact=False):
        url = federation_url(name, federation.slug, get_script_prefix())
        return NavItem(label, url, current_path == url if exact else current_path.startswith(url))

    reports = [
        link(_("Annual report"), "reporting:annual"),
        link(_("Interim report"), "reporting:interim"),
        link(_("Business plan"), "reporting:plan"),
        link(_("Commitments"), "interventions:plan-goals"),
        link(_("Indicator survey"), "interventions:survey"),
    ]
    if federation_allows(federation, INTERVENTION_TEXTS):
        reports.append(link(_("The interventions' texts"), "reporting:intervention-texts"))
    consultations_url = reverse("consultations:list", kwargs={"county": federation.county.slug})
    consultations = NavItem(_("Member consultations"), consultations_url, current_path.startswith(consultations_url))
    registry = [link(entry.title, entry.url_name("list")) for entry in REGISTRIES] + [
        link(_("Applications"), "interventions:application-list"),
        link(_("Grant decisions"), "interventions:grantdecision-list"),
        link(_("Deviations"), "interventions:deviation-list"),
        link(_("Structural events"), "interventions:structuralevent-list"),
        link(_("Own questions to participants"), "interventions:supplementaryquestion-list"),
        link(_("Socio-economic model"), "reporting:socioeconomicmodel-list"),
    ]
    if federation_allows(federation, EDIT):  # codes of people waiting: the office's only
        registry.insert(-2, link(_("Waiting list"), "interventions:referral-list"))
    privacy = [
        link(_("Retention"), "interventions:retention"),
        link(_("Half-year extract"), "interventions:extract"),
        link(_("Register of processing"), "interventions:processing"),
    ]
    items = [
        (VIEW, link(_("Overview"), "federations:detail", exact=True)),
        (EDIT, link(_("At a glance"), "reporting:dashboard")),
        (VIEW, link(_("Interventions"), "interventions:list")),
        (PARTICIPANTS, link(_("Participants"), "interventions:participant-list")),
        (VIEW, link(_("Budget"), "finances:budget")),
        (VIEW, link(_("Accounts"), "finances:accounts")),
        (VIEW, section(_("Reports"), reports)),
        (VIEW, section(_("Registry"), registry)),
        (VIEW, consultations),
        (EDIT, section(_("Privacy"), privacy)),
        (HISTORY, link(_("Auditors"), "reporting:auditors")),
        (HISTORY, link(_("Uppföljning Finsam"), "reporting:national")),
        (HISTORY, link(_("History"), "federations:history", exact=True)),
        (ADMINISTER, link(_("Users"), "access:users")),
    ]
    return [item for capability, item in items if federation_allows(federation, capability)]
