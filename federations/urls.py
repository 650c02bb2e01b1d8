from django.urls import path

from . import views
from .models import GoverningDocument, Meeting
from .permissions import MINUTES

app_name = "federations"

urlpatterns = [
    path("<slug:slug>/", views.FederationDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.FederationUpdateView.as_view(), name="edit"),
    path("<slug:slug>/history/", views.HistoryView.as_view(), name="history"),
    path(
        "<slug:slug>/governingdocument/<int:pk>/file/",
        views.StoredPdfView.as_view(model=GoverningDocument),
        name="governingdocument-file",
    ),
    path(
        "<slug:slug>/meeting/<int:pk>/minutes/",
        views.StoredPdfView.as_view(model=Meeting, content_field="minutes", capability=MINUTES),
        name="meeting-minutes",
    ),
]

for registry in views.REGISTRIES:
    urlpatterns += views.registry_urls(registry)
