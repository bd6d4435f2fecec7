"""How one app shows a piece of its data on another app's page without importing it.

An app may define ``<app>/panels.py`` with functions named after a slot. A page asks for
a slot with :func:`collect`; each function returns ``None`` (nothing to show) or a dict
with a ``template`` key and the context that template needs. Slots in use:

``home_section(request)``
    a section on the home page (upcoming meetings, road-map progress...).
``organisation_section(request, organisation)``
    a section on an NGO's public page (meetings attended, road-map actions...).
``account_section(request)``
    a section on "My account" (my organisations, my registrations, my reports...).
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec

DOMAIN_APPS = ["ngos", "roadmaps", "meetings", "anticorruption", "search", "follows"]


@cache
def _panel_modules():
    return [import_module(f"{app}.panels") for app in DOMAIN_APPS if find_spec(f"{app}.panels") is not None]


def collect(slot, **kwargs):
    sections = []
    for module in _panel_modules():
        provider = getattr(module, slot, None)
        if provider is None:
            continue
        section = provider(**kwargs)
        if section:
            sections.append(section)
    return sections
