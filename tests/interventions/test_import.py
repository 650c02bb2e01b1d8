import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federations.models import ImportBatch
from interventions import importers
from interventions.importers import ParticipantImporter
from interventions.models import Participant, ParticipantSupport

HEADER = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak;försörjning vid start\n"
GOOD = [
    "Enter;ENT-1;kvinna;1990;Habo;2024-02-01;;;Sjukpenning",
    'Enter;ENT-2;man;1985;0643;2024-03-01;2024-09-30;Arbete;"Aktivitetsstöd;Försörjningsstöd"',
    "Enter;ENT-3;K;1970;habo;2024-04-01;2024-10-30;Sjukdom;",
]


def csv_file(*rows):
    return (HEADER + "\n".join(rows) + "\n").encode()


def run(federation, content, filename="deltagare.csv", save=True):
    return ParticipantImporter(federation).run(content, filename, save=save)


def upload(client, federation, content):
    file = io.BytesIO(content)
    file.name = "deltagare.csv"
    return client.post(reverse("interventions:participant-import", kwargs={"slug": federation.slug}), {"file": file})


def test_a_good_file_is_saved(federation, intervention, habo):
    result = run(federation, csv_file(*GOOD))
    assert (result.saved, result.created, result.problems) == (True, 3, [])
    ended = Participant.objects.get(code="ENT-2")
    assert (ended.gender, ended.ended_on, ended.end_reason) == ("man", date(2024, 9, 30), "work")
    assert sorted(ended.supports.values_list("kind", flat=True)) == ["activity_support", "income_support"]


def test_one_bad_row_saves_nothing_and_names_the_row_and_column(federation, intervention, habo):
    bad = "Enter;ENT-4;kvinna;1990;Habo;2024-05-01;2024-04-01;Arbete;"
    result = run(federation, csv_file(*GOOD, bad))
    assert not result.saved
    assert [(p.row, p.column) for p in result.problems] == [(5, "avslutad")]
    assert not Participant.objects.exists()


def test_every_problem_of_every_row_is_listed(federation, intervention, habo):
    rows = [
        "Okänd;ENT-5;kvinna;1990;Habo;2024-05-01;;;",
        "Enter;900101-1234;kvinna;1990;Habo;2024-05-01;;;",
        "Enter;ENT-7;x;1990;Stockholm;2024-05-01;;;",
        "Enter;ENT-8;kvinna;2015;Habo;2024-05-01;;;",
    ]
    problems = [(p.row, p.column) for p in run(federation, csv_file(*rows)).problems]
    assert problems == [(2, "insats"), (3, "kod"), (4, "kön"), (4, "kommun"), (5, "födelseår")]


def test_reimporting_the_same_file_changes_nothing(federation, intervention, habo):
    content = csv_file(*GOOD)
    run(federation, content)
    history = Participant.history.count()
    again = run(federation, content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Participant.objects.count() == 3
    assert Participant.history.count() == history


def test_a_corrected_row_updates_the_participant(federation, intervention, habo):
    run(federation, csv_file(*GOOD))
    corrected = GOOD[0].replace(";;;Sjukpenning", ";2024-12-01;Studier;Sjukpenning")
    result = run(federation, csv_file(corrected, *GOOD[1:]))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Participant.objects.get(code="ENT-1").end_reason == "studies"


def test_a_column_the_file_leaves_out_keeps_what_the_participant_has(federation, intervention, habo):
    run(federation, csv_file(*GOOD))
    ended = Participant.objects.get(code="ENT-2")
    ended.health_start, ended.had_work_placement = 40, True
    ended.save()
    supports = sorted(ended.supports.values_list("kind", flat=True))
    short = (
        "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"
        "Enter;ENT-2;man;1985;0643;2024-03-01;2024-09-30;Studier\n"
    ).encode()
    result = run(federation, short)
    assert (result.updated, result.problems) == (1, [])
    ended.refresh_from_db()
    assert (ended.end_reason, ended.health_start, ended.had_work_placement) == ("studies", 40, True)
    assert sorted(ended.supports.values_list("kind", flat=True)) == supports


def test_a_rule_on_a_column_the_file_leaves_out_names_that_column(federation, intervention, habo):
    """An end date needs an end reason: a file with the one column and not the other is
    told which column to add (the participant form, holding only the file's columns,
    could not say it)."""
    content = (
        "insats;kod;kön;födelseår;kommun;inskriven;avslutad\nEnter;ENT-1;kvinna;1990;Habo;2024-02-01;2024-05-01\n"
    ).encode()
    result = run(federation, content)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "avslutsorsak", "Ange avslutsorsak: deltagaren har ett avslutsdatum.")
    ]
    assert not Participant.objects.exists()


