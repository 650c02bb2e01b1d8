"""The journeys that matter, in a real browser: office staff entering, ending and
importing participants; a board member reading; an auditor downloading and checking
the history; intervention staff confined to their intervention."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from federations.models import Federation
from interventions.models import Intervention, Participant

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SV = "Samordningsförbundet Södra Vätterbygden"


def figures(page):
    """The intervention page's participant table of the year: {row label: total}."""
    rows = page.locator("table.figures").first.locator("tbody tr")
    table = {}
    for row in rows.all():
        cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
        table[cells[0].lstrip("– ")] = int(cells[-1])
    return table


def open_enter(page):
    page.get_by_role("link", name="Insatser", exact=True).click()
    page.get_by_role("link", name="Enter", exact=True).click()
    page.wait_for_url("**/interventions/*/")
    return page.url


def test_office_adds_a_participant_ends_them_and_sees_the_figures_change(page):
    log_in(page, "kansli")
    page.get_by_role("link", name=SV).click()
    enter = open_enter(page)
    before = figures(page)

    page.get_by_role("link", name="Deltagare", exact=True).click()
    page.get_by_role("link", name="Lägg till").click()
    page.locator("#id_intervention").select_option(label="Enter")
    page.locator("#id_code").fill("ENT-WEB-1")
    page.locator("#id_enrolled_on").fill(date.today().isoformat())
    page.get_by_label("Kvinna").check()
    page.locator("#id_birth_year").fill("1990")
    page.locator("#id_municipality").select_option(label="Jönköping")
    page.get_by_role("button", name="Spara").click()
    page.get_by_text("ENT-WEB-1 har sparats.").wait_for()

    page.goto(enter)
    added = figures(page)
    assert added["Deltagare under året"] == before["Deltagare under året"] + 1
    assert added["varav nya"] == before["varav nya"] + 1

    page.get_by_role("link", name="Deltagare", exact=True).click()
    page.get_by_role("row").filter(has_text="ENT-WEB-1").get_by_role("link", name="Avsluta").click()
    page.locator("#id_ended_on").fill(date.today().isoformat())
    page.locator("#id_end_reason").select_option(label="Arbete")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/participants/**")

    page.goto(enter)
    ended = figures(page)
    assert ended["Avslutade"] == before["Avslutade"] + 1  # a count of participants
    assert ended["Arbete"] == before["Arbete"] + 1
    assert Participant.objects.get(code="ENT-WEB-1").end_reason == "work"


def participants_csv(*rows):
    header = "insats;kod;kön;födelseår;kommun;inskriven"
    return "\n".join([header, *rows]).encode("utf-8")


def test_office_imports_a_file_with_a_bad_row_fixes_it_and_imports_again(page):
    today = date.today().isoformat()
    log_in(page, "kansli")
    page.get_by_role("link", name=SV).click()
    enter = open_enter(page)
    before = figures(page)
    count = Participant.objects.count()

    page.get_by_role("link", name="Deltagare", exact=True).click()
    page.get_by_role("link", name="Importera").click()
    bad = participants_csv(f"Enter;IMP-1;K;1991;Jönköping;{today}", f"Enter;IMP-2;M;1992;Atlantis;{today}")
    page.locator("input[type=file]").set_input_files({"name": "deltagare.csv", "mimeType": "text/csv", "buffer": bad})
    page.get_by_role("button", name="Kontrollera filen").click()
    page.get_by_text("Ett problem — inget sparas").wait_for()
    problem = page.locator("table").last.locator("tbody tr").first.all_inner_texts()[0]
    assert problem.startswith("3")  # the file's third line, counting the header
    assert "kommun" in problem.lower()
    assert Participant.objects.count() == count

    page.get_by_role("link", name="Kontrollera en rättad fil").click()
    good = participants_csv(f"Enter;IMP-1;K;1991;Jönköping;{today}", f"Enter;IMP-2;M;1992;Habo;{today}")
    page.locator("input[type=file]").set_input_files({"name": "deltagare.csv", "mimeType": "text/csv", "buffer": good})
    page.get_by_role("button", name="Kontrollera filen").click()
    page.get_by_role("button", name="Importera 2 rader").click()
    page.get_by_text("Importerade 2 rader: 2 nya").wait_for()
    assert Participant.objects.count() == count + 2

    page.goto(enter)
    after = figures(page)
    assert after["Deltagare under året"] == before["Deltagare under året"] + 2
    assert after["varav nya"] == before["varav nya"] + 2


def test_a_board_member_reads_the_annual_report_and_can_change_nothing(page):
    log_in(page, "styrelse")
    page.wait_for_url("**/f/sodra-vatterbygden/")  # their only federation
    page.get_by_role("link", name="Rapporter").click()
    page.get_by_role("link", name="Årsredovisning", exact=True).click()
    page.locator("#year").select_option("2024")
    page.get_by_role("button", name="Visa").click()
    page.get_by_text("134").first.wait_for()
    main = page.locator("main")
    assert main.get_by_role("link", name="Skriv texterna").count() == 0
    assert main.get_by_role("button", name="Anta").count() == 0
    assert main.get_by_role("link", name="Ändra").count() == 0
    assert page.locator("main form[method=post]").count() == 0

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    enter = Intervention.objects.get(name="Enter")
    for url in [
        reverse("reporting:annual-texts", kwargs={"slug": federation.slug}),
        reverse("interventions:edit", kwargs={"slug": federation.slug, "pk": enter.pk}),
        reverse("federations:edit", kwargs={"slug": federation.slug}),
    ]:
        response = page.goto(url)
        assert response.status == 403, url


