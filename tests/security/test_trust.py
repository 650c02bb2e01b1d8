"""Trust between federations that share an installation and an intervention: an office,
a mixed-role user or an import of one federation reads and changes nothing of another's."""

from datetime import date

import pytest
from django.urls import reverse

from federations.models import MemberOrganisation
from interventions.importers import ParticipantImporter
from interventions.models import Intervention, Participant


@pytest.fixture
def sv_participant(shared_intervention, habo):
    """A participant of ``federation`` (Södra Vätterbygden) in the shared intervention."""
    return Participant.objects.create(
        intervention=shared_intervention,
        code="IT-7",
        gender="woman",
        birth_year=1990,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
    )


def import_row(federation, user, row, save=True):
    header = "insats;kod;kön;födelseår;kommun;inskriven\n"
    return ParticipantImporter(federation, user).run((header + row + "\n").encode(), "rader.csv", save=save)


# --- 1. An import crosses no federation --------------------------------------------------


def test_an_import_cannot_overwrite_another_federations_participant(other_federation, other_office, sv_participant):
    checked = import_row(other_federation, other_office, "IT-spåret;IT-7;man;1990;Eksjö;2024-02-01", save=False)
    assert (checked.updated, checked.created) == (0, 1)  # Höglandet's own IT-7, new to it
    import_row(other_federation, other_office, "IT-spåret;IT-7;man;1990;Eksjö;2024-02-01")
    sv_participant.refresh_from_db()
    assert (sv_participant.gender, sv_participant.municipality.name) == ("woman", "Habo")
    assert Participant.objects.get(code="IT-7", municipality__name="Eksjö").gender == "man"


def test_nothing_an_import_answers_tells_whether_a_code_exists_in_another_federation(
    other_federation, other_office, sv_participant
):
    """A partner's code and an unused one are checked and saved alike: no message, count or
    status differs."""

    def answers(code):
        result = import_row(other_federation, other_office, f"IT-spåret;{code};man;1990;Eksjö;2024-02-01")
        return [str(problem) for problem in result.problems], result.created, result.updated, result.saved

    assert answers("IT-7") == answers("IT-999") == ([], 1, 0, True)


def test_an_import_still_updates_the_federations_own_participant(
    other_federation, other_office, other_members, shared_intervention
):
    Participant.objects.create(
        intervention=shared_intervention,
        code="IT-8",
        gender="woman",
        birth_year=1990,
        municipality=other_members,
        enrolled_on=date(2024, 3, 1),
    )
    result = import_row(other_federation, other_office, "IT-spåret;IT-8;man;1990;Eksjö;2024-03-01")
    assert (result.saved, result.updated, result.created) == (True, 1, 0)
    assert Participant.objects.get(code="IT-8").gender == "man"


# --- 2. A mixed-role user sees, in each federation, what the role there allows -----------


def test_a_mixed_role_user_sees_no_shared_intervention_they_are_not_assigned_to(
    client, federation, mixed_role, sv_participant
):
    client.force_login(mixed_role)
    slug = federation.slug
    listing = client.get(reverse("interventions:participant-list", kwargs={"slug": slug})).content.decode()
    assert "IT-7" not in listing
    for name in ("participant-edit", "participant-end", "participant-history"):
        url = reverse(f"interventions:{name}", kwargs={"slug": slug, "pk": sv_participant.pk})
        assert client.get(url).status_code == 404, name
        if name != "participant-history":
            assert client.post(url, {"ended_on": "2024-06-01", "end_reason": "work"}).status_code == 404, name
    detail = reverse("interventions:detail", kwargs={"slug": slug, "pk": sv_participant.intervention.pk})
    assert client.get(detail).status_code == 404
    sv_participant.refresh_from_db()
    assert sv_participant.ended_on is None


def test_visibility_is_decided_per_federation(
    federation, other_federation, mixed_role, shared_intervention, sv_participant
):
    assert list(Intervention.objects.visible_to(mixed_role, other_federation)) == [shared_intervention]
    assert not Intervention.objects.visible_to(mixed_role, federation).exists()
    # In the federation where they are office staff they see only its own residents.
    assert not Participant.objects.visible_to(mixed_role).exists()
    assert not Participant.objects.visible_to(mixed_role, other_federation).exists()


# --- 3. A message names only what its reader may see -------------------------------------


