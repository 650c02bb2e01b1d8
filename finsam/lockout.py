"""Login lock-out with two limits (django-axes): a username from one address is locked
after ``AXES_FAILURE_LIMIT`` failures, and an address after ``AXES_ADDRESS_FAILURE_LIMIT``
failures whatever the usernames — so that guessing a few passwords for every user from
one address locks that address, while an office behind one address is not locked by one
colleague's typing."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class UserAndAddressLockout(AxesDatabaseHandler):
    """``AXES_LOCKOUT_PARAMETERS`` is ``[["username", "ip_address"], "ip_address"]``: the
    first group counts one username from one address, the second the address alone."""

    def get_failures(self, request, credentials=None):
        per_user, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if per_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(per_user, settings.AXES_FAILURE_LIMIT)  # locked, whoever is named
        return per_user
