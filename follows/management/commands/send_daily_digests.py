"""Send the daily digest of what people follow. Safe to run twice: each notification once."""

from django.core.management.base import BaseCommand

from follows.delivery import digests_send
from hub.locks import exclusive_command


class Command(BaseCommand):
    help = "Email each user who chose a daily digest what changed in what they follow."
    frequency = "daily"

    @exclusive_command
    def handle(self, *args, **options):
        sent = digests_send(frequency=self.frequency)
        self.stdout.write(f"Digests sent: {sent}")
