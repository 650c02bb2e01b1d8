"""Each draft PDF made from plain arguments, as a background task needs them: the same
templates and figures the pages use."""

from datetime import date

from federations.models import Federation
from interventions.models import Participant, ParticipantSupport, SurveyAnswer

from .pdf import render_pdf


def annual_report_pdf(federation_pk, year):
    from .annual import annual_report

    report = annual_report(Federation.objects.get(pk=federation_pk), year)
    return render_pdf("reporting/annual_report_pdf.html", {"report": report, "draft": True})


def statements_pdf(federation_pk, year):
    from .statements import statements_document

    document = statements_document(Federation.objects.get(pk=federation_pk), year)
    context = {"document": document, "accounts": document.accounts, "year": year, "draft": not document.adopted}
    return render_pdf("reporting/statements_pdf.html", context, archival=True)


def document_pdf(kind, federation_pk, year, period=""):
    """``period``: an interim report's period end as YYYY-MM-DD, or empty for the latest."""
    from .documents import DOCUMENTS

    document = DOCUMENTS[kind]
    federation = Federation.objects.get(pk=federation_pk)
    options = {"period_end": date.fromisoformat(period) if period else None} if document.has_periods else {}
    return document.pdf(document.builder(federation, year, **options))


# What a kind of draft never shows, among the records whose history makes the data version
# (``drafts.data_version``): the statements show money and the interventions it pays for,
# never a participant, so the office's daily participant work — at national scale, saves
# all day in every federation — does not make their draft new.
UNREAD = {"statements": [Participant, ParticipantSupport, SurveyAnswer]}

# What a draft task can render, by kind. An app above this one adds its own kinds (the
# member consultation's deck, in ``consultations.apps``) instead of being imported here.
RENDERINGS = {
    "annual": annual_report_pdf,
    "statements": statements_pdf,
    "interim": lambda *args: document_pdf("interim", *args),
    "plan": lambda *args: document_pdf("plan", *args),
}
