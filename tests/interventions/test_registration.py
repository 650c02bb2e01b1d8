"""A participant is registered with consent or anonymously, as the national follow-up
asks; the form and the import take it, and every figure counts both."""

from datetime import date

from django.urls import reverse

from interventions.figures import participant_table
from interventions.importers import ParticipantImporter
from interventions.models import Participant, Registration

HEADER = "insats;kod;registrering;kön;födelseår;kommun;inskriven;avslutad;avslutsorsak\n"


def run(federation, *rows):
    content = (HEADER + "\n".join(rows) + "\n").encode()
    return ParticipantImporter(federation).run(content, "deltagare.csv", save=True)


def test_the_import_reads_consent_and_anonymous_and_refuses_anything_else(federation, intervention, habo):
    result = run(
        federation,
        "Enter;ENT-1;samtycke;kvinna;1990;Habo;2024-02-01;;",
        "Enter;ENT-2;anonym;man;1985;Habo;2024-03-01;2024-09-30;Arbete",
        "Enter;ENT-3;;kvinna;1970;Habo;2024-04-01;;",
    )
    assert result.saved, result.problems
    registered = dict(Participant.objects.values_list("code", "registration"))
    assert registered == {"ENT-1": "consent", "ENT-2": "anonymous", "ENT-3": "consent"}
    refused = run(federation, "Enter;ENT-4;kanske;kvinna;1990;Habo;2024-05-01;;")
    assert [(problem.row, problem.column) for problem in refused.problems] == [(2, "registrering")]


def test_the_form_takes_it(client, office, federation, intervention, habo):
    client.force_login(office)
    response = client.post(
        reverse("interventions:participant-new", kwargs={"slug": federation.slug}),
        {
            "intervention": intervention.pk,
            "code": "ENT-A1",
            "registration": "anonymous",
            "gender": "woman",
            "birth_year": 1992,
            "municipality": habo.pk,
            "enrolled_on": "2024-05-02",
            "years_in_support": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Participant.objects.get(code="ENT-A1").registration == Registration.ANONYMOUS


def test_figures_count_both(federation, intervention, habo):
    for code, registration in (("ENT-1", "consent"), ("ENT-2", "anonymous")):
        Participant.objects.create(
            intervention=intervention,
            code=code,
            registration=registration,
            gender="man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 1, 10),
        )
    assert participant_table(federation, 2024).total.active == 2
