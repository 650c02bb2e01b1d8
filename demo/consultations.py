"""The demo county's member consultations of 2024 and 2025 and its convener rotation.

The rotation, the 2025 agenda and the positions of 2024 are the seed deck's
(shared/seeds/medlemssamrad-2025-deck.txt). Invented: the places, the follow-up texts, the
position proposed in 2025 and the dates of each convener term within its year. The seed
prints the 2025 meeting as "28 februari 2028"; it shows the figures of 2024, so 2025.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from consultations.models import AgendaItem, Consultation, ConvenerTerm, CountyRole, Position
from federations.models import County, Federation, MemberOrganisation

from .federations import DEMO_PASSWORD, upsert

ROTATION = [
    # term, starts on, convener, together with (short names)
    ("2015", date(2015, 1, 1), "Jönköping", None),
    ("2016", date(2016, 1, 1), "Sävsjö", None),
    ("2017", date(2017, 1, 1), "Värnamo", None),
    ("2018", date(2018, 1, 1), "FK", "AF"),
    ("2019", date(2019, 1, 1), "AF", "FK"),
    ("2020", date(2020, 1, 1), "RJL", None),
    ("2021", date(2021, 1, 1), "Nässjö", None),
    ("2022", date(2022, 1, 1), "Gislaved", None),
    ("2022-23", date(2022, 7, 1), "Vaggeryd", None),
    ("2023-24", date(2023, 7, 1), "AF", None),
    ("2024-25", date(2024, 7, 1), "Tranås", None),
]

AGENDA_2025 = [
    "Val av justerare",
    "Redovisning av de tre förbundens verksamhet och resultat",
    "Uppföljning från förra mötets ställningstaganden",
    "RISE – ekonomisk modell för stegförflyttning",
    "IT-spåret",
    "Övriga frågor",
    "Nästa medlemssamråd och val av ordförande",
]

POSITIONS_2024 = [
    (
        "Fokus på samverkan runt unga som varken arbetar eller studerar (UVAS) – MUCF 16–24 år, 25–29 år.",
        "Förbunden har kartlagt insatserna för unga 16–29 år; Samverkansteam Finnveden riktar sig främst "
        "till 16–29 år.",
    ),
    (
        "Effektutvärdering och uppföljning av finansierade insatser.",
        "NOVA, Enter och FIA genomlystes 2024 med extern konsult; indikatorenkäten används i alla insatser.",
    ),
]

PROPOSED_2025 = [
    "IT-spåret: förbunden prövar fortsatt finansiering från 2026 inom befintliga ramar, högst tre år.",
]

OTHER_BUSINESS_2025 = (
    "Samråd med riksdagspolitiker på länsbänken: förnyad lagstiftning, Kriminalvården som medlem, "
    "förenklad organisation och administration, ökad budget till förbunden, nationellt uppföljningssystem."
)


@transaction.atomic
def load_demo():
    """Load the consultations; returns the credentials of the county's reader."""
    county = County.objects.get(slug="jonkopings-lan")
    organisations = {o.label: o for o in MemberOrganisation.objects.filter(county=county)}
    terms = {
        term: upsert(
            ConvenerTerm,
            {"county": county, "starts_on": starts_on},
            term=term,
            convener=organisations[convener],
            co_convener=organisations[co_convener] if co_convener else None,
        )
        for term, starts_on, convener, co_convener in ROTATION
    }
    federations = list(Federation.objects.filter(county=county))
    earlier = upsert(
        Consultation,
        {"county": county, "held_on": date(2024, 2, 23)},
        place="Nässjö",
        year=2023,
        convener=terms["2023-24"],
    )
    earlier.federations.set(federations)
    for text, follow_up in POSITIONS_2024:
        upsert(Position, {"consultation": earlier, "text": text}, status=Position.Status.ADOPTED, follow_up=follow_up)
    consultation = upsert(
        Consultation,
        {"county": county, "held_on": date(2025, 2, 28)},
        place="Tranås",
        year=2024,
        convener=terms["2024-25"],
        other_business=OTHER_BUSINESS_2025,
        next_meeting="Februari 2026",
    )
    consultation.federations.set(federations)
    for position, title in enumerate(AGENDA_2025, start=1):
        upsert(AgendaItem, {"consultation": consultation, "position": position}, title=title)
    for text in PROPOSED_2025:
        upsert(Position, {"consultation": consultation, "text": text}, status=Position.Status.PROPOSED)
    User = get_user_model()
    reader = User.objects.filter(username="samrad").first() or User(username="samrad")
    if not reader.pk:
        reader.first_name, reader.last_name = "Sam", "Rådsson"
        reader.set_password(DEMO_PASSWORD)
        reader.save()
    upsert(CountyRole, {"user": reader, "county": county}, kind=CountyRole.Kind.READER)
    return [("samrad", DEMO_PASSWORD, CountyRole.Kind.READER.label, county.slug)]
