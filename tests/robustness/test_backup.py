"""A backup restores to exactly what was backed up: every row of every model, its
history, users and roles, binary PDF bytes; and a broken file changes nothing."""

import gzip
import hashlib
import hmac
import json
import stat
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from federations.models import Federation, Role
from finsam.backup import FORMAT, SECRETS, backed_up_models, read_backup, signature
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
    """Write ``document`` signed with the installation's key, as a backup would be."""
    write(path, document, {"format": FORMAT, "hmac_sha256": signature(json.dumps(document).encode())})


def write(path, document, header):
    with gzip.open(path, "wb") as file:
        file.write(json.dumps(header).encode() + b"\n" + json.dumps(document).encode())


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
    assert len(json.loads(header)["hmac_sha256"]) == 64
    with gzip.open(path, "wb") as file:
        file.write(header + b"\n" + body.replace(b"Habo", b"Hobo", 1))  # one changed letter, still valid JSON
    before = snapshot()
    with pytest.raises(CommandError, match="cannot be verified"):
        call_command("restore", path, replace=True)
    assert snapshot() == before


def make_insats_superuser(document):
    user = next(r for r in document["objects"] if r["model"] == "auth.user" and r["fields"]["username"] == "insats")
    user["fields"]["is_superuser"] = user["fields"]["is_staff"] = True


def test_a_forged_backup_is_refused_whatever_checksum_it_carries(demo, tmp_path):
    """Someone without the key alters a backup (insats made a superuser) and writes a new
    checksum: as the old format had it, as a signature under another key, or none."""
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    document = read_backup(path)
    make_insats_superuser(document)
    body = json.dumps(document).encode()
    before = snapshot()
    for header in [
        {"format": "finsam-backup-2", "sha256": hashlib.sha256(body).hexdigest()},
        {"format": FORMAT, "hmac_sha256": hashlib.sha256(body).hexdigest()},
        {"format": FORMAT, "hmac_sha256": hmac.new(b"a guessed key", body, hashlib.sha256).hexdigest()},
        {"format": FORMAT},
    ]:
        write(path, document, header)
        with pytest.raises(CommandError, match="cannot be"):
            call_command("restore", path, replace=True)
    assert snapshot() == before
    assert not get_user_model().objects.get(username="insats").is_superuser


def test_a_backup_restores_only_under_the_key_it_was_signed_with(demo, tmp_path, settings):
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    settings.BACKUP_KEY = "another installation's key"
    with pytest.raises(CommandError, match="BACKUP_KEY"):
        call_command("restore", path, replace=True)


def test_second_factor_secrets_stay_out_of_backups_and_users_enrol_again_after_a_restore(demo, tmp_path):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    office = get_user_model().objects.get(username="kansli")
    device = TOTPDevice.objects.create(user=office, name="app", confirmed=True)
    recovery = StaticDevice.objects.create(user=office, name="codes")
    StaticToken.objects.create(device=recovery, token="abcd1234")
    path = tmp_path / "finsam.json.gz"
    call_command("backup", output=path, stdout=None)
    with gzip.open(path, "rb") as file:
        content = file.read().decode()
    assert device.key not in content and "abcd1234" not in content
    assert not {record["model"] for record in read_backup(path)["objects"]} & SECRETS
    call_command("restore", path, replace=True, stdout=None)
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists() and not StaticToken.objects.exists()