def test_an_end_class_gives_the_end_reason_when_the_file_has_no_reason_column(federation, intervention, habo, spar):
    content = (
        "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsklass\n"
        "Enter;ENT-1;kvinna;1990;Habo;2024-02-01;2024-05-01;Spår 1\n"
    ).encode()
    result = run(federation, content)
    assert result.saved, result.problems
    assert Participant.objects.get().end_reason == "work_rehabilitation"


def test_a_participant_saved_meanwhile_stops_the_whole_file(federation, intervention, habo):
    """Between the check and the write, a participant the file adds is saved (here on the
    import's own connection, rolled back with it): the database refuses the second, and the
    import says so and saves none of the file."""

    def meanwhile(done, total):
        if done == total:  # every row checked, none written yet
            Participant.objects.create(
                intervention=intervention,
                code="ENT-3",
                gender="woman",
                birth_year=1970,
                municipality=habo,
                enrolled_on=date(2024, 4, 1),
            )

    result = ParticipantImporter(federation, progress=meanwhile).run(csv_file(*GOOD), "deltagare.csv", save=True)
    assert not result.saved
    assert [str(p.message) for p in result.problems] == ["Någon sparade samma deltagare under tiden."]
    assert not Participant.objects.filter(code__in=["ENT-1", "ENT-2"]).exists()


def test_the_same_code_twice_in_a_file_is_refused(federation, intervention, habo):
    result = run(federation, csv_file(GOOD[0], GOOD[0].replace("2024-02-01", "2025-02-01")))
    assert [(p.row, p.column) for p in result.problems] == [(3, "kod")]


def test_an_excel_file(federation, intervention, habo):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Insats", "Kod", "Kön", "Födelseår", "Kommun", "Inskriven"])
    sheet.append(["Enter", "ENT-X", "man", 1980, "Habo", date(2024, 1, 15)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run(federation, buffer.getvalue(), "deltagare.xlsx")
    assert result.saved, result.problems
    assert Participant.objects.get().enrolled_on == date(2024, 1, 15)


def test_a_row_longer_than_the_header_is_named(federation, intervention, habo):
    result = run(federation, csv_file(GOOD[0], GOOD[2] + ";extra;cells"))
    assert [p.row for p in result.problems] == [3]
    assert str(result.problems[0].message) == "11 celler, men rubrikraden har 9 kolumner"
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"kod;kon\nx;y\n", b"", b"\n\n"],
)
def test_an_unreadable_file_is_one_clear_problem(federation, intervention, content):
    result = run(federation, content)
    assert len(result.problems) == 1 and result.problems[0].row == 1
    assert not Participant.objects.exists()


def test_the_browser_flow_checks_then_saves(client, office, federation, intervention, habo):
    client.force_login(office)
    response = upload(client, federation, csv_file(*GOOD))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse(
        "interventions:participant-import-preview", kwargs={"slug": federation.slug, "pk": batch.pk}
    )
    assert not Participant.objects.exists()  # checked, not saved
    preview = client.get(response["Location"])
    assert preview.context["batch"].rows == 3
    client.post(response["Location"])
    assert Participant.objects.count() == 3
    assert Participant.history.filter(history_user=office).count() == 3


