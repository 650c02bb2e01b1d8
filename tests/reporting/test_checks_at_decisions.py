"""The year-end checks where decisions are made: on the annual report, the accounts and the
auditors' pages, beside "adopt" — and every page of a PDF not adopted says UTKAST."""

import io
import re

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from federations.models import Federation, FiscalYear
from federations.templatetags.finsam_format import group_digits
from finances.checks import year_end_checks
from finances.models import BalanceItem
from finances.statements import year_end
from reporting.models import AdoptedReport

YEARS = range(2020, 2025)


@pytest.fixture
def sodra_vatterbygden(demo):
    return Federation.objects.get(slug="sodra-vatterbygden")


@pytest.fixture
def office_client(client, demo):
    client.force_login(get_user_model().objects.get(username="kansli"))
    return client


@pytest.fixture
def unbalanced(sodra_vatterbygden):
    """2024 without its cash: the balance sheet no longer balances, nor does the cash flow."""
    BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024, kind=BalanceItem.Kind.CASH).delete()
    return sodra_vatterbygden


def pages_of(pdf):
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def url(name, federation, year=2024):
    return reverse(name, kwargs={"slug": federation.slug}) + f"?year={year}"


def test_the_demo_passes_every_year_end_check(demo):
    failing = {
        (federation.slug, year): checks.problems
        for federation in Federation.objects.all()
        for year in YEARS
        if (checks := year_end_checks(year_end(federation, year))).problems
    }
    assert failing == {}
    assert all(year_end(federation, 2024).cash for federation in Federation.objects.all())


@pytest.mark.parametrize(
    "name, heading",
    [
        ("reporting:annual", "Kontroller visar fel"),
        ("finances:accounts", "Bokslutskontrollerna för 2024 visar fel"),
        ("reporting:auditors", "Bokslutskontrollerna för 2024 visar fel"),
    ],
)
def test_a_failing_check_shows_at_the_top_of_the_page(office_client, unbalanced, name, heading):
    html = office_client.get(url(name, unbalanced)).content.decode()
    warning = html.index(heading)
    assert "Balansräkningen 2024 balanserar inte" in html
    # at the top: before the statements, the report or the auditors' table of changes
    assert warning < html.find("<table") or "<table" not in html


def test_passing_checks_say_so_where_the_board_adopts(office_client, sodra_vatterbygden):
    html = office_client.get(url("reporting:annual", sodra_vatterbygden)).content.decode()
    assert "Dokumentet är komplett och alla dess 10 kontroller är godkända" in html
    assert "despite_checks" not in html


def test_adopting_a_failing_year_needs_the_boards_explicit_word_and_is_recorded(office_client, unbalanced):
    adopt = url("reporting:annual-adopt", unbalanced)
    data = {"adopted_on": "2025-03-20", "registry_number": "Dnr 2025:02"}
    page = office_client.get(url("reporting:annual", unbalanced)).content.decode()
    assert 'name="despite_checks"' in page
    response = office_client.post(adopt, data, follow=True)
    assert "inte fastställd" in response.content.decode()
    assert not AdoptedReport.objects.exists()
    assert FiscalYear.objects.get(federation=unbalanced, year=2024).status == FiscalYear.Status.CLOSED

    office_client.post(adopt, data | {"despite_checks": "on"})
    adopted = AdoptedReport.objects.get()
    assert adopted.adopted_by.username == "kansli"
    assert adopted.failed_check_list[0].startswith("Balansräkningen 2024 balanserar inte")
    page = office_client.get(url("reporting:annual", unbalanced)).content.decode()
    assert "Styrelsen fastställde rapporten trots att dessa kontroller visade fel" in page


def test_every_page_of_a_draft_says_utkast_and_no_page_of_the_adopted_report(office_client, sodra_vatterbygden):
    draft = pages_of(office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content)
    assert len(draft) > 3 and all("UTKAST" in page for page in draft)
    office_client.post(
        url("reporting:annual-adopt", sodra_vatterbygden), {"adopted_on": "2025-03-20", "registry_number": "Dnr 1"}
    )
    adopted = pages_of(office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content)
    assert len(adopted) > 3 and not any("UTKAST" in page for page in adopted)


