"""A road map as a printable PDF, and its actions as XLSX or CSV (the columns the import reads back)."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import translation
from django.utils.translation import gettext as _

from hub.pdf import render_pdf
from hub.spreadsheets import csv_bytes, xlsx_bytes
from hub.tasks import background_task, enqueue_once

from . import overview
from .models import Action, ActionPartner, ProgressUpdate

# A rendered PDF is kept until the road map changes; the hour bounds staleness from changes the
# fingerprint cannot see (a renamed department or NGO).
PDF_CACHE_SECONDS = 60 * 60

COLUMNS = [
    "section",
    "number",
    "code",
    "title_kk",
    "title_ru",
    "title_en",
    "description",
    "expected_result_kk",
    "expected_result_ru",
    "expected_result_en",
    "departments",
    "partners",
    "start_date",
    "due_date",
    "status",
    "progress",
    "overdue",
]


def export_actions(roadmap):
    return Action.objects.of_roadmap(roadmap).for_listing()


def action_row(action):
    return [
        action.section.number,
        action.number,
        action.code,
        action.title_kk,
        action.title_ru,
        action.title_en,
        action.description,
        action.expected_result_kk,
        action.expected_result_ru,
        action.expected_result_en,
        "; ".join(sorted(d.slug for d in action.departments.all())),
        "; ".join(sorted(link.organisation.slug for link in action.partner_links.all())),
        action.start_date.isoformat(),
        action.due_date.isoformat(),
        action.status,
        action.progress,
        "yes" if action.is_overdue else "no",
    ]


def rows(roadmap):
    yield COLUMNS
    for action in export_actions(roadmap):
        yield action_row(action)


def roadmap_xlsx(roadmap):
    return xlsx_bytes(rows(roadmap), "actions")


def roadmap_csv(roadmap):
    return csv_bytes(rows(roadmap))


def pdf_fingerprint(roadmap):
    """Changes whenever the road map, an action, a partner or the timeline changes (three small queries)."""
    actions = Action.objects.of_roadmap(roadmap).aggregate(n=Count("pk"), last=Max("updated_at"))
    updates = ProgressUpdate.objects.filter(action__section__roadmap=roadmap).aggregate(
        n=Count("pk"), last=Max("created_at")
    )
    partners = ActionPartner.objects.filter(action__section__roadmap=roadmap).count()
    parts = [roadmap.pk, roadmap.updated_at, roadmap.status, *actions.values(), *updates.values(), partners]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def cached_roadmap_pdf(roadmap, *, language):
    """The PDF from the cache when nothing changed since it was rendered; rendering takes seconds."""
    key = f"roadmaps:pdf:{language}:{pdf_fingerprint(roadmap)}"
    data = cache.get(key)
    if data is None:
        data = roadmap_pdf(roadmap, language=language)
        cache.set(key, data, PDF_CACHE_SECONDS)
    return data


def ready_roadmap_pdf(roadmap, *, language):
    """The PDF when it is in the cache; otherwise None, after asking a worker to render it (once)."""
    key = f"roadmaps:pdf:{language}:{pdf_fingerprint(roadmap)}"
    data = cache.get(key)
    if data is None:
        enqueue_once(render_roadmap_pdf, roadmap.pk, language, key=key)
        data = cache.get(key)  # tests run tasks at once: the PDF is there already
    return data


@background_task(queue_name="documents")
def render_roadmap_pdf(roadmap_pk, language):
    """Render a road map's PDF into the shared cache, where every app server finds it."""
    from .models import RoadMap

    cached_roadmap_pdf(RoadMap.objects.get(pk=roadmap_pk), language=language)


def roadmap_pdf(roadmap, *, language):
    """The whole road map, printable: overview, the table by responsible body and every action."""
    with translation.override(language):
        actions = list(export_actions(roadmap).prefetch_related("indicators"))
        figures = overview.figures(Action.objects.of_roadmap(roadmap))
        context = {
            "roadmap": roadmap,
            "figures": figures,
            "departments_table": list(overview.by_department(roadmap)),
            "sections": _group_by_section(actions),
            "title": _("Road map"),
        }
    return render_pdf("roadmaps/pdf/roadmap.html", context, language=language)


def _group_by_section(actions):
    sections = []
    for action in actions:
        if not sections or sections[-1]["section"].pk != action.section_id:
            sections.append({"section": action.section, "actions": []})
        sections[-1]["actions"].append(action)
    return sections
