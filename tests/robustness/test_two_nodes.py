"""More than one machine (issue 32 part 6): two app servers, each with a ``var/`` folder of its
own, and one worker, against one PostgreSQL and one Redis. A file uploaded on the one is
followed — its progress, its preview, its confirmation — on the other, and a draft PDF asked
for on the one is fetched from the other. Real processes, real HTTP."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from federations.models import Role
from tests.robustness.processes import Browserless, csrf, database_url, free_port, log_in, until, user_for_servers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="on PostgreSQL"),
]
ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture
def nodes(tmp_path):
    """Two gunicorn servers and a worker, each process its own ``var/``; stopped after."""
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS,
        "SECRET_KEY": "two-nodes-only-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "REQUIRE_2FA": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
    }
    processes, ports = [], []
    for name in ("a", "b", "worker"):
        var = tmp_path / name
        var.mkdir()
        node_env = env | {"PROGRESS_CACHE_DIR": str(var / "progress")}
        log = (var / "log").open("w")
        if name == "worker":
            command = [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-reload",
                "--no-startup-delay",
            ]
        else:
            ports.append(free_port())
            command = [sys.executable, "-m", "gunicorn", "finsam.wsgi", "--bind", f"127.0.0.1:{ports[-1]}"]
            command += ["--workers", "1", "--threads", "2", "--timeout", "120"]
        processes.append(subprocess.Popen(command, cwd=ROOT, env=node_env, stdout=log, stderr=subprocess.STDOUT))
    for port in ports:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def browserless():
    return Browserless()


def test_an_upload_on_one_node_is_followed_and_confirmed_on_the_other(
    nodes, browserless, federation, intervention, habo
):
    from interventions.models import Participant

    office = user_for_servers("kontor")
    Role.objects.create(user=office, federation=federation, kind=Role.Kind.OFFICE)
    a, b = nodes
    http = browserless
    log_in(http, a, "kontor")  # the session is the database's: it opens both nodes
    header = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak;försörjning vid start\n"
    rows = "".join(f"Enter;N-{n};kvinna;1990;Habo;{date(2024, 2, 1)};;;\n" for n in range(20000))
    upload_url = f"{a}/f/{federation.slug}/participants/import/"
    form = http.get(upload_url)
    uploaded = http.post_file(
        upload_url, {"csrfmiddlewaretoken": csrf(form)}, "file", "deltagare.csv", (header + rows).encode()
    )
    assert uploaded.status == 302, uploaded.text()[:500]
    preview = uploaded.headers["Location"]
    on_b = f"{b}{preview}" if preview.startswith("/") else preview.replace(a, b)

    seen, last = [], []

    def checked_on_b():
        page = http.get(on_b).text()
        last[:] = [page]
        seen.extend(int(done) for done in re.findall(r'<progress max="20000" value="(\d+)">', page))
        return "Importera 20\u00a0000 rader" in page and page

    checked = until(checked_on_b, what=lambda: last[0])
    assert any(seen), "node b showed no progress of the check node a started"
    assert "20\u00a0000 nya" in checked  # the check's outcome, read on node b
    confirm = http.post(on_b, {"csrfmiddlewaretoken": csrf(http.get(on_b))})
    assert confirm.status == 302
    until(lambda: Participant.objects.filter(intervention=intervention).count() == 20000)

    # A draft asked for on node a is made by the worker and fetched from node b.
    pdf_path = f"/f/{federation.slug}/reports/annual.pdf?year=2024"
    assert http.get(f"{a}{pdf_path}").status == 202
    fetched = until(lambda: (answer := http.get(f"{b}{pdf_path}")).status == 200 and answer)
    assert fetched.headers["Content-Type"] == "application/pdf" and fetched.body[:5] == b"%PDF-"
