"""The demo's documents in their own words (issue 31): every section the real documents have,
the figures the real ones print beside the words, and sentences whose numbers are the
report's. On the demo's data, so apart from the small cast's tests."""

from django.urls import reverse

from reporting.annual import exact_annual_report


def test_the_demo_annual_report_carries_the_sections_the_real_ones_have(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kansli"))
    page = client.get(reverse("reporting:annual", kwargs={"slug": "sodra-vatterbygden"}), {"year": 2024})
    text = page.content.decode()
    for heading in [
        "Ordförandens förord",
        "Viktiga förhållanden för resultatet",
        "Analys av deltagarna",
        "Jämställdhet",
        "Analys av indikatorenkäten",
        "Strukturövergripande arbete",
        "Personal",
        "Förväntad utveckling",
        "Vad som gått bra",
    ]:
        assert heading in text, heading
    assert not any("Inte skrivet" in remark for remark in page.context["report"].checklist.remarks)
    # The indicators as the national survey reports them, with a trend; SKAPA where it is kept.
    summary = page.context["report"].indicator_summary
    assert "Indikatorer för finansiell samordning" in text and "Mätår november 2023 – oktober 2024" in text
    assert len(summary.values) == 4 and summary.compared == 4
    assert f"{summary.above} av de 4 indikatorer som jämförs med riksgenomsnittet ligger över det" in text
    assert all(value.trend[1] is not None for value in summary.values[1:])  # 2023 beside 2024
    assert "Progressionssteg (SKAPA)" in text and "Kvinnor vid start" in text


def test_the_annual_report_prints_the_cost_per_participant_and_the_supports_chart(demo):
    """Issue 31's figures the real documents print: Enter's actual cost of 2024, 3 300 000 kr,
    over its 80 participants; the federation's over all its individual-oriented ones."""
    from decimal import Decimal

    from federations.models import Federation
    from finsam.disclosure import SMALL
    from reporting.annual import per_participant

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    report = exact_annual_report(federation, 2024)
    enter = next(chapter for chapter in report.chapters if chapter.intervention.name == "Enter")
    assert (enter.money_actual, enter.counts.active, enter.cost_per_participant) == (3300000, 80, 41250)
    costs = sum(chapter.money_actual for chapter in report.chapters)
    assert report.cost_per_participant == round(costs / report.participants.total.active)
    assert "<svg" in report.charts["supports"]
    assert per_participant(Decimal(1000), SMALL) is None  # a count withheld withholds the cost per head


def test_a_sentence_over_the_figures_takes_its_numbers_from_the_report(client, demo):
    """Issue 31 part 4: "Av de 40 personer som avslutades gick 17 till arbete eller studier" — the
    office edits the words; the numbers are the report's, and a number typed in is refused."""
    from django.contrib.auth import get_user_model

    from federations.models import Federation
    from reporting.models import AnnualReportText

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    total = exact_annual_report(federation, 2024).participants.total
    client.force_login(get_user_model().objects.get(username="kansli"))
    texts_url = reverse("reporting:annual-texts", kwargs={"slug": federation.slug}) + "?year=2024"
    form = client.get(texts_url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    typed = data | {"figures_sentence": "Av de 40 som avslutades gick {till_arbete_eller_studier} vidare."}
    errors = client.post(texts_url, typed).context["form"].errors["figures_sentence"]
    assert errors == ["Skriv ingen siffra i orden: ange siffrans namn inom klamrar, t.ex. {avslutade}."]
    unknown = data | {"figures_sentence": "Vi hade {besökare} besökare."}
    assert (
        "Rapporten har ingen siffra {besökare}"
        in client.post(texts_url, unknown).context["form"].errors["figures_sentence"][0]
    )
    worded = data | {
        "figures_sentence": "Av de {avslutade} som avslutades gick {till_arbete_eller_studier} till arbete eller studier."
    }
    assert client.post(texts_url, worded).status_code == 302
    assert AnnualReportText.objects.get(federation=federation, year=2024).figures_sentence.startswith(
        "Av de {avslutade}"
    )
    page = client.get(reverse("reporting:annual", kwargs={"slug": federation.slug}), {"year": 2024}).content.decode()
    assert f"Av de {total.ended} som avslutades gick {total.to_work_or_studies} till arbete eller studier." in page


def test_the_interim_report_and_the_plan_say_their_figures_in_a_sentence_of_their_own(demo):
    """Issue 31 part 4 beyond the annual report: the interim report's period and the plan's
    budget in a sentence whose numbers are the document's own."""
    from federations.models import Federation
    from federations.templatetags.finsam_format import number
    from reporting.periodic import business_plan, interim_report

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    interim = interim_report(federation, 2024)
    total = interim.participants.total
    assert interim.figures_sentence.startswith(
        f"Till och med 30 juni har {total.active} personer deltagit i insatserna, varav {total.new} nya; "
        f"{total.ended} har avslutats, {total.to_work_or_studies} av dem till arbete eller studier."
    )
    actual = interim.money.result[[column.scenario for column in interim.money.columns[:3]].index("actual")]
    assert f"Periodens resultat är {number(actual)} kr" in interim.figures_sentence
    plan = business_plan(federation, 2025)
    budget = [(column.year, column.scenario) for column in plan.money.columns].index((2025, "budget"))
    assert plan.figures_sentence == (
        f"Budgeten för 2025 har intäkter om {number(plan.money.income_total[budget])} kr och kostnader om "
        f"{number(plan.money.costs_total[budget])} kr, ett resultat om {number(plan.money.result[budget])} kr; det "
        f"egna kapitalet beräknas till {number(plan.money.closing_balance[budget])} kr vid årets slut."
    )
    assert "11\xa0168\xa0000" in plan.figures_sentence  # the published income of 2025


def test_an_interventions_chapter_tells_its_year_in_a_sentence_over_its_own_figures(client, demo):
    """Those who run the intervention word the sentence; the chapter's figures fill it in, and
    a number typed in is refused as in the report's own sentence."""
    from django.contrib.auth import get_user_model

    from federations.models import Federation
    from interventions.models import Intervention

    federation = Federation.objects.get(slug="sodra-vatterbygden")
    enter = Intervention.objects.get(name="Enter")
    chapter = next(c for c in exact_annual_report(federation, 2024).chapters if c.intervention == enter)
    client.force_login(get_user_model().objects.get(username="kansli"))
    url = reverse(
        "reporting:intervention-text",
        kwargs={"slug": federation.slug, "document": "annual", "year": 2024, "pk": enter.pk},
    )
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    typed = data | {"figures_sentence": "Av de 23 som avslutades gick {till_arbete_eller_studier} vidare."}
    assert client.post(url, typed).context["form"].errors["figures_sentence"] == [
        "Skriv ingen siffra i orden: ange siffrans namn inom klamrar, t.ex. {avslutade}."
    ]
    worded = data | {"figures_sentence": "{insats} kostade {kostnad_per_deltagare} kr per deltagare."}
    assert client.post(url, worded).status_code == 302
    page = client.get(reverse("reporting:annual", kwargs={"slug": federation.slug}), {"year": 2024}).content.decode()
    assert "Enter kostade 41\xa0250 kr per deltagare." in page
    assert chapter.cost_per_participant == 41250


def test_the_demo_interim_report_and_plan_carry_the_sections_the_seeds_have(client, demo):
    """The 2012 interim report's chapters and the 2021 plan's sections (../shared/seeds/), in
    the demo's interim report of 2024 and plan of 2025, each intervention with a chapter of its own."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kansli"))

    def headings(name, year):
        return client.get(reverse(name, kwargs={"slug": "sodra-vatterbygden"}), {"year": year}).content.decode()

    interim = headings("reporting:interim", 2024)
    for heading in [
        "Sammanfattning",
        "Inledning",
        "Beredningsgrupp",
        "Insatserna",
        "Enter",
        "NOVA – Stöd i förändring",
        "Funktionsnedsatta i arbete",
        "Samarbete i länet",
        "Mål",
        "Ekonomi per",
    ]:
        assert heading in interim, heading
    plan = headings("reporting:plan", 2025)
    for heading in [
        "Uppdrag och vision",
        "Målgrupp",
        "Inriktning",
        "Organisation",
        "Verksamhet 2025",
        "Mål för insatserna",
        "Strukturövergripande arbete",
        "Strukturella och finansiella mål",
        "Budget 2025 och plan 2026–2027",
    ]:
        assert heading in plan, heading
