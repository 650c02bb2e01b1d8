"""The annual report (årsredovisning): every figure it shows, for one federation and
year, as plain data. The page and the PDF render this object with the same partial."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from federations.board import board_of_year
from federations.models import GoverningDocument, board_meetings
from finances.figures import budget_table
from finances.statements import YearEnd, full_year, year_end
from finsam.disclosure import Disclosure
from interventions.charts import endings_chart, grouped_bar_chart, participants_chart, trend_chart
from interventions.cofinancing import co_financed_projects
from interventions.deviations import deviation_summary
from interventions.disclosure import (
    protected_survey,
    register_ages,
    register_breakdown,
    register_by_gender,
    register_endings_by_class,
    register_follow_up,
    register_parts,
    register_progression,
    register_since_start,
    register_table,
)
from interventions.figures import (
    FOLLOW_UP_HEADINGS,
    REASONS,
    Attendance,
    Counts,
    Profile,
    SinceStart,
    endings_by_class,
    follow_up_table,
    indicator_summary,
    indicator_table,
    money_by_intervention,
    occupation_before_and_after,
    participant_profiles,
    participant_table,
    progression_steps,
    since_start,
    structural_attendance,
    supplementary_answers,
    support_before_and_after,
    support_transitions,
    survey_shares,
    waiting_at,
)
from interventions.goals import goal_results
from interventions.models import EndReason, Gender, Goal, Intervention, Participant, StructuralEvent

from .checklists import annual_checklist
from .models import AnnualReportText, InterventionText
from .sentences import CHAPTER_FIGURES, figure_sentence
from .signing import signature_lines
from .socioeconomics import socioeconomic_effect


def annual_report_filename(federation, year):
    return f"{slugify(federation.short_name)}-arsredovisning-{year}.pdf"


@dataclass
class InterventionChapter:
    """Appendix 2: one chapter per individual-oriented intervention."""

    intervention: Intervention
    counts: Counts
    goals: list
    survey: list
    indicators: list  # interventions.figures.IndicatorRow by respondent group
    endings_by_class: list
    money: list
    profile: object  # interventions.figures.Profile of the year's participants
    since_start: object  # interventions.figures.SinceStart
    follow_up: list = ()  # interventions.figures.FollowUpRow of those who ended in the year
    text: object = None  # reporting.models.InterventionText of the year's annual report, if written
    progression: object = None  # interventions.figures.Progression (SKAPA) of those who ended, if recorded

    @property
    def money_actual(self):
        return next((line["actual"] for line in self.money if line["actual"] is not None), None)

    @property
    def cost_per_participant(self):
        """The year's actual cost divided by the year's participants, in whole kronor."""
        return per_participant(self.money_actual, self.counts.active)

    @property
    def figures_sentence(self):
        """The intervention's text's sentence over the chapter's own figures."""
        return figure_sentence(self.text.figures_sentence, self, CHAPTER_FIGURES) if self.text else ""


