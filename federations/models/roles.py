"""Who may do what: a user's role in a federation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .federation import Federation


class Role(models.Model):
    """A user's role in one federation. A user holds at most one role per federation,
    and sees nothing of a federation where they hold none."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office staff")
        INTERVENTION = "intervention", _("Intervention staff")
        BOARD = "board", _("Board")
        AUDITOR = "auditor", _("Auditor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="finsam_roles", verbose_name=_("user")
    )
    federation = models.ForeignKey(Federation, models.CASCADE, related_name="roles", verbose_name=_("federation"))
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    is_administrator = models.BooleanField(
        _("federation administrator"),
        default=False,
        help_text=_("Office staff who give colleagues their roles, end them and reset their second factor."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["federation", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "federation"], name="one_role_per_federation"),
            models.CheckConstraint(
                condition=models.Q(is_administrator=False) | models.Q(kind="office"),
                name="administrators_are_office_staff",
                violation_error_message=_("Only office staff can be the federation's administrators."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}, {self.federation.short_name}"

    @property
    def title(self):
        """The role as the users' list names it: "Office staff (administrator)"."""
        kind = self.get_kind_display()
        return _("%(role)s (administrator)") % {"role": kind} if self.is_administrator else kind
