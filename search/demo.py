"""Demo data for search: nothing of its own; index everything the other apps seeded."""

from . import services


def seed(stdout):
    count = services.rebuild()
    stdout.write(f"Search index rebuilt: {count} documents.\n")
