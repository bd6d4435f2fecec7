"""The low-vision version's presets, as regional government sites offer them, remembered in one cookie.

The cookie holds ``size-scheme-images`` (``1-bw-off``); ``1``, written before the presets existed, reads as
the defaults. No cookie means the standard version.
"""

from dataclasses import dataclass, replace

from django.utils.translation import pgettext_lazy

# Each option: the short text on its button, and the name a screen reader adds to it.
TEXT_SIZES = {
    "1": (pgettext_lazy("text size", "A"), pgettext_lazy("text size", "large text")),
    "2": (pgettext_lazy("text size", "A+"), pgettext_lazy("text size", "larger text")),
    "3": (pgettext_lazy("text size", "A++"), pgettext_lazy("text size", "largest text")),
}
COLOUR_SCHEMES = {
    "bw": (pgettext_lazy("colour scheme sample", "Aa"), pgettext_lazy("colour scheme", "black on white")),
    "wb": (pgettext_lazy("colour scheme sample", "Aa"), pgettext_lazy("colour scheme", "white on black")),
    "blue": (pgettext_lazy("colour scheme sample", "Aa"), pgettext_lazy("colour scheme", "dark blue on light blue")),
}
IMAGES = {
    "on": (pgettext_lazy("images", "On"), pgettext_lazy("images", "show images")),
    "off": (pgettext_lazy("images", "Off"), pgettext_lazy("images", "hide images, show their descriptions")),
}


@dataclass(frozen=True)
class LowVision:
    size: str = "1"
    scheme: str = "bw"
    images: str = "off"

    def __str__(self):
        return f"{self.size}-{self.scheme}-{self.images}"

    @property
    def images_off(self):
        return self.images == "off"

    @property
    def css_classes(self):
        return f"low-vision lv-size-{self.size} lv-{self.scheme} lv-images-{self.images}"


def low_vision_from_cookie(value):
    """The presets a cookie holds, or None for the standard version; unknown parts fall back to defaults."""
    if not value:
        return None
    parts = value.split("-")
    size, scheme, images = parts if len(parts) == 3 else ("", "", "")
    default = LowVision()
    return LowVision(
        size=size if size in TEXT_SIZES else default.size,
        scheme=scheme if scheme in COLOUR_SCHEMES else default.scheme,
        images=images if images in IMAGES else default.images,
    )


def low_vision_with(current, **choices):
    """The presets after a visitor's choice; choices that are not offered are ignored."""
    offered = {"size": TEXT_SIZES, "scheme": COLOUR_SCHEMES, "images": IMAGES}
    valid = {key: value for key, value in choices.items() if value in offered.get(key, {})}
    return replace(current or LowVision(), **valid)
