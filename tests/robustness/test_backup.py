"""A backup restores to exactly what was backed up: every row of every model, its
history, users and roles, binary PDF bytes; and a broken file changes nothing."""

import gzip
import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from federations.models import Federation, Role
from finsam.backup import backed_up_models
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
    with gzip.open(path, "rt", encoding="utf-8") as file:
        document = json.load(file)
    role = next(record for record in document["objects"] if record["model"] == "federations.role")
    role["fields"]["federation"] = 999_999  # a federation that does not exist
    with gzip.open(path, "wt", encoding="utf-8") as file:
        json.dump(document, file)
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("restore", path, replace=True)
    assert snapshot() == before
    assert Role.objects.count() == len([r for r in document["objects"] if r["model"] == "federations.role"])
