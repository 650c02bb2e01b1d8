"""The register of processing (registerförteckning, GDPR art. 30) of what the app keeps
about participants: written from the models, the roles and the federation's settings, so
that it says what the code does — a field added to a participant appears here by itself."""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from federations.models import Role
from federations.permissions import ALLOWED_ROLES, EDIT, EXACT_FIGURES, HISTORY, PARTICIPANTS, VIEW

from .models import Participant, ParticipantSupport, Referral, SupplementaryQuestion, SurveyAnswer

# What the register leaves out of a model's fields: keys and bookkeeping, not data about anyone.
BOOKKEEPING = {"id", "participant", "history_id", "history_date", "history_change_reason", "history_type"}


@dataclass
class Processing:
    title: str
    purpose: str
    fields: list  # what is kept, as the forms name it
    retention: str
    seen_by: list  # roles that see the records
    figures_for: str = ""  # who sees them only as figures, and how


def roles(capability):
    return [str(Role.Kind(kind).label) for kind in Role.Kind if kind in ALLOWED_ROLES[capability]]


def field_labels(model, leave_out=()):
    return [
        capfirst(str(field.verbose_name))
        for field in model._meta.concrete_fields
        if field.name not in BOOKKEEPING and field.name not in leave_out
    ]


def register_of_processing(federation):
    follow_up = _(
        "Following up and evaluating the interventions the federation funds, and reporting on them to the "
        "board, the members and the national follow-up (the Finsam law, SFS 2003:1210, section 7)."
    )
    kept = _("%(years)s years after the participant ended (the federation's setting); then anonymised in place.") % {
        "years": federation.retention_years
    }
    protected = _(
        "%(roles)s see counts only, with counts under %(limit)s shown as “<%(limit)s”; so do the county's "
        "readers of the member consultation deck and the recipients of the half-year extract."
    ) % {
        "roles": ", ".join(role for role in roles(VIEW) if role not in roles(EXACT_FIGURES)),
        "limit": federation.protection_threshold,
    }
    return [
        Processing(
            _("Participants"),
            follow_up,
            field_labels(Participant),
            kept,
            roles(PARTICIPANTS),
            protected,
        ),
        Processing(
            _("Public support before and after"),
            follow_up,
            field_labels(ParticipantSupport),
            kept,
            roles(PARTICIPANTS),
            protected,
        ),
        Processing(
            _("Answers to the indicator survey"),
            follow_up,
            field_labels(SurveyAnswer),
            _("As long as the participant's record; kept with the anonymised record so that the year's shares stay."),
            roles(PARTICIPANTS),
            protected,
        ),
        Processing(
            _("Waiting list"),
            _("Knowing who waits for an intervention, and reporting how many wait at the year's end."),
            field_labels(Referral, leave_out={"federation"}),
            _(
                "As long as a participant's record: the code of one who left the waiting list is replaced "
                "by a random token with the participants ended as long ago."
            ),
            roles(EDIT),
            protected,
        ),
        Processing(
            _("Answers to the federation's own questions"),
            follow_up,
            [str(question) for question in SupplementaryQuestion.objects.of_federation(federation)]
            or [_("No questions of the federation's own yet.")],
            _("As long as the participant's record; kept with the anonymised record."),
            roles(PARTICIPANTS),
            protected,
        ),
        Processing(
            _("History of changes to participants"),
            _("Showing who changed a reported figure, and when, to the office and the auditors."),
            field_labels(Participant) + [_("Who changed it, and when")],
            _("As long as the participant's record; anonymised with it."),
            roles(PARTICIPANTS) + [role for role in roles(HISTORY) if role not in roles(PARTICIPANTS)],
        ),
        Processing(
            _("Imported files"),
            _("Checking a file of participants before it is saved."),
            [_("File name"), _("Who uploaded it, and when"), _("The file's rows, until they are saved or refused")],
            _("The file is deleted when it is saved or refused, and by manage.py purge_imports a day after upload."),
            roles(EDIT),
        ),
    ]
