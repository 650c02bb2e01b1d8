"""The office's logo on the cover of its documents: uploaded on the federation's page as PNG
or JPEG, kept as a small PNG without the file's metadata, printed on the annual report's,
interim report's, plan's and statements' cover; anything else is refused."""

import io
from datetime import date

import pdfplumber
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from federations.models import Federation
from reporting.annual import annual_report
from reporting.pdf import render_pdf


def jpeg(size=(1600, 400)):
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 140)).save(out, format="JPEG")
    return SimpleUploadedFile("logga.jpg", out.getvalue(), content_type="image/jpeg")


def edit(client, federation, **files_and_fields):
    url = reverse("federations:edit", kwargs={"slug": federation.slug})
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data |= {"founded_on": "2010-01-01", "version": form["version"].value(), **files_and_fields}
    return client.post(url, data)


def test_a_logo_is_kept_small_and_printed_on_the_cover(client, office, federation):
    client.force_login(office)
    assert edit(client, federation, logo_file=jpeg()).status_code == 302
    logo = Federation.objects.get().logo
    with Image.open(io.BytesIO(bytes(logo))) as image:
        assert (image.format, image.size) == ("PNG", (800, 200))  # within 800 × 400, its proportions kept

    report = annual_report(Federation.objects.get(), date.today().year - 1)
    pdf = render_pdf("reporting/annual_report_pdf.html", {"report": report, "draft": True})
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert document.pages[0].images  # on the cover

    edit(client, federation, remove_logo="on")
    assert bytes(Federation.objects.get().logo) == b""


def test_what_is_not_an_image_is_refused(client, office, federation):
    client.force_login(office)
    not_an_image = SimpleUploadedFile("logga.png", b"<html>not a picture</html>", content_type="image/png")
    response = edit(client, federation, logo_file=not_an_image)
    assert response.status_code == 200 and response.context["form"].errors["logo_file"]
    assert bytes(Federation.objects.get().logo) == b""
