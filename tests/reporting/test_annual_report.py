import io

import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from federations.models import Federation
from reporting.annual import annual_report
from reporting.models import AnnualReportText


@pytest.fixture
def sodra_vatterbygden(demo):
    return Federation.objects.get(slug="sodra-vatterbygden")


def test_the_report_carries_the_published_participant_table(sodra_vatterbygden):
    report = annual_report(sodra_vatterbygden, 2024)
    total = report.participants.total
    assert (total.women, total.men, total.new, total.ended, total.reason_cells) == (
        134,
        119,
        162,
        79,
        [11, 7, 21, 28, 12],
    )
    assert report.socioeconomic.counted == 18
    assert round(report.socioeconomic.per_year / 1000) == 3499
    assert [chapter.intervention.label for chapter in report.chapters] == [
        row.intervention.label for row in report.participants.rows
    ]
    assert report.board.chair.appointed_by.short_name == "RJL"


def test_the_office_writes_the_texts_and_they_are_escaped(client, sodra_vatterbygden):
    from django.contrib.auth import get_user_model

    from federations.models import Role

    office = get_user_model().objects.get(username="kansli")
    assert Role.objects.filter(user=office, federation=sodra_vatterbygden, kind="office").exists()
    client.force_login(office)
    url = reverse("reporting:annual-texts", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2024"
    version = client.get(url).context["form"]["version"].value()  # the demo's texts, as loaded
    response = client.post(
        url,
        {
            "registry_number": "Dnr 2025:02 / 3",
            "foreword": "Ett år av <b>samverkan</b>.\n\nTack!",
            "version": version,
        },
    )
    assert response.status_code == 302
    assert AnnualReportText.objects.get(federation=sodra_vatterbygden, year=2024).registry_number == "Dnr 2025:02 / 3"
    page = client.get(
        reverse("reporting:annual", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024}
    ).content.decode()
    assert "&lt;b&gt;samverkan&lt;/b&gt;" in page and "<b>samverkan</b>" not in page
    assert "Dnr 2025:02 / 3" in page


def test_the_pdf_has_a_contents_page_numbers_and_the_figures(client, sodra_vatterbygden):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="styrelse"))
    response = client.get(reverse("reporting:annual-pdf", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024})
    assert response["Content-Disposition"] == 'attachment; filename="sv-arsredovisning-2024.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text().replace("\u00a0", " ") for page in reader.pages]
    total = len(pages)
    assert all(f"{n} av {total}" in text or f"{n} of {total}" in text for n, text in enumerate(pages, start=1))
    text = "\n".join(pages)
    for figure in ["134", "119", "162", "3 499"]:
        assert figure in text
    for heading in ["Förvaltningsberättelse", "Styrelsens underskrifter", "Bilaga 1", "Bilaga 2", "Enter", "NOVA"]:
        assert heading in text, heading
    # The contents page gives each chapter's page number.
    contents = pages[1]
    assert any(line.rstrip().split(".")[-1].strip().isdigit() for line in contents.splitlines() if "." in line)


