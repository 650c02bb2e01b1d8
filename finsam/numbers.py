"""Numbers the Swedish way, one formatter for the whole app — pages, PDFs, charts, messages
and the bench: whole numbers rounded half up, groups of three separated by a non-breaking
space ("1 388 300"), a minus as the reports print it ("-155 574")."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def group_digits(value):
    """``1388300`` → ``"1 388 300"``; ``-155574`` → ``"-155 574"``; ``None`` → ``""``."""
    if value is None or value == "":
        return ""
    whole = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if whole < 0 else ""
    return sign + f"{abs(whole):,}".replace(",", NBSP)
