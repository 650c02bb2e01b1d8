from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView

from federations.models import County, Federation
from federations.permissions import EDIT, EXACT_FIGURES, PARTICIPANTS, FederationMixin
from federations.years import YearFormsetView, YearMixin
from finsam.disclosure import Disclosure
from finsam.exports import ExportMixin
from finsam.views import InlineFormsetsMixin, TableListMixin, chosen_year

from . import extract, filters, forms, participant_forms, retention, tables
from .charts import endings_chart
from .cofinancing import co_financed_projects
from .disclosure import (
    ALL_FIGURES,
    GOAL_FIGURES,
    protected_survey,
    register_ages,
    register_counts,
    register_endings_by_class,
    register_follow_up,
    register_parts,
)
from .figures import (
    FOLLOW_UP_HEADINGS,
    REASONS,
    age_distribution,
    endings_by_class,
    follow_up_table,
    indicator_summary,
    indicator_table,
    intervention_counts,
    money_by_intervention,
    participant_table,
    support_before_and_after,
    survey_shares,
)
from .follow_ups import by_intervention, due_follow_ups
from .goals import goal_results, measured_figures
from .models import (
    EndReason,
    Gender,
    Goal,
    GoalAssessment,
    GrantDecision,
    Intervention,
    InterventionAssignment,
    InterventionYear,
    Participant,
    SurveyResult,
)
from .processing import register_of_processing


class InterventionsMixin(FederationMixin):
    """The federation's interventions as the user may see them: all of them, or for
    intervention staff the ones they are assigned to."""

    def interventions(self):
        return Intervention.objects.visible_to(self.request.user, self.federation)

    def participants(self):
        return Participant.objects.visible_to(self.request.user, self.federation)


# --- Interventions ------------------------------------------------------------------------


class InterventionListView(InterventionsMixin, ExportMixin, TableListMixin, FilterView):
    template_name = "list.html"
    table_class = tables.InterventionTable
    filterset_class = filters.InterventionFilter

    def get_queryset(self):
        year = timezone.localdate().year
        residents = Participant.objects.of_federation(self.federation, year).active_in(year)
        return (
            self.interventions()
            .select_related("responsible_organisation")
            .annotate(active_participants=Count("participants", filter=Q(participants__in=residents)))
            .order_by("kind", "name")
        )

    def get_table_kwargs(self):
        return {"federation": self.federation, "protect": not self.allows(EXACT_FIGURES)}

    def get_export_filename(self, export_format):
        return f"{self.federation.slug}-interventions.{export_format}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Interventions"),
            can_create=self.allows(EDIT),
            create_url=reverse("interventions:new", kwargs={"slug": self.federation.slug}),
            **kwargs,
        )


class InterventionDetailView(InterventionsMixin, DetailView):
    template_name = "interventions/intervention_detail.html"
    context_object_name = "intervention"

    def get_queryset(self):
        return (
            self.interventions()
            .select_related("responsible_organisation")
            .prefetch_related("municipalities", "staffing__organisation", "end_classes", "external_funding")
        )

    def co_financed_project(self, intervention, year):
        """The intervention as a project financed from outside in ``year``, if it is one,
        with its latest result; a small count withheld for those who see protected figures."""
        projects = co_financed_projects([self.federation], year, reported_by=timezone.localdate(), of=[intervention.pk])
        return projects and replace(projects[0], protected=not self.allows(EXACT_FIGURES))

    def get_context_data(self, **kwargs):
        year = chosen_year(self.request)
        intervention = self.object
        goals = Goal.objects.filter(federation=self.federation, intervention=intervention).prefetch_related(
            "assessments"
        )
        figures = intervention_figures(
            intervention, year, self.federation, exact=self.allows(EXACT_FIGURES), goals=goals
        )
        counts = figures["counts"]
        return super().get_context_data(
            year=year,
            years=range(timezone.localdate().year, intervention.starts_on.year - 1, -1),
            rows=figure_rows(counts),
            goals=goal_results(goals, year, counts, figures["survey"]),
            chart=endings_chart(counts, year) if counts.ended else "",
            money=money_by_intervention([intervention], self.federation)[intervention.pk],
            project=self.co_financed_project(intervention, year),
            decisions=GrantDecision.objects.of_federation(self.federation)
            .of_intervention(intervention)
            .select_related("diary_entry", "application"),
            follow_up_headings=FOLLOW_UP_HEADINGS,
            protected=not self.allows(EXACT_FIGURES),
            **figures,
            **kwargs,
        )


