from django.urls import path

from . import views

# The public service catalogue: no namespace of its own, no login.
urlpatterns = [
    path("<slug:county>/", views.CatalogueView.as_view(), name="catalogue"),
    path("<slug:county>/<slug:federation>/", views.CatalogueView.as_view(), name="catalogue-federation"),
]
