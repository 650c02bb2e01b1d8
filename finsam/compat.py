"""Where finsam leans on what a library does not promise — a private method, an internal
function — in one place, each with the version of the library it was written for.
``tests/finsam/test_compat.py`` fails when the library's code used here changes (it compares
a digest of that code with the one recorded below), so that an upgrade is read, not guessed;
pyproject.toml bounds each library below its next major version and requirements.lock pins
the version tested."""

import hashlib
import inspect

# The library code finsam follows or replaces: "module.function" → (the library and the
# version it was written for, a SHA-256 of the function's source in that version).
LEANS_ON = {
    # model_validation_exclusions follows it; AdjustsModelValidation overrides it
    "django.forms.models.BaseModelForm._get_validation_exclusions": (
        "Django 5.2",
        "222097a95ae0ed7f04e595a56e135d2d258abebb98f1e7380c75f003fae9af6e",
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
    exclude = set()
    for field in model._meta.fields:
        form_field = form_fields.get(field.name)
        if form_field is None or field.name in errors:
            exclude.add(field.name)
        elif not field.blank and not form_field.required and cleaned_data.get(field.name) in form_field.empty_values:
            exclude.add(field.name)
    return exclude


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
