from django.urls import path

from . import views

app_name = "finances"

urlpatterns = [
    path("<slug:slug>/budget/", views.BudgetTableView.as_view(), name="budget"),
    path("<slug:slug>/budget/edit/", views.BudgetGridView.as_view(), name="budget-edit"),
    path("<slug:slug>/budget/columns/new/", views.BudgetColumnCreateView.as_view(), name="column-new"),
    path("<slug:slug>/accounts/", views.YearEndView.as_view(), name="accounts"),
    path("<slug:slug>/accounts/corrections/new/", views.CorrectionCreateView.as_view(), name="correction-new"),
    path("<slug:slug>/accounts/balance/", views.BalanceItemsView.as_view(), name="balance-edit"),
    path("<slug:slug>/accounts/cost-distribution/", views.CostAllocationView.as_view(), name="cost-allocation"),
    path("<slug:slug>/budget/import/", views.AccountsImportView.as_view(), name="import"),
    path("<slug:slug>/budget/import/<int:pk>/", views.AccountsImportPreviewView.as_view(), name="import-preview"),
    path("<slug:slug>/contributions/", views.ContributionsView.as_view(), name="contributions"),
]
