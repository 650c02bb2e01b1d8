"""The member-consultation deck of 2025 (figures of 2024) from the demo data: the
figures of the seed deck, on the slides and read back from the landscape PDF."""

import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from consultations.deck import member_consultation_deck
from consultations.documents import deck_html, deck_pdf
from consultations.models import Consultation
from finsam.disclosure import is_withheld
from interventions.models import Participant

from ..reports.test_golden_participants import SODRA_VATTERBYGDEN_2024, cells

# Every test here reads the database, some only through the module's rendered deck:
# the mark keeps them with the database tests, before the browser tests empty it.
pytestmark = pytest.mark.django_db


def whole(values):
    return [int(value.quantize(Decimal(1))) if value is not None else None for value in values]


@pytest.fixture(scope="module")
def rendered(demo_data, django_db_blocker):
    """The deck's HTML and PDF, rendered once for the module."""
    with django_db_blocker.unblock():
        deck = member_consultation_deck(Consultation.objects.get(held_on="2025-02-28"))
        return deck_html(deck), deck_pdf(deck)


@pytest.fixture
def deck(demo):
    """The deck's exact figures: what it shows, protected, is read from ``rendered``."""
    return member_consultation_deck(Consultation.objects.get(held_on="2025-02-28"), protect=False)


def sections(deck):
    return {section.federation.slug: section for section in deck.sections}


def pdf_text(pdf):
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"[ \u00a0]+", " ", text)


def test_the_deck_shows_the_figures_of_the_year_before_the_meeting(deck):
    assert deck.year == 2024
    assert [section.federation.short_name for section in deck.sections] == ["Finnveden", "Höglandet", "SV"]


def test_sodra_vatterbygdens_participant_table(deck):
    table = sections(deck)["sodra-vatterbygden"].report.participants
    computed = {row.intervention.label: cells(row.counts, row.endings_counted) for row in table.rows}
    computed["Totalt"] = cells(table.total)
    assert computed == SODRA_VATTERBYGDEN_2024


def test_hoglandets_economy_table(deck):
    economy = sections(deck)["hoglandet"].economy
    assert economy.labels == ["Budget 2024", "Utfall 2024", "Budget 2025"]
    table = economy.table
    assert whole(table.income_total) == [8086000, 8438882, 8005000]
    assert whole(table.contributions) == [8036000, 8036000, 7880000]
    assert whole(table.other_income) == [50000, 402882, 125000]
    assert whole(table.costs_total) == [8236000, 8594456, 9393300]
    assert whole(table.activities_total) == [6710500, 6717954, 7853300]
    assert whole(table.administration_total) == [1525500, 1876502, 1540000]
    assert whole(table.result) == [-150000, -155574, -1388300]
    assert whole(table.closing_balance) == [1489471, 1483897, 95597]
    # "rekommenderas ligga under 1,2 Mkr (15% av medelstilldelning)"
    assert economy.equity_recommendation == Decimal(1205400)
    assert economy.equity_above_recommendation


@pytest.mark.parametrize(
    "slug, budget, actual, next_budget, shares",
    [
        ("sodra-vatterbygden", 11356500, 11819200, 11845000, ("81.0", "9.0", "10.0")),
        ("finnveden", 5944500, 5746700, 5777000, ("66.0", "20.0", "14.0")),
    ],
)
def test_costs_and_their_distribution(deck, slug, budget, actual, next_budget, shares):
    economy = sections(deck)[slug].economy
    assert whole(economy.table.costs_total) == [budget, actual, next_budget]
    distribution = economy.costs.shares()
    assert tuple(str(distribution[key]) for key in ("individual", "structural", "administration")) == shares


def test_hoglandets_funded_interventions_as_published(deck):
    """The seed's slide "Finansierade insatser 2024" for Höglandet, row by row."""

    def kronor(amount):
        return None if amount is None else int(amount.quantize(Decimal(1)))

    section = next(section for section in deck.sections if section.federation.slug == "hoglandet")
    individual = {
        row.intervention.label: (
            kronor(row.cost),
            row.staff,
            row.counts.active,
            row.counts.ended,
            row.counts.to_work_or_studies,
            kronor(row.effect),
        )
        for row in section.funded_individual
    }
    assert individual["SE-Höglandet"] == (3975750, Decimal("8.55"), 220, 74, 42, 8164800)
    assert individual["IT-spåret"] == (562500, Decimal("2"), 12, 4, 2, 388800)
    structural = {row.intervention.label: (kronor(row.cost), row.staff) for row in section.funded_structural}
    assert structural == {
        "Inspirationsdag": (97637, None),
        "Räkna med oss!": (150000, None),
        "Uppdrag samverkan": (1800000, Decimal("3")),
        "Välfärdsguiden": (50400, None),
    }


