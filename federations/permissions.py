"""Who may do what in a federation.

Every view that shows federation data starts from :func:`get_federation_for_user`
(or :class:`FederationMixin`): a user without a role in the federation gets 404, as if
it did not exist; a user whose role does not allow the action gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from finsam.disclosure import protect_as

from .models import Federation, Role

VIEW = "view"
EDIT = "edit"
HISTORY = "history"
PARTICIPANTS = "participants"
EXACT_FIGURES = "exact_figures"
MINUTES = "minutes"
INTERVENTION_TEXTS = "intervention_texts"
# Give colleagues their roles, end them, reset their second factor: the federation's
# administrators, who are office staff (Role.is_administrator).
ADMINISTER = "administer"

ALLOWED_ROLES = {
    VIEW: {Role.Kind.OFFICE, Role.Kind.INTERVENTION, Role.Kind.BOARD, Role.Kind.AUDITOR},
    EDIT: {Role.Kind.OFFICE},
    HISTORY: {Role.Kind.OFFICE, Role.Kind.AUDITOR},
    # Enter, correct and end participants: intervention staff only in their own interventions.
    PARTICIPANTS: {Role.Kind.OFFICE, Role.Kind.INTERVENTION},
    # Participant counts as they are: for those who keep them. Everyone else sees small
    # numbers protected (finsam.disclosure).
    EXACT_FIGURES: {Role.Kind.OFFICE, Role.Kind.INTERVENTION},
    # The minutes of the board and its groups: for those who govern and audit the
    # federation, not for intervention staff, who see the meetings' dates and § only.
    MINUTES: {Role.Kind.OFFICE, Role.Kind.BOARD, Role.Kind.AUDITOR},
    # Write an intervention's text for the documents: the office any, intervention staff
    # their own interventions' (reporting.intervention_texts); the office approves.
    INTERVENTION_TEXTS: {Role.Kind.OFFICE, Role.Kind.INTERVENTION},
}


def role_allows(role, capability):
    return role in ALLOWED_ROLES[capability]


def federation_allows(federation, capability):
    """Whether the user's role in ``federation`` (annotated by ``with_role_of``) allows
    ``capability``."""
    if capability == ADMINISTER:
        return federation.user_role == Role.Kind.OFFICE and bool(federation.user_is_administrator)
    return role_allows(federation.user_role, capability)


def get_federation_for_user(request, slug, capability=VIEW):
    """The federation ``slug`` as ``request.user`` may see it, with ``user_role`` set."""
    federations = (
        Federation.objects.visible_to(request.user)
        .with_role_of(request.user)
        .select_related("county")
        .defer("logo")  # read by the documents' covers only
    )
    federation = get_object_or_404(federations, slug=slug)
    if not federation_allows(federation, capability):
        raise PermissionDenied
    protect_as(federation.protection_threshold)  # for the rest of the request
    return federation


class FederationMixin:
    """For views under ``/f/<slug>/``: fetches the federation for the user, or answers
    404 / 403, and gives templates the federation, the user's capabilities and the nav."""

    capability = VIEW

    def dispatch(self, request, *args, **kwargs):
        self.federation = get_federation_for_user(request, kwargs["slug"], self.capability)
        request.federation = self.federation
        return super().dispatch(request, *args, **kwargs)

    def allows(self, capability):
        return federation_allows(self.federation, capability)

    def get_context_data(self, **kwargs):
        from .navigation import federation_nav

        return super().get_context_data(
            federation=self.federation,
            nav=federation_nav(self.federation, self.request.path),
            can_edit=self.allows(EDIT),
            can_see_history=self.allows(HISTORY),
            can_enter_participants=self.allows(PARTICIPANTS),
            **kwargs,
        )
