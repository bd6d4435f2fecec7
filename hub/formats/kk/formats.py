"""Kazakh: Django ships no formats for it (it would fall back to American ones); the same as English here."""

from hub.formats.en.formats import *  # noqa: F403
