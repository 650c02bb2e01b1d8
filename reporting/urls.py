from django.urls import path

from federations.views import RegistryCreateView, RegistryListView, RegistryUpdateView

from . import views

app_name = "reporting"

urlpatterns = [
    path("<slug:slug>/statements.pdf", views.StatementsPdfView.as_view(), name="statements-pdf"),
    path("<slug:slug>/reports/annual/", views.AnnualReportView.as_view(), name="annual"),
    path("<slug:slug>/reports/annual.pdf", views.AnnualReportPdfView.as_view(), name="annual-pdf"),
    path("<slug:slug>/reports/annual/adopt/", views.AdoptAnnualReportView.as_view(), name="annual-adopt"),
    path("<slug:slug>/reports/annual/sign/", views.SignAnnualReportView.as_view(), name="annual-sign"),
    path("<slug:slug>/reports/annual/texts/", views.AnnualReportTextView.as_view(), name="annual-texts"),
    path(
        "<slug:slug>/reports/intervention-texts/", views.InterventionTextListView.as_view(), name="intervention-texts"
    ),
    path(
        "<slug:slug>/reports/intervention-texts/<str:document>/<int:year>/<int:pk>/",
        views.InterventionTextView.as_view(),
        name="intervention-text",
    ),
    path("<slug:slug>/reports/interim/", views.DocumentView.as_view(kind="interim"), name="interim"),
    path("<slug:slug>/reports/interim.pdf", views.DocumentPdfView.as_view(kind="interim"), name="interim-pdf"),
    path("<slug:slug>/reports/interim/adopt/", views.DocumentAdoptView.as_view(kind="interim"), name="interim-adopt"),
    path("<slug:slug>/reports/interim/texts/", views.DocumentTextView.as_view(kind="interim"), name="interim-texts"),
    path("<slug:slug>/reports/plan/", views.DocumentView.as_view(kind="plan"), name="plan"),
    path("<slug:slug>/reports/plan.pdf", views.DocumentPdfView.as_view(kind="plan"), name="plan-pdf"),
    path("<slug:slug>/reports/plan/adopt/", views.DocumentAdoptView.as_view(kind="plan"), name="plan-adopt"),
    path("<slug:slug>/reports/plan/texts/", views.DocumentTextView.as_view(kind="plan"), name="plan-texts"),
    path("<slug:slug>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("<slug:slug>/auditors/", views.AuditorsView.as_view(), name="auditors"),
    path("<slug:slug>/national/", views.NationalFollowUpView.as_view(), name="national"),
    path("<slug:slug>/fiscalyear/<int:pk>/books/", views.PastYearView.as_view(), name="past-year"),
    # the federation's own socio-economic model
    path(
        "<slug:slug>/socioeconomicmodel/",
        RegistryListView.as_view(registry=views.SOCIOECONOMIC_MODELS),
        name="socioeconomicmodel-list",
    ),
    path(
        "<slug:slug>/socioeconomicmodel/new/",
        RegistryCreateView.as_view(registry=views.SOCIOECONOMIC_MODELS),
        name="socioeconomicmodel-new",
    ),
    path(
        "<slug:slug>/socioeconomicmodel/<int:pk>/edit/",
        RegistryUpdateView.as_view(registry=views.SOCIOECONOMIC_MODELS),
        name="socioeconomicmodel-edit",
    ),
]