def test_the_browser_shows_problems_by_row(client, office, federation, intervention, habo):
    client.force_login(office)
    bad = csv_file(GOOD[0], "Enter;ENT-9;kvinna;1990;Habo;inte-ett-datum;;;")
    preview = client.get(upload(client, federation, bad)["Location"])
    assert [(p["row"], p["column"]) for p in preview.context["batch"].problems] == [(3, "inskriven")]
    client.post(preview.wsgi_request.path)  # confirming a bad file saves nothing
    assert not Participant.objects.exists()


def test_a_file_that_is_not_csv_or_excel_is_refused(client, office, federation):
    client.force_login(office)
    upload = io.BytesIO(b"MZ\x90\x00")
    upload.name = "virus.exe"
    response = client.post(
        reverse("interventions:participant-import", kwargs={"slug": federation.slug}), {"file": upload}
    )
    assert "file" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_the_command_saves_a_good_file(tmp_path, federation, intervention, habo, capsys):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_file(*GOOD))
    call_command("import_participants", str(path), federation=federation.slug)
    assert Participant.objects.count() == 3


def test_the_command_prints_bad_rows_and_fails_saving_nothing(tmp_path, federation, intervention, habo, capsys):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(csv_file(*GOOD, "Enter;ENT-4;kvinna;1990;Habo;2024-05-01;2024-04-01;Arbete;"))
    with pytest.raises(CommandError) as caught:
        call_command("import_participants", str(path), federation=federation.slug)
    assert caught.value.returncode == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(("Row 5, avslutad", "Rad 5, avslutad"))
    assert not Participant.objects.exists()


def test_the_upload_page_names_the_columns_and_hides_its_progress_bar(client, office, federation):
    from django.urls import reverse

    client.force_login(office)
    page = client.get(reverse("interventions:participant-import", kwargs={"slug": federation.slug})).content.decode()
    assert '<code>insats</code> <span class="muted">(krävs)</span>' in page and "<code>praktik</code>," in page
    assert "docs/import-formats.md" not in page
    assert '<div class="progress" hidden>' in page


@pytest.fixture
def worker_later(settings):
    """Tasks wait for a worker (django-tasks' dummy backend keeps them) instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


def run_waiting_tasks(backend):
    from django_tasks import TaskResultStatus

    for result in backend.results:
        if result.status == TaskResultStatus.READY:
            result.task.call(*result.args, **result.kwargs)
    backend.clear()


def test_no_request_waits_on_the_check_or_the_save(client, office, federation, intervention, habo, worker_later):
    """The upload and the confirmation each hand the file to a background task and answer
    at once with a page that follows it; the rows are checked and saved by the task, as the
    uploader."""
    client.force_login(office)
    response = upload(client, federation, csv_file(*GOOD))
    waiting = client.get(response["Location"])
    assert waiting["Refresh"] == "2" and "Kontrollerar raderna" in waiting.content.decode()
    assert ImportBatch.objects.get().status == ImportBatch.Status.CHECKING
    assert len(worker_later.results) == 1

    run_waiting_tasks(worker_later)
    checked = client.get(response["Location"])
    assert not checked.has_header("Refresh") and checked.context["batch"].rows == 3
    client.post(response["Location"])
    assert ImportBatch.objects.get().status == ImportBatch.Status.SAVING and not Participant.objects.exists()
    assert client.post(response["Location"]).status_code == 302  # confirming twice starts nothing more
    assert len(worker_later.results) == 1

    client.logout()  # the worker has no request: the history still names the uploader
    run_waiting_tasks(worker_later)
    assert ImportBatch.objects.get().status == ImportBatch.Status.SAVED
    assert Participant.history.filter(history_user=office).count() == 3


def test_the_check_tells_how_far_it_has_come(federation, intervention, habo):
    rows = [f"Enter;P-{n};kvinna;1990;Habo;2024-02-01;;;" for n in range(600)]
    reported = []
    importer = ParticipantImporter(federation, progress=lambda done, total: reported.append((done, total)))
    importer.run(csv_file(*rows), "deltagare.csv")
    assert reported == [(250, 600), (500, 600), (600, 600)]


def test_every_problem_of_a_row_comes_at_once(federation, intervention, habo):
    """A refused value does not hide the row's other problems: fix one, and no new one appears."""
    row = "Enter;ENT-9;kvinna;2015;Stockholm;2024-05-01;2024-04-01;Arbete;"
    problems = {(p.row, p.column) for p in run(federation, csv_file(row)).problems}
    assert problems == {(2, "kommun"), (2, "födelseår"), (2, "avslutad")}


