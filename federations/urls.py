from django.urls import path

from . import views

app_name = "federations"

urlpatterns = [
    path("<slug:slug>/", views.FederationDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.FederationUpdateView.as_view(), name="edit"),
    path("<slug:slug>/history/", views.HistoryView.as_view(), name="history"),
    path(
        "<slug:slug>/governingdocument/<int:pk>/file/",
        views.GoverningDocumentFileView.as_view(),
        name="governingdocument-file",
    ),
]

for registry in views.REGISTRIES:
    urlpatterns += views.registry_urls(registry)
