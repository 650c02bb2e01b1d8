"""Who may do what in a federation.

Every view that shows federation data starts from :func:`get_federation_for_user`:
a user without a role in the federation gets 404, as if it did not exist; a user whose
role does not allow the action gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from federations.models import Federation, Role

VIEW = "view"
EDIT = "edit"
HISTORY = "history"

ALLOWED_ROLES = {
    VIEW: {Role.Kind.OFFICE, Role.Kind.INTERVENTION, Role.Kind.BOARD, Role.Kind.AUDITOR},
    EDIT: {Role.Kind.OFFICE},
    HISTORY: {Role.Kind.OFFICE, Role.Kind.AUDITOR},
}


def role_allows(role, capability):
    return role in ALLOWED_ROLES[capability]


def get_federation_for_user(request, slug, capability=VIEW):
    """The federation ``slug`` as ``request.user`` may see it, with ``user_role`` set."""
    federations = Federation.objects.visible_to(request.user).with_role_of(request.user).select_related("county")
    federation = get_object_or_404(federations, slug=slug)
    if not role_allows(federation.user_role, capability):
        raise PermissionDenied
    return federation
