"""The deck rendered: the slides page's partial in a landscape PDF, one slide a page."""

from django.template.loader import render_to_string

from reporting.pdf import render_pdf

DECK_STYLESHEET = "css/deck.css"


def deck_pdf(deck):
    return render_pdf("consultations/deck_pdf.html", {"deck": deck}, stylesheets=[DECK_STYLESHEET])


def deck_html(deck):
    return render_to_string("consultations/deck.html", {"deck": deck})


def deck_pdf_of(consultation_pk):
    """The deck of a consultation as a draft PDF, from its pk (a background task's argument)."""
    from .deck import member_consultation_deck
    from .models import Consultation

    return deck_pdf(member_consultation_deck(Consultation.objects.get(pk=consultation_pk)))
