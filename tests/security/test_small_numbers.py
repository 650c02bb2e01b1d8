"""Small-number protection on what leaves the office, from the demo data: Finnveden's
IT-spåret had one participant in 2025 — a man aged 20–24 who went on to studies. Board
members, auditors and the county's readers must not be able to see or work out a count
of 1–4; office staff see the exact figures."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from consultations.deck import member_consultation_deck
from consultations.models import Consultation, CountyRole
from federations.models import Federation, Role
from finsam.disclosure import is_withheld
from interventions.figures import GENDERS, REASONS
from interventions.models import Intervention
from reporting.annual import annual_report

from ..conftest import make_user
from ..disclosure_check import recomputable

pytestmark = pytest.mark.django_db


class Cells(HTMLParser):
    """The text of every cell of the tables of class "figures" on a page."""

    def __init__(self):
        super().__init__()
        self.depth, self.cells, self.text = 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "figures" in (dict(attrs).get("class") or ""):
            self.depth += 1
        elif self.depth and tag in ("td", "th"):
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.text is not None:
            self.cells.append(self.text.strip())
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def figure_cells(response):
    parser = Cells()
    parser.feed(response.content.decode())
    return parser.cells


def small(cells):
    return [cell for cell in cells if re.fullmatch(r"[1-4]", cell)]


@pytest.fixture
def it_sparet_finnveden(demo, client):
    intervention = Intervention.objects.get(name="IT-spåret")
    finnveden = Federation.objects.get(slug="finnveden")
    return reverse("interventions:detail", kwargs={"slug": finnveden.slug, "pk": intervention.pk}) + "?year=2025"


@pytest.mark.parametrize("kind", [Role.Kind.BOARD, Role.Kind.AUDITOR])
def test_the_board_and_the_auditors_see_no_count_of_one_to_four(kind, it_sparet_finnveden, client):
    client.force_login(make_user(f"reader-{kind}", Federation.objects.get(slug="finnveden"), kind))
    response = client.get(it_sparet_finnveden)
    cells = figure_cells(response)
    assert "<5" in cells
    assert small(cells) == []
    sentences = response.content.decode()
    assert not re.search(r"\b[1-4] av \d+", sentences)
    assert "Diskretionsskydd" in sentences or "Small-number" in sentences


def test_office_staff_see_the_exact_counts(it_sparet_finnveden, client):
    client.force_login(make_user("finnveden-office", Federation.objects.get(slug="finnveden"), Role.Kind.OFFICE))
    cells = figure_cells(client.get(it_sparet_finnveden))
    assert "<5" not in cells
    assert "1" in cells


def test_the_interventions_list_and_its_export_protect_the_active_participants(demo, client):
    """Södra Vätterbygden's residents in IT-spåret this year are a handful."""
    federation = Federation.objects.get(slug="sodra-vatterbygden")
    url = reverse("interventions:list", kwargs={"slug": federation.slug})
    client.force_login(make_user("sv-office", federation, Role.Kind.OFFICE))
    assert re.search(r",[1-4]\r?$", client.get(url + "?_export=csv").content.decode(), re.M)
    client.force_login(make_user("sv-board", federation, Role.Kind.BOARD))
    listed = client.get(url).content.decode()
    exported = client.get(url + "?_export=csv").content.decode()
    assert not re.search(r'<td class="number">[1-4]</td>', listed)
    assert "&lt;5" in listed
    assert not re.search(r",[1-4]\r?$", exported, re.M)
    assert re.search(r",<5\r?$", exported, re.M)


def table_values(table):
    """(true, shown) per figure of a protected participant table as the deck shows it —
    women, men, new, ended and the end reasons of every row and the total — and the sums a
    reader knows hold between them."""
    values, sums = [], []

    def add(true, shown):
        values.append((true, shown))
        return len(values) - 1

    def cells_of(true, shown, counted=True):
        cells = {
            "women": add(true.by_gender[GENDERS[0]]["active"], shown.by_gender[GENDERS[0]]["active"]),
            "men": add(true.by_gender[GENDERS[1]]["active"], shown.by_gender[GENDERS[1]]["active"]),
            "participants": add(true.active, shown.active),
            "new": add(true.new, shown.new),
        }
        sums.append((cells["participants"], [cells["women"], cells["men"]]))
        if counted:
            cells["ended"] = add(true.ended, shown.ended)
            for reason in REASONS:
                cells[reason] = add(true.by_reason[reason], shown.by_reason[reason])
            sums.append((cells["ended"], [cells[reason] for reason in REASONS]))
        return cells

    return values, sums, cells_of


@pytest.fixture
def protected_deck(demo):
    return member_consultation_deck(Consultation.objects.get(held_on="2025-02-28"))


