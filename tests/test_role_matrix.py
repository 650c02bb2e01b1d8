"""The role matrix: every federation URL × every role → allowed, forbidden or not found.

The URLs are read from the URL configuration, so a new URL without a rule here fails.
"""

from datetime import date, timedelta

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from access.models import AccessLink
from federations.diary import register
from federations.models import (
    BoardSeat,
    FiscalYear,
    GoverningDocument,
    GroupMembership,
    ImportBatch,
    Meeting,
    MeetingCount,
    MemberOrganisation,
    Membership,
    Municipality,
    Person,
    Role,
    StaffPost,
)
from finances.models import Budget
from interventions.models import (
    Application,
    Deviation,
    Funding,
    GrantDecision,
    InterventionAssignment,
    Participant,
    Referral,
    SupplementaryQuestion,
)
from reporting.models import SocioEconomicModel

READ = "read"  # every role of the federation
EDIT = "edit"  # office staff only
HISTORY = "history"  # office staff and auditors
PARTICIPANTS = "participants"  # office staff, and intervention staff in their own interventions
ACTION = "action"  # office staff only, and only by POST: a GET is not allowed
MINUTES = "minutes"  # office staff, board and auditors: not intervention staff
SIGN = "sign"  # every role of the federation, by POST only: the view checks the signer's seat
ADMINISTER = "administer"  # the federation's administrators only, whom the cast has none of (tests/access/)

RULES = {
    "federations:detail": READ,
    "federations:edit": EDIT,
    "federations:history": HISTORY,
    "federations:governingdocument-file": READ,
    "federations:meeting-minutes": MINUTES,
}
for name in [
    "membership",
    "boardseat",
    "groupmembership",
    "staffpost",
    "fiscalyear",
    "person",
    "memberorganisation",
    "municipality",
    "diaryentry",
    "governingdocument",
    "meeting",
    "meetingcount",
]:
    RULES |= {f"federations:{name}-list": READ, f"federations:{name}-new": EDIT, f"federations:{name}-edit": EDIT}
RULES["federations:boardseat-new-term"] = EDIT
RULES |= {
    "interventions:list": READ,
    "interventions:detail": READ,
    "interventions:new": EDIT,
    "interventions:edit": EDIT,
    "interventions:goal-new": EDIT,
    "interventions:goal-assess": EDIT,
    "interventions:plan-goals": READ,
    "interventions:plan-goal-new": EDIT,
    "interventions:plan-goal-assess": EDIT,
    "interventions:participant-list": PARTICIPANTS,
    "interventions:follow-ups": PARTICIPANTS,
    "interventions:participant-new": PARTICIPANTS,
    "interventions:participant-edit": PARTICIPANTS,
    "interventions:participant-end": PARTICIPANTS,
    "interventions:participant-history": PARTICIPANTS,
    "interventions:participant-import": EDIT,
    "interventions:retention": EDIT,
    "interventions:processing": EDIT,
    "interventions:extract": EDIT,
    "interventions:deviation-list": READ,
    "interventions:structuralevent-list": READ,
    "interventions:structuralevent-new": EDIT,
    "interventions:structuralevent-edit": EDIT,
    "interventions:structuralevent-import": EDIT,
    "interventions:structuralevent-import-preview": EDIT,
    "interventions:referral-list": EDIT,
    "interventions:referral-new": EDIT,
    "interventions:referral-edit": EDIT,
    "interventions:referral-import": EDIT,
    "interventions:referral-import-preview": EDIT,
    "interventions:supplementaryquestion-list": READ,
    "interventions:supplementaryquestion-new": EDIT,
    "interventions:supplementaryquestion-edit": EDIT,
    "interventions:deviation-new": EDIT,
    "interventions:deviation-edit": EDIT,
    "interventions:application-list": READ,
    "interventions:application-new": EDIT,
    "interventions:application-edit": EDIT,
    "interventions:grantdecision-list": READ,
    "interventions:grantdecision-new": EDIT,
    "interventions:grantdecision-edit": EDIT,
    "interventions:participant-import-preview": EDIT,
    "interventions:survey": READ,
    "interventions:survey-edit": EDIT,
    "interventions:survey-import": EDIT,
    "interventions:survey-import-preview": EDIT,
    "finances:budget": READ,
    "finances:budget-edit": EDIT,
    "finances:column-new": EDIT,
    "finances:accounts": READ,
    "finances:balance-edit": EDIT,
    "finances:cost-allocation": EDIT,
    "finances:contributions": READ,
    "finances:import": EDIT,
    "finances:correction-new": EDIT,
    "reporting:statements-pdf": READ,
    "reporting:auditors": HISTORY,
    "reporting:past-year": EDIT,
    "reporting:national": HISTORY,
    "reporting:socioeconomicmodel-list": READ,
    "reporting:socioeconomicmodel-new": EDIT,
    "reporting:socioeconomicmodel-edit": EDIT,
    "reporting:dashboard": EDIT,
    "reporting:annual": READ,
    "reporting:annual-pdf": READ,
    "reporting:annual-texts": EDIT,
    "reporting:intervention-texts": PARTICIPANTS,  # the same roles write an intervention's texts
    "reporting:intervention-text": PARTICIPANTS,
    "reporting:annual-adopt": ACTION,
    "reporting:annual-sign": SIGN,
    "reporting:interim": READ,
    "reporting:interim-pdf": READ,
    "reporting:interim-adopt": ACTION,
    "reporting:interim-texts": EDIT,
    "reporting:plan-adopt": ACTION,
    "reporting:plan-texts": EDIT,
    "reporting:plan": READ,
    "reporting:plan-pdf": READ,
    "finances:import-preview": EDIT,
    "interventions:participant-import-move-start": ACTION,
    "federations:board-import": EDIT,
    "federations:board-import-preview": EDIT,
    "access:users": ADMINISTER,
    "access:invite": ADMINISTER,
    "access:link-issued": ADMINISTER,
    "access:role-edit": ADMINISTER,
    "access:role-end": ADMINISTER,
    "access:role-reset": ADMINISTER,
    "access:link-withdraw": ADMINISTER,
}

