"""Demo interventions and generated participants for the three federations of
Jönköping county.

The interventions, staffing, costs and the 2024 participant figures are the published
ones (2025 member consultation); each participant is generated so that the aggregates
reproduce those tables exactly. Everything else about a participant — dates, age,
support, health, survey answers — is drawn from a seeded random generator, so every
run produces the same rows. Where the documents are silent (start dates, responsible
units, the gender split of some endings) the values are invented and plausible.
"""

import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from federations.demo import CHANGE_REASON, upsert
from federations.models import County, Federation, MemberOrganisation, Municipality, Role

from .models import (
    FOLLOW_UP_MONTHS,
    Deviation,
    EndClass,
    EndReason,
    FollowUp,
    Funding,
    Gender,
    Goal,
    GoalAssessment,
    Intervention,
    InterventionAssignment,
    NationalAverage,
    Participant,
    ParticipantSupport,
    Registration,
    RespondentGroup,
    Staffing,
    Support,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResult,
    follow_up_due,
)

WORK, STUDIES, REHAB, ILLNESS, OTHER = (
    EndReason.WORK,
    EndReason.STUDIES,
    EndReason.WORK_REHABILITATION,
    EndReason.ILLNESS,
    EndReason.OTHER,
)

SURVEY_QUESTIONS = {
    5: "Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?",
    6: "Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du fick kontakt med oss?",
    7: "Upplever du att personalen tar tillvara dina erfarenheter, kunskaper och synpunkter?",
}


@dataclass(frozen=True)
class Cohort:
    """One federation's residents in an intervention in 2024, as published."""

    women: int
    men: int
    new: int
    endings: dict = field(default_factory=dict)  # reason → (women, men)
    end_classes: dict = field(default_factory=dict)  # end class name → (women, men), instead of endings


@dataclass(frozen=True)
class GoalSpec:
    text: str
    measure: str = ""
    target: int | None = None
    status: str = GoalAssessment.Status.MET
    comment: str = ""


@dataclass(frozen=True)
class InterventionSpec:
    name: str
    code: str
    starts_on: date
    fundings: dict  # federation slug → counts endings in totals
    kind: str = Intervention.Kind.INDIVIDUAL
    short_name: str = ""
    status: str = Intervention.Status.LONG_TERM
    responsible: str = ""  # member organisation name
    responsible_unit: str = ""
    performer: str = ""
    target_group: str = ""
    age: tuple = (16, 64)
    served: tuple = ()  # municipality names; empty: the funding federations' members
    method: str = ""
    referral: str = ""  # for the service catalogue
    contact: str = ""
    staffing: tuple = ()  # (member name or "", description, FTE)
    end_classes: tuple = ()  # (name, description, standard reason)
    cohorts: dict = field(default_factory=dict)  # federation slug → Cohort
    goals: dict = field(default_factory=dict)  # federation slug → [GoalSpec]


SV, HL, FV = "sodra-vatterbygden", "hoglandet", "finnveden"
SV_MUNICIPALITIES = ("Habo", "Jönköping", "Mullsjö", "Vaggeryd")

