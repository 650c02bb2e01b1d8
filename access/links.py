"""What a federation's administrator does to its users, and what a one-time link does when
it is used. Plain functions, each one transaction, each change in the federation's history
(``Role`` and ``AccessLink`` keep theirs, with who made the change and why)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from federations.models import Role
from finsam.locking import locked
from interventions.models import Intervention, InterventionAssignment

from .models import AccessLink, digest


def usable_link(token):
    """The open link whose token is ``token``, or None (unknown, used, withdrawn or expired)."""
    return (
        AccessLink.objects.open()
        .select_related("federation", "county", "user")
        .filter(token_digest=digest(token))
        .first()
    )


@transaction.atomic
def invite(federation, by, name, kind, is_administrator=False, interventions=()):
    """An invitation to ``federation`` with a role: (link, token)."""
    link, token = AccessLink.issue(
        federation=federation,
        purpose=AccessLink.Purpose.INVITATION,
        name=name,
        kind=kind,
        is_administrator=is_administrator and kind == Role.Kind.OFFICE,
        created_by=by,
    )
    link.full_clean()
    link.save()
    if kind == Role.Kind.INTERVENTION:
        link.interventions.set(
            Intervention.objects.of_federation(federation).filter(pk__in=[i.pk for i in interventions])
        )
    return link, token


def made_by(link):
    """Who made ``link``, as the history says it."""
    return link.created_by.get_username() if link.created_by else _("the installation")


# What accepting a link of another purpose gives, declared by the app that keeps that role
# (consultations: a reader across the county, ``consultations.apps``).
GRANTS = {}


@transaction.atomic
def accept(token, user):
    """``user`` takes the role the invitation ``token`` offers; the link is used up. Raises
    ValidationError when the link is no longer open or the user already has a role there."""
    link = locked(AccessLink.objects.open().filter(token_digest=digest(token))).first()
    if link is None:
        raise ValidationError(_("This link has been used, withdrawn or has expired. Ask for a new one."))
    if link.purpose == AccessLink.Purpose.INVITATION:
        role = grant_role(link, user)
    elif link.purpose in GRANTS:
        role = GRANTS[link.purpose](link, user)
    else:
        raise ValidationError(_("This link is not an invitation."))
    link.used_at, link.user = timezone.now(), user
    link.save(update_fields=["used_at", "user"])
    return role


def grant_role(link, user):
    """The role in a federation an invitation offers, with its interventions."""
    if Role.objects.filter(user=user, federation=link.federation).exists():
        raise ValidationError(
            _("You already have a role in %(federation)s; an administrator there changes it.")
            % {"federation": link.federation.name}
        )
    role = Role(user=user, federation=link.federation, kind=link.kind, is_administrator=link.is_administrator)
    role._change_reason = _("Invitation from %(user)s accepted") % {"user": made_by(link)}
    role.save()
    InterventionAssignment.objects.bulk_create(
        [InterventionAssignment(user=user, intervention=intervention) for intervention in link.interventions.all()],
        ignore_conflicts=True,
    )
    return role


def create_user_and_accept(token, username, password, name=""):
    """A new login made from an invitation: the user (named as the invitation names them)
    and their role, or nothing."""
    first_name, _space, last_name = name.partition(" ")
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, password=password, first_name=first_name, last_name=last_name
        )
        accept(token, user)
    return user


def change_role(role, kind, is_administrator, interventions, by):
    """Change a colleague's role (and, for intervention staff, their interventions in this
    federation). Nobody takes away the federation's last administrator."""
    is_administrator = is_administrator and kind == Role.Kind.OFFICE
    with transaction.atomic():
        # As stored: a model form has already put its values on ``role``.
        if not is_administrator and Role.objects.filter(pk=role.pk, is_administrator=True).exists():
            refuse_without_administrator(role)
        role.kind, role.is_administrator = kind, is_administrator
        role._change_reason = _("Role changed by %(user)s") % {"user": by.get_username()}
        role.save()
        own = Intervention.objects.of_federation(role.federation)
        keep = interventions if kind == Role.Kind.INTERVENTION else []
        InterventionAssignment.objects.filter(user=role.user, intervention__in=own).exclude(
            intervention__in=[i.pk for i in keep] + list(still_reached(role))
        ).delete()
        InterventionAssignment.objects.bulk_create(
            [InterventionAssignment(user=role.user, intervention=i) for i in keep], ignore_conflicts=True
        )


