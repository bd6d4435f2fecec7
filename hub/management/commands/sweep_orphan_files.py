from django.core.management.base import BaseCommand

from hub.locks import exclusive_command
from hub.orphans import orphans_sweep


class Command(BaseCommand):
    help = (
        "Delete uploaded files no row names, older than ORPHAN_FILE_HOURS, from the folders the file fields "
        "write into (for the schedule; safe to run twice, on several machines). Each removal is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be deleted.")
        parser.add_argument("--hours", type=int, help="Age limit in hours (default: ORPHAN_FILE_HOURS).")

    @exclusive_command
    def handle(self, *args, **options):
        removed = orphans_sweep(hours=options["hours"], dry_run=options["dry_run"])
        verb = "Would delete" if options["dry_run"] else "Deleted"
        for path in removed:
            self.stdout.write(f"{verb} {path}")
        self.stdout.write(f"{verb} {len(removed)} orphan files.")
