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
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from federations.models import County, Federation, MemberOrganisation, Municipality, Role
from interventions.models import (
    EndClass,
    Funding,
    Goal,
    GoalAssessment,
    Intervention,
    InterventionAssignment,
    Participant,
    ParticipantSupport,
    RespondentGroup,
    Staffing,
    SurveyAnswer,
    SurveyQuestion,
)

from .federations import CHANGE_REASON, FV, HL, SV, upsert
from .participants import (
    ILLNESS,
    OTHER,
    REHAB,
    STUDIES,
    WORK,
    answers_for,
    followed_up,
    generate_cohort,
    load_indicator_survey,
    supports_for,
)
from .registers import load_deviations

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
