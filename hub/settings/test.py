"""The test suite: fast hashing, mail kept in memory, media in a throwaway folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-test-var-"))

from .base import *  # noqa: E402,F403
from .env import env_int  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Tests change data without always going through signals; tests of the page cache turn it on, and so
# do the app servers of the two-server test (tests/multiserver), through the environment.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 0)
