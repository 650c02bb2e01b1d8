from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from federations.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("f/", include("federations.urls")),
    path("f/", include("interventions.urls")),
    path("f/", include("finances.urls")),
    path("f/", include("reporting.urls")),
    path("c/", include("consultations.urls")),
]
