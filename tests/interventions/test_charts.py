import re
from xml.etree import ElementTree

import pytest

from finsam.disclosure import SMALL
from interventions.charts import grouped_bar_chart, text_width, trend_chart


def ids(svg):
    return set(re.findall(r'id="([^"]+)"', svg))


def test_a_chart_is_svg_with_its_own_ids():
    first = grouped_bar_chart(["Enter", "NOVA"], {"Kvinnor": [41, 42], "Män": [39, 28]})
    second = grouped_bar_chart(["FIA"], {"Kvinnor": [19], "Män": [14]})
    assert first.startswith("<svg")
    assert ids(first) and not ids(first) & ids(second)
    # Every reference points at an id of the same chart.
    assert set(re.findall(r"url\(#([^)]+)\)", first)) <= ids(first)


def test_user_text_is_escaped_in_a_chart():
    svg = grouped_bar_chart(['<script>alert("x")</script>'], {"A": [1]})
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_a_chart_is_drawn_once_for_the_same_figures(monkeypatch):
    from interventions import charts

    drawn = []
    real = charts.Drawing.svg
    monkeypatch.setattr(charts.Drawing, "svg", lambda *args: drawn.append(1) or real(*args))
    first = grouped_bar_chart(["Enter", "NOVA"], {"Kvinnor": [41, 43], "Män": [39, 28]}, title="Drawn once")
    again = grouped_bar_chart(["Enter", "NOVA"], {"Kvinnor": [41, 43], "Män": [39, 28]}, title="Drawn once")
    other = grouped_bar_chart(["Enter", "NOVA"], {"Kvinnor": [41, 44], "Män": [39, 28]}, title="Drawn once")
    assert first == again != other
    assert len(drawn) == 2  # the changed figure is a new picture


def test_a_chart_says_in_words_what_it_shows():
    """A screen reader reads the chart's title and every value instead of the picture."""
    svg = grouped_bar_chart(
        ["Enter", "NOVA <b>"], {"Kvinnor": [41, 1200], "Män": [39, 0]}, title="Deltagare 2024 efter kön"
    )
    opening = re.match(r"<svg[^>]*>", svg).group(0)
    assert 'role="img"' in opening
    title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', opening).groups()
    assert f'<title id="{title_id}">Deltagare 2024 efter kön</title>' in svg
    assert (
        f'<desc id="{desc_id}">Kvinnor: Enter 41, NOVA &lt;b&gt; 1\u00a0200. Män: Enter 39, NOVA &lt;b&gt; 0.</desc>'
        in svg
    )


def test_a_chart_of_withheld_figures_shows_them_withheld_without_an_axis_of_zeros():
    from finsam.disclosure import DERIVED, SMALL

    svg = grouped_bar_chart(["Arbete", "Studier"], {"Kvinnor": [DERIVED, SMALL], "Män": [DERIVED, DERIVED]})
    texts = [text.strip() for text in re.findall(r">([^<>]+)</text>", svg)]
    assert texts.count("x") == 3 and texts.count("&lt;5") == 1
    assert not [text for text in texts if re.fullmatch(r"[\d\s\u2212−-]+", text)]  # no "0 0 0" on an axis
    drawn = grouped_bar_chart(["Arbete"], {"Kvinnor": [12], "Män": [DERIVED]})
    assert re.search(r">\s*0\s*</text>", drawn)  # beside a real bar, the axis stays


def texts_outside(svg):
    """The texts of a chart that reach beyond its picture (measured in its own font)."""
    root = ElementTree.fromstring(svg)
    _x, _y, width, height = map(float, root.get("viewBox").split())
    outside = []
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        size = float(text.get("font-size", root.get("font-size")))
        extent = text_width(text.text, size, bold=text.get("font-weight") == "bold")
        x, y = float(text.get("x")), float(text.get("y"))
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[text.get("text-anchor", "start")]
        if left < 0 or left + extent > width or y - size < 0 or y > height:
            outside.append(text.text)
    return outside


@pytest.mark.parametrize(
    "svg",
    [
        pytest.param(
            grouped_bar_chart(
                ["Arbetslivsinriktad rehabilitering", "Aktivitetsersättning", "Studier"],
                {"Kvinnor vid start": [1200, SMALL, 3], "Män vid start": [0, 7, 12000], "Kvinnor vid avslut": [5, 6]},
                title="Offentlig försörjning vid start och vid avslut, av dem som avslutade 2024",
            ),
            id="long names, title and legend",
        ),
        pytest.param(trend_chart([2020, 2022], {"Intäkter": [9827.8, 10497.9], "Kostnader": [-5.5, 12]}), id="trend"),
    ],
)
def test_a_chart_keeps_its_texts_inside_its_picture(svg):
    """A page, a PDF and a slide show the whole picture: no label, value, tick or title
    is cut at its edges, however long the names and the title."""
    assert texts_outside(svg) == []


def test_a_long_category_name_wraps_between_words():
    svg = grouped_bar_chart(["Arbetslivsinriktad rehabilitering", "Aktivitetsersättning"], {"A": [1, 2]})
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert {"Arbetslivsinriktad", "rehabilitering", "Aktivitetsersättning"} <= set(texts)
