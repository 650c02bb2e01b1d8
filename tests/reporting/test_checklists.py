"""Each document checks its own completeness and arithmetic (reporting.checklists): the demo's
documents pass, and a document broken in one place fails for that reason and no other."""

from dataclasses import replace

import pytest

from federations.models import Federation
from finances.models import BudgetLine
from reporting.annual import annual_report
from reporting.checklists import annual_checklist, interim_checklist
from reporting.periodic import business_plan, interim_report

FEDERATIONS = ["sodra-vatterbygden", "hoglandet", "finnveden"]


@pytest.fixture
def sodra_vatterbygden(demo):
    return Federation.objects.get(slug="sodra-vatterbygden")


def failing(checklist):
    return [check.what for check in checklist.checks if not check.passes]


def test_the_demos_documents_pass_their_own_checks(demo):
    for slug in FEDERATIONS:
        federation = Federation.objects.get(slug=slug)
        for checklist in (annual_report(federation, 2024).checklist, interim_report(federation, 2024).checklist):
            assert failing(checklist) == [], slug
    plans = [("sodra-vatterbygden", 2026), ("sodra-vatterbygden", 2027), ("finnveden", 2021)]
    for slug, year in plans:
        assert failing(business_plan(Federation.objects.get(slug=slug), year).checklist) == [], (slug, year)


def test_a_participant_total_that_is_not_the_sum_of_its_rows_fails(sodra_vatterbygden):
    report = annual_report(sodra_vatterbygden, 2024, protect=False)
    table = report.participants
    broken = replace(report, participants=replace(table, total=replace(table.total, active=table.total.active + 1)))
    checklist = annual_checklist(broken)
    assert failing(checklist) == ["Deltagartabellens summa är summan av insatsernas rader"]
    assert checklist.problems == [
        f"Deltagare: summaraden säger {table.total.active + 1} men raderna summerar till {table.total.active}."
    ]


def test_endings_by_reason_that_do_not_add_up_fail(sodra_vatterbygden):
    report = annual_report(sodra_vatterbygden, 2024, protect=False)
    label, women, men, total = report.endings[0]
    broken = replace(report, endings=[(label, women, men, total + 2), *report.endings[1:]])
    assert failing(annual_checklist(broken)) == ["Avsluten per orsak summerar till antalet avslutade"]


def test_an_income_printed_with_two_values_fails(sodra_vatterbygden):
    report = annual_report(sodra_vatterbygden, 2024)
    overview = report.accounts.overview
    # the overview as the chart helper once computed it: without the financial income
    wrong = replace(overview[-1], income=report.accounts.income.operating_income)
    broken = replace(report, accounts=replace(report.accounts, overview=[*overview[:-1], wrong]))
    checklist = annual_checklist(broken)
    assert failing(checklist) == ["Översikten, räkenskaperna och diagrammen visar samma intäkter och samma resultat"]
    assert checklist.problems[0].startswith(
        "Intäkter är 11\u00a0148\u00a0000 kr i femårsöversikten men 11\u00a0168\u00a0000 kr"
    )


def test_an_interim_balance_that_leaves_out_the_equity_brought_forward_fails(sodra_vatterbygden):
    report = interim_report(sodra_vatterbygden, 2024)
    money = report.money
    broken = replace(report, money=replace(money, opening=[0] * money.width))
    assert failing(interim_checklist(broken)) == ["Det balanserade resultatet är balansräkningens eget kapital"]


def test_an_intervention_budgeted_above_its_grant_fails_and_needs_the_boards_word(sodra_vatterbygden, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from reporting.models import AdoptedReport

    line = BudgetLine.objects.get(
        budget__federation=sodra_vatterbygden, budget__year=2027, budget__scenario="budget", intervention__name="Enter"
    )
    line.amount = 4000000
    line.save()
    plan = business_plan(sodra_vatterbygden, 2027)
    assert failing(plan.checklist) == ["Varje insats är budgeterad inom sin beviljade summa"]
    assert plan.checklist.missing == []
    client.force_login(get_user_model().objects.get(username="kansli"))
    adopt = reverse("reporting:plan-adopt", kwargs={"slug": sodra_vatterbygden.slug}) + "?year=2027"
    data = {"adopted_on": "2026-11-26", "registry_number": "Dnr 2026:40"}
    client.post(adopt, data)
    assert not AdoptedReport.objects.filter(kind="plan").exists()
    client.post(adopt, data | {"despite_checks": "on"})
    adopted = AdoptedReport.objects.get(kind="plan")
    assert adopted.failed_check_list == [
        "Enter är budgeterad med 4\u00a0000\u00a0000 kr, mer än den beviljade summan 3\u00a0900\u00a0000 kr."
    ]


def test_unwritten_sections_are_listed_for_the_board_without_stopping_it(sodra_vatterbygden):
    from reporting.models import AnnualReportText

    AnnualReportText.objects.filter(federation=sodra_vatterbygden, year=2024).update(foreword="", gender_equality="")
    checklist = annual_report(sodra_vatterbygden, 2024).checklist
    assert any("ordförandens förord, jämställdhet" in remark for remark in checklist.remarks)
    assert checklist.problems == [] and checklist.missing == []
