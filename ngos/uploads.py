"""Moved to ``hub.uploads``; ``ngos.views`` still asks this name for a download's content type."""

from hub.uploads import content_type_of

__all__ = ["content_type_of"]
