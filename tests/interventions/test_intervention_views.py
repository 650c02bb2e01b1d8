from datetime import date
from decimal import Decimal

from django.urls import reverse

from finsam.locking import version_of
from interventions.models import Funding, Goal, GoalAssessment, Intervention, InterventionYear, Participant


def intervention_data(members, **overrides):
    data = {
        "name": "Samverkansteam",
        "kind": "individual",
        "status": "project",
        "starts_on": "2024-01-01",
        "age_min": "16",
        "age_max": "65",
        "counts_endings_in_totals": "on",
        "staffing-TOTAL_FORMS": "1",
        "staffing-INITIAL_FORMS": "0",
        "staffing-0-organisation": members["FK"].pk,
        "staffing-0-full_time_equivalents": "0.75",
        "years-TOTAL_FORMS": "1",
        "years-INITIAL_FORMS": "0",
        "end_classes-TOTAL_FORMS": "0",
        "end_classes-INITIAL_FORMS": "0",
        "external-TOTAL_FORMS": "0",
        "external-INITIAL_FORMS": "0",
        "results-TOTAL_FORMS": "0",
        "results-INITIAL_FORMS": "0",
        "assignments-TOTAL_FORMS": "0",
        "assignments-INITIAL_FORMS": "0",
        "years-0-year": "2024",
        "years-0-granted": "1000000",
        "years-0-co_financing": "875432.50",
    }
    return data | overrides


def test_office_creates_an_intervention_with_staffing_and_money(client, office, federation, members):
    client.force_login(office)
    response = client.post(reverse("interventions:new", kwargs={"slug": federation.slug}), intervention_data(members))
    intervention = Intervention.objects.get()
    assert response["Location"] == reverse(
        "interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}
    )
    assert Funding.objects.get(intervention=intervention).federation == federation
    money = InterventionYear.objects.get()
    assert (money.federation, money.granted, money.co_financing) == (
        federation,
        Decimal("1000000"),
        Decimal("875432.50"),
    )
    assert intervention.staffing.get().full_time_equivalents == Decimal("0.75")


def test_a_bad_money_row_saves_nothing(client, office, federation, members):
    client.force_login(office)
    response = client.post(
        reverse("interventions:new", kwargs={"slug": federation.slug}),
        intervention_data(members, **{"years-0-year": "1999"}),
    )
    assert response.status_code == 200
    assert response.context["formsets"][1].errors[0]["year"]
    assert not Intervention.objects.exists()


def test_a_part_financing_federation_leaves_endings_out_of_its_totals(
    client, office, federation, members, intervention
):
    client.force_login(office)
    data = intervention_data(
        members,
        name="Enter",
        **{
            "staffing-0-organisation": "",
            "staffing-0-full_time_equivalents": "",
            "years-0-year": "",
            "years-0-granted": "",
            "years-0-co_financing": "",
        },
    )
    del data["counts_endings_in_totals"]
    data["version"] = version_of(intervention)
    response = client.post(reverse("interventions:edit", kwargs={"slug": federation.slug, "pk": intervention.pk}), data)
    assert response.status_code == 302
    assert Funding.objects.get(intervention=intervention, federation=federation).counts_endings_in_totals is False


def test_the_page_computes_the_goal_figure(client, office, federation, intervention, habo):
    for i, reason in enumerate(["work", "studies", "illness", "other"]):
        Participant.objects.create(
            intervention=intervention,
            code=f"E-{i}",
            gender="woman" if i % 2 else "man",
            birth_year=1990,
            municipality=habo,
            enrolled_on=date(2024, 1, 10),
            ended_on=date(2024, 6, 1),
            end_reason=reason,
        )
    goal = Goal.objects.create(
        federation=federation,
        intervention=intervention,
        text="Hälften till arbete eller studier",
        measure="work_or_studies_of_ended",
        target_percent=50,
    )
    GoalAssessment.objects.create(goal=goal, year=2024, status="met")
    client.force_login(office)  # exact figures: four participants are small numbers to the board
    response = client.get(
        reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}), {"year": 2024}
    )
    [result] = response.context["goals"]
    assert (result.percent, result.target_reached, result.assessment.status) == (50, True, "met")
    assert response.context["counts"].to_work_or_studies == 2
    assert "<svg" in response.context["chart"]