INTERVENTIONS = [
    InterventionSpec(
        name="Enter",
        code="ENT",
        starts_on=date(2011, 1, 1),
        fundings={SV: True},
        responsible="Jönköpings kommun",
        responsible_unit="Arbetsmarknadsavdelningen, Jönköpings kommun",
        target_group="Boende i Habo, Mullsjö, Vaggeryd och Jönköping som förväntas kunna komma vidare till arbete eller studier inom ett år.",
        age=(18, 64),
        served=SV_MUNICIPALITIES,
        method="Team med medarbetare från kommun, region, Försäkringskassan och Arbetsförmedlingen samordnar insatser för personer med komplex problematik.",
        staffing=(
            ("Jönköpings kommun", "Arbetsmarknadsavdelningen", Decimal("2.0")),
            ("Försäkringskassan", "", Decimal("1.0")),
            ("Arbetsförmedlingen", "", Decimal("1.0")),
            ("Region Jönköpings län", "Psykiatri", Decimal("1.0")),
        ),
        cohorts={SV: Cohort(41, 39, 38, {WORK: (3, 3), STUDIES: (2, 1), REHAB: (1, 1), ILLNESS: (7, 5)})},
        goals={
            SV: [
                GoalSpec(
                    "Minst 40 % av de avslutade deltagare som bedöms ha arbetsförmåga ska gå vidare till arbete eller studier.",
                    Goal.Measure.WORK_OR_STUDIES_OF_ABLE,
                    40,
                ),
                GoalSpec(
                    "Minst 75 % av de avslutade deltagarna ska svara klart positivt på enkätens frågor.",
                    Goal.Measure.SURVEY_CLEARLY_POSITIVE,
                    75,
                    GoalAssessment.Status.NOT_MET,
                    "Ingen av frågorna 5–7 når 75 %; fråga 6 kommer närmast.",
                ),
            ]
        },
    ),
    InterventionSpec(
        name="NOVA – Stöd i förändring",
        short_name="NOVA",
        code="NOV",
        starts_on=date(2019, 1, 1),
        fundings={SV: True},
        responsible="Jönköpings kommun",
        responsible_unit="Arbetsmarknadsavdelningen, Jönköpings kommun",
        target_group="Personer med mindre aktivitetsförmåga än 25 %, som förberedelse för att kunna ta del av ordinarie verksamheter.",
        served=SV_MUNICIPALITIES,
        method="Basmetod 7TJUGO: empowerment och egenmakt. Grupptillfällen 2–3 gånger i veckan i Habo, Mullsjö, Jönköping och Vaggeryd.",
        cohorts={
            SV: Cohort(42, 28, 66, {WORK: (1, 0), STUDIES: (2, 1), REHAB: (11, 7), ILLNESS: (10, 6), OTHER: (5, 3)})
        },
    ),
    InterventionSpec(
        name="Funktionsnedsatta i arbete",
        short_name="FIA",
        code="FIA",
        starts_on=date(2021, 9, 1),
        fundings={SV: True},
        status=Intervention.Status.PROJECT,
        responsible="Habo kommun",
        responsible_unit="Habo kommun",
        performer="Funktionsrätt Jönköpings län",
        target_group="Personer med fysisk och/eller psykisk funktionsnedsättning och minst 25 % arbetsförmåga vid start.",
        served=SV_MUNICIPALITIES,
        method="Kartläggning, coachning, matchning till lämplig praktik, stöd att hitta rätt anpassningar och tät uppföljning.",
        staffing=(("", "Coacher, Funktionsrätt Jönköpings län", Decimal("1.0")),),
        cohorts={SV: Cohort(19, 14, 11, {WORK: (2, 2), STUDIES: (1, 0), REHAB: (0, 1), OTHER: (2, 2)})},
        goals={
            SV: [
                GoalSpec(
                    "Minst 30 % av de avslutade deltagarna ska ha anställning eller studier vid avslut.",
                    Goal.Measure.WORK_OR_STUDIES_OF_ENDED,
                    30,
                )
            ]
        },
    ),
    InterventionSpec(
        name="IT-spåret",
        code="ITS",
        starts_on=date(2022, 8, 15),
        fundings={SV: True, HL: True, FV: True},
        status=Intervention.Status.PROJECT,
        responsible="Region Jönköpings län",
        target_group="Unga vuxna med intresse för IT som står långt från arbetsmarknaden.",
        age=(18, 30),
        method="Ettårig IT-utbildning i moduler med praktik hos företag, organisationer och föreningar.",
        staffing=(("", "Utbildare", Decimal("2.0")),),
        cohorts={
            SV: Cohort(1, 5, 2),
            HL: Cohort(2, 10, 5, {WORK: (0, 1), STUDIES: (0, 1), REHAB: (0, 1), ILLNESS: (0, 1)}),
            FV: Cohort(0, 1, 0),
        },
        goals={
            HL: [
                GoalSpec("Minst 70 % av studenterna ska genomföra utbildningen med godkända betyg."),
                GoalSpec(
                    "Alla deltagare i modul 2 och 3 ska få praktisera med uppdrag från företag, organisationer eller föreningar.",
                    status=GoalAssessment.Status.NOT_MET,
                    comment="1 av 4",
                ),
                GoalSpec(
                    "50 % av studenterna ska vara i anställning, adekvat sysselsättning eller reguljär utbildning efter fullt genomgången utbildning.",
                    Goal.Measure.WORK_OR_STUDIES_OF_ENDED,
                    50,
                ),
            ]
        },
    ),
    InterventionSpec(
        name="Koll på förmåga",
        code="KPF",
        starts_on=date(2022, 1, 1),
        fundings={SV: False},  # part-financed: endings are reported in its own Spår
        responsible="Jönköpings kommun",
        responsible_unit="Utredningsenheten, Jönköpings kommun (försörjningsstöd och AMA)",
        target_group="Personer med långvarigt försörjningsstöd.",
        served=("Jönköping",),
        method="Utredning av om deltagaren har en utvecklingspotential i riktning mot arbete: socionom, arbetsterapeut, psykolog och läkare.",
        end_classes=(
            ("Spår 1", "Arbetslivsförberedande", REHAB),
            ("Spår 2", "Potential på sikt", OTHER),
            ("Spår 3", "Fortsatt ekonomiskt bistånd utan riktning mot arbete", OTHER),
            ("Spår 4", "Rekommenderas söka sjukersättning av medicinska skäl", ILLNESS),
        ),
        cohorts={
            SV: Cohort(31, 33, 45, end_classes={"Spår 1": (5, 4), "Spår 2": (7, 7), "Spår 3": (1, 1), "Spår 4": (9, 7)})
        },
    ),
    InterventionSpec(
        name="SE-Höglandet",
        code="SEH",
        starts_on=date(2012, 1, 1),
        fundings={HL: True},
        responsible="Nässjö kommun",
        responsible_unit="Arbetsmarknadsenheten, Nässjö kommun",
        target_group="Personer som vill ha ett arbete på den öppna arbetsmarknaden och behöver stöd från flera parter.",
        method="Supported Employment (IPS): finna, få och behålla ett arbete på den öppna arbetsmarknaden.",
        staffing=(("", "Arbetsspecialister", Decimal("8.55")),),
        cohorts={
            HL: Cohort(100, 120, 90, {WORK: (13, 17), STUDIES: (5, 7), REHAB: (6, 8), ILLNESS: (4, 6), OTHER: (4, 4)})
        },
        goals={
            HL: [
                GoalSpec(
                    "35 % av deltagarna i SE-Höglandet ska finna, få och behålla ett arbete på den öppna arbetsmarknaden eller gå vidare till studier i samband med avslut.",
                    Goal.Measure.WORK_OR_STUDIES_OF_ENDED,
                    35,
                ),
                GoalSpec(
                    "Minst 70 % av deltagarna ska svara ofta, för det mesta eller alltid på frågorna i enkäten.",
                    comment="71–98 %",
                ),
            ]
        },
    ),
    InterventionSpec(
        name="Förrehabilitering",
        code="FRH",
        starts_on=date(2024, 1, 1),
        fundings={HL: True},
        status=Intervention.Status.PROJECT,
    ),
    InterventionSpec(
        name="Samverkansteam Finnveden",
        code="STF",
        starts_on=date(2019, 9, 1),
        fundings={FV: True},
        responsible="Värnamo kommun",
        target_group="16–65 år med fokus på 16–29 år, med behov av samordnade arbetsförberedande insatser (25 % arbetsförmåga) och stöd från minst två av förbundets medlemmar.",
        age=(16, 65),
        method="Kartläggning, individuell planering, motivation, vägledning och praktik med inriktning mot arbete; BIP, SKAPA, Stoppa våldet.",
        staffing=(
            ("Försäkringskassan", "", Decimal("0.75")),
            ("Region Jönköpings län", "Psykiatri", Decimal("0.75")),
            ("Gnosjö kommun", "AME och försörjningsstöd", Decimal("0.75")),
            ("Gislaveds kommun", "AME och försörjningsstöd", Decimal("1.5")),
            ("Värnamo kommun", "AME", Decimal("1.5")),
            ("Arbetsförmedlingen", "", Decimal("0.2")),
        ),
        cohorts={
            FV: Cohort(47, 26, 38, {WORK: (1, 2), STUDIES: (1, 0), REHAB: (9, 6), ILLNESS: (6, 4), OTHER: (5, 2)})
        },
    ),
    # Structural work: no enrolled participants.
    InterventionSpec(
        name="Uppdrag samverkan",
        code="UPS",
        starts_on=date(2020, 1, 1),
        fundings={HL: True},
        kind=Intervention.Kind.STRUCTURAL,
        staffing=(("", "Samverkanskoordinatorer", Decimal("3.0")),),
    ),
    InterventionSpec(
        name="Inspirationsdag",
        code="INS",
        starts_on=date(2024, 1, 1),
        fundings={HL: True},
        kind=Intervention.Kind.STRUCTURAL,
        status=Intervention.Status.PROJECT,
    ),
    InterventionSpec(
        name="Räkna med oss!",
        code="RMO",
        starts_on=date(2024, 1, 1),
        fundings={HL: True, SV: True},
        kind=Intervention.Kind.STRUCTURAL,
        status=Intervention.Status.PROJECT,
    ),
    InterventionSpec(
        name="Välfärdsguiden",
        code="VFG",
        starts_on=date(2023, 1, 1),
        fundings={HL: True},
        kind=Intervention.Kind.STRUCTURAL,
    ),
    InterventionSpec(
        name="BIP/SKAPA",
        code="BIP",
        starts_on=date(2018, 1, 1),
        fundings={SV: True, FV: True},
        kind=Intervention.Kind.STRUCTURAL,
    ),
]