def test_render_report_annual(sodra_vatterbygden, tmp_path):
    output = tmp_path / "arsredovisning.html"
    call_command(
        "render_report",
        "annual",
        "--federation",
        "sodra-vatterbygden",
        "--year",
        "2024",
        "--format",
        "html",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    assert "Samordningsförbundet Södra Vätterbygden" in output.read_text()


def test_an_adopted_report_does_not_change_after_a_correction(client, sodra_vatterbygden):
    from django.contrib.auth import get_user_model

    from interventions.models import Participant
    from reporting.models import AdoptedReport

    client.force_login(get_user_model().objects.get(username="kansli"))
    base = reverse("reporting:annual", kwargs={"slug": sodra_vatterbygden.slug})
    adopt = reverse("reporting:annual-adopt", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2024"
    assert client.post(adopt, {"adopted_on": "2025-03-20", "registry_number": "Dnr 2025:02 / 3"}).status_code == 302
    adopted = AdoptedReport.objects.get()
    pdf_before = client.get(
        reverse("reporting:annual-pdf", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024}
    ).content
    assert adopted.html in client.get(base, {"year": 2024}).content.decode()

    # A correction: an ending to illness was really an ending to work.
    participant = Participant.objects.filter(
        intervention__name="Enter", ended_on__year=2024, end_reason="illness"
    ).first()
    participant.end_reason = "work"
    participant.save()

    assert annual_report(sodra_vatterbygden, 2024).participants.total.reason_cells[0] == 12  # the live figures move
    page_after = client.get(base, {"year": 2024}).content.decode()
    assert adopted.html in page_after  # the page shows the report as adopted, with 11 to work
    pdf_after = client.get(
        reverse("reporting:annual-pdf", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024}
    ).content
    assert pdf_after == pdf_before == bytes(adopted.pdf)
    import hashlib

    assert hashlib.sha256(pdf_after).hexdigest() == adopted.sha256
    # Adopting twice does nothing.
    client.post(adopt, {"adopted_on": "2025-04-01", "registry_number": "x"})
    assert AdoptedReport.objects.get().registry_number == "Dnr 2025:02 / 3"


def test_report_pages_run_the_same_queries_whatever_the_number_of_participants(client, sodra_vatterbygden):
    from datetime import date

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from interventions.models import Intervention, Participant

    client.force_login(get_user_model().objects.get(username="kansli"))
    urls = [
        reverse("reporting:annual", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2024",
        reverse("reporting:dashboard", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2024",
        reverse("reporting:interim", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2024",
    ]
    enter = Intervention.objects.get(name="Enter")
    habo = enter.municipalities.get(name="Habo")
    counts = []
    for round_ in range(2):
        with CaptureQueriesContext(connection) as captured:
            for url in urls:
                assert client.get(url).status_code == 200
        counts.append(len(captured))
        Participant.objects.bulk_create(
            Participant(
                intervention=enter,
                code=f"Q-{round_}-{i}",
                gender="woman",
                birth_year=1990,
                municipality=habo,
                enrolled_on=date(2024, 3, 1),
                ended_on=date(2024, 9, 1),
                end_reason="work",
            )
            for i in range(300)
        )
    assert counts[0] == counts[1]


def test_the_report_asks_the_same_queries_however_many_interventions(sodra_vatterbygden):
    """Appendix 2 counts each of its tables for every chapter at once: a federation funding
    two more interventions, with participants, goals and end classes, costs no query more."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from interventions.models import EndClass, Funding, Goal, Intervention, Participant

    def queries():
        with CaptureQueriesContext(connection) as captured:
            report = annual_report(sodra_vatterbygden, 2024)
        return len(captured), len(report.chapters)

    before, chapters = queries()
    enter = Intervention.objects.get(name="Enter")
    habo = enter.municipalities.get(name="Habo")
    for name in ("Ny insats A", "Ny insats B"):
        added = Intervention.objects.create(county=enter.county, name=name, starts_on=date(2023, 1, 1))
        added.municipalities.add(habo)
        Funding.objects.create(intervention=added, federation=sodra_vatterbygden)
        EndClass.objects.create(intervention=added, name="Spår 1", standard_reason="work")
        Goal.objects.create(federation=sodra_vatterbygden, intervention=added, text="Fler i arbete", measure="")
        Participant.objects.create(
            intervention=added,
            code=f"{name[-1]}-1",
            gender="man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
            ended_on=date(2024, 6, 1),
            end_reason="work",
        )
    after, more_chapters = queries()
    assert more_chapters == chapters + 2
    assert after == before


def test_appendix_1_summarises_the_plans_commitments(sodra_vatterbygden):
    report = annual_report(sodra_vatterbygden, 2024)
    assert len(report.commitments) == 8
    assert sorted(count for _label, count in report.commitments_summary) == [2, 6]
    measured = next(result for result in report.commitments if result.goal.measure)
    assert (measured.percent, measured.target_reached) == (23, True)  # 18 of 79 ended


def test_an_appendix_2_chapter_prints_what_the_app_holds(sodra_vatterbygden, client):
    """Participants by gender, the year's shares, who they were and figures since the start."""
    from django.contrib.auth import get_user_model

    from reporting.annual import annual_report

    report = annual_report(sodra_vatterbygden, 2024)
    enter = next(chapter for chapter in report.chapters if chapter.intervention.name == "Enter")
    assert (enter.counts.women, enter.counts.men) == (41, 39)
    assert sum(women + men for _band, women, men in enter.profile.ages[:-1]) == 80  # every participant in a band
    assert sum(count for _name, count in enter.profile.municipalities) == 80
    assert sum(count for _band, count in enter.profile.years_in_support) == 80
    assert enter.since_start.participants >= 80 and enter.since_start.ended >= 23
    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get("/f/sodra-vatterbygden/reports/annual/", {"year": 2024}).content.decode()
    for heading in ("Ålder vid inskrivning", "Folkbokföringskommun", "Remitterad av", "Sedan starten"):
        assert heading in page


@pytest.mark.parametrize("slug", ["sodra-vatterbygden", "finnveden"])
def test_the_budget_chart_draws_the_income_the_tables_print(demo, slug):
    """One figure, one value: the chart's "Intäkter" is the year's income the five-year
    overview and the operating statement print, financial income included."""
    from interventions.charts import whole_number

    report = annual_report(Federation.objects.get(slug=slug), 2024)
    accounts = report.accounts
    printed = accounts.overview[-1].income
    assert accounts.income.financial_income  # the year had some: the two figures would differ
    assert accounts.income.income == printed
    assert whole_number(printed / 1000) in report.charts["budget"]
    assert whole_number(accounts.income.operating_income / 1000) not in report.charts["budget"]


@pytest.mark.parametrize("kind", ["annual", "statements"])
def test_render_report_marks_every_page_of_a_draft_as_the_web_download_does(sodra_vatterbygden, tmp_path, kind):
    """The annual report not adopted, and the statements of a year still open, as drafts."""
    from federations.models import FiscalYear

    FiscalYear.objects.filter(federation=sodra_vatterbygden, year=2024).update(status=FiscalYear.Status.OPEN)
    output = tmp_path / f"{kind}.pdf"
    call_command(
        "render_report",
        kind,
        "--federation",
        "sodra-vatterbygden",
        "--year",
        "2024",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    pages = [page.extract_text() for page in pypdf.PdfReader(output).pages]
    assert len(pages) > 1 and all("UTKAST" in page for page in pages)


def test_every_total_of_endings_names_the_intervention_it_leaves_out(client, sodra_vatterbygden):
    """Koll på förmåga reports its endings in its own classes: the year in brief, the
    participant table and the endings table say so wherever they print the totals."""
    from django.contrib.auth import get_user_model

    [row] = annual_report(sodra_vatterbygden, 2024).participants.endings_elsewhere
    assert row.intervention.name == "Koll på förmåga" and row.counts.ended == 41
    client.force_login(get_user_model().objects.get(username="kansli"))
    pages = {
        name: client.get(reverse(name, kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024}).content.decode()
        for name in ("reporting:annual", "reporting:dashboard")
    }
    in_brief = pages["reporting:annual"].split('id="in-brief"')[1].split("</section>")[0]
    for text in (in_brief, pages["reporting:dashboard"]):
        assert "Koll på förmåga (41 avslutade)" in text
    assert pages["reporting:annual"].count("endings-elsewhere") == 3  # in brief, the participant and endings tables


def test_the_reports_words_read_as_a_sentence(client, sodra_vatterbygden):
    """No "beviljat — kr" where an intervention has no grant, and "Avslutade" (a count of
    participants) where the report heads a count."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get(reverse("reporting:annual", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024})
    text = page.content.decode()
    assert "—&nbsp;kr" not in text and "— kr" not in text
    assert "ingen beviljad summa" in text
    in_brief = text.split('id="in-brief"')[1].split("</section>")[0]
    assert "Avslutade</th>" in in_brief and "Avslutad</th>" not in in_brief


def test_the_demos_assessments_agree_with_their_figures(sodra_vatterbygden):
    """An assessment printed beside a measured figure does not claim more than the figure:
    Enter's survey reaches 75 % on none of its questions, and says so."""
    report = annual_report(sodra_vatterbygden, 2024)
    results = [result for chapter in report.chapters for result in chapter.goals if result.assessment]
    assert results
    for result in results:
        if result.target_reached is False:
            assert result.assessment.status != "met", result.goal.text
    [survey] = [result for result in results if result.goal.measure == "survey_clearly_positive"]
    assert survey.target_reached is False and survey.assessment.status == "not_met"


def test_rounded_parts_that_do_not_add_up_say_they_are_rounded(client, sodra_vatterbygden):
    """The socio-economic effect per intervention, each rounded to tkr (1 750 + 972 + 778),
    beside a total rounded from the exact sum (3 499): the table says so."""
    from django.contrib.auth import get_user_model

    effect = annual_report(sodra_vatterbygden, 2024).socioeconomic
    parts = sum(round(row.per_year / 1000) for row in effect.per_intervention)
    assert parts != round(effect.per_year / 1000)  # the case the caption is for
    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get(reverse("reporting:annual", kwargs={"slug": sodra_vatterbygden.slug}), {"year": 2024})
    table = page.content.decode().split('class="table figures socioeconomic"')[1].split("</table>")[0]
    assert "avrundat från det exakta beloppet" in table