def test_goals_are_assessed_for_a_year_in_one_form(client, office, federation, intervention):
    goals = [Goal.objects.create(federation=federation, intervention=intervention, text=f"Mål {i}") for i in range(2)]
    client.force_login(office)
    url = reverse("interventions:goal-assess", kwargs={"slug": federation.slug, "pk": intervention.pk}) + "?year=2024"
    data = {
        f"goal-{goals[0].pk}-status": "met",
        f"goal-{goals[0].pk}-comment": "",
        f"goal-{goals[1].pk}-status": "not_met",
        f"goal-{goals[1].pk}-comment": "1 av 4",
    }
    assert client.post(url, data).status_code == 302
    assert sorted(GoalAssessment.objects.filter(year=2024).values_list("status", "comment")) == [
        ("met", ""),
        ("not_met", "1 av 4"),
    ]


def test_the_page_shows_ages_support_and_health(client, office, federation, intervention, habo):
    from interventions.models import ParticipantSupport

    people = [
        Participant.objects.create(
            intervention=intervention,
            code=f"H-{i}",
            gender=gender,
            birth_year=birth_year,
            municipality=habo,
            enrolled_on=date(2024, 1, 10),
            ended_on=date(2024, 6, 1),
            end_reason="work",
            health_start=40,
            health_end=health_end,
        )
        for i, (gender, birth_year, health_end) in enumerate(
            [("woman", 2004, 60), ("man", 1980, 30), ("man", 2000, 40)]
        )
    ]
    ParticipantSupport.objects.create(participant=people[0], phase="start", kind="income_support")
    ParticipantSupport.objects.create(participant=people[0], phase="end", kind="none")
    client.force_login(office)
    response = client.get(
        reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}), {"year": 2024}
    )
    ages = {band: (women, men) for band, women, men in response.context["ages"]}
    assert (
        ages["20–24"] == (1, 1) and ages["30–49"] == (0, 1) and ages["varav 18–29"] == (1, 1)
    )  # of whom: it overlaps the bands
    counts = response.context["counts"]
    assert (counts.improved_health, counts.with_health_follow_up, counts.improved_health_percent) == (1, 3, 33)
    supports = {label: tuple(cells) for label, *cells in response.context["supports"]}
    assert list(supports.values()) == [(1, 0, 0, 0), (0, 0, 1, 0)]  # women at start, men at start, at end


def edit_url(federation, intervention):
    return reverse("interventions:edit", kwargs={"slug": federation.slug, "pk": intervention.pk})


def edit_data(members, intervention, **changes):
    data = intervention_data(
        members,
        name=intervention.name,
        starts_on=intervention.starts_on.isoformat(),
        age_min=str(intervention.age_min),
        age_max=str(intervention.age_max),
        **{"staffing-TOTAL_FORMS": "0", "years-TOTAL_FORMS": "0", "version": version_of(intervention)},
    )
    return data | changes


def test_office_keeps_the_interventions_own_end_classes(client, office, federation, members, intervention):
    client.force_login(office)
    response = client.post(
        edit_url(federation, intervention),
        edit_data(
            members,
            intervention,
            **{
                "end_classes-TOTAL_FORMS": "1",
                "end_classes-0-name": "Spår 4",
                "end_classes-0-standard_reason": "illness",
                "end_classes-0-description": "Rekommenderas att söka sjukersättning",
            },
        ),
    )
    assert response.status_code == 302
    assert list(intervention.end_classes.values_list("name", "standard_reason")) == [("Spår 4", "illness")]


def test_an_end_class_with_participants_is_not_removed(client, office, federation, members, intervention, spar, habo):
    from interventions.models import Participant

    Participant.objects.create(
        intervention=intervention,
        code="E-1",
        gender="man",
        birth_year=1980,
        municipality=habo,
        enrolled_on=date(2024, 2, 1),
        ended_on=date(2024, 6, 1),
        end_reason="work_rehabilitation",
        end_class=spar,
    )
    client.force_login(office)
    data = edit_data(
        members,
        intervention,
        **{
            "end_classes-TOTAL_FORMS": "1",
            "end_classes-INITIAL_FORMS": "1",
            "end_classes-0-id": str(spar.pk),
            "end_classes-0-name": spar.name,
            "end_classes-0-standard_reason": spar.standard_reason,
            "end_classes-0-version": version_of(spar),
            "end_classes-0-DELETE": "on",
        },
    )
    response = client.post(edit_url(federation, intervention), data)
    assert response.status_code == 200
    assert intervention.end_classes.exists()


