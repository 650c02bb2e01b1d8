"""Faults survived, nothing lost (issue 32 part 7): a worker killed for real (SIGKILL) while it
saves an import, checks one or renders a draft PDF. The save's one transaction dies with it,
so nothing is half-saved and the file is confirmable again; the check is started again; the
draft is asked for again — never "being made" forever. A task still running longer than any
task of finsam runs (``TASK_PRESUMED_DEAD_AFTER``) is taken for dead by the page that waits."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from federations.models import ImportBatch
from interventions.models import Participant
from tests.robustness.processes import database_url, until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="on PostgreSQL"),
]
ROOT = Path(__file__).resolve().parents[2]
ROWS = 20000
HEADER = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"


@pytest.fixture
def workers(tmp_path):
    """Start a real worker (``manage.py db_worker``) on the test database; each is stopped after."""
    started = []

    def start():
        env = os.environ | {"DATABASE_URL": database_url(), "PROGRESS_CACHE_DIR": str(tmp_path / "progress")}
        log = (tmp_path / f"worker-{len(started)}.log").open("w")
        command = [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload", "--no-startup-delay"]
        started.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.fixture
def tasks_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def kill_when_running(worker, task_path):
    """SIGKILL the worker as soon as it has started the task: no end is ever recorded."""
    from django_tasks_db.models import DBTaskResult

    until(lambda: DBTaskResult.objects.filter(task_path=task_path, status="RUNNING").exists(), seconds=90, pause=0.01)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    return DBTaskResult.objects.get(task_path=task_path, status="RUNNING")


@pytest.fixture
def uploaded(client, office, federation, intervention, habo, tasks_in_the_database):
    client.force_login(office)
    rows = "".join(f"Enter;K-{n};kvinna;1990;Habo;2024-02-01;;\n" for n in range(ROWS))
    upload = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer = client.post(upload, {"file": SimpleUploadedFile("deltagare.csv", (HEADER + rows).encode())})
    assert answer.status_code == 302
    return answer["Location"]


def test_a_worker_killed_while_saving_an_import_saves_nothing_and_the_file_is_confirmed_again(
    client, uploaded, workers, settings
):
    worker = workers()
    until(lambda: ImportBatch.objects.get().status == ImportBatch.Status.CHECKED, seconds=90)
    assert client.post(uploaded).status_code == 302  # confirm: the worker saves the 20 000 rows
    kill_when_running(worker, "federations.imports.flow.run_import")
    time.sleep(1)  # nothing goes on saving behind it
    assert Participant.objects.count() == 0  # its one transaction died with it
    assert ImportBatch.objects.get().status == ImportBatch.Status.SAVING

    settings.TASK_PRESUMED_DEAD_AFTER = 0  # as if ten minutes had passed
    page = client.get(uploaded)
    assert ImportBatch.objects.get().status == ImportBatch.Status.CHECKED
    assert "inget sparades" in page.content.decode()
    assert client.post(uploaded).status_code == 302  # confirmable again
    workers()
    until(lambda: ImportBatch.objects.get().status == ImportBatch.Status.SAVED, seconds=90)
    assert Participant.objects.count() == ROWS


def test_a_worker_killed_while_checking_a_file_has_the_check_started_again(client, uploaded, workers, settings):
    worker = workers()
    dead = kill_when_running(worker, "federations.imports.flow.run_import")
    assert ImportBatch.objects.get().status == ImportBatch.Status.CHECKING

    settings.TASK_PRESUMED_DEAD_AFTER = 0
    client.get(uploaded)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKING and batch.task_id != str(dead.id)  # asked again
    settings.TASK_PRESUMED_DEAD_AFTER = 600
    workers()
    until(lambda: ImportBatch.objects.get().status == ImportBatch.Status.CHECKED, seconds=90)
    assert ImportBatch.objects.get().rows == ROWS


def test_a_worker_killed_while_rendering_a_draft_leaves_it_to_be_made_again(
    client, board_member, federation, workers, settings, tasks_in_the_database
):
    client.force_login(board_member)
    url = reverse("reporting:annual-pdf", kwargs={"slug": federation.slug}) + "?year=2024"
    assert client.get(url).status_code == 202
    kill_when_running(workers(), "reporting.drafts.render_draft")
    assert client.get(url).status_code == 202  # still being made, for all it knows

    settings.TASK_PRESUMED_DEAD_AFTER = 0
    assert client.get(url).status_code == 202  # asked again
    settings.TASK_PRESUMED_DEAD_AFTER = 600
    workers()
    made = until(lambda: (answer := client.get(url)).status_code == 200 and answer, seconds=90)
    assert made["Content-Type"] == "application/pdf"
