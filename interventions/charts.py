"""Charts as SVG from matplotlib, so that a page and its PDF show the same picture."""

import functools
import hashlib
import io
import re
import textwrap

import matplotlib

matplotlib.use("Agg")

from django.core.cache import caches  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.html import escape  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from finsam.disclosure import is_withheld  # noqa: E402
from finsam.numbers import group_digits  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: searchable, and styled by the page's font
        "svg.hashsalt": "finsam",  # the same chart gives the same file
        "font.family": "DejaVu Sans",
        # Drawn at about the size they are shown (12–13 cm wide), the text reads at 11–12 pt on the
        # page, in the PDF and on a slide.
        "font.size": 12,
        # Labels are names people typed: a "$" is a dollar sign, never the start of mathtext.
        "text.parse_math": False,
    }
)

COLOURS = ["#005a8c", "#e69f00", "#7a9a01", "#c0392b", "#6c5b7b", "#95a5a6"]
PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
ROOT_SIZE = re.compile(r'width="[\d.]+pt" height="[\d.]+pt" ')


ID = re.compile(r'(id="|url\(#|href="#)([^")]+)')


def to_svg(figure, title, description):
    """The figure as inline SVG, an image whose text alternative is its ``title`` and a
    ``description`` of every value it shows (what a screen reader reads instead of the
    picture). Its ids (clip paths, markers) get a prefix of its own, so that several charts
    can share a page without clashing ids."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = PROLOGUE.sub("", buffer.getvalue())
    # Without a fixed width and height the picture scales to the width the stylesheet
    # gives it (its viewBox keeps the proportions), on a page, in a PDF and on a slide.
    svg = ROOT_SIZE.sub("", svg, count=1)
    prefix = "c" + hashlib.sha1(svg.encode()).hexdigest()[:8]
    svg = ID.sub(lambda match: f"{match.group(1)}{prefix}-{match.group(2)}", svg)
    alternative = (
        f'role="img" aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(description)}</desc>'
    )
    return SVG_OPENING.sub(lambda match: match.group(0)[:-1] + " " + alternative, svg, count=1)


SVG_OPENING = re.compile(r"<svg[^>]*>")


def described(series, categories, value_format):
    """Every value of a chart in words: "Kvinnor: Enter 41, NOVA 12. Män: Enter 39, NOVA 10."."""
    return " ".join(
        f"{label}: "
        + ", ".join(f"{category} {written(value, value_format)}" for category, value in zip(categories, values))
        + "."
        for label, values in series.items()
    )


def written(value, value_format):
    return str(value) if is_withheld(value) else value_format(value)


def whole_number(value):
    """1388300 → "1 388 300", as every figure of the app is written (finsam.numbers)."""
    return group_digits(value)


CHART_WIDTH = 4.6  # inches
LABEL_WIDTH = 18  # characters: a longer category name wraps, so that the bars keep their room


def drawn_once(draw):
    """Keep a chart's SVG under its inputs: the same figures make the same picture, so a
    page asked again (or by another reader) does not redraw it. Different figures are a
    different key, so nothing needs invalidating; the cache is the process's memory, emptied
    when new code starts."""

    @functools.wraps(draw)
    def drawn(*args, **kwargs):
        inputs = (draw.__name__, args, sorted(kwargs.items()), translation.get_language())
        key = "chart:" + hashlib.sha256(repr(inputs).encode()).hexdigest()
        cache = caches["charts"]
        svg = cache.get(key)
        if svg is None:
            svg = draw(*args, **kwargs)
            cache.set(key, svg, None)
        return svg

    return drawn


@drawn_once
def grouped_bar_chart(categories, series, title="", width=CHART_WIDTH, value_format=whole_number):
    """Horizontal bars, one group per category and one bar per series.

    ``series`` maps a label to one value per category; ``value_format`` writes a value
    beside its bar and on the axis.
    """
    height = max(1.8, 0.5 * len(categories) * max(1, len(series)) ** 0.5 + 1.0)
    figure = Figure(figsize=(width, height))
    axes = figure.add_subplot()
    bar_height = 0.8 / max(1, len(series))
    positions = range(len(categories))
    for index, (label, values) in enumerate(series.items()):
        offsets = [p + (index - (len(series) - 1) / 2) * bar_height for p in positions]
        # A withheld figure (finsam.disclosure) draws no bar, only its "<5" or "x".
        lengths = [0 if is_withheld(v) else v for v in values]
        bars = axes.barh(offsets, lengths, height=bar_height, color=COLOURS[index % len(COLOURS)])
        bars.set_label(label)
        axes.bar_label(bars, labels=[written(v, value_format) if v else "" for v in values], padding=2)
    axes.set_yticks(list(positions), labels=[textwrap.fill(str(category), LABEL_WIDTH) for category in categories])
    axes.invert_yaxis()
    if all(is_withheld(v) or not v for values in series.values() for v in values):
        # Nothing to measure: an axis would read "0 0 0" beside the "x" of what is withheld.
        axes.xaxis.set_visible(False)
        axes.spines["bottom"].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))  # room for 12 pt labels
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: value_format(value)))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, loc="left", fontsize="large", fontweight="bold")
    if len(series) > 1:
        axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(series))
    return to_svg(figure, title, described(series, categories, value_format))


def gender_plural(gender):
    """A chart's series of a gender counts people: "Kvinnor", "Män"."""
    from django.utils.translation import gettext as _

    from .models import Gender

    return {Gender.WOMAN: _("Women"), Gender.MAN: _("Men")}[gender]


def endings_chart(counts, year):
    """Endings of a year by reason and gender (``counts``: interventions.figures.Counts)."""
    from django.utils.translation import gettext as _

    from .figures import REASONS
    from .models import EndReason, Gender

    categories = [EndReason(reason).label for reason in REASONS]
    series = {
        gender_plural(gender): [counts.by_reason_and_gender[reason][gender] for reason in REASONS] for gender in Gender
    }
    return grouped_bar_chart(categories, series, title=_("Endings by reason %(year)s") % {"year": year})


def participants_chart(table):
    """Participants of a year per intervention and gender (``table``: a ParticipantTable)."""
    from django.utils.translation import gettext as _

    from .models import Gender

    categories = [row.intervention.label for row in table.rows]
    series = {
        gender_plural(gender): [row.counts.by_gender[gender]["active"] for row in table.rows] for gender in Gender
    }
    return grouped_bar_chart(categories, series, title=_("Participants %(year)s by gender") % {"year": table.year})


@drawn_once
def trend_chart(years, series, title=""):
    """A few figures over the years, as lines: ``series`` maps a label to one value a year."""
    height = 2.8
    figure = Figure(figsize=(CHART_WIDTH, height))
    axes = figure.add_subplot()
    for index, (label, values) in enumerate(series.items()):
        axes.plot(years, values, marker="o", color=COLOURS[index % len(COLOURS)], label=label)
    axes.set_xticks(years, labels=[str(year) for year in years])
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: whole_number(value)))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, loc="left", fontsize="large", fontweight="bold")
    axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=len(series))
    return to_svg(figure, title, described(series, years, whole_number))
