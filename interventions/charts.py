"""Charts as SVG drawn on the server, so that a page and its PDF show the same picture.

Two kinds are drawn: horizontal grouped bars and lines over the years. matplotlib chooses
their axes' ticks and measures their text with its fonts; the picture itself is written
here, with ElementTree (every text escaped), because matplotlib's own drawing took 70–160 ms
a chart — half of a page's time the first time it is asked, at any scale — where writing
these few shapes takes a millisecond or two. matplotlib (28 MiB with numpy) is imported by
the first chart, not by every process that imports this module (an import's worker).
"""

import functools
import hashlib
import math
import textwrap
import unicodedata
import warnings
from xml.etree.ElementTree import Element, SubElement, tostring

from django.core.cache import caches
from django.utils import translation

from finsam.disclosure import is_withheld
from finsam.numbers import group_digits

COLOURS = ["#005a8c", "#e69f00", "#7a9a01", "#c0392b", "#6c5b7b", "#95a5a6"]
INK = "#1d2733"

CHART_WIDTH = 4.6  # inches: shown 12–13 cm wide, the 12 pt text reads at 11–12 pt on a page, a PDF and a slide
LABEL_WIDTH = 18  # characters: a longer category name wraps, so that the bars keep their room

# Sizes in points, the drawing's unit (1/72 inch).
FONT_SIZE = 12
TITLE_SIZE = 14.4
LINE_HEIGHT = 1.25  # of a font size
MARGIN = 4
TICK = 3.5  # a tick's length, and its label's distance from it
BAR_GROUP = 30  # a category's height, for one series (for more, times the square root of their number)
TREND_HEIGHT = 130  # the lines' plot