# Södra Vätterbygden's business-plan commitments for 2024 and how the board judged them
# (invented; six of eight met and two partly, as annual reports often summarise).
PLAN_COMMITMENTS = {
    SV: [
        GoalSpec(
            "Minst 20 % av de avslutade deltagarna ska gå vidare till arbete eller studier.",
            Goal.Measure.WORK_OR_STUDIES_OF_ENDED,
            20,
        ),
        GoalSpec("Förbundet ska finansiera insatser för unga vuxna 18–29 år med komplex problematik."),
        GoalSpec("Samverkan i Samverk ska utvecklas i alla fyra kommunerna."),
        GoalSpec("Minst två inspirations- eller utbildningsdagar ska genomföras för medlemmarnas personal."),
        GoalSpec("Alla finansierade insatser ska följas upp med indikatorenkäten."),
        GoalSpec("Avvikelser i samverkan (Lex Heller) ska sammanställas och återföras till medlemmarna."),
        GoalSpec(
            "En genomlysning av NOVA, Enter och FIA ska göras.",
            status=GoalAssessment.Status.PARTLY_MET,
            comment="Påbörjad hösten 2024, klar våren 2025.",
        ),
        GoalSpec(
            "Socioekonomiska effekter ska redovisas för alla individinriktade insatser.",
            status=GoalAssessment.Status.PARTLY_MET,
            comment="Redovisat för tre av fem insatser.",
        ),
    ]
}