def intervention_figures(intervention, year, federation, exact=True, goals=()):
    """The participant figures of an intervention's page: exact for the office, protected
    for everyone else (finsam.disclosure) — every table of the page in one disclosure, so
    that no small count can be worked back from another table beside it."""
    counts = intervention_counts(intervention, year, federation)
    residents = Participant.objects.residents_among(federation, [intervention], year)
    ended_in_year = residents.filter(ended_on__year=year)
    active_in_year = residents.active_in(year)
    figures = {
        "counts": counts,
        "survey": survey_shares(ended_in_year),
        "ages": age_distribution(active_in_year),
        "supports": support_before_and_after(ended_in_year),
        "endings_by_class": endings_by_class(ended_in_year, [intervention])[intervention.pk],
        "indicators": indicator_table(federation, year, [intervention]).get(intervention.pk, []),
        "follow_up": follow_up_table(ended_in_year),
    }
    if exact:
        return figures
    disclosure = Disclosure()
    cells, counts_shown = register_counts(disclosure, counts, ALL_FIGURES - GOAL_FIGURES | measured_figures(goals))
    cells.flat["active"].public = True  # the interventions' list shows it
    shown = {
        "counts": counts_shown,
        "ages": register_ages(disclosure, figures["ages"], cells),
        "supports": register_parts(disclosure, figures["supports"], cells.flat["ended"]),
        "endings_by_class": register_endings_by_class(disclosure, figures["endings_by_class"], cells),
        "follow_up": register_follow_up(disclosure, figures["follow_up"], cells),
    }
    disclosure.protect()
    return {name: show() for name, show in shown.items()} | {
        "survey": protected_survey(figures["survey"]),
        "indicators": protected_survey(figures["indicators"]),
    }


def figure_rows(counts):
    """The intervention page's table: (label, women, men, total) per figure."""
    woman, man = counts.by_gender[Gender.WOMAN], counts.by_gender[Gender.MAN]
    rows = [
        (_("Participants during the year"), woman["active"], man["active"], counts.active),
        (_("of whom new"), woman["new"], man["new"], counts.new),
        (pgettext("participants", "Ended"), woman["ended"], man["ended"], counts.ended),
    ]
    for reason in REASONS:
        by_gender = counts.by_reason_and_gender[reason]
        rows.append(
            ("– " + EndReason(reason).label, by_gender[Gender.WOMAN], by_gender[Gender.MAN], counts.by_reason[reason])
        )
    rows.append(
        (_("To work or studies"), woman["to_work_or_studies"], man["to_work_or_studies"], counts.to_work_or_studies)
    )
    return rows


