"""What Södra Vätterbygden's interventions write about their year in the documents, as the
intervention staff of a real federation would: the annual report's chapters of 2024 (and
Enter's of 2023, from which its 2024 text started), an interim report's and the plan's.
Invented prose around the demo's own figures."""

from federations.models import Federation
from interventions.models import Intervention
from reporting.models import InterventionText

from .federations import SV, upsert

APPROVED, READY, DRAFT = (
    InterventionText.Status.APPROVED,
    InterventionText.Status.READY,
    InterventionText.Status.DRAFT,
)

TEXTS = [
    (
        "Enter",
        "annual",
        2023,
        APPROVED,
        {
            "results": "Enter arbetade under året med unga vuxna som står långt från arbetsmarknaden. Fler deltagare "
            "än planerat skrevs in under hösten.",
            "went_well": "Samarbetet med Arbetsförmedlingens handläggare i Jönköping fungerade väl.",
            "went_badly": "Väntetiden till första samtal blev för lång under sommaren.",
            "gender_equality": "Kvinnor och män remitterades i ungefär lika stor utsträckning.",
            "changes": "",
        },
    ),
    (
        "Enter",
        "annual",
        2024,
        APPROVED,
        {
            "results": "Enter arbetade under året med unga vuxna som står långt från arbetsmarknaden. Insatsen nådde "
            "nästan sitt budgeterade antal deltagare och fler än tidigare gick vidare till arbete eller studier.",
            "went_well": "Samarbetet med Arbetsförmedlingens handläggare i Jönköping och Habo fungerade väl, och de "
            "gemensamma kartläggningssamtalen kortade tiden till första insats.",
            "went_badly": "Praktikplatser i Habo var svåra att hitta under våren.",
            "gender_equality": "Kvinnor och män remitterades i ungefär lika stor utsträckning. Män avslutade oftare "
            "till arbete, kvinnor oftare till studier; teamet följer upp varför.",
            "changes": "Från hösten har insatsen en arbetsspecialist på heltid i stället för halvtid.",
        },
    ),
    (
        "NOVA – Stöd i förändring",
        "annual",
        2024,
        READY,
        {
            "results": "NOVA gav stöd till personer med långvarig sjukskrivning inför återgång i arbete.",
            "went_well": "Deltagarna beskriver i enkäten att de blivit bemötta med respekt.",
            "went_badly": "Få deltagare remitterades från regionens vårdcentraler.",
            "gender_equality": "Fyra av fem deltagare var kvinnor, som i målgruppen.",
            "changes": "",
        },
    ),
    (
        "BIP/SKAPA",
        "annual",
        2024,
        APPROVED,
        {
            "results": "Två utbildningstillfällen i SKAPA hölls för medarbetare hos medlemmarna.",
            "went_well": "Medarbetare från fyra medlemmar deltog i båda stegen.",
            "went_badly": "",
            "gender_equality": "",
            "changes": "",
        },
    ),
    (
        "Enter",
        "interim",
        2024,
        APPROVED,
        {
            "results": "Under första halvåret skrevs fler deltagare in än under samma period förra året.",
            "went_well": "",
            "went_badly": "Praktikplatser i Habo var svåra att hitta.",
            "changes": "",
        },
    ),
    (
        "Enter",
        "plan",
        2025,
        DRAFT,
        {
            "results": "Enter ska ta emot 75 deltagare under året; minst 35 procent av dem som avslutas ska gå till "
            "arbete eller studier.",
            "gender_equality": "Insatsen följer upp avslut till arbete och studier per kön varje kvartal.",
            "changes": "",
        },
    ),
]


def load_demo():
    federation = Federation.objects.get(slug=SV)
    for name, document, year, status, sections in TEXTS:
        upsert(
            InterventionText,
            {
                "federation": federation,
                "intervention": Intervention.objects.get(name=name),
                "document": document,
                "year": year,
            },
            status=status,
            **sections,
        )
