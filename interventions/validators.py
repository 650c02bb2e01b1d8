import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from finsam.privacy import looks_like_identity_number

CODE = re.compile(r"^[A-Za-z0-9ÅÄÖåäö_.-]{1,40}$")
ANONYMISED_PREFIX = "anon-"  # the codes retention gives (interventions/retention.py), no one else


def validate_pseudonymous_code(value):
    if looks_like_identity_number(value):
        raise ValidationError(
            _(
                "This looks like a personal identity number. Participants are recorded under a pseudonymous "
                "code only, never a personal identity number or a name."
            ),
            code="identity_number",
        )
    if value.lower().startswith(ANONYMISED_PREFIX):
        raise ValidationError(
            _("Codes beginning with “%(prefix)s” are those of anonymised records: choose another code.")
            % {"prefix": ANONYMISED_PREFIX},
            code="anonymised",
        )
    if not CODE.match(value):
        raise ValidationError(
            _("A participant code has 1–40 letters, digits, dots, hyphens or underscores, and no spaces."),
            code="format",
        )
