"""Demo data: the three coordination federations of Jönköping county.

Organisations, municipalities, memberships and the chairs' appointing members are the
real ones (the 2025 member consultation); people's names are invented, and so are the
organisation numbers and founding dates where the documents do not give them.
Loading is idempotent: a record is looked up by its natural key, created when missing,
and saved only when something differs, so a second run changes nothing.
"""

import itertools
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from federations.models import (
    BoardSeat,
    County,
    Federation,
    GoverningDocument,
    GroupMembership,
    Meeting,
    MeetingCount,
    MeetingDecision,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Population,
    Role,
    StaffPost,
)

DEMO_PASSWORD = "finsam-demo-2026"
# The reason the history gives for every demo record, as a reader sees it.
CHANGE_REASON = "Demodata"
SV, HL, FV = "sodra-vatterbygden", "hoglandet", "finnveden"  # the federations' slugs

# Population on 1 July 2023; earlier and later years are derived with a small growth.
# The three Finnveden municipalities are in the proportions of their 2021 contributions.
MUNICIPALITIES = {
    "Habo": ("0643", 12_714),
    "Jönköping": ("0680", 144_414),
    "Mullsjö": ("0642", 7_356),
    "Vaggeryd": ("0665", 14_277),
    "Aneby": ("0604", 6_875),
    "Eksjö": ("0686", 17_904),
    "Nässjö": ("0682", 31_845),
    "Sävsjö": ("0684", 11_380),
    "Tranås": ("0687", 19_473),
    "Vetlanda": ("0685", 27_930),
    "Gislaved": ("0662", 29_830),
    "Gnosjö": ("0617", 9_680),
    "Värnamo": ("0683", 34_397),
}
POPULATION_YEARS = range(2019, 2027)
GROWTH_PER_YEAR = 0.004


@dataclass(frozen=True)
class FederationSpec:
    slug: str
    name: str
    short_name: str
    organisation_number: str
    founded_on: date
    vision: str
    municipalities: tuple
    chair_from: str  # short name of the chair's appointing member (2025 member consultation)
    vice_chair_from: str
    late_joiners: tuple = ()  # municipalities that joined after the founding
    late_joined_on: date | None = None


FEDERATIONS = [
    FederationSpec(
        slug="sodra-vatterbygden",
        name="Samordningsförbundet Södra Vätterbygden",
        short_name="SV",
        organisation_number="222000-1891",
        founded_on=date(2007, 3, 1),
        vision="Alla som kan och vill ska få möjlighet att komma i arbete eller studier.",
        municipalities=("Habo", "Jönköping", "Mullsjö", "Vaggeryd"),
        chair_from="RJL",
        vice_chair_from="Habo",
        late_joiners=("Habo", "Mullsjö", "Vaggeryd"),
        late_joined_on=date(2011, 5, 1),
    ),
    FederationSpec(
        slug="hoglandet",
        name="Höglandets samordningsförbund",
        short_name="Höglandet",
        organisation_number="222000-2030",
        founded_on=date(2008, 1, 1),
        vision="Ett Höglandet där alla får rätt stöd i rätt tid, tillsammans.",
        municipalities=("Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"),
        chair_from="Aneby",
        vice_chair_from="Tranås",
    ),
    FederationSpec(
        slug="finnveden",
        name="Finnvedens samordningsförbund",
        short_name="Finnveden",
        organisation_number="222000-2196",
        founded_on=date(2009, 1, 1),
        vision="Plats för alla! Ingen ska hamna mellan stolarna. Varje människa ska kunna leva ett gott liv.",
        municipalities=("Gislaved", "Gnosjö", "Värnamo"),
        chair_from="Gislaved",
        vice_chair_from="RJL",
    ),
]

TERM = (date(2023, 1, 1), date(2026, 12, 31))
PREVIOUS_TERM = (date(2019, 1, 1), date(2022, 12, 31))

