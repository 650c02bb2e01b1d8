"""Sentences over a document's own figures: the office writes the words, the figures fill in
themselves. A sentence names figures in braces — "Av de {avslutade} som avslutades gick
{till_arbete_eller_studier} till arbete eller studier" — from the document's own object (the
annual report, an intervention's chapter, the interim report, the business plan), so that
prose and tables cannot disagree; a number typed into the words is refused, as is a name the
document does not have."""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from federations.templatetags.finsam_format import number, percent


def participant_figures(counts):
    """The names of a participant count (interventions.figures.Counts) of ``counts(subject)``."""
    return {
        "deltagare": lambda subject: number(counts(subject).active),
        "kvinnor": lambda subject: number(counts(subject).women),
        "män": lambda subject: number(counts(subject).men),
        "nya": lambda subject: number(counts(subject).new),
        "avslutade": lambda subject: number(counts(subject).ended),
        "till_arbete_eller_studier": lambda subject: number(counts(subject).to_work_or_studies),
        "andel_till_arbete_eller_studier": lambda subject: percent(counts(subject).to_work_or_studies_percent),
    }


def kronor(value):
    return "—" if value is None else number(round(value))


# Each name a sentence may use → the figure of the document it stands for.
ANNUAL_FIGURES = {
    "år": lambda report: str(report.year),
    **participant_figures(lambda report: report.participants.total),
}
CHAPTER_FIGURES = {
    "insats": lambda chapter: chapter.intervention.name,
    **participant_figures(lambda chapter: chapter.counts),
    "kostnad_per_deltagare": lambda chapter: kronor(chapter.cost_per_participant),
}
INTERIM_FIGURES = {
    "år": lambda report: str(report.year),
    "periodens_slut": lambda report: date_format(report.period_end, "j F"),
    **participant_figures(lambda report: report.participants.total),
    "periodens_resultat": lambda report: kronor(report.result_of("actual")),
    "prognos_resultat": lambda report: kronor(report.result_of("prognosis")),
}
PLAN_FIGURES = {
    "år": lambda plan: str(plan.year),
    "intäkter": lambda plan: kronor(plan.budget_figure("income_total")),
    "kostnader": lambda plan: kronor(plan.budget_figure("costs_total")),
    "resultat": lambda plan: kronor(plan.budget_figure("result")),
    "eget_kapital": lambda plan: kronor(plan.budget_figure("closing_balance")),
}
VOCABULARIES = {"annual": ANNUAL_FIGURES, "chapter": CHAPTER_FIGURES, "interim": INTERIM_FIGURES, "plan": PLAN_FIGURES}

DEFAULT_ANNUAL_SENTENCE = (
    "Under {år} deltog {deltagare} personer i insatserna, {kvinnor} kvinnor och {män} män. Av de {avslutade} som "
    "avslutades gick {till_arbete_eller_studier} till arbete eller studier ({andel_till_arbete_eller_studier})."
)
DEFAULT_CHAPTER_SENTENCE = (
    "Under året deltog {deltagare} personer i {insats}, {kvinnor} kvinnor och {män} män, varav {nya} nya. Av de "
    "{avslutade} som avslutades gick {till_arbete_eller_studier} till arbete eller studier."
)
DEFAULT_INTERIM_SENTENCE = (
    "Till och med {periodens_slut} har {deltagare} personer deltagit i insatserna, varav {nya} nya; {avslutade} har "
    "avslutats, {till_arbete_eller_studier} av dem till arbete eller studier. Periodens resultat är "
    "{periodens_resultat} kr och prognosen för helåret {prognos_resultat} kr."
)
DEFAULT_PLAN_SENTENCE = (
    "Budgeten för {år} har intäkter om {intäkter} kr och kostnader om {kostnader} kr, ett resultat om {resultat} kr; "
    "det egna kapitalet beräknas till {eget_kapital} kr vid årets slut."
)


def names_in(sentence):
    return [name for _text, name, _spec, _conversion in string.Formatter().parse(sentence) if name is not None]


def check_sentence(sentence, figures):
    """Words and named figures only: no number typed in, no name the document lacks."""
    if re.search(r"\d", re.sub(r"\{[^}]*\}", "", sentence)):
        raise ValidationError(
            _("Write no number in the words: name the figure in braces, e.g. {avslutade}."), code="number_typed"
        )
    try:
        unknown = [name for name in names_in(sentence) if name not in figures]
    except ValueError:
        raise ValidationError(_("A brace is not closed."), code="braces") from None
    if unknown:
        raise ValidationError(
            _("The report has no figure %(names)s; it has %(known)s.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown), "known": ", ".join(figures)},
            code="unknown_figure",
        )


def validate_figure_sentence(sentence):
    """The annual report's sentence (the validator its field was first made with)."""
    check_sentence(sentence, ANNUAL_FIGURES)


@deconstructible
class FigureSentenceValidator:
    """A sentence over the figures of one kind of document (a name of ``VOCABULARIES``)."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    def __call__(self, sentence):
        check_sentence(sentence, VOCABULARIES[self.vocabulary])

    def __eq__(self, other):
        return isinstance(other, FigureSentenceValidator) and other.vocabulary == self.vocabulary


def _sentence_help(vocabulary):
    return gettext(
        "Words around the document's own figures, named in braces: %(names)s. The figures fill in themselves; "
        "a number typed in is refused."
    ) % {"names": ", ".join(f"{{{name}}}" for name in VOCABULARIES[vocabulary])}


sentence_help = lazy(_sentence_help, str)  # in the language of the page that shows it


def figure_sentence(sentence, subject, figures=ANNUAL_FIGURES):
    """``sentence`` with each named figure of ``subject`` filled in, as the document shows it
    (protected where the document is)."""
    if not sentence:
        return ""
    return sentence.format_map({name: figures[name](subject) for name in names_in(sentence)})
