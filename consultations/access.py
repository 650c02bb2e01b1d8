"""Who may open and keep a county's member consultations. The deck shows every
federation taking part, so it opens only to those who may see all of them — a role in
each, or a role across the county; each federation's own pages stay private to it."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from federations.models import County, Federation, Role
from finsam.disclosure import protect_as

from .models import Consultation, CountyRole


def get_county_for_user(user, slug):
    """The county ``slug`` if the user holds a role in one of its federations or in the
    county itself; 404 otherwise."""
    counties = County.objects.all()
    if not user.is_superuser:
        counties = counties.filter(Q(federations__roles__user=user) | Q(roles__user=user)).distinct()
    county = get_object_or_404(counties, slug=slug)
    protect_as(county.protection_threshold())  # for the rest of the request
    return county


def keepable_federations(user, county):
    """The county's federations the user may put in a consultation: where they are
    office staff (all of them for the county's consultation office)."""
    federations = Federation.objects.filter(county=county)
    if user.is_superuser or CountyRole.objects.filter(user=user, county=county, kind=CountyRole.Kind.OFFICE).exists():
        return federations
    return federations.filter(roles__user=user, roles__kind=Role.Kind.OFFICE)


def may_keep_rotation(user, county):
    return keepable_federations(user, county).count() == Federation.objects.filter(county=county).count()


def get_consultation_for_user(user, county, pk, edit=False):
    """The consultation ``pk`` of ``county`` as the user may see it (404 otherwise), and
    403 when ``edit`` is asked of a user who may only read it."""
    consultation = get_object_or_404(Consultation.objects.visible_to(user).filter(county=county), pk=pk)
    if edit and not Consultation.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return consultation


def may_manage_readers(user, county):
    """Who gives and ends the readers of a county's consultations: a reader sees every
    federation's figures in the deck, so only someone who speaks for all of them — an
    administrator of every federation of the county, or the county's consultation office."""
    if user.is_superuser or CountyRole.objects.filter(user=user, county=county, kind=CountyRole.Kind.OFFICE).exists():
        return True
    federations = Federation.objects.filter(county=county)
    administered = federations.filter(roles__user=user, roles__kind=Role.Kind.OFFICE, roles__is_administrator=True)
    return federations.exists() and administered.count() == federations.count()
