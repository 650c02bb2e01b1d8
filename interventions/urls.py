from django.urls import path

from federations.permissions import EDIT
from federations.views import RegistryCreateView, RegistryListView, RegistryUpdateView

from . import import_views, registers, views

app_name = "interventions"

urlpatterns = [
    path("<slug:slug>/interventions/", views.InterventionListView.as_view(), name="list"),
    path("<slug:slug>/interventions/new/", views.InterventionCreateView.as_view(), name="new"),
    path("<slug:slug>/interventions/<int:pk>/", views.InterventionDetailView.as_view(), name="detail"),
    path("<slug:slug>/interventions/<int:pk>/edit/", views.InterventionUpdateView.as_view(), name="edit"),
    path("<slug:slug>/interventions/<int:pk>/goals/new/", views.GoalCreateView.as_view(), name="goal-new"),
    path("<slug:slug>/interventions/<int:pk>/goals/assess/", views.GoalAssessmentView.as_view(), name="goal-assess"),
    path("<slug:slug>/goals/", views.PlanGoalsView.as_view(), name="plan-goals"),
    path("<slug:slug>/goals/new/", views.GoalCreateView.as_view(), name="plan-goal-new"),
    path("<slug:slug>/goals/assess/", views.GoalAssessmentView.as_view(), name="plan-goal-assess"),
    path("<slug:slug>/participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path("<slug:slug>/participants/follow-ups/", views.FollowUpWorklistView.as_view(), name="follow-ups"),
    path("<slug:slug>/participants/import/", import_views.ParticipantImportView.as_view(), name="participant-import"),
    path(
        "<slug:slug>/participants/import/<int:pk>/",
        import_views.ParticipantImportPreviewView.as_view(),
        name="participant-import-preview",
    ),
    path(
        "<slug:slug>/participants/import/<int:pk>/move-start/",
        import_views.MoveInterventionStartView.as_view(),
        name="participant-import-move-start",
    ),
    path("<slug:slug>/participants/new/", views.ParticipantCreateView.as_view(), name="participant-new"),
    path("<slug:slug>/participants/<int:pk>/edit/", views.ParticipantUpdateView.as_view(), name="participant-edit"),
    path("<slug:slug>/participants/<int:pk>/end/", views.EndParticipationView.as_view(), name="participant-end"),
    path(
        "<slug:slug>/participants/<int:pk>/history/", views.ParticipantHistoryView.as_view(), name="participant-history"
    ),
    path("<slug:slug>/retention/", views.RetentionView.as_view(), name="retention"),
    path("<slug:slug>/processing/", views.ProcessingRegisterView.as_view(), name="processing"),
    path("<slug:slug>/extract/", views.ExtractView.as_view(), name="extract"),
    path("<slug:slug>/survey/", views.SurveyView.as_view(), name="survey"),
    path("<slug:slug>/survey/edit/", views.SurveyEditView.as_view(), name="survey-edit"),
    path("<slug:slug>/survey/import/", import_views.SurveyImportView.as_view(), name="survey-import"),
    path(
        "<slug:slug>/survey/import/<int:pk>/",
        import_views.SurveyImportPreviewView.as_view(),
        name="survey-import-preview",
    ),
    # The registers kept here: a list, a new and an edit page each (federations.views.Registry).
    # applications
    path(
        "<slug:slug>/application/", RegistryListView.as_view(registry=registers.APPLICATIONS), name="application-list"
    ),
    path(
        "<slug:slug>/application/new/",
        RegistryCreateView.as_view(registry=registers.APPLICATIONS),
        name="application-new",
    ),
    path(
        "<slug:slug>/application/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.APPLICATIONS),
        name="application-edit",
    ),
    # grant decisions
    path(
        "<slug:slug>/grantdecision/",
        RegistryListView.as_view(registry=registers.GRANT_DECISIONS),
        name="grantdecision-list",
    ),
    path(
        "<slug:slug>/grantdecision/new/",
        RegistryCreateView.as_view(registry=registers.GRANT_DECISIONS),
        name="grantdecision-new",
    ),
    path(
        "<slug:slug>/grantdecision/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.GRANT_DECISIONS),
        name="grantdecision-edit",
    ),
    # structural interventions' events
    path("<slug:slug>/structuralevent/import/", import_views.EventImportView.as_view(), name="structuralevent-import"),
    path(
        "<slug:slug>/structuralevent/import/<int:pk>/",
        import_views.EventImportPreviewView.as_view(),
        name="structuralevent-import-preview",
    ),
    path(
        "<slug:slug>/structuralevent/",
        RegistryListView.as_view(registry=registers.STRUCTURAL_EVENTS),
        name="structuralevent-list",
    ),
    path(
        "<slug:slug>/structuralevent/new/",
        RegistryCreateView.as_view(registry=registers.STRUCTURAL_EVENTS),
        name="structuralevent-new",
    ),
    path(
        "<slug:slug>/structuralevent/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.STRUCTURAL_EVENTS),
        name="structuralevent-edit",
    ),
    # the waiting list and the federation's own questions
    path("<slug:slug>/referral/import/", import_views.ReferralImportView.as_view(), name="referral-import"),
    path(
        "<slug:slug>/referral/import/<int:pk>/",
        import_views.ReferralImportPreviewView.as_view(),
        name="referral-import-preview",
    ),
    # codes, genders and municipalities: for the office only, as the processing register says
    path(
        "<slug:slug>/referral/",
        RegistryListView.as_view(registry=registers.REFERRALS, capability=EDIT),
        name="referral-list",
    ),
    path("<slug:slug>/referral/new/", RegistryCreateView.as_view(registry=registers.REFERRALS), name="referral-new"),
    path(
        "<slug:slug>/referral/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.REFERRALS),
        name="referral-edit",
    ),
    path(
        "<slug:slug>/supplementaryquestion/",
        RegistryListView.as_view(registry=registers.SUPPLEMENTARY_QUESTIONS),
        name="supplementaryquestion-list",
    ),
    path(
        "<slug:slug>/supplementaryquestion/new/",
        RegistryCreateView.as_view(registry=registers.SUPPLEMENTARY_QUESTIONS),
        name="supplementaryquestion-new",
    ),
    path(
        "<slug:slug>/supplementaryquestion/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.SUPPLEMENTARY_QUESTIONS),
        name="supplementaryquestion-edit",
    ),
    # deviations
    path("<slug:slug>/deviation/", RegistryListView.as_view(registry=registers.DEVIATIONS), name="deviation-list"),
    path("<slug:slug>/deviation/new/", RegistryCreateView.as_view(registry=registers.DEVIATIONS), name="deviation-new"),
    path(
        "<slug:slug>/deviation/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=registers.DEVIATIONS),
        name="deviation-edit",
    ),
]
