"""axe-core on every page of the URL × role matrix (tests/test_role_matrix.py) that each of
the demo's roles may open in Södra Vätterbygden, with the demo's own records, plus an import
preview with rows and one with problems, and a form sent back with errors. No violation of
any impact, minor included."""

import pytest
from django.urls import get_resolver, reverse

from tests.test_role_matrix import EXPECTED, NAMESPACES, RULES

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = {"kansli": "office", "insats": "intervention", "styrelse": "board", "revisor": "auditor"}
NOT_PAGES = {
    "reporting:statements-pdf",
    "reporting:annual-pdf",
    "reporting:interim-pdf",
    "reporting:plan-pdf",
    "federations:governingdocument-file",
    "federations:meeting-minutes",
}


def demo_records(federation, office):
    from federations.models import (
        BoardSeat,
        DiaryEntry,
        FiscalYear,
        GoverningDocument,
        GroupMembership,
        ImportBatch,
        Meeting,
        MeetingCount,
        Membership,
        Municipality,
        StaffPost,
    )
    from interventions.models import (
        Application,
        Deviation,
        GrantDecision,
        Intervention,
        Participant,
        Referral,
        StructuralEvent,
        SupplementaryQuestion,
    )
    from reporting.models import SocioEconomicModel

    enter = Intervention.objects.get(name="Enter")

    def batch(kind):
        return ImportBatch.objects.create(
            federation=federation, kind=kind, uploaded_by=office, filename="x.csv", status="checked"
        )

    membership = Membership.objects.filter(federation=federation).first()
    return {
        "federations:membership": membership,
        "federations:boardseat": BoardSeat.objects.filter(federation=federation).first(),
        "federations:groupmembership": GroupMembership.objects.filter(federation=federation).first(),
        "federations:staffpost": StaffPost.objects.filter(federation=federation).first(),
        "federations:fiscalyear": FiscalYear.objects.filter(federation=federation).first(),
        "reporting:past-year": FiscalYear.objects.filter(federation=federation, status="closed").first(),
        "federations:person": BoardSeat.objects.filter(federation=federation).first().person,
        "federations:memberorganisation": membership.organisation,
        "federations:municipality": Municipality.objects.of_members(federation).first(),
        "federations:diaryentry": DiaryEntry.objects.filter(federation=federation).first(),
        "federations:governingdocument": GoverningDocument.objects.filter(federation=federation).first(),
        "federations:meeting": Meeting.objects.filter(federation=federation).first(),
        "federations:meetingcount": MeetingCount.objects.filter(federation=federation).first(),
        "interventions:application": Application.objects.filter(federation=federation).first(),
        "interventions:grantdecision": GrantDecision.objects.filter(federation=federation).first(),
        "interventions:deviation": Deviation.objects.create(
            federation=federation, occurred_on="2024-05-02", description="Remissen blev liggande mellan två medlemmar."
        ),
        "reporting:socioeconomicmodel": SocioEconomicModel.objects.create(
            federation=federation,  # from a day no report of the demo reaches
            valid_from="2030-01-01",
            public_support=12000,
            administration=600,
            income_tax=6000,
            source="Länets förbund, medlemssamrådet 2029",
        ),
        "interventions:structuralevent": StructuralEvent.objects.filter(federation=federation).first(),
        "interventions:referral": Referral.objects.filter(federation=federation).first(),
        "interventions:supplementaryquestion": SupplementaryQuestion.objects.filter(federation=federation).first(),
        "interventions:detail": enter,
        "reporting:intervention-text": enter,
        "interventions:edit": enter,
        "interventions:goal-new": enter,
        "interventions:goal-assess": enter,
        "interventions:participant": Participant.objects.of_federation(federation).filter(intervention=enter).first(),
        "finances:import-preview": batch("accounts"),
        "interventions:participant-import-preview": batch("participants"),
        "interventions:survey-import-preview": batch("survey"),
        "federations:board-import-preview": batch("board"),
        "interventions:structuralevent-import-preview": batch("events"),
        "interventions:referral-import-preview": batch("referrals"),
    }


def pages_of(role, federation, records):
    patterns = {
        f"{namespace}:{pattern.name}": pattern
        for namespace in NAMESPACES
        for pattern in get_resolver().namespace_dict[namespace][1].url_patterns
    }
    paths = []
    for name in sorted(RULES):
        if name in NOT_PAGES or EXPECTED[RULES[name]][role] != 200:
            continue
        kwargs = {"slug": federation.slug}
        if "pk" in patterns[name].pattern.converters:
            kwargs["pk"] = (records.get(name) or records[name.rsplit("-", 1)[0]]).pk
        if "document" in patterns[name].pattern.converters:  # an intervention's text
            kwargs |= {"document": "annual", "year": 2024}
        paths.append(reverse(name, kwargs=kwargs) + "?year=2024")
    return paths


