"""Hostile input, counted: every property-based example adds to the tally printed at
the end of the run ("hostile inputs tried: N")."""

from contextlib import contextmanager

from django.db import transaction

TRIED = {"count": 0}


def tried():
    TRIED["count"] += 1


@contextmanager
def rolled_back():
    """One example's changes, undone before the next."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def pytest_sessionfinish(session):
    """A worker of a parallel run hands its tally to the run (tests/conftest.py adds them up)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["hostile_inputs"] = TRIED["count"]


def pytest_terminal_summary(terminalreporter):
    if TRIED["count"]:
        terminalreporter.write_line(f"hostile inputs tried: {TRIED['count']}")
