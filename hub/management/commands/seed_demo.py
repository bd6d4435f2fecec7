from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub import demo
from hub.panels import DOMAIN_APPS


class Command(BaseCommand):
    help = "Fill the site with demo content and one user per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though the settings say this is production (demo staff have a known password).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED and not options["allow_production"]:
            raise CommandError(
                "These are production settings: demo staff with a known password would be created. "
                "Run with --allow-production only if you mean it."
            )
        demo.seed(self.stdout, show_logins=settings.DEBUG)
        for app in DOMAIN_APPS:
            if find_spec(f"{app}.demo") is not None:
                import_module(f"{app}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
