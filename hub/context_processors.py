from django.conf import settings


def site_preferences(request):
    """Preferences every template needs: the low-vision mode is remembered in a cookie."""
    return {"low_vision": request.COOKIES.get(settings.LOW_VISION_COOKIE) == "1"}
