from django.conf import settings

from .preferences import low_vision_from_cookie


def site_preferences(request):
    """Preferences every template needs: the low-vision presets are remembered in a cookie (None: standard)."""
    return {"low_vision": low_vision_from_cookie(request.COOKIES.get(settings.LOW_VISION_COOKIE))}
