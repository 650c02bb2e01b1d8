"""What Södra Vätterbygden's interventions write about their year in the documents, as the
intervention staff of a real federation would: the annual report's chapters of 2024 (and
Enter's of 2023, from which its 2024 text started), an interim report's and the plan's.
And the federation's own sections of those documents. Invented prose, written as a real
federation would."""

from federations.models import Federation
from interventions.models import Intervention
from reporting.models import AnnualReportText, BusinessPlanText, InterimReportText, InterventionText

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
            "results": "Enter arbetade under året med unga vuxna som står långt från arbetsmarknaden. Insatsen tog "
            "emot fler deltagare än budgeterat, och fler än tidigare gick vidare till arbete eller studier.",
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
        "NOVA – Stöd i förändring",
        "interim",
        2024,
        APPROVED,
        {
            "results": "NOVA har under våren haft gruppträffar två gånger i veckan och enskilda samtal däremellan.",
            "went_well": "Deltagarna kommer regelbundet till gruppträffarna.",
            "went_badly": "Remisserna från vårdcentralerna har fortsatt varit få.",
            "changes": "",
        },
    ),
    (
        "Funktionsnedsatta i arbete",
        "interim",
        2024,
        APPROVED,
        {
            "results": "FIA har fortsatt att matcha deltagare mot arbetsgivare med stöd av lönebidrag.",
            "went_well": "Två nya arbetsgivare i Habo har tagit emot deltagare.",
            "went_badly": "",
            "changes": "",
        },
    ),
    (
        "NOVA – Stöd i förändring",
        "plan",
        2025,
        READY,
        {
            "results": "NOVA ska ge stöd i grupp och enskilt till personer med långvarig sjukskrivning, med målet att "
            "fler ska gå vidare till arbetslivsinriktad rehabilitering eller arbete.",
            "gender_equality": "Insatsen ska nå fler män i målgruppen genom remisser från Arbetsförmedlingen.",
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
    load_document_texts(federation)


# The federation's own words around the figures, for Södra Vätterbygden's annual report of
# 2024, interim report of 2024 and business plan of 2025, with the sections the real
# documents have. No figure is written in them: the tables beside them hold the figures.
ANNUAL_2024 = {
    "foreword": "Året har präglats av samverkan i en tid av förändring. Arbetsförmedlingens nya uppdrag och "
    "regionens omställning har ställt krav på oss alla, och förbundet har varit en plats där parterna kunnat "
    "mötas kring dem som behöver stöd från fler än en av oss.\n\nTack till alla medarbetare i insatserna och "
    "till ledamöterna i styrelsen och beredningsgruppen för ett engagerat arbete.",
    "mission": "Samordningsförbundet Södra Vätterbygden bildades 2007 med stöd av lagen (2003:1210) om "
    "finansiell samordning inom rehabiliteringsområdet. Medlemmar är Försäkringskassan, Arbetsförmedlingen, "
    "Region Jönköpings län samt Habo, Jönköpings, Mullsjö och Vaggeryds kommuner. Staten bidrar med hälften av "
    "medlen, regionen och kommunerna med en fjärdedel var.",
    "important_conditions": "Arbetsförmedlingens förändrade arbetssätt har påverkat remissflödet till de "
    "individinriktade insatserna. Förbundet har under året fört en dialog med parterna om hur remisser ska "
    "nå insatserna.",
    "participant_analysis": "De flesta deltagare har haft offentlig försörjning i flera år innan de kom till "
    "insatserna. Många avslutades med en plan för fortsatt stöd hos någon av parterna, och insatserna följer "
    "upp dem sex och tolv månader efter avslut.",
    "gender_equality": "Kvinnor och män deltar i ungefär lika stor utsträckning, men kvinnor går i högre grad "
    "till studier och män oftare till arbete. Insatserna följer upp skillnaden per kön varje kvartal.",
    "indicator_analysis": "Deltagarna ger insatserna höga omdömen om bemötande och delaktighet. Styrelsens och "
    "beredningsgruppens svar visar att samverkan upplevs som förankrad hos parterna.",
    "structural_work": "Förbundet har under året erbjudit medarbetare hos medlemmarna utbildning i SKAPA och "
    "medverkat i länets ESF-projekt Räkna med oss! tillsammans med Höglandets samordningsförbund.",
    "personnel": "Förbundet har en förbundschef och en processledare som delas med de andra två förbunden i länet.",
    "expected_development": "Under kommande år fortsätter förbundet att utveckla insatserna för unga vuxna och "
    "att följa upp deltagarna sex och tolv månader efter avslut, nu när den nationella uppföljningen inte längre "
    "samlar uppgifter om enskilda.",
}
INTERIM_2024 = {
    "summary": "Första halvåret har insatserna tagit emot fler deltagare än under samma period förra året, och "
    "prognosen för helåret visar ett resultat i nivå med budget.",
    "introduction": "Delårsrapporten redovisar förbundets verksamhet och ekonomi under årets första del.",
    "interventions": "Insatserna har arbetat enligt plan. Enter har förstärkts med en arbetsspecialist.",
    "cooperation": "Beredningsgruppen har följt insatserna vid varje möte, och parterna har tillsammans sett över "
    "hur remisserna till Enter och NOVA ska gå till.",
    "county_cooperation": "Länets tre förbund har gemensamt planerat medlemssamrådet, utbildningen i SKAPA och "
    "länets ESF-projekt Räkna med oss!, och delar verksamhetsutvecklare och ekonomitjänster.",
    "office": "Kansliet har infört finsam för registrering av deltagare och uppföljning.",
}
PLAN_2025 = {
    "introduction": "Verksamhetsplanen beskriver vad förbundet ska göra under året och hur medlen fördelas.",
    "mission": "Förbundet ska genom samverkan bidra till att individer i behov av samordnade insatser uppnår "
    "eller förbättrar sin förmåga att arbeta eller studera. Visionen är att ingen ska falla mellan stolarna.",
    "target_group": "Personer i arbetsför ålder som behöver stöd från minst två av parterna.",
    "direction": "Förbundet prioriterar unga vuxna och personer med lång tid i offentlig försörjning.",
    "organisation": "Styrelsen har en ledamot och en ersättare från varje medlem. Beredningsgruppen bereder "
    "styrelsens ärenden; kansliet delas med länets andra förbund.",
    "activities": "Förbundet finansierar individinriktade insatser och strukturövergripande insatser som "
    "stärker samverkan mellan parterna.",
    "intervention_goals": "Varje insats har mål för deltagarnas väg till arbete eller studier och för deras "
    "upplevelse av stödet.",
    "structural_work": "Kompetensutveckling i SKAPA och deltagande i länets ESF-projekt fortsätter.",
    "financial_goals": "Det egna kapitalet ska inte överstiga rekommendationen och medlen ska i huvudsak gå "
    "till insatser.",
    "money": "Budgeten bygger på oförändrade medlemsbidrag och ett planerat nyttjande av det egna kapitalet.",
}


def load_document_texts(federation):
    for model, year, texts in (
        (AnnualReportText, 2024, ANNUAL_2024),
        (InterimReportText, 2024, INTERIM_2024),
        (BusinessPlanText, 2025, PLAN_2025),
    ):
        upsert(model, {"federation": federation, "year": year}, **texts)
