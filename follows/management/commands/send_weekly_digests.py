"""Send the weekly digest of what people follow (Mondays). Safe to run twice: each notification once."""

from .send_daily_digests import Command as DailyCommand


class Command(DailyCommand):
    help = "Email each user who chose a weekly digest what changed in what they follow."
    frequency = "weekly"
