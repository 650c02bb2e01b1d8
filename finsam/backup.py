"""A backup of everything finsam keeps — every record, its history, the users and their
roles, the adopted reports' PDF bytes — as one gzipped JSON file, and its restore into
an empty database in one transaction, checked against the counts the backup recorded.

The file is readable by its owner only (mode 0600). Its first line names the format and
the HMAC-SHA256 of the rest under the installation's backup key (``settings.BACKUP_KEY``);
the rest is the backup itself as JSON. `restore` checks the signature before it reads a
record, so a damaged file, or one altered by someone without the key, is refused whole.

Second-factor secrets (authenticator keys, recovery codes) are never backed up, and a
restore deletes those the database had: after a restore, users enrol again."""

import gzip
import hmac
import json
import os
from datetime import datetime, time, timezone

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils.crypto import salted_hmac

# Sent when a backup has replaced the database, for an app that keeps something drawn from it.
backup_restored = Signal()

FORMAT = "finsam-backup-3"
# Rebuilt by `migrate` from the code, or not worth keeping (sessions expire).
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# What would let someone pass the second step of a login: never in a backup, and cleared by
# a restore (the users it names may be others after it).
SECRETS = {"otp_totp.totpdevice", "otp_static.staticdevice", "otp_static.statictoken"}


class BackupError(Exception):
    pass


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but keeping the microseconds it rounds away: a backup loses nothing."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    return [model for model in apps.get_models() if model._meta.label_lower not in SKIPPED | SECRETS]


def signature(body):
    """The backup's HMAC-SHA256 under the installation's backup key."""
    return salted_hmac("finsam.backup", body, secret=settings.BACKUP_KEY, algorithm="sha256").hexdigest()


def write_backup(path):
    """Write the backup to ``path``; returns the count of records per model."""
    objects, counts = [], {}
    for model in backed_up_models():
        rows = model._base_manager.order_by("pk")
        serialized = serializers.serialize("python", rows, use_natural_foreign_keys=True)
        counts[model._meta.label_lower] = len(serialized)
        objects += serialized
    document = {"created_at": datetime.now(timezone.utc).isoformat(), "counts": counts, "objects": objects}
    body = json.dumps(document, cls=ExactEncoder, ensure_ascii=False).encode()
    header = json.dumps({"format": FORMAT, "hmac_sha256": signature(body)}).encode()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file was there before
    with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as file:
        file.write(header + b"\n" + body)
    return counts


def read_backup(path):
    try:
        with gzip.open(path, "rb") as file:
            header, _newline, body = file.read().partition(b"\n")
        header = json.loads(header)
    except (OSError, EOFError, ValueError) as error:
        raise BackupError(f"{path} is not a readable finsam backup: {error}") from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a finsam backup (format {FORMAT}), or one whose signature cannot be checked.")
    if not hmac.compare_digest(signature(body), str(header.get("hmac_sha256", ""))):
        raise BackupError(
            f"{path} cannot be verified: it was altered, damaged, or signed with another BACKUP_KEY. "
            "Nothing was changed."
        )
    try:
        return json.loads(body)
    except ValueError as error:
        raise BackupError(f"{path} is not a readable finsam backup: {error}") from error


def empty_database():
    """Delete every backed-up row. Foreign keys are checked when the transaction ends,
    so the order does not matter."""
    for model in backed_up_models() + [apps.get_model(label) for label in SECRETS]:
        model._base_manager.all()._raw_delete(connection.alias)


def restore_backup(path):
    """Replace what this database holds with the backup at ``path``, all or nothing;
    returns the count of records per model."""
    document = read_backup(path)
    try:
        with transaction.atomic(), connection.constraint_checks_disabled():
            empty_database()
            waiting = []  # records naming a user (by username) not restored yet
            for record in serializers.deserialize("python", document["objects"], handle_forward_references=True):
                record.object.skip_history_when_saving = True  # the backup holds the history as it was
                record.save()
                if record.deferred_fields:
                    waiting.append(record)
            for record in waiting:
                record.save_deferred_fields()
            connection.check_constraints()
            restored = {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}
            check_counts(document["counts"], restored)
            reset_sequences()
    except BackupError:
        raise
    except Exception as error:
        raise BackupError(f"The backup could not be restored, and nothing was changed: {error}") from error
    # The restored history may repeat ids that what was kept from before (a cached draft) was
    # drawn from: the apps that keep such things drop them (reporting forgets its drafts).
    backup_restored.send(sender=restore_backup)
    return restored


def check_counts(expected, restored):
    differing = {
        label: (expected.get(label, 0), restored.get(label, 0))
        for label in expected | restored
        if expected.get(label, 0) != restored.get(label, 0)
    }
    if differing:
        raise BackupError(f"The restored records differ from the backup's counts, so nothing was changed: {differing}")


def reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
