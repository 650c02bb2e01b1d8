import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from finsam.tasks import collecting_only_its_own_objects
from interventions.importers import ParticipantImporter
from reporting import renderings
from reporting.drafts import render_draft
from tests.interventions.test_import import GOOD, csv_file, upload


def collected(thing):
    """Whether the collector's passes go through ``thing``."""
    return any(candidate is thing for candidate in gc.get_objects())


def test_within_a_task_the_collector_leaves_what_the_process_held_before():
    held_before = ["a worker's own"]
    with collecting_only_its_own_objects():
        made_within = ["the task's"]
        assert not collected(held_before) and collected(made_within)
    assert collected(held_before) and gc.get_freeze_count() == 0


def test_what_a_web_process_loaded_stays_out_of_the_passes_after_a_task_in_its_request():
    loaded = ["a web node's, frozen at start (finsam.wsgi)"]
    gc.freeze()
    try:
        with collecting_only_its_own_objects():
            made_within = ["the task's"]
        assert not collected(loaded) and collected(made_within)
    finally:
        gc.unfreeze()


def test_a_web_process_keeps_what_it_loaded_at_start_out_of_the_passes():
    """``finsam.wsgi``, as gunicorn loads it: the URLs and the views behind them are loaded
    and frozen before the first request."""
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc, sys, finsam.wsgi; print(gc.get_freeze_count(), 'finsam.urls' in sys.modules)",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "finsam.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert int(found[0]) > 10_000 and found[1] == "True"


def test_the_tasks_own_cycles_are_collected_as_it_ends():
    class Box:
        pass

    gc.disable()  # no pass of its own between the lines below
    try:
        with collecting_only_its_own_objects():
            box = Box()
            box.parent = box  # a cycle, as a PDF's boxes and their parents
            gone = weakref.ref(box)
            del box
            assert gone() is not None  # left to the collector
        assert gone() is None
    finally:
        gc.enable()


def test_the_collector_has_them_again_when_the_task_fails():
    with pytest.raises(ZeroDivisionError), collecting_only_its_own_objects():
        1 / 0
    assert gc.get_freeze_count() == 0


def test_an_imports_check_and_save_leave_the_workers_heap_alone(
    client, office, federation, intervention, habo, monkeypatch
):
    frozen = []
    run = ParticipantImporter.run

    def recording(self, *args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return run(self, *args, **kwargs)

    monkeypatch.setattr(ParticipantImporter, "run", recording)
    client.force_login(office)
    checked = upload(client, federation, csv_file(*GOOD))
    assert client.post(checked["Location"]).status_code == 302
    assert len(frozen) >= 1 and all(count > 0 for count in frozen)
    assert gc.get_freeze_count() == 0


def test_a_drafts_render_leaves_the_workers_heap_alone(federation, monkeypatch):
    frozen = []
    monkeypatch.setitem(renderings.RENDERINGS, "annual", lambda *args: frozen.append(gc.get_freeze_count()) or b"%PDF")
    render_draft.call("annual", [federation.pk, 2024], "sv", None, [federation.pk], 2024)
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0
