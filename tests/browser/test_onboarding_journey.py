"""From an empty installation to an adopted annual report, as the federation's office alone
(issue 29, docs/onboarding.md): whoever runs the installation adds the federation and hands
its administrator a one-time link; from there the office does everything in the browser —
its login and second factor, the registry, the board from a file, the intervention, the
books of the past year from a file (the fiscal year is created closed by the import), the
participants from a file (the intervention's start moved as the preview offers), the
year's number of board meetings, the texts — the board's adoption, and the chair's
signature with her own login. No superuser, no /admin/. The test counts the forms posted
and the files imported."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from .test_two_factor import code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "en lång och egen lösenfras 2027"
SLUG = "halland-norra"

BOARD_FILE = """namn;uppdrag;ersättare;funktion;organisation;titel;e-post;från;till
Ingrid Ask;styrelse;;ordförande;Halmstad;Kommunalråd;;2023-01-01;2026-12-31
Bo Lund;styrelse;ja;;Halmstad;Ledamot socialnämnden;;2023-01-01;2026-12-31
Sofia Falk;styrelse;;vice ordförande;Region Halland;Regionråd;;2023-01-01;2026-12-31
Nils Ros;styrelse;ja;;Region Halland;Regionråd;;2023-01-01;2026-12-31
Agnes Ljung;styrelse;;;FK;Områdeschef;;2023-01-01;2026-12-31
Tove Hed;styrelse;ja;;FK;Enhetschef;;2023-01-01;2026-12-31
Hugo Ström;styrelse;;;AF;Verksamhetschef;;2023-01-01;2026-12-31
Vera Bäck;styrelse;ja;;AF;Sektionschef;;2023-01-01;2026-12-31
Ingrid Ask;arbetsutskott;;ordförande;Halmstad;;;2023-01-01;2026-12-31
Sofia Falk;arbetsutskott;;;Region Halland;;;2023-01-01;2026-12-31
"""

# The books of 2024, the federation's first year in finsam: its budget, its outcome, the
# equity carried in and the balance sheet at 31 December (it balances: 532 000 both sides).
BOOKS_FILE = """scenario;år;periodslut;typ;namn;belopp
budget;2024;;medlemsbidrag;FK;1 000 000
budget;2024;;medlemsbidrag;Region Halland;500 000
budget;2024;;medlemsbidrag;Halmstad;500 000
budget;2024;;insats;Steget;1 450 000
budget;2024;;kansli;;450 000
budget;2024;;styrelse;;30 000
budget;2024;;revision;;20 000
utfall;2024;;balanserat resultat;;300 000
utfall;2024;;medlemsbidrag;FK;1 000 000
utfall;2024;;medlemsbidrag;Region Halland;500 000
utfall;2024;;medlemsbidrag;Halmstad;500 000
utfall;2024;;ränta;;2 000
utfall;2024;;insats;Steget;1 400 000
utfall;2024;;kansli;;450 000
utfall;2024;;styrelse;;30 000
utfall;2024;;revision;;20 000
utfall;2024;;kassa och bank;;520 000
utfall;2024;;kundfordringar;;12 000
utfall;2024;;leverantörsskulder;;100 000
utfall;2024;;upplupna semesterlöner;;30 000
"""

PARTICIPANTS_FILE = """insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak
Steget;ST-1;kvinna;1990;Halmstad;2024-01-15;2024-09-30;Arbete
Steget;ST-2;man;1985;Halmstad;2024-02-01;2024-11-15;Studier
Steget;ST-3;kvinna;1979;Halmstad;2024-03-04;;
Steget;ST-4;man;1995;Halmstad;2024-04-02;2024-12-10;Arbete
Steget;ST-5;kvinna;2001;Halmstad;2024-05-06;;
Steget;ST-6;man;1968;Halmstad;2024-06-03;2024-12-20;Sjukdom
Steget;ST-7;kvinna;1988;Halmstad;2024-08-19;;
Steget;ST-8;man;1992;Halmstad;2024-09-02;;
"""


class Traffic:
    """The forms a browser posts and the files it uploads, as the office's work is counted."""

    def __init__(self, page):
        self.forms, self.files = [], []
        page.on("request", self.saw)

    def saw(self, request):
        if request.method != "POST":  # a form, or an upload the page sends itself to show its progress
            return
        if request.url.endswith("/import/"):  # an upload: the confirmation posts to the preview
            self.files.append(request.url)
        else:
            self.forms.append(request.url)


