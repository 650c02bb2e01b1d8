"""What every background task leans on: a worker killed in the middle of a task (SIGKILL, a
machine gone) never records its end, so a task still *running* long after it started is
taken for dead and its work taken up again — by the page that waits for it."""

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
