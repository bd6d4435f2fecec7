"""QR codes for registrations: the code opens the door-check page with the short code filled in."""

import base64
import io

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from hub.links import absolute_url


def registration_check_in_url(registration):
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("meetings:attendance", kwargs={"slug": registration.meeting.slug})
    return absolute_url(f"{path}?code={registration.code}")


def registration_qr_png(registration):
    image = qrcode.make(registration_check_in_url(registration), box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def registration_qr_data_uri(registration):
    return "data:image/png;base64," + base64.b64encode(registration_qr_png(registration)).decode("ascii")
