"""Imports have limits, and a refused file leaves nothing behind but its problems."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.benchdata import excel_file_inflating_to
from federations.imports import MAX_COLUMNS, MAX_PROBLEMS, MAX_ROWS
from federations.imports import files as imports
from federations.models import ImportBatch
from interventions.importers import ParticipantImporter

HEADER = "insats;kod;kön;födelseår;kommun;inskriven\n"


def check(federation, content, filename="rader.csv"):
    return ParticipantImporter(federation).run(content, filename)


def upload(client, federation, content, name="rader.csv"):
    url = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_a_csv_of_a_million_junk_rows_is_refused_at_the_row_cap(federation, intervention):
    result = check(federation, (HEADER + "x\n" * 1_000_000).encode())
    assert [problem.row for problem in result.problems] == [1]
    assert "50\u00a0000" in result.problems[0].message  # grouped as every figure (finsam.numbers)


def test_an_xlsx_is_read_no_further_than_the_row_cap(federation, intervention):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER.strip().split(";"))
    for i in range(MAX_ROWS + 5):
        sheet.append(["Enter", f"E-{i}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = check(federation, buffer.getvalue(), "rader.xlsx")
    assert "50\u00a0000" in result.problems[0].message and result.rows == 0


def test_an_xlsx_wider_than_the_column_cap_is_refused_at_its_first_row(federation, intervention):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for _ in range(3):
        sheet.append([f"c{i}" for i in range(100)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    [problem] = check(federation, buffer.getvalue(), "bred.xlsx").problems
    assert (problem.row, str(MAX_COLUMNS) in problem.message) == (1, True)


def test_a_repeated_column_is_refused_by_name(federation, intervention):
    [problem] = check(federation, "insats;kod;kön;födelseår;kommun;inskriven;Kön\n".encode()).problems
    assert "kön" in problem.message and "1" == str(problem.row)


def test_problems_kept_and_shown_are_capped_with_a_count(client, office, federation, intervention, habo):
    rows = "".join(f"Okänd;E-{i};kvinna;1990;Habo;2024-02-01\n" for i in range(MAX_PROBLEMS + 100))
    client.force_login(office)
    preview = client.get(upload(client, federation, (HEADER + rows).encode())["Location"])
    batch = ImportBatch.objects.get()
    assert (len(batch.problems), batch.problem_count) == (MAX_PROBLEMS, MAX_PROBLEMS + 100)
    page = preview.content.decode()
    assert str(MAX_PROBLEMS + 100) in page and page.count("Okänd") <= MAX_PROBLEMS


def test_a_refused_file_keeps_nothing_but_its_problems(client, office, federation, intervention, habo):
    client.force_login(office)
    content = (HEADER + "Enter;E-1;kvinna;1990;19900101-1234;2024-02-01\n").encode()
    upload(client, federation, content)
    batch = ImportBatch.objects.get()
    assert bytes(batch.content) == b""
    assert batch.problem_count == 1 and "19900101-1234" not in str(batch.problems)
    confirm = reverse("interventions:participant-import-preview", kwargs={"slug": federation.slug, "pk": batch.pk})
    client.post(confirm)  # confirming a refused file does nothing
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED and batch.problem_count == 1


def test_a_file_named_with_an_identity_number_is_refused_unread(client, office, federation, intervention):
    client.force_login(office)
    response = upload(client, federation, HEADER.encode(), name="19900101-1234.csv")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not ImportBatch.objects.exists()


def test_unconfirmed_imports_are_purged_after_a_day(office, federation):
    def batch(hours_ago, status):
        made = ImportBatch.objects.create(
            federation=federation,
            kind="participants",
            uploaded_by=office,
            filename="a.csv",
            content=b"x",
            status=status,
        )
        ImportBatch.objects.filter(pk=made.pk).update(uploaded_at=timezone.now() - timedelta(hours=hours_ago))
        return made

    old, fresh, saved = batch(25, "checked"), batch(2, "checked"), batch(48, "saved")
    call_command("purge_imports", stdout=io.StringIO())
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {fresh.pk, saved.pk}
    assert old.pk not in ImportBatch.objects.values_list("pk", flat=True)


def test_a_file_of_nul_bytes_is_refused_with_its_problems_kept(client, office, federation, intervention):
    """A NUL byte is never part of a value: it is dropped, so the problems the check keeps can
    be stored (PostgreSQL refuses a NUL in text and JSON)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from federations.models import ImportBatch

    client.force_login(office)
    url = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", b"\x00insats\x00;kod\n\x00")})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.problem_count and all("\x00" not in problem["message"] for problem in batch.problems)
    assert client.get(response["Location"]).status_code == 200


# --- An Excel file cannot unpack into more than the caps -------------------------------


@pytest.fixture
def openpyxl_never_reads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to read a file the caps refuse")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_an_xlsx_bomb_is_refused_before_a_byte_of_it_is_inflated(federation, intervention, openpyxl_never_reads):
    content = excel_file_inflating_to(imports.MAX_XLSX_INFLATED + 2**20)
    assert len(content) < 2**20 * 2  # far under the upload cap
    [problem] = check(federation, content, "bomb.xlsx").problems
    assert (problem.row, "150 MB" in problem.message) == (1, True)


def test_shared_strings_past_their_cap_are_refused(federation, intervention, monkeypatch, openpyxl_never_reads):
    monkeypatch.setattr(imports, "MAX_XLSX_PART_IN_MEMORY", 2**20)
    [problem] = check(federation, excel_file_inflating_to(2 * 2**20, text_length=1), "strängar.xlsx").problems
    assert "xl/sharedStrings.xml" in problem.message


def test_shared_strings_under_their_cap_are_read(federation, intervention, monkeypatch):
    monkeypatch.setattr(imports, "MAX_XLSX_PART_IN_MEMORY", 2**20)
    result = check(federation, excel_file_inflating_to(2**19), "strängar.xlsx")
    assert result.problems == []  # the header only: nothing to import, nothing wrong


def test_a_row_of_more_cells_than_the_cap_is_refused_before_openpyxl_builds_it(
    federation, intervention, openpyxl_never_reads
):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER.strip().split(";"))
    sheet.append(range(imports.MAX_CELLS_IN_A_ROW + 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    [problem] = check(federation, buffer.getvalue(), "bred.xlsx").problems
    assert "1\u00a0000" in problem.message
