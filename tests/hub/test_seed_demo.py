import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from hub.models import HomePage, ReportPage, User


def test_seed_demo_builds_the_site_and_is_idempotent(db, settings):
    settings.DEBUG = False
    call_command("seed_demo")
    counts = (Page.objects.count(), User.objects.count(), ReportPage.objects.live().count())
    call_command("seed_demo")
    assert (Page.objects.count(), User.objects.count(), ReportPage.objects.live().count()) == counts
    assert HomePage.objects.filter(locale__language_code__in=["kk", "ru", "en"]).count() == 3
    assert User.objects.filter(email="editor@demo.hub.kz", groups__name="Akimat editors").exists()


def test_seed_demo_prints_logins_only_in_debug(db, settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo")
    assert "demo-hub-2026" not in capsys.readouterr().out
    settings.DEBUG = True
    call_command("seed_demo")
    assert "editor@demo.hub.kz / demo-hub-2026" in capsys.readouterr().out


def test_seed_demo_refuses_on_production_settings_unless_asked(db, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not User.objects.filter(email="editor@demo.hub.kz").exists()
    call_command("seed_demo", allow_production=True)
    assert User.objects.filter(email="editor@demo.hub.kz").exists()
