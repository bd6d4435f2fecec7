import time

from django.core.management.base import BaseCommand, CommandError

from search import services
from search.backends import backend_name


class Command(BaseCommand):
    help = (
        "Index every public thing again from the database (organisations, initiatives, reports...). "
        "A damaged index is started afresh."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            count = services.rebuild()
        except OSError as error:  # a folder that cannot be written: nothing to recover from here
            raise CommandError(f"The search index could not be written: {error}") from error
        elapsed = time.monotonic() - started
        self.stdout.write(f"Search index ({backend_name()}) rebuilt: {count} documents in {elapsed:.1f} s.")
