import gc
import weakref

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
