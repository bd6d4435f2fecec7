from django.core.management.base import BaseCommand

from anticorruption.services import news_addresses_forget_closed, purge_candidates, report_purge
from hub.locks import exclusive_command


class Command(BaseCommand):
    help = (
        "Remove attachments, contact details and free text of closed reports past their retention period "
        "(for cron; safe to run twice). Cases on legal hold or with recent reporter activity are kept. "
        "Addresses anonymous reporters left for news of a case closed more than a day ago are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be purged.")

    @exclusive_command
    def handle(self, *args, **options):
        candidates = purge_candidates().order_by("pk")
        if options["dry_run"]:
            self.stdout.write(f"Would purge {candidates.count()} reports.")
            return
        forgotten = news_addresses_forget_closed()
        self.stdout.write(f"Deleted {forgotten} addresses for news of closed anonymous cases.")
        purged = files = 0
        for report in candidates.iterator():
            removed = report_purge(report=report)
            if removed is not None:
                purged, files = purged + 1, files + removed
        self.stdout.write(f"Purged personal data of {purged} reports ({files} files deleted).")