def test_the_deck_shows_no_count_of_one_to_four_and_none_can_be_worked_back(protected_deck):
    withheld = 0
    for section in protected_deck.sections:
        exact = annual_report(section.federation, protected_deck.year, protect=False).participants
        shown = section.report.participants
        values, sums, cells_of = table_values(None)
        rows = [cells_of(true.counts, seen.counts, true.endings_counted) for true, seen in zip(exact.rows, shown.rows)]
        total = cells_of(exact.total, shown.total)
        for name, index in total.items():
            sums.append((index, [row[name] for row in rows if name in row]))
        assert [true for true, seen in values if not is_withheld(seen) and 0 < seen < 5] == []
        assert recomputable(values, sums) == [], section.federation
        withheld += sum(1 for _true, seen in values if is_withheld(seen))
        for row in section.funded_individual:
            for value in (row.counts.active, row.counts.ended, row.counts.to_work_or_studies):
                assert is_withheld(value) or not 0 < value < 5
    assert withheld  # the demo has small counts: the rule did something


def test_the_deck_page_shows_the_rule(protected_deck, client):
    consultation = protected_deck.consultation
    reader = make_user("county-reader")
    CountyRole.objects.create(user=reader, county=consultation.county, kind=CountyRole.Kind.READER)
    client.force_login(reader)
    page = client.get(reverse("consultations:deck", kwargs={"county": consultation.county.slug, "pk": consultation.pk}))
    text = page.content.decode()
    assert "&lt;5" in text
    assert small(figure_cells(page)) == []


def test_the_annual_report_is_exact_unless_the_federation_turns_protection_on(demo):
    finnveden = Federation.objects.get(slug="finnveden")
    exact = annual_report(finnveden, 2024)
    assert not exact.protected
    assert any(0 < row.counts.active < 5 for row in exact.participants.rows)
    finnveden.protect_small_numbers_in_reports = True
    finnveden.save()
    protected = annual_report(finnveden, 2024)
    assert protected.protected
    assert all(is_withheld(row.counts.active) or not 0 < row.counts.active < 5 for row in protected.participants.rows)
    for chapter in protected.chapters:
        for _band, women, men in chapter.profile.ages:
            assert is_withheld(women) or not 0 < women < 5
            assert is_withheld(men) or not 0 < men < 5


def test_what_the_deck_withholds_on_one_slide_cannot_be_worked_out_from_another(protected_deck):
    """Every participant figure of a federation's slides in one system — the participant
    table, the funded interventions (ended by gender, to work or studies) and the endings
    chart (the total's reasons by gender) — with every sum between them: no small count can
    be worked out, and a figure shown on two slides reads the same on both."""
    for section in protected_deck.sections:
        exact = annual_report(section.federation, protected_deck.year, protect=False).participants
        shown = section.report.participants
        values, sums = [], []
        figures = {}  # (row, name) → index: a figure on two slides is one unknown

        def figure(row, name, true, seen):
            key = (row, name)
            if key in figures:
                assert values[figures[key]][1] == seen, (section.federation, key)  # the same on every slide
            else:
                values.append((true, seen))
                figures[key] = len(values) - 1
            return figures[key]

        def counts_of(row, true, seen, counted=True):
            def at(name, pick):
                return figure(row, name, pick(true), pick(seen))

            women, men = GENDERS
            cells = {
                "participants": at("participants", lambda c: c.active),
                "women": at("women", lambda c: c.by_gender[women]["active"]),
                "men": at("men", lambda c: c.by_gender[men]["active"]),
                "new": at("new", lambda c: c.new),
            }
            sums.append((cells["participants"], [cells["women"], cells["men"]]))
            if counted:
                cells["ended"] = at("ended", lambda c: c.ended)
                cells["ended women"] = at("ended women", lambda c: c.by_gender[women]["ended"])
                cells["ended men"] = at("ended men", lambda c: c.by_gender[men]["ended"])
                cells["to work or studies"] = at("to work or studies", lambda c: c.to_work_or_studies)
                for reason in REASONS:
                    cells[reason] = at(reason, lambda c, r=reason: c.by_reason[r])
                sums.append((cells["ended"], [cells[reason] for reason in REASONS]))
                sums.append((cells["ended"], [cells["ended women"], cells["ended men"]]))
                sums.append((cells["to work or studies"], [cells["work"], cells["studies"]]))
            return cells

        rows = [
            counts_of(true.intervention.pk, true.counts, seen.counts, true.endings_counted)
            for true, seen in zip(exact.rows, shown.rows)
        ]
        total = counts_of("total", exact.total, shown.total)
        for name, index in total.items():
            sums.append((index, [row[name] for row in rows if name in row]))
        for funded in section.funded_individual:  # the slide "Finansierade insatser"
            true = next(row.counts for row in exact.rows if row.intervention.pk == funded.intervention.pk)
            counts_of(funded.intervention.pk, true, funded.counts, counted=funded.counts.ended is not None)
        for reason in REASONS:  # the endings chart: the total's reasons by gender
            parts = [
                figure(
                    "total",
                    (reason, gender),
                    exact.total.by_reason_and_gender[reason][gender],
                    shown.total.by_reason_and_gender[reason][gender],
                )
                for gender in GENDERS
            ]
            sums.append((total[reason], parts))
        assert [true for true, seen in values if not is_withheld(seen) and 0 < seen < 5] == [], section.federation
        assert recomputable(values, sums) == [], section.federation


