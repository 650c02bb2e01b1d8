"""Each document's PDF laid out as a reader turns its pages (pdfplumber reads where WeasyPrint
put every line, fill and rule): no page holding only a heading, no table continued on a page
by a single row under its repeated header, nothing outside the page, and the draft mark on
every page of a draft."""

import io

import pdfplumber
import pytest

from federations.models import Federation
from reporting.renderings import draft_pdf

HEADER_FILL = (0.956863, 0.964706, 0.972549)  # thead th { background: #f4f6f8 } in print.css
BODY_SIZE = 10  # pt: body text is 9.5, headings 10.5 and up
MARGIN = 45  # pt: the running head and the page number live above and below this
DOCUMENTS = [
    ("annual", "sodra-vatterbygden", 2024),
    ("annual", "hoglandet", 2024),
    ("interim", "sodra-vatterbygden", 2024),
    ("interim", "sodra-vatterbygden", 2012),
    ("plan", "sodra-vatterbygden", 2027),
    ("statements", "finnveden", 2024),
]


def body_lines(page):
    return [
        line
        for line in page.extract_text_lines()
        if line["top"] > MARGIN and line["bottom"] < page.height - MARGIN and line["text"].strip()
    ]


def header_bands(page):
    """The (top, bottom) of each table header on the page: its cells' fill."""
    return sorted(
        {
            (round(rect["top"], 1), round(rect["bottom"], 1))
            for rect in page.rects
            if rect["fill"]
            and tuple(round(c, 4) for c in rect["non_stroking_color"] or ()) == tuple(round(c, 4) for c in HEADER_FILL)
        }
    )


def rows_under(page, band):
    """How many rows a table has on ``page`` under its header ``band``: each row ruled off
    below, the rules one under another until the table ends."""
    rules = sorted({round(line["top"], 1) for line in page.lines if line["top"] > band[1] + 0.5})
    rows, last = 0, band[1]
    for top in rules:
        if top - last > 60:  # a gap: the table has ended
            break
        rows, last = rows + 1, top
    return rows


def layout_problems(pdf):
    problems = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages[1:], start=2):  # the cover aside
            lines = body_lines(page)
            if not lines:
                problems.append(f"page {number} is empty")
            elif all(char["size"] > BODY_SIZE for line in lines for char in line["chars"]):
                problems.append(f"page {number} holds only a heading: {lines[0]['text']!r}")
            bands = header_bands(page)
            if bands and lines and bands[0][0] <= lines[0]["top"]:  # a table at the top: continued
                if rows_under(page, bands[0]) < 2:
                    problems.append(f"page {number} continues a table with one row alone")
            outside = [
                thing
                for thing in [*page.chars, *page.rects, *page.curves]
                if thing["x0"] < -0.5 or thing["x1"] > page.width + 0.5 or thing["bottom"] > page.height + 0.5
            ]
            if outside:
                problems.append(f"page {number} draws {len(outside)} things outside the page")
    return problems


def draft_marks(pdf):
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return ["UTKAST" in (page.extract_text() or "") for page in document.pages]


@pytest.mark.parametrize("kind, slug, year", DOCUMENTS, ids=[f"{k}-{s}-{y}" for k, s, y in DOCUMENTS])
def test_every_page_of_the_document_is_laid_out_for_a_reader(demo, kind, slug, year):
    federation = Federation.objects.get(slug=slug)
    pdf = draft_pdf(kind, federation.pk, year) if kind != "interim" else draft_pdf(kind, federation.pk, year, "")
    assert layout_problems(pdf) == []
    if kind != "statements":  # the statements of a closed year are no draft
        assert all(draft_marks(pdf))


def test_the_layout_check_sees_a_heading_alone_and_a_row_alone():
    """The check itself, on a document made to break both rules with forced page breaks."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    rows = "".join(f"<tr><td>Rad {i}</td><td>{i}</td></tr>" for i in range(1, 6))
    html = (
        '<div class="cover"><h1>Omslag</h1></div>'
        '<h2 style="break-after: page">Bilaga 2</h2>'
        f"<table><thead><tr><th>kr</th><th>Belopp</th></tr></thead><tbody>{rows}"
        '<tr style="break-before: page"><td>Summa</td><td>15</td></tr></tbody></table>'
    )
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find("css/print.css"))])
    assert layout_problems(pdf) == [
        "page 2 holds only a heading: 'Bilaga 2'",
        "page 4 continues a table with one row alone",
    ]
