"""No participant's personal identity number (personnummer) or co-ordination number
(samordningsnummer) is ever written down in finsam: participants are pseudonymous codes,
and free text anywhere refuses what looks like such a number."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The shapes of a personal identity number (personnummer) or a co-ordination number
# (samordningsnummer, day + 60), however it is written: YYMMDD or YYYYMMDD, then one of
# - + . _ or a space (or nothing), then four digits (19900101-1234, 900101.1234,
# 19900101_1234, 19900101 1234); or a date written with - or . and then one of - + . _
# and four digits (1990-01-01-1234). A date followed by a space and a number ("2024-03-01
# 1300") is not one.
IDENTITY_NUMBER = re.compile(
    r"(?<!\d)(?:"
    r"(?:\d{2})?\d{2}(?P<month>\d{2})(?P<day>\d{2})[-+._ ]?"
    r"|(?:\d{2})?\d{2}[-.](?P<month_apart>\d{2})[-.](?P<day_apart>\d{2})[-+._]"
    r")\d{4}(?!\d)"
)


def is_identity_number(match):
    month = int(match.group("month") or match.group("month_apart"))
    day = int(match.group("day") or match.group("day_apart"))
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def looks_like_identity_number(value):
    return any(is_identity_number(match) for match in IDENTITY_NUMBER.finditer(value))


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
    return IDENTITY_NUMBER.sub(lambda match: "[…]" if is_identity_number(match) else match.group(0), text)
