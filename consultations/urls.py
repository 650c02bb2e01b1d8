from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("<slug:county>/consultations/", views.ConsultationListView.as_view(), name="list"),
    path("<slug:county>/consultations/new/", views.ConsultationCreateView.as_view(), name="new"),
    path("<slug:county>/consultations/<int:pk>/", views.ConsultationDetailView.as_view(), name="detail"),
    path("<slug:county>/consultations/<int:pk>/edit/", views.ConsultationUpdateView.as_view(), name="edit"),
    path("<slug:county>/consultations/<int:pk>/deck/", views.DeckView.as_view(), name="deck"),
    path("<slug:county>/consultations/<int:pk>/deck.pdf", views.DeckPdfView.as_view(), name="deck-pdf"),
    path("<slug:county>/conveners/", views.RotationView.as_view(), name="rotation"),
    path("<slug:county>/readers/", views.ReadersView.as_view(), name="readers"),
    path("<slug:county>/readers/<int:pk>/end/", views.EndReaderView.as_view(), name="reader-end"),
]