def test_an_auditor_downloads_the_statements_and_opens_the_history(page):
    log_in(page, "revisor")
    page.get_by_role("link", name="Höglandets samordningsförbund").click()
    page.get_by_role("link", name="Revisorer").click()
    page.locator("#year").select_option("2024")
    page.get_by_role("button", name="Visa").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned de finansiella rapporterna 2024 (PDF/A)").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Historik", exact=True).click()
    page.wait_for_url("**/history/")
    assert page.locator("main table tbody tr").count() > 0


def test_intervention_staff_see_only_their_intervention(page):
    log_in(page, "insats")
    page.get_by_role("link", name="Insatser", exact=True).click()
    page.wait_for_url("**/interventions/")
    names = [name.strip() for name in page.locator("main table tbody tr td:first-child").all_inner_texts()]
    assert names == ["Enter"]
    page.get_by_role("link", name="Deltagare", exact=True).click()
    page.wait_for_url("**/participants/")
    interventions = set(page.locator("main table tbody tr td:nth-child(2)").all_inner_texts())
    assert interventions == {"Enter"}
    nova = Intervention.objects.get(name="NOVA – Stöd i förändring")
    response = page.goto(reverse("interventions:detail", kwargs={"slug": "sodra-vatterbygden", "pk": nova.pk}))
    assert response.status == 404
    someone = Participant.objects.filter(intervention=nova).first()
    response = page.goto(
        reverse("interventions:participant-edit", kwargs={"slug": "sodra-vatterbygden", "pk": someone.pk})
    )
    assert response.status == 404
    assert get_user_model().objects.get(username="insats").finsam_roles.count() == 1


def test_the_deck_moves_with_the_arrow_keys_and_counts_its_slides(page):
    from consultations.models import Consultation

    log_in(page, "kansli")
    consultation = Consultation.objects.get(held_on="2025-02-28")
    page.goto(reverse("consultations:deck", kwargs={"county": "jonkopings-lan", "pk": consultation.pk}))
    counter = page.locator("[data-deck-counter]")
    total = page.locator(".slide").count()
    assert counter.inner_text() == f"Bild 1 av {total}"
    assert page.locator(".slide:visible").count() == 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == f"Bild 3 av {total}"
    assert page.locator(".slide:visible h2").inner_text() == "Finansiell samordning av rehabilitering"
    page.keyboard.press("End")
    assert counter.inner_text() == f"Bild {total} av {total}"
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == f"Bild {total - 1} av {total}"
    page.reload()
    assert counter.inner_text() == f"Bild {total - 1} av {total}"  # the address keeps the slide


def test_the_login_form_works_from_the_keyboard_alone(page):
    page.goto("/accounts/login/")
    assert page.evaluate("document.activeElement.name") == "username"  # focused on arrival
    page.keyboard.type("kansli")
    page.keyboard.press("Tab")
    page.keyboard.type("finsam-demo-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("link", name=SV).count() == 1
