"""The federation's users, for its administrators; and the page a one-time link opens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, UpdateView, View
from django_tables2 import RequestConfig

from federations.models import Role
from federations.permissions import ADMINISTER, FederationMixin
from federations.twofactor import SECOND_FACTOR_ROLES
from interventions.models import Intervention, InterventionAssignment

from . import links
from .forms import InvitationForm, RoleForm
from .models import VALID_FOR, AccessLink
from .tables import LinkTable, RoleTable

ISSUED = "access_link_issued"  # the session's key for a link just made, shown once
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


class AdministerMixin(FederationMixin):
    capability = ADMINISTER

    def users_url(self):
        return reverse("access:users", kwargs={"slug": self.federation.slug})

    def roles(self):
        return Role.objects.filter(federation=self.federation).select_related("user", "federation")


class UsersView(AdministerMixin, TemplateView):
    """Who has a role in the federation, and the links handed out that are still open."""

    template_name = "access/users.html"

    def get_context_data(self, **kwargs):
        own_assignments = InterventionAssignment.objects.filter(
            intervention__in=Intervention.objects.of_federation(self.federation)
        ).select_related("intervention")
        roles = RoleTable(
            self.roles().prefetch_related(
                "user__totpdevice_set", Prefetch("user__intervention_assignments", queryset=own_assignments)
            )
        )
        RequestConfig(self.request, paginate=False).configure(roles)
        open_links = LinkTable(AccessLink.objects.of_federation(self.federation).open().select_related("created_by"))
        return super().get_context_data(title=_("Users"), roles=roles, links=open_links, **kwargs)


class InviteView(AdministerMixin, FormView):
    form_class = InvitationForm
    template_name = "federations/registry_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation}

    def form_valid(self, form):
        _link, token = links.invite(self.federation, self.request.user, **form.cleaned_data)
        return issued(self.request, self.federation, token, _("Invitation for %(name)s") % form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Invite a colleague"), list_url=self.users_url(), submit_label=_("Make the link"), **kwargs
        )


def keep_issued(request, token, title):
    """Keep the link just made for the next page only, which shows it once (a reload does not)."""
    url = request.build_absolute_uri(reverse("access:accept", kwargs={"token": token}))
    request.session[ISSUED] = {"url": url, "title": str(title)}


def issued(request, federation, token, title):
    keep_issued(request, token, title)
    return redirect("access:link-issued", slug=federation.slug)


class LinkIssuedView(AdministerMixin, TemplateView):
    template_name = "access/link_issued.html"

    def get_context_data(self, **kwargs):
        issued_link = self.request.session.pop(ISSUED, None)
        return super().get_context_data(
            title=issued_link["title"] if issued_link else _("Link"),
            issued=issued_link,
            users_url=self.users_url(),
            valid_days=VALID_FOR.days,
            **kwargs,
        )


class RoleUpdateView(AdministerMixin, UpdateView):
    form_class = RoleForm
    template_name = "federations/registry_form.html"

    def get_queryset(self):
        return self.roles()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "federation": self.federation}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            links.change_role(
                self.object, data["kind"], data["is_administrator"], data["interventions"], self.request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved the role of %(user)s.") % {"user": self.object.user.get_username()})
        return redirect(self.users_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Role of %(user)s") % {"user": self.object.user.get_full_name() or self.object.user.get_username()},
            list_url=self.users_url(),
            **kwargs,
        )


class RoleActionView(AdministerMixin, TemplateView):
    """An administrator's action on a colleague's role: a page that says what it does, and
    a button that does it (POST)."""

    template_name = "access/confirm.html"

    def get_role(self):
        return get_object_or_404(self.roles(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        role = self.get_role()
        name = role.user.get_full_name() or role.user.get_username()
        return super().get_context_data(
            role=role,
            title=self.title % {"name": name},
            explanation=self.explanation % {"name": name},
            button=self.button,
            users_url=self.users_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        role = self.get_role()
        try:
            return self.act(role)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.users_url())


class EndRoleView(RoleActionView):
    title = gettext_lazy("End the role of %(name)s")
    explanation = gettext_lazy(
        "%(name)s will no longer see anything of the federation, nor work in its interventions. The login stays, "
        "with any roles in other federations. You can invite them again later."
    )
    button = gettext_lazy("End role")

    def act(self, role):
        links.end_role(role, self.request.user)
        messages.success(
            self.request,
            _("%(user)s no longer has a role in %(federation)s.")
            % {"user": role.user.get_username(), "federation": self.federation.name},
        )
        return redirect(self.users_url())


class ResetSecondFactorView(RoleActionView):
    title = gettext_lazy("New second factor for %(name)s")
    explanation = gettext_lazy(
        "For a colleague who has lost their phone and backup codes. Their authenticator app and their password stop "
        "working at once, and they are logged out. You get a one-time link to hand them, where they choose a new "
        "password and set up the app again."
    )
    button = gettext_lazy("Make the link")

    def act(self, role):
        _link, token = links.reset_second_factor(role, self.request.user)
        name = role.user.get_full_name() or role.user.get_username()
        return issued(
            self.request, self.federation, token, _("New password and second factor for %(name)s") % {"name": name}
        )


class WithdrawLinkView(AdministerMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        link = get_object_or_404(AccessLink.objects.of_federation(self.federation).open(), pk=kwargs["pk"])
        links.withdraw(link, request.user)
        messages.success(request, _("The link for %(name)s is withdrawn.") % {"name": link.name})
        return redirect(self.users_url())


@method_decorator(login_not_required, name="dispatch")
class AcceptView(FormView):
    """The page a one-time link opens. An invitation: a new login (username and password),
    or, for someone logged in already, the role added to theirs. A reset: a new password.
    Either way the two-factor step follows where the role asks for it."""

    template_name = "access/accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.link = links.usable_link(kwargs["token"])
        if self.link is None:
            return self.response_class(request, "access/link_gone.html", status=410)
        return super().dispatch(request, *args, **kwargs)

    @property
    def joins_as_logged_in(self):
        return self.link.purpose != AccessLink.Purpose.RESET and self.request.user.is_authenticated

    def get_form(self, form_class=None):
        if self.joins_as_logged_in:
            return None
        if self.link.purpose == AccessLink.Purpose.RESET:
            return SetPasswordForm(self.link.user, **self.get_form_kwargs())
        return UserCreationForm(**self.get_form_kwargs())

    def post(self, request, *args, **kwargs):
        token = kwargs["token"]
        try:
            if self.joins_as_logged_in:
                links.accept(token, request.user)
                return self.done(request.user)
            form = self.get_form()
            if not form.is_valid():
                return self.form_invalid(form)
            if self.link.purpose == AccessLink.Purpose.RESET:
                user = links.complete_reset(token, form.cleaned_data["new_password1"])
            else:
                user = links.create_user_and_accept(
                    token, form.cleaned_data["username"], form.cleaned_data["password1"], self.link.name
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        login(request, user, backend=LOGIN_BACKEND)
        return self.done(user)

    def done(self, user):
        messages.success(self.request, _("Welcome to %(federation)s.") % {"federation": self.link.place.name})
        if self.link.county_id:
            return redirect("consultations:list", county=self.link.county.slug)
        return redirect("federations:detail", slug=self.link.federation.slug)

    def get_context_data(self, **kwargs):
        needs_second_factor = settings.REQUIRE_2FA and (
            self.link.purpose == AccessLink.Purpose.RESET or self.link.kind in SECOND_FACTOR_ROLES
        )
        return super().get_context_data(
            link=self.link,
            joins_as_logged_in=self.joins_as_logged_in,
            needs_second_factor=needs_second_factor,
            **kwargs,
        )
