import copy
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from federations.models import FederationScopedQuerySet, SocioEconomicBasis
from finsam.disclosure import DERIVED, is_withheld
from finsam.privacy import GuardedCharField, GuardedTextField

from .sentences import (
    DEFAULT_ANNUAL_SENTENCE,
    DEFAULT_CHAPTER_SENTENCE,
    DEFAULT_INTERIM_SENTENCE,
    DEFAULT_PLAN_SENTENCE,
    FigureSentenceValidator,
    sentence_help,
    validate_figure_sentence,
)

MONEY = {"max_digits": 10, "decimal_places": 0, "validators": [MinValueValidator(0)]}


class SocioEconomicModelQuerySet(FederationScopedQuerySet):
    def in_force(self, on):
        """The installation's parameters in force on ``on``: the latest valid from that day or before."""
        return self.filter(federation=None, valid_from__lte=on).order_by("-valid_from").first()

    def in_force_for(self, federations, on):
        """{federation pk: the parameters it counts by on ``on``}: its own latest valid from
        that day or before, else the installation's; a federation with neither is left out.
        One query, however many federations."""
        rows = list(
            self.filter(Q(federation=None) | Q(federation__in=federations), valid_from__lte=on).order_by("-valid_from")
        )
        installation = next((row for row in rows if row.federation_id is None), None)
        own = {}
        for row in rows:
            if row.federation_id is not None:
                own.setdefault(row.federation_id, row)
        chosen = {federation.pk: own.get(federation.pk, installation) for federation in federations}
        return {pk: model for pk, model in chosen.items() if model is not None}


class SocioEconomicModel(models.Model):
    """The parameters of the socio-economic effect of a participant who goes to work or
    studies: what society saves and gains each month. Dated, with their source, so that
    a report can say which it used."""

    Basis = SocioEconomicBasis  # a federation may count otherwise (Federation.socioeconomic_basis)

    federation = models.ForeignKey(
        "federations.Federation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="socioeconomic_models",
        verbose_name=_("federation"),
        help_text=_("Empty: the installation's model, which a federation counts by unless it records its own."),
    )
    valid_from = models.DateField(_("valid from"))
    basis = models.CharField(_("counts"), max_length=20, choices=Basis.choices, default=Basis.WORK_OR_STUDIES)
    public_support = models.DecimalField(_("average public support a month (kr)"), **MONEY)
    administration = models.DecimalField(_("administration a month (kr)"), **MONEY)
    income_tax = models.DecimalField(_("income tax a month (kr)"), **MONEY)
    source = models.TextField(_("source"))

    objects = SocioEconomicModelQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("socio-economic model")
        verbose_name_plural = _("socio-economic models")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "valid_from"],
                name="unique_socioeconomic_model_of_federation",
                violation_error_message=_("The federation already has parameters valid from that day."),
            ),
            models.UniqueConstraint(
                fields=["valid_from"],
                condition=Q(federation=None),
                name="unique_socioeconomic_model_of_installation",
            ),
        ]

    def __str__(self):
        return f"{self.valid_from}: {self.per_year} kr"

    @property
    def per_month(self):
        return self.public_support + self.administration + self.income_tax

    @property
    def per_year(self):
        return self.per_month * 12

    def effect(self, participants):
        """The yearly effect of ``participants`` going to work (or studies, by the basis);
        withheld where their number is (finsam.disclosure)."""
        if is_withheld(participants):
            return DERIVED
        return Decimal(participants) * self.per_year

    def as_counted_by(self, federation):
        """The model as ``federation`` counts it: its own basis where it has chosen one."""
        if not federation.socioeconomic_basis or federation.socioeconomic_basis == self.basis:
            return self
        model = copy.copy(self)
        model.basis = federation.socioeconomic_basis
        return model

    def counted(self, counts):
        """How many of ``counts`` (interventions.figures.Counts) the model counts."""
        if self.basis == self.Basis.WORK:
            return counts.by_reason["work"]
        return counts.to_work_or_studies

    @property
    def heading(self):
        if self.basis == self.Basis.WORK:
            return _("Participants to work")
        return _("Participants to work or studies")


GOTEBORG_CENTRUM_2019 = {
    "valid_from": date(2019, 2, 1),
    "public_support": Decimal(10000),
    "administration": Decimal(500),
    "income_tax": Decimal(5700),
    "source": (
        "Samordningsförbundet Göteborg Centrums modell, antagen av länets förbund på medlemssamrådet i "
        "februari 2019: 10 000 kr i genomsnittlig offentlig försörjning och 500 kr i administration (besök, "
        "bostadsbidrag …) sparas per månad, och 5 700 kr i inkomstskatt tillkommer vid heltidsarbete på "
        "grundlön 19 000 kr."
    ),
}