@functools.cache
def em_advance(character, bold=False):
    """How far ``character`` of DejaVu Sans (the pages' and the PDFs' font) moves the pen,
    in ems. A control character draws nothing; one the font lacks is drawn from another
    font, about as wide as a letter."""
    from matplotlib.font_manager import FontProperties, findfont, get_font
    from matplotlib.ft2font import LoadFlags

    if unicodedata.category(character)[0] == "C":
        return 0.0
    font = get_font(findfont(FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")))
    font.set_size(100, 72)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # matplotlib's warning of a glyph missing from the font
        try:
            return font.load_char(ord(character), flags=LoadFlags.NO_HINTING).linearHoriAdvance / 65536 / 100
        except RuntimeError:
            return 0.6


def text_width(text, size=FONT_SIZE, bold=False):
    return size * sum(em_advance(character, bold) for character in str(text))


def number(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Drawing:
    """An SVG picture ``width`` points wide, its height given when it is written."""

    def __init__(self, width):
        self.width = width
        self.root = Element("svg", xmlns="http://www.w3.org/2000/svg", fill=INK)
        self.root.set("font-family", "DejaVu Sans, sans-serif")
        self.root.set("font-size", number(FONT_SIZE))

    def shape(self, tag, **attributes):
        return SubElement(
            self.root,
            tag,
            {name.replace("_", "-"): number(v) if isinstance(v, float | int) else v for name, v in attributes.items()},
        )

    def text(self, x, y, content, anchor="start", size=FONT_SIZE, bold=False):
        """``content`` with its baseline at ``y``."""
        attributes = {"x": x, "y": y}
        if anchor != "start":
            attributes["text_anchor"] = anchor
        if size != FONT_SIZE:
            attributes["font_size"] = size
        if bold:
            attributes["font_weight"] = "bold"
        self.shape("text", **attributes).text = str(content)

    def centred_text(self, x, middle, content, anchor="start", size=FONT_SIZE):
        """``content`` centred vertically on ``middle`` (its digits' and capitals' middle)."""
        self.text(x, middle + 0.36 * size, content, anchor, size)

    def line(self, x1, y1, x2, y2, width=0.8, colour=INK):
        self.shape("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=width)

    def title(self, title, left):
        """The title in bold from ``left`` (from the margin, wrapped, where it is too long
        for that): the height it takes."""
        if not title:
            return MARGIN
        room = self.width - left - MARGIN
        if text_width(title, TITLE_SIZE, bold=True) > room:
            left, room = MARGIN, self.width - 2 * MARGIN
        lines = wrapped(title, room, TITLE_SIZE, bold=True)
        step = TITLE_SIZE * LINE_HEIGHT
        for index, line in enumerate(lines):
            self.text(left, MARGIN + TITLE_SIZE + index * step, line, size=TITLE_SIZE, bold=True)
        return MARGIN + len(lines) * step + 8

    def legend(self, labels, top, marker):
        """The series' names with their colours in centred rows from ``top``; ``marker``
        draws a series' key at (x, middle). The height it takes."""
        key, gap = 2 * FONT_SIZE, 2 * FONT_SIZE
        items = [(label, key + 0.5 * FONT_SIZE + text_width(label)) for label in labels]
        rows, row = [], []
        for item in items:
            if row and sum(w for _l, w in row) + len(row) * gap + item[1] > self.width - 2 * MARGIN:
                rows.append(row)
                row = []
            row.append(item)
        rows.append(row)
        step = FONT_SIZE * LINE_HEIGHT + 4
        index = 0
        for row_index, row in enumerate(rows):
            x = (self.width - sum(w for _l, w in row) - (len(row) - 1) * gap) / 2
            middle = top + row_index * step + step / 2
            for label, item_width in row:
                marker(x, middle, key, COLOURS[index % len(COLOURS)])
                self.centred_text(x + key + 0.5 * FONT_SIZE, middle, label)
                x += item_width + gap
                index += 1
        return len(rows) * step

    def bar_key(self, x, middle, length, colour):
        self.shape("rect", x=x, y=middle - 0.35 * FONT_SIZE, width=length, height=0.7 * FONT_SIZE, fill=colour)

    def line_key(self, x, middle, length, colour):
        self.line(x, middle, x + length, middle, width=1.5, colour=colour)
        self.shape("circle", cx=x + length / 2, cy=middle, r=3, fill=colour)

    def svg(self, height, title, description):
        """The picture as SVG, an image whose text alternative is its ``title`` and a
        ``description`` of every value it shows (what a screen reader reads instead of the
        picture). Without a fixed width and height it scales to the width the stylesheet
        gives it (its viewBox keeps the proportions), on a page, in a PDF and on a slide.
        Its two ids carry a prefix of its own, so that charts can share a page."""
        self.root.set("viewBox", f"0 0 {number(self.width)} {number(math.ceil(height))}")
        prefix = "c" + hashlib.sha1(tostring(self.root) + title.encode() + description.encode()).hexdigest()[:8]
        self.root.set("role", "img")
        self.root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
        alternative = [Element("title", id=f"{prefix}-title"), Element("desc", id=f"{prefix}-desc")]
        alternative[0].text, alternative[1].text = title, description
        self.root[:0] = alternative
        return tostring(self.root, encoding="unicode")


def wrapped(text, room, size=FONT_SIZE, bold=False):
    """``text`` in lines of words no wider than ``room`` points (a word longer stands alone)."""
    lines = []
    for word in str(text).split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


class Scale:
    """Values from ``low`` to ``high`` onto ``length`` points from ``start``, with
    matplotlib's margins: 5 % beyond the data, none beyond a zero the bars start from."""

    def __init__(self, low, high, start=0.0, length=1.0, bars=False):
        span = (high - low) or 1
        self.low = low if bars and low == 0 else low - 0.05 * span
        self.high = high if bars and high == 0 else high + 0.05 * span
        self.start, self.length = start, length

    def ticks(self, **options):
        """The ticks matplotlib's ``MaxNLocator(**options)`` chooses within the scale."""
        from matplotlib.ticker import MaxNLocator

        epsilon = 1e-9 * (self.high - self.low)
        chosen = MaxNLocator(**options).tick_values(self.low, self.high)
        return [tick for tick in chosen if self.low - epsilon <= tick <= self.high + epsilon]

    def __call__(self, value):
        return self.start + (float(value) - self.low) / (self.high - self.low) * self.length


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
    beside its bar and on the axis. A withheld figure (finsam.disclosure) draws no bar, only
    its "<5" or "x"; a chart with nothing to measure has no axis (it would read "0 0 0").
    """
    drawing = Drawing(width * 72)
    labels = [textwrap.wrap(str(category), LABEL_WIDTH, break_long_words=False) or [""] for category in categories]
    shown = [[written(v, value_format) if v else "" for v in values] for values in series.values()]
    measured = [float(v) for values in series.values() for v in values if not is_withheld(v) and v]
    label_room = max((text_width(line) for lines in labels for line in lines), default=0)
    left = MARGIN + label_room + 2 * TICK
    right = MARGIN + 2 + max((text_width(text) for texts in shown for text in texts), default=0)
    top = drawing.title(title, left)
    group = max(BAR_GROUP * max(1, len(series)) ** 0.5, max(map(len, labels), default=1) * FONT_SIZE * LINE_HEIGHT + 6)
    bottom = top + group * len(categories)
    scale = Scale(min(0, *measured), max(0, *measured), bars=True) if measured else None
    if scale:
        ticks = scale.ticks(nbins=4, integer=True)  # room for 12 pt labels
        tick_texts = [value_format(tick) for tick in ticks]
        right = max(right, MARGIN + text_width(tick_texts[-1]) / 2)
        scale.start, scale.length = left, drawing.width - left - right
    bar = 0.8 * group / max(1, len(series))
    zero = scale(0) if scale else left
    for index, (values, texts) in enumerate(zip(series.values(), shown)):
        colour = COLOURS[index % len(COLOURS)]
        for position, (value, text) in enumerate(zip(values, texts)):
            middle = top + (position + 0.5) * group + (index - (len(series) - 1) / 2) * bar
            end = zero if is_withheld(value) or not value else scale(value)
            if end != zero:
                drawing.shape(
                    "rect", x=min(zero, end), y=middle - bar / 2, width=abs(end - zero), height=bar, fill=colour
                )
            if text:
                drawing.centred_text(max(zero, end) + 2, middle, text)
    drawing.line(left, top, left, bottom)
    for position, lines in enumerate(labels):
        middle = top + (position + 0.5) * group
        drawing.line(left - TICK, middle, left, middle)
        step = FONT_SIZE * LINE_HEIGHT
        for line_index, line in enumerate(lines):
            drawing.centred_text(
                left - 2 * TICK, middle + (line_index - (len(lines) - 1) / 2) * step, line, anchor="end"
            )
    height = bottom
    if scale:
        drawing.line(left, bottom, drawing.width - right, bottom)
        for tick, text in zip(ticks, tick_texts):
            drawing.line(scale(tick), bottom, scale(tick), bottom + TICK)
            drawing.text(scale(tick), bottom + 2 * TICK + 0.76 * FONT_SIZE, text, anchor="middle")
        height = bottom + 2 * TICK + FONT_SIZE
    if len(series) > 1:
        height += 8 + drawing.legend(list(series), height + 8, drawing.bar_key)
    return drawing.svg(height + MARGIN, title, described(series, categories, value_format))


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
    drawing = Drawing(CHART_WIDTH * 72)
    values = [float(value) for line in series.values() for value in line]
    scale = Scale(min(values), max(values), length=TREND_HEIGHT)
    ticks = scale.ticks(nbins=5)
    tick_texts = [whole_number(tick) for tick in ticks]
    left = MARGIN + max(map(text_width, tick_texts)) + 2 * TICK
    right = MARGIN + text_width(str(years[-1])) / 2
    top = drawing.title(title, left)
    bottom = top + TREND_HEIGHT
    across = Scale(years[0], years[-1], left, drawing.width - left - right)

    def height_of(value):
        return bottom - scale(value)

    drawing.line(left, top, left, bottom)
    drawing.line(left, bottom, drawing.width - right, bottom)
    for tick, text in zip(ticks, tick_texts):
        drawing.line(left - TICK, height_of(tick), left, height_of(tick))
        drawing.centred_text(left - 2 * TICK, height_of(tick), text, anchor="end")
    for year in years:
        drawing.line(across(year), bottom, across(year), bottom + TICK)
        drawing.text(across(year), bottom + 2 * TICK + 0.76 * FONT_SIZE, year, anchor="middle")
    for index, line in enumerate(series.values()):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{number(across(year))},{number(height_of(value))}" for year, value in zip(years, line))
        drawing.shape("polyline", points=points, fill="none", stroke=colour, stroke_width=1.5)
        for year, value in zip(years, line):
            drawing.shape("circle", cx=across(year), cy=height_of(value), r=3, fill=colour)
    height = bottom + 2 * TICK + FONT_SIZE
    height += 8 + drawing.legend(list(series), height + 8, drawing.line_key)
    return drawing.svg(height + MARGIN, title, described(series, years, whole_number))
