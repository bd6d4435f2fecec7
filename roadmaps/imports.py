"""Editors import a road map's actions from XLSX: preview with per-row errors, then all or nothing.

The columns are those of the XLSX export, so an exported file can be edited and read back.
A row whose section and number match an existing action updates it; otherwise a new action
is created. Status and progress are not imported: they change through progress updates.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hub.i18n import LANGUAGE_CODES, detect_language
from hub.models import Department
from hub.spreadsheets import unneutralise

from .models import Action, Section

REQUIRED_COLUMNS = ["section", "number", "title_kk", "title_ru", "departments", "start_date", "due_date"]
EXPECTED_RESULT_COLUMNS = [f"expected_result_{code}" for code in LANGUAGE_CODES]
OPTIONAL_COLUMNS = ["title_en", "description", *EXPECTED_RESULT_COLUMNS, "partners"]
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000


class FileRefused(ValidationError):
    """The whole file cannot be read."""


@dataclass
class Row:
    line: int
    values: dict
    errors: list = field(default_factory=list)
    existing: Action | None = None
    cleaned: dict = field(default_factory=dict)

    @property
    def outcome(self):
        if self.errors:
            return "invalid"
        return "update" if self.existing else "new"


def read_rows(content):
    """Rows of the first sheet as dicts keyed by header; refuses unreadable or oversized files."""
    if len(content) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 2 MB."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        lines = list(workbook.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise FileRefused(_("This is not a readable XLSX file.")) from None
    if not lines:
        raise FileRefused(_("The file is empty."))
    header = [str(cell).strip().lower() if cell is not None else "" for cell in lines[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FileRefused(_("Columns missing from the file: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(lines) > MAX_ROWS + 1:
        raise FileRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = {
            name: unneutralise(line[index]) if index < len(line) else None for index, name in enumerate(header) if name
        }
        if any(value not in (None, "") for value in values.values()):
            rows.append(Row(line=number, values=values))
    if not rows:
        raise FileRefused(_("The file has no rows to import."))
    return rows


def _text(value):
    return "" if value is None else str(value).strip()


def _positive_int(value, label, errors):
    try:
        number = int(str(value).strip())
        if number < 1:
            raise ValueError
        return number
    except (TypeError, ValueError):
        errors.append(_("%(column)s: enter a whole number, 1 or more.") % {"column": label})
        return None


def _date(value, label, errors):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        errors.append(_("%(column)s: enter a date as YYYY-MM-DD.") % {"column": label})
        return None


def _slugs(value):
    return [slug.strip() for slug in _text(value).replace(",", ";").split(";") if slug.strip()]


class Lookups:
    """Everything rows refer to, loaded once per file."""

    def __init__(self, roadmap, rows):
        from ngos.models import Organisation

        partners = {slug for row in rows for slug in _slugs(row.values.get("partners"))}
        self.sections = {section.number: section for section in Section.objects.filter(roadmap=roadmap)}
        self.actions = {
            (action.section.number, action.number): action
            for action in Action.objects.of_roadmap(roadmap).select_related("section")
        }
        self.departments = {department.slug: department for department in Department.objects.active()}
        self.organisations = {
            organisation.slug: organisation for organisation in Organisation.objects.filter(slug__in=partners)
        }


def check_row(row, lookups, seen):
    values, errors = row.values, row.errors
    section_number = _positive_int(values.get("section"), "section", errors)
    number = _positive_int(values.get("number"), "number", errors)
    section = lookups.sections.get(section_number)
    if section_number and section is None:
        errors.append(_("section: the road map has no section %(number)s.") % {"number": section_number})
    if section_number and number:
        if (section_number, number) in seen:
            errors.append(_("Action %(code)s appears twice in the file.") % {"code": f"{section_number}.{number}"})
        seen.add((section_number, number))
    titles = {name: _text(values.get(name)) for name in ("title_kk", "title_ru", "title_en")}
    for name in ("title_kk", "title_ru"):
        if not titles[name]:
            errors.append(_("%(column)s: this column is required.") % {"column": name})
    texts = {
        **titles,
        "description": _text(values.get("description")),
        **_expected_results(values),
    }
    for name, text in texts.items():
        limit = Action._meta.get_field(name).max_length
        if limit and len(text) > limit:
            errors.append(_("%(column)s: at most %(limit)d characters.") % {"column": name, "limit": limit})
    start = _date(values.get("start_date"), "start_date", errors)
    due = _date(values.get("due_date"), "due_date", errors)
    if start and due and due < start:
        errors.append(_("The due date cannot be before the start date."))
    departments = _lookup(values.get("departments"), lookups.departments, "departments", errors)
    if not departments and not any(e.startswith("departments") for e in errors):
        errors.append(_("%(column)s: this column is required.") % {"column": "departments"})
    partners = _lookup(values.get("partners"), lookups.organisations, "partners", errors)
    for partner in partners:
        if partner.status != "verified":
            errors.append(_("%(name)s is not a verified NGO and cannot be a partner.") % {"name": partner.slug})
    row.existing = lookups.actions.get((section_number, number))
    row.cleaned = {
        "section": section,
        "number": number,
        **texts,
        "start_date": start,
        "due_date": due,
        "departments": departments,
        "partners": partners,
    }


def _expected_results(values):
    """The expected result per language; a single "expected_result" column (older files) goes to the
    column of the language its script shows."""
    texts = {name: _text(values.get(name)) for name in EXPECTED_RESULT_COLUMNS}
    legacy = _text(values.get("expected_result"))
    if legacy and not any(texts.values()):
        texts[f"expected_result_{detect_language(legacy, 'ru')}"] = legacy
    return texts


def _lookup(value, known, label, errors):
    found = []
    for slug in _slugs(value):
        if slug in known:
            found.append(known[slug])
        else:
            errors.append(_("%(column)s: unknown “%(value)s”.") % {"column": label, "value": slug})
    return found


def preview(roadmap, content):
    """Read and check every row; nothing is written."""
    rows = read_rows(content)
    lookups = Lookups(roadmap, rows)
    seen = set()
    for row in rows:
        check_row(row, lookups, seen)
    return rows


def apply(roadmap, content, *, user):
    """Write every row, or none if any row is invalid. Returns (created, updated)."""
    from .services import action_import_row

    rows = preview(roadmap, content)
    problems = [
        _("Row %(line)s: %(error)s") % {"line": row.line, "error": error} for row in rows for error in row.errors
    ]
    if problems:
        raise ValidationError([_("The file has errors: nothing was imported."), *problems[:5]])
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            action_import_row(action=row.existing, user=user, **row.cleaned)
            if row.existing:
                updated += 1
            else:
                created += 1
    return created, updated


def run_confirmed(run):
    """The worker's half of the confirm step (hub/imports.py): write every row or none."""
    from hub.imports import ImportRefused

    from .models import RoadMap

    roadmap = RoadMap.objects.get(pk=run.target_id)
    try:
        created, updated = apply(roadmap, bytes(run.content), user=run.requested_by)
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages))
    summary = _("Imported: %(created)s new actions, %(updated)s updated.") % {"created": created, "updated": updated}
    return created + updated, summary
