"""Each draft PDF made from plain arguments, as a background task needs them: the same
templates and figures the pages use."""

from datetime import date
from functools import partial

from federations.models import Federation
from interventions.models import Participant, ParticipantSupport, SurveyAnswer

from .pdf import render_pdf


def annual_report_page(federation_pk, year):
    from .annual import annual_report

    report = annual_report(Federation.objects.get(pk=federation_pk), year)
    return "reporting/annual_report_pdf.html", {"report": report, "draft": True}


def statements_page(federation_pk, year):
    from .statements import statements_document

    document = statements_document(Federation.objects.get(pk=federation_pk), year)
    return "reporting/statements_pdf.html", {
        "document": document,
        "accounts": document.accounts,
        "year": year,
        "draft": not document.adopted,
    }


def document_page(kind, federation_pk, year, period=""):
    """``period``: an interim report's period end as YYYY-MM-DD, or empty for the latest."""
    from .documents import DOCUMENTS

    document = DOCUMENTS[kind]
    federation = Federation.objects.get(pk=federation_pk)
    options = {"period_end": date.fromisoformat(period) if period else None} if document.has_periods else {}
    return "reporting/document_pdf.html", document.context(document.builder(federation, year, **options))


# Each draft as (template, context) from plain arguments: its PDF (``RENDERINGS``), and its
# HTML for ``render_report``. The statements are archived as PDF/A.
DRAFT_PAGES = {
    "annual": annual_report_page,
    "statements": statements_page,
    "interim": partial(document_page, "interim"),
    "plan": partial(document_page, "plan"),
}
ARCHIVAL = {"statements"}


def draft_pdf(kind, *args):
    template, context = DRAFT_PAGES[kind](*args)
    return render_pdf(template, context, archival=kind in ARCHIVAL)


# What a kind of draft never shows, among the records whose history makes the data version
# (``drafts.data_version``): the statements show money and the interventions it pays for,
# never a participant, so the office's daily participant work — at national scale, saves
# all day in every federation — does not make their draft new.
UNREAD = {"statements": [Participant, ParticipantSupport, SurveyAnswer]}

# What a draft task can render, by kind. An app above this one adds its own kinds (the
# member consultation's deck, in ``consultations.apps``) instead of being imported here.
RENDERINGS = {kind: partial(draft_pdf, kind) for kind in DRAFT_PAGES}
