"""No participant's personal identity number (personnummer) or co-ordination number
(samordningsnummer) is ever written down in finsam: participants are pseudonymous codes,
and free text anywhere refuses what looks like such a number."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# YYMMDD or YYYYMMDD, an optional - or +, and four digits: the shape of a personal
# identity number (personnummer) or a co-ordination number (samordningsnummer, day + 60).
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{2}(\d{2})(\d{2})[-+]?\d{4}(?!\d)")


def looks_like_identity_number(value):
    for match in IDENTITY_NUMBER.finditer(value):
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91):
            return True
    return False


def validate_no_identity_number(value):
    """For free text anywhere in the app: a participant's personal identity number must
    never be written down, not even in a comment."""
    if looks_like_identity_number(value or ""):
        raise ValidationError(
            _(
                "This text holds what looks like a personal identity number. Never write a participant's personal "
                "identity number (or name) in finsam; refer to participants by their code."
            ),
            code="identity_number",
        )


def redact_identity_numbers(text):
    """``text`` with whatever looks like a personal identity number blotted out, for what
    the app keeps of input it refused."""
    return IDENTITY_NUMBER.sub(
        lambda match: "[…]" if looks_like_identity_number(match.group(0)) else match.group(0), text
    )