SEED = 2024


def reasons_of(cohort, end_classes):
    """(reason, end class or None, gender) for every ending of the cohort in 2024."""
    endings = []
    for reason, (women, men) in cohort.endings.items():
        endings += [(reason, None, Gender.WOMAN)] * women + [(reason, None, Gender.MAN)] * men
    for name, (women, men) in cohort.end_classes.items():
        end_class = end_classes[name]
        endings += [(end_class.standard_reason, end_class, Gender.WOMAN)] * women
        endings += [(end_class.standard_reason, end_class, Gender.MAN)] * men
    return endings


def generate_cohort(intervention, spec, slug, cohort, places, referrers, end_classes, rng):
    """The participants of one federation's residents in one intervention, such that
    2024 has exactly the cohort's women, men, new and endings."""
    genders = [Gender.WOMAN] * cohort.women + [Gender.MAN] * cohort.men
    endings = reasons_of(cohort, end_classes)
    ending_by_gender = {
        Gender.WOMAN: [e for e in endings if e[2] == Gender.WOMAN],
        Gender.MAN: [e for e in endings if e[2] == Gender.MAN],
    }
    people = []
    for gender in genders:
        ending = ending_by_gender[gender].pop() if ending_by_gender[gender] else None
        people.append((gender, ending))
    # The new ones are spread over both those who end and those who stay.
    new_flags = [True] * cohort.new + [False] * (len(people) - cohort.new)
    rng.shuffle(new_flags)
    earliest = max(spec.starts_on, date(2022, 1, 1))
    participants = []
    for number, ((gender, ending), is_new) in enumerate(zip(people, new_flags), start=1):
        if is_new:
            enrolled_on = date(2024, 1, 2) + timedelta(days=rng.randrange(0, 150 if ending else 330))
        else:
            span = (date(2023, 12, 31) - earliest).days
            enrolled_on = earliest + timedelta(days=rng.randrange(0, span))
        participant = make_participant(
            intervention,
            spec,
            f"{spec.code}-{slug[:2].upper()}-{number:03d}",
            gender,
            enrolled_on,
            places,
            referrers,
            rng,
        )
        if ending:
            reason, end_class, _ = ending
            start = max(enrolled_on + timedelta(days=30), date(2024, 1, 15))
            participant.ended_on = start + timedelta(days=rng.randrange(0, (date(2024, 12, 20) - start).days))
            end(participant, reason, end_class, rng)
        elif rng.random() < 0.45:
            reason = rng.choice([WORK, STUDIES, REHAB, ILLNESS, OTHER]) if not end_classes else None
            end_class = rng.choice(list(end_classes.values())) if end_classes else None
            participant.ended_on = date(2025, 1, 10) + timedelta(days=rng.randrange(0, 300))
            end(participant, reason or end_class.standard_reason, end_class, rng)
        participants.append(participant)
    # Some newcomers in 2025 and 2026, so that the current years are not empty.
    for number in range(len(participants) + 1, len(participants) + 1 + len(participants) // 4):
        enrolled_on = date(2025, 1, 7) + timedelta(days=rng.randrange(0, 600))
        gender = rng.choice([Gender.WOMAN, Gender.MAN])
        participants.append(
            make_participant(
                intervention,
                spec,
                f"{spec.code}-{slug[:2].upper()}-{number:03d}",
                gender,
                enrolled_on,
                places,
                referrers,
                rng,
            )
        )
    return participants


def make_participant(intervention, spec, code, gender, enrolled_on, places, referrers, rng):
    youngest, oldest = spec.age
    age = (
        rng.randint(youngest, min(oldest, 64))
        if rng.random() < 0.5
        else rng.randint(youngest, min(youngest + 13, oldest))
    )
    municipalities, weights = zip(*places)
    return Participant(
        intervention=intervention,
        code=code,
        # About one in ten registered anonymously, as in SUS (no consent, or a protected
        # identity), chosen by the code so that the demo's random draws stay as they were.
        registration=Registration.ANONYMOUS if zlib.crc32(code.encode()) % 10 == 0 else Registration.CONSENT,
        gender=gender,
        birth_year=enrolled_on.year - age,
        municipality=rng.choices(municipalities, weights)[0],
        referred_by=rng.choice(referrers),
        enrolled_on=enrolled_on,
        years_in_support=rng.randint(0, 20),
        education=rng.choice(list(Participant.Education.values)),
        had_work_placement=rng.random() < 0.4,
        health_start=rng.randint(20, 70),
        quality_of_life_start=rng.randint(2, 7),
    )


def end(participant, reason, end_class, rng):
    participant.end_reason = reason
    participant.end_class = end_class
    to_work_or_studies = reason in EndReason.to_work_or_studies()
    participant.able_to_work_at_end = (
        True if to_work_or_studies else (None if reason == OTHER else reason == REHAB and rng.random() < 0.5)
    )
    participant.health_end = max(0, min(100, participant.health_start + rng.randint(-20, 20)))
    participant.quality_of_life_end = max(0, min(10, participant.quality_of_life_start + rng.randint(-2, 1)))


# Where the ended are 6 and 12 months on, by how they ended: most who went to work or
# studies are still there; of the others some have found work, most are still supported.
FOLLOW_UP_BY_REASON = {
    WORK: [FollowUp.WORK] * 4 + [FollowUp.PUBLIC_SUPPORT],
    STUDIES: [FollowUp.STUDIES] * 3 + [FollowUp.WORK, FollowUp.PUBLIC_SUPPORT],
}
FOLLOW_UP_OTHERWISE = [FollowUp.PUBLIC_SUPPORT] * 3 + [FollowUp.WORK, FollowUp.STUDIES, FollowUp.UNKNOWN]


def followed_up(participant, today):
    """The follow-ups due by ``today``, one in five not reached; chosen by the code, so that
    the demo's random draws stay as they were."""
    if not participant.ended_on:
        return
    for months in FOLLOW_UP_MONTHS:
        draw = zlib.crc32(f"{participant.code} {months}".encode())
        if follow_up_due(participant.ended_on, months) > today or draw % 5 == 0:
            continue
        options = FOLLOW_UP_BY_REASON.get(participant.end_reason, FOLLOW_UP_OTHERWISE)
        setattr(participant, f"follow_up_{months}_months", options[draw // 5 % len(options)])


def supports_for(participant, rng):
    start = rng.sample(
        [
            Support.SICKNESS_BENEFIT,
            Support.ACTIVITY_COMPENSATION,
            Support.UNEMPLOYMENT_BENEFIT,
            Support.ACTIVITY_SUPPORT,
            Support.INCOME_SUPPORT,
            Support.SICKNESS_COMPENSATION,
        ],
        k=rng.randint(1, 2),
    )
    rows = [
        ParticipantSupport(participant=participant, phase=ParticipantSupport.Phase.START, kind=kind) for kind in start
    ]
    if participant.ended_on:
        if participant.end_reason in EndReason.to_work_or_studies():
            after = [Support.NONE] if participant.end_reason == WORK else [Support.OTHER]
        elif participant.end_reason == ILLNESS:
            after = [Support.SICKNESS_COMPENSATION]
        else:
            after = start
        rows += [
            ParticipantSupport(participant=participant, phase=ParticipantSupport.Phase.END, kind=kind) for kind in after
        ]
    return rows


def answers_for(participant, questions, rng):
    if not participant.ended_on:
        return []
    return [
        SurveyAnswer(
            participant=participant, question=question, answer=rng.choices(range(1, 7), weights=(1, 1, 3, 5, 8, 8))[0]
        )
        for question in questions
    ]


@transaction.atomic
def load_demo():
    county = County.objects.get(slug="jonkopings-lan")
    federations = {federation.slug: federation for federation in Federation.objects.filter(county=county)}
    organisations = {
        organisation.name: organisation for organisation in MemberOrganisation.objects.filter(county=county)
    }
    questions = [
        upsert(SurveyQuestion, {"group": RespondentGroup.ENDED_PARTICIPANTS, "number": number}, text=text)
        for number, text in SURVEY_QUESTIONS.items()
    ]
    rng = random.Random(SEED)
    new_participants = []
    for spec in INTERVENTIONS:
        intervention = load_intervention(county, spec, federations, organisations)
        end_classes = {
            name: upsert(
                EndClass, {"intervention": intervention, "name": name}, description=description, standard_reason=reason
            )
            for name, description, reason in spec.end_classes
        }
        if intervention.participants.exists():
            continue
        for slug, cohort in spec.cohorts.items():
            places = residents_of(federations[slug], spec)
            referrers = list(MemberOrganisation.objects.filter(memberships__federation=federations[slug]))
            new_participants += generate_cohort(intervention, spec, slug, cohort, places, referrers, end_classes, rng)
    if new_participants:
        today = date.today()
        for participant in new_participants:
            followed_up(participant, today)
            participant.full_clean()
        created = bulk_create_with_history(new_participants, Participant, default_change_reason=CHANGE_REASON)
        supports, answers = [], []
        for participant in created:
            supports += supports_for(participant, rng)
            answers += answers_for(participant, questions, rng)
        bulk_create_with_history(supports, ParticipantSupport, default_change_reason=CHANGE_REASON)
        bulk_create_with_history(answers, SurveyAnswer, default_change_reason=CHANGE_REASON)
    load_plan_commitments(federations)
    load_indicator_survey(federations[SV], questions)
    load_deviations(federations["finnveden"], organisations)
    assign_demo_intervention_staff()


# Finnveden keeps the deviation register Lex Heller ("buggrapporter" on cooperation, as its
# consultation slide calls it). Invented cases, naming members and never a person.
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
STAFF_QUESTIONS = {
    1: "Har insatsen de resurser som behövs för att ge deltagarna det stöd de behöver?",
    2: "Fungerar samarbetet mellan de medverkande myndigheterna i insatsen?",
}
BOARD_QUESTIONS = {
    1: "Bidrar förbundets arbete till att medlemmarna samverkar bättre?",
}
NATIONAL_2024 = {5: Decimal("58.0"), 6: Decimal("52.0"), 7: Decimal("66.0")}


def load_indicator_survey(federation, participant_questions):
    staff = [
        upsert(SurveyQuestion, {"group": RespondentGroup.STAFF, "number": number}, text=text)
        for number, text in STAFF_QUESTIONS.items()
    ]
    board = [
        upsert(SurveyQuestion, {"group": RespondentGroup.BOARD, "number": number}, text=text)
        for number, text in BOARD_QUESTIONS.items()
    ]
    enter = Intervention.objects.get(name="Enter")
    for question, steps in zip(staff, [(3, 4, 2, 1, 0, 0), (2, 5, 2, 1, 0, 0)], strict=True):
        upsert(
            SurveyResult,
            {"federation": federation, "year": 2024, "intervention": enter, "question": question},
            **dict(zip(SurveyResult.STEPS, steps, strict=True)),
        )
    upsert(
        SurveyResult,
        {"federation": federation, "year": 2024, "intervention": None, "question": board[0]},
        **dict(zip(SurveyResult.STEPS, (2, 4, 3, 1, 0, 0), strict=True)),
    )
    for question in participant_questions:
        upsert(NationalAverage, {"year": 2024, "question": question}, percent=NATIONAL_2024[question.number])


def residents_of(federation, spec):
    """(municipality, weight by population) where the cohort's participants live."""
    municipalities = Municipality.objects.filter(member_organisations__memberships__federation=federation).distinct()
    if spec.served:
        municipalities = municipalities.filter(name__in=spec.served)
    return [
        (municipality, municipality.populations.order_by("-year").first().inhabitants)
        for municipality in municipalities
    ]


# How most of the demo's interventions are reached, for the public service catalogue.
REFERRAL = (
    "Handläggare hos Försäkringskassan, Arbetsförmedlingen, kommunen eller regionen anmäler, "
    "efter samtal med personen och med dennes samtycke."
)


def load_intervention(county, spec, federations, organisations):
    intervention = upsert(
        Intervention,
        {"county": county, "name": spec.name},
        short_name=spec.short_name,
        kind=spec.kind,
        status=spec.status,
        starts_on=spec.starts_on,
        responsible_organisation=organisations.get(spec.responsible),
        responsible_unit=spec.responsible_unit,
        performer=spec.performer,
        target_group=spec.target_group,
        age_min=spec.age[0],
        age_max=spec.age[1],
        method=spec.method,
        referral=spec.referral or REFERRAL,
        contact=spec.contact or f"{spec.name}, via förbundets kansli",
    )
    if spec.served and not intervention.municipalities.exists():
        intervention.municipalities.set(Municipality.objects.filter(county=county, name__in=spec.served))
    for slug, counts_endings in spec.fundings.items():
        upsert(
            Funding,
            {"intervention": intervention, "federation": federations[slug]},
            counts_endings_in_totals=counts_endings,
        )
    for organisation_name, description, fte in spec.staffing:
        upsert(
            Staffing,
            {
                "intervention": intervention,
                "organisation": organisations.get(organisation_name),
                "description": description,
            },
            full_time_equivalents=fte,
        )
    for slug, goals in spec.goals.items():
        for goal_spec in goals:
            goal = upsert(
                Goal,
                {"federation": federations[slug], "intervention": intervention, "text": goal_spec.text},
                measure=goal_spec.measure,
                target_percent=Decimal(goal_spec.target) if goal_spec.target is not None else None,
            )
            upsert(GoalAssessment, {"goal": goal, "year": 2024}, status=goal_spec.status, comment=goal_spec.comment)
    return intervention


def load_plan_commitments(federations):
    for slug, goals in PLAN_COMMITMENTS.items():
        for goal_spec in goals:
            goal = upsert(
                Goal,
                {"federation": federations[slug], "intervention": None, "text": goal_spec.text},
                plan_year=2024,
                measure=goal_spec.measure,
                target_percent=Decimal(goal_spec.target) if goal_spec.target is not None else None,
            )
            upsert(GoalAssessment, {"goal": goal, "year": 2024}, status=goal_spec.status, comment=goal_spec.comment)


def assign_demo_intervention_staff():
    """The demo's intervention staff work in Enter."""
    enter = Intervention.objects.get(name="Enter")
    for role in Role.objects.filter(kind=Role.Kind.INTERVENTION, federation__in=enter.federations.all()):
        InterventionAssignment.objects.get_or_create(user=role.user, intervention=enter)


# --- Applications and the board's decisions ------------------------------------------------

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

    from .models import GrantDecision

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

    from .models import Application

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
    from .decisions import apply_decisions
    from .models import Application

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
