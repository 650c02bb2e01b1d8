"""What the demo's interventions say to the national follow-up (Uppföljning Finsam): their
precise orientation and follow-up method, the participants Södra Vätterbygden budgeted for
each year, and one intervention co-financed by the ESF. Invented, for showing the page."""

from decimal import Decimal

from federations.models import Federation
from interventions.models import ExternalFunding, Intervention, InterventionYear, Orientation

from .federations import SV, upsert

WORK_REHABILITATION = "Arbetslivsinriktad rehabilitering"
PREPARATION = "Förberedande insats mot arbete eller studier"
ASSESSMENT = "Kartläggning och utredning av arbetsförmåga"
COMPETENCE = "Kompetensutveckling"
NETWORKS = "Samverkansstruktur och nätverk"
INDICATORS, OWN = Intervention.FollowUpMethod.INDICATORS, Intervention.FollowUpMethod.OWN

ORIENTATIONS = {
    "Enter": (WORK_REHABILITATION, INDICATORS),
    "NOVA – Stöd i förändring": (PREPARATION, INDICATORS),
    "Funktionsnedsatta i arbete": (WORK_REHABILITATION, INDICATORS),
    "IT-spåret": (PREPARATION, INDICATORS),
    "Koll på förmåga": (ASSESSMENT, INDICATORS),
    "SE-Höglandet": (WORK_REHABILITATION, INDICATORS),
    "Förrehabilitering": (PREPARATION, OWN),
    "Samverkansteam Finnveden": (WORK_REHABILITATION, INDICATORS),
    "Uppdrag samverkan": (NETWORKS, OWN),
    "Inspirationsdag": (COMPETENCE, OWN),
    "Räkna med oss!": (COMPETENCE, OWN),
    "Välfärdsguiden": (NETWORKS, OWN),
    "BIP/SKAPA": (COMPETENCE, OWN),
}

# Södra Vätterbygden's budgeted participants per intervention and year ("75 om året").
BUDGETED_PARTICIPANTS = {
    "Enter": {2024: 75, 2025: 75, 2026: 75},
    "NOVA – Stöd i förändring": {2024: 30, 2025: 30, 2026: 30},
    "Funktionsnedsatta i arbete": {2024: 25, 2025: 25, 2026: 25},
    "IT-spåret": {2024: 10, 2025: 12, 2026: 12},
    "Koll på förmåga": {2024: 40, 2025: 40, 2026: 40},
}

ESF = {"Funktionsnedsatta i arbete": [(2024, Decimal(420000)), (2025, Decimal(380000))]}


def load_demo():
    federations = {federation.slug: federation for federation in Federation.objects.all()}
    orientations = {orientation.name: orientation for orientation in Orientation.objects.all()}
    interventions = {intervention.name: intervention for intervention in Intervention.objects.all()}
    for name, (orientation, method) in ORIENTATIONS.items():
        upsert(
            Intervention, {"pk": interventions[name].pk}, orientation=orientations[orientation], follow_up_method=method
        )
    for name, years in BUDGETED_PARTICIPANTS.items():
        for year, budgeted in years.items():
            upsert(
                InterventionYear,
                {"intervention": interventions[name], "federation": federations[SV], "year": year},
                budgeted_participants=budgeted,
            )
    for name, years in ESF.items():
        for year, amount in years:
            upsert(
                ExternalFunding,
                {
                    "intervention": interventions[name],
                    "source": ExternalFunding.Source.ESF,
                    "funder": "Svenska ESF-rådet",
                    "year": year,
                },
                amount=amount,
            )
