"""Settings shared by every environment; each value can come from the environment.

`dev`, `test` and `production` change only what differs.
"""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("HUB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "hub",
    "ngos",
    "roadmaps",
    "meetings",
    "anticorruption",
    "search",
    "follows",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.typed_table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "import_export",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "hub.middleware.TrustedProxyMiddleware",
    "hub.middleware.RejectNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hub.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hub.middleware.AdminFramingMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "hub.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hub.context_processors.site_preferences",
                "follows.context_processors.inbox",
            ],
        },
    },
]

# SQLite in var/ by default (WAL so readers never wait for a writer);
# DATABASE_URL=postgres://... switches to PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits and other shared state need a cache that every server process sees; when it fails,
# hub/cache.py answers from each process's memory (README, "When a part fails").
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "hub.cache.FailSafeRedisCache", "LOCATION": REDIS_URL}}
else:
    # The table is created by the migration hub 0005, not by a separate step.
    CACHES = {"default": {"BACKEND": "hub.cache.FailSafeDatabaseCache", "LOCATION": "hub_cache"}}

# Wagtail looks up image renditions on every view: keep that in each process, not in the shared cache.
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 600}

AUTH_USER_MODEL = "hub.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_home"

ACCOUNT_ADAPTER = "hub.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# An SMTP server that does not answer must fail the delivery task (which is retried), not hang a worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Almaty NGO Hub <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Kazakh is the state language, so it is the default; Russian and English follow.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django has no Kazakh formats; ours give a 24-hour clock and unambiguous dates in every language.
FORMAT_MODULE_PATH = ["hub.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "hub.storage.PublicStorage"},  # images stored without EXIF/GPS
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Almaty NGO Hub"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hub.forms.DocumentForm"  # PDF and office files checked like other uploads
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the CSP forbids other hosts (they showed as broken images) and staff
# emails should not leave the site as hashes; Wagtail then draws its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Staff may choose Kazakh: the project's admin views and labels are Kazakh, Wagtail's own screens (which
# Wagtail does not translate into Kazakh) fall back to Russian (hub.i18n.wagtail_in_russian_for_kazakh).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# seed_demo refuses where this is False (production) unless given --allow-production.
DEMO_CONTENT_ALLOWED = True

LOW_VISION_COOKIE = "low_vision"
# Seconds an anonymous visitor's page may be served from the shared cache (0 turns it off).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Seconds a part that is the same for every visitor (a list's counts and facets for one filter state)
# may be reused, signed in or not; any change to public content forgets it at once (0 turns it off).
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 300)
# Saving or deleting rows of these apps changes what the public reads (see hub/page_cache.py).
PUBLIC_CONTENT_APPS = ["hub", "ngos", "roadmaps", "meetings", "wagtailcore", "wagtailimages", "wagtaildocs"]
# Public models of apps whose other data is private (reports are never on a public page).
PUBLIC_CONTENT_MODELS = ["anticorruption.PublishedOutcome", "anticorruption.DepartmentReply"]

# Behind a reverse proxy the client's address arrives in X-Forwarded-For: rate limits need it.
# Set to the number of proxies in front of the app (nginx alone: 1).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Private uploads (never under MEDIA_ROOT): served only by permission-checked views.
NGOS_PRIVATE_ROOT = Path(env_str("NGOS_PRIVATE_ROOT", str(VAR_DIR / "private" / "ngos")))
# Uploaded files no row names are deleted by sweep_orphan_files once they are this old (hub/orphans.py).
ORPHAN_FILE_HOURS = env_int("ORPHAN_FILE_HOURS", 24)

# Adaldyq alany (anticorruption/README.md explains each; the rest keep their defaults there).
ANTICORRUPTION_RECEIPT_KEY = env_str("ANTICORRUPTION_RECEIPT_KEY") or SECRET_KEY
ANTICORRUPTION_PRIVATE_ROOT = Path(env_str("ANTICORRUPTION_PRIVATE_ROOT", str(VAR_DIR / "private")))
ANTICORRUPTION_FILE_LIMIT = env_int("ANTICORRUPTION_FILE_LIMIT", 5)
ANTICORRUPTION_FILE_WINDOW = env_int("ANTICORRUPTION_FILE_WINDOW", 3600)
ANTICORRUPTION_RANKING_MIN_CASES = env_int("ANTICORRUPTION_RANKING_MIN_CASES", 20)
ANTICORRUPTION_STATS_CACHE_SECONDS = env_int("ANTICORRUPTION_STATS_CACHE_SECONDS", 600)
# ClamAV: a clamd Unix socket path or host:port; empty means uploads are not scanned for viruses.
CLAMD_SOCKET = env_str("CLAMD_SOCKET", "")
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)

# Site search: "whoosh" (one machine) or "postgres" (several app servers); see search/.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh")
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

# Background work (hub/tasks.py): Django's tasks API through the django-tasks backport. "database" keeps
# the queue in the site's own database (PostgreSQL in production), where `manage.py db_worker` processes
# it on any number of machines; "immediate" runs each task at once in the calling process.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default", "emails", "documents", "schedule"],
    }
}
# A failed task is tried again after TASK_RETRY_SECONDS, then 4 times longer each time, TASK_MAX_ATTEMPTS in all.
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 6)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

ACCOUNT_FORMS = {
    "login": "hub.accounts.LoginForm",
    "signup": "hub.accounts.SignupForm",
    "reset_password": "hub.accounts.ResetPasswordForm",
    "reset_password_from_key": "hub.accounts.ResetPasswordKeyForm",
    "change_password": "hub.accounts.ChangePasswordForm",
    "add_email": "hub.accounts.AddEmailForm",
}
