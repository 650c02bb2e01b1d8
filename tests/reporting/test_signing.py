"""Each member of the year's board signs the adopted annual report in finsam, with the second
factor: who and when are kept and printed on a new copy of the PDF, drawn from the report as
adopted; the report shows as signed when every member has signed."""

import io
import re
from datetime import date

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from federations.board import board_of_year
from federations.models import Federation, Person
from finances.models import BudgetLine
from reporting.adoption import adopt_annual_report
from reporting.models import AdoptedReport, Signature
from reporting.signing import sign, signing_of


@pytest.fixture
def sodra_vatterbygden(demo):
    return Federation.objects.get(slug="sodra-vatterbygden")


@pytest.fixture
def adopted(sodra_vatterbygden):
    office = get_user_model().objects.get(username="kansli")
    return adopt_annual_report(sodra_vatterbygden, 2024, date(2025, 3, 20), "Dnr 2025:02", office)


def text_of(pdf):
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def url(name, federation):
    return reverse(name, kwargs={"slug": federation.slug}) + "?year=2024"


def give_second_factor(client):
    """Enrol an authenticator app in this session, as the sign page sends a member to."""
    client.get(reverse("two-factor-enrol"))
    device = TOTPDevice.objects.get(confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post(reverse("two-factor-enrol"), {"token": code, "next": "/"})


def test_a_board_member_signs_with_the_second_factor_and_the_copy_prints_it(client, sodra_vatterbygden, adopted):
    member = get_user_model().objects.get(username="styrelse")
    chair = Person.objects.get(user=member)
    client.force_login(member)
    page = client.get(url("reporting:annual", sodra_vatterbygden)).content.decode()
    assert f"Skriv under årsredovisningen som {chair.name}" in page

    # Without the second factor in this session, the signature waits for it.
    response = client.post(url("reporting:annual-sign", sodra_vatterbygden))
    assert response["Location"].startswith(reverse("two-factor-enrol"))
    assert not Signature.objects.exists()

    give_second_factor(client)
    # The books change after adoption: the signed copy keeps the figures as adopted.
    adopted_text = text_of(bytes(adopted.pdf))
    BudgetLine.objects.filter(
        budget__federation=sodra_vatterbygden, budget__year=2024, budget__scenario="actual", kind="office"
    ).update(amount=1)
    client.post(url("reporting:annual-sign", sodra_vatterbygden))
    signature = Signature.objects.get()
    assert (signature.user, signature.seat.person) == (member, chair)
    signed_text = text_of(bytes(signature.pdf))
    assert f"Underskriven i finsam {signature.signed_at.astimezone():%Y-%m-%d %H:%M} med andra faktorn" in signed_text
    assert "Underskriven i finsam" not in adopted_text
    result = re.search(r"Årets resultat (-?[\d ]+?) ", adopted_text).group(1)
    assert f"Årets resultat {result} " in signed_text
    # The adopted copy itself is kept as it was; the download is the signed copy.
    adopted.refresh_from_db()
    assert text_of(bytes(adopted.pdf)) == adopted_text
    download = client.get(url("reporting:annual-pdf", sodra_vatterbygden))
    assert bytes(download.content) == bytes(signature.pdf)

    again = client.post(url("reporting:annual-sign", sodra_vatterbygden), follow=True)
    assert "redan skrivit under" in again.content.decode()
    assert Signature.objects.count() == 1


def test_only_a_member_of_the_years_board_signs(client, sodra_vatterbygden, adopted):
    office = get_user_model().objects.get(username="kansli")
    client.force_login(office)
    give_second_factor(client)
    response = client.post(url("reporting:annual-sign", sodra_vatterbygden), follow=True)
    assert "Bara en ledamot i styrelsen 2024" in response.content.decode()
    assert not Signature.objects.exists()


def test_the_report_shows_as_signed_once_every_member_has_signed(client, sodra_vatterbygden, adopted):
    seats = [seat for row in board_of_year(sodra_vatterbygden, 2024).rows for seat in row.ordinary]
    users = get_user_model().objects
    for number, seat in enumerate(seats):
        user = seat.person.user or users.create_user(f"ledamot{number}", password="x")
        Person.objects.filter(pk=seat.person.pk).update(user=user)
        adopted_now = AdoptedReport.objects.get(pk=adopted.pk)
        assert not signing_of(adopted_now).complete
        sign(adopted_now, user)
    signing = signing_of(adopted)
    assert signing.complete and len(signing.signed) == len(seats) > 3
    last = text_of(bytes(Signature.objects.order_by("-pk").first().pdf))
    assert last.count("Underskriven i finsam") == len(seats)
    client.force_login(users.get(username="styrelse"))
    page = client.get(url("reporting:annual", sodra_vatterbygden)).content.decode()
    assert "Alla styrelsens ledamöter har skrivit under" in page


def test_a_report_adopted_before_its_html_was_kept_is_signed_on_its_page_only(sodra_vatterbygden, adopted):
    AdoptedReport.objects.filter(pk=adopted.pk).update(pdf_html="")
    member = get_user_model().objects.get(username="styrelse")
    signature = sign(AdoptedReport.objects.get(pk=adopted.pk), member)
    assert bytes(signature.pdf) == bytes(adopted.pdf) and signature.sha256 == adopted.sha256
    assert signing_of(adopted).signed[0].signature == signature