class InterventionFormMixin(InlineFormsetsMixin, InterventionsMixin):
    capability = EDIT
    form_class = forms.InterventionForm
    template_name = "federations/registry_form.html"

    def get_queryset(self):
        return self.interventions()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation, "user": self.request.user}

    def get_formsets(self):
        intervention = self.object or Intervention(county=self.federation.county)
        short_name = self.federation.short_name

        def inline(formset_class, prefix, title, queryset=None):
            formset = formset_class(
                self.bound_data(),
                instance=intervention,
                prefix=prefix,
                queryset=queryset,
                form_kwargs={"federation": self.federation},
            )
            formset.title = title
            return formset

        return [
            inline(forms.StaffingFormSet, "staffing", _("Staffing (full-time equivalents)")),
            inline(
                forms.InterventionYearFormSet,
                "years",
                _("Granted by %(federation)s per year") % {"federation": short_name},
                InterventionYear.objects.filter(federation=self.federation).select_related("decision__diary_entry"),
            ),
            inline(
                forms.EndClassFormSet,
                "end_classes",
                _("The intervention's own end classes (e.g. Spår 1–4) and the standard reason of each"),
            ),
            inline(
                forms.AssignmentFormSet,
                "assignments",
                _("Intervention staff of %(federation)s with access to it") % {"federation": short_name},
                InterventionAssignment.objects.filter(user__in=forms.intervention_staff_of(self.federation)),
            ),
            inline(forms.ExternalFundingFormSet, "external", _("External funding (ESF and others)")),
            inline(
                forms.ProjectResultFormSet,
                "results",
                _("A co-financed project's results against its own targets, as it reports them"),
            ),
        ]

    def get_success_url(self):
        return reverse("interventions:detail", kwargs={"slug": self.federation.slug, "pk": self.object.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title(), list_url=reverse("interventions:list", kwargs={"slug": self.federation.slug}), **kwargs
        )


class InterventionCreateView(InterventionFormMixin, CreateView):
    def title(self):
        return _("New intervention")


class InterventionUpdateView(InterventionFormMixin, UpdateView):
    def title(self):
        return _("Edit %(record)s") % {"record": self.object}


class GoalsMixin(InterventionsMixin):
    """Goals belong to an intervention (``pk`` in the URL) or to the federation's plan."""

    def goal_owner(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.interventions(), pk=self.kwargs["pk"])
        return None

    def goals(self):
        owner = self.goal_owner()
        if owner is None:
            return Goal.objects.commitments(self.federation, chosen_year(self.request))
        return Goal.objects.filter(federation=self.federation, intervention=owner)

    def back_url(self):
        if "pk" in self.kwargs:
            return reverse("interventions:detail", kwargs={"slug": self.federation.slug, "pk": self.kwargs["pk"]})
        return reverse("interventions:plan-goals", kwargs={"slug": self.federation.slug})


class GoalCreateView(GoalsMixin, CreateView):
    capability = EDIT
    form_class = forms.GoalForm
    template_name = "federations/registry_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        owner = self.goal_owner()
        plan_year = None if owner else chosen_year(self.request)
        kwargs["instance"] = Goal(federation=self.federation, intervention=owner, plan_year=plan_year)
        return kwargs

    def get_success_url(self):
        return f"{self.back_url()}?year={chosen_year(self.request)}"

    def get_context_data(self, **kwargs):
        owner = self.goal_owner()
        title = (
            _("New goal for %(intervention)s") % {"intervention": owner} if owner else _("New commitment of the plan")
        )
        return super().get_context_data(title=title, list_url=self.get_success_url(), **kwargs)


class GoalAssessmentView(GoalsMixin, TemplateView):
    """Assess every goal of an intervention (or of the plan) for one year, in one form."""

    capability = EDIT
    template_name = "interventions/goal_assessment.html"

    def dispatch(self, request, *args, **kwargs):
        self.year = chosen_year(request)
        return super().dispatch(request, *args, **kwargs)

    def assessment_forms(self, data=None):
        goals = self.goals()
        existing = {a.goal_id: a for a in GoalAssessment.objects.filter(goal__in=goals, year=self.year)}
        return [
            (
                goal,
                forms.GoalAssessmentForm(
                    data,
                    prefix=f"goal-{goal.pk}",
                    instance=existing.get(goal.pk) or GoalAssessment(goal=goal, year=self.year),
                ),
            )
            for goal in goals
        ]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(rows=self.assessment_forms()))

    def post(self, request, *args, **kwargs):
        rows = self.assessment_forms(request.POST)
        if all(form.is_valid() for _goal, form in rows):
            with transaction.atomic():
                for _goal, form in rows:
                    form.save()
            messages.success(request, _("Saved the assessments of %(year)s.") % {"year": self.year})
            return redirect(f"{self.back_url()}?year={self.year}")
        return self.render_to_response(self.get_context_data(rows=rows))

    def get_context_data(self, **kwargs):
        owner = self.goal_owner()
        return super().get_context_data(
            year=self.year,
            back_url=f"{self.back_url()}?year={self.year}",
            title=_("Goal fulfilment %(year)s: %(intervention)s")
            % {"year": self.year, "intervention": owner or _("the business plan")},
            **kwargs,
        )


class PlanGoalsView(GoalsMixin, TemplateView):
    """The commitments of the federation's business plan and how each was fulfilled."""

    template_name = "interventions/plan_goals.html"

    def get_context_data(self, **kwargs):
        year = chosen_year(self.request)
        total = participant_table(self.federation, year).total
        goals = self.goals().prefetch_related("assessments")
        return super().get_context_data(
            title=_("Commitments of the business plan %(year)s") % {"year": year},
            year=year,
            years=self.federation.years(ahead=1),
            goals=goal_results(goals, year, total, []),
            **kwargs,
        )


# --- Participants -------------------------------------------------------------------------


