"""Optimistic locking: two people editing the same record cannot silently overwrite each
other. The form carries a version of the record as it was loaded; saving checks that
the record still reads the same, and otherwise stops with a message, keeping what the
second person typed so that they can compare and save again."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def fingerprint(value):
    return hashlib.sha256(repr(value).encode()).hexdigest()[:20]


def version_of(instance):
    """A short fingerprint of the record's saved fields, read from the database."""
    model = type(instance)
    names = [field.attname for field in model._meta.concrete_fields]
    return fingerprint(model._base_manager.filter(pk=instance.pk).values_list(*names).first())


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

    def current_version(self):
        raise NotImplementedError

    def last_change(self):
        return None

    def clean(self):
        cleaned = super().clean()
        # A form posted from a page carries its version; an import row has none.
        posted = self.add_prefix("version") in self.data
        current = self.current_version()
        if current is not None and posted and cleaned.get("version") != current:
            self.refuse_overwrite(current)
        return cleaned

    def refuse_overwrite(self, current):
        # The next save compares with the record as it is now: the person has seen it.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current
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


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    """A model form whose version is its record's saved fields."""

    def current_version(self):
        return version_of(self.instance) if self.instance.pk else None

    def last_change(self):
        return last_change(self.instance)
