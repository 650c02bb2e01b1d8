"""A backup restores to exactly what was backed up: every row of every model, its
history, users and roles, binary PDF bytes; and a broken file changes nothing."""

import gzip
import hashlib
import json
import stat
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from federations.models import Federation, Role
from finsam.backup import backed_up_models, read_backup
from reporting.models import AdoptedReport

PDF_BYTES = b"%PDF-1.7\n\x00\xff\xfe binary \x80\x81 end"


def snapshot():
    """Every row of every backed-up model, every field, in primary-key order."""

    def plain(value):
        return bytes(value) if isinstance(value, memoryview) else value

    return {
        model._meta.label_lower: [
            {name: plain(value) for name, value in row.items()} for row in model._base_manager.order_by("pk").values()
        ]
        for model in backed_up_models()
    }


@pytest.fixture
def adopted(demo):
    office = get_user_model().objects.get(username="kansli")
    return AdoptedReport.objects.create(
        federation=Federation.objects.get(slug="hoglandet"),
        kind="annual",
        year=2024,
        adopted_on=date(2025, 3, 20),
        registry_number="Dnr 2025:02 / 3",
        html="<h1>Årsredovisning</h1>",
        pdf=PDF_BYTES,
        sha256="0" * 64,
        adopted_by=office,
    )


def test_a_backup_restores_every_row(adopted, tmp_path):
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 5000  # the demo, with its history
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    call_command("restore", path, replace=True, stdout=None)
    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert bytes(AdoptedReport.objects.get().pdf) == PDF_BYTES


def test_restore_refuses_a_database_in_use(demo, tmp_path):
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", path)


def test_a_truncated_file_changes_nothing(demo, tmp_path):
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(path.read_bytes()[:5000])
    before = snapshot()
    with pytest.raises(CommandError, match="not a readable finsam backup"):
        call_command("restore", broken, replace=True)
    assert snapshot() == before


def test_a_backup_with_a_bad_record_changes_nothing(demo, tmp_path):
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    document = read_backup(path)
    role = next(record for record in document["objects"] if record["model"] == "federations.role")
    role["fields"]["federation"] = 999_999  # a federation that does not exist
    write_with_checksum(path, document)  # as if the bad record had been backed up
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("restore", path, replace=True)
    assert snapshot() == before
    assert Role.objects.count() == len([r for r in document["objects"] if r["model"] == "federations.role"])


def write_with_checksum(path, document):
    body = json.dumps(document).encode()
    header = json.dumps({"format": "finsam-backup-2", "sha256": hashlib.sha256(body).hexdigest()}).encode()
    with gzip.open(path, "wb") as file:
        file.write(header + b"\n" + body)


def test_a_backup_is_readable_by_its_owner_only(demo, tmp_path):
    path = tmp_path / "finsam.json.gz"
    path.write_bytes(b"")
    path.chmod(0o644)  # an older file in its place
    call_command("backup", output=path, stdout=None)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_damaged_backup_is_refused_by_its_checksum(demo, tmp_path):
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    with gzip.open(path, "rb") as file:
        content = file.read()
    header, _newline, body = content.partition(b"\n")
    assert len(json.loads(header)["sha256"]) == 64
    with gzip.open(path, "wb") as file:
        file.write(header + b"\n" + body.replace(b"Habo", b"Hobo", 1))  # one changed letter, still valid JSON
    before = snapshot()
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", path, replace=True)
    assert snapshot() == before
