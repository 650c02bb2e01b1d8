"""Numbers the Swedish way in templates (finsam.numbers): groups of three separated by a
non-breaking space, a withheld figure as it reads."""

import functools
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html

from finsam.disclosure import is_withheld, legend
from finsam.numbers import NBSP, group_digits

register = template.Library()


def writes_withheld(format_figure):
    """A figure's filter that writes a withheld figure as it reads: "<5" or "x"."""

    @functools.wraps(format_figure)
    def formatted(value):
        return str(value) if is_withheld(value) else format_figure(value)

    return formatted


@register.filter
@writes_withheld
def number(value):
    return group_digits(value)


@register.filter
@writes_withheld
def percent(value):
    """A share as "62 %", "—" where there is none, and "x" where it is withheld."""
    if value is None or value == "":
        return "—"
    return f"{value}{NBSP}%"


@register.filter
@writes_withheld
def thousands(value):
    """Kronor as thousands, the way reports write "3 499 tkr"."""
    if value is None or value == "":
        return ""
    return group_digits(Decimal(value) / 1000)


@register.filter
def millions(value):
    """Kronor as millions with one decimal, the Swedish way: ``18950000`` → ``"19,0"``."""
    if value is None or value == "":
        return ""
    return f"{(Decimal(value) / 1_000_000).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}".replace(".", ",")


@register.filter
def abbreviated(organisation):
    """A member by its short name, the full name a hover (or a screen reader) away:
    ``<abbr title="Arbetsförmedlingen">AF</abbr>``."""
    if organisation is None:
        return ""
    if organisation.short_name and organisation.short_name != organisation.name:
        return format_html('<abbr title="{}">{}</abbr>', organisation.name, organisation.short_name)
    return organisation.name


@register.filter
def withheld(value):
    """Whether a figure is withheld by the small-number protection (its unit goes too)."""
    return is_withheld(value)


@register.simple_tag
def small_numbers_legend():
    """The rule of the small-number protection, for the foot of a protected table."""
    return legend()
