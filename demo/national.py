"""What the demo's interventions say to the national follow-up (Uppföljning Finsam): their
precise orientation and follow-up method, the participants Södra Vätterbygden budgeted for
each year, and one intervention co-financed by the ESF. Invented, for showing the page."""

from datetime import date
from decimal import Decimal

from federations.models import Federation, MemberOrganisation
from interventions.models import (
    EventAttendance,
    ExternalFunding,
    Intervention,
    InterventionYear,
    Orientation,
    StructuralEvent,
)

from .federations import HL, SV, upsert

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
    "Enter": {2024: 75, 2025: 75, 2026: 75, 2027: 75},
    "NOVA – Stöd i förändring": {2024: 30, 2025: 30, 2026: 30, 2027: 30},
    "Funktionsnedsatta i arbete": {2024: 25, 2025: 25, 2026: 25, 2027: 25},
    "IT-spåret": {2024: 10, 2025: 12, 2026: 12, 2027: 12},
    "Koll på förmåga": {2024: 40, 2025: 40, 2026: 40},
}

ESF = {"Funktionsnedsatta i arbete": [(2024, Decimal(420000)), (2025, Decimal(380000))]}


# The structural interventions' events of 2024: (federation, intervention, day, kind, title,
# hours, {member short name or "": attendees}).
EVENTS = [
    (SV, "BIP/SKAPA", date(2024, 3, 12), "course", "SKAPA-utbildning, steg 1", 6, {"Jönköping": 9, "FK": 3, "AF": 4}),
    (SV, "BIP/SKAPA", date(2024, 10, 8), "course", "SKAPA-utbildning, steg 2", 6, {"Jönköping": 8, "Habo": 3, "AF": 3}),
    (
        SV,
        "Räkna med oss!",
        date(2024, 4, 18),
        "network_meeting",
        "Nätverksträff om ekonomiskt bistånd",
        3,
        {"Jönköping": 6, "Vaggeryd": 2, "Mullsjö": 2, "FK": 2},
    ),
    (
        SV,
        "Räkna med oss!",
        date(2024, 9, 26),
        "network_meeting",
        "Nätverksträff om unga vuxna",
        3,
        {"Jönköping": 7, "Habo": 2, "RJL": 3},
    ),
    (
        HL,
        "Inspirationsdag",
        date(2024, 5, 16),
        "inspiration_day",
        "Inspirationsdag Höglandet",
        6,
        {"Eksjö": 28, "Nässjö": 34, "FK": 12, "AF": 9, "RJL": 18, "": 6},
    ),
    (HL, "Uppdrag samverkan", date(2024, 2, 7), "network_meeting", "Samverkansträff", 3, {"Nässjö": 8, "FK": 4}),
]


def load_events(federations):
    organisations = {
        organisation.short_name: organisation
        for organisation in MemberOrganisation.objects.filter(county=federations[SV].county)
    }
    for slug, name, held_on, kind, title, hours, came in EVENTS:
        event = upsert(
            StructuralEvent,
            {"federation": federations[slug], "intervention": Intervention.objects.get(name=name), "held_on": held_on},
            kind=kind,
            title=title,
            hours=Decimal(hours),
        )
        for short_name, attendees in came.items():
            upsert(
                EventAttendance,
                {"event": event, "organisation": organisations.get(short_name)},
                attendees=attendees,
            )


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
    load_events(federations)