def test_the_preview_lists_what_the_import_does_with_each_row(client, office, federation, intervention, habo):
    run(federation, csv_file(*GOOD[:2]))
    client.force_login(office)
    changed = GOOD[1].replace("2024-09-30;Arbete", "2024-10-15;Studier")
    response = upload(client, federation, csv_file(GOOD[0], changed, GOOD[2]))
    preview = client.get(response["Location"])
    planned = [(row["row"], row["code"], row["action"], row["columns"]) for row in preview.context["batch"].planned]
    assert planned == [
        (2, "ENT-1", "unchanged", []),
        (3, "ENT-2", "changed", ["avslutad", "avslutsorsak"]),
        (4, "ENT-3", "new", []),
    ]
    page = preview.content.decode()
    assert "Ändras: avslutad, avslutsorsak" in page and "<td>Ny</td>" in page


def test_the_preview_offers_to_move_an_intervention_that_starts_after_its_rows_enrol(
    client, office, federation, intervention, habo, other_office
):
    """Onboarding enters the interventions first, their start as the office remembers it; the
    participants' rows then enrol earlier (issue 29). The preview names the intervention and
    offers to move its start to the first enrolment; the file, refused, is checked again."""
    from interventions.models import Intervention

    Intervention.objects.filter(pk=intervention.pk).update(starts_on=date(2024, 3, 15))
    client.force_login(office)
    preview_url = upload(client, federation, csv_file(*GOOD))["Location"]
    page = client.get(preview_url).content.decode()
    assert "Enter startar 2024-03-15, men 2 rader skrivs in före det, den första 2024-02-01." in page
    batch = ImportBatch.objects.get()
    move = reverse("interventions:participant-import-move-start", kwargs={"slug": federation.slug, "pk": batch.pk})

    client.force_login(other_office)  # another federation's office cannot use the offer
    assert client.post(move, {"suggestion": "0"}).status_code == 404
    client.force_login(office)
    assert client.post(move, {"suggestion": "7"}).status_code == 404
    assert Intervention.objects.get(pk=intervention.pk).starts_on == date(2024, 3, 15)

    moved = client.post(move, {"suggestion": "0"})
    assert moved["Location"] == reverse("interventions:participant-import", kwargs={"slug": federation.slug})
    intervention.refresh_from_db()
    assert intervention.starts_on == date(2024, 2, 1)
    assert (
        intervention.history.latest().history_change_reason == "Start flyttad till första inskrivningen i deltagare.csv"
    )
    assert intervention.history.latest().history_user == office
    assert run(federation, csv_file(*GOOD)).saved  # the file fits now


def test_a_row_changing_only_the_supports_saves_the_participant_too(federation, intervention, habo):
    """A participant's supports are written only with the participant, whose history row
    then stands for theirs in a draft's data version (finsam.versions.COVERED_BY)."""
    run(federation, csv_file(*GOOD))
    first = Participant.objects.get(code="ENT-1")
    history = first.history.count()
    changed = GOOD[0].replace(";;;Sjukpenning", ";;;Sjukersättning")
    assert run(federation, csv_file(changed, *GOOD[1:])).updated == 1
    assert list(first.supports.values_list("kind", flat=True)) == ["sickness_compensation"]
    assert first.history.count() == history + 1


