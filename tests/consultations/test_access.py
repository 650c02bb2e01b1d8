"""Who may open and keep the county's member consultations: only those who may see
every federation taking part, or who hold a role across the county."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from consultations.models import AgendaItem, Consultation, ConvenerTerm, CountyRole, Position
from federations.models import Federation, MemberOrganisation, Role

COUNTY = "jonkopings-lan"

# kansli: office in all three; revisor: auditor in all three; styrelse: board of SV only;
# insats: intervention staff of SV only; samrad: a reader across the county.
EXPECTED = {
    "list": {"kansli": 200, "revisor": 200, "styrelse": 200, "insats": 200, "samrad": 200, "outsider": 404},
    "new": {"kansli": 200, "revisor": 403, "styrelse": 403, "insats": 403, "samrad": 403, "outsider": 404},
    "detail": {"kansli": 200, "revisor": 200, "styrelse": 404, "insats": 404, "samrad": 200, "outsider": 404},
    "edit": {"kansli": 200, "revisor": 403, "styrelse": 404, "insats": 404, "samrad": 403, "outsider": 404},
    "deck": {"kansli": 200, "revisor": 200, "styrelse": 404, "insats": 404, "samrad": 200, "outsider": 404},
    "deck-pdf": {"kansli": 200, "revisor": 200, "styrelse": 404, "insats": 404, "samrad": 200, "outsider": 404},
    "rotation": {"kansli": 200, "revisor": 403, "styrelse": 403, "insats": 403, "samrad": 403, "outsider": 404},
    # kansli administers all three federations: the one who may give and end readers
    "readers": {"kansli": 200, "revisor": 403, "styrelse": 403, "insats": 403, "samrad": 403, "outsider": 404},
    "reader-end": {"kansli": 405, "revisor": 403, "styrelse": 403, "insats": 403, "samrad": 403, "outsider": 404},
}


def test_every_consultation_url_has_a_rule():
    from django.urls import get_resolver

    patterns = get_resolver().namespace_dict["consultations"][1].url_patterns
    assert {pattern.name for pattern in patterns} == set(EXPECTED)


@pytest.fixture
def consultation(demo):
    get_user_model().objects.create_user("outsider", password="x")
    return Consultation.objects.get(held_on="2025-02-28")


def url(name, consultation):
    kwargs = {"county": COUNTY}
    if name in ("detail", "edit", "deck", "deck-pdf"):
        kwargs["pk"] = consultation.pk
    if name == "reader-end":
        kwargs["pk"] = CountyRole.objects.get(user__username="samrad").pk
    return reverse(f"consultations:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_open_what(client, consultation, name):
    answers = {}
    for username in EXPECTED[name]:
        client.force_login(get_user_model().objects.get(username=username))
        answers[username] = client.get(url(name, consultation)).status_code
    assert answers == EXPECTED[name]
    client.logout()
    response = client.get(url(name, consultation))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_one_federations_board_member_sees_no_consultation_in_the_list(client, consultation):
    client.force_login(get_user_model().objects.get(username="styrelse"))
    response = client.get(url("list", consultation))
    assert list(response.context["consultations"]) == []
    assert "2025-02-28" not in response.content.decode()


def test_the_county_reader_sees_no_federation_page(client, consultation):
    client.force_login(get_user_model().objects.get(username="samrad"))
    assert client.get(reverse("federations:detail", kwargs={"slug": "sodra-vatterbygden"})).status_code == 404
    assert client.get(reverse("reporting:annual", kwargs={"slug": "hoglandet"})).status_code == 404
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert url("detail", consultation) in home.content.decode()


def test_a_role_in_two_of_three_federations_is_not_enough(client, consultation):
    user = get_user_model().objects.get(username="revisor")
    Role.objects.filter(user=user, federation__slug="finnveden").delete()
    client.force_login(user)
    assert client.get(url("deck", consultation)).status_code == 404


def agenda_and_positions(agenda=(), positions=()):
    data = {
        "agenda-TOTAL_FORMS": str(len(agenda)),
        "agenda-INITIAL_FORMS": "0",
        "positions-TOTAL_FORMS": str(len(positions)),
        "positions-INITIAL_FORMS": "0",
    }
    for i, (position, title) in enumerate(agenda):
        data |= {f"agenda-{i}-position": str(position), f"agenda-{i}-title": title}
    for i, text in enumerate(positions):
        data |= {f"positions-{i}-text": text, f"positions-{i}-status": "proposed", f"positions-{i}-follow_up": ""}
    return data


def test_the_office_creates_a_consultation_with_its_agenda_and_positions(client, consultation):
    client.force_login(get_user_model().objects.get(username="kansli"))
    form = client.get(url("new", consultation))
    assert form.context["formsets"][0].forms[0].initial["title"]  # the usual agenda to start from
    federations = Federation.objects.filter(county__slug=COUNTY)
    data = {
        "held_on": "2026-02-27",
        "place": "Värnamo",
        "year": "2025",
        "federations": [f.pk for f in federations],
        "convener": ConvenerTerm.objects.get(term="2024-25").pk,
        "next_meeting": "",
        "other_business": "",
    } | agenda_and_positions([(1, "Val av justerare"), (2, "Förbundens resultat")], ["Fler unga till arbete."])
    response = client.post(url("new", consultation), data)
    created = Consultation.objects.get(held_on="2026-02-27")
    assert response.status_code == 302 and response["Location"] == url("detail", created)
    assert [item.title for item in created.agenda.all()] == ["Val av justerare", "Förbundens resultat"]
    assert created.positions.get().text == "Fler unga till arbete."
    assert created.federations.count() == 3
    assert created.previous() == consultation


def test_one_federations_office_cannot_put_another_federation_in(client, consultation):
    from django.utils.translation import gettext

    user = get_user_model().objects.create_user("sv-kansli", password="x")
    Role.objects.create(user=user, federation=Federation.objects.get(slug="sodra-vatterbygden"), kind="office")
    client.force_login(user)
    data = {
        "held_on": "2026-02-27",
        "year": "2025",
        "federations": [f.pk for f in Federation.objects.filter(county__slug=COUNTY)],
    } | agenda_and_positions([(1, "Val av justerare")])
    before = (Consultation.objects.count(), AgendaItem.objects.count(), Position.objects.count())
    response = client.post(url("new", consultation), data)
    assert response.status_code == 200
    message = gettext("You are not office staff of %(federations)s: only its office can put it in a consultation.")
    assert message % {"federations": "Finnveden, Höglandet"} in response.content.decode()
    assert (Consultation.objects.count(), AgendaItem.objects.count(), Position.objects.count()) == before


def test_the_rotation_is_kept_as_data(client, consultation):
    client.force_login(get_user_model().objects.get(username="kansli"))
    terms = list(ConvenerTerm.objects.filter(county__slug=COUNTY))
    data = {"terms-TOTAL_FORMS": str(len(terms) + 1), "terms-INITIAL_FORMS": str(len(terms))}
    for i, term in enumerate(terms):
        data |= {
            f"terms-{i}-id": term.pk,
            f"terms-{i}-term": term.term,
            f"terms-{i}-starts_on": term.starts_on.isoformat(),
            f"terms-{i}-convener": term.convener_id,
            f"terms-{i}-co_convener": term.co_convener_id or "",
        }
    new = len(terms)
    data |= {
        f"terms-{new}-term": "2025-26",
        f"terms-{new}-starts_on": "2025-07-01",
        f"terms-{new}-convener": MemberOrganisation.objects.get(short_name="Eksjö").pk,
        f"terms-{new}-co_convener": "",
    }
    response = client.post(url("rotation", consultation), data)
    assert response.status_code == 302
    assert str(ConvenerTerm.objects.filter(county__slug=COUNTY).first()) == "2025-26 Eksjö"
    deck = client.get(url("deck", consultation)).content.decode()
    assert "2025-26" in deck


def test_two_terms_cannot_start_on_the_same_day(client, consultation):
    from django.utils.translation import gettext

    client.force_login(get_user_model().objects.get(username="kansli"))
    term = ConvenerTerm.objects.filter(county__slug=COUNTY).first()
    data = {
        "terms-TOTAL_FORMS": "1",
        "terms-INITIAL_FORMS": "0",
        "terms-0-term": "2024-25 bis",
        "terms-0-starts_on": term.starts_on.isoformat(),
        "terms-0-convener": term.convener_id,
        "terms-0-co_convener": "",
    }
    before = ConvenerTerm.objects.count()
    response = client.post(url("rotation", consultation), data)
    assert response.status_code == 200
    assert ConvenerTerm.objects.count() == before
    assert gettext("Two terms start on the same day.") in response.content.decode()
    assert response.context["formset"].forms[0].errors["starts_on"]


def test_consultation_pages_lead_back_to_ones_own_federations_and_explain_short_names(client, demo):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get(reverse("consultations:list", kwargs={"county": "jonkopings-lan"})).content.decode()
    assert 'href="/f/sodra-vatterbygden/"' in page and 'aria-label="Dina samordningsförbund"' in page
    assert '<abbr title="Arbetsförmedlingen">AF</abbr>' in page
    client.force_login(get_user_model().objects.get(username="samrad"))  # a county reader: no federation of their own
    page = client.get(reverse("consultations:list", kwargs={"county": "jonkopings-lan"})).content.decode()
    assert "Dina samordningsförbund" not in page
