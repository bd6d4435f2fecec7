"""Names of the document types, kept in search's catalogue so every language has them."""

from django.utils.translation import gettext_lazy as _

REPORT = _("Akimat report")
ORGANISATION = _("Organisation")
INITIATIVE = _("Initiative")
NGO_NEWS = _("NGO news")
ROADMAP_ACTION = _("Road-map action")
MEETING = _("Meeting")
CASE_OUTCOME = _("Case outcome")
