"""What the demo's interventions say to the national follow-up (Uppföljning Finsam): their
precise orientation and follow-up method, the participants Södra Vätterbygden budgeted for
each year, and one intervention co-financed by the ESF. Invented, for showing the page."""

import random
from datetime import date
from decimal import Decimal

from federations.models import Federation, MemberOrganisation, Municipality
from interventions.models import (
    EndReason,
    EventAttendance,
    ExternalFunding,
    Intervention,
    InterventionYear,
    Orientation,
    Participant,
    ProjectResult,
    Referral,
    StructuralEvent,
    SupplementaryQuestion,
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

ESF = {
    "Funktionsnedsatta i arbete": [(2024, Decimal(420000)), (2025, Decimal(380000))],
    # The county's ESF project, as the 2025 deck shows one: about 19 million in all, 2024–2026.
    "Räkna med oss!": [(2024, Decimal(6200000)), (2025, Decimal(6300000)), (2026, Decimal(6500000))],
}
# What the ESF project reported against its own targets: (day, unique participants and
# their target, hours and their target).
PROJECT_RESULTS = {
    "Räkna med oss!": [(date(2024, 6, 30), 98, 307, 1710, 5992), (date(2025, 1, 31), 226, 307, 4427, 5992)]
}


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
    for name, results in PROJECT_RESULTS.items():
        for reported_on, reached, target, hours, hours_target in results:
            upsert(
                ProjectResult,
                {"intervention": interventions[name], "reported_on": reported_on},
                participants=reached,
                participants_target=target,
                hours=hours,
                hours_target=hours_target,
            )
    load_events(federations)
    load_follow_up_after_sus(federations)


# What SUS asked about each participant, for Södra Vätterbygden's participants: occupation at
# enrolment and at the end, one registration ended as a mistake, a waiting list, and two
# questions of the federation's own. Drawn with their own seed, after the participants, so
# that the participant figures stay as they are.
OCCUPATION_AT_START = [("job_seeking", 40), ("sick_leave", 25), ("compensation", 15), ("other", 20)]
OCCUPATION_AT_END = [
    ("employed", 22),
    ("subsidised_employment", 12),
    ("studies", 10),
    ("job_seeking", 30),
    ("sick_leave", 14),
    ("other", 12),
]
EXTENT = {"employed": [100, 75, 50], "subsidised_employment": [100, 75], "studies": [100, 50], "sick_leave": [100, 50]}
QUESTIONS = [
    (
        "Har deltagaren hemmavarande barn under 18 år?",
        "fråga barn",
        SupplementaryQuestion.AnswerKind.YES_NO,
        "",
        SupplementaryQuestion.Moment.ENROLMENT,
    ),
    (
        "Hur bor deltagaren vid avslut?",
        "fråga boende",
        SupplementaryQuestion.AnswerKind.CHOICE,
        "Eget boende; Hos förälder; Andrahandskontrakt; Annat",
        SupplementaryQuestion.Moment.END,
    ),
]
PROGRESSION_MEASURED_IN = {"NOVA – Stöd i förändring"}  # steps on the SKAPA scale, 1–6
REFERRALS = [  # intervention, code, gender, municipality, referred on, referred by, left on, outcome
    ("Enter", "V-2024-01", "woman", "Jönköping", date(2024, 10, 2), "AF", None, ""),
    ("Enter", "V-2024-02", "man", "Habo", date(2024, 11, 14), "FK", None, ""),
    ("Enter", "V-2024-03", "woman", "Jönköping", date(2024, 12, 3), "Jönköping", None, ""),
    ("NOVA – Stöd i förändring", "V-2024-04", "man", "Mullsjö", date(2024, 11, 20), "RJL", None, ""),
    (
        "NOVA – Stöd i förändring",
        "V-2024-05",
        "woman",
        "Jönköping",
        date(2024, 9, 1),
        "FK",
        date(2024, 10, 7),
        "enrolled",
    ),
    ("Enter", "V-2024-06", "man", "Jönköping", date(2024, 8, 19), "AF", date(2024, 9, 30), "withdrawn"),
    ("Enter", "V-2025-01", "woman", "Habo", date(2025, 1, 13), "Habo", None, ""),
]


def weighted(rng, choices):
    return rng.choices([value for value, _ in choices], [weight for _, weight in choices])[0]


def load_follow_up_after_sus(federations):
    rng = random.Random(2030)
    federation = federations[SV]
    participants = list(
        Participant.objects.of_federation(federation)
        .filter(enrolled_on__year__gte=2023)
        .select_related("intervention")
        .order_by("pk")
    )
    questions = [
        upsert(
            SupplementaryQuestion,
            {"federation": federation, "column": column},
            text=text,
            answer_kind=kind,
            options=options,
            asked_at=asked_at,
            asked_from=date(2024, 1, 1),
        )
        for text, column, kind, options, asked_at in QUESTIONS
    ]
    children, housing = questions
    for participant in participants:
        participant.occupation_start = weighted(rng, OCCUPATION_AT_START)
        participant.occupation_start_extent = rng.choice(EXTENT.get(participant.occupation_start, [None]))
        answers = {}
        if children.applies_to(participant):
            answers[children.field_name] = rng.choice(["ja", "nej", "nej"])
        if participant.ended_on:
            participant.occupation_end = weighted(rng, OCCUPATION_AT_END)
            participant.occupation_end_extent = rng.choice(EXTENT.get(participant.occupation_end, [None]))
            if housing.applies_to(participant):
                answers[housing.field_name] = rng.choice(housing.option_list)
        participant.supplementary_answers = answers
    steps = random.Random(2031)  # its own seed: the draws above stay as they were
    for participant in participants:
        if participant.ended_on and participant.intervention.name in PROGRESSION_MEASURED_IN:
            participant.progression_start = steps.randint(1, 4)
            participant.progression_end = min(6, max(1, participant.progression_start + steps.choice([-1, 0, 1, 1, 2])))
    Participant.objects.bulk_update(
        participants,
        [
            "occupation_start",
            "occupation_start_extent",
            "occupation_end",
            "occupation_end_extent",
            "supplementary_answers",
            "progression_start",
            "progression_end",
        ],
        batch_size=500,
    )
    organisations = {
        organisation.short_name: organisation
        for organisation in MemberOrganisation.objects.filter(county=federation.county)
    }
    municipalities = {municipality.name: municipality for municipality in Municipality.objects.all()}
    for name, code, gender, municipality, referred_on, referred_by, closed_on, outcome in REFERRALS:
        upsert(
            Referral,
            {"federation": federation, "code": code},
            intervention=Intervention.objects.get(name=name),
            gender=gender,
            municipality=municipalities[municipality],
            referred_on=referred_on,
            referred_by=organisations.get(referred_by),
            closed_on=closed_on,
            outcome=outcome,
        )
    enter = Intervention.objects.get(name="Enter")
    upsert(
        Participant,
        {"intervention": enter, "code": "ENT-FEL-1", "enrolled_on": date(2024, 3, 4)},
        gender="man",
        birth_year=1990,
        municipality=municipalities["Jönköping"],
        ended_on=date(2024, 3, 11),
        end_reason=EndReason.MISREGISTRATION,
    )
