"""Template tags used by every page: the language switcher, the low-vision toggle, translated content."""

from html import unescape
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from hub.i18n import as_written, translated_text
from hub.links import absolute_url
from hub.preferences import COLOUR_SCHEMES, IMAGES, TEXT_SIZES

register = template.Library()


@register.simple_tag
def translated(obj, field_name):
    """Text people wrote, in the reader's language when it exists, else the original.

    ``{% translated initiative "problem" as problem %}<p{{ problem.lang_attr }}>{{ problem.marker }}{{ problem }}</p>``:
    the element gets ``lang`` and a visible "орысша" note when the text is in another language.
    """
    return translated_text(obj, field_name)


def _page_translation_urls(page):
    urls = {}
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        urls[translation.locale.language_code] = translation.url
    return urls


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context):
    """Links to the same page in each site language."""
    request = context.get("request")
    page = context.get("page")
    path = request.get_full_path() if request else "/"
    page_urls = _page_translation_urls(page) if page is not None and hasattr(page, "get_translations") else {}
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = page_urls.get(code) or translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links, "label_language": current}


@register.simple_tag(takes_context=True)
def low_vision_toggle_url(context, **choices):
    """Switch the low-vision version on or off; with ``size``, ``scheme`` or ``images``, choose a preset."""
    request = context.get("request")
    next_url = request.get_full_path() if request else "/"
    return f"{reverse('low_vision_toggle')}?{urlencode({**choices, 'next': next_url})}"


@register.inclusion_tag("includes/low_vision_panel.html", takes_context=True)
def low_vision_panel(context):
    """The presets of the low-vision version as links: they work without JavaScript."""
    current = context.get("low_vision")
    groups = []
    for key, heading, options in (
        ("size", pgettext_lazy("low-vision panel", "Text size"), TEXT_SIZES),
        ("scheme", pgettext_lazy("low-vision panel", "Colours"), COLOUR_SCHEMES),
        ("images", pgettext_lazy("low-vision panel", "Images"), IMAGES),
    ):
        links = [
            {
                "url": low_vision_toggle_url(context, **{key: value}),
                "label": label,
                "name": name,
                "value": value,
                "current": getattr(current, key) == value,
            }
            for value, (label, name) in options.items()
        ]
        groups.append({"key": key, "heading": heading, "links": links})
    return {"groups": groups}


def _images_off(context):
    low_vision = context.get("low_vision")
    return low_vision is not None and low_vision.images_off


def _alt_text(alt, css_class=""):
    """What stands for an image when images are off: its description, or nothing for a decorative one."""
    return format_html('<span class="{}">{}</span>', f"image-off {css_class}".strip(), alt) if alt else ""


@register.simple_tag(takes_context=True)
def picture(context, src, alt, width, height, css_class=""):
    """An image, lazily loaded at a fixed size; its alt text instead when the visitor has turned images off."""
    if _images_off(context):
        return _alt_text(alt, css_class)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" decoding="async" class="{}">',
        src,
        alt,
        width,
        height,
        css_class,
    )


def images_as_alt_text(html):
    """Editorial HTML with every image replaced by its alt text (rich text and image blocks come with <img>)."""
    if "<img" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        image.replace_with(BeautifulSoup(_alt_text(image.get("alt", "")), "html.parser"))
    return mark_safe(str(soup))  # noqa: S308 - re-serialised from safe HTML, text escaped by the parser


class _ImagesOrAltTextNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        return images_as_alt_text(html) if _images_off(context) else html


@register.tag
def images_or_alt_text(parser, token):
    """``{% images_or_alt_text %}…{% endimages_or_alt_text %}`` around what editors write (rich text, images):
    when the visitor has turned images off, each image becomes its alt text, as ``picture`` does."""
    nodelist = parser.parse(("endimages_or_alt_text",))
    parser.delete_first_token()
    return _ImagesOrAltTextNode(nodelist)


@register.simple_tag
def describe_field(bound_field):
    """Render a widget tied to its help text and errors for screen readers."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_help")
    attrs = {}
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced: keeps filters when paging."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


# The main menu: (URL name or a path under the language prefix, label). Home is the brand link.
NAV_ITEMS = (
    ("ngos:directory", _("NGO directory")),
    ("ngos:initiative_list", _("Initiatives")),
    ("roadmaps:list", _("Road maps")),
    ("meetings:list", _("Meetings")),
    ("/reports/", _("Akimat reports")),
    ("search:search", _("Search")),
)


def _nav_url(target):
    if target.startswith("/"):
        return f"/{get_language()}{target}"
    try:
        return reverse(target)
    except NoReverseMatch:
        return None


@register.inclusion_tag("includes/nav_items.html", takes_context=True)
def site_nav(context):
    """The main menu, with the section the visitor is in marked as current."""
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for target, label in NAV_ITEMS:
        url = _nav_url(target)
        if url:
            items.append({"url": url, "label": label, "current": path.startswith(url)})
    return {"items": items}


@register.simple_tag
def info_page_url(slug):
    """An information page (about, privacy...) in the current language: every translation keeps its slug."""
    return f"/{get_language()}/{slug}/"


@register.filter
def is_choice_group(bound_field):
    """Radio buttons and lists of checkboxes: a fieldset whose legend names the group."""
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", None)
    return input_type == "radio" or (input_type == "checkbox" and getattr(widget, "allow_multiple_selected", False))


@register.filter
def headed_rows(table):
    """Rows of a TypedTableBlock value as lists of (column heading, cell), for cards on phones."""
    headings = [column["heading"] for column in table.columns]
    return [list(zip(headings, row, strict=True)) for row in table.rows]


OPEN_GRAPH_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


def _block_text(context, name):
    """The text of a template block as the page being rendered defines it (so the title is written once)."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    return " ".join(unescape(strip_tags(block.render(context))).split()) if block else ""


@register.filter
def absolute(path):
    """``{{ page.get_absolute_url|absolute }}``: the link on the public site (``hub.links.absolute_url``)."""
    return absolute_url(str(path))


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context):
    """Description, Open Graph and Twitter card tags, so shared links show the page's title and summary.

    Pages say more with the blocks ``description`` and ``og_image`` (an image URL); the title is the
    ``title`` block, the URL is absolute from the SITE_URL setting.
    """
    request = context.get("request")
    page = context.get("page")
    language = get_language() or settings.LANGUAGE_CODE
    description = (
        _block_text(context, "description")
        or getattr(page, "search_description", "")
        or _("A joint space of the Almaty akimat and the city's non-governmental organisations.")
    )
    image = _block_text(context, "og_image")
    return {
        "title": _block_text(context, "title") or _("Almaty NGO Hub"),
        "description": description,
        "url": absolute_url(request.path if request else "/"),
        "image": absolute_url(image) if image else "",
        "locale": OPEN_GRAPH_LOCALES.get(language[:2], "en_GB"),
        "alternate_locales": [locale for code, locale in OPEN_GRAPH_LOCALES.items() if code != language[:2]],
    }


@register.filter
def written(value):
    """Quoted text with its language, for emails: ``{% with title=proposal.title|written %}``, then
    ``{{ title.inline_html }}`` in HTML and ``{{ title.with_marker }}`` in plain text (see hub.i18n.as_written)."""
    return as_written(value)
