"""Every record a document reads is one the federation's office can write without a
superuser (issue 29): the tables the annual report, interim report, business plan, statements
and the county's deck read are taken from their queries, and each must name the page or
import where the office writes it. What is still kept only in /admin/ is named here, so
that the list can only shrink."""

import re
from datetime import date

from django.apps import apps
from django.core.management import get_commands
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# Each model a document reads → where the office writes it (a URL name of its pages).
WRITTEN_AT = {
    "consultations.AgendaItem": "consultations:edit",
    "consultations.Consultation": "consultations:new",
    "consultations.ConvenerTerm": "consultations:rotation",
    "consultations.Position": "consultations:edit",
    "federations.BoardSeat": "federations:boardseat-new",
    "federations.DiaryEntry": "federations:diaryentry-new",
    "federations.Federation": "federations:edit",
    "federations.FiscalYear": "federations:fiscalyear-new",
    "federations.GoverningDocument": "federations:governingdocument-new",
    "federations.GroupMembership": "federations:groupmembership-new",
    "federations.Meeting": "federations:meeting-new",
    "federations.MeetingCount": "federations:meetingcount-new",
    "federations.MemberOrganisation": "federations:memberorganisation-new",
    "federations.Membership": "federations:membership-new",
    "federations.Municipality": "federations:municipality-new",
    "federations.Person": "federations:person-new",
    "federations.StaffPost": "federations:staffpost-new",
    "finances.BalanceItem": "finances:balance-edit",
    "finances.Budget": "finances:column-new",
    "finances.BudgetLine": "finances:budget-edit",
    "finances.Correction": "finances:correction-new",
    "finances.CostAllocation": "finances:cost-allocation",
    "interventions.Application": "interventions:application-new",
    "interventions.Deviation": "interventions:deviation-new",
    "interventions.EventAttendance": "interventions:structuralevent-new",
    "interventions.StructuralEvent": "interventions:structuralevent-new",
    "interventions.Referral": "interventions:referral-new",
    "interventions.ExternalFunding": "interventions:edit",  # the intervention form's rows
    "interventions.ProjectResult": "interventions:edit",
    "reporting.InterventionText": "reporting:intervention-texts",
    "interventions.SupplementaryQuestion": "interventions:supplementaryquestion-new",
    "interventions.EndClass": "interventions:edit",
    "interventions.Funding": "interventions:new",
    "interventions.Goal": "interventions:plan-goal-new",
    "interventions.GoalAssessment": "interventions:plan-goal-assess",
    "interventions.GrantDecision": "interventions:grantdecision-new",
    "interventions.Intervention": "interventions:new",
    "interventions.InterventionYear": "interventions:edit",
    "interventions.NationalAverage": "interventions:survey-import",
    "interventions.Indicator": "interventions:survey-import",  # the export's column "indikator"
    "interventions.Participant": "interventions:participant-new",
    "interventions.ParticipantSupport": "interventions:participant-new",
    "interventions.Staffing": "interventions:edit",
    "interventions.SurveyAnswer": "interventions:participant-new",
    "interventions.SurveyQuestion": "interventions:survey-import",
    "interventions.SurveyResult": "interventions:survey-edit",
    "reporting.AnnualReportText": "reporting:annual-texts",
    "reporting.BusinessPlanText": "reporting:plan-texts",
    "reporting.InterimReportText": "reporting:interim-texts",
    "reporting.SocioEconomicModel": "reporting:socioeconomicmodel-new",
}
# Written once by whoever runs the installation, before there is an office: a county comes
# with its first federation (``manage.py add_federation``, which hands the federation to its
# administrator). The installation's socio-economic model stays its default in /admin/; a
# federation records its own beside it (reporting:socioeconomicmodel-new).
WRITTEN_BY_COMMAND = {"federations.County": "add_federation"}


def models_read(documents):
    """The models whose tables ``documents()`` reads, by label (many-to-many tables aside)."""
    with CaptureQueriesContext(connection) as queries:
        documents()
    tables = set()
    for query in queries.captured_queries:
        tables |= set(re.findall(r'(?:FROM|JOIN) "([a-z0-9_]+)"', query["sql"]))
    return {model._meta.label for model in apps.get_models() if model._meta.db_table in tables}


def test_every_model_a_document_reads_the_office_writes(demo):
    from consultations.deck import member_consultation_deck
    from consultations.models import Consultation
    from federations.models import Federation
    from finances.statements import year_end
    from reporting.annual import annual_report
    from reporting.periodic import business_plan, interim_report

    sodra = Federation.objects.get(slug="sodra-vatterbygden")

    def documents():
        annual_report(sodra, 2023)  # a past year: its meetings counted from the recorded number
        annual_report(sodra, 2024)
        interim_report(sodra, 2025)
        business_plan(sodra, 2026)
        year_end(sodra, 2024)
        member_consultation_deck(Consultation.objects.get(held_on=date(2025, 2, 28)))

    read = models_read(documents)
    assert {"interventions.Participant", "finances.BudgetLine", "federations.MeetingCount"} <= read  # it looks
    assert read - set(WRITTEN_AT) == set(WRITTEN_BY_COMMAND)  # and nothing only in /admin/
    assert set(WRITTEN_BY_COMMAND.values()) <= set(get_commands())
    for name in set(WRITTEN_AT.values()):  # each named page exists
        pattern_kwargs = {"county": "x"} if name.startswith("consultations:") else {"slug": "x"}
        if name in {"consultations:edit", "interventions:edit"}:
            pattern_kwargs["pk"] = 1
        assert reverse(name, kwargs=pattern_kwargs)
