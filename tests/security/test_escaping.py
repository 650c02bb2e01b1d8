"""What users type is shown as text: escaped in every page, literal in every PDF, and
inert inside the charts drawn from it."""

import io
from datetime import date

import pypdf
import pytest
from django.urls import reverse

from federations.models import Person
from interventions.models import Funding, Intervention, Participant
from reporting.models import AnnualReportText

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(federation, members, habo):
    intervention = Intervention.objects.create(
        county=federation.county, name=HOSTILE, short_name="", starts_on=date(2020, 1, 1), target_group=HOSTILE
    )
    Funding.objects.create(intervention=intervention, federation=federation)
    Participant.objects.create(
        intervention=intervention,
        code="H-1",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
        ended_on=date(2024, 9, 1),
        end_reason="work",
    )
    AnnualReportText.objects.create(federation=federation, year=2024, foreword=HOSTILE, mission=HOSTILE)
    Person.objects.create(county=federation.county, name=HOSTILE)
    return intervention


def assert_escaped(html):
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("reporting:annual", {}),
        ("interventions:list", {}),
        ("federations:person-list", {}),
        ("reporting:dashboard", {}),
    ],
)
def test_pages_escape_what_users_typed(client, office, federation, hostile, name, kwargs):
    client.force_login(office)
    response = client.get(reverse(name, kwargs={"slug": federation.slug, **kwargs}), {"year": 2024})
    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_the_intervention_page_and_its_chart_escape_the_name(client, office, federation, hostile):
    client.force_login(office)
    url = reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": hostile.pk})
    html = client.get(url, {"year": 2024}).content.decode()
    assert "<svg" in html  # the endings chart is drawn
    assert_escaped(html)


def test_the_pdf_prints_it_as_text(client, office, federation, hostile):
    client.force_login(office)
    response = client.get(reverse("reporting:annual-pdf", kwargs={"slug": federation.slug}), {"year": 2024})
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert '<script>alert("x")</script>' in text.replace("\n", "")


# A name matplotlib would read as mathtext ($…$), broken on purpose.
MATHTEXT = r"Kostnad 5$ eller \frac{ 3$"


@pytest.fixture
def dollar_named(hostile):
    hostile.name = MATHTEXT
    hostile.save()
    return hostile


@pytest.mark.parametrize("name", ["reporting:dashboard", "reporting:annual", "reporting:annual-pdf"])
def test_a_dollar_in_a_name_is_drawn_literally_in_charts_and_pdfs(client, office, federation, dollar_named, name):
    client.force_login(office)
    response = client.get(reverse(name, kwargs={"slug": federation.slug}), {"year": 2024})
    assert response.status_code == 200
    if name.endswith("-pdf"):
        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
        assert MATHTEXT in text.replace("\n", "")
    else:
        html = response.content.decode()
        assert "<svg" in html
        # a long name wraps in a chart: each line is drawn literally
        assert "Kostnad 5$ eller" in html and "\\frac{ 3$" in html