def test_the_statements_of_an_open_year_and_the_interim_report_are_drafts(office_client, sodra_vatterbygden):
    closed = pages_of(office_client.get(url("reporting:statements-pdf", sodra_vatterbygden)).content)
    assert not any("UTKAST" in page for page in closed)
    FiscalYear.objects.filter(federation=sodra_vatterbygden, year=2024).delete()
    still_open = pages_of(office_client.get(url("reporting:statements-pdf", sodra_vatterbygden)).content)
    assert all("UTKAST" in page for page in still_open)
    interim = pages_of(office_client.get(url("reporting:interim-pdf", sodra_vatterbygden, 2012)).content)
    assert all("UTKAST" in page for page in interim)


def layout_lines(pdf):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            " ".join(line.split()).replace("\u00a0", " ")
            for page in document.pages
            for line in page.extract_text(layout=True).splitlines()
        ]


@pytest.mark.parametrize("name", ["reporting:statements-pdf", "reporting:annual-pdf"])
def test_each_key_figure_shares_a_line_with_its_label(office_client, sodra_vatterbygden, name):
    accounts = year_end(sodra_vatterbygden, 2024)
    lines = layout_lines(office_client.get(url(name, sodra_vatterbygden)).content)

    def kr(amount):
        return group_digits(amount).replace("\u00a0", " ") + " kr"

    def on_one_line(label, value):
        return any(line.startswith(label) and line.endswith(value) for line in lines)

    assert on_one_line("Soliditet (eget kapital", f"{accounts.balance.solidity} %".replace(".", ","))
    assert on_one_line("Medlemsbidrag ", kr(accounts.contributions))
    assert on_one_line("Balanskravsresultat ", kr(accounts.balance_requirement_result))
    individual = accounts.costs.shares()["individual"]
    assert on_one_line("Individinriktade insatser ", f"{individual} %".replace(".", ","))


def test_no_figure_breaks_from_its_unit_and_no_empty_column_or_note(office_client, sodra_vatterbygden):
    lines = [line for line in layout_lines(office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content)]
    broken = [
        (before, after)
        for before, after in zip(lines, lines[1:], strict=False)
        if before[-1:].isdigit() and (after.startswith(("% ", "kr ", "tkr ")) or after in ("%", "kr", "tkr"))
    ]
    assert broken == []
    # a year without last year's books has no column for it, and a note without items is left out
    BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2023).delete()
    from finances.models import Budget

    Budget.objects.filter(federation=sodra_vatterbygden, year=2023, scenario="actual").delete()
    BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024, kind__in=BalanceItem.RECEIVABLES).delete()
    html = office_client.get(url("finances:accounts", sodra_vatterbygden)).content.decode()
    statements = html[html.index("Resultaträkning") : html.index("Driftsredovisning")]
    assert "2023" not in statements
    assert "Not 4 Kortfristiga skulder</h3>" in html and "Fordringar</h3>" not in html  # the notes renumbered


def test_the_cover_names_the_report_and_its_adoption_without_a_timestamp(office_client, sodra_vatterbygden):
    draft = pages_of(office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content)
    cover, contents = draft[0], draft[1]
    assert "Årsredovisning 2024" in cover and "Utkast, ännu inte fastställd" in cover
    assert "Siffrorna hämtade" not in cover and not re.search(r"\d\d:\d\d", cover)
    assert "2024 i korthet" in contents and "Deltagare under året 253" in contents.replace("\u00a0", " ")
    office_client.post(
        url("reporting:annual-adopt", sodra_vatterbygden),
        {"adopted_on": "2025-03-20", "registry_number": "Dnr 2025:02"},
    )
    adopted = pages_of(office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content)
    assert "2025-03-20" in adopted[0] and "Dnr 2025:02" in adopted[0] and "Utkast" not in adopted[0]
    assert all("Källa:" in page for page in adopted if "Intäkter och kostnader, tkr" in page)


