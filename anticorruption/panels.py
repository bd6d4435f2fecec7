"""What the channel shows on other pages: a signed-in reporter's own (non-anonymous) reports."""

from .models import Report


def account_section(request):
    if not request.user.is_authenticated:
        return None
    reports = list(Report.objects.filter(reporter_user=request.user).only("case_number", "status", "created_at")[:50])
    if not reports:
        return None
    return {"template": "anticorruption/includes/account_section.html", "reports": reports}
