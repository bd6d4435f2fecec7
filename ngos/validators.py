"""Checks for the registry's identifiers and uploads."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_EXTENSIONS = ("png", "jpg", "jpeg", "webp", "gif")


def bin_check_digit(first_eleven):
    """The check digit for 11 digits, or None when the number cannot have one."""
    digits = [int(char) for char in first_eleven]
    remainder = sum(weight * digit for weight, digit in zip(FIRST_WEIGHTS, digits, strict=True)) % 11
    if remainder == 10:
        remainder = sum(weight * digit for weight, digit in zip(SECOND_WEIGHTS, digits, strict=True)) % 11
    return None if remainder == 10 else remainder


def is_valid_bin(value):
    value = str(value or "")
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    return bin_check_digit(value[:11]) == int(value[11])


def validate_bin(value):
    value = str(value or "")
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A BIN is exactly 12 digits."), code="bin_format")
    if not is_valid_bin(value):
        raise ValidationError(_("This BIN is not valid: its check digit does not match."), code="bin_check")


def validate_logo(file):
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is too large: at most 2 MB."), code="logo_size")
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if extension not in LOGO_EXTENSIONS:
        raise ValidationError(_("The logo must be a PNG, JPEG, WebP or GIF image."), code="logo_type")
