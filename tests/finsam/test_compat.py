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