class ParticipantListView(InterventionsMixin, ExportMixin, TableListMixin, FilterView):
    capability = PARTICIPANTS
    template_name = "interventions/participant_list.html"
    table_class = tables.ParticipantTable
    filterset_class = filters.ParticipantFilter

    def get_queryset(self):
        # Prefetched, not joined: the database sorts and pages the participants alone, and
        # the page's 50 rows fetch their intervention, municipality and end class after.
        return self.participants().prefetch_related("intervention", "municipality", "end_class")

    def get_table_kwargs(self):
        return {"federation": self.federation}

    def get_export_filename(self, export_format):
        return f"{self.federation.slug}-participants.{export_format}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Participants"),
            can_create=True,
            can_import=self.allows(EDIT),
            create_url=reverse("interventions:participant-new", kwargs={"slug": self.federation.slug}),
            **kwargs,
        )


class FollowUpWorklistView(InterventionsMixin, TemplateView):
    """The follow-ups due soon or overdue, per intervention, as the user may see them."""

    capability = PARTICIPANTS
    template_name = "interventions/follow_ups.html"

    def get_context_data(self, **kwargs):
        follow_ups = due_follow_ups(self.participants(), timezone.localdate())
        return super().get_context_data(
            title=_("Follow-ups to make"), groups=by_intervention(follow_ups), count=len(follow_ups), **kwargs
        )


class ParticipantFormMixin(InterventionsMixin):
    capability = PARTICIPANTS
    form_class = participant_forms.ParticipantForm
    template_name = "interventions/participant_form.html"

    def get_queryset(self):
        return self.participants()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "federation": self.federation,
            "interventions": self.interventions().individual(),
        }

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except IntegrityError:
            # A colleague saved the same participant between our check and our write.
            form.add_error("code", Participant.CODE_TAKEN % {"intervention": form.cleaned_data["intervention"]})
            return self.form_invalid(form)
        messages.success(self.request, _("Saved participant %(code)s.") % {"code": self.object.code})
        for warning in self.object.warnings():
            messages.warning(self.request, warning)
        return response

    def get_success_url(self):
        return reverse("interventions:participant-list", kwargs={"slug": self.federation.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title(), list_url=self.get_success_url(), **kwargs)


class ParticipantCreateView(ParticipantFormMixin, CreateView):
    def get_initial(self):
        return {"enrolled_on": timezone.localdate()}

    def title(self):
        return _("New participant")


class ParticipantUpdateView(ParticipantFormMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().correctable()

    def title(self):
        return _("Participant %(code)s") % {"code": self.object.code}


class EndParticipationView(InterventionsMixin, UpdateView):
    capability = PARTICIPANTS
    form_class = participant_forms.EndParticipationForm
    template_name = "federations/registry_form.html"

    def get_queryset(self):
        return self.participants().correctable()

    def get(self, request, *args, **kwargs):
        participant = self.get_object()
        if participant.ended_on:
            messages.info(
                request,
                _("%(code)s already ended on %(date)s; correct it in the participant's form.")
                % {"code": participant.code, "date": participant.ended_on},
            )
            return redirect("interventions:participant-edit", slug=self.federation.slug, pk=participant.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"ended_on": timezone.localdate()}

    def form_valid(self, form):
        messages.success(self.request, _("Ended participant %(code)s.") % {"code": form.instance.code})
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("interventions:participant-list", kwargs={"slug": self.federation.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # Whose participation: the same code may return to the intervention in another period.
            title=_("End participation: %(code)s in %(intervention)s, enrolled %(date)s")
            % {
                "code": self.object.code,
                "intervention": self.object.intervention,
                "date": date_format(self.object.enrolled_on, "j F Y"),
            },
            list_url=self.get_success_url(),
            **kwargs,
        )


class ParticipantHistoryView(InterventionsMixin, DetailView):
    capability = PARTICIPANTS
    template_name = "interventions/participant_history.html"
    context_object_name = "participant"

    def get_queryset(self):
        return self.participants()

    def get_context_data(self, **kwargs):
        records = list(self.object.history.select_related("history_user").order_by("history_date", "history_id"))
        changes = []
        previous = None
        for record in records:
            changed = record.diff_against(previous).changes if previous else []
            changes.append({"record": record, "changes": changed})
            previous = record
        changes.reverse()
        return super().get_context_data(
            changes=changes, title=_("History of %(code)s") % {"code": self.object.code}, **kwargs
        )


# --- The indicator survey -----------------------------------------------------------------


class SurveyView(InterventionsMixin, YearMixin, TemplateView):
    """The year's indicator survey: per intervention (and the federation as a whole), the
    share of each respondent group clearly positive to each question, beside the national
    average."""

    template_name = "interventions/survey.html"

    def get_context_data(self, **kwargs):
        interventions = list(self.interventions().order_by("name"))
        table = indicator_table(self.federation, self.year, interventions)
        sections = [(None, table.get(None, []))]
        sections += [(intervention, table.get(intervention.pk, [])) for intervention in interventions]
        return super().get_context_data(
            title=_("Indicator survey %(year)s") % {"year": self.year},
            year=self.year,
            years=self.federation.years(),
            sections=[(intervention, rows) for intervention, rows in sections if rows],
            summary=indicator_summary(self.federation, self.year, interventions, current=table),
            **kwargs,
        )


class SurveyEditView(YearFormsetView):
    """The answers of the year's indicator survey, typed in from the survey's report."""

    formset_class = forms.SurveyResultFormSet
    model = SurveyResult
    done_url_name = "interventions:survey"
    form_width = "full"
    title = gettext_lazy("Indicator survey %(year)s: the answers")
    saved = gettext_lazy("Saved the indicator survey of %(year)s.")
    help = gettext_lazy(
        "One row per intervention, respondent group and question: the number of answers on each step of the scale, "
        "as the survey's report gives them. Leave the intervention empty for answers about the federation as a "
        "whole (board, management group). A whole year's export is quicker to import."
    )


class RetentionView(FederationMixin, TemplateView):
    """The retention rule for office staff: what is past the federation's limit, a button
    to anonymise it, and the runs so far."""

    capability = EDIT
    template_name = "interventions/retention.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Retention of participant records"),
            plan=retention.plan(self.federation),
            runs=self.federation.anonymisations.select_related("performed_by")[:20],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        done = retention.anonymise(self.federation, request.user)
        if done:
            messages.success(request, _("Anonymised %(count)s participant records.") % {"count": done})
        else:
            messages.info(request, _("No participant record was past the retention limit."))
        return redirect("interventions:retention", slug=self.federation.slug)


class ProcessingRegisterView(FederationMixin, TemplateView):
    """What the app keeps about participants, why, for how long and who sees it."""

    capability = EDIT
    template_name = "interventions/processing.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Register of processing"), register=register_of_processing(self.federation), **kwargs
        )


