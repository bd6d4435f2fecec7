"""Private files: stored outside MEDIA_ROOT, so no web server serves them by URL.

Apps keep a module-level ``private_storage()`` callable (migrations refer to it) that returns
:func:`private_storage_at` for their own folder; views send the files after checking permissions.
"""

from functools import cache

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files on disk with no URL: asking for one is a programming error, not a broken link."""

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the view that checks permissions.")


@cache
def private_storage_at(location):
    return PrivateStorage(location=location, file_permissions_mode=0o600, directory_permissions_mode=0o700)