def end_role(role, by):
    """A colleague leaves the federation: their role ends, and with it their access to its
    interventions (but those another of their federations gives them). Nobody ends their
    own role here, nor the last administrator's."""
    if role.user_id == by.pk:
        raise ValidationError(_("You cannot end your own role; another administrator can."))
    with transaction.atomic():
        if role.is_administrator:
            refuse_without_administrator(role)
        own = Intervention.objects.of_federation(role.federation)
        InterventionAssignment.objects.filter(user=role.user, intervention__in=own).exclude(
            intervention__in=still_reached(role)
        ).delete()
        role._change_reason = _("Role ended by %(user)s") % {"user": by.get_username()}
        role.delete()


def still_reached(role):
    """The interventions ``role``'s user works in through another federation's role."""
    others = Role.objects.filter(user=role.user, kind=Role.Kind.INTERVENTION).exclude(pk=role.pk)
    return Intervention.objects.filter(fundings__federation__in=others.values("federation")).values("pk")


def refuse_without_administrator(role):
    """Inside a transaction: the federation's administrators are read under a lock, so two
    administrators taking each other's role at once leave one."""
    administrators = locked(Role.objects.filter(federation=role.federation, is_administrator=True))
    if not [pk for pk in administrators.values_list("pk", flat=True) if pk != role.pk]:
        raise ValidationError(
            _("%(federation)s needs an administrator: make another colleague one first.")
            % {"federation": role.federation.name}
        )


@transaction.atomic
def reset_second_factor(role, by):
    """A colleague who lost their phone and codes: their second factor and password are
    removed (which ends their sessions), and a one-time link lets them set a new password
    and enrol again. Without the link the old password alone no longer opens anything,
    so nobody who learnt it can enrol their own phone in the colleague's name."""
    if role.user_id == by.pk:
        raise ValidationError(_("You cannot reset your own second factor; another administrator can."))
    user = role.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    AccessLink.objects.open().filter(user=user, purpose=AccessLink.Purpose.RESET).update(withdrawn_at=timezone.now())
    link, token = AccessLink.issue(
        federation=role.federation,
        purpose=AccessLink.Purpose.RESET,
        name=user.get_full_name() or user.get_username(),
        user=user,
        created_by=by,
    )
    link.save()
    return link, token


@transaction.atomic
def complete_reset(token, password):
    """The colleague sets a new password with the reset link; the link is used up. They
    enrol a second factor at their next step (the two-factor middleware sends them)."""
    link = locked(
        AccessLink.objects.open().filter(token_digest=digest(token), purpose=AccessLink.Purpose.RESET)
    ).first()
    if link is None:
        raise ValidationError(_("This link has been used, withdrawn or has expired. Ask for a new one."))
    link.user.set_password(password)
    link.user.save(update_fields=["password"])
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return link.user


def invite_county_reader(county, by, name):
    """An invitation to read ``county``'s member consultations: (link, token)."""
    link, token = AccessLink.issue(county=county, purpose=AccessLink.Purpose.COUNTY_READER, name=name, created_by=by)
    link.full_clean()
    link.save()
    return link, token


def withdraw(link, by):
    link.withdrawn_at = timezone.now()
    link._change_reason = _("Withdrawn by %(user)s") % {"user": by.get_username()}
    link.save(update_fields=["withdrawn_at"])