EXPECTED = {
    READ: {"office": 200, "intervention": 200, "board": 200, "auditor": 200},
    EDIT: {"office": 200, "intervention": 403, "board": 403, "auditor": 403},
    HISTORY: {"office": 200, "intervention": 403, "board": 403, "auditor": 200},
    PARTICIPANTS: {"office": 200, "intervention": 200, "board": 403, "auditor": 403},
    ACTION: {"office": 405, "intervention": 403, "board": 403, "auditor": 403},
    MINUTES: {"office": 200, "intervention": 403, "board": 200, "auditor": 200},
    SIGN: {"office": 405, "intervention": 405, "board": 405, "auditor": 405},
    ADMINISTER: {"office": 403, "intervention": 403, "board": 403, "auditor": 403},
}
OUTSIDERS = {"other_office": 404, "outsider": 404}
# Office staff in the other federation, intervention staff assigned to nothing here: in this
# federation they hold the rights of intervention staff, and the intervention the two
# federations share is not theirs.
MIXED_NOT_FOUND = {
    "interventions:detail",
    "reporting:intervention-text",
    "interventions:participant-edit",
    "interventions:participant-end",
    "interventions:participant-history",
}


def expected_answers(name):
    expected = EXPECTED[RULES[name]] | OUTSIDERS
    return expected | {"mixed": 404 if name in MIXED_NOT_FOUND else expected["intervention"]}


NAMESPACES = ["federations", "interventions", "finances", "reporting", "access"]


def url_names():
    """The federation pages of the URL configuration: those under /f/<slug>/."""
    resolver = get_resolver()
    return {
        f"{namespace}:{pattern.name}"
        for namespace in NAMESPACES
        for pattern in resolver.namespace_dict[namespace][1].url_patterns
        if "slug" in pattern.pattern.converters
    }


def test_every_federation_url_has_a_rule():
    assert url_names() == set(RULES)


def test_every_app_with_federation_pages_is_in_the_matrix():
    """The county's consultations have their own matrix, in tests/consultations/test_access.py."""
    namespaces = {name for name in get_resolver().namespace_dict if name not in ("admin", "consultations")}
    assert namespaces == set(NAMESPACES)


