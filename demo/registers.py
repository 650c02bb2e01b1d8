"""The office's registers in the demo: Finnveden's deviation register, and the applications
and the board's grant decisions, with their diary entries and meeting paragraphs."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from federations.models import County, Federation, MemberOrganisation
from interventions.models import Deviation, Intervention

from .federations import FV, HL, SV

DEVIATIONS = [
    (
        date(2025, 2, 11),
        ["Försäkringskassan", "Region Jönköpings län"],
        "Ett läkarintyg kom inte fram till Försäkringskassan förrän efter beslut; ingen av parterna visste vem "
        "som skulle påminna.",
        "Samverkansteamet och vårdcentralen har kommit överens om att teamet följer upp intyg inom en vecka.",
        "Rutinen beskriven i teamets arbetssätt.",
        Deviation.Status.RESOLVED,
    ),
    (
        date(2025, 9, 3),
        ["Arbetsförmedlingen", "Gislaveds kommun"],
        "En planerad praktik avbröts när insatsen hos Arbetsförmedlingen ändrades utan att kommunens handläggare fick veta.",
        "Tas upp i beredningsgruppen i oktober.",
        "",
        Deviation.Status.HANDLING,
    ),
    (
        date(2026, 3, 17),
        ["Värnamo kommun", "Försäkringskassan"],
        "Två planeringar (SIP och rehabiliteringsplan) gjordes parallellt med olika mål.",
        "",
        "",
        Deviation.Status.OPEN,
    ),
]


def load_deviations(federation, organisations):
    if Deviation.objects.filter(federation=federation).exists():
        return
    for occurred_on, members, description, handling, outcome, status in DEVIATIONS:
        deviation = Deviation.objects.create(
            federation=federation,
            occurred_on=occurred_on,
            description=description,
            handling=handling,
            outcome=outcome,
            status=status,
        )
        deviation.members.set([organisations[name] for name in members if name in organisations])


# The indicator survey's other respondent groups, and the national shares of 2024, as a
# federation's import of the survey's export would leave them (illustrative figures).

RJL = "Region Jönköpings län"
# IT-spåret's application for continued funding from 2026, decided in November 2024 (the
# dates are invented; the content is what the February 2025 member consultation
# tells it: 600 tkr a year from each federation, "unclear for how long"; the preparatory
# groups proposed rejection; each board granted anyway, on its own terms. The slide gives
# Finnveden's amount (at most 200 tkr a year, the decision's amount, so its conditions do not
# repeat it in other units); for the other two it gives only the years,
# read here as granting what was applied for (Södra Vätterbygden's plan budgets 600 tkr).
IT_SPARET_GROUNDS = (
    "Beredningsgruppen föreslår avslag. Synpunkter (bekräftade av regionen): målgruppen är unga med "
    "högfungerande autismspektrumdiagnos; utbildningen är ettårig med möjlighet till förlängning; "
    "jämställdhetsperspektivet saknas; utbildningen behöver anpassas till en förändrad arbetsmarknad inom IT."
)
IT_SPARET_DECISIONS = {
    # federation: (outcome, per year, years, conditions)
    FV: (
        "partly",
        "200000",
        3,
        "I högst tre år, prövas årligen. Begränsad effekt på pågående verksamhet.",
    ),
    SV: (
        "granted",
        "600000",
        3,
        "Högst tre år, prövas årligen. Tillgängliga medel för att pröva ny verksamhet minskar.",
    ),
    HL: (
        "granted",
        "600000",
        4,
        "Högst fyra år, prövas årligen. Budgeten för Uppdrag Samverkan minskas motsvarande 0,6 heltidstjänst.",
    ),
}


def paragraph_of(federation, decided_on, title, diary_entry):
    """The decision as the next § of the board's meeting that day, if the demo has one."""
    from federations.models import Meeting, MeetingDecision

    meeting = Meeting.objects.filter(federation=federation, body=Meeting.Body.BOARD, held_on=decided_on).first()
    if meeting is None:
        return None
    number = (meeting.decisions.order_by("-paragraph").values_list("paragraph", flat=True).first() or 0) + 1
    return MeetingDecision.objects.create(
        meeting=meeting, paragraph=number, title=title, decision="", diary_entry=diary_entry
    )


