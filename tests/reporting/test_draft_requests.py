"""A draft PDF is asked for a real year and period only, and one reader has only a few
renders waiting for the worker at once."""

import pytest
from django.urls import reverse

from reporting.drafts import MAX_WAITING_PER_USER, render_draft


@pytest.fixture
def no_worker(settings):
    """Tasks wait for a worker (django-tasks' dummy backend keeps them) instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    render_draft.get_backend().clear()
    return render_draft.get_backend()


def pdf(client, federation, name, **query):
    return client.get(reverse(f"reporting:{name}", kwargs={"slug": federation.slug}), query)


@pytest.mark.parametrize(
    "query",
    [
        {"year": "2025", "period": "garbage"},
        {"year": "2025", "period": "2025-02-30"},
        {"year": "2025", "period": "2025-05-31"},  # a date, but no period of the year's figures
        {"year": "2003"},  # before the federation was founded (2007)
        {"year": "2099"},
    ],
)
def test_a_made_up_period_or_year_is_not_found_and_asks_for_nothing(client, board_member, federation, no_worker, query):
    client.force_login(board_member)
    assert pdf(client, federation, "interim-pdf", **query).status_code == 404
    assert no_worker.results == []


def test_the_period_the_report_takes_is_one_draft_however_it_is_asked(client, board_member, federation, no_worker):
    client.force_login(board_member)
    assert pdf(client, federation, "interim-pdf", year="2025").status_code == 202
    assert pdf(client, federation, "interim-pdf", year="2025", period="2025-06-30").status_code == 202
    [asked] = no_worker.results
    assert asked.args[1] == [federation.pk, 2025, "2025-06-30"]


def test_one_reader_has_only_a_few_renders_waiting(client, board_member, auditor, federation, no_worker):
    client.force_login(board_member)
    answers = [pdf(client, federation, "annual-pdf", year=str(year)).status_code for year in range(2015, 2021)]
    assert answers == [202] * MAX_WAITING_PER_USER + [429] * (6 - MAX_WAITING_PER_USER)
    assert len(no_worker.results) == MAX_WAITING_PER_USER
    # A draft someone else asked for is free to join; another reader asks for their own.
    client.force_login(auditor)
    assert pdf(client, federation, "annual-pdf", year="2015").status_code == 202
    assert pdf(client, federation, "annual-pdf", year="2020").status_code == 202
    assert len(no_worker.results) == MAX_WAITING_PER_USER + 1


def test_a_reader_asks_again_once_their_renders_have_run(client, board_member, federation, no_worker):
    from dataclasses import replace

    from django_tasks import TaskResultStatus

    client.force_login(board_member)
    for year in range(2015, 2015 + MAX_WAITING_PER_USER):
        pdf(client, federation, "annual-pdf", year=str(year))
    busy = pdf(client, federation, "annual-pdf", year="2020")
    assert busy.status_code == 429 and busy["Retry-After"]
    no_worker.results[0] = replace(no_worker.results[0], status=TaskResultStatus.SUCCESSFUL)
    assert pdf(client, federation, "annual-pdf", year="2020").status_code == 202


def test_each_history_is_traced_to_the_federation_or_county_it_belongs_to(db):
    """The data version counts a table's rows of the draft's federations only: the lookups it
    takes, and the records of every federation (national) that any change moves."""
    from finsam.versions import history_scopes

    scopes = {history.instance_type._meta.label: scope for history, scope in history_scopes().items()}
    assert scopes["finances.BudgetLine"] == ("budget__federation", "federation")
    assert scopes["finances.Correction"] == ("line__budget__federation", "federation")
    assert scopes["federations.Federation"] == ("id", "federation")
    assert scopes["interventions.Participant"] == ("intervention__county", "county")
    assert scopes["interventions.GoalAssessment"] == ("goal__federation", "federation")
    national = sorted(label for label, (lookup, _level) in scopes.items() if lookup is None)
    assert national == [
        "federations.County",
        "interventions.Indicator",
        "interventions.NationalAverage",
        "interventions.Orientation",
        "interventions.SurveyQuestion",
    ]
    assert "interventions.ParticipantSupport" not in scopes  # written only with its participant
