"""Typed text: one line where one line is meant, and no invisible characters anywhere.

A name, a title or an address ends up in email subjects and bodies, PDF headings and spreadsheets;
an embedded line break there forges a line of its own (a fake "From:" in an invitation). Single-line
values have their line breaks and tabs turned into one space; NUL, other control characters and
direction overrides are refused in every text, since they only ever hide what the text says.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Bidirectional overrides and isolates can disguise "invoice\u202egpj.exe" as "invoiceexe.jpg".
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
# What breaks a line or jumps a column: in a single-line field it becomes a space.
BREAKS = "\t\r\n\x0b\x0c\x85\u2028\u2029"
LINE_BREAKS = re.compile(f"[ {BREAKS}]*[{BREAKS}][ {BREAKS}]*")


def check_text(value):
    """Refuse NUL, control characters and bidirectional overrides in typed text."""
    if value and (CONTROL.search(value) or BIDI_CONTROLS.search(value)):
        raise ValidationError(_("The text contains invisible control characters. Please retype it."), code="control")
    return value


def single_line(value):
    """A one-line value: line breaks and tabs (with the spaces around them) become one space; other
    invisible characters are refused (``check_text``)."""
    if not value:
        return value
    return check_text(LINE_BREAKS.sub(" ", value).strip())
