"""Every PDF finsam writes is tagged for a screen reader (2018:1937): the document's language,
headings as headings, tables with header cells, each chart with a text alternative that
tells its values. Read from each document's structure tree."""

import io
from collections import Counter

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from consultations.deck import member_consultation_deck
from consultations.documents import deck_pdf
from consultations.models import Consultation
from federations.models import Federation
from reporting.renderings import draft_pdf

DOCUMENTS = [
    ("annual", "sodra-vatterbygden", 2024),
    ("statements", "hoglandet", 2024),
    ("interim", "sodra-vatterbygden", 2024),
    ("plan", "sodra-vatterbygden", 2027),
]


def structure(pdf):
    """(the catalog, a count of each structure type, the text alternatives of the figures)."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    kinds, alternatives = Counter(), []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                kinds[str(node["/S"])] += 1
                if node["/S"] == "/Figure":
                    alternatives.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(catalog["/StructTreeRoot"])
    return catalog, kinds, alternatives


def assert_readable(pdf):
    catalog, kinds, alternatives = structure(pdf)
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "sv"
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 1
    assert kinds["/Table"] >= 1 and kinds["/TH"] >= kinds["/Table"] and kinds["/TD"] > kinds["/TH"]
    return kinds, alternatives


@pytest.mark.parametrize("kind, slug, year", DOCUMENTS, ids=[kind for kind, _slug, _year in DOCUMENTS])
def test_every_document_is_tagged_with_its_language_headings_and_table_headers(demo, kind, slug, year):
    federation = Federation.objects.get(slug=slug)
    arguments = (federation.pk, year, "") if kind == "interim" else (federation.pk, year)
    kinds, alternatives = assert_readable(draft_pdf(kind, *arguments))
    if kind == "annual":
        # Each chart tells what it shows: its title and every value.
        assert kinds["/Figure"] == 5  # participants, endings, supports, budget, trend
        participants = next(text for text in alternatives if text.startswith("Deltagare 2024 efter kön"))
        assert "Kvinnor: Enter 41" in participants and "Män: Enter 39" in participants
        supports = next(
            text for text in alternatives if text.startswith("Offentlig försörjning vid start och vid avslut")
        )
        assert "Kvinnor vid start: " in supports and "Män vid avslut: " in supports


def test_the_statements_stay_pdf_a_at_its_accessible_level(demo):
    pdf = draft_pdf("statements", Federation.objects.get(slug="hoglandet").pk, 2024)
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3" pdfaid:conformance="A"' in xmp


def test_the_deck_is_tagged(demo):
    pdf = deck_pdf(member_consultation_deck(Consultation.objects.get(held_on="2025-02-28")))
    kinds, alternatives = assert_readable(pdf)
    assert alternatives and all(". " in text for text in alternatives)  # a title and its values
