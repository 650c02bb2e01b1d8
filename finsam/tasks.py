"""What every background task leans on: a worker killed in the middle of a task (SIGKILL, a
machine gone) never records its end, so a task still *running* long after it started is
taken for dead and its work taken up again — by the page that waits for it."""

import gc
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus


def presumed_dead(result):
    """Whether ``result`` (a django-tasks TaskResult) has run longer than any task of finsam
    does (``TASK_PRESUMED_DEAD_AFTER`` seconds) without an end."""
    return (
        result.status == TaskResultStatus.RUNNING
        and result.started_at is not None
        and timezone.now() - result.started_at > timedelta(seconds=settings.TASK_PRESUMED_DEAD_AFTER)
    )


@contextmanager
def collecting_only_its_own_objects():
    """Within: Python's cyclic garbage collector leaves the objects the process held before
    alone, and the task's own cycles are collected as it ends, by a pass through its own
    objects alone. A large task makes millions of objects (an import of 50 000 rows, a PDF's
    layout), and each of the collector's full passes, a dozen over such a task, went through
    the worker's whole heap too — 1.4 s of an import's 11 s, 0.6 s of a draft's 4 s; a PDF's
    boxes (100 000 objects in cycles) were left to the next full pass. The objects held
    before are the collector's again after (a pass through the whole heap at the end cost a
    draft 0.3–0.6 s more), unless the process kept them out of the passes before: a web
    node's (``finsam.wsgi``) running a task in its request (``TASKS_BACKEND=immediate``)."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()  # through the task's own objects alone
        if not frozen_before:
            gc.unfreeze()