def test_the_funded_interventions_show_the_exact_figures_or_withhold_them(deck):
    """What the deck shows of each funded intervention is its exact figure, or "<5" where
    that is 1–4, or "x"; never another number."""
    shown = member_consultation_deck(deck.consultation)
    for exact_section, shown_section in zip(deck.sections, shown.sections):
        for exact, seen in zip(exact_section.funded_individual, shown_section.funded_individual):
            for name in ("active", "new", "ended", "to_work_or_studies"):
                value, displayed = getattr(exact.counts, name), getattr(seen.counts, name)
                assert displayed == value or is_withheld(displayed), (exact.intervention, name)
                assert not (0 < value < 5) or is_withheld(displayed), (exact.intervention, name)
    hoglandet = {row.intervention.label: row for row in sections(shown)["hoglandet"].funded_individual}
    assert is_withheld(hoglandet["IT-spåret"].counts.ended)  # 4 ended
    assert hoglandet["IT-spåret"].counts.active == 12
    assert hoglandet["SE-Höglandet"].counts.active == 220


def test_the_socioeconomic_comparison(deck):
    comparison = {
        effect.federation.short_name: (
            round(effect.contributions / 1000),
            effect.counted,
            round(effect.per_year / 1000),
        )
        for effect in deck.socioeconomic
    }
    assert comparison == {"SV": (11148, 18, 3499), "Finnveden": (5058, 4, 778), "Höglandet": (8036, 44, 8554)}


def test_chairs_positions_and_rotation(deck):
    chairs = {
        row.federation.short_name: (row.chair.appointed_by.label, row.vice_chair.appointed_by.label)
        for row in deck.chairs
    }
    assert chairs == {"SV": ("RJL", "Habo"), "Höglandet": ("Aneby", "Tranås"), "Finnveden": ("Gislaved", "RJL")}
    assert str(deck.previous.held_on) == "2024-02-23"
    assert [position.text[:22] for position in deck.followed_up] == ["Fokus på samverkan run", "Effektutvärdering och "]
    assert all(position.follow_up for position in deck.followed_up)
    assert len(deck.proposed) == 1
    assert [f"{term.term} {term.conveners}" for term in deck.rotation][:3] == [
        "2024-25 Tranås",
        "2023-24 AF",
        "2022-23 Vaggeryd",
    ]
    assert deck.rotation[-1].term == "2015"
    assert len(deck.rotation) == 11


def test_the_pdf_is_landscape_with_one_slide_a_page(rendered):
    html, pdf = rendered
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    slides = html.count('<section class="slide')
    assert slides > 20
    assert len(pages) == slides
    assert all(page.mediabox.width > page.mediabox.height for page in pages)


def test_every_chart_fits_its_slide_with_text_of_at_least_11_pt(rendered):
    """Drawn inside the page's content box (18 mm side margins, 14 mm top, 16 mm bottom),
    value labels kept, and no text under 11 pt but the page number in the footer."""
    import pdfplumber

    mm = 72 / 25.4
    _html, pdf = rendered
    chart_pages = 0
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            drawings = page.rects + page.curves + page.lines
            text = page.extract_text()
            chart_pages += any(title in text for title in ("efter kön", "per orsak", "Budget och utfall"))
            assert all(18 * mm - 1 <= shape["x0"] and shape["x1"] <= page.width - 18 * mm + 1 for shape in drawings)
            assert all(shape["bottom"] <= page.height - 16 * mm + 1 for shape in drawings)
            body = [char for char in page.chars if char["top"] < page.height - 16 * mm]
            assert all(char["size"] >= 11 for char in body)
    assert chart_pages >= 6


def test_the_pdf_reads_back_the_published_figures(rendered):
    text = pdf_text(rendered[1])
    assert "Totalt 134 119 162 79 11 7 21 28 12" in text  # SV's participant table
    # Enter's 3 and 2 ended to studies and rehabilitation are "<5"; its 6 to work is
    # withheld, or the 3 and 2 would be 23 − 6 − 12 apart.
    assert "Enter 41 39 38 23 x <5 <5 12" in text
    for row in [
        "Intäkter 8 086 000 8 438 882 8 005 000",
        "Kostnader 8 236 000 8 594 456 9 393 300",
        "Resultat -150 000 -155 574 -1 388 300",
        "Eget kapital * 1 489 471 1 483 897 95 597",
    ]:
        assert row in text  # Höglandet's economy
    assert "Kostnader 11 356 500 11 819 200 11 845 000" in text  # SV
    assert "Kostnader 5 944 500 5 746 700 5 777 000" in text  # Finnveden
    assert "Medlemsbidrag 5 058 tkr 8 036 tkr 11 148 tkr" in text
    # Finnveden's 4 to work or studies are "<5", and their effect (4 × 194 400) is withheld;
    # Höglandet's 44 is withheld to protect IT-spåret's 2 beside SE-Höglandet's 42, which
    # the slide of funded interventions shows whole.
    assert "Antal deltagare till arbete/studier <5 x 18" in text
    assert "Socioekonomisk effekt per år x x 3 499 tkr" in text
    assert "2024-25 Tranås" in text