def test_a_draft_is_rendered_once_for_the_same_data(office_client, sodra_vatterbygden, monkeypatch):
    from reporting import renderings as module

    renderings = []
    real = module.render_pdf
    monkeypatch.setattr(module, "render_pdf", lambda *args, **kwargs: renderings.append(1) or real(*args, **kwargs))
    first = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content
    second = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content
    assert first == second and len(renderings) == 1
    # a change to the figures makes a new draft
    item = BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024).first()
    item.amount += 1
    item.save()
    third = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).content
    assert len(renderings) == 2 and third != first


def test_participant_work_does_not_make_the_statements_new(office_client, sodra_vatterbygden, monkeypatch):
    """The statements show no participant: saving one makes a new annual report draft (it
    counts them) but serves the statements as made; a change to the money makes both new."""
    from interventions.models import Participant
    from reporting import renderings as module

    renderings = []
    real = module.render_pdf
    monkeypatch.setattr(module, "render_pdf", lambda *args, **kwargs: renderings.append(1) or real(*args, **kwargs))
    statements, annual = (
        url("reporting:statements-pdf", sodra_vatterbygden),
        url("reporting:annual-pdf", sodra_vatterbygden),
    )
    for path in (statements, annual):
        office_client.get(path)
    participant = Participant.objects.of_federation(sodra_vatterbygden).filter(enrolled_on__year=2024).first()
    participant.birth_year -= 1
    participant.save()
    for path in (statements, annual):
        office_client.get(path)
    assert len(renderings) == 3  # the annual report again, not the statements
    item = BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024).first()
    item.amount += 1
    item.save()
    office_client.get(statements)
    assert len(renderings) == 4


def test_a_draft_is_made_in_the_background_while_the_page_says_so(office_client, sodra_vatterbygden, settings):
    from reporting.drafts import render_draft

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker runs yet
    waiting = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden))
    assert waiting.status_code == 202 and waiting["Refresh"] == "2"
    assert "görs i ordning" in waiting.content.decode()
    again = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden))
    assert again.status_code == 202
    enqueued = render_draft.get_backend().results
    assert len(enqueued) == 1  # asked twice, made once
    # the worker runs the task: the next request gets the PDF
    render_draft.call(*enqueued[0].args)
    done = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden))
    assert done["Content-Type"] == "application/pdf" and b"%PDF" in done.content[:10]


def test_a_draft_waiting_for_the_worker_serves_the_figures_changed_meanwhile(
    office_client, sodra_vatterbygden, settings
):
    """An office saving while a draft waits for the worker asks for no second render: the
    waiting one draws the figures as they are when it runs, and is what the next request gets."""
    from dataclasses import replace

    from django_tasks import TaskResultStatus

    from reporting.drafts import render_draft

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker runs yet
    assert office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).status_code == 202
    item = BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024).first()
    item.amount += 1
    item.save()
    assert office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).status_code == 202
    enqueued = render_draft.get_backend().results
    assert len(enqueued) == 1
    # The worker runs the task and records it done.
    render_draft.call(*enqueued[0].args)
    enqueued[0] = replace(enqueued[0], status=TaskResultStatus.SUCCESSFUL)
    done = office_client.get(url("reporting:annual-pdf", sodra_vatterbygden))
    assert done["Content-Type"] == "application/pdf" and b"%PDF" in done.content[:10]
    # Once it has run, a change to the figures asks for a new one.
    item.amount += 1
    item.save()
    assert office_client.get(url("reporting:annual-pdf", sodra_vatterbygden)).status_code == 202
    assert len(render_draft.get_backend().results) == 2


def test_a_deploy_forgets_the_drafts_the_code_before_it_made(db):
    from django.core.cache import caches
    from django.core.management import call_command

    caches["drafts"].set("draft:old", b"%PDF made by the code before")
    call_command("migrate", verbosity=0)  # a deploy migrates
    assert caches["drafts"].get("draft:old") is None


