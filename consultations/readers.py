"""Readers across a county: people who read the county's member consultations and their
decks, and none of the federations' own pages (``CountyRole``), given by a one-time link like
a federation's colleagues (``access``) and ended on the county's page of readers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CountyRole


def grant_county_reader(link, user):
    """What a county reader's link gives (``access.links.GRANTS``)."""
    if CountyRole.objects.filter(user=user, county=link.county).exists():
        raise ValidationError(
            _("You already read the member consultations of %(county)s.") % {"county": link.county.name}
        )
    role = CountyRole(user=user, county=link.county, kind=CountyRole.Kind.READER)
    role._change_reason = _("Invitation from %(user)s accepted") % {"user": link.created_by.get_username()}
    role.save()
    return role


def end_county_reader(role, by):
    role._change_reason = _("Role ended by %(user)s") % {"user": by.get_username()}
    role.delete()
