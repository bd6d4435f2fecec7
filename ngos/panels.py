"""The registry's sections on other pages: "My account" and the home page."""

from .models import Initiative, Organisation


def account_section(request):
    """My organisations, with links to register one and to propose an initiative."""
    if not request.user.is_authenticated:
        return None
    memberships = request.user.ngo_memberships.select_related("organisation").order_by("organisation__name_ru")
    return {"template": "ngos/includes/account_section.html", "memberships": list(memberships)}


def home_section(request):
    """The latest verified organisations and the number of initiatives the akimat answered."""
    return {
        "template": "ngos/includes/home_section.html",
        "organisation_count": Organisation.objects.verified().count(),
        "latest_initiatives": list(
            Initiative.objects.public()
            .with_support_count()
            .select_related("organisation")
            .order_by("-submitted_at")[:3]
        ),
    }