FIRST_NAMES = [
    "Anna",
    "Lars",
    "Karin",
    "Mikael",
    "Eva",
    "Johan",
    "Maria",
    "Anders",
    "Sara",
    "Per",
    "Lena",
    "Erik",
    "Kristina",
    "Magnus",
    "Helena",
    "Fredrik",
    "Ingrid",
    "Jonas",
    "Elin",
    "Stefan",
    "Ulrika",
    "Henrik",
    "Camilla",
    "Niklas",
    "Annika",
    "Tobias",
    "Malin",
    "Patrik",
    "Sofia",
    "Daniel",
]
SURNAMES = [
    "Lindqvist",
    "Bergström",
    "Holmgren",
    "Sandberg",
    "Ekström",
    "Wallin",
    "Nyberg",
    "Engström",
    "Hedlund",
    "Sjöberg",
    "Lundgren",
    "Björk",
    "Forsberg",
    "Åkesson",
    "Blom",
    "Dahlgren",
    "Strand",
    "Löfgren",
    "Nordin",
    "Falk",
    "Hallberg",
    "Östlund",
    "Mattsson",
    "Ivarsson",
    "Granath",
]

USERS = [
    # username, first name, last name, role, federation slugs
    ("kansli", "Kim", "Kanslist", Role.Kind.OFFICE, ("sodra-vatterbygden", "hoglandet", "finnveden")),
    ("insats", "Ina", "Insatsson", Role.Kind.INTERVENTION, ("sodra-vatterbygden",)),
    ("styrelse", "Stina", "Styrén", Role.Kind.BOARD, ("sodra-vatterbygden",)),
    ("revisor", "Rolf", "Revisorsson", Role.Kind.AUDITOR, ("sodra-vatterbygden", "hoglandet", "finnveden")),
]


def upsert(model, lookup, **values):
    """Create or update one record, running the model's own validation, and saving
    only when something changed so that a re-run leaves no history behind."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance, changed = model(**lookup, **values), True
    else:
        changed = any(getattr(instance, name) != value for name, value in values.items())
        for name, value in values.items():
            setattr(instance, name, value)
    if changed:
        instance.full_clean()
        instance._change_reason = CHANGE_REASON
        instance.save()
    return instance


class NameBook:
    """Hands out invented names, each once."""

    def __init__(self):
        pairs = itertools.product(range(len(FIRST_NAMES)), range(len(SURNAMES)))
        self._names = (
            f"{FIRST_NAMES[i]} {SURNAMES[(i * 7 + j) % len(SURNAMES)]}"
            for i, j in sorted(pairs, key=lambda p: (p[1], p[0]))
        )

    def next(self):
        return next(self._names)


@transaction.atomic
def load_demo():
    """Load the demo; returns the demo users' credentials as (username, password, role)."""
    county = upsert(County, {"slug": "jonkopings-lan"}, name="Jönköpings län")
    municipalities = load_municipalities(county)
    shared = {
        "FK": upsert(
            MemberOrganisation,
            {"county": county, "name": "Försäkringskassan"},
            kind=MemberOrganisation.Kind.SOCIAL_INSURANCE,
            short_name="FK",
        ),
        "AF": upsert(
            MemberOrganisation,
            {"county": county, "name": "Arbetsförmedlingen"},
            kind=MemberOrganisation.Kind.EMPLOYMENT_SERVICE,
            short_name="AF",
        ),
        "RJL": upsert(
            MemberOrganisation,
            {"county": county, "name": "Region Jönköpings län"},
            kind=MemberOrganisation.Kind.REGION,
            short_name="RJL",
        ),
    }
    municipal_members = {
        name: upsert(
            MemberOrganisation,
            {"county": county, "name": municipal_name(name)},
            kind=MemberOrganisation.Kind.MUNICIPALITY,
            short_name=name,
            municipality=municipality,
        )
        for name, municipality in municipalities.items()
    }
    names = NameBook()
    federations = {}
    chief = _person(county, names, "Förbundschef, SV och Finnveden", None, "Förbundschef")
    for spec in FEDERATIONS:
        federation = upsert(
            Federation,
            {"slug": spec.slug},
            county=county,
            name=spec.name,
            short_name=spec.short_name,
            organisation_number=spec.organisation_number,
            founded_on=spec.founded_on,
            vision=spec.vision,
        )
        federations[spec.slug] = federation
        members = dict(shared) | {name: municipal_members[name] for name in spec.municipalities}
        for short_name, organisation in members.items():
            joined = spec.late_joined_on if short_name in spec.late_joiners else spec.founded_on
            upsert(Membership, {"federation": federation, "organisation": organisation, "starts_on": joined})
        load_board(federation, spec, members, names)
        load_groups(federation, spec, members, names)

    load_staff(federations, chief, names, county)
    load_meetings(federations)
    load_governing_documents(federations)
    return load_users(federations)


