"""Optimistic locking: two people editing the same record cannot silently overwrite each
other. The form carries a version of the record as it was loaded; saving checks that
the record still reads the same, and otherwise stops with a message, keeping what the
second person typed so that they can compare and save again.

Every request is one transaction (``ATOMIC_REQUESTS``), and the check reads the record
under a row lock (``SELECT … FOR UPDATE``) that holds until the save commits: two
simultaneous saves are taken one after the other, and the second sees the first's
change. A bound form without a version is refused: it cannot say what it overwrites."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import PlainEmptyChoice


def fingerprint(value):
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]


def locked(queryset):
    """``queryset`` read under a row lock held to the end of the transaction, when there is
    one (a request always is; a management command may not be)."""
    if transaction.get_connection(queryset.db).in_atomic_block:
        # Ordering could join related tables; only the rows themselves are locked.
        return queryset.order_by().select_for_update(of=("self",))
    return queryset


def saved_fields(model):
    return [field.attname for field in model._meta.concrete_fields]


def version_of(instance, lock=False):
    """A short fingerprint of the record's saved fields, read from the database (under a
    row lock with ``lock``)."""
    model = type(instance)
    rows = model._base_manager.filter(pk=instance.pk)
    return fingerprint((locked(rows) if lock else rows).values_list(*saved_fields(model)).first())


def version_as_loaded(instance):
    """The version of a record just read from the database, without reading it again."""
    return fingerprint(tuple(getattr(instance, name) for name in saved_fields(type(instance))))


def last_change(instance=None, history=None):
    """(who, when) of the latest change in the record's history (or in ``history``, a
    QuerySet of historical records), or None."""
    history = history if history is not None else getattr(instance, "history", None)
    record = history.select_related("history_user").order_by("-history_date").first() if history is not None else None
    if record is None:
        return None
    return record.history_user, timezone.localtime(record.history_date)


class VersionedFormMixin:
    """A form that refuses to overwrite a change made since it was loaded. Subclasses
    say what the version is now (``current_version``, None for something new) and who
    changed it last (``last_change``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial = None if self.is_bound else self.current_version()
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=initial)

    @property
    def changed_data(self):
        return [name for name in super().changed_data if name != "version"]

    def current_version(self, lock=False):
        """The version now, read under a row lock with ``lock``; None for something new."""
        raise NotImplementedError

    def last_change(self):
        return None

    def clean(self):
        cleaned = super().clean()
        current = self.current_version(lock=True)
        if current is None:
            return cleaned
        if not cleaned.get("version"):
            self.show_current_version(current)
            raise ValidationError(
                _(
                    "This form came without the version of the record it changes, so saving it could overwrite a "
                    "colleague's change. Nothing is saved; check the record, then save again."
                ),
                code="version_missing",
            )
        if cleaned["version"] != current:
            self.refuse_overwrite(current)
        return cleaned

    def show_current_version(self, current):
        # The next save compares with the record as it is now: the person has seen it.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current

    def refuse_overwrite(self, current):
        self.show_current_version(current)
        change = self.last_change()
        if change and change[0]:
            message = _(
                "%(user)s saved this record at %(time)s, while you were editing it. Your changes are not saved; "
                "they are still in the form. Check the record, then save again to overwrite it."
            ) % {"user": change[0].get_full_name() or change[0].get_username(), "time": f"{change[1]:%Y-%m-%d %H:%M}"}
        else:
            message = _(
                "Someone saved this record while you were editing it. Your changes are not saved; they are still in "
                "the form. Check the record, then save again to overwrite it."
            )
        raise ValidationError(message, code="changed_meanwhile")


class VersionedModelForm(PlainEmptyChoice, VersionedFormMixin, forms.ModelForm):
    """A model form whose version is its record's saved fields."""

    def current_version(self, lock=False):
        return version_of(self.instance, lock) if self.instance.pk else None

    def last_change(self):
        return last_change(self.instance)
