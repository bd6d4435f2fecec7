"""Configuration from the environment, and a production mode that passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "SECRET_KEY": "x7$Kq2!vR9#mLp4@Wz8^Tn1&Hc6*Yb3(Gd5)Fj0_Ss-Ue+Ai=Oo~Ll?Nn",
    "ALLOWED_HOSTS": "hub.almaty.kz",
}


def run(args, **env):
    # A clean environment: what the suite itself runs with (a PostgreSQL URL, browser-test flags) must not leak in.
    leaking = (
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "DEBUG",
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    base = {k: v for k, v in os.environ.items() if k not in leaking}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def settings_value(expression, **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV, HUB_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": "", "HUB_VAR_DIR": str(tmp_path)}
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_weak_secret_key(tmp_path):
    result = run(["manage.py", "check"], **{**PRODUCTION_ENV, "SECRET_KEY": "short", "HUB_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0


def test_default_database_is_sqlite_in_var_with_wal(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "hub.settings.dev", "HUB_VAR_DIR": str(tmp_path)}
    assert settings_value("settings.DATABASES['default']['NAME']", **env) == str(tmp_path / "db.sqlite3")
    assert "journal_mode=WAL" in settings_value("settings.DATABASES['default']['OPTIONS']['init_command']", **env)
    assert settings_value("settings.MEDIA_ROOT", **env) == str(tmp_path / "media")


def test_database_url_switches_to_postgresql(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "HUB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://hub:secret@db.internal:5432/hub",
    }
    assert settings_value("settings.DATABASES['default']['ENGINE']", **env) == "django.db.backends.postgresql"


def test_cache_is_shared_database_cache_by_default_and_redis_when_configured(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "hub.settings.dev", "HUB_VAR_DIR": str(tmp_path)}
    assert settings_value("settings.CACHES['default']['BACKEND']", **env).endswith("DatabaseCache")
    redis = settings_value("settings.CACHES['default']['BACKEND']", **env, REDIS_URL="redis://127.0.0.1:6379/1")
    assert redis.endswith("RedisCache")


def test_bad_boolean_in_environment_is_a_clear_error(tmp_path):
    result = run(
        ["-c", "import django; django.setup()"],
        DJANGO_SETTINGS_MODULE="hub.settings.dev",
        HUB_VAR_DIR=str(tmp_path),
        DEBUG="maybe",
    )
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.skipif(
    subprocess.run(["redis-cli", "ping"], capture_output=True).returncode != 0, reason="Redis is not running"
)
def test_redis_cache_works_when_configured(tmp_path):
    code = (
        "import django; django.setup(); from django.core.cache import cache;"
        "cache.set('hub-probe', 'ok', 5); print(cache.get('hub-probe'))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "hub.settings.dev", "HUB_VAR_DIR": str(tmp_path)}
    result = run(["-c", code], **env, REDIS_URL="redis://127.0.0.1:6379/15")
    assert result.stdout.strip() == "ok", result.stderr


def test_client_address_comes_from_the_trusted_proxy_only(rf, settings):
    from hub.middleware import TrustedProxyMiddleware

    settings.TRUSTED_PROXY_COUNT = 1
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    TrustedProxyMiddleware(view)(request)
    assert seen["ip"] == "203.0.113.7"

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="127.0.0.1")
    TrustedProxyMiddleware(view)(request)
    assert seen["ip"] == "127.0.0.1"


def test_production_settings_forbid_demo_content(tmp_path):
    env = {**PRODUCTION_ENV, "HUB_VAR_DIR": str(tmp_path)}
    assert settings_value("settings.DEMO_CONTENT_ALLOWED", **env) == "False"