@pytest.mark.parametrize("kind", ["annual", "interim"])
def test_the_texts_of_an_adopted_report_are_closed_and_say_why(office_client, sodra_vatterbygden, kind):
    texts = url(f"reporting:{kind}-texts", sodra_vatterbygden)
    form = office_client.get(texts).context["form"]
    field = next(iter(form.fields))
    response = office_client.post(
        url(f"reporting:{kind}-adopt", sodra_vatterbygden),
        {"adopted_on": "2025-03-20", "registry_number": "Dnr 1", "despite_checks": "on"},
    )
    assert response.status_code == 302
    page = office_client.get(texts, follow=True)
    said = " ".join(str(message) for message in page.context["messages"])
    assert "antog" in said and "inte längre kan ändras" in said
    answer = office_client.post(texts, {field: "Skrivet efter antagandet.", "version": ""}, follow=True)
    said = " ".join(str(message) for message in answer.context["messages"])
    assert "Texterna har sparats" not in said and "inte längre kan ändras" in said
    model = form._meta.model
    assert not model.objects.filter(**{field: "Skrivet efter antagandet."}).exists()


def test_a_year_without_its_books_is_not_adopted_even_despite_the_checks(office_client, sodra_vatterbygden):
    page = office_client.get(url("reporting:annual", sodra_vatterbygden, 2025)).content.decode()
    assert "Innan styrelsen kan anta rapporten" in page
    assert "Utfallet för hela året 2025 är inte registrerat" in page
    assert 'action="/f/sodra-vatterbygden/reports/annual/adopt/' not in page  # no form to adopt it with
    response = office_client.post(
        url("reporting:annual-adopt", sodra_vatterbygden, 2025),
        {"adopted_on": "2026-03-20", "registry_number": "Dnr 1", "despite_checks": "on"},
        follow=True,
    )
    said = " ".join(str(message) for message in response.context["messages"])
    assert "antas inte" in said and "2025" in said
    assert not AdoptedReport.objects.filter(federation=sodra_vatterbygden, year=2025).exists()
    assert not FiscalYear.objects.filter(federation=sodra_vatterbygden, year=2025).exclude(status="open").exists()


def test_a_year_with_a_goal_not_assessed_is_not_adopted(office_client, sodra_vatterbygden):
    from interventions.models import GoalAssessment

    GoalAssessment.objects.filter(goal__federation=sodra_vatterbygden, year=2024).first().delete()
    office_client.post(
        url("reporting:annual-adopt", sodra_vatterbygden),
        {"adopted_on": "2025-03-20", "registry_number": "Dnr 1", "despite_checks": "on"},
    )
    assert not AdoptedReport.objects.filter(federation=sodra_vatterbygden, year=2024).exists()
    page = office_client.get(url("reporting:annual", sodra_vatterbygden)).content.decode()
    assert "är inte bedömda för 2024" in page


def test_the_demos_years_with_books_are_complete(sodra_vatterbygden):
    from reporting.annual import annual_report

    for slug in ("sodra-vatterbygden", "hoglandet", "finnveden"):
        assert annual_report(Federation.objects.get(slug=slug), 2024).missing == [], slug


