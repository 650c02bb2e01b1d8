import io
from decimal import Decimal

import pypdf
from django.core.management import call_command
from django.urls import reverse

from federations.models import Federation
from reporting.periodic import business_plan, interim_report


def whole(values):
    return [int(value.quantize(Decimal(1))) for value in values]


def test_the_interim_report_2012_reproduces_the_published_economy(demo):
    report = interim_report(Federation.objects.get(slug="sodra-vatterbygden"), 2012)
    assert [column.label for column in report.money.columns][0].startswith("Budget")
    assert whole(report.money.available)[:3] == [4546318, 2326901, 4544718]
    assert whole(report.period_results) == [95018, 1152772, 724718, 724718 - 95018]  # the prognosis's deviation
    assert report.filename == "sv-delarsrapport-2012.pdf"


def test_the_business_plan_2027_flags_its_negative_plan_year(demo):
    plan = business_plan(Federation.objects.get(slug="sodra-vatterbygden"), 2027)
    assert [column.year for column in plan.money.columns] == [2026, 2026, 2027, 2028, 2029]
    assert len(plan.findings) == 1 and "2029" in plan.findings[0]
    # The grants come from the board's decisions: IT-spåret's of November 2025, for 2026–2028.
    assert {row.intervention.name: row.granted for row in plan.grants} == {
        "Enter": 3900000,
        "NOVA – Stöd i förändring": 3330000,
        "Funktionsnedsatta i arbete": 1450000,
        "IT-spåret": 600000,
    }
    # Beside each grant, the participants the year is budgeted for (issue 30).
    assert {row.intervention.name: row.participants for row in plan.grants} == {
        "Enter": 75,
        "NOVA – Stöd i förändring": 30,
        "Funktionsnedsatta i arbete": 25,
        "IT-spåret": 12,
    }


def test_the_interim_pdf_reads_back(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="styrelse"))
    response = client.get(reverse("reporting:interim-pdf", kwargs={"slug": "sodra-vatterbygden"}), {"year": 2012})
    assert response["Content-Disposition"] == 'attachment; filename="sv-delarsrapport-2012.pdf"'
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages).replace(
        "\u00a0", " "
    )
    for figure in ["95 018", "1 152 772", "724 718", "4 546 318"]:
        assert figure in text


def test_render_report_plan_and_interim(demo, tmp_path):
    for kind, year in [("plan", "2027"), ("interim", "2012")]:
        output = tmp_path / f"{kind}.pdf"
        call_command(
            "render_report",
            kind,
            "--federation",
            "sodra-vatterbygden",
            "--year",
            year,
            "--format",
            "pdf",
            "--output",
            str(output),
            stdout=io.StringIO(),
        )
        assert output.read_bytes().startswith(b"%PDF")


