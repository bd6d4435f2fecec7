"""Tell the followers of meetings about assignments that fell overdue (once each). Safe to run twice."""

from django.core.management.base import BaseCommand

from hub.locks import exclusive_command
from meetings.services import assignments_tell_overdue


class Command(BaseCommand):
    help = "Record an event for each assignment of a published meeting that is newly overdue."

    @exclusive_command
    def handle(self, *args, **options):
        told = assignments_tell_overdue()
        self.stdout.write(f"Overdue assignments told: {told}")
