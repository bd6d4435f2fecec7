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


def single_line_stored(value):
    """A stored value made one line without refusing anything: line breaks and tabs become one space,
    control and direction characters are dropped. For rows written before the forms cleaned their text
    (data migrations); the forms themselves use ``single_line``."""
    if not value:
        return value
    return BIDI_CONTROLS.sub("", CONTROL.sub("", LINE_BREAKS.sub(" ", value))).strip()


def single_line_rows(model, fields):
    """Rewrite ``fields`` of every row of ``model`` with ``single_line_stored``, touching only the rows
    that change; data migrations pass their historical models. Returns how many rows changed."""
    changed_rows = 0
    for row in model._base_manager.values("pk", *fields).iterator():
        changes = {name: single_line_stored(row[name]) for name in fields}
        changes = {name: value for name, value in changes.items() if value != row[name]}
        if changes:
            changed_rows += model._base_manager.filter(pk=row["pk"]).update(**changes)
    return changed_rows


def single_line_operation(app_label, columns):
    """The data migration making ``columns`` ({model name: [field names]}) of an app one line."""
    from django.db import migrations

    def forward(apps, schema_editor):
        for model, fields in columns.items():
            single_line_rows(apps.get_model(app_label, model), fields)

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