def test_a_file_of_the_most_rows_with_every_column_fits_under_the_upload_cap():
    """Issue 32 part 4: the rows are the cap that counts — 50 000 rows with every column of the
    participants' import, each written out as long as the office would write it."""
    from federations.imports import MAX_ROWS
    from federations.imports.flow import ImportForm

    full_row = {
        "insats": "NOVA – Stöd i förändring",
        "kod": "SV-2024-000001",
        "registrering": "samtycke",
        "kön": "kvinna",
        "födelseår": "1990",
        "kommun": "Jönköping",
        "remittent": "Arbetsförmedlingen",
        "inskriven": "2024-02-01",
        "avslutad": "2024-09-30",
        "avslutsorsak": "Arbetslivsinriktad rehabilitering",
        "avslutsklass": "Spår 2",
        "arbetsförmåga vid avslut": "ja",
        "fullföljd utbildning": "ja",
        "år i offentlig försörjning": "12",
        "utbildning": "Eftergymnasial utbildning",
        "sysselsättning start": "Arbetssökande",
        "omfattning start": "100",
        "sysselsättning avslut": "Subventionerad anställning",
        "omfattning avslut": "75",
        "praktik": "ja",
        "försörjning vid start": '"Sjukpenning;Försörjningsstöd"',
        "försörjning vid avslut": '"Aktivitetsstöd;Annan försörjning"',
        "hälsa start": "40",
        "hälsa avslut": "60",
        "livskvalitet start": "4",
        "livskvalitet avslut": "7",
        "uppföljning 6 mån": "Arbete",
        "uppföljning 12 mån": "Studier",
    }
    assert list(full_row) == ParticipantImporter.headers  # every column, no more
    content = (";".join(full_row) + "\n" + (";".join(full_row.values()) + "\n") * MAX_ROWS).encode()
    assert 15 * 1024 * 1024 < len(content) < ImportForm.MAX_BYTES


def test_changed_rows_are_written_together_however_many_they_are(federation, intervention, habo):
    """Issue 32 part 4: the changed participants, their history and their supports are written
    in a fixed number of statements, not a few for each row (on PostgreSQL, the production
    database; the SQLite demo deletes a support at a time)."""

    def rows(count, reason, support):
        return [f"Enter;CH-{n};kvinna;1990;Habo;2024-02-01;2024-09-30;{reason};{support}" for n in range(count)]

    def queries_changing(count):
        run(federation, csv_file(*rows(count, "Arbete", "Sjukpenning")))
        with CaptureQueriesContext(connection) as queries:
            result = run(federation, csv_file(*rows(count, "Studier", '"Sjukersättning;Aktivitetsstöd"')))
        assert (result.updated, result.problems) == (count, [])
        Participant.objects.filter(code__startswith="CH-").delete()
        return len(queries)

    if connection.vendor == "postgresql":
        assert queries_changing(2) == queries_changing(8)
    run(federation, csv_file(*rows(2, "Arbete", "Sjukpenning")))
    run(federation, csv_file(*rows(2, "Studier", '"Sjukersättning;Aktivitetsstöd"')))
    changed = Participant.objects.get(code="CH-1")
    assert changed.end_reason == "studies"
    assert sorted(changed.supports.values_list("kind", flat=True)) == ["activity_support", "sickness_compensation"]
    assert [row.history_type for row in changed.history.order_by("history_date", "history_id")] == ["+", "~"]
    removed = ParticipantSupport.history.get(participant_id=changed.pk, history_type="-")
    assert removed.kind == "sickness_benefit"


def test_a_bad_row_after_rows_already_written_saves_nothing(federation, intervention, habo, monkeypatch):
    """A save writes its rows every so many (``WRITE_EVERY``) inside its one transaction: a
    problem found after some were written takes them back."""
    monkeypatch.setattr(importers, "WRITE_EVERY", 2)
    bad = "Enter;ENT-4;kvinna;1990;Habo;2024-05-01;2024-04-01;Arbete;"
    result = run(federation, csv_file(*GOOD, bad))
    assert (result.saved, [(p.row, p.column) for p in result.problems]) == (False, [(5, "avslutad")])
    assert not Participant.objects.exists()
    assert not Participant.history.exists()
    assert run(federation, csv_file(*GOOD)).saved
    assert Participant.objects.count() == 3