def test_office_gives_intervention_staff_access_from_the_app(
    client, office, intervention_staff, board_member, federation, members, intervention
):
    client.force_login(office)
    form = client.get(edit_url(federation, intervention)).context["formsets"][3].empty_form
    assert list(form.fields["user"].queryset) == [intervention_staff]  # only the federation's intervention staff
    data = edit_data(
        members, intervention, **{"assignments-TOTAL_FORMS": "1", "assignments-0-user": str(intervention_staff.pk)}
    )
    assert client.post(edit_url(federation, intervention), data).status_code == 302
    client.force_login(intervention_staff)
    detail = reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk})
    assert client.get(detail).status_code == 200


def test_office_records_what_the_national_follow_up_asks_of_an_intervention(client, office, federation, members):
    """Precise orientation (of the intervention's kind), follow-up method, budgeted participants
    of a year and ESF funding by year (issue 30), in the intervention's own form."""
    from interventions.models import ExternalFunding, Orientation

    client.force_login(office)
    structural = Orientation.objects.filter(kind="structural").first()
    individual = Orientation.objects.filter(kind="individual").first()
    national = {
        "follow_up_method": "indicators",
        "years-0-budgeted_participants": "75",
        "external-TOTAL_FORMS": "1",
        "external-0-source": "esf",
        "external-0-funder": "Svenska ESF-rådet",
        "external-0-year": "2024",
        "external-0-amount": "420000",
    }
    url = reverse("interventions:new", kwargs={"slug": federation.slug})
    refused = client.post(url, intervention_data(members, orientation=structural.pk, **national))
    assert "orientation" in refused.context["form"].errors  # a structural orientation for an individual one
    assert not Intervention.objects.exists()

    assert client.post(url, intervention_data(members, orientation=individual.pk, **national)).status_code == 302
    intervention = Intervention.objects.get()
    assert (intervention.orientation, intervention.follow_up_method) == (individual, "indicators")
    assert InterventionYear.objects.get().budgeted_participants == 75
    funding = ExternalFunding.objects.get()
    assert (funding.intervention, funding.source, funding.year, funding.amount) == (intervention, "esf", 2024, 420000)


def test_office_records_a_co_financed_projects_results_in_the_intervention_form(client, office, federation, members):
    from interventions.models import ProjectResult

    client.force_login(office)
    url = reverse("interventions:new", kwargs={"slug": federation.slug})
    results = {
        "results-TOTAL_FORMS": "1",
        "results-0-reported_on": "2025-01-31",
        "results-0-participants": "226",
        "results-0-participants_target": "307",
        "results-0-hours_target": "5992",
    }
    refused = client.post(url, intervention_data(members, **results))
    assert "Ange uppnådda timmar bredvid målet." in refused.content.decode()
    assert not Intervention.objects.exists()
    assert client.post(url, intervention_data(members, **results, **{"results-0-hours": "4427"})).status_code == 302
    result = ProjectResult.objects.get()
    assert (result.participants, result.participants_target, result.hours, result.participants_percent) == (
        226,
        307,
        4427,
        74,
    )


def test_the_intervention_page_tells_a_projects_result_withholding_a_small_count_from_the_board(
    client, office, board_member, federation, intervention
):
    from interventions.models import ExternalFunding, ProjectResult

    ExternalFunding.objects.create(intervention=intervention, funder="Svenska ESF-rådet", year=2024, amount=420000)
    ProjectResult.objects.create(intervention=intervention, reported_on=date(2024, 6, 30), participants=3)
    url = reverse("interventions:detail", kwargs={"slug": federation.slug, "pk": intervention.pk}) + "?year=2024"
    client.force_login(office)
    assert "hade projektet 3 unika deltagare" in client.get(url).content.decode()
    client.force_login(board_member)
    page = client.get(url).content.decode()
    assert "hade projektet &lt;5 unika deltagare" in page and "420\u00a0000" in page