def per_participant(cost, participants):
    """``cost`` per participant in whole kronor (half up); none where either is missing or
    the count is withheld (a figure derived from a small count is withheld too)."""
    if cost is None or not isinstance(participants, int) or not participants:
        return None
    return int((Decimal(cost) / participants).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class StructuralLine:
    intervention: Intervention
    actual: object  # kronor, or None
    attendance: Attendance = Attendance()  # its events of the year
    text: object = None  # reporting.models.InterventionText of the year's annual report, if written


@dataclass
class AnnualReport:
    federation: object
    year: int
    texts: AnnualReportText
    board: object
    participants: object  # interventions.figures.ParticipantTable
    endings: list  # [(reason label, women, men, total)]
    supports: list
    survey: list
    indicators: list  # the indicator survey about the federation as a whole (board, management group)
    socioeconomic: object
    structural: list
    accounts: YearEnd
    commitments: list  # appendix 1: the federation plan's goals with this year's assessment
    chapters: list
    drawn_at: object
    charts: dict  # name → SVG: participants, endings, budget, trend
    protected: bool = False  # small numbers protected (finsam.disclosure)
    deviations: object = None  # interventions.deviations.DeviationSummary of the year
    governing_documents: list = None  # federations.GoverningDocument in force at the year's end
    board_meetings: int = 0  # counted in the register of meetings
    structural_events: list = None  # [(kind label, Attendance)] of the structural interventions' events
    occupations: list = ()  # [(label, women at start, men at start, women at end, men at end)] of those who ended
    transitions: list = ()  # [((support before, support after), women, men)] of those who ended
    own_questions: list = ()  # [(question, [(answer, count)], sum of a number question)]
    indicator_summary: object = None  # interventions.figures.IndicatorSummary: the indicators, three years
    waiting: list = ()  # [(intervention name, count)] on the waiting list at the year's end
    waiting_total: object = 0
    co_financed: list = ()  # interventions.cofinancing.CoFinancedProject financed from outside in the year

    @property
    def title(self):
        return f"{self.federation.name}"

    @property
    def figures_sentence(self):
        """The office's sentence about the participants, with the report's own figures in it."""
        return figure_sentence(self.texts.figures_sentence, self) if self.texts else ""

    @property
    def cost_per_participant(self):
        """The individual-oriented interventions' actual costs of the year divided by their
        participants; none unless every intervention of the table has its cost booked."""
        costs = [chapter.money_actual for chapter in self.chapters]
        if not costs or None in costs:
            return None
        return per_participant(sum(costs), self.participants.total.active)

    @property
    def filename(self):
        return annual_report_filename(self.federation, self.year)

    @property
    def follow_up_headings(self):
        return FOLLOW_UP_HEADINGS

    @cached_property
    def checklist(self):
        """What the report checks of itself before the board adopts it (reporting.checklists)."""
        return annual_checklist(self)

    @property
    def missing(self):
        return self.checklist.missing

    @property
    def signature_lines(self):
        """The signature page's lines: each ordinary member of the year's board, unsigned
        (a copy signed in finsam draws them again, reporting.signing)."""
        return signature_lines(self.board)

    @property
    def commitments_summary(self):
        """How many commitments were met, partly met and not met: [(label, count)]."""
        counted = {}
        for result in self.commitments:
            if result.assessment:
                label = result.assessment.get_status_display()
                counted[label] = counted.get(label, 0) + 1
        return list(counted.items())


def endings_by_reason(total):
    return [
        (
            EndReason(reason).label,
            total.by_reason_and_gender[reason][Gender.WOMAN],
            total.by_reason_and_gender[reason][Gender.MAN],
            total.by_reason[reason],
        )
        for reason in REASONS
    ]


def annual_report(federation, year, protect=None):
    """The report of ``year``; its small numbers protected where ``protect`` says, or by
    default where the federation has chosen it."""
    report = exact_annual_report(federation, year)
    if federation.protect_small_numbers_in_reports if protect is None else protect:
        return protected_report(report)
    return report


def events_by_kind(federation, by_kind):
    """[(kind label, Attendance)] of the federation's events, in the order of the kinds."""
    return [
        (label, by_kind[(federation.pk, kind)])
        for kind, label in StructuralEvent.Kind.choices
        if (federation.pk, kind) in by_kind
    ]


def exact_annual_report(federation, year):
    texts = AnnualReportText.objects.filter(federation=federation, year=year).first() or AnnualReportText(
        federation=federation, year=year
    )
    participants = participant_table(federation, year)
    counted = [row.intervention for row in participants.rows]
    ended = Participant.objects.residents_among(federation, counted, year).filter(ended_on__year=year)
    accounts = year_end(federation, year)
    actual = full_year(federation, year, "actual")
    structural_costs = {}
    if actual:
        table = budget_table([actual])
        structural_costs = {row.intervention.pk: row.cells[0] for row in table.activities if row.intervention}
    attendance, by_kind = structural_attendance([federation], year)
    own_texts = InterventionText.objects.of_document(federation, InterventionText.Document.ANNUAL, year)
    structural = [
        StructuralLine(
            intervention,
            structural_costs.get(intervention.pk),
            attendance.get((federation.pk, intervention.pk), Attendance()),
            own_texts.get(intervention.pk),
        )
        for intervention in Intervention.objects.of_federation(federation)
        .filter(kind=Intervention.Kind.STRUCTURAL)
        .filter(Q(pk__in=list(structural_costs)) | Q(pk__in=Intervention.objects.running_in(year)))
        .prefetch_related("staffing")
        .order_by("name")
    ]
    indicators = indicator_table(federation, year)
    plan_goals = Goal.objects.commitments(federation, year).prefetch_related("assessments")
    waiting = waiting_at(federation, date(year, 12, 31))
    supports = support_before_and_after(ended)
    return AnnualReport(
        federation=federation,
        year=year,
        texts=texts,
        board=board_of_year(federation, year),
        participants=participants,
        endings=endings_by_reason(participants.total),
        supports=supports,
        survey=survey_shares(ended),
        indicators=indicators.get(None, []),
        indicator_summary=indicator_summary(federation, year, current=indicators),
        socioeconomic=socioeconomic_effect(federation, year, table=participants),
        structural=structural,
        structural_events=events_by_kind(federation, by_kind),
        accounts=accounts,
        commitments=goal_results(plan_goals, year, participants.total, []),
        chapters=chapters(federation, year, participants, indicators, own_texts),
        drawn_at=timezone.localtime(),
        charts=charts(participants, accounts, year, supports),
        deviations=deviation_summary(federation, year),
        governing_documents=governing_documents(federation, year),
        board_meetings=board_meetings(federation, year),
        occupations=occupation_before_and_after(ended),
        transitions=support_transitions(ended),
        own_questions=supplementary_answers(
            federation, Participant.objects.residents_among(federation, counted, year).new_in(year), ended
        ),
        waiting=waiting,
        waiting_total=sum(count for _name, count in waiting),
        co_financed=co_financed_projects([federation], year, reported_by=date(year, 12, 31)),
    )


def governing_documents(federation, year):
    """The governing documents in force at the end of ``year``: the latest adopted of each
    kind (of each title, for other documents)."""
    documents = (
        GoverningDocument.objects.of_federation(federation)
        .filter(adopted_on__year__lte=year)
        .without_files()
        .order_by("kind", "-adopted_on")
    )
    latest = {}
    for document in documents:
        key = (document.kind, document.title if document.kind == GoverningDocument.Kind.OTHER else "")
        latest.setdefault(key, document)
    return list(latest.values())


def charts(participants, accounts, year, supports=()):
    drawn = {}
    if supports and all(isinstance(count, int) for _label, *counts in supports for count in counts):
        columns = [_("Women at start"), _("Men at start"), _("Women at end"), _("Men at end")]
        drawn["supports"] = grouped_bar_chart(
            [label for label, *_counts in supports],
            {column: [counts[index] for _label, *counts in supports] for index, column in enumerate(columns)},
            title=_("Public support at the start and at the end, of those who ended in %(year)s") % {"year": year},
        )
    if participants.rows:
        drawn["participants"] = participants_chart(participants)
    if participants.total.ended:
        drawn["endings"] = endings_chart(participants.total, year)
    if accounts.income and accounts.budgeted_income:
        drawn["budget"] = grouped_bar_chart(
            [_("Income"), _("Costs")],
            {
                _("Budget"): [
                    float(accounts.budgeted_income.income) / 1000,
                    float(accounts.budgeted_income.operating_costs) / 1000,
                ],
                _("Actual"): [
                    float(accounts.income.income) / 1000,
                    float(accounts.income.operating_costs) / 1000,
                ],
            },
            title=_("Budget and actual %(year)s, thousand kronor") % {"year": year},
        )
    if len(accounts.overview) > 1:
        years = [row.year for row in accounts.overview]
        drawn["trend"] = trend_chart(
            years,
            {
                _("Income"): [float(row.income) / 1000 for row in accounts.overview],
                _("Costs"): [float(row.costs) / 1000 for row in accounts.overview],
            },
            title=_("Income and costs, thousand kronor"),
        )
    return drawn


def chapters(federation, year, participants, indicators, texts=None):
    """Appendix 2: a chapter per intervention of the participant table. Each of a
    chapter's tables is counted for all the chapters at once, so the report asks the same
    number of queries however many interventions the federation funds."""
    pks = [row.intervention.pk for row in participants.rows]
    by_pk = Intervention.objects.prefetch_related("staffing__organisation", "end_classes").in_bulk(pks)
    interventions = [by_pk[pk] for pk in pks]
    everyone = Participant.objects.residents_among(federation, pks)
    residents = Participant.objects.residents_among(federation, pks, year)
    goals = {}
    for goal in Goal.objects.filter(federation=federation, intervention__in=pks).prefetch_related("assessments"):
        goals.setdefault(goal.intervention_id, []).append(goal)
    ended = residents.filter(ended_on__year=year)
    counted = {
        "survey": survey_shares(ended, by_intervention=True),
        "since": since_start(everyone, year, by_intervention=True),
        "follow_up": follow_up_table(ended, by_intervention=True),
        "end_classes": endings_by_class(ended, interventions),
        "profiles": participant_profiles(residents.active_in(year)),
        "progression": progression_steps(ended),
        "indicators": indicators,
        "money": money_by_intervention(interventions, federation),
        "texts": texts or {},
    }
    return [
        chapter(replace(row, intervention=intervention), goals.get(intervention.pk, []), year, counted)
        for row, intervention in zip(participants.rows, interventions)
    ]


def chapter(row, goals, year, counted):
    """The chapter of the participant table's ``row``, from its federation's figures
    ``counted`` per intervention (of them, the indicators and money may be left out)."""
    pk = row.intervention.pk
    survey, start = counted["survey"].get(pk, []), counted["since"].get(pk, SinceStart(0, 0, 0))
    return InterventionChapter(
        intervention=row.intervention,
        counts=row.counts,
        goals=goal_results(goals, year, row.counts, survey, start),
        survey=survey,
        indicators=counted.get("indicators", {}).get(pk, []),
        endings_by_class=counted["end_classes"][pk],
        money=[line for line in counted.get("money", {}).get(pk, []) if line["year"] == year],
        profile=counted["profiles"][pk],
        since_start=start,
        follow_up=counted_follow_up(counted["follow_up"].get(pk, []), row.counts),
        text=counted.get("texts", {}).get(pk),
        progression=counted.get("progression", {}).get(pk),
    )


def counted_follow_up(rows, counts):
    """The follow-up of an intervention whose endings the federation counts (of one that
    counts them in its own classes, the table has no ended to follow up)."""
    return rows if rows and sum(rows[0].cells) == counts.ended else []


@dataclass
class ReportFigures:
    """The participant figures a document shows of an annual report: of each
    intervention's row (``row``: the Counts names for a chapter), and of the total."""

    row: object
    total: set


def protected_report(report, shows=None):
    """``report`` with its small numbers protected (finsam.disclosure): every participant
    figure of the report in one disclosure — the participant table, the supports, and each
    chapter's ages, municipalities, referrals, years in support, end classes and figures
    since the start — then the tables, goals, socio-economic effect and charts drawn again
    from what may be shown.

    A document that shows only part of the report (the county deck) says which figures:
    ``shows`` is then a ``ReportFigures``; the figures it leaves out are not counted as
    seen, so they withhold nothing, and read "x"."""
    disclosure = Disclosure()
    whole = shows is None
    chapter_of = {chapter.intervention.pk: chapter for chapter in report.chapters}
    by_intervention, total, participants_shown = register_table(
        disclosure,
        report.participants,
        shows=None if whole else lambda row: shows.row(chapter_of[row.intervention.pk]),
        total_shows=None if whole else shows.total,
    )
    supports = register_parts(disclosure, report.supports, total.flat["ended"], whole)
    occupations = register_parts(disclosure, report.occupations, total.flat["ended"], whole)
    transitions = register_parts(disclosure, report.transitions, total.flat["ended"], whole)
    own_questions = [
        (
            question,
            register_parts(disclosure, answers, total.flat["ended" if question.asked_at == "end" else "new"], whole),
            number_sum,
        )
        for question, answers, number_sum in report.own_questions
    ]
    waiting_total = disclosure.cell(report.waiting_total)
    waiting = register_breakdown(disclosure, report.waiting, waiting_total, whole, listed_if_any=True)
    registered = []
    for chapter in report.chapters:
        cells = by_intervention[chapter.intervention.pk]
        active = cells.flat["active"]
        profile = chapter.profile
        registered.append(
            (
                chapter,
                {
                    "endings_by_class": register_endings_by_class(disclosure, chapter.endings_by_class, cells, whole),
                    "ages": register_ages(disclosure, profile.ages, cells, whole),
                    "municipalities": register_breakdown(
                        disclosure, profile.municipalities, active, whole, listed_if_any=True
                    ),
                    "referrals": register_breakdown(disclosure, profile.referrals, active, whole, listed_if_any=True),
                    "years_in_support": register_breakdown(disclosure, profile.years_in_support, active, whole),
                    "education": register_by_gender(disclosure, profile.education, cells, whole),
                    "progression": register_progression(disclosure, chapter.progression, cells, whole),
                    "since_start": register_since_start(disclosure, chapter.since_start),
                    "follow_up": register_follow_up(disclosure, chapter.follow_up, cells, whole),
                },
            )
        )
    disclosure.protect()
    participants = participants_shown()
    rows = {row.intervention.pk: row.counts for row in participants.rows}
    chapters = []
    for chapter, shown in registered:
        counts, survey, since = rows[chapter.intervention.pk], protected_survey(chapter.survey), shown["since_start"]()
        chapters.append(
            replace(
                chapter,
                counts=counts,
                survey=survey,
                indicators=protected_survey(chapter.indicators),
                goals=goal_results([result.goal for result in chapter.goals], report.year, counts, survey, since),
                endings_by_class=shown["endings_by_class"](),
                profile=Profile(
                    **{
                        name: shown[name]()
                        for name in ("ages", "municipalities", "referrals", "years_in_support", "education")
                    }
                ),
                progression=shown["progression"](),
                since_start=since,
                follow_up=shown["follow_up"](),
            )
        )
    effect = report.socioeconomic
    if effect:
        model = effect.model
        effect = replace(
            effect,
            counted=model.counted(participants.total),
            per_intervention=[
                replace(
                    line,
                    counted=model.counted(rows[line.intervention.pk]),
                    per_year=model.effect(model.counted(rows[line.intervention.pk])),
                )
                for line in effect.per_intervention
            ],
        )
    return replace(
        report,
        participants=participants,
        endings=endings_by_reason(participants.total),
        supports=supports(),
        occupations=occupations(),
        transitions=transitions(),
        own_questions=[(question, answers(), number_sum) for question, answers, number_sum in own_questions],
        waiting=waiting(),
        waiting_total=waiting_total.display,
        co_financed=[replace(project, protected=True) for project in report.co_financed],
        survey=protected_survey(report.survey),
        indicators=protected_survey(report.indicators),
        indicator_summary=report.indicator_summary and report.indicator_summary.protected(),
        socioeconomic=effect,
        commitments=goal_results([result.goal for result in report.commitments], report.year, participants.total, []),
        chapters=chapters,
        charts=charts(participants, report.accounts, report.year, supports()),
        protected=True,
    )
