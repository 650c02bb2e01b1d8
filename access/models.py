"""A one-time link a federation's administrator hands a colleague, since no e-mail server is
assumed: an invitation to join the federation with a role, or a reset of a colleague's
password and second factor. Only a digest of the link's token is kept; the link itself is
shown once, to the one who made it."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import County, Federation, FederationScopedQuerySet, Role
from finsam.privacy import GuardedCharField
from interventions.models import Intervention

VALID_FOR = timedelta(days=7)


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class AccessLinkQuerySet(FederationScopedQuerySet):
    def open(self, now=None):
        """Links that can still be used: not used, not withdrawn, not expired."""
        return self.filter(used_at=None, withdrawn_at=None, expires_at__gt=now or timezone.now())


class AccessLink(models.Model):
    class Purpose(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        RESET = "reset", _("New password and second factor")
        COUNTY_READER = "county_reader", _("Reader of the county's member consultations")

    federation = models.ForeignKey(
        Federation, models.CASCADE, null=True, blank=True, related_name="access_links", verbose_name=_("federation")
    )
    county = models.ForeignKey(
        County,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="access_links",
        verbose_name=_("county"),
        help_text=_("For a reader of the county's member consultations."),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    name = GuardedCharField(
        _("for"), max_length=150, help_text=_("Whom the link is for, as the list of users shows it until it is used.")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Role.Kind.choices, blank=True)
    is_administrator = models.BooleanField(
        _("federation administrator"),
        default=False,
        help_text=_("Office staff who give colleagues their roles, end them and reset their second factor."),
    )
    interventions = models.ManyToManyField(
        Intervention,
        blank=True,
        verbose_name=_("interventions"),
        help_text=_("The interventions intervention staff work in: they see only those."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="access_links",
        verbose_name=_("user"),
        help_text=_("Whose password and second factor are reset; for an invitation, who accepted it."),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
        help_text=_("Empty: made by whoever runs the installation (manage.py add_federation or invite)."),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = AccessLinkQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_digest"])

    class Meta:
        verbose_name = _("access link")
        verbose_name_plural = _("access links")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose="reset", user__isnull=False, federation__isnull=False)
                | models.Q(purpose="invitation", kind__gt="", federation__isnull=False)
                | models.Q(purpose="county_reader", county__isnull=False),
                name="a_link_names_its_role_or_its_user",
            ),
            models.CheckConstraint(
                condition=models.Q(is_administrator=False) | models.Q(kind="office"),
                name="invited_administrators_are_office_staff",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.name}"

    @classmethod
    def issue(cls, **fields):
        """A new link and its token, the one time the token is known."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        link = cls(token_digest=digest(token), created_at=now, expires_at=now + VALID_FOR, **fields)
        return link, token

    @property
    def role_title(self):
        if self.purpose == self.Purpose.COUNTY_READER:
            return self.get_purpose_display()
        return Role(kind=self.kind, is_administrator=self.is_administrator).title  # as the list of users names it

    @property
    def place(self):
        """What the link opens: the federation, or for a county reader the county."""
        return self.federation or self.county
