"""No participant's personal identity number (personnummer) or co-ordination number
(samordningsnummer) is ever written down in finsam: participants are pseudonymous codes,
and free text anywhere refuses what looks like such a number."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The shapes of a personal identity number (personnummer) or a co-ordination number
# (samordningsnummer, day + 60), however it is written: YYMMDD or YYYYMMDD, then a separator
# (one of - + . _ / : with or without spaces around it, one or two spaces, or nothing), then
# four digits (19900101-1234, 900101.1234, 19900101 - 1234, 19900101  1234); or a date
# written with - . / or a space between its parts, then one of - + . _ / : (spaces around it
# allowed) and four digits (1990-01-01-1234, 1990 01 01-1234). A date followed by a space and
# a number ("2024-03-01 1300") is not one. Matched on the normalised text (``normalised``).
SEPARATOR = r"[-+._/:]"
IDENTITY_NUMBER = re.compile(
    r"(?<!\d)(?:"
    rf"(?:\d{{2}})?\d{{2}}(?P<month>\d{{2}})(?P<day>\d{{2}})(?: {{0,2}}{SEPARATOR} {{0,2}}| {{1,2}})?"
    rf"|(?:\d{{2}})?\d{{2}}[-./ ](?P<month_apart>\d{{2}})[-./ ](?P<day_apart>\d{{2}}) {{0,2}}{SEPARATOR} {{0,2}}"
    r")\d{4}(?!\d)"
)
# Dashes that are not in Unicode's dash category.
OTHER_DASHES = {"\u2212", "\u2043", "\u2796"}


# ASCII text is its own NFKC form, holds no dash but "-" and no format character: only its
# spaces, tabs and line breaks change (the fast way for the many codes of an import).
ASCII_SPACES = str.maketrans(dict.fromkeys([chr(code) for code in range(128) if chr(code).isspace()], " "))


def normalised(text):
    """``text`` as the pattern reads it: NFKC (fullwidth digits and signs as plain ones), every
    dash as "-", every space, tab or line break as " ", and invisible format characters (a
    soft hyphen, a zero-width space) left out."""
    return text.translate(ASCII_SPACES) if text.isascii() else unicode_normalised(text)


def unicode_normalised(text):
    """:func:`normalised` the long way, character by character."""

    def plain(character):
        if unicodedata.category(character) == "Pd" or character in OTHER_DASHES:
            return "-"
        if character.isspace():
            return " "
        if unicodedata.category(character) == "Cf":
            return ""
        return character

    return "".join(plain(character) for character in unicodedata.normalize("NFKC", text))


def is_identity_number(match):
    month = int(match.group("month") or match.group("month_apart"))
    day = int(match.group("day") or match.group("day_apart"))
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def looks_like_identity_number(value):
    return any(is_identity_number(match) for match in IDENTITY_NUMBER.finditer(normalised(value)))


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


class Guarded:
    """A text field someone types into refuses what looks like a personal identity number
    (``validate_no_identity_number``, before any validator of its own). It deconstructs as
    the plain field with that validator, as the migrations have always recorded it: the
    guard is part of the field's type in the code, and no migration imports this class."""

    default_validators = [validate_no_identity_number]

    def __init__(self, *args, validators=(), **kwargs):
        # A field made from its deconstruction (a migration's state) names the guard again.
        validators = [validator for validator in validators if validator is not validate_no_identity_number]
        super().__init__(*args, validators=validators, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        plain = self.__class__.__mro__[2]  # the Django field after Guarded and this class
        kwargs["validators"] = [validate_no_identity_number, *kwargs.get("validators", [])]
        return name, f"django.db.models.{plain.__name__}", args, kwargs


class GuardedCharField(Guarded, models.CharField):
    pass


class GuardedTextField(Guarded, models.TextField):
    pass


class GuardedSlugField(Guarded, models.SlugField):
    pass


class GuardedEmailField(Guarded, models.EmailField):
    pass


class GuardedURLField(Guarded, models.URLField):
    pass


def redact_identity_numbers(text):
    """``text`` (normalised) with whatever looks like a personal identity number blotted out,
    for what the app keeps of input it refused."""
    return IDENTITY_NUMBER.sub(lambda match: "[…]" if is_identity_number(match) else match.group(0), normalised(text))