GOVERNING_DOCUMENTS = [
    (GoverningDocument.Kind.INTERNAL_CONTROL, "Internkontrollplan 2025", date(2024, 12, 12), date(2025, 12, 11)),
    (GoverningDocument.Kind.GENDER_EQUALITY, "Plan för jämställdhetsintegrering", date(2023, 2, 16), date(2026, 2, 15)),
]


def load_governing_documents(federations):
    """Each federation's internal control and gender-equality plans, with a one-page PDF
    standing in for the adopted file. Without Pango (README, "System libraries") WeasyPrint
    cannot run, and the demo goes without them rather than fail."""
    try:
        import weasyprint
    except OSError:
        return

    for federation in federations.values():
        if GoverningDocument.objects.filter(federation=federation).exists():
            continue
        for kind, title, adopted_on, next_review_on in GOVERNING_DOCUMENTS:
            content = weasyprint.HTML(
                string=f"<h1>{title}</h1><p>{federation.name}, fastställd av styrelsen {adopted_on}.</p>"
            ).write_pdf()
            GoverningDocument.objects.create(
                federation=federation,
                kind=kind,
                title=title,
                adopted_on=adopted_on,
                next_review_on=next_review_on,
                filename=f"{slugify(title)}.pdf",
                content=content,
            )


# The board's meetings of 2024 and 2025 (invented dates in the usual rhythm: the annual
# report in March, the business plan in November), each with the standing paragraphs;
# the adjusted minutes are kept for 2025's (a one-page PDF standing in for them).
BOARD_MEETINGS = [
    date(2024, 2, 15),
    date(2024, 3, 21),
    date(2024, 5, 16),
    date(2024, 9, 19),
    date(2024, 11, 21),
    date(2024, 12, 12),
    date(2025, 2, 13),
    date(2025, 3, 20),
    date(2025, 5, 15),
    date(2025, 9, 18),
    date(2025, 11, 20),
]
STANDING_PARAGRAPHS = ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Förbundschefens rapport"]
MATTERS = {
    3: ("Årsredovisning {previous}", "Styrelsen fastställer årsredovisningen för {previous}."),
    9: ("Delårsrapport per den 31 augusti", "Styrelsen godkänner delårsrapporten."),
    11: ("Verksamhetsplan och budget {next}", "Styrelsen fastställer verksamhetsplan med budget för {next}."),
}


