"""Reading numbers and text that arrive in URLs: hostile values give ``None``, never an error.

``str.isdigit`` is true for "²" and "٣", which ``int`` then refuses or reads as another
number; and a twenty-digit number overflows a database integer. Views and filters read
whole numbers from paths and query strings through :func:`parse_int` only.
"""

MAX_INT = 2**31 - 1  # the largest value a database integer column holds


def parse_int(value, *, minimum=0, maximum=MAX_INT):
    """The whole number written in ASCII digits in ``value``, within the bounds, else ``None``."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def has_nul(value):
    return "\x00" in value
