"""Writes to the hub's shared data. Views, admin and commands all call these."""

from django.db import transaction


@transaction.atomic
def user_update_profile(*, user, first_name, last_name, language):
    """Save the name and the language a user wants emails and documents in."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.language = language
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "language"])
    return user