@pytest.mark.parametrize("code", ["IT-7", "IT-999"])
def test_the_participant_form_tells_nothing_of_another_federations_code(
    client, other_federation, other_office, other_members, sv_participant, code
):
    """The partner federation's code is saved as this federation's own participant, exactly as
    a code nobody uses: the answer cannot tell the two apart."""
    client.force_login(other_office)
    response = client.post(
        reverse("interventions:participant-new", kwargs={"slug": other_federation.slug}),
        {
            "intervention": sv_participant.intervention.pk,
            "code": code,
            "gender": "man",
            "birth_year": 1990,
            "municipality": other_members.pk,
            "enrolled_on": "2024-02-01",
            "able_to_work_at_end": "unknown",
        },
    )
    assert response.status_code == 302
    assert Participant.objects.filter(code=code, municipality=other_members).exists()
    sv_participant.refresh_from_db()
    assert (sv_participant.gender, sv_participant.municipality.name) == ("woman", "Habo")


def test_a_duplicate_within_the_federation_is_still_named(
    client, federation, office, shared_intervention, sv_participant, habo
):
    client.force_login(office)
    response = client.post(
        reverse("interventions:participant-new", kwargs={"slug": federation.slug}),
        {
            "intervention": shared_intervention.pk,
            "code": "IT-7",
            "gender": "man",
            "birth_year": 1990,
            "municipality": habo.pk,
            "enrolled_on": "2024-03-01",
        },
    )
    assert "IT-7" in " ".join(response.context["form"].errors["code"])


# --- 6. Editing a shared intervention keeps what is the partners' ------------------------


def edit_shared(client, federation, intervention, **changes):
    from finsam.locking import version_of

    form = client.get(reverse("interventions:edit", kwargs={"slug": federation.slug, "pk": intervention.pk})).context[
        "form"
    ]
    data = {
        name: form[name].value()
        for name in form.fields
        if not form.fields[name].disabled and form[name].value() is not None
    }
    data |= {
        "version": version_of(intervention),
        "staffing-TOTAL_FORMS": "0",
        "staffing-INITIAL_FORMS": "0",
        "years-TOTAL_FORMS": "0",
        "years-INITIAL_FORMS": "0",
        "end_classes-TOTAL_FORMS": "0",
        "end_classes-INITIAL_FORMS": "0",
        "external-TOTAL_FORMS": "0",
        "external-INITIAL_FORMS": "0",
        "results-TOTAL_FORMS": "0",
        "results-INITIAL_FORMS": "0",
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
    }
    for name in ("starts_on", "planned_end_on", "ended_on"):
        if data.get(name):
            data[name] = str(data[name])
    return client.post(
        reverse("interventions:edit", kwargs={"slug": federation.slug, "pk": intervention.pk}), data | changes
    )


def test_saving_a_shared_intervention_keeps_the_partners_municipalities(
    client, other_federation, other_office, shared_intervention, habo, other_members
):
    shared_intervention.municipalities.set([habo, other_members])
    client.force_login(other_office)
    assert edit_shared(client, other_federation, shared_intervention).status_code == 302
    assert set(shared_intervention.municipalities.all()) == {habo, other_members}


def test_only_an_office_of_every_funder_renames_a_shared_intervention(
    client, federation, other_federation, other_office, shared_intervention
):
    client.force_login(other_office)
    edit_shared(client, other_federation, shared_intervention, name="Renamed", age_max="30")
    shared_intervention.refresh_from_db()
    assert (shared_intervention.name, shared_intervention.age_max) == ("IT-spåret", 64)

    from federations.models import Role

    Role.objects.create(user=other_office, federation=federation, kind=Role.Kind.OFFICE)
    assert (
        edit_shared(client, other_federation, shared_intervention, name="IT-spåret Jönköpings län").status_code == 302
    )
    shared_intervention.refresh_from_db()
    assert shared_intervention.name == "IT-spåret Jönköpings län"


# --- Sharing an intervention -------------------------------------------------------------


def test_an_office_shares_its_intervention_with_a_partner_federation(
    client, federation, other_federation, office, other_office, intervention, other_members
):
    client.force_login(office)
    assert edit_shared(client, federation, intervention, partners=[other_federation.pk]).status_code == 302
    assert set(intervention.federations.all()) == {federation, other_federation}
    client.force_login(other_office)
    listing = client.get(reverse("interventions:list", kwargs={"slug": other_federation.slug})).content.decode()
    assert intervention.name in listing


