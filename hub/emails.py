"""The one place that sends mail: rendered from templates, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_text(name, context):
    """A plain-text template: nothing is HTML-escaped ("Taza & Aua", not "Taza &amp; Aua")."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_email(template, context, language):
    """Subject, text and HTML of ``<template>_subject.txt``, ``_body.txt``, ``_body.html``.

    ``template`` is a path prefix such as ``"ngos/emails/organisation_verified"``.
    """
    with translation.override(language):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    return subject, text, html


def send_email(*, template, to, context, language=None, attachments=()):
    """Send one message to a list of addresses; ``attachments`` are (name, content, mimetype)."""
    language = language or settings.LANGUAGE_CODE
    context = {"site_url": settings.SITE_URL, **context}
    subject, text, html = render_email(template, context, language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, list(to))
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
    return message


def send_email_to_user(*, user, template, context, attachments=()):
    """Send to a user's address in the language they chose."""
    return send_email(
        template=template,
        to=[user.email],
        context={"recipient": user, **context},
        language=user.language,
        attachments=attachments,
    )