def test_another_federations_saves_leave_a_draft_as_made(office_client, sodra_vatterbygden, monkeypatch):
    """Issue 32 part 2: a draft's data version is its own federation's. Höglandet's books and
    texts leave Södra Vätterbygden's draft as made; a participant of an intervention of their
    county may be counted by both, so it makes both anew; a change in another county none."""
    from datetime import date

    from federations.models import County
    from interventions.models import Intervention, Participant
    from reporting import renderings as module
    from reporting.drafts import data_version
    from reporting.models import AnnualReportText

    renderings = []
    real = module.render_pdf
    monkeypatch.setattr(module, "render_pdf", lambda *args, **kwargs: renderings.append(1) or real(*args, **kwargs))
    annual = url("reporting:annual-pdf", sodra_vatterbygden)
    first = office_client.get(annual).content
    hoglandet = Federation.objects.get(slug="hoglandet")
    item = BalanceItem.objects.filter(federation=hoglandet, year=2024).first()
    item.amount += 1
    item.save()
    AnnualReportText.objects.update_or_create(federation=hoglandet, year=2024, defaults={"foreword": "Tack."})
    assert office_client.get(annual).content == first and len(renderings) == 1
    # Elsewhere in Sweden: a county of its own, its intervention and its participant.
    other = County.objects.create(name="Kalmar län", slug="kalmar-lan")
    far = Intervention.objects.create(county=other, name="Långt bort", starts_on=date(2020, 1, 1))
    version = data_version("annual", [sodra_vatterbygden.pk])
    assert data_version("annual", [hoglandet.pk]) != version  # each federation its own
    Participant.objects.create(
        intervention=far,
        code="K-1",
        gender="woman",
        birth_year=1990,
        municipality=Participant.objects.first().municipality,
        enrolled_on=date(2024, 2, 1),
    )
    assert data_version("annual", [sodra_vatterbygden.pk]) == version
    shared = Participant.objects.of_federation(hoglandet).first()
    shared.birth_year -= 1
    shared.save()
    assert data_version("annual", [sodra_vatterbygden.pk]) != version  # the county's interventions
    office_client.get(annual)
    assert len(renderings) == 2
    # The federation's own save makes its draft anew, as before.
    item = BalanceItem.objects.filter(federation=sodra_vatterbygden, year=2024).first()
    item.amount += 1
    item.save()
    office_client.get(annual)
    assert len(renderings) == 3


def test_this_years_participants_leave_last_years_draft_as_made(office_client, sodra_vatterbygden, monkeypatch):
    """An office enters this year's participants all day while the board reads last year's
    draft: a participant enrolled after the report's year, in every state recorded of it,
    changes none of its figures and makes no new render; one moved into the year or out of
    it (its earlier state was in it) does."""
    from datetime import date

    from interventions.models import Participant
    from reporting import renderings as module
    from reporting.annual import exact_annual_report
    from reporting.drafts import data_version

    renderings = []
    real = module.render_pdf
    monkeypatch.setattr(module, "render_pdf", lambda *args, **kwargs: renderings.append(1) or real(*args, **kwargs))
    annual = url("reporting:annual-pdf", sodra_vatterbygden)
    first = office_client.get(annual).content
    figures = exact_annual_report(sodra_vatterbygden, 2024).participants
    version = data_version("annual", [sodra_vatterbygden.pk], 2024)
    this_year = data_version("annual", [sodra_vatterbygden.pk], 2026)
    known = Participant.objects.of_federation(sodra_vatterbygden).filter(enrolled_on__year=2024).first()
    later = Participant.objects.create(
        intervention=known.intervention,
        code="LATER-1",
        gender="woman",
        birth_year=1990,
        municipality=known.municipality,
        enrolled_on=date(2026, 3, 2),
    )
    later.ended_on, later.end_reason = date(2026, 6, 30), "work"
    later.save()
    assert exact_annual_report(sodra_vatterbygden, 2024).participants == figures  # the premise
    assert data_version("annual", [sodra_vatterbygden.pk], 2024) == version
    assert data_version("annual", [sodra_vatterbygden.pk], 2026) != this_year  # this year's report: anew
    assert office_client.get(annual).content == first and len(renderings) == 1
    later.enrolled_on = date(2024, 11, 2)  # into the year
    later.save()
    moved_in = data_version("annual", [sodra_vatterbygden.pk], 2024)
    assert moved_in != version
    later.enrolled_on = date(2026, 3, 2)  # and out of it again: its earlier state was in it
    later.save()
    assert data_version("annual", [sodra_vatterbygden.pk], 2024) not in (version, moved_in)
    office_client.get(annual)
    assert len(renderings) == 2
