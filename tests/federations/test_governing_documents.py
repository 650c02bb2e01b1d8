"""Governing documents: the adopted PDF kept with its dates, served only to the
federation's roles, listed in the annual report's governance section."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from federations.models import GoverningDocument
from reporting.annual import annual_report
from tests.conftest import a_pdf

PDF = a_pdf()


def upload(client, federation, content=PDF, **data):
    return client.post(
        reverse("federations:governingdocument-new", kwargs={"slug": federation.slug}),
        {
            "kind": "gender_equality",
            "title": "Jämställdhetsplan 2025–2027",
            "adopted_on": "2025-02-14",
            "next_review_on": "2026-02-14",
            "file": SimpleUploadedFile("jamstalldhetsplan.pdf", content, "application/pdf"),
            **data,
        },
    )


def test_the_office_uploads_a_plan_and_the_board_downloads_it(client, office, board_member, federation):
    client.force_login(office)
    assert upload(client, federation).status_code == 302
    document = GoverningDocument.objects.get()
    assert (document.filename, bytes(document.content)) == ("jamstalldhetsplan.pdf", PDF)
    client.force_login(board_member)
    url = reverse("federations:governingdocument-file", kwargs={"slug": federation.slug, "pk": document.pk})
    response = client.get(url)
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"


def test_only_a_pdf_is_kept(client, office, federation):
    client.force_login(office)
    response = upload(client, federation, content=b"MZ\x90\x00 not a pdf")
    assert "file" in response.context["form"].errors
    response = upload(client, federation, next_review_on="2024-01-01")
    assert "next_review_on" in response.context["form"].errors
    assert not GoverningDocument.objects.exists()


def test_a_file_that_only_begins_like_a_pdf_is_refused(client, office, federation):
    """A %PDF- start before an HTML page (a polyglot), or a PDF cut short, does not open as a PDF."""
    client.force_login(office)
    for content in [b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>", PDF[: len(PDF) // 2]]:
        response = upload(client, federation, content=content)
        assert "file" in response.context["form"].errors
    assert not GoverningDocument.objects.exists()


def test_a_meetings_minutes_must_open_as_a_pdf(client, office, federation):
    client.force_login(office)
    response = client.post(
        reverse("federations:meeting-new", kwargs={"slug": federation.slug}),
        {
            "body": "board",
            "held_on": "2025-03-20",
            "decisions-TOTAL_FORMS": "0",
            "decisions-INITIAL_FORMS": "0",
            "minutes_file": SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n<html></html>", "application/pdf"),
        },
    )
    assert "minutes_file" in response.context["form"].errors


def test_another_federation_cannot_fetch_the_file(client, other_office, federation, other_federation):
    document = GoverningDocument.objects.create(
        federation=federation, kind="communication", title="Plan", adopted_on=date(2024, 1, 1), content=PDF
    )
    client.force_login(other_office)
    for slug in (federation.slug, other_federation.slug):
        url = reverse("federations:governingdocument-file", kwargs={"slug": slug, "pk": document.pk})
        assert client.get(url).status_code == 404


def test_the_annual_report_lists_the_latest_of_each_kind(federation):
    for adopted_on, title in [
        (date(2021, 3, 1), "Internkontrollplan 2021"),
        (date(2024, 3, 1), "Internkontrollplan 2024"),
    ]:
        GoverningDocument.objects.create(
            federation=federation, kind="internal_control", title=title, adopted_on=adopted_on, content=PDF
        )
    GoverningDocument.objects.create(
        federation=federation, kind="communication", title="Kommunikationsplan 2026", adopted_on=date(2026, 1, 10)
    )
    titles = [document.title for document in annual_report(federation, 2024).governing_documents]
    assert titles == ["Internkontrollplan 2024"]
