"""Nothing of a participant is left behind: a saved import keeps no file nor rows, and
anonymisation leaves no trace of the code in what imports keep; an anonymised record is
read-only on every path."""

import io
from datetime import date

import pytest
from django.urls import reverse

from federations.imports.files import unpacked
from federations.models import ImportBatch
from interventions.models import Participant
from interventions.retention import anonymise

HEADER = "insats;kod;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"


def upload(client, federation, *rows):
    file = io.BytesIO((HEADER + "\n".join(rows) + "\n").encode())
    file.name = "deltagare.csv"
    return client.post(reverse("interventions:participant-import", kwargs={"slug": federation.slug}), {"file": file})


def everything_kept(batch):
    batch.refresh_from_db()
    checked = unpacked(bytes(batch.checked)) if batch.checked else []  # the rows a check found to write
    return bytes(batch.content).decode() + repr(batch.planned) + repr(batch.problems) + repr(checked)


def test_a_saved_import_keeps_its_counts_who_and_when_but_not_the_file_nor_its_rows(
    client, office, federation, intervention, habo
):
    client.force_login(office)
    preview = upload(client, federation, "Enter;ENT-41;kvinna;1990;Habo;2019-02-01;2019-06-30;Arbete")["Location"]
    batch = ImportBatch.objects.get()
    assert "ENT-41" in everything_kept(batch)  # kept while it waits for confirmation
    client.post(preview)
    assert "ENT-41" not in everything_kept(batch)
    assert (batch.status, batch.rows, batch.created, batch.uploaded_by) == ("saved", 1, 1, office)


def test_anonymisation_leaves_no_code_in_any_import(client, office, federation, intervention, habo):
    federation.retention_years = 1
    federation.save()
    client.force_login(office)
    saved = upload(client, federation, "Enter;ENT-41;kvinna;1990;Habo;2019-02-01;2019-06-30;Arbete")["Location"]
    client.post(saved)
    upload(client, federation, "Enter;ENT-41;kvinna;1990;Habo;2019-02-01;2019-07-31;Arbete")  # a correction, waiting
    upload(client, federation, "Enter;ENT-41;kvinna;1990;Habo;2019-03-01;;")  # overlaps: refused, naming the code
    assert sum("ENT-41" in everything_kept(batch) for batch in ImportBatch.objects.all()) == 2
    assert "ENT-41" in repr(ImportBatch.objects.exclude(problems=[]).get().problems)

    assert anonymise(federation) == 1
    assert not any("ENT-41" in everything_kept(batch) for batch in ImportBatch.objects.all())
    assert ImportBatch.objects.get().status == "saved"  # the record of who imported what stays
    assert not Participant.objects.filter(code="ENT-41").exists()


# --- An anonymised record is read-only on every path ------------------------------------


@pytest.fixture
def anonymised(federation, intervention, habo):
    federation.retention_years = 1
    federation.save()
    participant = Participant.objects.create(
        intervention=intervention,
        code="ENT-42",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2019, 2, 1),
        ended_on=date(2019, 6, 30),
        end_reason="work",
    )
    assert anonymise(federation) == 1
    participant.refresh_from_db()
    return participant


def test_an_anonymised_record_cannot_be_ended_again_nor_edited(client, office, federation, anonymised):
    from finsam.locking import version_of

    client.force_login(office)
    for name in ("participant-end", "participant-edit"):
        url = reverse(f"interventions:{name}", kwargs={"slug": federation.slug, "pk": anonymised.pk})
        assert client.get(url).status_code == 404
        data = {"ended_on": "2019-12-31", "end_reason": "studies", "version": version_of(anonymised)}
        assert client.post(url, data).status_code == 404
    anonymised.refresh_from_db()
    assert (anonymised.ended_on, anonymised.end_reason) == (date(2019, 6, 30), "work")


def test_an_import_naming_an_anonymised_record_is_refused(client, office, federation, anonymised):
    from interventions.importers import ParticipantImporter

    row = f"Enter;{anonymised.code};kvinna;{anonymised.birth_year};Habo;2019-02-01;2019-12-31;Studier"
    result = ParticipantImporter(federation).run((HEADER + row + "\n").encode(), "rader.csv")
    assert not result.saved and result.problems
    assert Participant.objects.get().ended_on == date(2019, 6, 30)


def test_no_form_changes_an_anonymised_record(anonymised):
    from django.core.exceptions import ValidationError

    anonymised.ended_on = date(2019, 12, 31)
    with pytest.raises(ValidationError):
        anonymised.full_clean()


def test_a_new_code_may_not_pose_as_an_anonymised_one(federation, intervention, habo):
    from django.core.exceptions import ValidationError

    participant = Participant(
        intervention=intervention,
        code="anon-0123456789abcdef",
        gender="man",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )
    with pytest.raises(ValidationError) as refused:
        participant.full_clean()
    assert "code" in refused.value.message_dict
