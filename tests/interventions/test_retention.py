"""Retention: participants kept past their federation's limit are anonymised — exactly
those, in their records and their history — and every figure of the past years stays."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from federations.models import Federation, Role
from interventions.models import Anonymisation, Participant
from interventions.retention import ended_before
from reporting.annual import annual_report

from ..conftest import make_user


@pytest.fixture
def hoglandet(demo):
    """Höglandet keeping records one year after the participant ended: the demo's 2023 and
    2024 endings are past it."""
    federation = Federation.objects.get(slug="hoglandet")
    federation.retention_years = 1
    federation.save()
    return federation


def snapshot(participants):
    return {row["id"]: row for row in participants.values()}


def figures(federation, year):
    """Every figure of the year's annual report that participant rows feed."""
    report = annual_report(federation, year)
    return (
        report.participants,
        report.endings,
        report.supports,
        report.survey,
        [(chapter.counts, chapter.profile, chapter.since_start, chapter.survey) for chapter in report.chapters],
    )


def test_a_dry_run_changes_nothing(hoglandet):
    before = snapshot(Participant.objects.all())
    out = StringIO()
    call_command("anonymise_participants", "--dry-run", "--federation", "hoglandet", stdout=out)
    assert snapshot(Participant.objects.all()) == before
    due = Participant.objects.of_federation(hoglandet).filter(ended_on__lt=ended_before(hoglandet)).count()
    assert due > 0
    assert f"{due} participants would be anonymised" in out.getvalue()
    assert not Anonymisation.objects.exists()


def test_exactly_the_records_past_the_limit_are_anonymised_and_the_figures_stay(hoglandet):
    cut_off = ended_before(hoglandet)
    residents = Participant.objects.of_federation(hoglandet)
    due = set(residents.filter(ended_on__lt=cut_off).values_list("id", flat=True))
    before = snapshot(Participant.objects.all())
    old_codes = {before[pk]["code"] for pk in due}
    years = {2023: figures(hoglandet, 2023), 2024: figures(hoglandet, 2024)}
    others = {slug: figures(Federation.objects.get(slug=slug), 2024) for slug in ("finnveden", "sodra-vatterbygden")}

    call_command("anonymise_participants", "--federation", "hoglandet", stdout=StringIO())

    after = snapshot(Participant.objects.all())
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == due
    for pk in due:
        assert after[pk]["code"].startswith("anon-") and after[pk]["code"] != before[pk]["code"]
        assert after[pk]["anonymised_on"] is not None
        age = after[pk]["enrolled_on"].year - after[pk]["birth_year"]
        assert age in (0, 16, 18, 20, 25, 30, 50, 65)
        unchanged = {"code", "birth_year", "anonymised_on"}
        assert {k: v for k, v in after[pk].items() if k not in unchanged} == {
            k: v for k, v in before[pk].items() if k not in unchanged
        }
    history = Participant.history.filter(id__in=due)
    assert history.exists()
    assert not history.filter(code__in=old_codes).exists()
    assert years == {2023: figures(hoglandet, 2023), 2024: figures(hoglandet, 2024)}
    assert others == {
        slug: figures(Federation.objects.get(slug=slug), 2024) for slug in ("finnveden", "sodra-vatterbygden")
    }
    run = Anonymisation.objects.get()
    assert (run.federation, run.participants, run.ended_before) == (hoglandet, len(due), cut_off)

    call_command("anonymise_participants", "--federation", "hoglandet", stdout=StringIO())
    assert snapshot(Participant.objects.all()) == after  # nothing left to do


def test_the_office_sees_and_runs_the_retention_on_its_page(hoglandet, client):
    office = make_user("hoglandet-office", hoglandet, Role.Kind.OFFICE)
    client.force_login(office)
    url = reverse("interventions:retention", kwargs={"slug": hoglandet.slug})
    due = Participant.objects.of_federation(hoglandet).filter(ended_on__lt=ended_before(hoglandet)).count()
    page = client.get(url).content.decode()
    assert f"Avidentifiera {due} uppgifter" in page or f"Anonymise {due} records" in page
    response = client.post(url, follow=True)
    assert Participant.objects.filter(anonymised_on__isnull=False).count() == due
    assert Anonymisation.objects.get().performed_by == office
    assert "hoglandet-office" in response.content.decode()
    anonymised = Participant.objects.filter(anonymised_on__isnull=False).first()
    edit = reverse("interventions:participant-edit", kwargs={"slug": hoglandet.slug, "pk": anonymised.pk})
    assert client.get(edit).status_code == 404  # nothing left to correct
