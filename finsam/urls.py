from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

# The project's URLs: each app's are included by name, so this module imports none of them.
urlpatterns = [
    path("", include("federations.home_urls")),
    # Log in and out, change one's password. No reset by e-mail: the office's superuser
    # sets a forgotten password in /admin/.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/two-factor/", include("federations.twofactor_urls")),
    path("catalogue/", include("interventions.catalogue_urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("f/", include("federations.urls")),
    path("f/", include("interventions.urls")),
    path("f/", include("finances.urls")),
    path("f/", include("reporting.urls")),
    path("c/", include("consultations.urls")),
    path("", include("access.urls")),
]
