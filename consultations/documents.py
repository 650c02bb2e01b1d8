"""The deck rendered: the slides page's partial in a landscape PDF, one slide a page."""

from django.template.loader import render_to_string

from reporting.pdf import render_pdf

DECK_STYLESHEET = "css/deck.css"


def deck_pdf(deck):
    return render_pdf("consultations/deck_pdf.html", {"deck": deck}, stylesheets=[DECK_STYLESHEET])


def deck_html(deck):
    return render_to_string("consultations/deck.html", {"deck": deck})
