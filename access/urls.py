from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("f/<slug:slug>/users/", views.UsersView.as_view(), name="users"),
    path("f/<slug:slug>/users/invite/", views.InviteView.as_view(), name="invite"),
    path("f/<slug:slug>/users/link/", views.LinkIssuedView.as_view(), name="link-issued"),
    path("f/<slug:slug>/users/<int:pk>/edit/", views.RoleUpdateView.as_view(), name="role-edit"),
    path("f/<slug:slug>/users/<int:pk>/end/", views.EndRoleView.as_view(), name="role-end"),
    path("f/<slug:slug>/users/<int:pk>/reset/", views.ResetSecondFactorView.as_view(), name="role-reset"),
    path("f/<slug:slug>/users/links/<int:pk>/withdraw/", views.WithdrawLinkView.as_view(), name="link-withdraw"),
    # The page a one-time link opens, without a login.
    path("access/<str:token>/", views.AcceptView.as_view(), name="accept"),
]
