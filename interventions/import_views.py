"""The pages of this app's imports — participants, the indicator survey, the structural
events — on the shared flow (``federations.imports``), and what a participant import's
preview offers to put right."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from federations.imports import ImportPreviewView, ImportView
from federations.models import ImportBatch
from federations.permissions import EDIT
from finsam.locking import locked

from .event_import import EventImporter
from .importers import ParticipantImporter
from .referral_import import ReferralImporter
from .survey_import import SurveyImporter
from .views import InterventionsMixin


class ParticipantImportMixin:
    importer_class = ParticipantImporter
    kind = ImportBatch.Kind.PARTICIPANTS
    url_names = {
        "upload": "interventions:participant-import",
        "preview": "interventions:participant-import-preview",
        "done": "interventions:participant-list",
    }
    title = gettext_lazy("Import participants")
    example = "import/participants-example.csv"
    help = gettext_lazy(
        "Upload participant rows from the national follow-up system or an intervention's spreadsheet. "
        "Every row is checked first; nothing is saved until every row is right and you confirm. "
        "Importing the same file again changes nothing."
    )


class ParticipantImportView(ParticipantImportMixin, ImportView):
    pass


class ParticipantImportPreviewView(ParticipantImportMixin, ImportPreviewView):
    pass


class MoveInterventionStartView(InterventionsMixin, View):
    """What a participant import's preview offers where rows enrol before their intervention
    starts (onboarding enters the interventions before their history): the start moves to
    the first enrolment, with the file named in the intervention's history. The file itself
    was refused, so the office checks it again."""

    capability = EDIT

    def post(self, request, *args, **kwargs):
        batch = get_object_or_404(
            ImportBatch.objects.filter(
                federation=self.federation, kind=ImportBatch.Kind.PARTICIPANTS, uploaded_by=request.user
            ),
            pk=kwargs["pk"],
        )
        suggestion = suggestion_of(batch, request.POST.get("suggestion", ""), "move_start")
        intervention = get_object_or_404(locked(self.interventions()), pk=suggestion["intervention"])
        earliest = date.fromisoformat(suggestion["earliest"])
        if earliest < intervention.starts_on:
            intervention.starts_on = earliest
            try:
                intervention.full_clean()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("interventions:participant-import-preview", slug=self.federation.slug, pk=batch.pk)
            intervention._change_reason = _("Start moved to the first enrolment of %(file)s") % {"file": batch.filename}
            intervention.save()
        messages.success(
            request,
            _("%(intervention)s starts on %(date)s now. Check the file again.")
            % {"intervention": intervention, "date": intervention.starts_on},
        )
        return redirect("interventions:participant-import", slug=self.federation.slug)


def suggestion_of(batch, index, kind):
    """The ``index``th of what ``batch``'s preview offered, if it is of ``kind``; else 404."""
    try:
        suggestion = batch.suggestions[int(index)]
    except (ValueError, IndexError):
        raise Http404 from None
    if suggestion.get("kind") != kind:
        raise Http404
    return suggestion


class SurveyImportMixin:
    importer_class = SurveyImporter
    kind = ImportBatch.Kind.SURVEY
    url_names = {
        "upload": "interventions:survey-import",
        "preview": "interventions:survey-import-preview",
        "done": "interventions:survey",
    }
    title = gettext_lazy("Import the indicator survey")
    example = "import/survey-example.csv"
    help = gettext_lazy(
        "Upload the export of the indicator survey (Indikatorer för finansiell samordning): one row per "
        "intervention, respondent group and question with the number of answers on each step, and rows named "
        "Riket with the national share clearly positive. Nothing is saved until every row is right and you "
        "confirm; importing the same file again changes nothing."
    )


class SurveyImportView(SurveyImportMixin, ImportView):
    pass


class SurveyImportPreviewView(SurveyImportMixin, ImportPreviewView):
    pass


class EventImportMixin:
    importer_class = EventImporter
    kind = ImportBatch.Kind.EVENTS
    url_names = {
        "upload": "interventions:structuralevent-import",
        "preview": "interventions:structuralevent-import-preview",
        "done": "interventions:structuralevent-list",
    }
    title = gettext_lazy("Import the structural events")
    example = "import/events-example.csv"
    help = gettext_lazy(
        "Upload the events of the structural interventions: one row for each event and member organisation "
        "that came, with how many came (leave the organisation empty for those from elsewhere). Rows with the "
        "same intervention, day, kind and title are one event. Nothing is saved until every row is right and "
        "you confirm; importing the same file again changes nothing."
    )


class EventImportView(EventImportMixin, ImportView):
    pass


class EventImportPreviewView(EventImportMixin, ImportPreviewView):
    pass


class ReferralImportMixin:
    importer_class = ReferralImporter
    kind = ImportBatch.Kind.REFERRALS
    url_names = {
        "upload": "interventions:referral-import",
        "preview": "interventions:referral-import-preview",
        "done": "interventions:referral-list",
    }
    title = gettext_lazy("Import the waiting list")
    example = "import/referrals-example.csv"
    help = gettext_lazy(
        "Upload the intervention's list of referrals: one row for each person referred, with the day and who "
        "referred them, and the day and outcome when they left the list. A row with the code and day of "
        "referral of one already there updates it. Nothing is saved until every row is right and you confirm; "
        "importing the same file again changes nothing."
    )


class ReferralImportView(ReferralImportMixin, ImportView):
    pass


class ReferralImportPreviewView(ReferralImportMixin, ImportPreviewView):
    pass