@pytest.fixture
def records(federation, other_federation, members, county, intervention, habo, office, intervention_staff):
    """One record of each kind in ``federation``, for the URLs that name one. The
    intervention is shared with the other federation."""
    Funding.objects.create(intervention=intervention, federation=other_federation)
    person = Person.objects.create(county=county, name="Board Member")
    this_year = timezone.localdate().year
    Budget.objects.create(federation=federation, year=this_year, scenario="actual", period_end=date(this_year, 12, 31))
    InterventionAssignment.objects.create(user=intervention_staff, intervention=intervention)
    participant = Participant.objects.create(
        intervention=intervention,
        code="E-1",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )
    application = Application.objects.create(
        federation=federation,
        diary_entry=register(federation, "application", "Ansökan: Enter", date(2025, 2, 3)),
        received_on=date(2025, 2, 3),
        title="Enter",
        intervention=intervention,
        amount_per_year=100000,
    )
    return {
        "federations:membership": Membership.objects.filter(federation=federation).first(),
        "federations:boardseat": BoardSeat.objects.create(
            federation=federation, person=person, appointed_by=members["FK"], starts_on=date(2023, 1, 1)
        ),
        "federations:groupmembership": GroupMembership.objects.create(
            federation=federation, group="preparatory_group", person=person, starts_on=date(2023, 1, 1)
        ),
        "federations:staffpost": StaffPost.objects.create(
            federation=federation, person=person, title="chief", share_percent=65, starts_on=date(2015, 1, 1)
        ),
        "federations:fiscalyear": FiscalYear.objects.create(federation=federation, year=2026),
        "reporting:past-year": FiscalYear.objects.create(
            federation=federation, year=2019, status="closed", adopted_on=date(2020, 3, 1)
        ),
        "federations:person": person,
        "federations:memberorganisation": members["RJL"],
        "federations:municipality": Municipality.objects.get(),
        "federations:governingdocument": GoverningDocument.objects.create(
            federation=federation,
            kind="communication",
            title="Kommunikationsplan",
            adopted_on=date(2024, 2, 1),
            filename="plan.pdf",
            content=b"%PDF-1.4 plan",
        ),
        "federations:diaryentry": register(federation, "application", "Ansökan IT-spåret", date(2025, 2, 3)),
        "federations:meeting": Meeting.objects.create(
            federation=federation, held_on=date(2025, 2, 13), minutes_filename="p.pdf", minutes=b"%PDF-1.4 minutes"
        ),
        "federations:meetingcount": MeetingCount.objects.create(federation=federation, year=2019, count=7),
        "reporting:socioeconomicmodel": SocioEconomicModel.objects.create(
            federation=federation,
            valid_from=date(2024, 1, 1),
            public_support=12000,
            administration=600,
            income_tax=6000,
            source="Länets förbund",
        ),
        "interventions:application": application,
        "interventions:grantdecision": GrantDecision.objects.create(
            federation=federation,
            application=application,
            decided_on=date(2025, 3, 20),
            diary_entry=register(federation, "decision", "Beslut: Enter", date(2025, 3, 20)),
            outcome="rejected",
            text="Avslag.",
            without_recommendation="Brådskande.",
        ),
        "interventions:detail": intervention,
        "reporting:intervention-text": intervention,
        "interventions:edit": intervention,
        "interventions:goal-new": intervention,
        "interventions:goal-assess": intervention,
        "interventions:participant": participant,
        "interventions:structuralevent": structural_event(federation),
        "interventions:referral": Referral.objects.create(
            federation=federation,
            intervention=intervention,
            code="V-1",
            gender="woman",
            municipality=participant.municipality,
            referred_on=date(2025, 2, 1),
        ),
        "interventions:supplementaryquestion": SupplementaryQuestion.objects.create(
            federation=federation,
            text="Hemmavarande barn?",
            column="fråga barn",
            answer_kind="yes_no",
            asked_at="enrolment",
            asked_from=date(2025, 1, 1),
        ),
        "interventions:deviation": Deviation.objects.create(
            federation=federation, occurred_on=date(2025, 3, 1), description="Remissen föll mellan stolarna."
        ),
        "finances:import-preview": ImportBatch.objects.create(
            federation=federation, kind="accounts", uploaded_by=office, filename="x.csv", content=b""
        ),
        "interventions:participant-import-preview": ImportBatch.objects.create(
            kind="participants", federation=federation, uploaded_by=office, filename="x.csv", content=b""
        ),
        "interventions:participant-import-move-start": ImportBatch.objects.create(
            kind="participants",
            federation=federation,
            uploaded_by=office,
            filename="x.csv",
            content=b"",
            suggestions=[{"kind": "move_start", "intervention": intervention.pk, "earliest": "2010-01-01"}],
        ),
        "interventions:survey-import-preview": ImportBatch.objects.create(
            kind="survey", federation=federation, uploaded_by=office, filename="x.csv", content=b""
        ),
        "interventions:referral-import-preview": ImportBatch.objects.create(
            kind="referrals", federation=federation, uploaded_by=office, filename="x.csv", content=b""
        ),
        "interventions:structuralevent-import-preview": ImportBatch.objects.create(
            kind="events", federation=federation, uploaded_by=office, filename="x.csv", content=b""
        ),
        "federations:board-import-preview": ImportBatch.objects.create(
            kind="board", federation=federation, uploaded_by=office, filename="x.csv", content=b""
        ),
        "access:role": Role.objects.get(user=office, federation=federation),
        "access:link": AccessLink.objects.create(
            federation=federation,
            purpose="invitation",
            name="Anna",
            kind="board",
            created_by=office,
            token_digest="0" * 64,
            expires_at=timezone.now() + timedelta(days=1),
        ),
    }