def load_meetings(federations):
    # The years before the register, as an office records them at onboarding.
    for federation in federations.values():
        upsert(
            MeetingCount,
            {"federation": federation, "year": 2023, "body": Meeting.Body.BOARD},
            count=7,
            note="Protokollen finns i pärm på kansliet.",
        )
    for federation in federations.values():
        if Meeting.objects.filter(federation=federation).exists():
            continue
        for held_on in BOARD_MEETINGS:
            meeting = Meeting.objects.create(
                federation=federation,
                body=Meeting.Body.BOARD,
                held_on=held_on,
                place=f"{federation.short_name}s kansli",
                agenda="\n".join(STANDING_PARAGRAPHS + ["Övriga frågor", "Nästa möte"]),
            )
            seats = BoardSeat.objects.filter(
                federation=federation, kind=BoardSeat.Kind.ORDINARY, starts_on__lte=held_on
            )
            meeting.attendees.set(
                Person.objects.filter(pk__in=seats.filter(Q(ends_on=None) | Q(ends_on__gte=held_on)).values("person"))
            )
            paragraphs = [(title, "") for title in STANDING_PARAGRAPHS]
            if held_on.month in MATTERS:
                title, decision = MATTERS[held_on.month]
                years = {"previous": held_on.year - 1, "next": held_on.year + 1}
                paragraphs.append((title.format(**years), decision.format(**years)))
            MeetingDecision.objects.bulk_create(
                MeetingDecision(meeting=meeting, paragraph=number, title=title, decision=decision)
                for number, (title, decision) in enumerate(paragraphs, start=1)
            )
    load_minutes(federations)


def load_minutes(federations):
    """2025's minutes, as PDF; without Pango the meetings go without (see below)."""
    try:
        import weasyprint
    except OSError:
        return
    for meeting in Meeting.objects.filter(federation__in=federations.values(), held_on__year=2025, minutes_filename=""):
        paragraphs = "".join(f"<p>§ {d.paragraph} {d.title}</p>" for d in meeting.decisions.all())
        meeting.minutes = weasyprint.HTML(
            string=f"<h1>Protokoll, {meeting}</h1><p>{meeting.federation.name}</p>{paragraphs}"
        ).write_pdf()
        meeting.minutes_filename = f"protokoll-{meeting.held_on.isoformat()}.pdf"
        meeting.save()


def municipal_name(name):
    # Swedish genitive: "Jönköpings kommun", but "Habo kommun", "Mullsjö kommun".
    return f"{name} kommun" if name[-1] in "sox" or name.endswith("ö") else f"{name}s kommun"


def load_municipalities(county):
    municipalities = {}
    for name, (code, inhabitants_2023) in MUNICIPALITIES.items():
        municipality = upsert(Municipality, {"code": code}, county=county, name=name)
        for year in POPULATION_YEARS:
            inhabitants = round(inhabitants_2023 * (1 + GROWTH_PER_YEAR) ** (year - 2023))
            upsert(Population, {"municipality": municipality, "year": year}, inhabitants=inhabitants)
        municipalities[name] = municipality
    return municipalities


def _person(county, names, key, organisation, title):
    """A demo person, found again by the key kept in an invented e-mail address. The
    name book hands out names in the same order on every run, so names stay put."""
    email = f"{slugify(key)}@demo.finsam.invalid"
    return upsert(Person, {"county": county, "email": email}, name=names.next(), organisation=organisation, title=title)


def load_board(federation, spec, members, names):
    for term_index, (starts_on, ends_on) in enumerate([PREVIOUS_TERM, TERM]):
        chair_from, vice_from = (spec.chair_from, spec.vice_chair_from) if term_index else (spec.vice_chair_from, "FK")
        for short_name, organisation in members.items():
            for kind in BoardSeat.Kind:
                key = f"{spec.slug} board {starts_on.year} {short_name} {kind}"
                title = "Förtroendevald" if organisation.kind in {"region", "municipality"} else "Tjänsteperson"
                member = _person(federation.county, names, key, organisation, title)
                office = ""
                if kind == BoardSeat.Kind.ORDINARY:
                    office = {chair_from: BoardSeat.Office.CHAIR, vice_from: BoardSeat.Office.VICE_CHAIR}.get(
                        short_name, ""
                    )
                upsert(
                    BoardSeat,
                    {"federation": federation, "appointed_by": organisation, "kind": kind, "starts_on": starts_on},
                    person=member,
                    ends_on=ends_on,
                    office=office,
                )


