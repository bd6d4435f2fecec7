"""Reading akimat reports: the index filters and the Atom feed."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from .links import absolute_url, page_url
from .models import Department
from .params import parse_int

REPORTS_PER_PAGE = 12


def filter_reports(index_page, params):
    """Reports under an index, filtered by department slug and year, one page at a time."""
    reports = index_page.reports()
    department_slug = params.get("department", "")
    year = params.get("year", "")
    if department_slug:
        reports = reports.filter(department__slug=department_slug)
    if parse_int(year, minimum=1, maximum=9999) is not None:
        reports = reports.filter(period_end__year=int(year))
    all_reports = index_page.reports()
    years = sorted({d.year for d in all_reports.dates("period_end", "year")}, reverse=True)
    departments = Department.objects.filter(reports__in=all_reports).distinct().ordered()
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(params.get("page"))
    return {
        "reports_page": page,
        "departments": departments,
        "years": years,
        "selected_department": department_slug,
        "selected_year": year,
    }


def reports_feed(index_page, request):
    """An Atom feed of the latest reports under an index page, in its language; links from SITE_URL."""
    feed = feedgenerator.Atom1Feed(
        title=_("Akimat reports"),
        link=page_url(index_page, request),
        description=_("Reports of the Almaty akimat: what changed for residents."),
        language=index_page.locale.language_code,
        feed_url=absolute_url(request.path),
        author_name=_("Almaty akimat"),
        author_link=absolute_url("/"),
    )
    for report in index_page.reports()[:30]:
        url = page_url(report, request)
        feed.add_item(
            title=report.title,
            link=url,
            description=report.summary,
            pubdate=report.first_published_at,
            updateddate=report.last_published_at,
            unique_id=url,
            categories=[report.department.name],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