def test_the_slides_page_has_a_counter_and_keys_but_no_inline_script(client, deck, django_user_model):
    client.force_login(django_user_model.objects.get(username="kansli"))
    consultation = deck.consultation
    response = client.get(reverse("consultations:deck", kwargs={"county": "jonkopings-lan", "pk": consultation.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-deck-counter" in html and "js/deck.js" in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


def test_the_deck_asks_the_same_queries_however_many_participants(deck, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    consultation = deck.consultation
    with CaptureQueriesContext(connection) as before:
        member_consultation_deck(consultation)
    enter = Participant.objects.filter(intervention__name="Enter").first()
    for n in range(40):
        enter.pk = None
        enter.code = f"EXTRA-{n}"
        enter.save()
    with django_assert_num_queries(len(before.captured_queries)):
        member_consultation_deck(consultation)


def test_the_deck_asks_the_same_queries_for_one_federation_as_for_three(deck, django_assert_num_queries):
    """Each of the deck's tables is counted for all its federations at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    consultation = deck.consultation
    three = list(consultation.federations.all())
    with_goals = [section.federation for section in deck.sections if section.goal_chapters]
    consultation.federations.set(with_goals[:1])  # a goal's assessments are one query more
    with CaptureQueriesContext(connection) as one:
        member_consultation_deck(consultation)
    consultation.federations.set(three)
    with django_assert_num_queries(len(one.captured_queries)):
        member_consultation_deck(consultation)


def test_the_deck_shows_each_federations_annual_report(deck):
    """The deck counts its figures for the county at once (consultations.figures); they are
    the figures of each federation's own annual report, exact and protected alike."""
    from consultations.deck import SHOWN
    from reporting.annual import exact_annual_report, protected_report

    def shown(report):
        return (
            [(row.intervention, row.counts, row.endings_counted) for row in report.participants.rows],
            report.participants.total,
            report.endings,
            [
                (c.intervention, c.counts, c.survey, c.since_start, [(g.goal, g.percent, g.figure) for g in c.goals])
                for c in report.chapters
            ],
            report.socioeconomic and (report.socioeconomic.counted, report.socioeconomic.per_intervention),
            [(line.intervention, line.actual, line.attendance) for line in report.structural],  # not its text
            (report.accounts.income, report.accounts.budgeted_income),
            {name: report.charts.get(name) for name in ("participants", "endings", "budget")},
        )

    protected = member_consultation_deck(deck.consultation)
    for section, protected_section in zip(deck.sections, protected.sections):
        report = exact_annual_report(section.federation, deck.year)
        assert shown(section.report) == shown(report), section.federation
        assert shown(protected_section.report) == shown(protected_report(report, SHOWN)), section.federation


def test_render_report_deck(demo, tmp_path):
    output = tmp_path / "deck.html"
    call_command(
        "render_report",
        "deck",
        "--county",
        "jonkopings-lan",
        "--year",
        "2024",
        "--format",
        "html",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    html = output.read_text()
    assert "3\u00a0499&nbsp;tkr" in html and "Medlemssamråd" in html
    with pytest.raises(CommandError, match="2019"):
        call_command("render_report", "deck", "--county", "jonkopings-lan", "--year", "2019", "--output", str(output))


def test_a_deck_before_the_books_are_closed_says_what_is_missing(demo):
    from django.utils.translation import gettext

    from federations.models import Federation

    consultation = Consultation.objects.create(
        county_id=Federation.objects.first().county_id, held_on=date(2031, 2, 27), year=2030
    )
    consultation.federations.set(Federation.objects.all())
    deck = member_consultation_deck(consultation)
    html = deck_html(deck)
    assert gettext("No budget or accounts for %(year)s.") % {"year": 2030} in html
    assert gettext("No positions proposed yet.") in html
    assert deck.previous.held_on.isoformat() == "2025-02-28"  # whose proposal it follows up
    pages = pypdf.PdfReader(io.BytesIO(deck_pdf(deck))).pages
    assert len(pages) == html.count('<section class="slide')


def test_one_federations_dollar_named_intervention_does_not_break_the_county_deck(deck):
    """Matplotlib reads $…$ as mathtext; every label is drawn as it is written."""
    from interventions.models import Intervention

    name = r"Kostnad 5$ eller \frac{ 3$"
    Intervention.objects.filter(name="Enter").update(name=name, short_name="")
    deck = member_consultation_deck(Consultation.objects.get(held_on="2025-02-28"))
    assert name in deck_html(deck)
    assert "Kostnad 5$ eller" in pdf_text(deck_pdf(deck))


def test_the_deck_checks_itself_and_its_page_lists_what_is_missing(demo, client, django_user_model):
    from consultations.checklist import deck_checklist
    from finances.models import Budget

    consultation = Consultation.objects.get(held_on="2025-02-28")
    checklist = deck_checklist(member_consultation_deck(consultation))
    assert (checklist.missing, checklist.problems) == ([], []) and len(checklist.checks) == 6

    Budget.objects.filter(federation__slug="hoglandet", year=2025, scenario="budget").delete()
    checklist = deck_checklist(member_consultation_deck(consultation))
    assert checklist.missing == ["Höglandet: budgeten för 2025 är inte registrerad."]
    client.force_login(django_user_model.objects.get(username="kansli"))
    page = client.get(reverse("consultations:detail", kwargs={"county": "jonkopings-lan", "pk": consultation.pk}))
    html = page.content.decode()
    assert "Innan bildspelet är komplett" in html and "Höglandet: budgeten för 2025 är inte registrerad." in html


def test_the_esf_slide_prints_the_projects_budget_and_its_own_results(rendered, deck):
    """The seed deck's slide "ESF-projekt Kommunal utveckling 2024-2026, total budget 19
    miljoner, 74% måluppfyllnad – 226 (av 307) unika deltagare, 4 427 (av 5 992) timmar":
    the demo's ESF project, its total the ESF money and the federations' grants of every year."""
    from interventions.models import ExternalFunding, InterventionYear

    project = next(project for project in deck.co_financed if project.intervention.name == "Räkna med oss!")
    external = sum(ExternalFunding.objects.filter(intervention=project.intervention).values_list("amount", flat=True))
    granted = sum(
        InterventionYear.objects.filter(intervention=project.intervention, granted__isnull=False).values_list(
            "granted", flat=True
        )
    )
    assert project.total == external + granted == Decimal("19000000")
    assert (project.years, project.is_esf, project.result.reported_on) == ("2024–2026", True, date(2025, 1, 31))
    text = pdf_text(rendered[1])
    assert "ESF-projekt Räkna med oss! 2024–2026" in text
    assert "Total budget – 19,0 miljoner kronor" in text
    assert "74 % måluppfyllnad – 226 (av 307) unika deltagare" in text
    assert "4 427 (av 5 992) timmar" in text


def test_a_projects_small_count_of_participants_is_withheld_on_the_slide(demo):
    from interventions.models import Intervention, ProjectResult

    fia = Intervention.objects.get(name="Funktionsnedsatta i arbete")
    ProjectResult.objects.create(
        intervention=fia, reported_on=date(2025, 1, 15), participants=3, participants_target=40
    )
    consultation = Consultation.objects.get(held_on="2025-02-28")
    exact = next(p for p in member_consultation_deck(consultation, protect=False).co_financed if p.intervention == fia)
    shown = next(p for p in member_consultation_deck(consultation).co_financed if p.intervention == fia)
    assert (exact.participants, exact.participants_percent) == (3, 8)
    assert is_withheld(shown.participants) and shown.participants_percent is None
    assert "unika deltagare" in deck_html(member_consultation_deck(consultation))


def test_the_deck_introduces_finsam_and_gives_each_intervention_its_slide(rendered, settings):
    """The seed deck's "69 förbund i Sverige med 274 kommuner", the law, the target group and
    the 50/25/25 financing; a slide per intervention with the office's approved text only."""
    text = pdf_text(rendered[1])
    assert "69 förbund i Sverige med 274 kommuner" in text
    assert "Finansiell samordning av rehabilitering" in text and "(SFS 2003:1210)" in text
    assert "50 % staten" in text and "25 % regionen" in text and "25 % kommunerna" in text
    assert "Enter arbetade under året med unga vuxna" in text  # approved by the office
    assert "NOVA gav stöd till personer med långvarig sjukskrivning" not in text  # ready, not yet approved
