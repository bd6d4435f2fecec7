"""``{% sharedcache "name" vary... %}…{% endsharedcache %}``: a fragment that is the same for every visitor.

The fragment is rendered once per language, low-vision mode, state of public content (the page
cache's generation) and the values given after the name (the path with its filters, an object's
key), and reused for everyone, signed in or not, until public content changes. Everything
personal (the account menu, "you are registered", forms with a CSRF token) must stay outside it;
a fragment that holds a CSRF token is never stored.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hub.page_cache import shared

register = template.Library()
TOKEN_FIELD = "csrfmiddlewaretoken"


class _Personal(Exception):  # noqa: N818 - a value carried out of the cache, not an error
    def __init__(self, html):
        self.html = html


class SharedCacheNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        name = self.name.resolve(context)
        parts = [get_language(), str(context.get("low_vision") or ""), *(value.resolve(context) for value in self.vary)]
        try:
            html = shared(f"fragment:{name}", parts, lambda: self._render_shareable(context))
        except _Personal as personal:
            html = personal.html
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there

    def _render_shareable(self, context):
        html = self.nodelist.render(context)
        if TOKEN_FIELD in html:  # a mistake in the template: render it, never share it
            raise _Personal(html)
        return html


@register.tag("sharedcache")
def do_sharedcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("sharedcache needs a name: {% sharedcache 'name' vary... %}")
    nodelist = parser.parse(("endsharedcache",))
    parser.delete_first_token()
    return SharedCacheNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
