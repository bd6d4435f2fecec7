from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .panels import DOMAIN_APPS

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"

# Domain apps add their public addresses by providing a urls module.

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("preferences/low-vision/", views.low_vision_toggle, name="low_vision_toggle"),
    path("healthz", views.health, name="health"),
    path("livez", views.alive, name="alive"),
]

domain_patterns = [path("", include(f"{app}.urls")) for app in DOMAIN_APPS if find_spec(f"{app}.urls") is not None]

urlpatterns += i18n_patterns(
    path("accounts/", views.account_home, name="account_home"),
    path("accounts/", include("allauth.urls")),
    *domain_patterns,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
