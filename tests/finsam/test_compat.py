"""The library code finsam leans on (finsam/compat.py) is the code it was written for: an
upgrade that changes it fails here, naming the function to read again."""

import importlib

import pytest
from django import forms

from finsam.compat import LEANS_ON, model_validation_exclusions, source_digest
from interventions.models import Participant


def library_function(dotted):
    module_name, _, name = dotted.rpartition(".")
    try:
        owner = importlib.import_module(module_name)
    except ImportError:  # a method: "module.Class.method"
        module_name, _, class_name = module_name.rpartition(".")
        owner = getattr(importlib.import_module(module_name), class_name)
    function = getattr(owner, name)
    return getattr(function, "original", function)  # finsam's replacement keeps the library's


@pytest.mark.parametrize("dotted", sorted(LEANS_ON))
def test_the_library_code_finsam_leans_on_is_unchanged(dotted):
    written_for, digest = LEANS_ON[dotted]
    assert source_digest(library_function(dotted)) == digest, (
        f"{dotted} is not the code of {written_for} that finsam/compat.py was written for: read it again"
    )


def test_the_many_rows_check_leaves_out_the_fields_a_model_form_leaves_out():
    """ParticipantRows' exclusions are the model form's, for a form with an error, a field
    left empty that the model requires, and fields the form does not have."""

    class Form(forms.ModelForm):
        class Meta:
            model = Participant
            fields = ["enrolled_on", "gender", "birth_year", "ended_on"]

    form = Form(data={"enrolled_on": "not a date", "gender": "woman", "birth_year": "", "ended_on": ""})
    form.fields["birth_year"].required = False
    assert not form.is_valid()
    expected = form._get_validation_exclusions()
    assert model_validation_exclusions(Participant, form.fields, form.cleaned_data, form.errors) == expected
    # failed the form; empty, not required by the form but by the model; not on the form
    assert {"enrolled_on", "birth_year", "intervention"} <= expected
    assert not {"gender", "ended_on"} & expected


def test_many_records_are_validated_as_each_one_alone_would_be(intervention, habo):
    """ManyRecordsValidation.full_clean finds what the model's full_clean finds, row after
    row, with each field's checks of a value done once: a value refused once is refused
    again, and a row's own rule (an end before the enrolment) is still its own."""
    from datetime import date

    from django.core.exceptions import ValidationError

    from finsam.compat import ManyRecordsValidation

    def participant(**values):
        defaults = {"intervention": intervention, "code": "P-1", "gender": "woman", "birth_year": 1990}
        return Participant(municipality=habo, enrolled_on=date(2024, 2, 1), **{**defaults, **values})

    def rows():
        return [
            participant(),
            participant(gender="unknown", health_start=101),
            participant(code="P-2"),
            participant(gender="unknown", health_start=101, code="P-3"),
            participant(ended_on=date(2024, 1, 1)),
            participant(birth_year=1800),
        ]

    validation = ManyRecordsValidation(Participant, {})

    def errors(check, instance):
        try:
            check(instance)
        except ValidationError as error:
            return {name: [str(message) for message in messages] for name, messages in error.message_dict.items()}
        return {}

    exclude = {"intervention", "municipality", "referred_by", "end_class"}
    alone = [errors(lambda p: p.full_clean(exclude=exclude, validate_unique=False), row) for row in rows()]
    many = [errors(lambda p: validation.full_clean(p, exclude), row) for row in rows()]
    assert many == alone
    assert alone[0] == {} and set(alone[1]) == {"gender", "health_start"} and alone[3] == alone[1]
    assert alone[4] and alone[5]
