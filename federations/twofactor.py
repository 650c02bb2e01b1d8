"""Two-factor login (django-otp): a code from an authenticator app (TOTP) after the
password, or one of ten single-use recovery codes; no SMS.

With ``REQUIRE_2FA`` on (the production default) office staff, intervention staff and
auditors — and anyone who has enrolled — reach nothing but these pages until they have
given a code in this session: a first login asks them to enrol. Wrong codes slow the next
attempt down (django-otp's throttling doubles the wait after each failure); the password
step keeps its own lock-out (django-axes). A user who lost both the phone and the codes gets a new
second factor from their federation's administrator (``access.links.reset_second_factor``)."""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import ALLOWED_ROLES, HISTORY, PARTICIPANTS

RECOVERY_CODES = 10
# Pages a user who still owes a code may open.
OPEN_URL_NAMES = ["two-factor-verify", "two-factor-enrol", "two-factor-codes", "logout", "set_language"]


# Every role that sees a participant's row (office and intervention staff) or the history
# of changes (auditors) gives a second factor; board members see figures only.
SECOND_FACTOR_ROLES = ALLOWED_ROLES[PARTICIPANTS] | ALLOWED_ROLES[HISTORY]


def must_use_two_factor(user):
    """Whether ``user`` must give a second factor: office staff, intervention staff and
    auditors of any federation, a county's consultation office, superusers — and whoever
    enrolled."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.finsam_roles.filter(kind__in=SECOND_FACTOR_ROLES).exists()
        or user.county_roles.filter(kind="office").exists()
        or user_has_device(user)
    )


class RequireTwoFactorMiddleware:
    """After django-otp's OTPMiddleware: sends a user who must give a second factor and
    has not in this session to give it (or to enrol), whatever page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.url_name in OPEN_URL_NAMES or request.path.startswith(settings.STATIC_URL):
            return None
        if not must_use_two_factor(user):
            return None
        return redirect(second_factor_url(user, request.get_full_path()))


def second_factor_url(user, then):
    """Where ``user`` gives the second factor — the code, or enrolling first where they have
    no device — going on to ``then``."""
    step = "two-factor-verify" if user_has_device(user, confirmed=True) else "two-factor-enrol"
    return step_url(step, then)


def step_url(name, then):
    """A step of the two-factor login, going on to ``then`` after it."""
    return f"{reverse(name)}?{urlencode({'next': then})}"


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def devices(self, token):
        """The devices a code of this shape could belong to: six digits are the app's,
        anything else a recovery code."""
        if token.isdigit() and len(token) == 6:
            return TOTPDevice.objects.devices_for_user(self.user, confirmed=True)
        return StaticDevice.objects.devices_for_user(self.user, confirmed=True)

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split()).lower()
        for device in self.devices(token):
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                raise forms.ValidationError(_("Too many wrong codes. Wait a minute and try again."), code="throttled")
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("That code is not right. Try the code your app shows now."), code="wrong")


class VerifyView(FormView):
    """The second step of logging in."""

    template_name = "registration/two_factor_verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not user_has_device(request.user, confirmed=True):
            return redirect(step_url("two-factor-enrol", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        otp_login(self.request, form.device)
        if isinstance(form.device, StaticDevice):
            left = StaticToken.objects.filter(device=form.device).count()
            messages.warning(
                self.request,
                _("You used a recovery code; %(left)s are left. Enrol a new phone if you lost yours.") % {"left": left},
            )
        return redirect(next_url(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=next_url(self.request), **kwargs)


class EnrolView(FormView):
    """Set up an authenticator app: a QR code and its key, then a code from the app to
    confirm it. The recovery codes follow, shown once.

    Each visit draws a new key, bound to this session and shown once: it replaces any key
    not yet confirmed, so a key another login was shown can never be confirmed, nor its
    codes pass. A wrong code asks again without showing the key; a new visit draws anew."""

    template_name = "registration/two_factor_enrol.html"
    form_class = TokenForm
    SESSION_KEY = "two_factor_enrolment"

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
            return redirect(step_url("two-factor-verify", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        self.device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
        request.session[self.SESSION_KEY] = self.device.pk
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.device = TOTPDevice.objects.filter(
            pk=request.session.get(self.SESSION_KEY), user=request.user, confirmed=False
        ).first()
        if self.device is None:
            messages.error(request, _("That key was replaced by a newer one, or has expired. Scan this one instead."))
            return redirect(step_url("two-factor-enrol", next_url(request)))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.devices = lambda token: [self.device]
        return form

    def form_valid(self, form):
        del self.request.session[self.SESSION_KEY]
        self.device.confirmed = True
        self.device.save()
        TOTPDevice.objects.filter(user=self.request.user).exclude(pk=self.device.pk).delete()
        StaticDevice.objects.filter(user=self.request.user).delete()
        recovery = StaticDevice.objects.create(user=self.request.user, name=_("Recovery codes"))
        codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
        otp_login(self.request, self.device)
        self.request.session["recovery_codes"] = codes
        return redirect(step_url("two-factor-codes", next_url(self.request)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(next=next_url(self.request), **kwargs)
        if self.request.method == "GET":  # the key is shown once, when it is drawn
            context |= {
                "qr": segno.make(self.device.config_url, error="m").svg_inline(
                    scale=4, title=_("QR code to scan with the app")
                ),
                "key": typed_key(self.device.bin_key),
            }
        return context


def typed_key(key):
    """The key as an authenticator app asks for it typed in: base32, in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


class RecoveryCodesView(TemplateView):
    """The recovery codes, once, right after enrolling."""

    template_name = "registration/two_factor_codes.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codes=self.request.session.pop("recovery_codes", None), next=next_url(self.request), **kwargs
        )