def test_only_an_office_of_every_funder_ends_a_partners_funding(
    client, federation, other_federation, other_office, shared_intervention
):
    client.force_login(other_office)
    response = edit_shared(client, other_federation, shared_intervention, partners=[])
    assert response.status_code == 200 and response.context["form"].errors["partners"]
    assert shared_intervention.fundings.count() == 2


# --- An intervention is its owner's: no application, decision or partner takes it over ----


def test_an_office_cannot_apply_for_another_federations_intervention(
    client, federation, other_federation, other_office, other_members, intervention
):
    client.force_login(other_office)
    response = client.post(
        reverse("interventions:application-new", kwargs={"slug": other_federation.slug}),
        {
            "received_on": "2025-09-01",
            "kind": "continuation",
            "title": "Enter",
            "intervention": intervention.pk,
            "applicants": [MemberOrganisation.objects.of_members(other_federation).first().pk],
            "amount_per_year": "1",
        },
    )
    assert "intervention" in response.context["form"].errors
    assert not other_federation.applications.exists()


def test_a_decision_never_makes_a_federation_a_funder(federation, other_federation, intervention):
    """Even an application saved past the form (the demo, an admin) gives no funding."""
    from federations.diary import register
    from interventions.decisions import apply_decisions
    from interventions.models import Application, GrantDecision

    application = Application.objects.create(
        federation=other_federation,
        diary_entry=register(other_federation, "application", "Enter", date(2025, 9, 1)),
        received_on=date(2025, 9, 1),
        title="Enter",
        intervention=intervention,
        amount_per_year=1,
    )
    GrantDecision.objects.create(
        federation=other_federation,
        application=application,
        decided_on=date(2025, 11, 20),
        diary_entry=register(other_federation, "decision", "Beslut: Enter", date(2025, 11, 20)),
        text="Beviljas.",
        granted_per_year=600000,
        first_year=2026,
    )
    apply_decisions(application)
    assert list(intervention.federations.all()) == [federation]
    assert not intervention.years.filter(federation=other_federation).exists()
    assert "intervention" in _errors_of(application)


def _errors_of(record):
    from django.core.exceptions import ValidationError

    try:
        record.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_partner_cannot_change_what_describes_the_owners_intervention(
    client, federation, other_federation, office, other_office, shared_intervention
):
    shared_intervention.refresh_from_db()
    assert shared_intervention.owner == federation  # its funding was registered first
    client.force_login(other_office)
    response = edit_shared(
        client, other_federation, shared_intervention, contact="hijacked@example.org", method="Ny metod"
    )
    assert response.status_code == 302  # the partner's own settings still save
    shared_intervention.refresh_from_db()
    assert (shared_intervention.contact, shared_intervention.method) == ("", "")
    client.force_login(office)
    assert edit_shared(client, federation, shared_intervention, contact="enter@habo.se").status_code == 302
    shared_intervention.refresh_from_db()
    assert shared_intervention.contact == "enter@habo.se"


def test_the_owners_office_describes_it_from_a_partners_pages_too(
    client, federation, other_federation, other_office, shared_intervention
):
    """The shared office of a county keeps every federation: the owner's description is
    theirs to change wherever they open the intervention."""
    from federations.models import Role

    Role.objects.create(user=other_office, federation=federation, kind=Role.Kind.OFFICE)
    client.force_login(other_office)
    assert edit_shared(client, other_federation, shared_intervention, contact="it@rjl.se").status_code == 302
    shared_intervention.refresh_from_db()
    assert shared_intervention.contact == "it@rjl.se"


def test_only_the_owner_shares_its_intervention_with_another_federation(
    client, county, federation, other_federation, other_office, shared_intervention
):
    from federations.models import Role
    from tests.conftest import make_federation

    third = make_federation(county, "finnveden", "Finnvedens samordningsförbund", "222000-0003")
    client.force_login(other_office)
    response = edit_shared(client, other_federation, shared_intervention, partners=[federation.pk, third.pk])
    assert "partners" in response.context["form"].errors
    assert set(shared_intervention.federations.all()) == {federation, other_federation}

    Role.objects.create(user=other_office, federation=federation, kind=Role.Kind.OFFICE)
    response = edit_shared(client, federation, shared_intervention, partners=[other_federation.pk, third.pk])
    assert response.status_code == 302
    assert third in shared_intervention.federations.all()
