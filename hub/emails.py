"""The one place that sends mail: rendered from templates, in the recipient's language.

Each message is rendered where it is caused (in the request or command, in the recipient's
language, from the objects as they are at that moment) and handed to the ``deliver_email`` task
as plain text: a worker sends it through SMTP with a timeout, retrying with back-off while the
server is away, so an SMTP outage never turns a saved action into an error page. Rendering in
the request rather than in the worker means the task carries no model instances to load again
(they may have changed or gone by then) and a broken template fails the test of its action.
"""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from .tasks import background_task


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


def build_email(*, template, to, context, language=None, attachments=(), headers=None):
    """One rendered message to a list of addresses; ``attachments`` are (name, content, mimetype)."""
    language = language or settings.LANGUAGE_CODE
    subject, text, html = render_email(template, context, language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, list(to), headers=headers)
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def send_email(*, template, to, context, language=None, attachments=(), headers=None):
    """Render one message and hand it to a worker (see the module docstring)."""
    message = build_email(
        template=template, to=to, context=context, language=language, attachments=attachments, headers=headers
    )
    queue_message(message)
    return message


def queue_message(message):
    """Hand a rendered message to a worker. It gets its Message-ID now, so a copy is recognisable."""
    message.extra_headers.setdefault("Message-ID", make_msgid(domain="hub.local"))
    deliver_email.enqueue(message_to_dict(message))


def message_to_dict(message):
    """A message as JSON for the task queue; attachments travel base64-encoded."""
    return {
        "subject": str(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment_to_dict(attachment) for attachment in message.attachments],
    }


def _attachment_to_dict(attachment):
    name, content, mimetype = attachment
    data = content.encode() if isinstance(content, str) else content
    return [name, base64.b64encode(data).decode("ascii"), mimetype]


def message_from_dict(data):
    message = EmailMultiAlternatives(
        data["subject"], data["body"], data["from_email"], data["to"],
        cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"], headers=data["headers"],
    )  # fmt: skip
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, encoded, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(encoded), mimetype)
    return message


@background_task(queue_name="emails")
def deliver_email(data):
    """Send one rendered message (``EMAIL_TIMEOUT`` bounds the wait for the server)."""
    message_from_dict(data).send()


def send_email_to_user(*, user, template, context, attachments=()):
    """Send to a user's address in the language they chose."""
    return send_email(
        template=template,
        to=[user.email],
        context={"recipient": user, **context},
        language=user.language,
        attachments=attachments,
    )