def load_groups(federation, spec, members, names):
    starts_on = TERM[0]
    for short_name, organisation in members.items():
        for is_deputy in (False, True):
            key = f"{spec.slug} preparatory {short_name} {'deputy' if is_deputy else 'ordinary'}"
            official = _person(federation.county, names, key, organisation, "Tjänsteperson")
            upsert(
                GroupMembership,
                {
                    "federation": federation,
                    "group": GroupMembership.Group.PREPARATORY_GROUP,
                    "person": official,
                    "starts_on": starts_on,
                },
                representing=organisation,
                is_deputy=is_deputy,
                ends_on=TERM[1],
            )
    for seat in BoardSeat.objects.filter(federation=federation, starts_on=starts_on).exclude(office=""):
        upsert(
            GroupMembership,
            {
                "federation": federation,
                "group": GroupMembership.Group.WORKING_COMMITTEE,
                "person": seat.person,
                "starts_on": starts_on,
            },
            representing=seat.appointed_by,
            role=seat.get_office_display(),
            ends_on=TERM[1],
        )


def load_staff(federations, chief, names, county):
    since = date(2015, 1, 1)
    sv, hoglandet, finnveden = federations["sodra-vatterbygden"], federations["hoglandet"], federations["finnveden"]
    upsert(
        StaffPost,
        {"federation": sv, "person": chief, "starts_on": since},
        title=StaffPost.Title.CHIEF,
        share_percent=65,
    )
    upsert(
        StaffPost,
        {"federation": finnveden, "person": chief, "starts_on": since},
        title=StaffPost.Title.CHIEF,
        share_percent=35,
        note="Köps från Samordningsförbundet Södra Vätterbygden",
    )
    for federation, key, title in [
        (hoglandet, "Förbundschef, Höglandet", StaffPost.Title.CHIEF),
        (sv, "Verksamhetsutvecklare, SV", StaffPost.Title.DEVELOPMENT_OFFICER),
        (finnveden, "Verksamhetsutvecklare, Finnveden", StaffPost.Title.DEVELOPMENT_OFFICER),
    ]:
        person = _person(county, names, key, None, StaffPost.Title(title).label)
        upsert(
            StaffPost, {"federation": federation, "person": person, "starts_on": since}, title=title, share_percent=100
        )
    for federation in federations.values():
        chief_post = StaffPost.objects.filter(federation=federation, title=StaffPost.Title.CHIEF).first()
        upsert(
            GroupMembership,
            {
                "federation": federation,
                "group": GroupMembership.Group.WORKING_COMMITTEE,
                "person": chief_post.person,
                "starts_on": TERM[0],
            },
            role=StaffPost.Title.CHIEF.label,
            ends_on=TERM[1],
        )


def link_board_member(federation, user):
    """The board member who signs with ``user``: the federation's chair of 2024, so that the
    demo's board login can sign the annual report once it is adopted."""
    chair = (
        BoardSeat.objects.filter(federation=federation, office=BoardSeat.Office.CHAIR)
        .current_in(2024)
        .select_related("person")
        .first()
    )
    if chair and chair.person.user_id != user.pk:
        upsert(Person, {"pk": chair.person.pk}, user=user)


def load_users(federations):
    User = get_user_model()
    credentials = []
    for username, first_name, last_name, kind, slugs in USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first_name, last_name
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        for slug in slugs:
            # The office staff administer their federations' users (access/).
            upsert(
                Role,
                {"user": user, "federation": federations[slug]},
                kind=kind,
                is_administrator=kind == Role.Kind.OFFICE,
            )
        credentials.append((username, DEMO_PASSWORD, Role.Kind(kind).label, ", ".join(slugs)))
    link_board_member(federations["sodra-vatterbygden"], User.objects.get(username="styrelse"))
    admin = User.objects.filter(username="admin").first() or User(username="admin", is_staff=True, is_superuser=True)
    if not admin.pk or not admin.check_password(DEMO_PASSWORD):
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    credentials.append(("admin", DEMO_PASSWORD, "Superuser (/admin/)", "all"))
    return credentials
