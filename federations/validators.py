import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_is_valid(digits):
    """The mod-10 check digit Swedish identity and organisation numbers end with."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(digits)):
        if position % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def validate_organisation_number(value):
    match = ORGANISATION_NUMBER.match(value or "")
    if not match:
        raise ValidationError(_("Write the organisation number as ten digits, NNNNNN-NNNN."), code="format")
    digits = "".join(match.groups())
    if int(digits[2]) < 2:
        raise ValidationError(
            _("An organisation number has 2 or more as its third digit; this looks like a personal identity number."),
            code="personal",
        )
    if not luhn_is_valid(digits):
        raise ValidationError(_("The organisation number's check digit is wrong."), code="checksum")
