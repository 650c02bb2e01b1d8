"""Sentences over the report's own figures: the office writes the words, the figures fill in
themselves. A sentence names figures in braces — "Av de {avslutade} som avslutades gick
{till_arbete_eller_studier} till arbete eller studier" — from the annual report's object, so
that prose and tables cannot disagree; a number typed into the words is refused, as is a name
the report does not have."""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federations.templatetags.finsam_format import number, percent

# Each name a sentence may use → the figure of the annual report it stands for.
ANNUAL_FIGURES = {
    "år": lambda report: str(report.year),
    "deltagare": lambda report: number(report.participants.total.active),
    "kvinnor": lambda report: number(report.participants.total.women),
    "män": lambda report: number(report.participants.total.men),
    "nya": lambda report: number(report.participants.total.new),
    "avslutade": lambda report: number(report.participants.total.ended),
    "till_arbete_eller_studier": lambda report: number(report.participants.total.to_work_or_studies),
    "andel_till_arbete_eller_studier": lambda report: percent(report.participants.total.to_work_or_studies_percent),
}

DEFAULT_ANNUAL_SENTENCE = (
    "Under {år} deltog {deltagare} personer i insatserna, {kvinnor} kvinnor och {män} män. Av de {avslutade} som "
    "avslutades gick {till_arbete_eller_studier} till arbete eller studier ({andel_till_arbete_eller_studier})."
)


def names_in(sentence):
    return [name for _text, name, _spec, _conversion in string.Formatter().parse(sentence) if name is not None]


def validate_figure_sentence(sentence):
    """Words and named figures only: no number typed in, no name the report lacks."""
    if re.search(r"\d", re.sub(r"\{[^}]*\}", "", sentence)):
        raise ValidationError(
            _("Write no number in the words: name the figure in braces, e.g. {avslutade}."), code="number_typed"
        )
    try:
        unknown = [name for name in names_in(sentence) if name not in ANNUAL_FIGURES]
    except ValueError:
        raise ValidationError(_("A brace is not closed."), code="braces") from None
    if unknown:
        raise ValidationError(
            _("The report has no figure %(names)s; it has %(known)s.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown), "known": ", ".join(ANNUAL_FIGURES)},
            code="unknown_figure",
        )


def figure_sentence(sentence, report):
    """``sentence`` with each named figure of ``report`` filled in, as the report shows it
    (protected where the report is)."""
    if not sentence:
        return ""
    return sentence.format_map({name: ANNUAL_FIGURES[name](report) for name in names_in(sentence)})
