"""django-allauth wired to the hub: our own translated texts, emails in the user's language."""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .emails import queue_message
from .i18n import active_language
from .links import absolute_url, on_site

ACCOUNT_LINKS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is inactive."),
        "duplicate_email": _("This email address is already in your account."),
        "email_password_mismatch": _("The email address or password is not correct."),
        "email_taken": _("An account with this email address already exists."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("The password is not correct."),
        "invalid_or_expired_key": _("This link is invalid or has expired."),
        "invalid_password_reset": _("This password reset link is invalid or has expired."),
        "too_many_login_attempts": _("Too many failed sign-in attempts. Please try again in a few minutes."),
        "unknown_email": _("No account uses this email address."),
        "unverified_primary_email": _("Please confirm your email address first."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("Too many requests. Please wait a little and try again."),
    }

    def save_user(self, request, user, form, commit=True):
        user.language = active_language()
        if form.cleaned_data.get("accept_terms"):
            user.terms_accepted_at = timezone.now()
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Render account emails in the recipient's chosen language; a worker sends them (hub/emails.py)."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None) or active_language()
        request = self.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        # allauth builds its links from the request's host; ours come from SITE_URL.
        for key in ACCOUNT_LINKS:
            if context.get(key):
                context[key] = on_site(context[key])
        context["home_url"] = absolute_url("/")
        with translation.override(language):
            queue_message(self.render_mail(template_prefix, email, context))


def _relabel(form, labels):
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


EMAIL_LABEL = _("Email address")
PASSWORD_LABEL = _("Password")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"login": EMAIL_LABEL, "password": PASSWORD_LABEL, "remember": _("Remember me")})
        # allauth puts its own untranslated "Forgot your password?" link here; the page has ours.
        self.fields["password"].help_text = ""


class SignupForm(allauth_forms.SignupForm):
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy policy"),
        error_messages={"required": _("To create an account, accept the terms of use and the privacy policy.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL_LABEL, "password1": PASSWORD_LABEL, "password2": _("Password again")})


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL_LABEL})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("New password"), "password2": _("New password again")})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("New password again"),
            },
        )


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("New email address")})