def test_a_small_intervention_is_protected_by_the_total_not_by_the_largest_intervention(protected_deck):
    """Höglandet: IT-spåret's 4 endings and 2 women beside SE-Höglandet's 220 participants.
    Withholding the total hides only what SE-Höglandet does not show; withholding
    SE-Höglandet's figures would make the federation's largest intervention unreadable."""
    section = next(section for section in protected_deck.sections if section.federation.slug == "hoglandet")
    rows = {row.intervention.name: row.counts for row in section.report.participants.rows}
    large, small = rows["SE-Höglandet"], rows["IT-spåret"]
    assert is_withheld(small.ended) and is_withheld(small.by_gender[GENDERS[0]]["active"])
    shown = [large.active, large.new, large.ended, large.to_work_or_studies, *large.by_reason.values()]
    shown += [large.by_gender[gender][name] for gender in GENDERS for name in ("active", "ended")]
    assert not any(is_withheld(value) for value in shown), shown
    assert is_withheld(section.report.participants.total.ended)


def test_a_federation_that_protects_more_shows_its_own_threshold_on_its_pages(it_sparet_finnveden, client):
    """Finnveden counts fewer than 10 people as small (issue 29): its board reads "<10",
    and no single-digit count; another federation's pages keep the installation's 5."""
    finnveden = Federation.objects.get(slug="finnveden")
    finnveden.small_number_threshold = 10
    finnveden.save()
    client.force_login(make_user("finnveden-board", finnveden, Role.Kind.BOARD))
    cells = figure_cells(client.get(it_sparet_finnveden))
    assert "<10" in cells and "<5" not in cells
    assert [cell for cell in cells if re.fullmatch(r"[1-9]", cell)] == []

    sodra = Federation.objects.get(slug="sodra-vatterbygden")
    client.force_login(make_user("sodra-board", sodra, Role.Kind.BOARD))
    page = client.get(reverse("federations:detail", kwargs={"slug": sodra.slug}))
    assert "&lt;10" not in page.content.decode()


def test_the_deck_protects_by_the_strictest_federation_of_the_county(protected_deck, client):
    consultation = protected_deck.consultation
    Federation.objects.filter(slug="finnveden").update(small_number_threshold=8)
    reader = make_user("county-reader")
    CountyRole.objects.create(user=reader, county=consultation.county, kind=CountyRole.Kind.READER)
    client.force_login(reader)
    page = client.get(reverse("consultations:deck", kwargs={"county": consultation.county.slug, "pk": consultation.pk}))
    text = page.content.decode()
    assert "&lt;8" in text and "&lt;5" not in text
    assert [cell for cell in figure_cells(page) if re.fullmatch(r"[1-7]", cell)] == []


def test_a_draft_is_rendered_with_the_threshold_of_the_page_that_asked_for_it(demo, client):
    """The worker renders with the threshold the request had (the tests' task backend runs
    it at once, and the task starts from the installation's threshold)."""
    import io

    import pdfplumber

    finnveden = Federation.objects.get(slug="finnveden")
    finnveden.small_number_threshold = 10
    finnveden.protect_small_numbers_in_reports = True
    finnveden.save()
    client.force_login(make_user("finnveden-board", finnveden, Role.Kind.BOARD))
    pdf = client.get(reverse("reporting:annual-pdf", kwargs={"slug": finnveden.slug}) + "?year=2024")
    assert pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "<10" in text and "<5" not in text


def test_a_federation_may_protect_more_than_the_installation_never_less(demo):
    from django.core.exceptions import ValidationError

    finnveden = Federation.objects.get(slug="finnveden")
    finnveden.small_number_threshold = 3
    with pytest.raises(ValidationError) as refused:
        finnveden.full_clean()
    assert "5" in refused.value.message_dict["small_number_threshold"][0]
    finnveden.small_number_threshold = 8
    finnveden.full_clean()
    assert finnveden.protection_threshold == 8
