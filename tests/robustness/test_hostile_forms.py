"""Random and hostile input posted to the forms office staff use every week, through
the views: never a server error, and a record is saved whole or not at all."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from federations.models import ImportBatch, Person
from interventions.models import Participant, ParticipantSupport
from reporting.models import AnnualReportText

from .conftest import TRIED, rolled_back, tried
from .test_hostile_imports import HOSTILE_TEXT

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
values = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40).map(lambda text: text.replace("\x00", "")),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    return response


@PROPERTY
@given(
    data=st.fixed_dictionaries(
        {
            "intervention": values,
            "code": values,
            "gender": st.one_of(st.sampled_from(["woman", "man"]), values),
            "birth_year": values,
            "municipality": values,
            "enrolled_on": values,
            "ended_on": values,
            "end_reason": st.one_of(st.sampled_from(["work", "studies", ""]), values),
            "years_in_support": values,
            "health_start": values,
            "support_at_start": st.lists(values, max_size=3),
            "answer_1": values,
        }
    )
)
def test_the_participant_form(office_client, federation, intervention, habo, data):
    data = data | {"intervention": data["intervention"] if data["intervention"] != "Enter" else intervention.pk}
    with rolled_back():
        before = (Participant.objects.count(), ParticipantSupport.objects.count())
        response = post(office_client, reverse("interventions:participant-new", kwargs={"slug": federation.slug}), data)
        if response.status_code == 200:
            assert (Participant.objects.count(), ParticipantSupport.objects.count()) == before
        else:
            participant = Participant.objects.get(code=data["code"])
            participant.full_clean()
    tried()


@PROPERTY
@given(data=st.fixed_dictionaries({"ended_on": values, "end_reason": values, "able_to_work_at_end": values}))
def test_the_end_participation_form(office_client, federation, intervention, habo, data):
    with rolled_back():
        participant = Participant.objects.create(
            intervention=intervention,
            code="E-H",
            gender="woman",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
        )
        url = reverse("interventions:participant-end", kwargs={"slug": federation.slug, "pk": participant.pk})
        response = post(office_client, url, data)
        participant.refresh_from_db()
        if response.status_code == 200:
            assert participant.ended_on is None and participant.end_reason == ""
        else:
            participant.full_clean()
    tried()


def test_ending_shows_a_rule_about_a_field_it_does_not_show(office_client, federation, intervention, habo):
    """A duplicate code (entered before the rule existed, or by a superuser) stops the
    ending with a message, not a crash."""
    first, second = (
        Participant.objects.create(
            intervention=intervention,
            code="D-1",
            gender="man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, day),
        )
        for day in (1, 2)
    )
    url = reverse("interventions:participant-end", kwargs={"slug": federation.slug, "pk": second.pk})
    response = post(office_client, url, {"ended_on": "2024-06-30", "end_reason": "work"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    second.refresh_from_db()
    assert second.ended_on is None


@PROPERTY
@given(name=values, title=values, email=values)
def test_a_registry_form(office_client, federation, name, title, email):
    url = reverse("federations:person-new", kwargs={"slug": federation.slug})
    with rolled_back():
        before = Person.objects.count()
        response = post(office_client, url, {"name": name, "title": title, "email": email})
        assert Person.objects.count() == before + (response.status_code == 302)
    tried()


@PROPERTY
@given(texts=st.lists(values, min_size=5, max_size=5))
def test_the_report_texts(office_client, federation, texts):
    fields = ["foreword", "mission", "important_conditions", "personnel", "expected_development"]
    url = reverse("reporting:annual-texts", kwargs={"slug": federation.slug}) + "?year=2024"
    with rolled_back():
        response = post(office_client, url, dict(zip(fields, texts)))
        assert AnnualReportText.objects.exists() == (response.status_code == 302)
    tried()


@PROPERTY
@given(
    content=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.exe", "a", "../../x.csv"])
)
def test_the_import_upload(office_client, federation, intervention, content, name):
    url = reverse("interventions:participant-import", kwargs={"slug": federation.slug})
    with rolled_back():
        before = Participant.objects.count()
        response = post(office_client, url, {"file": SimpleUploadedFile(name, content)})
        if response.status_code == 302:
            batch = ImportBatch.objects.latest("pk")
            preview = office_client.get(response["Location"])
            assert preview.status_code == 200
            post(office_client, response["Location"], {})
            assert Participant.objects.count() in (before, before + batch.rows)
        else:
            assert Participant.objects.count() == before
    tried()


names = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(alphabet=st.sampled_from("$\\{}^_ab1 "), min_size=1, max_size=20),
    st.text(min_size=1, max_size=40),
).map(lambda text: text.replace("\x00", "").strip()[:150] or "x")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=names)
def test_names_reach_the_charts_and_the_pdf(office_client, federation, intervention, habo, name):
    """Whatever an intervention is called, the dashboard and the annual report draw its
    charts and print it; every tenth name also goes through the PDF."""
    with rolled_back():
        intervention.name = name
        intervention.save()
        Participant.objects.create(
            intervention=intervention,
            code="C-1",
            gender="man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
            ended_on=date(2024, 9, 1),
            end_reason="work",
        )
        pages = ["reporting:dashboard", "reporting:annual"]
        if TRIED["count"] % 10 == 0:
            pages.append("reporting:annual-pdf")
        for page in pages:
            response = office_client.get(reverse(page, kwargs={"slug": federation.slug}), {"year": 2024})
            assert response.status_code == 200, (page, name)
    tried()


@PROPERTY
@given(
    chosen=st.one_of(st.sampled_from(["shared", "ours"]), values),
    code=st.one_of(st.just("IT-7"), values),
    municipality=st.one_of(st.sampled_from(["habo", "eksjo"]), values),
    enrolled_on=st.one_of(st.just("2024-02-01"), values),
    page=st.sampled_from(["participant-new", "participant-edit", "participant-end"]),
)
def test_another_federations_office_changes_nothing_of_ours(
    client, other_office, other_federation, intervention, shared_intervention, habo, other_members, **posted
):
    """Office staff of Höglandet post Södra Vätterbygden's intervention, participant, code
    and municipality ids to their own pages: never a server error, never a change to
    Södra Vätterbygden's participant, and whatever is saved lives in Höglandet."""
    ids = {"shared": shared_intervention.pk, "ours": intervention.pk, "habo": habo.pk, "eksjo": other_members.pk}
    client.force_login(other_office)
    with rolled_back():
        theirs = Participant.objects.create(
            intervention=shared_intervention,
            code="IT-7",
            gender="woman",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 2, 1),
        )
        before = Participant.objects.filter(pk=theirs.pk).values().get()
        page = posted.pop("page")
        posted["intervention"] = posted.pop("chosen")
        data = {name: ids.get(value, value) for name, value in posted.items()} | {
            "gender": "man",
            "birth_year": "1990",
            "ended_on": "2024-06-01",
            "end_reason": "work",
            "version": "x",
        }
        kwargs = {"slug": other_federation.slug} | ({} if page == "participant-new" else {"pk": theirs.pk})
        response = client.post(reverse(f"interventions:{page}", kwargs=kwargs), data)
        assert response.status_code in (200, 302, 404)
        assert Participant.objects.filter(pk=theirs.pk).values().get() == before
        assert not Participant.objects.exclude(pk=theirs.pk).exclude(municipality=other_members).exists()
    tried()