class AnnualReportText(models.Model):
    """What the office writes for a year's annual report; the figures are computed.
    Plain text: paragraphs are kept, HTML is not."""

    federation = models.ForeignKey("federations.Federation", models.CASCADE, related_name="annual_report_texts")
    year = models.PositiveSmallIntegerField(_("year"))
    registry_number = GuardedCharField(
        _("registry number"),
        max_length=40,
        blank=True,
        help_text=_("E.g. Dnr 2025:02 / 3."),
    )
    foreword = GuardedTextField(_("chair's foreword"), blank=True)
    mission = GuardedTextField(_("organisation, mission and financing"), blank=True)
    important_conditions = GuardedTextField(_("important conditions for the result"), blank=True)
    participant_analysis = GuardedTextField(_("analysis of the participants"), blank=True)
    figures_sentence = GuardedTextField(
        _("the participants in a sentence"),
        blank=True,
        default=DEFAULT_ANNUAL_SENTENCE,
        validators=[validate_figure_sentence],
        help_text=_(
            "Words around the report's own figures, named in braces: {år}, {deltagare}, {kvinnor}, {män}, {nya}, "
            "{avslutade}, {till_arbete_eller_studier}, {andel_till_arbete_eller_studier}. The figures fill in "
            "themselves; a number typed in is refused."
        ),
    )
    gender_equality = GuardedTextField(_("gender equality"), blank=True)
    indicator_analysis = GuardedTextField(_("analysis of the indicator survey"), blank=True)
    structural_work = GuardedTextField(_("structural work"), blank=True)
    personnel = GuardedTextField(_("personnel"), blank=True)
    expected_development = GuardedTextField(_("expected development"), blank=True)
    adopted_on = models.DateField(_("adopted by the board on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")
        constraints = [models.UniqueConstraint(fields=["federation", "year"], name="one_annual_report_text_a_year")]

    def __str__(self):
        return f"{self.federation} {self.year}"


def report_text(label):
    return GuardedTextField(label, blank=True)


def sentence_text(label, vocabulary, default):
    """A sentence over the document's figures (reporting.sentences)."""
    return GuardedTextField(
        label,
        blank=True,
        default=default,
        validators=[FigureSentenceValidator(vocabulary)],
        help_text=sentence_help(vocabulary),
    )


class InterimReportText(models.Model):
    """What the office writes for a year's interim report; the figures are computed."""

    federation = models.ForeignKey("federations.Federation", models.CASCADE, related_name="interim_report_texts")
    year = models.PositiveSmallIntegerField(_("year"))
    summary = report_text(_("summary"))
    introduction = report_text(_("introduction"))
    figures_sentence = sentence_text(_("the period in a sentence"), "interim", DEFAULT_INTERIM_SENTENCE)
    interventions = report_text(_("the interventions"))
    cooperation = report_text(_("cooperation and structural work"))
    county_cooperation = report_text(_("cooperation in the county"))
    office = report_text(_("the office"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interim report text")
        verbose_name_plural = _("interim report texts")
        constraints = [models.UniqueConstraint(fields=["federation", "year"], name="one_interim_report_text_a_year")]

    def __str__(self):
        return f"{self.federation} {self.year}"


class BusinessPlanText(models.Model):
    """What the office writes for a year's business plan; the budget and the plan years are computed."""

    federation = models.ForeignKey("federations.Federation", models.CASCADE, related_name="business_plan_texts")
    year = models.PositiveSmallIntegerField(_("year"))
    introduction = report_text(_("introduction"))
    mission = report_text(_("mission and vision"))
    target_group = report_text(_("target group"))
    direction = report_text(_("direction"))
    organisation = report_text(_("organisation"))
    activities = report_text(_("the year's activities"))
    intervention_goals = report_text(_("goals for the interventions"))
    structural_work = report_text(_("structural work"))
    financial_goals = report_text(_("structural and financial goals"))
    money = report_text(_("the money"))
    figures_sentence = sentence_text(_("the budget in a sentence"), "plan", DEFAULT_PLAN_SENTENCE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("business plan text")
        verbose_name_plural = _("business plan texts")
        constraints = [models.UniqueConstraint(fields=["federation", "year"], name="one_business_plan_text_a_year")]

    def __str__(self):
        return f"{self.federation} {self.year}"


class InterventionTextQuerySet(models.QuerySet):
    def of_document(self, federation, document, year):
        """{intervention pk: text} of one document and year of the federation."""
        texts = self.filter(federation=federation, document=document, year=year)
        return {text.intervention_id: text for text in texts}


class InterventionText(models.Model):
    """What an intervention's own staff (or the office) write about its year for one of the
    federation's documents: the annual report's chapter, the interim report's, the business
    plan's goals and activities. The office approves it; the document prints it in the
    intervention's chapter, and its checklist names the interventions still without one."""

    class Document(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        INTERIM = "interim", _("Interim report")
        PLAN = "plan", _("Business plan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for the office")
        APPROVED = "approved", _("Approved by the office")

    federation = models.ForeignKey(
        "federations.Federation", models.CASCADE, related_name="intervention_texts", verbose_name=_("federation")
    )
    intervention = models.ForeignKey(
        "interventions.Intervention", models.CASCADE, related_name="texts", verbose_name=_("intervention")
    )
    document = models.CharField(_("document"), max_length=10, choices=Document.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    results = report_text(_("the year's results"))
    went_well = report_text(_("what went well"))
    went_badly = report_text(_("what did not go well"))
    gender_equality = report_text(_("gender equality"))
    changes = report_text(_("what changed"))
    figures_sentence = sentence_text(_("the year in a sentence"), "chapter", DEFAULT_CHAPTER_SENTENCE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = InterventionTextQuerySet.as_manager()
    history = HistoricalRecords()

    # The sections each document asks for, in its order.
    SECTIONS = {
        Document.ANNUAL: ["results", "went_well", "went_badly", "gender_equality", "changes"],
        Document.INTERIM: ["results", "went_well", "went_badly", "changes"],
        Document.PLAN: ["results", "gender_equality", "changes"],
    }

    class Meta:
        verbose_name = _("intervention's text")
        verbose_name_plural = _("interventions' texts")
        ordering = ["year", "document", "intervention__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "intervention", "document", "year"], name="one_intervention_text_a_document"
            )
        ]

    def __str__(self):
        return f"{self.intervention} – {self.get_document_display()} {self.year}"

    @property
    def sections(self):
        """[(heading, text)] of the written sections, in the document's order."""
        return [
            (capfirst(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in self.SECTIONS[self.document]
            if getattr(self, name).strip()
        ]

    def last_years(self):
        """The same document's text of the year before, if there is one."""
        return InterventionText.objects.filter(
            federation=self.federation_id,
            intervention=self.intervention_id,
            document=self.document,
            year=self.year - 1,
        ).first()


class AdoptedReport(models.Model):
    """A report as the board adopted it: rendered once at adoption and kept, with a
    checksum, so that it reads the same ever after — corrections show in the next report
    and in the history, not here."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        INTERIM = "interim", _("Interim report")
        PLAN = "plan", _("Business plan")

    federation = models.ForeignKey("federations.Federation", models.PROTECT, related_name="adopted_reports")
    kind = models.CharField(_("report"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    adopted_on = models.DateField(_("adopted by the board on"))
    registry_number = models.CharField(_("registry number"), max_length=40)
    html = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    # The whole document the PDF was drawn from, so that a copy signed later is drawn from
    # the figures as adopted, never from today's (reporting.signing).
    pdf_html = models.TextField(blank=True, editable=False)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    failed_checks = GuardedTextField(
        _("year-end checks that failed at adoption"),
        blank=True,
        help_text=_("The board adopted the report knowing these checks failed; one per line."),
    )

    class Meta:
        verbose_name = _("adopted report")
        verbose_name_plural = _("adopted reports")
        constraints = [models.UniqueConstraint(fields=["federation", "kind", "year"], name="one_adoption_per_report")]

    def __str__(self):
        return f"{self.federation.short_name} {self.get_kind_display()} {self.year}"

    @property
    def failed_check_list(self):
        return self.failed_checks.splitlines()


class Signature(models.Model):
    """A board member's signature of an adopted annual report, given in finsam after the
    second factor: who and when, and the copy of the PDF that prints every signature so far
    (the adopted figures unchanged)."""

    report = models.ForeignKey(AdoptedReport, models.PROTECT, related_name="signatures", verbose_name=_("report"))
    seat = models.ForeignKey(
        "federations.BoardSeat", models.PROTECT, related_name="signatures", verbose_name=_("board seat")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["report", "seat"], name="one_signature_per_seat")]

    def __str__(self):
        return f"{self.report}: {self.seat.person}, {self.signed_at:%Y-%m-%d %H:%M}"
