"""What the channel shows on other pages: a signed-in reporter's own (non-anonymous) reports."""

from .models import Report
from .stats import cached_if_present


def home_section(request):
    """The channel on the home page: the ways in, and the on-time share when it is at hand."""
    figures = cached_if_present({})
    return {"template": "anticorruption/includes/home_section.html", "overall": figures["overall"] if figures else None}


def account_section(request):
    if not request.user.is_authenticated:
        return None
    reports = list(Report.objects.filter(reporter_user=request.user).only("case_number", "status", "created_at")[:50])
    if not reports:
        return None
    return {"template": "anticorruption/includes/account_section.html", "reports": reports}
