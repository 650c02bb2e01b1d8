"""Optimistic locking: two people editing the same record cannot silently overwrite each
other. The form carries a version of the record as it was loaded; saving checks that
the record still reads the same, and otherwise stops with a message, keeping what the
second person typed so that they can compare and save again."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def version_of(instance):
    """A short fingerprint of the record's saved fields, read from the database."""
    model = type(instance)
    names = [field.attname for field in model._meta.concrete_fields]
    saved = model._base_manager.filter(pk=instance.pk).values_list(*names).first()
    return hashlib.sha256(repr(saved).encode()).hexdigest()[:20]


def last_change(instance):
    """(who, when) of the latest change the history knows of, or None."""
    history = getattr(instance, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    if record is None:
        return None
    return record.history_user, timezone.localtime(record.history_date)


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made since it was loaded."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        # A form posted from a page carries its version; an import row has none.
        posted = self.add_prefix("version") in self.data
        if self.instance.pk and posted and cleaned.get("version") != version_of(self.instance):
            self.refuse_overwrite()
        return cleaned

    def refuse_overwrite(self):
        # The next save compares with the record as it is now: the person has seen it.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = version_of(self.instance)
        change = last_change(self.instance)
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