@pytest.fixture
def empty_site(transactional_db, live_server, settings):
    settings.REQUIRE_2FA = True
    return live_server.url


@pytest.fixture
def page(browser, empty_site, request):
    from .conftest import FAILURES

    context = browser.new_context(base_url=empty_site, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=FAILURES / f"{request.node.name}.png", full_page=True)
    context.close()


def save(page, label="Spara"):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert not page.locator(".errorlist, .errors").count(), page.locator("main").inner_text()


def new_record(page, register, fields):
    page.goto(f"/f/{SLUG}/{register}/new/")
    for selector, value in fields.items():
        page.locator(selector).fill(value)
    save(page)


def import_file(page, url, name, content, confirm=True):
    page.goto(url)
    page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content.encode()})
    page.get_by_role("button", name="Kontrollera filen").click()
    page.wait_for_url("**/import/*/")  # checked at once: the tests' tasks run in the request
    if confirm:
        page.get_by_role("button", name="Importera").click()
        page.wait_for_load_state()


def test_a_new_federation_reaches_its_adopted_and_signed_annual_report_without_a_superuser(page, browser):
    from django.contrib.auth import get_user_model

    from federations.models import FiscalYear, Person
    from interventions.models import Intervention, Participant
    from reporting.annual import annual_report
    from reporting.models import AdoptedReport

    # Whoever runs the installation: the federation, and its administrator's link.
    out = io.StringIO()
    call_command(
        "add_federation",
        "--county=Hallands län",
        "--name=Samordningsförbundet Halland Norra",
        "--short-name=SHN",
        f"--slug={SLUG}",
        "--organisation-number=222000-1230",
        "--founded-on=2010-01-01",
        "--administrator=Kerstin Kanslichef",
        stdout=out,
    )
    link = out.getvalue().splitlines()[-1].removeprefix("http://127.0.0.1:8000")
    traffic = Traffic(page)

    # 1. The administrator's login and second factor.
    page.goto(link)
    page.locator("#id_username").fill("kerstin")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Skapa min inloggning").click()
    page.wait_for_url("**/accounts/two-factor/enrol/**")
    key = page.locator("code.otp-key").get_attribute("data-key")
    page.get_by_label("Kod").fill(code(key))
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_url("**/accounts/two-factor/codes/**")

    # 2. The registry: the municipality, and the members with their memberships.
    page.goto(f"/f/{SLUG}/municipality/new/")
    page.locator("#id_name").fill("Halmstad")
    page.locator("#id_code").fill("1380")
    page.locator("input[name$='-0-year']").fill("2023")  # the key of 2024 counts 1 July the year before
    page.locator("input[name$='-0-inhabitants']").fill("106084")
    save(page)
    members = [
        ("fk", "Försäkringskassan", "FK", None),
        ("af", "Arbetsförmedlingen", "AF", None),
        ("region", "Region Halland", "", None),
        ("municipality", "Halmstads kommun", "Halmstad", "Halmstad"),
    ]
    for kind, name, short_name, municipality in members:
        page.goto(f"/f/{SLUG}/memberorganisation/new/")
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_name").fill(name)
        page.locator("#id_short_name").fill(short_name)
        if municipality:
            page.locator("#id_municipality").select_option(label=municipality)
        page.locator("#id_member_since").fill("2010-01-01")  # and its membership, in the same form
        save(page)

    # 3. The board and its working committee, from one file.
    import_file(page, f"/f/{SLUG}/boardseat/import/", "styrelse.csv", BOARD_FILE)
    page.get_by_text("Importerade 10 rader").wait_for()

    # 4. The intervention, with the start the office remembers.
    page.goto(f"/f/{SLUG}/interventions/new/")
    page.locator("#id_name").fill("Steget")
    page.locator("#id_starts_on").fill("2024-03-01")
    page.locator("#id_age_min").fill("16")
    page.locator("#id_age_max").fill("64")
    save(page)

    # 5. The books of 2024: the import creates the fiscal year closed, as its preview says.
    import_file(page, f"/f/{SLUG}/budget/import/", "bokslut-2024.csv", BOOKS_FILE, confirm=False)
    assert page.get_by_text("Räkenskapsår 2024, stängt").is_visible()
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()

    # 6. The participants: two rows enrol before Steget's start; the preview offers to move it.
    import_file(page, f"/f/{SLUG}/participants/import/", "deltagare.csv", PARTICIPANTS_FILE, confirm=False)
    page.get_by_role("button", name="Flytta starten för Steget till 2024-01-15").click()
    page.get_by_text("Steget startar nu 2024-01-15").wait_for()
    import_file(page, f"/f/{SLUG}/participants/import/", "deltagare.csv", PARTICIPANTS_FILE)

    # 7. How many times the board met in 2024, in one form; the year's texts.
    new_record(page, "meetingcount", {"#id_year": "2024", "#id_count": "7", "#id_note": "Protokollen i diariet."})
    page.goto(f"/f/{SLUG}/reports/annual/texts/?year=2024")
    page.locator("#id_foreword").fill("Förbundets första år i finsam.")
    page.locator("#id_important_conditions").fill("Steget tog emot sina första deltagare.")
    save(page)

    # 8. The board adopts the annual report.
    page.goto(f"/f/{SLUG}/reports/annual/?year=2024")
    assert page.get_by_text("Dokumentet är komplett och alla dess 10 kontroller är godkända.").is_visible()
    page.locator("#id_adopted_on").fill("2025-03-20")
    page.get_by_role("button", name="Registrera styrelsens fastställande").click()
    page.wait_for_load_state()

    # 9. The chair signs with her own login: invited by the office, linked to her seat.
    page.goto(f"/f/{SLUG}/users/invite/")
    page.locator("#id_name").fill("Ingrid Ask")
    page.locator("#id_kind").select_option("board")
    page.get_by_role("button", name="Skapa länken").click()
    chair_link = page.locator("#issued-link").input_value().split("://", 1)[1].split("/", 1)[1]
    chair_page = browser.new_context(base_url=page.url.split("/f/")[0], locale="sv-SE").new_page()
    chair_page.on("request", traffic.saw)  # the chair's forms count too
    chair_page.goto("/" + chair_link)
    chair_page.locator("#id_username").fill("ingrid")
    chair_page.locator("#id_password1").fill(PASSWORD)
    chair_page.locator("#id_password2").fill(PASSWORD)
    chair_page.get_by_role("button", name="Skapa min inloggning").click()
    chair_page.wait_for_url(f"**/f/{SLUG}/")

    chair = Person.objects.get(name="Ingrid Ask")
    page.goto(f"/f/{SLUG}/person/{chair.pk}/edit/")
    page.locator("#id_user").select_option(label="ingrid")
    save(page)

    chair_page.goto(f"/f/{SLUG}/reports/annual/?year=2024")
    chair_page.get_by_role("button", name="Skriv under årsredovisningen som Ingrid Ask").click()
    chair_page.wait_for_url("**/accounts/two-factor/enrol/**")  # a signature asks for the second factor
    chair_key = chair_page.locator("code.otp-key").get_attribute("data-key")
    chair_page.get_by_label("Kod").fill(code(chair_key))
    chair_page.get_by_role("button", name="Bekräfta").click()
    chair_page.wait_for_url("**/accounts/two-factor/codes/**")
    chair_page.goto(f"/f/{SLUG}/reports/annual/?year=2024")
    chair_page.get_by_role("button", name="Skriv under årsredovisningen som Ingrid Ask").click()
    chair_page.get_by_text("1 av styrelsens").wait_for()
    chair_page.context.close()

    adopted = AdoptedReport.objects.get(federation__slug=SLUG, kind="annual", year=2024)
    assert [signature.user.username for signature in adopted.signatures.all()] == ["ingrid"]
    assert adopted.adopted_on == date(2025, 3, 20)
    assert FiscalYear.objects.get(federation__slug=SLUG, year=2024).opening_load_by.username == "kerstin"
    assert Intervention.objects.get(name="Steget").starts_on == date(2024, 1, 15)
    assert Participant.objects.count() == 8
    report = annual_report(adopted.federation, 2024)
    assert (report.participants.total.active, report.board_meetings) == (8, 7)
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    assert not get_user_model().objects.filter(is_staff=True).exists()  # nor anyone who could use /admin/

    print(f"\nOnboarding journey: {len(traffic.forms)} forms posted, {len(traffic.files)} files imported")
    # 15 to the adoption; 6 for the chair's signature (the invitation, her login, her seat's link
    # to it, the signature asked, her second factor, the signature given)
    assert (len(traffic.forms), len(traffic.files)) == (21, 4)