def structural_event(federation):
    from interventions.models import Funding, Intervention, StructuralEvent

    network = Intervention.objects.create(
        county=federation.county, name="Nätverket", kind="structural", starts_on=date(2024, 1, 1)
    )
    Funding.objects.create(intervention=network, federation=federation)
    event = StructuralEvent.objects.create(
        federation=federation, intervention=network, held_on=date(2024, 5, 2), kind="network_meeting", hours=3
    )
    event.attendances.create(attendees=12)
    return event


def url_for(name, federation, records):
    kwargs = {"slug": federation.slug}
    pattern = next(
        p for p in get_resolver().namespace_dict[name.split(":")[0]][1].url_patterns if p.name == name.split(":")[1]
    )
    if "pk" in pattern.pattern.converters:
        record = records.get(name) or records[name.rsplit("-", 1)[0]]
        kwargs["pk"] = record.pk
    if "document" in pattern.pattern.converters:  # an intervention's text: of a document and year
        kwargs |= {"document": "annual", "year": 2025}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(RULES))
def test_role_matrix(client, cast, mixed_role, federation, records, name):
    url = url_for(name, federation, records)
    expected = expected_answers(name)
    answers = {}
    for role in expected:
        client.force_login(cast.get(role) or mixed_role)
        answers[role] = client.get(url).status_code
    client.logout()
    response = client.get(url)
    answers["anonymous"] = response.status_code
    expected = expected | {"anonymous": 302}
    assert answers == expected
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", sorted(name for name in RULES if name.startswith("federations:") and name.endswith("-edit"))
)
def test_a_record_of_another_federation_is_not_found_under_ones_own(
    client, office, federation, other_federation, other_county, records, name
):
    """Office staff who put another federation's (or county's) record id in their own
    federation's URL get 404."""
    kind = name.removesuffix("-edit").removeprefix("federations:")
    foreign = {
        "membership": lambda: Membership.objects.create(
            federation=other_federation,
            organisation=records["federations:memberorganisation"],
            starts_on=date(2010, 1, 1),
        ),
        "boardseat": lambda: BoardSeat.objects.create(
            federation=other_federation,
            person=records["federations:person"],
            appointed_by=records["federations:memberorganisation"],
            starts_on=date(2023, 1, 1),
        ),
        "groupmembership": lambda: GroupMembership.objects.create(
            federation=other_federation,
            group="working_committee",
            person=records["federations:person"],
            starts_on=date(2023, 1, 1),
        ),
        "staffpost": lambda: StaffPost.objects.create(
            federation=other_federation,
            person=records["federations:person"],
            title="other",
            share_percent=10,
            starts_on=date(2015, 1, 1),
        ),
        "fiscalyear": lambda: FiscalYear.objects.create(federation=other_federation, year=2026),
        "person": lambda: Person.objects.create(county=other_county, name="Someone Else"),
        "memberorganisation": lambda: MemberOrganisation.objects.create(
            county=other_county, kind="region", name="Region Kalmar län"
        ),
        "municipality": lambda: Municipality.objects.create(county=other_county, name="Kalmar", code="0880"),
        "diaryentry": lambda: register(other_federation, "decision", "Deras beslut", date(2025, 3, 1)),
        "governingdocument": lambda: GoverningDocument.objects.create(
            federation=other_federation,
            kind="communication",
            title="Deras plan",
            adopted_on=date(2024, 2, 1),
            filename="plan.pdf",
            content=b"%PDF-1.4",
        ),
        "meeting": lambda: Meeting.objects.create(federation=other_federation, held_on=date(2025, 2, 13)),
        "meetingcount": lambda: MeetingCount.objects.create(federation=other_federation, year=2019, count=6),
    }[kind]()
    client.force_login(office)
    url = reverse(name, kwargs={"slug": federation.slug, "pk": foreign.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_a_refused_post_changes_nothing(client, board_member, federation):
    client.force_login(board_member)
    response = client.post(reverse("federations:edit", kwargs={"slug": federation.slug}), {"name": "Hijacked"})
    assert response.status_code == 403
    federation.refresh_from_db()
    assert federation.name == "Samordningsförbundet Södra Vätterbygden"


def test_home_lists_only_ones_own_federations(client, county, federation, other_federation, office):
    from federations.models import Role

    Role.objects.create(user=office, federation=other_federation, kind="board")
    client.force_login(office)
    page = client.get(reverse("home")).content.decode()
    assert federation.name in page and other_federation.name in page


def test_home_goes_straight_to_a_single_federation(client, federation, board_member):
    client.force_login(board_member)
    assert client.get(reverse("home"))["Location"] == federation.get_absolute_url()


def test_home_of_a_user_without_roles_names_no_federation(client, federation, outsider):
    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert federation.name not in page
    assert "role" in page.lower() or "roll" in page.lower()


def test_the_navigation_offers_only_what_the_role_may_open(client, cast, federation, records):
    """Every link in the navigation answers 200 for the role that sees it."""
    for role in ["office", "intervention", "board", "auditor"]:
        client.force_login(cast[role])
        nav = client.get(federation.get_absolute_url()).context["nav"]
        links = [item.url for item in nav] + [child.url for item in nav for child in item.children]
        assert links
        for url in links:
            assert client.get(url).status_code == 200, (role, url)


# Shared by the federations of a county, or (the intervention) funded by both: an office of
# either federation opens them by right.
SHARED = {
    "federations:person-edit",
    "federations:memberorganisation-edit",
    "federations:municipality-edit",
    "interventions:detail",
    "interventions:edit",
    "interventions:goal-new",
    "interventions:goal-assess",
    "reporting:intervention-text",  # each federation writes its own text of a shared intervention
}


def names_with_a_record():
    return sorted(
        name
        for name in RULES
        if name not in SHARED
        and "pk"
        in next(
            p for p in get_resolver().namespace_dict[name.split(":")[0]][1].url_patterns if p.name == name.split(":")[1]
        ).pattern.converters
    )


# Pages that act on a record by POST only: a GET is not allowed, whoever asks.
ACTIONS_ON_A_RECORD = {"access:link-withdraw", "interventions:participant-import-move-start"}


@pytest.mark.parametrize("name", names_with_a_record())
def test_an_office_cannot_reach_another_federations_record_through_its_own_urls(
    client, federation, other_federation, other_office, records, name
):
    """Office staff of one federation put the other federation's record ids in their own
    federation's URLs, by GET and POST: not found, and nothing changes."""
    participant = records["interventions:participant"]
    before = Participant.history.count()
    url = url_for(name, federation, records).replace(f"/f/{federation.slug}/", f"/f/{other_federation.slug}/")
    Role.objects.filter(user=other_office).update(is_administrator=True)  # who may reach the users' pages
    client.force_login(other_office)
    if name in ACTIONS_ON_A_RECORD:
        assert client.get(url).status_code == 405
        assert client.post(url).status_code == 404
    else:
        assert client.get(url).status_code == 404
    assert client.post(url, {"ended_on": "2024-06-01", "end_reason": "work", "code": "X-1"}).status_code in (404, 405)
    assert Participant.history.count() == before
    participant.refresh_from_db()
    assert participant.ended_on is None
