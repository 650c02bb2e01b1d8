"""How far a background import has come, where every web node reads it while the worker's
transaction is still open (issue 32 part 6): Redis when REDIS_URL is set, else the batch's own
row written through a connection of its own — and the row again while Redis does not answer."""

import pytest
from django.urls import reverse

from federations.imports import import_progress, record_progress
from federations.imports.progress import forget_progress
from federations.models import ImportBatch

REDIS = "redis://127.0.0.1:6379/15"
NOBODY_LISTENS = "redis://127.0.0.1:6390/0"


@pytest.fixture
def checking(office, federation):
    return ImportBatch.objects.create(
        federation=federation,
        kind="participants",
        uploaded_by=office,
        filename="stor.csv",
        status=ImportBatch.Status.CHECKING,
    )


def preview(client, batch):
    url = reverse("interventions:participant-import-preview", kwargs={"slug": batch.federation.slug, "pk": batch.pk})
    return client.get(url).content.decode()


def shows(page, done, total):
    return f'<progress max="{total}" value="{done}">' in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("redis_url", ["", REDIS, NOBODY_LISTENS], ids=["database", "redis", "redis-down"])
def test_the_page_shows_the_progress_the_task_reports(client, office, checking, settings, redis_url):
    settings.REDIS_URL = redis_url
    settings.CACHES = settings.CACHES | {
        "progress": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    client.force_login(office)
    record_progress(checking, 12000, 50000)
    page = preview(client, checking)
    assert shows(page, 12000, 50000) and "Kontrollerar rad 12\u00a0000 av 50\u00a0000" in page
    in_row = ImportBatch.objects.values_list("rows_done", "rows_total").get()
    # Redis keeps it when it answers; else the batch's row, committed apart from any transaction.
    assert in_row == ((None, None) if redis_url == REDIS else (12000, 50000))
    forget_progress(checking)
    assert import_progress(checking) is None


@pytest.mark.django_db(transaction=True)
def test_progress_is_written_apart_from_the_imports_open_transaction(checking):
    """The worker saves the whole file in one transaction; the page, on another connection,
    sees how far it has come before it commits."""
    from django.db import connections, transaction

    with transaction.atomic():
        record_progress(checking, 250, 600)
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT rows_done, rows_total FROM federations_importbatch WHERE id = %s", [checking.pk])
                assert cursor.fetchone() == (250, 600)
        finally:
            other.close()