def test_the_interim_report_counts_up_to_its_period_end_and_shows_outcome_and_prognosis(client, demo):
    from datetime import date

    from django.contrib.auth import get_user_model

    from interventions.models import Intervention, Participant

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    before = interim_report(federation, 2024).participants.total
    enter = Intervention.objects.get(name="Enter")
    habo = federation.memberships.get(organisation__name="Habo kommun").organisation.municipality
    values = {"intervention": enter, "gender": "woman", "birth_year": 1990, "municipality": habo}
    Participant.objects.create(code="JULI-1", enrolled_on=date(2024, 7, 1), **values)
    Participant.objects.create(code="MAJ-1", enrolled_on=date(2024, 5, 1), ended_on=date(2024, 8, 1), **values)
    report = interim_report(federation, 2024)
    assert report.period_end == date(2024, 6, 30)
    after = report.participants.total
    assert (after.active, after.new, after.ended) == (before.active + 1, before.new + 1, before.ended)
    assert [column.label for column in report.money.columns] == [
        "Budget 2024",
        "Utfall jan–jun 2024",
        "Prognos 2024",
        "Avvikelse prognos–budget",
    ]
    budget, _actual, prognosis, deviation = report.money.result
    assert deviation == prognosis - budget

    client.force_login(get_user_model().objects.get(username="styrelse"))
    response = client.get(reverse("reporting:interim-pdf", kwargs={"slug": federation.slug}), {"year": 2024})
    text = " ".join(
        " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "Utfall jan–jun 2024" in text
    assert "Prognos 2024" in text
    assert "Avvikelse prognos" in text
    office = next(row for row in report.money.administration if row.kind == "office")
    assert all(f"{int(cell):,}".replace(",", " ") in text for cell in office.cells[:3])


def test_the_office_writes_the_texts_and_the_board_adopts_each_document(client, demo):
    from django.contrib.auth import get_user_model

    from reporting.models import AdoptedReport

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    client.force_login(get_user_model().objects.get(username="kansli"))
    for kind, year, field, text in [
        ("interim", 2024, "summary", "Halvåret gick enligt plan."),
        ("plan", 2027, "direction", "Förbundet prioriterar unga vuxna."),
    ]:

        def url(name, kind=kind, year=year):
            return reverse(f"reporting:{name}", kwargs={"slug": federation.slug}) + f"?year={year}"

        form = client.get(url(f"{kind}-texts")).context["form"]
        data = {name: "" for name in form.fields} | {field: text, "version": form["version"].value() or ""}
        assert client.post(url(f"{kind}-texts"), data).status_code == 302
        assert text in client.get(url(kind)).content.decode()

        draft = client.get(url(f"{kind}-pdf")).content
        assert "UTKAST" in pypdf.PdfReader(io.BytesIO(draft)).pages[1].extract_text()
        client.post(url(f"{kind}-adopt"), {"adopted_on": f"{year}-09-20", "registry_number": f"Dnr {year}:7"})
        adopted = AdoptedReport.objects.get(federation=federation, kind=kind, year=year)
        pdf = client.get(url(f"{kind}-pdf")).content
        assert pdf == bytes(adopted.pdf)
        pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
        assert not any("UTKAST" in page for page in pages)
        assert f"Dnr {year}:7" in pages[0] and f"{year}-09-20" in pages[0]
        assert text in " ".join(" ".join(pages).split())
        # frozen: a text changed after the adoption does not change the adopted document (the
        # form is closed: tests/reporting/test_checks_at_decisions.py)
        client.post(url(f"{kind}-texts"), {field: "Ny text."})
        page = client.get(url(kind)).content.decode()
        assert adopted.html in page and text in page and "Ny text." not in page


def test_the_interim_report_has_a_balance_sheet_at_its_period_end(demo):
    from datetime import date

    from finances.importers import AccountsImporter
    from finances.models import BalanceItem

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    report = interim_report(federation, 2024)
    sheet = report.balance
    assert sheet.opening_equity == Decimal("2300000")  # 2023's closing equity
    assert sheet.result == report.money.result[1]  # the result of January–June
    assert sheet.total_assets == sheet.total_equity_and_liabilities and report.balance_findings == []
    # the year-end balance sheet does not see the interim items
    year_end_items = BalanceItem.objects.filter(federation=federation, year=2024).at_year_end()
    assert not year_end_items.filter(period_end__isnull=False).exists()

    # an item per 30 April comes in through the accounts import, beside the year end's
    file = "scenario;år;periodslut;typ;namn;belopp\nutfall;2026;2026-04-30;kassa och bank;;1 200 000\n".encode()
    result = AccountsImporter(federation).run(file, "saldon.csv", save=True)
    assert result.problems == []
    assert BalanceItem.objects.get(federation=federation, period_end=date(2026, 4, 30)).amount == 1200000


def test_the_interim_periods_balance_carried_forward_is_the_balance_sheets_equity(demo):
    """One figure, one value: the period's "preliminary balance carried forward" starts from
    the year's opening equity (2 300 000), as the balance sheet beside it does."""
    report = interim_report(Federation.objects.get(slug="sodra-vatterbygden"), 2024)
    actual = next(i for i, column in enumerate(report.money.columns) if getattr(column, "scenario", "") == "actual")
    assert report.money.closing_balance[actual] == report.balance.equity == Decimal("2210384")


def test_a_plan_carries_in_what_the_books_and_the_prognosis_say_not_a_typed_balance(demo):
    from finances.models import Budget
    from finances.statements import year_end

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    # A balance typed into the budget 2026 that the books and the prognosis do not say.
    Budget.objects.filter(federation=federation, year=2026, scenario="budget").update(carried_balance=1600000)
    plan = business_plan(federation, 2026)
    table = plan.money
    assert [(column.scenario, column.year) for column in table.columns] == [
        ("budget", 2025),
        ("prognosis", 2025),
        ("budget", 2026),
        ("plan", 2027),
        ("plan", 2028),
    ]
    closed_2024 = year_end(federation, 2024).balance.equity
    assert table.carried[0] == table.carried[1] == closed_2024  # 1 648 800, as the deck's budget 2025 opens
    assert table.carried[2] == table.closing_balance[1]  # the prognosis 2025 carries forward into 2026
    assert table.carried[3] == table.closing_balance[2] and table.carried[4] == table.closing_balance[3]
    assert 1600000 not in table.carried
    assert plan.checklist.missing == []


def test_a_plan_without_one_of_its_years_is_listed_and_not_adopted(demo, client):
    from django.contrib.auth import get_user_model

    from finances.models import Budget
    from reporting.models import AdoptedReport

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    Budget.objects.filter(federation=federation, year=2027, scenario="plan").delete()
    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get(reverse("reporting:plan", kwargs={"slug": federation.slug}), {"year": 2026}).content.decode()
    assert "Innan styrelsen kan anta rapporten" in page and "Plan 2027 är inte upprättad" in page
    response = client.post(
        reverse("reporting:plan-adopt", kwargs={"slug": federation.slug}) + "?year=2026",
        {"adopted_on": "2025-11-27", "registry_number": "Dnr 1", "despite_checks": "on"},
        follow=True,
    )
    said = " ".join(str(message) for message in response.context["messages"])
    assert "antas inte" in said and "Plan 2027" in said
    assert not AdoptedReport.objects.filter(federation=federation, kind="plan").exists()


def test_the_interim_report_states_no_assessment_made_at_the_years_end(demo):
    from django.template.loader import render_to_string

    from interventions.models import GoalAssessment

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    assessment = GoalAssessment.objects.filter(goal__federation=federation, goal__intervention=None, year=2024).first()
    assessment.comment = "Påbörjad hösten 2024, klar våren 2025."
    assessment.save()
    report = interim_report(federation, 2024)
    assert report.commitments and all(result.assessment is None for result in report.commitments)
    html = render_to_string("reporting/_interim_report.html", {"report": report})
    assert "klar våren 2025" not in html and assessment.get_status_display() not in html
    assert "Siffra t.o.m. 2024-06-30" in html


def test_the_interim_reports_of_the_demo_are_complete_and_tie(demo):
    for slug in ("sodra-vatterbygden", "hoglandet", "finnveden"):
        checklist = interim_report(Federation.objects.get(slug=slug), 2024).checklist
        assert (checklist.missing, checklist.problems) == ([], []), slug
    # the published balance sheet per 30 June 2012: 3 494 195 on both sides
    report = interim_report(Federation.objects.get(slug="sodra-vatterbygden"), 2012)
    assert (report.checklist.missing, report.checklist.problems) == ([], [])
    assert int(report.balance.total_assets) == int(report.balance.total_equity_and_liabilities) == 3494195