# --- A confirmation writes what the check found ------------------------------------------

CHANGING = [
    GOOD[0].replace(";;;Sjukpenning", ';;;"Sjukersättning;A-kassa"'),  # its supports change
    GOOD[1].replace("Arbete", "Studier"),  # its end reason changes
    GOOD[2],  # unchanged
    "Enter;ENT-4;man;1999;Habo;2024-05-01;;;Försörjningsstöd",  # new
]


def written(federation):
    """Every participant of the federation and its supports as plain values, but their keys."""
    participants = Participant.objects.of_federation(federation).order_by("code")
    records = [{name: value for name, value in record.items() if name != "id"} for record in participants.values()]
    supports = sorted(ParticipantSupport.objects.values_list("participant__code", "phase", "kind"))
    history = sorted(Participant.history.values_list("code", "history_type"))
    return records, supports, history


def test_a_confirmation_writes_what_checking_the_file_again_would(federation, intervention, habo):
    """Issue 32 part 4: the confirmation writes the rows the check found, without checking the
    file again — and exactly what checking and saving it again writes."""
    run(federation, csv_file(*GOOD))
    check = run(federation, csv_file(*CHANGING), save=False)
    assert (check.created, check.updated, check.unchanged) == (1, 2, 1) and check.checked
    with transaction.atomic():
        confirmed = ParticipantImporter(federation).save_checked(check.checked)
        as_confirmed = written(federation)
        transaction.set_rollback(True)
    again = run(federation, csv_file(*CHANGING))
    assert (confirmed.saved, confirmed.rows, confirmed.created, confirmed.updated, confirmed.unchanged) == (
        True,
        4,
        1,
        2,
        1,
    )
    assert (again.created, again.updated, again.unchanged) == (1, 2, 1)
    assert as_confirmed == written(federation)
    assert ("ENT-1", "start", "sickness_compensation") in as_confirmed[1]


def test_a_confirmation_checks_the_file_again_when_what_it_was_checked_against_changed(
    client, office, federation, intervention, habo
):
    """The intervention is moved to start after the file's rows enrol, between the check and
    the confirmation: the confirmation checks the file again, finds the rows refused and saves
    nothing."""
    client.force_login(office)
    preview = upload(client, federation, csv_file(*GOOD))["Location"]
    batch = ImportBatch.objects.get()
    assert batch.checked and not batch.problem_count
    intervention.starts_on = date(2024, 3, 15)
    intervention.save()
    client.post(preview)
    batch.refresh_from_db()
    assert (batch.status, batch.problem_count) == (ImportBatch.Status.CHECKED, 2)
    assert not Participant.objects.exists()


def test_another_federations_save_leaves_a_check_standing(federation, intervention, habo, other_federation):
    check = run(federation, csv_file(*GOOD), save=False)
    other_federation.name = "Höglandets förbund"
    other_federation.save()
    assert ParticipantImporter(federation).save_checked(check.checked).saved
    intervention.name = "Enter 2"
    intervention.save()
    assert ParticipantImporter(federation).save_checked(check.checked) is None  # its own county's intervention


def test_a_file_with_problems_keeps_nothing_to_write(federation, intervention, habo):
    bad = "Enter;ENT-4;kvinna;1990;Habo;2024-05-01;2024-04-01;Arbete;"
    assert run(federation, csv_file(*GOOD, bad), save=False).checked == b""


def test_a_confirmation_writes_in_the_same_number_of_queries_however_many_rows(federation, intervention, habo):
    def queries_confirming(count):
        rows = [f"Enter;Q-{count}-{n};kvinna;1990;Habo;2024-02-01;;;Sjukpenning" for n in range(count)]
        check = run(federation, csv_file(*rows), save=False)
        with CaptureQueriesContext(connection) as queries:
            assert ParticipantImporter(federation).save_checked(check.checked).created == count
        return len(queries)

    assert queries_confirming(2) == queries_confirming(12)