EXTRACT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExtractView(FederationMixin, TemplateView):
    """The half-year extract: the rows of a chosen half-year on the page, and as CSV or
    Excel to send to the members and the national follow-up. Protected like everything
    that leaves the office."""

    capability = EDIT
    template_name = "interventions/extract.html"

    def get(self, request, *args, **kwargs):
        period_end = extract.chosen_period_end(self.federation, request.GET.get("period"))
        self.extract = extract.half_year_extract(self.federation, period_end)
        export = request.GET.get("format")
        if export in EXTRACT_FORMATS:
            response = HttpResponse(self.extract.dataset().export(export), content_type=EXTRACT_FORMATS[export])
            response["Content-Disposition"] = f'attachment; filename="{self.extract.filename}.{export}"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Half-year extract"),
            extract=self.extract,
            period_ends=extract.period_ends(self.federation),
            reasons=[EndReason(reason).label for reason in REASONS],
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class CatalogueView(TemplateView):
    """The service catalogue (Insatskatalogen): the current individual-oriented
    interventions of a county, or of one of its federations, for members' staff and anyone
    else — the one page without a login. It reads interventions only: no participant, no
    count of them."""

    template_name = "interventions/catalogue.html"

    def get_context_data(self, **kwargs):
        county = get_object_or_404(County, slug=self.kwargs["county"])
        federations = Federation.objects.filter(county=county).order_by("name")
        if "federation" in self.kwargs:
            federations = federations.filter(slug=self.kwargs["federation"])
            if not federations:
                raise Http404
        current = (
            Intervention.objects.filter(county=county)
            .individual()
            .current(timezone.localdate())
            .select_related("responsible_organisation")
            .prefetch_related("municipalities", "federations")
            .order_by("name")
        )
        sections = [
            (federation, [i for i in current if federation in i.federations.all()]) for federation in federations
        ]
        return super().get_context_data(**kwargs | {"county": county, "sections": sections})
