"""Cron: email everyone registered for tomorrow's meetings. Safe to run twice: each person once."""

from django.core.management.base import BaseCommand

from hub.locks import exclusive_command
from meetings.services import send_reminders


class Command(BaseCommand):
    help = "Send the day-before reminder for meetings that start tomorrow (Almaty date)."

    @exclusive_command
    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
