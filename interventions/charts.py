"""Charts as SVG from matplotlib, so that a page and its PDF show the same picture."""

import io
import re

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text: searchable, and styled by the page's font
        "svg.hashsalt": "finsam",  # the same chart gives the same file
        "font.family": "DejaVu Sans",
        "font.size": 9,
    }
)

COLOURS = ["#005a8c", "#e69f00", "#7a9a01", "#c0392b", "#6c5b7b", "#95a5a6"]
PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def to_svg(figure):
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return PROLOGUE.sub("", buffer.getvalue())


def grouped_bar_chart(categories, series, title="", width=6.0):
    """Horizontal bars, one group per category and one bar per series.

    ``series`` maps a label to one value per category.
    """
    height = max(1.6, 0.45 * len(categories) * max(1, len(series)) ** 0.5 + 0.8)
    figure = Figure(figsize=(width, height))
    axes = figure.add_subplot()
    bar_height = 0.8 / max(1, len(series))
    positions = range(len(categories))
    for index, (label, values) in enumerate(series.items()):
        offsets = [p + (index - (len(series) - 1) / 2) * bar_height for p in positions]
        bars = axes.barh(offsets, values, height=bar_height, color=COLOURS[index % len(COLOURS)])
        bars.set_label(label)
        axes.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontsize=8)
    axes.set_yticks(list(positions), labels=categories)
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, loc="left", fontsize=10, fontweight="bold")
    if len(series) > 1:
        axes.legend(frameon=False, loc="lower right")
    return to_svg(figure)
