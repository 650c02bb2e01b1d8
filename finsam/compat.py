"""Where finsam leans on what a library does not promise — a private method, an internal
function — in one place, each with the version of the library it was written for.
``tests/finsam/test_compat.py`` fails when the library's code used here changes (it compares
a digest of that code with the one recorded below), so that an upgrade is read, not guessed;
pyproject.toml bounds each library below its next major version and requirements.lock pins
the version tested."""

import hashlib
import inspect

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

# The library code finsam follows or replaces: "module.function" → (the library and the
# version it was written for, a SHA-256 of the function's source in that version).
LEANS_ON = {
    # model_validation_exclusions follows it; AdjustsModelValidation overrides it
    "django.forms.models.BaseModelForm._get_validation_exclusions": (
        "Django 5.2",
        "222097a95ae0ed7f04e595a56e135d2d258abebb98f1e7380c75f003fae9af6e",
    ),
    # ManyRecordsValidation.full_clean follows both, for many records of one model
    "django.db.models.base.Model.full_clean": (
        "Django 5.2",
        "17332af104dfb4151753853b3d1eac53457fe9375c9e3f7c6b5745f3ed5a824a",
    ),
    "django.db.models.base.Model.clean_fields": (
        "Django 5.2",
        "7117a0e7796f9f453177908e402e9b387375096402fe4be0f65375e486d6277a",
    ),
    # remember_render_signatures replaces utils.signature, which this calls for every cell
    "django_tables2.utils.call_with_appropriate": (
        "django-tables2 3.0",
        "bcb1f2a3c2418a70c265c255b3a3beafa304a0f45a659ba8da31ad574e93e715",
    ),
    "django_tables2.utils.signature": (
        "django-tables2 3.0",
        "448d922c8dcc0c9e9e6660aaf7ead5fbe5e579fe5a6a9c0c83b5cb473236de8d",
    ),
    # finsam.lockout.UserAndAddressLockout overrides the first and reads the second
    "axes.handlers.database.AxesDatabaseHandler.get_failures": (
        "django-axes 8.3",
        "a9cfc141b111e7b41e310349e138b9af3a0ec0c5ad7af2e31b893498c2fefa47",
    ),
    "axes.handlers.database.AxesDatabaseHandler.get_user_attempts": (
        "django-axes 8.3",
        "1cc25916f95191d04c0e75c2ce69bdc56fcc9c3cc665b360f8e3f659e346ee15",
    ),
}
# django-simple-history 3: federations.imports.files.recorded_as_user sets the request its history
# rows are attributed to (HistoricalRecords.context.request) outside a request, as a
# worker's and a command's rows need; tests/interventions/test_import.py holds that a worker's
# rows name the uploader.


def source_digest(function):
    """A digest of ``function``'s source, to see whether a library changed it."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


class AdjustsModelValidation:
    """A model form that changes which fields the model's own validation leaves alone says so
    in ``model_validation_exclusions`` (given the set Django decides, it returns the set to
    use), instead of overriding Django's private ``_get_validation_exclusions``: this is the
    one override of it."""

    def _get_validation_exclusions(self):
        return self.model_validation_exclusions(super()._get_validation_exclusions())

    def model_validation_exclusions(self, exclusions):
        return exclusions


def model_validation_exclusions(model, form_fields, cleaned_data, errors):
    """The fields of ``model`` a model form with ``form_fields`` (all named in its Meta)
    leaves out of the model's validation, given the form's ``cleaned_data`` and ``errors``:
    those not on the form, those that failed the form's own checks, and those empty that
    the form does not require but the model does — as Django's
    ``BaseModelForm._get_validation_exclusions`` decides, for a check of many rows that
    does not make a form per row (``interventions.participant_forms.ParticipantRows``)."""
    return ManyRecordsValidation(model, form_fields).exclusions(cleaned_data, errors)


class ManyRecordsValidation:
    """The model's validation of many records checked with the same model form's fields, as
    an import's rows are (``interventions.participant_forms.ParticipantRows``): what is
    worked out once for the form's fields is, and each field's own check of a value is done
    once however many records hold the value."""

    def __init__(self, model, form_fields):
        self.fields = [field for field in model._meta.fields if not field.generated]
        self.field_names = {field.name for field in self.fields}
        self.not_on_form = {field.name for field in self.fields if field.name not in form_fields}
        self.required_by_the_model_only = [
            (field.name, form_fields[field.name].empty_values)
            for field in self.fields
            if field.name in form_fields and not field.blank and not form_fields[field.name].required
        ]
        self.checked = {}  # (field's attname, value) → (the field's clean value, None) or (None, its errors)

    def exclusions(self, cleaned_data, errors):
        """See ``model_validation_exclusions``."""
        return (
            self.not_on_form
            | (errors.keys() & self.field_names)
            | {name for name, empty in self.required_by_the_model_only if cleaned_data.get(name) in empty}
        )

    def full_clean(self, instance, exclude):
        """``instance.full_clean(exclude, validate_unique=False)`` in its steps — each field's
        own check (``clean_fields``), the model's ``clean``, its constraints — with each
        field's check of a value done once: a field's check reads the value alone (a
        relation's, which reads the database, is left to the model for a value not seen)."""
        errors = {}
        for field in self.fields:
            if field.name in exclude:
                continue
            value = getattr(instance, field.attname)
            if field.blank and value in field.empty_values:
                continue
            cleaned, error = self.clean_field(field, value, instance)
            if error is None:
                setattr(instance, field.attname, cleaned)
            else:
                errors[field.name] = error.error_list
        try:
            instance.clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude = exclude | (errors.keys() - {NON_FIELD_ERRORS})
        try:
            instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean_field(self, field, value, instance):
        key = None if field.is_relation or isinstance(value, (dict, list)) else (field.attname, value)
        if key in self.checked:
            return self.checked[key]
        try:
            outcome = field.clean(value, instance), None
        except ValidationError as error:
            outcome = None, error
        if key is not None:
            self.checked[key] = outcome
        return outcome


def remember_render_signatures():
    """django-tables2 asks ``inspect.signature`` of a column's render method for every
    cell it renders (``utils.call_with_appropriate``): a fifth of a 50-row list's time. A
    method's signature does not change while the app runs, so it is read once per
    function. Called when the app starts (FederationsConfig.ready)."""
    from django_tables2 import utils

    if getattr(utils.signature, "remembered", False):
        return
    read = utils.signature
    known = {}

    def signature(fn):
        # A bound method is a new object each time; its function and whether it is bound
        # (its self is left out) are what the signature depends on.
        key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
        if key not in known:
            known[key] = read(fn)
        return known[key]

    signature.remembered = True
    signature.original = read
    utils.signature = signature