def violations(axe, page):
    return [(v["id"], v["impact"], len(v["nodes"])) for v in axe.run(page).response["violations"]]


@pytest.mark.parametrize("username", sorted(ROLES))
def test_every_page_of_the_matrix_has_no_axe_violation(page, username, settings):
    from axe_playwright_python.sync_playwright import Axe
    from django.contrib.auth import get_user_model

    from federations.models import Federation

    settings.DEBUG = False
    federation = Federation.objects.get(slug="sodra-vatterbygden")
    records = demo_records(federation, get_user_model().objects.get(username="kansli"))
    axe = Axe()
    log_in(page, username)
    found = {}
    for path in pages_of(ROLES[username], federation, records):
        response = page.goto(path)
        assert response.status == 200, path
        if problems := violations(axe, page):
            found[path] = problems
    assert found == {}


def test_an_import_preview_and_a_form_with_errors_have_no_axe_violation(page, settings):
    """The preview of a good file lists its rows; of a bad one, its problems; a form sent
    back names its errors."""
    from axe_playwright_python.sync_playwright import Axe

    settings.DEBUG = False
    axe = Axe()
    log_in(page, "kansli")
    found = {}
    header = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"
    for name, rows in {
        "good": "Enter;AXE-1;kvinna;1990;Habo;2024-02-01;;\n",
        "bad": "Enter;AXE-2;x;2015;Stockholm;2024-05-01;2024-04-01;Arbete\n",
    }.items():
        page.goto("/f/sodra-vatterbygden/participants/import/")
        page.set_input_files(
            "input[type=file]",
            files=[{"name": f"{name}.csv", "mimeType": "text/csv", "buffer": (header + rows).encode()}],
        )
        page.get_by_role("button", name="Kontrollera filen").click()
        page.wait_for_url("**/participants/import/*/")
        assert ("Det här gör importen" if name == "good" else "inget sparas") in page.content()
        if problems := violations(axe, page):
            found[name] = problems
    # A file a worker is still checking: the page that follows its progress.
    from django.contrib.auth import get_user_model

    from federations.models import Federation, ImportBatch

    checking = ImportBatch.objects.create(
        federation=Federation.objects.get(slug="sodra-vatterbygden"),
        kind="participants",
        uploaded_by=get_user_model().objects.get(username="kansli"),
        filename="stor.csv",
        status=ImportBatch.Status.CHECKING,
    )
    page.goto(f"/f/sodra-vatterbygden/participants/import/{checking.pk}/")
    assert "Kontrollerar raderna" in page.content()
    if problems := violations(axe, page):
        found["file being checked"] = problems
    page.goto("/f/sodra-vatterbygden/participants/new/")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    assert "errorlist" in page.content()
    if problems := violations(axe, page):
        found["participant form with errors"] = problems
    assert found == {}


def test_the_users_pages_and_a_one_time_link_have_no_axe_violation(page, browser, live_server, settings):
    """An administrator's pages (kansli administers the demo's federations), the link made
    once, and the page the link opens for the colleague, logged out, at a phone's width."""
    from axe_playwright_python.sync_playwright import Axe

    from federations.models import Role

    settings.DEBUG = False
    axe = Axe()
    log_in(page, "kansli")
    found = {}
    role = Role.objects.get(user__username="styrelse", federation__slug="sodra-vatterbygden")
    for path in ["/f/sodra-vatterbygden/users/", f"/f/sodra-vatterbygden/users/{role.pk}/edit/"]:
        page.goto(path)
        if problems := violations(axe, page):
            found[path] = problems
    page.goto("/f/sodra-vatterbygden/users/invite/")
    page.fill("#id_name", "Anna Andersson")
    page.select_option("#id_kind", "board")
    page.get_by_role("button", name="Skapa länken").click()
    if problems := violations(axe, page):
        found["link made"] = problems
    link = page.input_value("#issued-link")
    colleague = browser.new_page(base_url=live_server.url, viewport={"width": 390, "height": 844})
    colleague.goto(link)
    assert "Gå med i" in colleague.content()
    if problems := violations(axe, colleague):
        found["link opened"] = problems
    assert colleague.evaluate("document.documentElement.scrollWidth") <= 390
    colleague.close()
    assert found == {}
