"""Faults survived (issue 32 part 7, the services): PostgreSQL restarted for real under load —
the requests in flight get a clean error page, and the app recovers without a restart of its
own; Redis stopped for real — imports go on, their progress kept on the batch's row.

They restart services every test shares, so they run alone, after the rest (``make test``'s
second command sets FINSAM_RESTART_SERVICES); as root, as CI runs."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from federations.models import Role
from tests.robustness.processes import Browserless, database_url, free_port, log_in, until, user_for_servers

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("FINSAM_RESTART_SERVICES"), reason="restarts PostgreSQL and Redis: run alone (make test)"
    ),
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="on PostgreSQL"),
    pytest.mark.skipif(os.geteuid() != 0, reason="restarting the services takes root, as in CI"),
]
ROOT = Path(__file__).resolve().parents[2]
REDIS_START = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no",
    "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log",
]  # fmt: skip


def postgresql(action):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True)


def database_answers():
    try:
        connection.close()
        connection.ensure_connection()
        return True
    except Exception:
        return False


def status_of(client, url):
    try:
        return client.get(url).status
    except OSError:  # nobody listening yet
        return 0


@pytest.fixture
def office(federation):
    user = user_for_servers("kontor")
    Role.objects.create(user=user, federation=federation, kind=Role.Kind.OFFICE)
    return user


@pytest.fixture
def server(tmp_path):
    """One gunicorn node keeping its database connections (CONN_MAX_AGE), as production does."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "60",
        "SECRET_KEY": "restart-only-0123456789abcdefghijklmnopqrstuvwxyz0123",
        "DEBUG": "0",
        "REQUIRE_2FA": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    command = [sys.executable, "-m", "gunicorn", "finsam.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    process = subprocess.Popen([*command, "--threads", "4"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        until(lambda: status_of(Browserless(), f"{base}/accounts/login/") == 200)
        yield base
    finally:  # a server that never answered is stopped too
        process.terminate()
        process.wait(timeout=10)


def test_postgresql_restarted_under_load_gives_clean_errors_and_the_app_recovers(server, office, federation):
    client = Browserless()
    log_in(client, server, "kontor")
    page = f"{server}/f/{federation.slug}/participants/"
    assert client.get(page).status == 200
    answers, stop = [], threading.Event()

    def load():
        reader = Browserless()
        reader.opener = client.opener  # the same session
        while not stop.is_set():
            try:
                answer = reader.get(page)
                answers.append((answer.status, answer.text()))
            except OSError as error:  # a connection reset is not a page at all
                answers.append((0, repr(error)))

    readers = [threading.Thread(target=load) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(1)
        postgresql("restart")
        until(database_answers)
        until(lambda: status_of(client, page) == 200)  # recovered, the server not restarted
        time.sleep(1)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
        until(database_answers)  # the test's own connection, for its teardown
    statuses = {status for status, _text in answers}
    assert statuses <= {200, 500, 503}, statuses  # an answer every time, never a dropped connection
    failed = [text for status, text in answers if status >= 500]
    assert all("Något gick fel" in text for text in failed), failed[:1]  # finsam's own page, in Swedish
    assert answers[-1][0] == 200


def test_redis_stopped_imports_go_on_with_their_progress_on_the_row(client, office, federation, intervention, habo):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings
    from django.urls import reverse

    from federations.imports import import_progress, record_progress
    from federations.models import ImportBatch
    from interventions.models import Participant

    redis = "redis://127.0.0.1:6379/12"
    caches = settings.CACHES | {
        "progress": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], check=False)
    try:
        with override_settings(REDIS_URL=redis, CACHES=caches):
            client.force_login(office)
            rows = "".join(f"Enter;R-{n};kvinna;1990;Habo;2024-02-01;;\n" for n in range(300))
            header = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"
            upload = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
            answer = client.post(upload, {"file": SimpleUploadedFile("deltagare.csv", (header + rows).encode())})
            assert answer.status_code == 302
            assert client.post(answer["Location"]).status_code == 302  # confirmed and saved
            assert Participant.objects.count() == 300
            batch = ImportBatch.objects.get()
            record_progress(batch, 120, 300)
            assert ImportBatch.objects.values_list("rows_done", "rows_total").get() == (120, 300)
            assert import_progress(batch) == (120, 300)
    finally:
        os.makedirs("/var/lib/redis", exist_ok=True)
        os.makedirs("/var/log/redis", exist_ok=True)
        subprocess.run(REDIS_START, check=True)
        until(lambda: subprocess.run(["redis-cli", "ping"], capture_output=True).stdout.strip() == b"PONG")