def decide(
    federation, application, decided_on, outcome, per_year, first_year, years, text, conditions="", kind="decision"
):
    from federations.diary import register
    from federations.models import DiaryEntry
    from interventions.models import GrantDecision

    entry = register(federation, DiaryEntry.Kind.DECISION, f"Beslut: {application.title}", decided_on)
    decision = GrantDecision(
        federation=federation,
        application=application,
        kind=kind,
        decided_on=decided_on,
        diary_entry=entry,
        outcome=outcome,
        granted_per_year=Decimal(per_year) if per_year else None,
        first_year=first_year,
        max_years=years,
        text=text,
        conditions=conditions,
    )
    decision.full_clean()
    decision.paragraph = paragraph_of(federation, decided_on, application.title, entry)
    decision.save()
    return decision


def apply(federation, intervention, received_on, kind, applicants, per_year, years, after_project=""):
    from federations.diary import register
    from federations.models import DiaryEntry
    from interventions.models import Application

    entry = register(
        federation, DiaryEntry.Kind.APPLICATION, f"Ansökan: {intervention.name}", received_on, str(applicants[0])
    )
    application = Application.objects.create(
        federation=federation,
        diary_entry=entry,
        received_on=received_on,
        kind=kind,
        title=intervention.name,
        intervention=intervention,
        amount_per_year=Decimal(per_year),
        years=years,
        after_project=after_project,
    )
    application.applicants.set(applicants)
    return application


@transaction.atomic
def load_grant_decisions(grants):
    """The decisions behind the demo's grants — ``grants`` as (federation slug, intervention,
    year, amount), each applied for in the autumn before, recommended by the preparatory
    group and granted by the board — and IT-spåret's decision process of 2024."""
    from interventions.decisions import apply_decisions
    from interventions.models import Application

    if Application.objects.exists():
        return
    county = County.objects.get(slug="jonkopings-lan")
    federations = {federation.slug: federation for federation in Federation.objects.filter(county=county)}
    region = MemberOrganisation.objects.get(county=county, name=RJL)
    for slug, name, year, amount in grants:
        federation = federations[slug]
        intervention = Intervention.objects.get(county=county, name=name)
        continuing = intervention.starts_on.year < year
        application = apply(
            federation,
            intervention,
            date(year - 1, 9, 1),
            "continuation" if continuing else "new",
            [intervention.responsible_organisation or region],
            amount,
            1,
        )
        application.recommendation, application.recommended_on = "grant", date(year - 1, 10, 15)
        application.save()
        decide(
            federation,
            application,
            date(year - 1, 11, 20),
            "granted",
            amount,
            year,
            1,
            f"Styrelsen beviljar {name} medel för {year}.",
        )
        apply_decisions(application)
    it_sparet = Intervention.objects.get(county=county, name="IT-spåret")
    for slug, (outcome, per_year, years, conditions) in IT_SPARET_DECISIONS.items():
        application = apply(
            federations[slug],
            it_sparet,
            date(2024, 9, 2),
            "continuation",
            [region],
            "600000",
            None,
            "Regionen söker medel för fortsatt drift; hur länge är oklart.",
        )
        application.recommendation, application.recommended_on = "reject", date(2024, 10, 17)
        application.recommendation_text = IT_SPARET_GROUNDS
        application.save()
        decide(
            federations[slug],
            application,
            date(2024, 11, 21),
            outcome,
            per_year,
            2026,
            years,
            "Styrelsen beviljar, mot beredningsgruppens förslag, fortsatta medel till IT-spåret från 2026.",
            conditions,
        )
        apply_decisions(application)
