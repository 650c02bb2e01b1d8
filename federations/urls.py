from django.urls import path

from . import views

app_name = "federations"

urlpatterns = [
    path("<slug:slug>/", views.FederationDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.FederationUpdateView.as_view(), name="edit"),
    path("<slug:slug>/history/", views.HistoryView.as_view(), name="history"),
]

for registry in views.REGISTRIES:
    prefix = f"<slug:slug>/{registry.name}/"
    urlpatterns += [
        path(prefix, views.RegistryListView.as_view(registry=registry), name=f"{registry.name}-list"),
        path(f"{prefix}new/", views.RegistryCreateView.as_view(registry=registry), name=f"{registry.name}-new"),
        path(
            f"{prefix}<int:pk>/edit/", views.RegistryUpdateView.as_view(registry=registry), name=f"{registry.name}-edit"
        ),
    ]
