from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _


class ShowsEveryModelError:
    """For a model form that shows only some of the model's fields (ending a
    participation shows four): a rule of the model about a field the form does not show
    — a duplicate code, say — becomes an error of the whole form instead of a crash."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            for name in [name for name in error.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                error.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(error.error_dict.pop(name))
        super().add_error(field, error)


DASHES = "---------"


class PlainEmptyChoice:
    """A select's empty choice says what it means ("Välj …") instead of Django's dashes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "empty_label", None) == DASHES:
                field.empty_label = _("Choose …")
            elif isinstance(field, forms.ChoiceField) and field.choices and list(field.choices)[0] == ("", DASHES):
                field.choices = [("", _("Choose …")), *list(field.choices)[1:]]
