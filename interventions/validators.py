import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODE = re.compile(r"^[A-Za-z0-9ÅÄÖåäö_.-]{1,40}$")
# YYMMDD or YYYYMMDD, an optional - or +, and four digits: the shape of a personal
# identity number (personnummer) or a co-ordination number (samordningsnummer, day + 60).
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{2}(\d{2})(\d{2})[-+]?\d{4}(?!\d)")


def looks_like_identity_number(value):
    for match in IDENTITY_NUMBER.finditer(value):
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91):
            return True
    return False


def validate_pseudonymous_code(value):
    if looks_like_identity_number(value):
        raise ValidationError(
            _(
                "This looks like a personal identity number. Participants are recorded under a pseudonymous "
                "code only, never a personal identity number or a name."
            ),
            code="identity_number",
        )
    if not CODE.match(value):
        raise ValidationError(
            _("A participant code has 1–40 letters, digits, dots, hyphens or underscores, and no spaces."),
            code="format",
        )
