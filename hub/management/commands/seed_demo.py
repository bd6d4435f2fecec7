from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand

from hub import demo
from hub.panels import DOMAIN_APPS


class Command(BaseCommand):
    help = "Fill the site with demo content and one user per role. Safe to run again."

    def handle(self, *args, **options):
        demo.seed(self.stdout, show_logins=settings.DEBUG)
        for app in DOMAIN_APPS:
            if find_spec(f"{app}.demo") is not None:
                import_module(f"{app}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
