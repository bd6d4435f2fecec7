import time

from django.core.management.base import BaseCommand

from search import services
from search.backends import backend_name


class Command(BaseCommand):
    help = "Index every public thing again from the database (organisations, initiatives, reports...)."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = services.rebuild()
        elapsed = time.monotonic() - started
        self.stdout.write(f"Search index ({backend_name()}) rebuilt: {count} documents in {elapsed:.1f} s.")
