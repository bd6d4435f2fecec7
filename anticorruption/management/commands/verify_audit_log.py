from django.core.management.base import BaseCommand, CommandError

from anticorruption.audit import verify_chain
from hub.locks import exclusive_command


class Command(BaseCommand):
    help = "Check the hash chain of the Adaldyq alany audit log; fails at the first changed or missing line."

    @exclusive_command
    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(f"Audit log broken at entry {broken} (after {checked} good entries).")
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {checked} entries."))
