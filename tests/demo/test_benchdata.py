"""The bench's national dataset is written with COPY, past the model: a column the model
gains must still get a value the model accepts (a new NOT NULL column once broke it)."""

import random

import pytest
from django.db import connection

from interventions.models import Participant
from demo.benchdata import copy_participants

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


def test_copied_participants_are_ones_the_model_accepts(federation, intervention, habo):
    copy_participants(federation, 30, random.Random(1))
    copied = list(Participant.objects.filter(code__startswith="N"))
    assert len(copied) == 30
    for participant in copied:
        participant.full_clean()
    assert {participant.follow_up_12_months for participant in copied} == {""}
