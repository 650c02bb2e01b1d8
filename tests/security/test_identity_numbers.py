"""No participant's personal identity number is accepted anywhere: not as a code, not
in an import, not in any free text."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext

from finsam.privacy import (
    Guarded,
    looks_like_identity_number,
    normalised,
    unicode_normalised,
    validate_no_identity_number,
)
from interventions.importers import ParticipantImporter
from interventions.models import Participant
from reporting.models import AnnualReportText

NUMBERS = [
    "19900101-1234",
    "900101-1234",
    "199001011234",
    "9001011234",
    "900161-1234",
    "19900161+1234",
    "900101.1234",
    "19900101_1234",
    "1990-01-01-1234",
    "19900101 1234",
    "1990.01.01.1234",
    # Spellings that once got through: every dash and space character, separators with
    # spaces around them, slashes and colons, a date written with spaces or slashes.
    "19900101\u20131234",  # en dash
    "19900101\u20141234",  # em dash
    "19900101\u20101234",  # Unicode hyphen
    "19900101\u22121234",  # minus sign
    "19900101\u00a01234",  # no-break space
    "19900101\t1234",
    "19900101 - 1234",
    "19900101/1234",
    "19900101:1234",
    "19900101  1234",
    "1990 01 01-1234",
    "1990/01/01-1234",
    "\uff11\uff19\uff19\uff10\uff10\uff11\uff10\uff11-1234",  # fullwidth digits
    "19900101\u00ad1234",  # soft hyphen
]
NOT_NUMBERS = [
    "222000-1891",
    "2024-02-23",
    "11 356 500",
    "Dnr 2025:02 / 3",
    "ENT-SO-001",
    "2024-03-01 1300",
    "900101.123",
    "1990-13-01-1234",
    "2024-03-01 13:00",
    "kl. 10:00-12:00",
]
# Written by the app itself (the adoption copies a registry number its form guards), or by
# a superuser in /admin/ from published sources.
GENERATED = {
    ("reporting", "adoptedreport", "html"),
    ("reporting", "adoptedreport", "pdf_html"),
    ("reporting", "signature", "sha256"),
    ("reporting", "adoptedreport", "sha256"),
    ("reporting", "adoptedreport", "registry_number"),
    ("reporting", "socioeconomicmodel", "source"),
    ("federations", "importbatch", "task_id"),  # the task queue's own id
}
# Guarded by a rule of their own that admits no identity number: a participant code refuses
# them, a municipality code is four digits.
OWN_RULE = {
    ("interventions", "participant", "code"),
    ("interventions", "referral", "code"),  # a participant code
    ("federations", "municipality", "code"),
}


@pytest.mark.parametrize("text", NUMBERS)
def test_identity_numbers_are_recognised(text):
    assert looks_like_identity_number(f"Deltagaren {text} har avslutats.")


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_other_numbers_are_not(text):
    assert not looks_like_identity_number(text)


def test_ascii_text_is_normalised_as_the_long_way_would():
    """The short way for ASCII text (an import's many codes) reads every ASCII character as
    the Unicode normalisation does."""
    every_character = "".join(map(chr, range(128)))
    assert normalised(every_character) == unicode_normalised(every_character)
    assert normalised("19900101\t1234") == "19900101 1234"


def free_text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in {"federations", "interventions", "finances", "reporting", "consultations"}:
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, (models.TextField, models.CharField)) and not field.choices:
                yield model._meta.app_label, model._meta.model_name, field


def test_every_text_field_refuses_identity_numbers():
    """Free text and every CharField someone types into: names, titles, labels, registry
    numbers, slugs."""
    unguarded = [
        f"{app}.{model}.{field.name}"
        for app, model, field in free_text_fields()
        if (app, model, field.name) not in GENERATED | OWN_RULE and validate_no_identity_number not in field.validators
    ]
    assert unguarded == []
    # and guarded one way: by the field's type (finsam.privacy.Guarded), not a validator repeated
    assert [
        f"{app}.{model}.{field.name}"
        for app, model, field in free_text_fields()
        if validate_no_identity_number in field.validators and not isinstance(field, Guarded)
    ] == []


@pytest.mark.parametrize("code", ["900101.1234", "19900101_1234", "1990-01-01-1234"])
def test_a_code_written_with_other_separators_is_refused(code):
    from interventions.validators import validate_pseudonymous_code

    with pytest.raises(ValidationError):
        validate_pseudonymous_code(code)


def test_a_person_name_is_guarded_too(client, office, federation):
    client.force_login(office)
    url = reverse("federations:person-new", kwargs={"slug": federation.slug})
    response = client.post(url, {"name": "Anna 19900101 1234"})
    assert response.status_code == 200 and response.context["form"].errors["name"]


@pytest.mark.parametrize("code", NUMBERS)
def test_the_participant_form_refuses_an_identity_number_as_code(client, office, federation, intervention, habo, code):
    client.force_login(office)
    response = client.post(
        reverse("interventions:participant-new", kwargs={"slug": federation.slug}),
        {
            "intervention": intervention.pk,
            "code": code,
            "gender": "woman",
            "birth_year": 1990,
            "municipality": habo.pk,
            "enrolled_on": "2024-02-01",
        },
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_an_import_refuses_an_identity_number_and_saves_nothing(federation, intervention, habo, office):
    content = "\n".join(
        [
            "insats;kod;kön;födelseår;kommun;inskriven",
            "Enter;E-1;K;1990;Habo;2024-02-01",
            "Enter;900101-1234;M;1990;Habo;2024-02-01",
        ]
    ).encode()
    result = ParticipantImporter(federation, office).run(content, "deltagare.csv", save=True)
    assert not result.is_valid
    assert [problem.row for problem in result.problems] == [3]
    assert not Participant.objects.exists()


def test_free_text_refuses_an_identity_number_and_keeps_nothing(client, office, federation):
    client.force_login(office)
    url = reverse("reporting:annual-texts", kwargs={"slug": federation.slug})
    response = client.post(f"{url}?year=2024", {"foreword": "Deltagaren 19900101-1234 fick arbete.", "mission": ""})
    assert response.status_code == 200
    message = gettext(
        "This text holds what looks like a personal identity number. Never write a participant's personal "
        "identity number (or name) in finsam; refer to participants by their code."
    )
    assert message in response.context["form"].errors["foreword"]
    assert not AnnualReportText.objects.exists()


def test_a_date_in_free_text_is_fine(client, office, federation):
    client.force_login(office)
    url = reverse("reporting:annual-texts", kwargs={"slug": federation.slug})
    response = client.post(f"{url}?year=2024", {"foreword": f"Styrelsen sammanträdde {date(2024, 2, 23)}."})
    assert response.status_code == 302


def test_the_deviation_register_refuses_a_number_written_with_an_en_dash(client, office, federation, members):
    from interventions.models import Deviation

    client.force_login(office)
    response = client.post(
        reverse("interventions:deviation-new", kwargs={"slug": federation.slug}),
        {
            "occurred_on": "2025-03-01",
            "members": [members["FK"].pk],
            "description": "Ärendet för 19900101\u20131234 föll mellan stolarna.",
            "status": "open",
        },
    )
    assert "description" in response.context["form"].errors
    assert not Deviation.objects.exists()
